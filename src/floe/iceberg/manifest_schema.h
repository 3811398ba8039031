// The Avro schemas of manifests and manifest lists, with the spec's field ids ("field-id" on
// record fields, "element-id" on lists, "key-id"/"value-id" on the key/value records of maps,
// which are written as arrays of records marked {"logicalType": "map"}, as Iceberg requires
// for maps with int keys).
//
//   manifest_entry (format v2):
//     0 status: int; 1 snapshot_id: [null, long]; 3 sequence_number: [null, long];
//     4 file_sequence_number: [null, long]; 2 data_file: record r2 {
//       134 content: int; 100 file_path: string; 101 file_format: string;
//       102 partition: record r102 {1000+ partition fields, each [null, T]};
//       103 record_count: long; 104 file_size_in_bytes: long;
//       108 column_sizes, 109 value_counts, 110 null_value_counts, 137 nan_value_counts:
//         [null, map<int, long>]; 125 lower_bounds, 128 upper_bounds: [null, map<int, bytes>];
//       131 key_metadata: [null, bytes]; 132 split_offsets: [null, list<133: long>];
//       135 equality_ids: [null, list<136: int>]; 140 sort_order_id: [null, int];
//       143 referenced_data_file: [null, string] }
//   Format v1: snapshot_id is a required long, there are no sequence numbers, no content,
//   equality_ids or referenced_data_file, and data_file has 105 block_size_in_bytes: long.
//
//   manifest_file (manifest list records): 500 manifest_path, 501 manifest_length,
//     502 partition_spec_id, 517 content (v2), 515 sequence_number (v2),
//     516 min_sequence_number (v2), 503 added_snapshot_id, 504-506 added/existing/deleted files
//     count, 512-514 rows counts (optional in v1), 507 partitions: [null, list<508: r508 {
//     509 contains_null, 518 contains_nan, 510 lower_bound, 511 upper_bound}>],
//     519 key_metadata.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "floe/core/result.h"
#include "floe/iceberg/type.h"

namespace floe::iceberg {

// REQUIRES: format_version is 1 or 2. NotSupported for partition types with no Avro form here.
Result<nlohmann::json> ManifestEntryAvroSchema(int format_version,
                                               const StructType& partition_type);
nlohmann::json ManifestFileAvroSchema(int format_version);

// The Avro type of a partition value of `type`: int, long, float, ... with Iceberg's logical
// types (date, time-micros, timestamp-micros with "adjust-to-utc", decimal as fixed, uuid as
// fixed(16)).
Result<nlohmann::json> PartitionValueAvroType(const Type& type);

// Avro names allow [A-Za-z0-9_] and no leading digit; other characters become "_x" + hex, as
// Iceberg's own writers do, so that a partition field named "Breed Name" still makes a schema.
std::string SanitizeAvroName(std::string_view name);

// The size of the Avro fixed that holds any unscaled decimal of `precision` digits.
int32_t DecimalFixedSize(int32_t precision);

}  // namespace floe::iceberg
