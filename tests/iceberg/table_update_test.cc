#include "floe/iceberg/table_update.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "iceberg/test_util.h"
#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsErrorWith;
using ::testing::HasSubstr;
using testing::Json;
using testing::ValueOrDie;

// Each update as a client following the OpenAPI schema writes it; reading and writing it back
// must give the same JSON.
class TableUpdateRoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(TableUpdateRoundTrip, ReadsAndWritesTheOpenApiShape) {
  nlohmann::json expected = Json(GetParam());
  auto update = ValueOrDie(TableUpdate::FromJson(expected));
  EXPECT_EQ(update.action(), expected["action"].get<std::string>());
  EXPECT_EQ(update.ToJson(), expected) << update.ToJson().dump();
  EXPECT_EQ(ValueOrDie(TableUpdate::FromJson(update.ToJson())), update);
}

INSTANTIATE_TEST_SUITE_P(
    TableUpdateJson, TableUpdateRoundTrip,
    ::testing::Values(
        R"({"action": "assign-uuid", "uuid": "4c3a2e1f-7b6d-4e5f-8a9b-0c1d2e3f4a5b"})",
        R"({"action": "upgrade-format-version", "format-version": 2})",
        R"({"action": "add-schema", "last-column-id": 3, "schema": {"type": "struct",
            "schema-id": 1, "identifier-field-ids": [1], "fields": [
            {"id": 1, "name": "id", "required": true, "type": "long"},
            {"id": 3, "name": "data", "required": false, "type": "string"}]}})",
        R"({"action": "add-schema", "schema": {"type": "struct", "schema-id": 0, "fields": [
            {"id": 1, "name": "id", "required": true, "type": "long"}]}})",
        R"({"action": "set-current-schema", "schema-id": -1})",
        R"({"action": "add-spec", "spec": {"spec-id": 1, "fields": [
            {"source-id": 1, "field-id": 1000, "name": "id_bucket", "transform": "bucket[16]"}]}})",
        R"({"action": "set-default-spec", "spec-id": 1})",
        R"({"action": "add-sort-order", "sort-order": {"order-id": 1, "fields": [
            {"transform": "identity", "source-id": 1, "direction": "asc",
             "null-order": "nulls-first"}]}})",
        R"({"action": "set-default-sort-order", "sort-order-id": -1})",
        R"({"action": "add-snapshot", "snapshot": {"snapshot-id": 3055729675574597004,
            "parent-snapshot-id": 3051729675574597004, "sequence-number": 2,
            "timestamp-ms": 1555100955770, "summary": {"operation": "append"},
            "manifest-list": "s3://b/t/metadata/snap-2.avro", "schema-id": 0}})",
        R"({"action": "set-snapshot-ref", "ref-name": "main", "type": "branch",
            "snapshot-id": 3055729675574597004})",
        R"({"action": "set-snapshot-ref", "ref-name": "audit", "type": "branch",
            "snapshot-id": 1, "min-snapshots-to-keep": 2, "max-snapshot-age-ms": 86400000,
            "max-ref-age-ms": 604800000})",
        R"({"action": "set-snapshot-ref", "ref-name": "v1.0", "type": "tag", "snapshot-id": 1,
            "max-ref-age-ms": 604800000})",
        R"({"action": "remove-snapshots", "snapshot-ids": [1, 3055729675574597004]})",
        R"({"action": "remove-snapshot-ref", "ref-name": "audit"})",
        R"({"action": "set-location", "location": "s3://bucket/warehouse/db/t"})",
        R"({"action": "set-properties", "updates": {"owner": "floe", "commit.retry": "4"}})",
        R"({"action": "remove-properties", "removals": ["owner", "x"]})"));

TEST(TableUpdateTest, ExposesTheParsedValues) {
  auto update = ValueOrDie(TableUpdate::FromJson(Json(
      R"({"action": "set-snapshot-ref", "ref-name": "v1", "type": "tag", "snapshot-id": 7})")));
  const auto* set_ref = update.As<SetSnapshotRefUpdate>();
  ASSERT_NE(set_ref, nullptr);
  EXPECT_EQ(set_ref->ref_name, "v1");
  EXPECT_EQ(set_ref->ref.snapshot_id(), 7);
  EXPECT_FALSE(set_ref->ref.is_branch());
  EXPECT_EQ(update.As<AddSchemaUpdate>(), nullptr);

  TableUpdate props = SetPropertiesUpdate{{{"a", "1"}}};
  EXPECT_EQ(props.ToJson(), Json(R"({"action": "set-properties", "updates": {"a": "1"}})"));
}

TEST(TableUpdateTest, UnknownActionNamesIt) {
  EXPECT_THAT(TableUpdate::FromJson(Json(R"({"action": "make-coffee"})")),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("make-coffee")));
  EXPECT_THAT(TableUpdate::FromJson(Json(R"({"action": "set-statistics", "statistics": {}})")),
              IsErrorWith(ErrorKind::kNotSupported, HasSubstr("set-statistics")));
  EXPECT_THAT(TableUpdate::FromJson(Json(R"({"uuid": "x"})")),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("action")));
}

TEST(TableUpdateTest, MissingOrWrongFieldsAreErrors) {
  EXPECT_THAT(TableUpdate::FromJson(Json(R"({"action": "set-current-schema"})")),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("schema-id")));
  EXPECT_THAT(TableUpdate::FromJson(Json(R"({"action": "set-properties", "updates": {"a": 1}})")),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(
      TableUpdate::FromJson(Json(R"({"action": "remove-snapshots", "snapshot-ids": ["1"]})")),
      IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(TableUpdate::FromJson(Json(
                  R"({"action": "set-snapshot-ref", "ref-name": "x", "type": "leaf",
                      "snapshot-id": 1})")),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(TableUpdate::FromJson(Json(R"({"action": "add-schema", "schema": {"type": 3}})")),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("add-schema")));
}

}  // namespace
}  // namespace floe::iceberg
