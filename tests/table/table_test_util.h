// Shared setup for table tests: a SqlCatalog in a fresh temp folder, and batch builders.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "floe/catalog/sql_catalog.h"
#include "floe/columnar/builder.h"
#include "floe/columnar/record_batch.h"
#include "floe/core/uuid.h"
#include "floe/iceberg/schema.h"
#include "floe/io/local_file_io.h"
#include "floe/table/table.h"
#include "floe/table/table_scan.h"
#include "support/matchers.h"

namespace floe::table::testing {

class TableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("floe-table-" + Uuid::Random().ToString());
    std::filesystem::create_directories(dir_);
    auto catalog = catalog::SqlCatalog::Open({.path = (dir_ / "catalog.db").string(),
                                              .warehouse = dir_.string(),
                                              .file_io = std::make_shared<io::LocalFileIO>(false)});
    ASSERT_TRUE(catalog.has_value()) << catalog.error().ToString();
    catalog_ = std::move(catalog).value();
    ASSERT_TRUE(catalog_->CreateNamespace({"db"}, {}).has_value());
  }
  void TearDown() override {
    catalog_.reset();
    std::filesystem::remove_all(dir_);
  }

  static iceberg::Schema EventsSchema() {
    return iceberg::Schema::Make(
               0, {iceberg::NestedField::Required(1, "id", iceberg::PrimitiveType::Long()),
                   iceberg::NestedField::Optional(2, "name", iceberg::PrimitiveType::String()),
                   iceberg::NestedField::Optional(3, "ts", iceberg::PrimitiveType::TimestampTz())})
        .value();
  }

  // Rows (id, name, ts) with ts = id hours after 2024-01-01T00:00Z; name null when id % 5 == 0.
  static columnar::RecordBatch Events(int64_t first, int64_t count) {
    columnar::Int64Builder ids;
    columnar::StringBuilder names;
    columnar::TimestampBuilder ts("UTC");
    constexpr int64_t kJan1 = 1704067200LL * 1'000'000;
    for (int64_t i = first; i < first + count; ++i) {
      EXPECT_TRUE(ids.Append(i).has_value());
      if (i % 5 == 0) {
        EXPECT_TRUE(names.AppendNull().has_value());
      } else {
        EXPECT_TRUE(names.Append("name-" + std::to_string(i)).has_value());
      }
      EXPECT_TRUE(ts.Append(kJan1 + i * 3'600'000'000LL).has_value());
    }
    columnar::Schema schema({columnar::Field("id", columnar::DataType::Int64(), false),
                             columnar::Field("name", columnar::DataType::String()),
                             columnar::Field("ts", columnar::DataType::Timestamp("UTC"))});
    return columnar::RecordBatch::Make(schema, {ids.Finish().value(), names.Finish().value(),
                                                ts.Finish().value()})
        .value();
  }

  iceberg::TableIdentifier Id(const std::string& name) {
    return iceberg::TableIdentifier::Make({"db"}, name).value();
  }

  // Writes `batch` through a DataWriter and appends it.
  static Result<CommitResult> AppendBatch(Table& table, const columnar::RecordBatch& batch) {
    FLOE_ASSIGN_OR_RETURN(auto writer, table.NewDataWriter());
    FLOE_RETURN_IF_ERROR(writer->Write(batch));
    FLOE_ASSIGN_OR_RETURN(auto files, writer->Close());
    return table.Append(std::move(files));
  }

  // Every id a scan returns, sorted.
  static std::vector<int64_t> Ids(const TableScan& scan) {
    auto reader = scan.Open();
    EXPECT_TRUE(reader.has_value()) << reader.error().ToString();
    if (!reader) return {};
    std::vector<int64_t> out;
    while (true) {
      auto batch = (*reader)->Next();
      EXPECT_TRUE(batch.has_value()) << batch.error().ToString();
      if (!batch || !*batch) break;
      int col = (*batch)->schema().GetFieldIndex("id");
      EXPECT_GE(col, 0);
      if (col < 0) break;
      for (int64_t v : (*batch)->column(col).values<int64_t>()) out.push_back(v);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  static std::vector<int64_t> Range(int64_t first, int64_t end) {
    std::vector<int64_t> out;
    for (int64_t i = first; i < end; ++i) out.push_back(i);
    return out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<catalog::SqlCatalog> catalog_;
};

}  // namespace floe::table::testing
