#include "floe/iceberg/table_metadata_builder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "floe/core/uuid.h"
#include "iceberg/test_util.h"
#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsErrorWith;
using ::floe::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Json;
using testing::ValueOrDie;

constexpr int64_t kNow = 1'700'000'000'000;

nlohmann::json ResourceJson(const char* name) {
  std::filesystem::path root =
      std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
  if (const char* env = std::getenv("FLOE_SOURCE_DIR"); env != nullptr && *env != '\0') {
    root = env;
  }
  std::ifstream in(root / "tests" / "resources" / "iceberg" / name);
  std::stringstream ss;
  ss << in.rdbuf();
  return nlohmann::json::parse(ss.str());
}

Schema TwoColumns() {
  return ValueOrDie(Schema::Make(0, {NestedField::Required(1, "id", PrimitiveType::Long()),
                                     NestedField::Optional(2, "data", PrimitiveType::String())}));
}

Snapshot MakeSnapshot(int64_t id, std::optional<int64_t> parent, int64_t sequence_number,
                      int64_t timestamp_ms) {
  Snapshot::Fields f;
  f.snapshot_id = id;
  f.parent_snapshot_id = parent;
  f.sequence_number = sequence_number;
  f.timestamp_ms = timestamp_ms;
  f.manifest_list = "s3://b/t/metadata/snap-" + std::to_string(id) + ".avro";
  f.summary = std::map<std::string, std::string>{{"operation", "append"}};
  return ValueOrDie(Snapshot::Make(std::move(f)));
}

// A new empty table at s3://b/t with TwoColumns.
TableMetadata NewTable() {
  auto builder = ValueOrDie(TableMetadataBuilder::ForNewTable(
      TwoColumns(), PartitionSpec::Unpartitioned(), SortOrder::Unsorted(), "s3://b/t", {}));
  builder.SetTimestampMs(kNow);
  return ValueOrDie(builder.Build());
}

TEST(TableMetadataBuilderTest, CreatesATableWithFreshIds) {
  // Ids that mean nothing yet: columns 7 and 9, a partition field 5000, sort order 4.
  auto schema =
      ValueOrDie(Schema::Make(3, {NestedField::Required(7, "id", PrimitiveType::Long()),
                                  NestedField::Optional(9, "ts", PrimitiveType::TimestampTz())}));
  auto spec = ValueOrDie(
      PartitionSpec::Make(schema, 4, {PartitionField(9, 5000, "ts_day", Transform::Day())}));
  auto order = ValueOrDie(SortOrder::Make(
      schema, 4,
      {SortField(7, Transform::Identity(), SortDirection::kAsc, NullOrder::kNullsFirst)}));
  ManualClock clock;
  auto builder = ValueOrDie(
      TableMetadataBuilder::ForNewTable(schema, spec, order, "s3://b/t", {{"owner", "floe"}}));
  builder.SetClock(&clock);
  auto m = ValueOrDie(builder.Build());

  EXPECT_EQ(m.format_version(), 2);
  ASSERT_TRUE(m.table_uuid().has_value());
  EXPECT_THAT(Uuid::Parse(*m.table_uuid()), IsOk());
  EXPECT_EQ(m.location(), "s3://b/t");
  EXPECT_EQ(m.last_updated_ms(), 1'700'000'000'000);
  EXPECT_EQ(m.current_schema().schema_id(), 0);
  EXPECT_EQ(m.current_schema().fields()[0].id(), 1);
  EXPECT_EQ(m.current_schema().fields()[1].id(), 2);
  EXPECT_EQ(m.last_column_id(), 2);
  EXPECT_EQ(m.default_spec().spec_id(), 0);
  ASSERT_EQ(m.default_spec().fields().size(), 1u);
  EXPECT_EQ(m.default_spec().fields()[0].source_id(), 2);
  EXPECT_EQ(m.default_spec().fields()[0].field_id(), 1000);
  EXPECT_EQ(m.last_partition_id(), 1000);
  EXPECT_EQ(m.default_sort_order().order_id(), 1);
  EXPECT_EQ(m.default_sort_order().fields()[0].source_id(), 1);
  EXPECT_EQ(m.properties().at("owner"), "floe");
  EXPECT_EQ(m.current_snapshot(), nullptr);
  EXPECT_EQ(m.last_sequence_number(), 0);

  // The changes are what a REST create sends, and replaying them gives the same table.
  std::vector<std::string> actions;
  for (const auto& c : builder.changes()) actions.emplace_back(c.action());
  EXPECT_THAT(actions,
              ElementsAre("assign-uuid", "upgrade-format-version", "add-schema",
                          "set-current-schema", "add-spec", "set-default-spec", "add-sort-order",
                          "set-default-sort-order", "set-location", "set-properties"));
  std::vector<TableRequirement> requirements = {AssertCreate{}};
  auto replayed =
      ValueOrDie(ApplyCommit(nullptr, requirements, builder.changes(), {.clock = &clock}));
  EXPECT_EQ(replayed, m);
}

TEST(TableMetadataBuilderTest, UnsortedNewTableUsesOrderZero) {
  TableMetadata m = NewTable();
  EXPECT_EQ(m.default_sort_order().order_id(), 0);
  EXPECT_TRUE(m.default_spec().is_unpartitioned());
  EXPECT_EQ(m.last_updated_ms(), kNow);
}

TEST(TableMetadataBuilderTest, CreateFromRestUpdatesWithLastAddedIds) {
  auto updates_json = Json(R"([
    {"action": "assign-uuid", "uuid": "9c12d441-03fe-4693-9a96-a0705ddf69c1"},
    {"action": "upgrade-format-version", "format-version": 1},
    {"action": "add-schema", "schema": {"type": "struct", "schema-id": 0, "fields": [
      {"id": 1, "name": "x", "required": true, "type": "long"}]}, "last-column-id": 1},
    {"action": "set-current-schema", "schema-id": -1},
    {"action": "add-spec", "spec": {"spec-id": 0, "fields": [
      {"source-id": 1, "field-id": 1000, "name": "x", "transform": "identity"}]}},
    {"action": "set-default-spec", "spec-id": -1},
    {"action": "add-sort-order", "sort-order": {"order-id": 0, "fields": []}},
    {"action": "set-default-sort-order", "sort-order-id": -1},
    {"action": "set-location", "location": "s3://b/events"},
    {"action": "set-properties", "updates": {"owner": "floe"}}])");
  std::vector<TableUpdate> updates;
  for (const auto& u : updates_json) updates.push_back(ValueOrDie(TableUpdate::FromJson(u)));
  auto m = ValueOrDie(ApplyCommit(nullptr, std::vector<TableRequirement>{AssertCreate{}}, updates,
                                  {.timestamp_ms = kNow}));
  EXPECT_EQ(m.format_version(), 1);
  EXPECT_EQ(m.table_uuid(), "9c12d441-03fe-4693-9a96-a0705ddf69c1");
  EXPECT_EQ(m.default_spec().fields()[0].name(), "x");
  EXPECT_EQ(m.last_partition_id(), 1000);
  EXPECT_EQ(m.properties().at("owner"), "floe");
}

TEST(TableMetadataBuilderTest, NewTableNeedsASchema) {
  TableMetadataBuilder builder;
  ASSERT_THAT(builder.SetLocation("s3://b/t"), IsOk());
  EXPECT_THAT(builder.Build(), IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("schema")));
  EXPECT_THAT(builder.SetCurrentSchema(kLastAdded), IsError(ErrorKind::kInvalidArgument));
}

TEST(TableMetadataBuilderTest, AddSchemaSnapshotAndMainRef) {
  TableMetadata base = NewTable();
  TableMetadataBuilder builder(base);
  builder.SetTimestampMs(kNow + 1000);
  builder.SetPreviousMetadataLocation("s3://b/t/metadata/00000-a.metadata.json");

  auto wider =
      ValueOrDie(Schema::Make(0, {NestedField::Required(1, "id", PrimitiveType::Long()),
                                  NestedField::Optional(2, "data", PrimitiveType::String()),
                                  NestedField::Optional(3, "extra", PrimitiveType::Int())}));
  ASSERT_THAT(builder.Apply(AddSchemaUpdate{wider, 3}), IsOk());
  ASSERT_THAT(builder.Apply(SetCurrentSchemaUpdate{kLastAdded}), IsOk());
  ASSERT_THAT(builder.Apply(AddSnapshotUpdate{MakeSnapshot(11, std::nullopt, 1, kNow + 500)}),
              IsOk());
  ASSERT_THAT(builder.Apply(SetSnapshotRefUpdate{"main", SnapshotRef::Branch(11)}), IsOk());
  auto m = ValueOrDie(builder.Build());

  EXPECT_EQ(m.current_schema().schema_id(), 1);
  EXPECT_EQ(m.schemas().size(), 2u);
  EXPECT_EQ(m.last_column_id(), 3);
  ASSERT_NE(m.current_snapshot(), nullptr);
  EXPECT_EQ(m.current_snapshot()->snapshot_id(), 11);
  EXPECT_EQ(m.last_sequence_number(), 1);
  EXPECT_EQ(m.refs().at("main").snapshot_id(), 11);
  EXPECT_THAT(m.fields().snapshot_log, ElementsAre(SnapshotLogEntry{kNow + 500, 11}));
  EXPECT_THAT(m.fields().metadata_log,
              ElementsAre(MetadataLogEntry{kNow, "s3://b/t/metadata/00000-a.metadata.json"}));
  EXPECT_EQ(m.last_updated_ms(), kNow + 1000);

  // A second commit moves main and logs again; the JSON survives a round trip.
  TableMetadataBuilder next(m);
  next.SetTimestampMs(kNow + 3000);
  ASSERT_THAT(next.AddSnapshot(MakeSnapshot(12, 11, 2, kNow + 2000)), IsOk());
  ASSERT_THAT(next.SetRef("main", SnapshotRef::Branch(12)), IsOk());
  auto m2 = ValueOrDie(next.Build());
  EXPECT_EQ(m2.current_snapshot()->snapshot_id(), 12);
  EXPECT_EQ(m2.last_sequence_number(), 2);
  EXPECT_THAT(m2.fields().snapshot_log,
              ElementsAre(SnapshotLogEntry{kNow + 500, 11}, SnapshotLogEntry{kNow + 2000, 12}));
  EXPECT_EQ(ValueOrDie(TableMetadata::FromJson(m2.ToJson())), m2);
}

TEST(TableMetadataBuilderTest, IdenticalSchemaIsReused) {
  TableMetadata base = NewTable();
  TableMetadataBuilder builder(base);
  ASSERT_THAT(builder.AddSchema(TwoColumns().WithSchemaId(42)), IsOk());
  ASSERT_THAT(builder.SetCurrentSchema(kLastAdded), IsOk());
  EXPECT_TRUE(builder.changes().empty());
  auto m = ValueOrDie(builder.Build());
  EXPECT_EQ(m.schemas().size(), 1u);
  EXPECT_EQ(m, base);  // nothing changed
}

TEST(TableMetadataBuilderTest, LastColumnIdOnlyGrows) {
  TableMetadata base = NewTable();
  TableMetadataBuilder builder(base);
  EXPECT_THAT(builder.AddSchema(TwoColumns(), 1),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("only grow")));
  auto schema = ValueOrDie(Schema::Make(0, {NestedField::Required(1, "id", PrimitiveType::Long()),
                                            NestedField::Optional(8, "z", PrimitiveType::Int())}));
  EXPECT_THAT(builder.AddSchema(schema, 5),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("highest field id 8")));
  ASSERT_THAT(builder.AddSchema(schema), IsOk());
  EXPECT_EQ(ValueOrDie(builder.Build()).last_column_id(), 8);
}

TEST(TableMetadataBuilderTest, StaleSequenceNumberIsRefused) {
  TableMetadata base = NewTable();
  TableMetadataBuilder builder(base);
  ASSERT_THAT(builder.AddSnapshot(MakeSnapshot(1, std::nullopt, 1, kNow)), IsOk());
  EXPECT_THAT(builder.AddSnapshot(MakeSnapshot(2, 1, 1, kNow)),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("last sequence number 1")));
  EXPECT_THAT(builder.AddSnapshot(MakeSnapshot(1, std::nullopt, 5, kNow)),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("already exists")));
  EXPECT_THAT(builder.SetRef("main", SnapshotRef::Branch(99)),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown snapshot 99")));
  auto tag = ValueOrDie(SnapshotRef::Make({1, SnapshotRefType::kTag, {}, {}, {}}));
  EXPECT_THAT(builder.SetRef("main", tag), IsError(ErrorKind::kInvalidArgument));
}

TEST(TableMetadataBuilderTest, RemovingSnapshotsDropsTheirRefs) {
  auto base = ValueOrDie(TableMetadata::FromJson(ResourceJson("table_metadata_v2.json")));
  constexpr int64_t kFirst = 3051729675574597004;
  constexpr int64_t kSecond = 3055729675574597004;
  TableMetadataBuilder builder(base);
  builder.SetTimestampMs(kNow);
  ASSERT_THAT(builder.Apply(RemoveSnapshotsUpdate{{kFirst, 12345}}), IsOk());
  auto m = ValueOrDie(builder.Build());
  EXPECT_EQ(m.snapshots().size(), 1u);
  EXPECT_EQ(m.refs().size(), 1u);  // "audit" and "v1.0" pointed at the first snapshot
  EXPECT_TRUE(m.refs().contains("main"));
  EXPECT_EQ(m.current_snapshot()->snapshot_id(), kSecond);
  EXPECT_THAT(m.fields().snapshot_log, ElementsAre(SnapshotLogEntry{1555100955770, kSecond}));
  const auto* removed = builder.changes()[0].As<RemoveSnapshotsUpdate>();
  ASSERT_NE(removed, nullptr);
  EXPECT_THAT(removed->snapshot_ids, ElementsAre(kFirst));

  // Removing the current snapshot leaves the table without one.
  TableMetadataBuilder all(m);
  ASSERT_THAT(all.RemoveSnapshots(std::vector<int64_t>{kSecond}), IsOk());
  auto empty = ValueOrDie(all.Build());
  EXPECT_EQ(empty.current_snapshot(), nullptr);
  EXPECT_TRUE(empty.refs().empty());
  EXPECT_TRUE(empty.fields().snapshot_log.empty());
}

TEST(TableMetadataBuilderTest, RemovingMainRefClearsCurrentSnapshot) {
  auto base = ValueOrDie(TableMetadata::FromJson(ResourceJson("table_metadata_v2.json")));
  TableMetadataBuilder builder(base);
  ASSERT_THAT(builder.Apply(RemoveSnapshotRefUpdate{"main"}), IsOk());
  ASSERT_THAT(builder.Apply(RemoveSnapshotRefUpdate{"no-such-ref"}), IsOk());
  auto m = ValueOrDie(builder.Build());
  EXPECT_EQ(m.current_snapshot(), nullptr);
  EXPECT_EQ(m.snapshots().size(), 2u);
  EXPECT_FALSE(m.refs().contains("main"));
}

TEST(TableMetadataBuilderTest, AppliesToTheV2Fixture) {
  auto base = ValueOrDie(TableMetadata::FromJson(ResourceJson("table_metadata_v2.json")));
  std::vector<TableRequirement> requirements = {
      AssertTableUuid{"4c3a2e1f-7b6d-4e5f-8a9b-0c1d2e3f4a5b"},
      AssertRefSnapshotId{"main", 3055729675574597004},
      AssertCurrentSchemaId{1},
      AssertLastAssignedFieldId{5},
      AssertDefaultSpecId{1},
      AssertLastAssignedPartitionId{1001},
      AssertDefaultSortOrderId{3}};
  std::vector<TableUpdate> updates = {
      AddSnapshotUpdate{MakeSnapshot(77, 3055729675574597004, 35, kNow)},
      SetSnapshotRefUpdate{"main", SnapshotRef::Branch(77)},
      SetPropertiesUpdate{{{"commit.retry.num-retries", "3"}}},
      RemovePropertiesUpdate{{"write.format.default"}},
      SetLocationUpdate{"s3://bucket/moved/orders"}};
  auto m = ValueOrDie(ApplyCommit(
      &base, requirements, updates,
      {.timestamp_ms = kNow + 1, .previous_metadata_location = "s3://x/v2.metadata.json"}));
  EXPECT_EQ(m.current_snapshot()->snapshot_id(), 77);
  EXPECT_EQ(m.last_sequence_number(), 35);
  EXPECT_EQ(m.fields().snapshot_log.size(), 3u);
  EXPECT_EQ(m.fields().metadata_log.size(), 2u);
  EXPECT_EQ(m.fields().metadata_log.back(),
            (MetadataLogEntry{1602638573590, "s3://x/v2.metadata.json"}));
  EXPECT_EQ(m.properties().size(), 1u);
  EXPECT_EQ(m.location(), "s3://bucket/moved/orders");
  EXPECT_EQ(m.last_updated_ms(), kNow + 1);
  EXPECT_EQ(m.ToJson()["x-vendor-extension"], base.ToJson()["x-vendor-extension"]);
  // The stale commit: same requirements against the new metadata.
  EXPECT_THAT(ApplyCommit(&m, requirements, updates),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("main")));
  // A stale sequence number without a ref requirement.
  std::vector<TableUpdate> stale = {
      AddSnapshotUpdate{MakeSnapshot(78, 3055729675574597004, 35, kNow)}};
  EXPECT_THAT(ApplyCommit(&m, {}, stale),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("add-snapshot")));
}

// One passing and one failing commit per requirement kind.
TEST(TableMetadataBuilderTest, ApplyCommitChecksEachRequirement) {
  auto base = ValueOrDie(TableMetadata::FromJson(ResourceJson("table_metadata_v2.json")));
  std::vector<TableUpdate> updates = {SetPropertiesUpdate{{{"k", "v"}}}};
  struct Case {
    TableRequirement pass;
    TableRequirement fail;
  };
  std::vector<Case> cases = {
      {AssertTableUuid{"4c3a2e1f-7b6d-4e5f-8a9b-0c1d2e3f4a5b"},
       AssertTableUuid{"9c12d441-03fe-4693-9a96-a0705ddf69c1"}},
      {AssertRefSnapshotId{"audit", 3051729675574597004},
       AssertRefSnapshotId{"audit", std::nullopt}},
      {AssertLastAssignedFieldId{5}, AssertLastAssignedFieldId{6}},
      {AssertCurrentSchemaId{1}, AssertCurrentSchemaId{0}},
      {AssertLastAssignedPartitionId{1001}, AssertLastAssignedPartitionId{1000}},
      {AssertDefaultSpecId{1}, AssertDefaultSpecId{0}},
      {AssertDefaultSortOrderId{3}, AssertDefaultSortOrderId{0}}};
  for (const auto& c : cases) {
    auto ok = ApplyCommit(&base, std::vector<TableRequirement>{c.pass}, updates);
    ASSERT_THAT(ok, IsOk()) << c.pass.type();
    EXPECT_EQ(ok->properties().at("k"), "v");
    EXPECT_THAT(ApplyCommit(&base, std::vector<TableRequirement>{c.fail}, updates),
                IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("expected")))
        << c.fail.type();
    EXPECT_THAT(ApplyCommit(nullptr, std::vector<TableRequirement>{c.pass}, updates),
                IsError(ErrorKind::kCommitFailed))
        << c.pass.type();
  }
  EXPECT_THAT(ApplyCommit(&base, std::vector<TableRequirement>{AssertCreate{}}, updates),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("already exists")));
}

TEST(TableMetadataBuilderTest, UpgradesTheV1Fixture) {
  auto base = ValueOrDie(TableMetadata::FromJson(ResourceJson("table_metadata_v1.json")));
  std::vector<TableUpdate> updates = {
      UpgradeFormatVersionUpdate{2},
      AddSnapshotUpdate{MakeSnapshot(5, 3055729675574597004, 1, kNow)},
      SetSnapshotRefUpdate{"main", SnapshotRef::Branch(5)}};
  auto m = ValueOrDie(ApplyCommit(&base, {}, updates, {.timestamp_ms = kNow}));
  EXPECT_EQ(m.format_version(), 2);
  EXPECT_EQ(m.table_uuid(), "9c12d441-03fe-4693-9a96-a0705ddf69c1");
  EXPECT_EQ(m.last_sequence_number(), 1);
  EXPECT_EQ(m.SnapshotById(3051729675574597004)->sequence_number(), 0);
  EXPECT_TRUE(m.SnapshotById(3051729675574597004)->has_sequence_number());
  EXPECT_EQ(m.current_snapshot()->snapshot_id(), 5);
  EXPECT_EQ(ValueOrDie(TableMetadata::FromJson(m.ToJson())), m);

  // Never downgrades; v3 is not supported.
  EXPECT_THAT(ApplyCommit(&m, {}, std::vector<TableUpdate>{UpgradeFormatVersionUpdate{1}}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("downgrade")));
  EXPECT_THAT(ApplyCommit(&m, {}, std::vector<TableUpdate>{UpgradeFormatVersionUpdate{3}}),
              IsError(ErrorKind::kNotSupported));
}

TEST(TableMetadataBuilderTest, AppliesToTheV1FixtureWithoutSequenceNumbers) {
  auto base = ValueOrDie(TableMetadata::FromJson(ResourceJson("table_metadata_v1.json")));
  auto spec = ValueOrDie(PartitionSpec::MakeUnchecked(
      0, {PartitionField(2, 1001, "y_bucket", ValueOrDie(Transform::Bucket(8)))}));
  TableMetadataBuilder builder(base);
  builder.SetTimestampMs(kNow);
  ASSERT_THAT(builder.AddPartitionSpec(spec), IsOk());
  ASSERT_THAT(builder.SetDefaultSpec(kLastAdded), IsOk());
  ASSERT_THAT(builder.RemoveProperties(std::vector<std::string>{"owner"}), IsOk());
  auto m = ValueOrDie(builder.Build());
  EXPECT_EQ(m.format_version(), 1);
  EXPECT_EQ(m.default_spec().spec_id(), 1);
  EXPECT_EQ(m.last_partition_id(), 1001);
  EXPECT_TRUE(m.properties().empty());
  EXPECT_EQ(ValueOrDie(TableMetadata::FromJson(m.ToJson())), m);
}

TEST(TableMetadataBuilderTest, SortOrdersAndSpecsAreReusedAndNumbered) {
  TableMetadata base = NewTable();
  TableMetadataBuilder builder(base);
  auto order = ValueOrDie(SortOrder::MakeUnchecked(
      9, {SortField(1, Transform::Identity(), SortDirection::kDesc, NullOrder::kNullsLast)}));
  ASSERT_THAT(builder.AddSortOrder(order), IsOk());
  ASSERT_THAT(builder.AddSortOrder(order), IsOk());
  ASSERT_THAT(builder.SetDefaultSortOrder(kLastAdded), IsOk());
  auto bad = ValueOrDie(SortOrder::MakeUnchecked(
      2, {SortField(40, Transform::Identity(), SortDirection::kAsc, NullOrder::kNullsLast)}));
  EXPECT_THAT(builder.AddSortOrder(bad), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(builder.SetDefaultSpec(5), IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("5")));
  auto m = ValueOrDie(builder.Build());
  EXPECT_EQ(m.sort_orders().size(), 2u);
  EXPECT_EQ(m.default_sort_order().order_id(), 1);
}

TEST(TableMetadataBuilderTest, AssignUuidNeverChangesAnExistingTable) {
  TableMetadata base = NewTable();
  TableMetadataBuilder builder(base);
  EXPECT_THAT(builder.AssignUuid(*base.table_uuid()), IsOk());
  EXPECT_THAT(builder.AssignUuid("9c12d441-03fe-4693-9a96-a0705ddf69c1"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("reassign")));
  EXPECT_THAT(builder.AssignUuid("not-a-uuid"), IsError(ErrorKind::kInvalidArgument));
}

TEST(TableMetadataBuilderTest, MetadataLogIsTrimmed) {
  TableMetadata m = NewTable();
  for (int i = 0; i < 4; ++i) {
    TableMetadataBuilder builder(m);
    builder.SetTimestampMs(kNow + i);
    builder.SetPreviousMetadataLocation("s3://b/t/metadata/v" + std::to_string(i));
    ASSERT_THAT(builder.SetProperties(
                    {{"write.metadata.previous-versions-max", "2"}, {"n", std::to_string(i)}}),
                IsOk());
    m = ValueOrDie(builder.Build());
  }
  EXPECT_THAT(m.fields().metadata_log,
              ElementsAre(MetadataLogEntry{kNow + 1, "s3://b/t/metadata/v2"},
                          MetadataLogEntry{kNow + 2, "s3://b/t/metadata/v3"}));
}

}  // namespace
}  // namespace floe::iceberg
