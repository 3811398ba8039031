#include "floe/catalog/catalog_properties.h"

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "floe/catalog/catalog_factory.h"
#include "floe/core/uuid.h"
#include "support/matchers.h"

namespace floe::catalog {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsErrorWith;
using ::floe::testing::IsOk;
using ::testing::HasSubstr;
using ::testing::Not;

class CatalogPropertiesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("floe-props-" + Uuid::Random().ToString());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    auto p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }
  std::filesystem::path dir_;
  char* empty_env_[1] = {nullptr};
};

TEST_F(CatalogPropertiesTest, EmbeddedDefault) {
  auto p = CatalogProperties::Load({.config_file = std::nullopt, .environment = empty_env_});
  ASSERT_THAT(p, IsOk());
  EXPECT_EQ(p->type(), "sql");
  auto cwd = std::filesystem::current_path().string();
  EXPECT_EQ(p->Get("uri"), "sqlite:///" + cwd + "/warehouse/catalog.db");
  EXPECT_EQ(p->Get("warehouse"), cwd + "/warehouse");
}

TEST_F(CatalogPropertiesTest, FileThenEnvironmentThenOverrides) {
  auto file = Write("floe.yaml", R"(
catalog:
  default:
    uri: http://127.0.0.1:8181/api/catalog
    warehouse: lake
    credential: client:very-secret
    scope: PRINCIPAL_ROLE:etl
  other:
    uri: sqlite:///tmp/other.db
)");
  std::string e1 = "FLOE_CATALOG__DEFAULT__SCOPE=PRINCIPAL_ROLE:reader";
  std::string e2 = "FLOE_CATALOG__DEFAULT__S3__ACCESS_KEY_ID=AKIA123";
  std::string e3 = "FLOE_CATALOG__OTHER__URI=ignored-for-default";
  std::string e4 = "HOME=/root";
  char* env[] = {e1.data(), e2.data(), e3.data(), e4.data(), nullptr};
  auto p = CatalogProperties::Load(
      {.config_file = file, .environment = env, .overrides = {{"warehouse", "lake2"}}});
  ASSERT_THAT(p, IsOk());
  EXPECT_EQ(p->type(), "rest");
  EXPECT_EQ(p->Get("uri"), "http://127.0.0.1:8181/api/catalog");
  EXPECT_EQ(p->Get("scope"), "PRINCIPAL_ROLE:reader");
  EXPECT_EQ(p->Get("s3.access-key-id"), "AKIA123");
  EXPECT_EQ(p->Get("warehouse"), "lake2");
  EXPECT_EQ(p->Get("credential"), "client:very-secret");
  EXPECT_THAT(p->ToString(), Not(HasSubstr("very-secret")));
  EXPECT_THAT(p->ToString(), Not(HasSubstr("AKIA123")));
  EXPECT_EQ(p->Redacted().at("credential"), "**********");
  EXPECT_EQ(p->Redacted().at("scope"), "PRINCIPAL_ROLE:reader");
  EXPECT_THAT(OpenCatalog(*p), IsError(ErrorKind::kNotSupported));
}

TEST_F(CatalogPropertiesTest, FileWarehouseMovesTheEmbeddedCatalog) {
  auto file = Write("floe.yaml", "catalog:\n  default:\n    warehouse: " + (dir_ / "wh").string() + "\n");
  auto p = CatalogProperties::Load({.config_file = file, .environment = empty_env_});
  ASSERT_THAT(p, IsOk());
  EXPECT_EQ(p->Get("uri"), "sqlite:///" + (dir_ / "wh" / "catalog.db").string());
  auto catalog = OpenCatalog(*p);
  ASSERT_THAT(catalog, IsOk());
  ASSERT_THAT((*catalog)->CreateNamespace({"bronze"}, {}), IsOk());
  EXPECT_TRUE(std::filesystem::exists(dir_ / "wh" / "catalog.db"));
}

TEST_F(CatalogPropertiesTest, BadFilesAreClearErrors) {
  EXPECT_THAT(CatalogProperties::Load({.config_file = (dir_ / "missing.yaml").string(),
                                       .environment = empty_env_}),
              IsErrorWith(ErrorKind::kNotFound, HasSubstr("missing.yaml")));
  auto typo = Write("typo.yaml", "catalogs:\n  default:\n    uri: x\n");
  EXPECT_THAT(CatalogProperties::Load({.config_file = typo, .environment = empty_env_}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown top-level key 'catalogs'")));
  auto nested = Write("nested.yaml", "catalog:\n  default:\n    uri: [a, b]\n");
  EXPECT_THAT(CatalogProperties::Load({.config_file = nested, .environment = empty_env_}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("catalog.default.uri must be a scalar")));
  auto broken = Write("broken.yaml", "catalog: {default: [\n");
  EXPECT_THAT(CatalogProperties::Load({.config_file = broken, .environment = empty_env_}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("broken.yaml")));
}

TEST(CatalogFactoryTest, SqliteUris) {
  EXPECT_EQ(*SqlitePathFromUri("sqlite:///abs/c.db"), "/abs/c.db");
  EXPECT_EQ(*SqlitePathFromUri("sqlite:rel/c.db"), "rel/c.db");
  EXPECT_EQ(*SqlitePathFromUri("/abs/c.db"), "/abs/c.db");
  EXPECT_THAT(SqlitePathFromUri("postgresql://h/db"), IsError(ErrorKind::kNotSupported));
  EXPECT_THAT(SqlitePathFromUri("sqlite://host/c.db"), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(SqlitePathFromUri(""), IsError(ErrorKind::kInvalidArgument));
}

}  // namespace
}  // namespace floe::catalog
