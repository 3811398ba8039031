// Metrics evaluators: judge a whole data file by its column statistics (the manifest entry's
// value, null and NaN counts and lower/upper bounds, keyed by field id), without reading it.
//
//   InclusiveMetricsEvaluator: false only when no row of the file can match ("rows might
//       match"); scan planning skips the file.
//   StrictMetricsEvaluator: true only when every row of the file matches ("all rows match");
//       overwrite-by-filter can then drop the whole file instead of rewriting it.
//
//   FLOE_ASSIGN_OR_RETURN(auto inclusive, InclusiveMetricsEvaluator::Make(bound_filter));
//   FLOE_ASSIGN_OR_RETURN(bool might, inclusive.MightMatch(metrics));
//
// Both agree with RowEvaluator's SQL semantics: a null (and, for comparisons, a NaN) row never
// satisfies a comparison, so strict answers need null counts of zero (and NaN counts of zero for
// float columns). Missing statistics are unknown, and unknown never prunes (inclusive) nor proves
// (strict). Bounds must be of the column's type; bounds of another type are treated as unknown,
// except int for date or long for timestamp values.
#pragma once

#include <cstdint>
#include <unordered_map>

#include "floe/core/result.h"
#include "floe/iceberg/expression.h"
#include "floe/iceberg/literal.h"

namespace floe::iceberg {

// One data file's statistics, as in its manifest entry.
struct FileMetrics {
  int64_t record_count = -1;                          // -1: unknown
  std::unordered_map<int32_t, int64_t> value_counts;  // including nulls and NaNs
  std::unordered_map<int32_t, int64_t> null_value_counts;
  std::unordered_map<int32_t, int64_t> nan_value_counts;
  std::unordered_map<int32_t, Literal> lower_bounds;  // over non-null, non-NaN values
  std::unordered_map<int32_t, Literal> upper_bounds;
};

class InclusiveMetricsEvaluator {
 public:
  // InvalidArgument when `bound_filter` is not bound.
  static Result<InclusiveMetricsEvaluator> Make(const ExprPtr& bound_filter);
  bool MightMatch(const FileMetrics& metrics) const;

 private:
  explicit InclusiveMetricsEvaluator(ExprPtr expr) : expr_(std::move(expr)) {}
  ExprPtr expr_;  // without nots
};

class StrictMetricsEvaluator {
 public:
  static Result<StrictMetricsEvaluator> Make(const ExprPtr& bound_filter);
  bool AllMatch(const FileMetrics& metrics) const;

 private:
  explicit StrictMetricsEvaluator(ExprPtr expr) : expr_(std::move(expr)) {}
  ExprPtr expr_;  // without nots
};

}  // namespace floe::iceberg
