// RowEvaluator: applies a bound row filter to a columnar RecordBatch, giving which rows match.
// Used by scans to drop the rows of a data file that the filter rejects.
//
//   FLOE_ASSIGN_OR_RETURN(auto eval, RowEvaluator::Make(bound_filter));
//   FLOE_ASSIGN_OR_RETURN(std::vector<uint8_t> selected, eval.Evaluate(batch));  // 1 = match
//   FLOE_ASSIGN_OR_RETURN(std::vector<int64_t> rows, eval.SelectRows(batch));
//
// Columns are found by field id (the batch schema's field ids), else by the top-level column
// name. Each predicate runs as one loop over the column's values (the type switch is done once
// per predicate and batch), then masks out null slots. SQL semantics: a comparison with null is
// false, and nots are pushed into the predicates first, so "not (x < 5)" is "x >= 5" and is
// false for null x too. Float comparisons follow IEEE (NaN is neither less nor greater than any
// value; "!=" holds for NaN).
#pragma once

#include <cstdint>
#include <vector>

#include "floe/columnar/record_batch.h"
#include "floe/core/result.h"
#include "floe/iceberg/expression.h"

namespace floe::iceberg {

class RowEvaluator {
 public:
  // InvalidArgument when `bound_filter` is not bound.
  static Result<RowEvaluator> Make(const ExprPtr& bound_filter);

  // One byte per row, 1 when the row matches. InvalidArgument when a referenced column is
  // missing; NotSupported for a column of a layout that cannot hold the predicate's type.
  Result<std::vector<uint8_t>> Evaluate(const columnar::RecordBatch& batch) const;
  // The indices of the matching rows, ascending.
  Result<std::vector<int64_t>> SelectRows(const columnar::RecordBatch& batch) const;

 private:
  explicit RowEvaluator(ExprPtr expr) : expr_(std::move(expr)) {}

  ExprPtr expr_;  // without nots
};

}  // namespace floe::iceberg
