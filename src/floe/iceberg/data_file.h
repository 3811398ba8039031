// DataFile: what a manifest records about one data or delete file (spec "Data File Fields"):
// its location and format, its partition tuple, its size and row count, and per-column metrics
// keyed by field id. Bounds are kept in their binary single-value form (single_value.h), since
// their types come from the table schema, which a manifest entry does not carry.
//
//   DataFile f;
//   f.file_path = "s3://b/t/data/00000.parquet";
//   f.partition = {Literal::Date(19723)};
//   f.record_count = 10; f.file_size_in_bytes = 1024;
//   FLOE_RETURN_IF_ERROR(f.Validate());
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "floe/core/result.h"
#include "floe/iceberg/literal.h"

namespace floe::iceberg {

// Field 134 "content": what rows the file holds.
enum class DataFileContent : int32_t {
  kData = 0,
  kPositionDeletes = 1,
  kEqualityDeletes = 2,
};

std::string_view DataFileContentName(DataFileContent content);

struct DataFile {
  DataFileContent content = DataFileContent::kData;
  std::string file_path;
  // "PARQUET", "AVRO", "ORC" or "PUFFIN" as writers spell it; readers compare case-insensitively.
  std::string file_format = "PARQUET";
  // One value per partition field of the manifest's spec, in order; null literals for nulls.
  std::vector<Literal> partition;
  int64_t record_count = 0;
  int64_t file_size_in_bytes = 0;
  std::map<int32_t, int64_t> column_sizes;
  std::map<int32_t, int64_t> value_counts;
  std::map<int32_t, int64_t> null_value_counts;
  std::map<int32_t, int64_t> nan_value_counts;
  std::map<int32_t, std::vector<uint8_t>> lower_bounds;
  std::map<int32_t, std::vector<uint8_t>> upper_bounds;
  std::optional<std::vector<uint8_t>> key_metadata;
  std::vector<int64_t> split_offsets;
  // Required (non-empty) for equality deletes, empty otherwise.
  std::vector<int32_t> equality_ids;
  std::optional<int32_t> sort_order_id;
  // v2+: the one data file that all of a position delete file's rows refer to.
  std::optional<std::string> referenced_data_file;

  // A non-empty path, non-negative counts and sizes, sorted split offsets, equality ids exactly
  // for equality deletes.
  Status Validate() const;
  bool operator==(const DataFile& other) const = default;
};

}  // namespace floe::iceberg
