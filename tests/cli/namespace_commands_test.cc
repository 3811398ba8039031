#include "floe/cli/namespace_commands.h"

#include <filesystem>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "floe/core/uuid.h"
#include "support/matchers.h"

namespace floe::cli {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsErrorWith;
using ::floe::testing::IsOk;
using ::testing::HasSubstr;

class NamespaceCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("floe-cli-ns-" + Uuid::Random().ToString());
    ctx_.warehouse = (dir_ / "wh").string();
    ctx_.out = &out_;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Take() {
    std::string s = out_.str();
    out_.str("");
    return s;
  }
  std::filesystem::path dir_;
  std::ostringstream out_;
  CommandContext ctx_;
};

TEST_F(NamespaceCommandsTest, CreateListDescribeDrop) {
  ASSERT_THAT(NamespaceCreate(ctx_, "bronze", {"owner=data-eng", "tier=raw"}), IsOk());
  ASSERT_THAT(NamespaceCreate(ctx_, "bronze.raw", {}), IsOk());
  ASSERT_THAT(NamespaceCreate(ctx_, "gold", {}), IsOk());
  EXPECT_TRUE(std::filesystem::exists(dir_ / "wh" / "catalog.db"));
  Take();
  ASSERT_THAT(NamespaceList(ctx_, ""), IsOk());
  EXPECT_EQ(Take(), "bronze\ngold\n");
  ASSERT_THAT(NamespaceList(ctx_, "bronze"), IsOk());
  EXPECT_EQ(Take(), "bronze.raw\n");
  ASSERT_THAT(NamespaceDescribe(ctx_, "bronze"), IsOk());
  auto text = Take();
  EXPECT_THAT(text, HasSubstr("owner = data-eng"));
  EXPECT_THAT(text, HasSubstr("tier = raw"));

  ctx_.json = true;
  ASSERT_THAT(NamespaceDescribe(ctx_, "bronze"), IsOk());
  auto j = nlohmann::json::parse(Take());
  EXPECT_EQ(j["name"], "bronze");
  EXPECT_EQ(j["properties"]["owner"], "data-eng");
  EXPECT_EQ(j["tables"], nlohmann::json::array());
  ASSERT_THAT(NamespaceList(ctx_, ""), IsOk());
  EXPECT_EQ(nlohmann::json::parse(Take()), nlohmann::json::parse(R"(["bronze","gold"])"));

  EXPECT_THAT(NamespaceDrop(ctx_, "bronze"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("child namespace bronze.raw")));
  ASSERT_THAT(NamespaceDrop(ctx_, "bronze.raw"), IsOk());
  ASSERT_THAT(NamespaceDrop(ctx_, "bronze"), IsOk());
  EXPECT_THAT(NamespaceDescribe(ctx_, "bronze"), IsErrorWith(ErrorKind::kNotFound,
                                                             HasSubstr("bronze does not exist")));
}

TEST_F(NamespaceCommandsTest, BadInput) {
  EXPECT_THAT(NamespaceCreate(ctx_, "a..b", {}), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(NamespaceCreate(ctx_, "a", {"novalue"}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("key=value")));
  EXPECT_THAT(NamespaceCreate(ctx_, "a", {"=x"}), IsError(ErrorKind::kInvalidArgument));
  ASSERT_THAT(NamespaceCreate(ctx_, "a", {"k=v=w"}), IsOk());
  EXPECT_THAT(NamespaceCreate(ctx_, "a", {}), IsError(ErrorKind::kAlreadyExists));
  EXPECT_THAT(NamespaceList(ctx_, "missing"), IsError(ErrorKind::kNotFound));
  EXPECT_EQ(ParseProperties({"k=v=w"})->at("k"), "v=w");
}

}  // namespace
}  // namespace floe::cli
