// FileMetrics: what a finished Parquet file tells the Iceberg layer about itself, per leaf column
// keyed by field id: the inputs of a DataFile's metrics (value, null and NaN counts, column sizes,
// lower and upper bounds) plus the row count, file size and row group split offsets.
//
// Bounds are in Iceberg's single-value binary serialization (column_statistics.h). Bounds are
// full values: truncation (Iceberg's metrics modes) is the table layer's choice. Leaves without a
// field id are left out.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace floe::parquet {

struct ColumnMetrics {
  int32_t field_id = 0;
  // Bytes of the column's chunks in the file (compressed pages with headers).
  int64_t column_size = 0;
  // Level slots: values plus nulls (and empty lists above the leaf).
  int64_t value_count = 0;
  int64_t null_value_count = 0;
  // Only for float and double columns.
  std::optional<int64_t> nan_value_count;
  std::optional<std::string> lower_bound;
  std::optional<std::string> upper_bound;
};

struct FileMetrics {
  int64_t row_count = 0;
  int64_t file_size = 0;
  // File offset of each row group's first page.
  std::vector<int64_t> split_offsets;
  std::map<int32_t, ColumnMetrics> columns;
};

}  // namespace floe::parquet
