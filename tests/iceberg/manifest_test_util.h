// A small table (schema, partition spec, data files) shared by the manifest tests.
#pragma once

#include <gtest/gtest.h>

#include <vector>

#include "floe/iceberg/data_file.h"
#include "floe/iceberg/partition_spec.h"
#include "floe/iceberg/schema.h"

namespace floe::iceberg::testing {

// id long, ts timestamptz, name string, score double; partitioned by day(ts) and identity(name).
inline Schema ManifestTestSchema() {
  auto schema = Schema::Make(3, {NestedField::Required(1, "id", PrimitiveType::Long()),
                                 NestedField::Optional(2, "ts", PrimitiveType::TimestampTz()),
                                 NestedField::Optional(3, "name", PrimitiveType::String()),
                                 NestedField::Optional(4, "score", PrimitiveType::Double())});
  EXPECT_TRUE(schema.has_value());
  return *schema;
}

inline PartitionSpec ManifestTestSpec(const Schema& schema) {
  auto spec = PartitionSpec::Make(schema, 5,
                                  {PartitionField(2, 1000, "ts_day", Transform::Day()),
                                   PartitionField(3, 1001, "name", Transform::Identity())});
  EXPECT_TRUE(spec.has_value());
  return *spec;
}

inline DataFile ManifestTestFile(int n, Literal day, Literal name) {
  DataFile f;
  f.file_path = "s3://bucket/t/data/f" + std::to_string(n) + ".parquet";
  f.file_format = "PARQUET";
  f.partition = {std::move(day), std::move(name)};
  f.record_count = 100 + n;
  f.file_size_in_bytes = 4096 + n;
  f.column_sizes = {{1, 800}, {2, 400}};
  f.value_counts = {{1, 100 + n}, {2, 100 + n}};
  f.null_value_counts = {{1, 0}, {2, 3}};
  f.nan_value_counts = {{4, 1}};
  f.lower_bounds = {{1, {1, 0, 0, 0, 0, 0, 0, 0}}};
  f.upper_bounds = {{1, {9, 0, 0, 0, 0, 0, 0, 0}}};
  f.split_offsets = {4, 1000};
  f.sort_order_id = 0;
  return f;
}

}  // namespace floe::iceberg::testing
