// Reads the Parquet data files of the shared fixture tables (written by Spark, Iceberg Java and
// Athena) and checks their row counts against the footers and known values.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "floe/format/parquet/file_reader.h"
#include "support/matchers.h"

namespace floe::parquet {
namespace {

using ::floe::testing::IsOk;

std::optional<std::filesystem::path> FixturesDir() {
  const char* dir = std::getenv("FLOE_FIXTURES");
  if (dir == nullptr || *dir == '\0' || !std::filesystem::is_directory(dir)) return std::nullopt;
  return std::filesystem::path(dir);
}

std::vector<std::filesystem::path> ParquetFiles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() && e.path().extension() == ".parquet") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

int64_t CountRows(const std::filesystem::path& path, int64_t* footer_rows) {
  auto input = LocalFileInput::Open(path.string());
  EXPECT_THAT(input, IsOk());
  if (!input.has_value()) return -1;
  auto reader = FileReader::Open(std::move(*input));
  EXPECT_THAT(reader, IsOk()) << path;
  if (!reader.has_value()) return -1;
  *footer_rows = (*reader)->num_rows();
  int64_t rows = 0;
  while (true) {
    auto batch = (*reader)->Next();
    EXPECT_THAT(batch, IsOk()) << path;
    if (!batch.has_value() || !batch->has_value()) break;
    EXPECT_THAT((*batch)->column(0).ValidateFull(), IsOk());
    rows += (*batch)->num_rows();
  }
  return rows;
}

TEST(ParquetFixtureFilesTest, EveryFixtureFileReadsWithItsRowCount) {
  auto dir = FixturesDir();
  if (!dir) GTEST_SKIP() << "FLOE_FIXTURES is not set to the shared fixtures folder";
  auto files = ParquetFiles(*dir);
  if (files.empty()) GTEST_SKIP() << "no .parquet files under " << *dir;
  for (const auto& f : files) {
    int64_t footer_rows = -1;
    int64_t rows = CountRows(f, &footer_rows);
    EXPECT_EQ(rows, footer_rows) << f;
    EXPECT_GT(rows, 0) << f;
  }
}

TEST(ParquetFixtureFilesTest, JavaBunniesInitialFileHas21RowsWithFieldIds) {
  auto dir = FixturesDir();
  if (!dir) GTEST_SKIP() << "FLOE_FIXTURES is not set to the shared fixtures folder";
  auto path =
      *dir / "icebird-test-files/hyperparam-iceberg/java/bunnies/data/bunnies-initial.parquet";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "missing " << path;
  int64_t footer_rows = -1;
  EXPECT_EQ(CountRows(path, &footer_rows), 21);
  auto input = LocalFileInput::Open(path.string());
  ASSERT_THAT(input, IsOk());
  auto reader = FileReader::Open(std::move(*input));
  ASSERT_THAT(reader, IsOk());
  // Iceberg writers put a field id on every column.
  for (const columnar::Field& f : (*reader)->schema().fields()) {
    EXPECT_TRUE(f.field_id().has_value()) << f.name();
  }
}

}  // namespace
}  // namespace floe::parquet
