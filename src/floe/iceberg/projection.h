// Projection of a row filter onto a PartitionSpec (spec "Scan Planning"): turns a bound filter
// on table columns into a filter on partition values, so that whole files can be judged by
// their partition tuple.
//
//   inclusive: every row that matches the row filter lies in a partition that matches the
//              projection (used to prune files that cannot hold matching rows);
//   strict:    every row of a partition that matches the projection matches the row filter
//              (used by overwrite-by-filter to find files wholly inside the filter).
//
//   FLOE_ASSIGN_OR_RETURN(ExprPtr part, ProjectInclusive(bound_filter, spec));
//   // ts >= X on day(ts) becomes ts_day >= day(X); id = 5 on bucket(16, id) becomes
//   // id_bucket = bucket(5); id > 5 on bucket(16, id) becomes true.
//
// The projected predicates are bound to the partition fields: Reference{partition field name,
// partition field id, transform result type}. Rules per transform: identity keeps the predicate;
// bucket projects = and in (inclusive) and != and not in (strict); truncate and the time
// transforms (year, month, day, hour) project comparisons through the transform, adjusting the
// bound by one where the comparison is strict; truncate on strings also projects starts-with;
// is-null and not-null carry over for every transform but void; void and unknown transforms
// project to true (inclusive) and false (strict). When several partition fields share a source
// column, inclusive projections are and-ed and strict ones or-ed.
// Known gap: Iceberg Java widens inclusive time projections of pre-1970 values by one unit to
// undo an old writer's bug; floe does not.
#pragma once

#include "floe/core/result.h"
#include "floe/iceberg/expression.h"
#include "floe/iceberg/partition_spec.h"

namespace floe::iceberg {

// REQUIRES: `bound_filter` is bound (else InvalidArgument).
Result<ExprPtr> ProjectInclusive(const ExprPtr& bound_filter, const PartitionSpec& spec);
Result<ExprPtr> ProjectStrict(const ExprPtr& bound_filter, const PartitionSpec& spec);

}  // namespace floe::iceberg
