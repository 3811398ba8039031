// Reading the Iceberg tables that Spark, Iceberg Java and Athena wrote ($FLOE_FIXTURES, see
// SOURCES.txt there), with their s3 locations mapped to the local copy: live row counts (the
// same icebird gives, tests/interop/icebird_fixtures.test.mjs), position deletes applied, a
// renamed column found by id, and time travel to an older version.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "floe/catalog/metadata_files.h"
#include "floe/io/local_file_io.h"
#include "floe/io/prefix_mapping_file_io.h"
#include "floe/table/table_scan.h"
#include "support/matchers.h"

namespace floe::table {
namespace {

class FixtureTablesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* env = std::getenv("FLOE_FIXTURES");
    if (env == nullptr || *env == '\0') GTEST_SKIP() << "FLOE_FIXTURES is not set";
    root_ = std::filesystem::path(env) / "icebird-test-files" / "hyperparam-iceberg";
    if (!std::filesystem::exists(root_)) GTEST_SKIP() << "no fixture tables at " << root_;
    const std::string local = root_.string() + "/";
    io_ = std::make_shared<io::PrefixMappingFileIO>(
        std::make_shared<io::LocalFileIO>(),
        std::map<std::string, std::string>{{"s3://hyperparam-iceberg/", local},
                                           {"s3a://hyperparam-iceberg/", local}});
  }

  TableScan Scan(const std::string& table, const std::string& file) {
    auto metadata = catalog::ReadTableMetadata(*io_, (root_ / table / "metadata" / file).string());
    EXPECT_TRUE(metadata.has_value()) << metadata.error().ToString();
    return TableScan(std::make_shared<const iceberg::TableMetadata>(std::move(metadata).value()),
                     io_);
  }

  static int64_t CountRows(const TableScan& scan, std::vector<std::string>* first_column = nullptr) {
    auto reader = scan.Open();
    EXPECT_TRUE(reader.has_value()) << reader.error().ToString();
    if (!reader) return -1;
    int64_t rows = 0;
    while (true) {
      auto batch = (*reader)->Next();
      EXPECT_TRUE(batch.has_value()) << batch.error().ToString();
      if (!batch || !*batch) break;
      rows += (*batch)->num_rows();
      if (first_column != nullptr) {
        const auto& col = (*batch)->column(0);
        for (int64_t i = 0; i < col.length(); ++i) {
          first_column->push_back(col.IsNull(i) ? "null" : std::string(col.GetView(i)));
        }
      }
    }
    return rows;
  }

  std::filesystem::path root_;
  std::shared_ptr<io::FileIO> io_;
};

TEST_F(FixtureTablesTest, LiveRowCounts) {
  EXPECT_EQ(CountRows(Scan("spark/bunnies", "v5.metadata.json")), 20);
  EXPECT_EQ(CountRows(Scan("java/bunnies", "v5.metadata.json")), 15);
  EXPECT_EQ(CountRows(Scan("spark/rename_column", "v3.metadata.json")), 4);
  EXPECT_EQ(CountRows(Scan("athena/example",
                           "00001-aaf0d033-d06b-43c7-be60-67f83abd4aca.metadata.json")),
            2);
}

TEST_F(FixtureTablesTest, PositionDeletesAreApplied) {
  std::vector<std::string> breeds;
  EXPECT_EQ(CountRows(Scan("spark/bunnies", "v5.metadata.json").Select({"Breed Name"}), &breeds),
            20);
  EXPECT_THAT(breeds, ::testing::Not(::testing::Contains("Holland Lop")));
  EXPECT_THAT(breeds, ::testing::Contains("Netherland Dwarf"));
  // java/bunnies: versions 1 to 5 hold 0, 21, 21, 15 and 15 live rows (v4 deleted six).
  const int64_t expected[] = {0, 21, 21, 15, 15};
  for (int v = 1; v <= 5; ++v) {
    EXPECT_EQ(CountRows(Scan("java/bunnies", "v" + std::to_string(v) + ".metadata.json")),
              expected[v - 1])
        << "version " << v;
  }
}

TEST_F(FixtureTablesTest, RenamedColumnIsFoundById) {
  auto scan = Scan("spark/rename_column", "v3.metadata.json");
  FLOE_ASSERT_OK_AND_ASSIGN(auto schema, scan.ScanSchema());
  ASSERT_TRUE(schema.FindFieldByName("event_date").has_value());
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, scan.Select({"event_date"}).Open());
  FLOE_ASSERT_OK_AND_ASSIGN(auto batches, reader->ReadAll());
  int64_t non_null = 0;
  for (const auto& b : batches) non_null += b.num_rows() - b.column(0).null_count();
  // Three of the four rows have a date (Cottontail's is null, as icebird also reads it); read by
  // name, the old files' column "date" would give none.
  EXPECT_EQ(non_null, 3) << "the renamed column's values come from the old files by field id";
}

TEST_F(FixtureTablesTest, FilterPrunesAndAppliesToFixtureRows) {
  auto all = Scan("java/bunnies", "v5.metadata.json");
  FLOE_ASSERT_OK_AND_ASSIGN(auto schema, all.ScanSchema());
  std::string name = schema.fields()[0].name();
  std::vector<std::string> first;
  ASSERT_EQ(CountRows(all, &first), 15);
  auto filter = iceberg::Equal(name, iceberg::Literal::String(first[0]));
  EXPECT_EQ(CountRows(Scan("java/bunnies", "v5.metadata.json").Filter(filter)), 1);
}

}  // namespace
}  // namespace floe::table
