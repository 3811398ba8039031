#include "floe/catalog/polaris_catalog_config.h"

#include <sstream>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "floe/catalog/namespace_info.h"
#include "support/matchers.h"

namespace floe::polaris {
namespace {

using ::floe::testing::IsErrorWith;
using ::floe::testing::IsOk;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSecret = "very-secret-client-secret";
constexpr const char* kToken = "eyJhbGciOi-token-value";

TEST(PolarisCatalogConfigTest, SeedDefaults) {
  auto c = PolarisCatalogConfig::Make(
      {.uri = "http://127.0.0.1:8181/api/catalog", .warehouse = "lake", .token = SecretString(kToken)});
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->scope(), "PRINCIPAL_ROLE:ALL");
  EXPECT_TRUE(c->token_refresh_enabled());
  EXPECT_EQ(c->access_delegation(), "vended-credentials");
  EXPECT_EQ(c->retry(), RetryConfig());
  EXPECT_EQ(c->client_id(), std::nullopt);
  EXPECT_EQ(c->client_secret(), std::nullopt);
  EXPECT_FALSE(c->has_client_credentials());
}

TEST(PolarisCatalogConfigTest, NeedsClientCredentialsOrToken) {
  const auto rule = HasSubstr("either (client_id + client_secret) or token");
  EXPECT_THAT(PolarisCatalogConfig::Make({.uri = "u", .warehouse = "w"}),
              IsErrorWith(ErrorKind::kInvalidArgument, rule));
  EXPECT_THAT(PolarisCatalogConfig::Make({.uri = "u", .warehouse = "w", .client_id = "id"}),
              IsErrorWith(ErrorKind::kInvalidArgument, rule));
  EXPECT_THAT(PolarisCatalogConfig::Make(
                  {.uri = "u", .warehouse = "w", .client_secret = SecretString(kSecret)}),
              IsErrorWith(ErrorKind::kInvalidArgument, rule));
  EXPECT_THAT(PolarisCatalogConfig::Make({.uri = "u",
                                          .warehouse = "w",
                                          .client_id = "id",
                                          .client_secret = SecretString(kSecret)}),
              IsOk());
  EXPECT_THAT(PolarisCatalogConfig::Make({.uri = "u", .warehouse = "w", .token = SecretString(kToken)}),
              IsOk());
  // A token with half the credentials is still enough.
  EXPECT_THAT(PolarisCatalogConfig::Make(
                  {.uri = "u", .warehouse = "w", .client_id = "id", .token = SecretString(kToken)}),
              IsOk());
}

TEST(PolarisCatalogConfigTest, UriAndWarehouseRequired) {
  EXPECT_THAT(PolarisCatalogConfig::Make({.warehouse = "w", .token = SecretString(kToken)}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("uri is required")));
  EXPECT_THAT(PolarisCatalogConfig::Make({.uri = "u", .token = SecretString(kToken)}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("warehouse is required")));
  EXPECT_THAT(PolarisCatalogConfig::FromJson(nlohmann::json{{"uri", "u"}, {"token", "t"}}),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          HasSubstr("PolarisCatalogConfig.warehouse: field required")));
}

TEST(PolarisCatalogConfigTest, SecretsNeverPrinted) {
  auto c = PolarisCatalogConfig::Make({.uri = "http://h",
                                       .warehouse = "w",
                                       .client_id = "my-client",
                                       .client_secret = SecretString(kSecret),
                                       .token = SecretString(kToken)});
  ASSERT_THAT(c, IsOk());
  std::ostringstream os;
  os << *c;
  const std::string forms[] = {c->ToString(), c->ToJson().dump(), os.str(),
                               fmt::format("{}", c->client_secret().value())};
  for (const auto& text : forms) {
    EXPECT_THAT(text, Not(HasSubstr(kSecret)));
    EXPECT_THAT(text, Not(HasSubstr(kToken)));
  }
  EXPECT_THAT(c->ToString(), HasSubstr("client_secret=**********"));
  EXPECT_THAT(c->ToString(), HasSubstr("my-client"));
  EXPECT_EQ(c->ToJson()["client_secret"], "**********");
  EXPECT_EQ(c->ToJson()["token"], "**********");
  EXPECT_EQ(c->client_secret()->reveal(), kSecret);
}

TEST(PolarisCatalogConfigTest, ErrorsDoNotEchoSecrets) {
  // A wrong type next to a secret: the message names the field, not the values.
  auto j = nlohmann::json{{"uri", "u"}, {"warehouse", "w"}, {"client_secret", kSecret},
                          {"client_id", 12}};
  auto r = PolarisCatalogConfig::FromJson(j);
  ASSERT_THAT(r, IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("client_id")));
  EXPECT_THAT(r.error().ToString(), Not(HasSubstr(kSecret)));
  EXPECT_THAT(r.error().detail().message(), Not(HasSubstr(kSecret)));
  auto y = PolarisCatalogConfig::FromYaml(std::string("uri: u\nwarehouse: w\ntoken: ") + kToken +
                                          "\ntokn: x\n");
  ASSERT_FALSE(y.has_value());
  EXPECT_THAT(y.error().ToString(), Not(HasSubstr(kToken)));
}

TEST(PolarisCatalogConfigTest, JsonStrictAndNested) {
  auto j = nlohmann::json::parse(R"({"uri":"http://h","warehouse":"w","client_id":"id",
      "client_secret":"s","scope":"PRINCIPAL_ROLE:etl","token_refresh_enabled":false,
      "access_delegation":"remote-signing","retry":{"max_attempts":6}})");
  auto c = PolarisCatalogConfig::FromJson(j);
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->scope(), "PRINCIPAL_ROLE:etl");
  EXPECT_FALSE(c->token_refresh_enabled());
  EXPECT_EQ(c->access_delegation(), "remote-signing");
  EXPECT_EQ(c->retry().max_attempts(), 6);
  EXPECT_EQ(c->client_secret()->reveal(), "s");

  j["retry"]["max_attempts"] = 0;
  EXPECT_THAT(PolarisCatalogConfig::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          HasSubstr("PolarisCatalogConfig.retry: RetryConfig.max_attempts")));
  j["retry"] = nlohmann::json{{"attempts", 2}};
  EXPECT_THAT(PolarisCatalogConfig::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown field 'attempts'")));
  j.erase("retry");
  j["extra"] = "x";
  EXPECT_THAT(PolarisCatalogConfig::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown field 'extra'")));
  j.erase("extra");
  j["token_refresh_enabled"] = "yes";
  EXPECT_THAT(PolarisCatalogConfig::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          HasSubstr("token_refresh_enabled: expected a boolean")));
}

TEST(PolarisCatalogConfigTest, SerializationRoundTripsExceptSecrets) {
  auto c = PolarisCatalogConfig::Make({.uri = "http://h", .warehouse = "w", .client_id = "id",
                                       .client_secret = SecretString(kSecret)});
  ASSERT_THAT(c, IsOk());
  auto back = PolarisCatalogConfig::FromJson(c->ToJson());
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->uri(), c->uri());
  EXPECT_EQ(back->retry(), c->retry());
  // Serialized secrets are masked, so they do not come back.
  EXPECT_EQ(back->client_secret()->reveal(), "**********");
}

TEST(PolarisCatalogConfigTest, Yaml) {
  auto c = PolarisCatalogConfig::FromYaml(R"(
uri: http://127.0.0.1:8181/api/catalog
warehouse: lake
client_id: etl
client_secret: s3cr3t
retry:
  max_attempts: 4
  jitter_seconds: 0
)");
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->retry().max_attempts(), 4);
  EXPECT_TRUE(c->has_client_credentials());
}

TEST(NamespaceInfoTest, DefaultsNestingAndValidation) {
  auto n = NamespaceInfo::Make({.name = "bronze.raw"});
  ASSERT_THAT(n, IsOk());
  EXPECT_TRUE(n->properties().empty());
  EXPECT_TRUE(n->tables().empty());
  EXPECT_EQ(n->levels(), (std::vector<std::string>{"bronze", "raw"}));
  EXPECT_THAT(NamespaceInfo::Make({.name = ""}), IsErrorWith(ErrorKind::kInvalidArgument,
                                                             HasSubstr("must not be empty")));
  EXPECT_THAT(NamespaceInfo::Make({.name = "bronze..raw"}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("empty level")));
}

TEST(NamespaceInfoTest, JsonRoundTripAndStrictness) {
  auto j = nlohmann::json::parse(
      R"({"name":"gold","properties":{"owner":"data-eng"},"tables":["daily","weekly"]})");
  auto n = NamespaceInfo::FromJson(j);
  ASSERT_THAT(n, IsOk());
  EXPECT_EQ(n->properties().at("owner"), "data-eng");
  EXPECT_EQ(n->ToJson(), j);
  j["properties"]["n"] = 1;
  EXPECT_THAT(NamespaceInfo::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          HasSubstr("NamespaceInfo.properties['n']: expected a string")));
  j.erase("properties");
  j["tables"] = "daily";
  EXPECT_THAT(NamespaceInfo::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("tables: expected an array")));
  EXPECT_THAT(NamespaceInfo::FromYaml("name: x\nowner: me\n"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown field 'owner'")));
  EXPECT_THAT(NamespaceInfo::FromYaml("tables: [a]\n"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("name: field required")));
}

}  // namespace
}  // namespace floe::polaris
