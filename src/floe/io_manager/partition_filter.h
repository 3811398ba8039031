// PartitionRowFilter: the rows of one partition of an asset, as an (unbound) row filter, so that
// an overwrite replaces exactly that partition and a read prunes files to it.
//
//   FLOE_ASSIGN_OR_RETURN(ExprPtr filter, PartitionRowFilter(PartitionKey{"2024-01-02"},
//                                                             table.schema(), spec));
//   // day(ts) spec: ts >= 2024-01-02T00:00:00+00:00 and ts < 2024-01-03T00:00:00+00:00
//
// The column: `column` when given, else taken from the spec: for a static key, its one identity
// field, or failing that its one time field (year, month, day or hour); for a time window, its
// one time field, or failing that its one identity field on a date or timestamp column. Anything
// else is ambiguous and an error asking for the partition column.
//
// The filter:
// - a static key on a column partitioned by a time transform is that period: "2024" (year),
//   "2024-01" (month), "2024-01-02" (day), "2024-01-02-10:00" or "2024-01-02T10:00:00" (hour,
//   Dagster's and ISO forms); it must be the start of one period of the transform;
// - any other static key is "column = key" (the text converted to the column's type);
// - a time window is "column >= start and column < end" on a timestamp column, or the days it
//   covers on a date column (the window must then start and end at midnight).
#pragma once

#include <optional>
#include <string>

#include "floe/core/result.h"
#include "floe/iceberg/expression.h"
#include "floe/iceberg/partition_spec.h"
#include "floe/iceberg/schema.h"
#include "floe/io_manager/io_context.h"

namespace floe::iceberg {

struct PartitionFilter {
  ExprPtr filter;      // unbound
  std::string column;  // the top-level column it tests
};

Result<PartitionFilter> PartitionRowFilter(const PartitionKey& key, const Schema& schema,
                                           const PartitionSpec& spec,
                                           const std::optional<std::string>& column = std::nullopt);

}  // namespace floe::iceberg
