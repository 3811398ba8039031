// The seed's IO manager models: WriteMode, IcebergIOManagerConfig, MaterializationMetadata.
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "floe/io_manager/io_manager_config.h"
#include "floe/io_manager/materialization_metadata.h"
#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using ::floe::testing::IsErrorWith;
using ::floe::testing::IsOk;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(WriteModeTest, Values) {
  EXPECT_EQ(WriteModeName(WriteMode::kAppend), "append");
  EXPECT_EQ(WriteModeName(WriteMode::kOverwrite), "overwrite");
  EXPECT_EQ(*ParseWriteMode("overwrite"), WriteMode::kOverwrite);
  EXPECT_THAT(ParseWriteMode("APPEND"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown write mode 'APPEND'")));
}

TEST(IcebergIOManagerConfigTest, SeedDefaults) {
  auto c = IcebergIOManagerConfig::FromJson(
      nlohmann::json{{"catalog_uri", "http://127.0.0.1:8181/api/catalog"}, {"warehouse", "lake"}});
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->default_namespace(), "public");
  EXPECT_EQ(c->write_mode(), WriteMode::kAppend);
  EXPECT_TRUE(c->schema_evolution_enabled());
  EXPECT_TRUE(c->column_projection_enabled());
  EXPECT_EQ(c->client_id(), std::nullopt);
  EXPECT_EQ(c->client_secret(), std::nullopt);
  EXPECT_EQ(c->token(), std::nullopt);
  EXPECT_EQ(c->scope(), "PRINCIPAL_ROLE:ALL");
  EXPECT_EQ(c->retry(), polaris::RetryConfig());
}

TEST(IcebergIOManagerConfigTest, RequiredFieldsAndStrictness) {
  EXPECT_THAT(IcebergIOManagerConfig::FromJson(nlohmann::json{{"warehouse", "w"}}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("catalog_uri: field required")));
  EXPECT_THAT(IcebergIOManagerConfig::Make({.catalog_uri = "u"}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("warehouse is required")));
  EXPECT_THAT(IcebergIOManagerConfig::Make({.catalog_uri = "u", .warehouse = "w", .default_namespace = ""}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("default_namespace")));
  auto j = nlohmann::json{{"catalog_uri", "u"}, {"warehouse", "w"}, {"write_mod", "append"}};
  EXPECT_THAT(IcebergIOManagerConfig::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown field 'write_mod'")));
  j.erase("write_mod");
  j["write_mode"] = "upsert";
  EXPECT_THAT(IcebergIOManagerConfig::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          HasSubstr("IcebergIOManagerConfig.write_mode: unknown write mode 'upsert'")));
  j["write_mode"] = "overwrite";
  j["schema_evolution_enabled"] = 1;
  EXPECT_THAT(IcebergIOManagerConfig::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          HasSubstr("schema_evolution_enabled: expected a boolean")));
  j["schema_evolution_enabled"] = false;
  j["retry"] = nlohmann::json{{"jitter_seconds", 11}};
  EXPECT_THAT(IcebergIOManagerConfig::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("jitter_seconds must be between 0 and 10")));
}

TEST(IcebergIOManagerConfigTest, YamlRoundTripAndRedaction) {
  auto c = IcebergIOManagerConfig::FromYaml(R"(
catalog_uri: http://127.0.0.1:8181/api/catalog
warehouse: lake
default_namespace: bronze
write_mode: overwrite
column_projection_enabled: false
client_id: etl
client_secret: the-client-secret
token: the-token
retry: {max_attempts: 2}
)");
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->write_mode(), WriteMode::kOverwrite);
  EXPECT_FALSE(c->column_projection_enabled());
  EXPECT_EQ(c->retry().max_attempts(), 2);
  EXPECT_EQ(c->client_secret()->reveal(), "the-client-secret");
  std::ostringstream os;
  os << *c;
  for (const std::string& text : {c->ToString(), c->ToJson().dump(), os.str()}) {
    EXPECT_THAT(text, Not(HasSubstr("the-client-secret")));
    EXPECT_THAT(text, Not(HasSubstr("the-token")));
    EXPECT_THAT(text, HasSubstr("**********"));
  }
  auto back = IcebergIOManagerConfig::FromJson(c->ToJson());
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->write_mode(), c->write_mode());
  EXPECT_EQ(back->default_namespace(), "bronze");
  EXPECT_EQ(back->retry(), c->retry());
}

TEST(MaterializationMetadataTest, DefaultsAndNumRowsBoundary) {
  auto m = MaterializationMetadata::Make(
      {.table = "bronze.events", .num_rows = 0, .snapshot_id = 7, .write_mode = WriteMode::kAppend});
  ASSERT_THAT(m, IsOk());
  EXPECT_EQ(m->partition_key(), std::nullopt);
  EXPECT_FALSE(m->schema_evolved());
  EXPECT_THAT(MaterializationMetadata::Make({.table = "t", .num_rows = -1, .snapshot_id = 1}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("num_rows must be >= 0, got -1")));
  EXPECT_THAT(MaterializationMetadata::Make({.table = "", .num_rows = 1, .snapshot_id = 1}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("table")));
}

TEST(MaterializationMetadataTest, JsonRoundTripAndStrictness) {
  auto j = nlohmann::json::parse(R"({"table":"bronze.events","num_rows":1000,
      "snapshot_id":5012345678901234567,"write_mode":"overwrite","partition_key":"2024-01-01",
      "schema_evolved":true})");
  auto m = MaterializationMetadata::FromJson(j);
  ASSERT_THAT(m, IsOk());
  EXPECT_EQ(m->snapshot_id(), 5012345678901234567);
  EXPECT_EQ(m->partition_key(), "2024-01-01");
  EXPECT_EQ(m->ToJson(), j);
  EXPECT_THAT(m->ToString(), HasSubstr("write_mode=overwrite"));
  j["num_rows"] = -5;
  EXPECT_THAT(MaterializationMetadata::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("num_rows must be >= 0")));
  j["num_rows"] = 5;
  j["rows"] = 5;
  EXPECT_THAT(MaterializationMetadata::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown field 'rows'")));
  EXPECT_THAT(MaterializationMetadata::FromYaml("table: t\nnum_rows: 1\nwrite_mode: append\n"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("snapshot_id: field required")));
}

}  // namespace
}  // namespace floe::iceberg
