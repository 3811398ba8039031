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

TEST_F(DemoTest, CreatesWarehouseAndReportsAssets) {
  std::ostringstream out;
  ASSERT_THAT(RunDemo({.warehouse = (dir_ / "wh").string(), .json = true}, out), IsOk());
  EXPECT_TRUE(std::filesystem::is_directory(dir_ / "wh"));
  auto report = nlohmann::json::parse(out.str());
  EXPECT_EQ(report["config"]["default_namespace"], "demo");
  EXPECT_EQ(report["config"]["write_mode"], "append");
  ASSERT_EQ(report["assets"].size(), 3u);
  EXPECT_EQ(report["assets"][0]["table"], "bronze.raw_events");
  EXPECT_EQ(report["assets"][0]["partition_by"][1], "bucket[16](id) as id_bucket");
  EXPECT_EQ(report["assets"][1]["table"], "silver.events_clean");
  EXPECT_EQ(report["assets"][2]["table"], "demo.daily_totals");
  EXPECT_EQ(report["commit_retry_backoff_seconds"], nlohmann::json::parse("[1.0, 2.0]"));
}

TEST_F(DemoTest, PlainOutputNamesTheCatalog) {
  std::ostringstream out;
  ASSERT_THAT(RunDemo({.warehouse = (dir_ / "wh").string()}, out), IsOk());
  EXPECT_THAT(out.str(), ::testing::HasSubstr("catalog.db"));
  EXPECT_THAT(out.str(), ::testing::HasSubstr("bronze.raw_events"));
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
