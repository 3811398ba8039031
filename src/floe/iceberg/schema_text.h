// Text forms a person types: a schema for `floe table create --schema` and a partition
// expression for `--partition-by` (and the IO manager's per-asset partition expression).
//
//   ParseSchemaText("id long not null, name string, ts timestamptz, price decimal(10, 2)")
//   ParsePartitionExpression("day(ts), bucket(16, id), truncate(4, name), region")
//
// Schema text: comma-separated "name type [not null]" columns with Iceberg's primitive type
// names (boolean, int, long, float, double, decimal(P,S), date, time, timestamp, timestamptz,
// string, uuid, fixed[L], binary; also the aliases integer, bigint, int64, int32, float64,
// text and bool). Column ids are 1..n. Partition expression: comma-separated terms, each a
// bare column (identity) or identity|year|month|day|hour(col), bucket(N, col), truncate(W, col),
// optionally followed by "as name". Errors (InvalidArgument) quote the offending term.
#pragma once

#include <string_view>
#include <vector>

#include "floe/core/result.h"
#include "floe/iceberg/partition_spec.h"
#include "floe/iceberg/partition_transform.h"
#include "floe/iceberg/schema.h"

namespace floe::iceberg {

Result<Schema> ParseSchemaText(std::string_view text);

Result<std::vector<PartitionTransform>> ParsePartitionExpression(std::string_view text);

// A spec (id 0, field ids from 1000) for `schema` from transforms; errors name unknown source
// columns and transforms the column's type does not take.
Result<PartitionSpec> MakePartitionSpec(const Schema& schema,
                                        const std::vector<PartitionTransform>& transforms);

}  // namespace floe::iceberg
