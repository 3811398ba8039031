#include "floe/format/avro/schema.h"

#include <gtest/gtest.h>

#include <string>

namespace floe::avro {
namespace {

// The shape Iceberg writes for a manifest entry's data file: field ids on fields, element-id on an
// array, key-id/value-id on a map, and a map with non-string keys as an array of records.
constexpr const char* kIcebergLike = R"({
  "type": "record", "name": "manifest_entry", "fields": [
    {"name": "status", "type": "int", "field-id": 0},
    {"name": "snapshot_id", "type": ["null", "long"], "default": null, "field-id": 1},
    {"name": "data_file", "type": {"type": "record", "name": "r2", "fields": [
      {"name": "file_path", "type": "string", "doc": "Location URI", "field-id": 100},
      {"name": "split_offsets", "type": ["null", {"type": "array", "items": "long",
        "element-id": 133}], "default": null, "field-id": 132},
      {"name": "column_sizes", "type": ["null", {"type": "array", "logicalType": "map",
        "items": {"type": "record", "name": "k117_v118", "fields": [
          {"name": "key", "type": "int", "field-id": 117},
          {"name": "value", "type": "long", "field-id": 118}]}}], "default": null,
        "field-id": 108},
      {"name": "props", "type": {"type": "map", "values": "string", "key-id": 5,
        "value-id": 6}, "field-id": 4}
    ]}, "field-id": 2}
  ]})";

TEST(AvroSchemaTest, KeepsIcebergAttributes) {
  auto schema = Schema::Parse(kIcebergLike);
  ASSERT_TRUE(schema.has_value()) << schema.error();
  const Node& root = (*schema)->root();
  ASSERT_EQ(root.type(), Type::kRecord);
  EXPECT_EQ(root.name(), "manifest_entry");
  ASSERT_EQ(root.fields().size(), 3u);
  EXPECT_EQ(root.fields()[0].field_id(), 0);
  EXPECT_EQ(root.fields()[1].field_id(), 1);
  EXPECT_TRUE(root.fields()[1].default_value.has_value());
  EXPECT_TRUE(root.fields()[1].default_value->is_null());
  EXPECT_EQ(root.fields()[1].node->type(), Type::kUnion);
  EXPECT_EQ(root.fields()[1].node->NullBranch(), 0);

  const Node& file = *root.fields()[2].node;
  EXPECT_EQ(file.name(), "r2");
  EXPECT_EQ(file.fields()[0].field_id(), 100);
  EXPECT_EQ(file.fields()[0].attributes["doc"], "Location URI");
  const Node& offsets = file.fields()[1].node->branch(1);
  EXPECT_EQ(offsets.type(), Type::kArray);
  EXPECT_EQ(offsets.IntAttribute("element-id"), 133);
  const Node& sizes = file.fields()[2].node->branch(1);
  EXPECT_EQ(sizes.logical_type(), LogicalType::kMap);
  EXPECT_EQ(sizes.items().fields()[0].field_id(), 117);
  EXPECT_EQ(sizes.items().fields()[1].field_id(), 118);
  const Node& props = *file.fields()[3].node;
  EXPECT_EQ(props.type(), Type::kMap);
  EXPECT_EQ(props.IntAttribute("key-id"), 5);
  EXPECT_EQ(props.IntAttribute("value-id"), 6);
  EXPECT_EQ(props.values().type(), Type::kString);
  EXPECT_EQ((*schema)->json_text(), kIcebergLike);
}

TEST(AvroSchemaTest, ParsesLogicalTypes) {
  auto schema = Schema::Parse(R"({"type": "record", "name": "t", "fields": [
    {"name": "d", "type": {"type": "int", "logicalType": "date"}},
    {"name": "t", "type": {"type": "long", "logicalType": "time-micros"}},
    {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-micros",
                             "adjust-to-utc": true}},
    {"name": "lts", "type": {"type": "long", "logicalType": "local-timestamp-micros"}},
    {"name": "ns", "type": {"type": "long", "logicalType": "timestamp-nanos"}},
    {"name": "u", "type": {"type": "string", "logicalType": "uuid"}},
    {"name": "uf", "type": {"type": "fixed", "name": "uuid_fixed", "size": 16,
                             "logicalType": "uuid"}},
    {"name": "dec", "type": {"type": "fixed", "name": "dec9", "size": 5,
                              "logicalType": "decimal", "precision": 9, "scale": 2}},
    {"name": "decb", "type": {"type": "bytes", "logicalType": "decimal", "precision": 38}},
    {"name": "bad", "type": {"type": "string", "logicalType": "date"}},
    {"name": "toobig", "type": {"type": "fixed", "name": "f1", "size": 1,
                                 "logicalType": "decimal", "precision": 5}},
    {"name": "custom", "type": {"type": "string", "logicalType": "my-type"}}
  ]})");
  ASSERT_TRUE(schema.has_value()) << schema.error();
  const auto& f = (*schema)->root().fields();
  EXPECT_EQ(f[0].node->logical_type(), LogicalType::kDate);
  EXPECT_EQ(f[1].node->logical_type(), LogicalType::kTimeMicros);
  EXPECT_EQ(f[2].node->logical_type(), LogicalType::kTimestampMicros);
  EXPECT_EQ(f[2].node->attributes()["adjust-to-utc"], true);
  EXPECT_EQ(f[3].node->logical_type(), LogicalType::kLocalTimestampMicros);
  EXPECT_EQ(f[4].node->logical_type(), LogicalType::kTimestampNanos);
  EXPECT_EQ(f[5].node->logical_type(), LogicalType::kUuid);
  EXPECT_EQ(f[6].node->logical_type(), LogicalType::kUuid);
  EXPECT_EQ(f[7].node->logical_type(), LogicalType::kDecimal);
  EXPECT_EQ(f[7].node->precision(), 9);
  EXPECT_EQ(f[7].node->scale(), 2);
  EXPECT_EQ(f[7].node->fixed_size(), 5u);
  EXPECT_EQ(f[8].node->logical_type(), LogicalType::kDecimal);
  EXPECT_EQ(f[8].node->scale(), 0);
  // Logical types that do not fit are ignored, their names kept.
  EXPECT_EQ(f[9].node->logical_type(), LogicalType::kNone);
  EXPECT_EQ(f[9].node->logical_type_name(), "date");
  EXPECT_EQ(f[10].node->logical_type(), LogicalType::kNone);
  EXPECT_EQ(f[11].node->logical_type(), LogicalType::kNone);
  EXPECT_EQ(f[11].node->logical_type_name(), "my-type");
}

TEST(AvroSchemaTest, ResolvesNamesAndNamespaces) {
  auto schema = Schema::Parse(R"({"type": "record", "name": "Node", "namespace": "a.b",
    "fields": [
      {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["X", "Y"]}},
      {"name": "other", "type": "Kind"},
      {"name": "full", "type": "a.b.Kind"},
      {"name": "hash", "type": {"type": "fixed", "name": "c.Hash", "size": 4}},
      {"name": "hash2", "type": "c.Hash"},
      {"name": "next", "type": ["null", "Node"]}
    ]})");
  ASSERT_TRUE(schema.has_value()) << schema.error();
  const Node& root = (*schema)->root();
  EXPECT_EQ(root.name(), "a.b.Node");
  EXPECT_EQ(root.fields()[0].node->name(), "a.b.Kind");
  EXPECT_EQ(root.fields()[1].node, root.fields()[0].node);
  EXPECT_EQ(root.fields()[2].node, root.fields()[0].node);
  EXPECT_EQ(root.fields()[3].node->name(), "c.Hash");
  EXPECT_EQ(root.fields()[4].node, root.fields()[3].node);
  EXPECT_EQ(&root.fields()[5].node->branch(1), &root);  // recursive
  EXPECT_EQ((*schema)->FindNamed("a.b.Kind"), root.fields()[0].node);
  EXPECT_EQ(root.fields()[0].node->symbols(), (std::vector<std::string>{"X", "Y"}));
}

TEST(AvroSchemaTest, ParsesPrimitivesAndUnionsAtTheTop) {
  for (const char* text : {R"("long")", R"({"type": "string"})", R"(["null", "int"])"}) {
    auto schema = Schema::Parse(text);
    ASSERT_TRUE(schema.has_value()) << text << " " << schema.error();
  }
  EXPECT_EQ(Schema::Parse(R"("double")").value()->root().type(), Type::kDouble);
  EXPECT_EQ(Schema::Parse(R"(["null", "int"])").value()->root().branch_count(), 2u);
}

TEST(AvroSchemaTest, RejectsInvalidSchemas) {
  const char* bad[] = {
      "",
      "{",
      R"("nosuchtype")",
      R"({"type": "record", "name": "r"})",
      R"({"type": "record", "fields": []})",
      R"({"type": "record", "name": "1r", "fields": []})",
      R"({"type": "record", "name": "r", "fields": [{"name": "a", "type": "int"},
                                                   {"name": "a", "type": "long"}]})",
      R"({"type": "record", "name": "r", "fields": [{"name": "a"}]})",
      R"({"type": "enum", "name": "e", "symbols": ["A", "A"]})",
      R"({"type": "fixed", "name": "f", "size": -1})",
      R"({"type": "array"})",
      R"(["int", "int"])",
      R"(["null", ["int"]])",
      R"([])",
      R"({"type": "record", "name": "r", "fields": [
          {"name": "a", "type": {"type": "fixed", "name": "x", "size": 1}},
          {"name": "b", "type": {"type": "fixed", "name": "x", "size": 2}}]})",
      R"(42)",
  };
  for (const char* text : bad) {
    auto schema = Schema::Parse(text);
    ASSERT_FALSE(schema.has_value()) << text;
    EXPECT_EQ(schema.error().kind(), ErrorKind::kInvalidArgument) << text;
  }
}

TEST(AvroSchemaTest, RejectsDeepNestingWithoutCrashing) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += R"({"type": "array", "items": )";
  text += R"("int")";
  for (int i = 0; i < 5000; ++i) text += "}";
  auto schema = Schema::Parse(text);
  ASSERT_FALSE(schema.has_value());
}

TEST(AvroSchemaTest, FromJsonKeepsAttributes) {
  nlohmann::json j = {{"type", "record"},
                      {"name", "r"},
                      {"fields", {{{"name", "a"}, {"type", "long"}, {"field-id", 7}}}}};
  auto schema = Schema::FromJson(j);
  ASSERT_TRUE(schema.has_value()) << schema.error();
  EXPECT_EQ((*schema)->root().fields()[0].field_id(), 7);
  EXPECT_EQ(nlohmann::json::parse((*schema)->json_text()), j);
}

}  // namespace
}  // namespace floe::avro
