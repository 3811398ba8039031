#include "floe/iceberg/table_requirement.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "iceberg/test_util.h"
#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsErrorWith;
using ::floe::testing::IsOk;
using ::testing::AllOf;
using ::testing::HasSubstr;
using testing::Json;
using testing::ValueOrDie;

// A v2 table: uuid 4c3a..., current schema 1, last column 5, default spec 1, last partition id
// 1001, default sort order 3, main at 3055729675574597004, tag v1.0 at 3051729675574597004.
TableMetadata Fixture() {
  return ValueOrDie(TableMetadata::FromJson(Json(R"({
    "format-version": 2, "table-uuid": "4c3a2e1f-7b6d-4e5f-8a9b-0c1d2e3f4a5b",
    "location": "s3://b/t", "last-sequence-number": 2, "last-updated-ms": 1, "last-column-id": 5,
    "current-schema-id": 1,
    "schemas": [
      {"type": "struct", "schema-id": 0, "fields": [
        {"id": 1, "name": "id", "required": true, "type": "long"}]},
      {"type": "struct", "schema-id": 1, "fields": [
        {"id": 1, "name": "id", "required": true, "type": "long"},
        {"id": 5, "name": "ts", "required": false, "type": "timestamptz"}]}],
    "default-spec-id": 1,
    "partition-specs": [{"spec-id": 0, "fields": []}, {"spec-id": 1, "fields": [
      {"source-id": 5, "field-id": 1001, "name": "ts_day", "transform": "day"}]}],
    "last-partition-id": 1001,
    "default-sort-order-id": 3,
    "sort-orders": [{"order-id": 0, "fields": []}, {"order-id": 3, "fields": [
      {"transform": "identity", "source-id": 1, "direction": "asc", "null-order": "nulls-first"}]}],
    "current-snapshot-id": 3055729675574597004,
    "refs": {"main": {"snapshot-id": 3055729675574597004, "type": "branch"},
             "v1.0": {"snapshot-id": 3051729675574597004, "type": "tag"}},
    "snapshots": [
      {"snapshot-id": 3051729675574597004, "sequence-number": 1, "timestamp-ms": 10,
       "summary": {"operation": "append"}, "manifest-list": "s3://b/t/m1.avro"},
      {"snapshot-id": 3055729675574597004, "sequence-number": 2, "timestamp-ms": 20,
       "summary": {"operation": "append"}, "manifest-list": "s3://b/t/m2.avro"}]
  })")));
}

class TableRequirementRoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(TableRequirementRoundTrip, ReadsAndWritesTheOpenApiShape) {
  nlohmann::json expected = Json(GetParam());
  auto requirement = ValueOrDie(TableRequirement::FromJson(expected));
  EXPECT_EQ(requirement.type(), expected["type"].get<std::string>());
  EXPECT_EQ(requirement.ToJson(), expected) << requirement.ToJson().dump();
  EXPECT_EQ(ValueOrDie(TableRequirement::FromJson(requirement.ToJson())), requirement);
}

INSTANTIATE_TEST_SUITE_P(
    TableRequirementJson, TableRequirementRoundTrip,
    ::testing::Values(
        R"({"type": "assert-create"})",
        R"({"type": "assert-table-uuid", "uuid": "4c3a2e1f-7b6d-4e5f-8a9b-0c1d2e3f4a5b"})",
        R"({"type": "assert-ref-snapshot-id", "ref": "main", "snapshot-id": 3055729675574597004})",
        R"({"type": "assert-ref-snapshot-id", "ref": "main", "snapshot-id": null})",
        R"({"type": "assert-last-assigned-field-id", "last-assigned-field-id": 5})",
        R"({"type": "assert-current-schema-id", "current-schema-id": 1})",
        R"({"type": "assert-last-assigned-partition-id", "last-assigned-partition-id": 1001})",
        R"({"type": "assert-default-spec-id", "default-spec-id": 1})",
        R"({"type": "assert-default-sort-order-id", "default-sort-order-id": 3})"));

TEST(TableRequirementTest, UnknownTypeNamesIt) {
  EXPECT_THAT(TableRequirement::FromJson(Json(R"({"type": "assert-weather"})")),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("assert-weather")));
  EXPECT_THAT(TableRequirement::FromJson(Json(R"({"type": "assert-current-schema-id"})")),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("current-schema-id")));
}

TEST(TableRequirementTest, RefSnapshotIdMayBeLeftOutMeaningNull) {
  auto r = ValueOrDie(
      TableRequirement::FromJson(Json(R"({"type": "assert-ref-snapshot-id", "ref": "b"})")));
  ASSERT_NE(r.As<AssertRefSnapshotId>(), nullptr);
  EXPECT_FALSE(r.As<AssertRefSnapshotId>()->snapshot_id.has_value());
}

TEST(TableRequirementTest, AssertCreate) {
  TableMetadata m = Fixture();
  TableRequirement r = AssertCreate{};
  EXPECT_THAT(r.Validate(nullptr), IsOk());
  EXPECT_THAT(r.Validate(&m), IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("already exists")));
}

TEST(TableRequirementTest, AssertTableUuid) {
  TableMetadata m = Fixture();
  EXPECT_THAT(
      TableRequirement(AssertTableUuid{"4C3A2E1F-7B6D-4E5F-8A9B-0C1D2E3F4A5B"}).Validate(&m),
      IsOk());
  EXPECT_THAT(
      TableRequirement(AssertTableUuid{"00000000-0000-4000-8000-000000000000"}).Validate(&m),
      IsErrorWith(ErrorKind::kCommitFailed,
                  AllOf(HasSubstr("00000000-0000-4000-8000-000000000000"),
                        HasSubstr("4c3a2e1f-7b6d-4e5f-8a9b-0c1d2e3f4a5b"))));
}

TEST(TableRequirementTest, AssertRefSnapshotId) {
  TableMetadata m = Fixture();
  EXPECT_THAT(TableRequirement(AssertRefSnapshotId{"main", 3055729675574597004}).Validate(&m),
              IsOk());
  EXPECT_THAT(TableRequirement(AssertRefSnapshotId{"v1.0", 3051729675574597004}).Validate(&m),
              IsOk());
  EXPECT_THAT(TableRequirement(AssertRefSnapshotId{"dev", std::nullopt}).Validate(&m), IsOk());
  EXPECT_THAT(TableRequirement(AssertRefSnapshotId{"main", 3051729675574597004}).Validate(&m),
              IsErrorWith(ErrorKind::kCommitFailed,
                          AllOf(HasSubstr("main"), HasSubstr("3051729675574597004"),
                                HasSubstr("3055729675574597004"))));
  EXPECT_THAT(TableRequirement(AssertRefSnapshotId{"main", std::nullopt}).Validate(&m),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("absent")));
  EXPECT_THAT(TableRequirement(AssertRefSnapshotId{"dev", 1}).Validate(&m),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("none")));
}

TEST(TableRequirementTest, AssertLastAssignedFieldId) {
  TableMetadata m = Fixture();
  EXPECT_THAT(TableRequirement(AssertLastAssignedFieldId{5}).Validate(&m), IsOk());
  EXPECT_THAT(TableRequirement(AssertLastAssignedFieldId{4}).Validate(&m),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("expected 4, found 5")));
}

TEST(TableRequirementTest, AssertCurrentSchemaId) {
  TableMetadata m = Fixture();
  EXPECT_THAT(TableRequirement(AssertCurrentSchemaId{1}).Validate(&m), IsOk());
  EXPECT_THAT(TableRequirement(AssertCurrentSchemaId{0}).Validate(&m),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("expected 0, found 1")));
}

TEST(TableRequirementTest, AssertLastAssignedPartitionId) {
  TableMetadata m = Fixture();
  EXPECT_THAT(TableRequirement(AssertLastAssignedPartitionId{1001}).Validate(&m), IsOk());
  EXPECT_THAT(TableRequirement(AssertLastAssignedPartitionId{1000}).Validate(&m),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("expected 1000, found 1001")));
}

TEST(TableRequirementTest, AssertDefaultSpecId) {
  TableMetadata m = Fixture();
  EXPECT_THAT(TableRequirement(AssertDefaultSpecId{1}).Validate(&m), IsOk());
  EXPECT_THAT(TableRequirement(AssertDefaultSpecId{0}).Validate(&m),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("expected 0, found 1")));
}

TEST(TableRequirementTest, AssertDefaultSortOrderId) {
  TableMetadata m = Fixture();
  EXPECT_THAT(TableRequirement(AssertDefaultSortOrderId{3}).Validate(&m), IsOk());
  EXPECT_THAT(TableRequirement(AssertDefaultSortOrderId{0}).Validate(&m),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("expected 0, found 3")));
}

TEST(TableRequirementTest, EveryRequirementButCreateFailsWithoutATable) {
  std::vector<TableRequirement> requirements = {
      AssertTableUuid{"4c3a2e1f-7b6d-4e5f-8a9b-0c1d2e3f4a5b"},
      AssertRefSnapshotId{"main", std::nullopt},
      AssertLastAssignedFieldId{0},
      AssertCurrentSchemaId{0},
      AssertLastAssignedPartitionId{999},
      AssertDefaultSpecId{0},
      AssertDefaultSortOrderId{0}};
  for (const auto& r : requirements) {
    EXPECT_THAT(r.Validate(nullptr),
                IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("does not exist")))
        << r.type();
  }
}

}  // namespace
}  // namespace floe::iceberg
