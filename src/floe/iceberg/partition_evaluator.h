// PartitionEvaluator: decides from a data file's partition tuple whether the file may hold rows
// matching a row filter (inclusive projection) or holds only such rows (strict projection).
// Used by scan planning to prune files and by overwrite-by-filter to drop whole files.
//
//   FLOE_ASSIGN_OR_RETURN(auto eval, PartitionEvaluator::Make(bound_filter, spec));
//   FLOE_ASSIGN_OR_RETURN(bool may_match, eval.MightMatch(file.partition));
//   FLOE_ASSIGN_OR_RETURN(bool all_match, eval.AllMatch(file.partition));
//
// A partition tuple holds one Literal per spec field, in the spec's order; nulls are allowed
// and, as in SQL, compare false (is-null tests them). Values are compared with the projected
// literals by CompareLiteralValues; an int value is accepted where a date is expected and a long
// where a timestamp is (some writers keep the physical type).
#pragma once

#include <vector>

#include "floe/core/result.h"
#include "floe/iceberg/expression.h"
#include "floe/iceberg/literal.h"
#include "floe/iceberg/partition_spec.h"

namespace floe::iceberg {

class PartitionEvaluator {
 public:
  // REQUIRES: `bound_filter` is bound to the table schema the spec was built on.
  static Result<PartitionEvaluator> Make(const ExprPtr& bound_filter, const PartitionSpec& spec);

  const ExprPtr& inclusive() const { return inclusive_; }
  const ExprPtr& strict() const { return strict_; }

  // InvalidArgument when the tuple's size differs from the spec's field count or a value's type
  // cannot be compared with the projected literal.
  Result<bool> MightMatch(const std::vector<Literal>& partition) const;
  Result<bool> AllMatch(const std::vector<Literal>& partition) const;

  // Evaluates a filter bound to partition fields (as the projections are) against a tuple.
  static Result<bool> Evaluate(const Expression& partition_filter, const PartitionSpec& spec,
                               const std::vector<Literal>& partition);

 private:
  PartitionEvaluator(PartitionSpec spec, ExprPtr inclusive, ExprPtr strict)
      : spec_(std::move(spec)), inclusive_(std::move(inclusive)), strict_(std::move(strict)) {}

  PartitionSpec spec_;
  ExprPtr inclusive_;
  ExprPtr strict_;
};

}  // namespace floe::iceberg
