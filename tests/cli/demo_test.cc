#include "floe/cli/demo.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/matchers.h"

namespace floe::cli {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsOk;

class DemoTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("floe-demo-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(DemoTest, RunsThePipelineThroughTheIoManager) {
  std::ostringstream out;
  ASSERT_THAT(RunDemo({.warehouse = (dir_ / "wh").string(), .json = true}, out), IsOk());
  EXPECT_TRUE(std::filesystem::is_regular_file(dir_ / "wh" / "catalog.db"));
  auto report = nlohmann::json::parse(out.str());
  const auto& runs = report["materializations"];
  ASSERT_EQ(runs.size(), 8u);
  EXPECT_EQ(runs[0]["metadata"]["table"], "bronze.raw_events");
  EXPECT_EQ(runs[0]["metadata"]["partition_key"], "2024-01-01");
  EXPECT_EQ(runs[0]["metadata"]["num_rows"], 1000);
  EXPECT_EQ(runs[3]["metadata"]["write_mode"], "overwrite");
  // The cleaned table's third run adds a column.
  EXPECT_EQ(runs[5]["metadata"]["schema_evolved"], false);
  EXPECT_EQ(runs[6]["metadata"]["table"], "silver.events_clean");
  EXPECT_EQ(runs[6]["metadata"]["schema_evolved"], true);
  EXPECT_EQ(runs[7]["metadata"]["table"], "demo.daily_totals");
  EXPECT_EQ(runs[7]["metadata"]["num_rows"], 3);
  EXPECT_EQ(report["columns_read_for_daily_totals"], 2);
  // Day 2's 1000 rows were replaced by 800: 2800 now, 3000 before.
  EXPECT_EQ(report["raw_rows_now"], 2800);
  EXPECT_EQ(report["raw_rows_before_correction"], 3000);
  EXPECT_EQ(report["snapshots"]["bronze.raw_events"].size(), 4u);
  // Running it again gives the same story (the tables start afresh).
  std::ostringstream again;
  ASSERT_THAT(RunDemo({.warehouse = (dir_ / "wh").string(), .json = true}, again), IsOk());
  EXPECT_EQ(nlohmann::json::parse(again.str())["raw_rows_now"], 2800);
}

TEST_F(DemoTest, PlainOutputTellsTheStory) {
  std::ostringstream out;
  ASSERT_THAT(RunDemo({.warehouse = (dir_ / "wh").string()}, out), IsOk());
  EXPECT_THAT(out.str(), ::testing::HasSubstr("catalog.db"));
  EXPECT_THAT(out.str(), ::testing::HasSubstr("bronze.raw_events"));
  EXPECT_THAT(out.str(), ::testing::HasSubstr("schema_evolved=true"));
  EXPECT_THAT(out.str(), ::testing::HasSubstr("(3 rows)"));
}

TEST_F(DemoTest, UnwritableWarehouseIsAnIoError) {
  std::filesystem::create_directories(dir_);
  std::ofstream(dir_ / "file") << "x";
  std::ostringstream out;
  EXPECT_THAT(RunDemo({.warehouse = (dir_ / "file" / "wh").string()}, out),
              IsError(ErrorKind::kIo));
}

}  // namespace
}  // namespace floe::cli
