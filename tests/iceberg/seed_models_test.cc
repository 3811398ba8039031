// The seed's floe-iceberg models: TableIdentifier, PartitionTransform, SnapshotInfo.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "floe/iceberg/partition_transform.h"
#include "floe/iceberg/snapshot.h"
#include "floe/iceberg/snapshot_info.h"
#include "floe/iceberg/table_identifier.h"
#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using ::floe::testing::IsErrorWith;
using ::floe::testing::IsOk;
using ::testing::HasSubstr;
using Strings = std::vector<std::string>;

TEST(TableIdentifierTest, SeedExamples) {
  EXPECT_EQ(TableIdentifier::Make({"bronze"}, "customers")->full_name(), "bronze.customers");
  auto daily = TableIdentifier::FromString("gold.metrics.daily");
  ASSERT_THAT(daily, IsOk());
  EXPECT_EQ(daily->namespace_levels(), (Strings{"gold", "metrics"}));
  EXPECT_EQ(daily->name(), "daily");
  EXPECT_EQ(TableIdentifier::FromAssetKey({"bronze", "raw_events"})->full_name(),
            "bronze.raw_events");
}

TEST(TableIdentifierTest, AssetKeys) {
  auto one = TableIdentifier::FromAssetKey({"events"});
  ASSERT_THAT(one, IsOk());
  EXPECT_EQ(one->namespace_levels(), (Strings{"public"}));
  EXPECT_EQ(one->name(), "events");
  EXPECT_EQ(TableIdentifier::FromAssetKey({"events"}, "staging")->full_name(), "staging.events");
  auto deep = TableIdentifier::FromAssetKey({"silver", "orders", "by_day"});
  EXPECT_EQ(deep->namespace_levels(), (Strings{"silver"}));
  EXPECT_EQ(deep->name(), "orders_by_day");
  EXPECT_THAT(TableIdentifier::FromAssetKey({}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("at least one part")));
  EXPECT_THAT(TableIdentifier::FromAssetKey({"bronze", ""}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("empty part")));
  EXPECT_THAT(TableIdentifier::FromAssetKey({"x"}, ""),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("default namespace")));
}

TEST(TableIdentifierTest, FromStringEdges) {
  auto bare = TableIdentifier::FromString("events");
  ASSERT_THAT(bare, IsOk());
  EXPECT_TRUE(bare->namespace_levels().empty());
  EXPECT_EQ(bare->full_name(), "events");
  for (const char* bad : {"", ".", "a.", ".a", "a..b"}) {
    EXPECT_THAT(TableIdentifier::FromString(bad), IsErrorWith(ErrorKind::kInvalidArgument,
                                                              ::testing::_))
        << "'" << bad << "'";
  }
  EXPECT_THAT(TableIdentifier::Make({"a", ""}, "t"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("namespace level 1")));
  EXPECT_THAT(TableIdentifier::Make({"a"}, ""),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("name must not be empty")));
}

TEST(TableIdentifierTest, JsonRoundTripAndStrictness) {
  auto id = *TableIdentifier::FromString("bronze.raw.events");
  EXPECT_EQ(id.ToJson(), nlohmann::json::parse(R"({"namespace":["bronze","raw"],"name":"events"})"));
  EXPECT_EQ(*TableIdentifier::FromJson(id.ToJson()), id);
  EXPECT_EQ(id.namespace_name(), "bronze.raw");
  EXPECT_THAT(TableIdentifier::FromJson(nlohmann::json{{"namespace", {"a"}}, {"name", "t"}, {"x", 1}}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown field 'x'")));
  EXPECT_THAT(TableIdentifier::FromJson(nlohmann::json{{"namespace", "a"}, {"name", "t"}}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("namespace: expected an array")));
  auto y = TableIdentifier::FromYaml("namespace: [gold]\nname: daily\n");
  ASSERT_THAT(y, IsOk());
  EXPECT_EQ(y->full_name(), "gold.daily");
}

TEST(PartitionTransformTest, SeedRules) {
  using T = PartitionTransformType;
  EXPECT_THAT(PartitionTransform::Make({.source_column = "id", .transform_type = T::kBucket}),
              IsErrorWith(ErrorKind::kInvalidArgument, "num_buckets required for BUCKET transform"));
  EXPECT_THAT(PartitionTransform::Make({.source_column = "s", .transform_type = T::kTruncate}),
              IsErrorWith(ErrorKind::kInvalidArgument, "width required for TRUNCATE transform"));
  EXPECT_THAT(PartitionTransform::Make(
                  {.source_column = "id", .transform_type = T::kBucket, .num_buckets = 0}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("num_buckets must be >= 1")));
  EXPECT_THAT(PartitionTransform::Make(
                  {.source_column = "id", .transform_type = T::kBucket, .num_buckets = 1}),
              IsOk());
  EXPECT_THAT(PartitionTransform::Make({.source_column = "s", .transform_type = T::kTruncate, .width = 0}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("width must be >= 1")));
  EXPECT_THAT(PartitionTransform::Make({.source_column = "s", .transform_type = T::kTruncate, .width = 1}),
              IsOk());
  EXPECT_THAT(PartitionTransform::Make({.source_column = "", .transform_type = T::kDay}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("source_column")));
  EXPECT_THAT(PartitionTransform::Make(
                  {.source_column = "ts", .transform_type = T::kDay, .num_buckets = 4}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("applies only to BUCKET")));
}

TEST(PartitionTransformTest, NamesAndSpecStrings) {
  using T = PartitionTransformType;
  auto day = *PartitionTransform::Make({.source_column = "ts", .transform_type = T::kDay});
  EXPECT_EQ(day.field_name(), "ts_day");
  EXPECT_EQ(day.iceberg_transform(), "day");
  auto bucket =
      *PartitionTransform::Make({.source_column = "id", .transform_type = T::kBucket, .num_buckets = 16});
  EXPECT_EQ(bucket.field_name(), "id_bucket");
  EXPECT_EQ(bucket.iceberg_transform(), "bucket[16]");
  auto trunc = *PartitionTransform::Make(
      {.source_column = "name", .transform_type = T::kTruncate, .width = 4, .name = "prefix"});
  EXPECT_EQ(trunc.field_name(), "prefix");
  EXPECT_EQ(trunc.iceberg_transform(), "truncate[4]");
  auto ident = *PartitionTransform::Make({.source_column = "region", .transform_type = T::kIdentity});
  EXPECT_EQ(ident.field_name(), "region");
  EXPECT_EQ(PartitionTransform::Make({.source_column = "ts", .transform_type = T::kHour})->field_name(),
            "ts_hour");
}

TEST(PartitionTransformTest, JsonAndYaml) {
  auto t = PartitionTransform::FromJson(
      nlohmann::json::parse(R"({"source_column":"id","transform_type":"bucket","num_buckets":8})"));
  ASSERT_THAT(t, IsOk());
  EXPECT_EQ(t->num_buckets(), 8);
  EXPECT_EQ(t->width(), std::nullopt);
  EXPECT_EQ(t->name(), std::nullopt);
  EXPECT_EQ(*PartitionTransform::FromJson(t->ToJson()), *t);
  EXPECT_THAT(PartitionTransform::FromJson(
                  nlohmann::json::parse(R"({"source_column":"id","transform_type":"weekly"})")),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown partition transform type 'weekly'")));
  EXPECT_THAT(PartitionTransform::FromYaml("source_column: ts\ntransform_type: day\nbuckets: 3\n"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown field 'buckets'")));
  EXPECT_THAT(PartitionTransform::FromYaml("source_column: s\ntransform_type: truncate\nwidth: \"3\"\n"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("width: expected an integer")));
}

TEST(SnapshotInfoTest, TimestampIsUtc) {
  auto s = SnapshotInfo::Make({.snapshot_id = 42, .timestamp_ms = 1704103200123, .operation = "append"});
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->timestamp().time_since_epoch().count(), 1704103200123);
  EXPECT_EQ(s->timestamp_iso(), "2024-01-01T10:00:00.123Z");
  EXPECT_EQ(s->parent_snapshot_id(), std::nullopt);
  EXPECT_TRUE(s->summary().empty());
  auto days = std::chrono::floor<std::chrono::days>(s->timestamp());
  EXPECT_EQ(std::chrono::year_month_day(days),
            std::chrono::year_month_day(std::chrono::year(2024), std::chrono::month(1),
                                        std::chrono::day(1)));
}

TEST(SnapshotInfoTest, JsonRoundTripAndStrictness) {
  auto j = nlohmann::json::parse(R"({"snapshot_id":3051729675574597004,"timestamp_ms":1515100955770,
      "operation":"overwrite","summary":{"added-records":"10"},"parent_snapshot_id":1})");
  auto s = SnapshotInfo::FromJson(j);
  ASSERT_THAT(s, IsOk());
  EXPECT_EQ(s->snapshot_id(), 3051729675574597004);
  EXPECT_EQ(s->parent_snapshot_id(), 1);
  EXPECT_EQ(s->ToJson(), j);
  j["manifest_list"] = "x";
  EXPECT_THAT(SnapshotInfo::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown field 'manifest_list'")));
  EXPECT_THAT(SnapshotInfo::Make({.snapshot_id = 1, .timestamp_ms = 0, .operation = ""}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("operation")));
  EXPECT_THAT(SnapshotInfo::FromYaml("snapshot_id: 1\noperation: append\n"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("timestamp_ms: field required")));
}

TEST(SnapshotInfoTest, FromTableSnapshot) {
  auto snap = Snapshot::FromJson(nlohmann::json::parse(R"({"snapshot-id": 3055729675574597004,
      "parent-snapshot-id": 3051729675574597004, "sequence-number": 2,
      "timestamp-ms": 1555100955770, "manifest-list": "s3://b/t/metadata/snap-3055.avro",
      "summary": {"operation": "overwrite", "added-records": "4"}, "schema-id": 1})"));
  ASSERT_THAT(snap, IsOk());
  auto info = SnapshotInfo::FromSnapshot(*snap);
  ASSERT_THAT(info, IsOk());
  EXPECT_EQ(info->snapshot_id(), 3055729675574597004);
  EXPECT_EQ(info->parent_snapshot_id(), 3051729675574597004);
  EXPECT_EQ(info->operation(), "overwrite");
  EXPECT_EQ(info->summary().at("added-records"), "4");
  EXPECT_EQ(info->timestamp_ms(), 1555100955770);

  auto v1 = Snapshot::FromJson(nlohmann::json::parse(
      R"({"snapshot-id": 1, "timestamp-ms": 1, "manifests": ["m1.avro"]})"));
  ASSERT_THAT(v1, IsOk());
  EXPECT_EQ(SnapshotInfo::FromSnapshot(*v1)->operation(), "unknown");
  EXPECT_EQ(SnapshotInfo::FromSnapshot(*v1)->parent_snapshot_id(), std::nullopt);
}

}  // namespace
}  // namespace floe::iceberg
