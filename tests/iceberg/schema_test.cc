#include "floe/iceberg/schema.h"

#include <gtest/gtest.h>

#include "iceberg/test_util.h"

namespace floe::iceberg {
namespace {

using testing::ErrorOf;
using testing::Json;
using testing::ValueOrDie;

// id, data, location struct<lat, long>, points list<struct<x, y>>, props map<string, string>.
const char* kNestedSchema = R"j({
  "type": "struct", "schema-id": 3, "identifier-field-ids": [1],
  "fields": [
    {"id": 1, "name": "id", "required": true, "type": "long"},
    {"id": 2, "name": "Data", "required": false, "type": "string", "doc": "payload"},
    {"id": 3, "name": "location", "required": true, "type": {"type": "struct", "fields": [
        {"id": 4, "name": "lat", "required": true, "type": "double"},
        {"id": 5, "name": "long", "required": false, "type": "double"}]}},
    {"id": 6, "name": "points", "required": false, "type": {
        "type": "list", "element-id": 7, "element-required": true, "element": {
            "type": "struct", "fields": [
                {"id": 8, "name": "x", "required": true, "type": "int"},
                {"id": 9, "name": "y", "required": true, "type": "int"}]}}},
    {"id": 10, "name": "props", "required": false, "type": {
        "type": "map", "key-id": 11, "key": "string", "value-id": 12, "value-required": true,
        "value": "string"}}]})j";

Schema Nested() { return ValueOrDie(Schema::FromJson(Json(kNestedSchema))); }

TEST(SchemaTest, ReadsSpecJson) {
  Schema s = Nested();
  EXPECT_EQ(s.schema_id(), 3);
  EXPECT_EQ(s.fields().size(), 5u);
  EXPECT_EQ(s.identifier_field_ids(), std::vector<int32_t>{1});
  EXPECT_EQ(s.highest_field_id(), 12);
}

TEST(SchemaTest, JsonRoundTrips) {
  Schema s = Nested();
  nlohmann::json written = s.ToJson();
  EXPECT_EQ(written, Json(kNestedSchema));
  EXPECT_EQ(ValueOrDie(Schema::FromJson(written)), s);
}

TEST(SchemaTest, V1SchemaWithoutIdReadsAsZero) {
  auto s = ValueOrDie(Schema::FromJson(Json(R"j({"type": "struct", "fields": [
      {"id": 1, "name": "a", "required": false, "type": "int"}]})j")));
  EXPECT_EQ(s.schema_id(), 0);
}

TEST(SchemaTest, FindsFieldsById) {
  Schema s = Nested();
  ASSERT_NE(s.FindFieldById(9), nullptr);
  EXPECT_EQ(s.FindFieldById(9)->name(), "y");
  EXPECT_EQ(s.FindFieldById(12)->name(), "value");
  EXPECT_EQ(s.FindFieldById(99), nullptr);
  EXPECT_EQ(s.FindColumnName(9), "points.element.y");
  EXPECT_EQ(s.FindColumnName(12), "props.value");
  EXPECT_EQ(s.ParentId(9), 7);
  EXPECT_EQ(s.ParentId(7), 6);
  EXPECT_EQ(s.ParentId(6), std::nullopt);
}

TEST(SchemaTest, FindsFieldsByDottedName) {
  Schema s = Nested();
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("location.lat"))->id(), 4);
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("points.element.x"))->id(), 8);
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("points.x"))->id(), 8);
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("props.key"))->id(), 11);
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("props.value"))->id(), 12);
  EXPECT_EQ(ErrorOf(s.FindFieldByName("location.alt")).kind(), ErrorKind::kNotFound);
  EXPECT_EQ(ErrorOf(s.FindFieldByName("data")).kind(), ErrorKind::kNotFound);
}

TEST(SchemaTest, FindsFieldsIgnoringCase) {
  Schema s = Nested();
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("data", false))->id(), 2);
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("LOCATION.Lat", false))->id(), 4);
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("Points.X", false))->id(), 8);
  auto ambiguous =
      ValueOrDie(Schema::Make(0, {NestedField::Optional(1, "a", PrimitiveType::Int()),
                                  NestedField::Optional(2, "A", PrimitiveType::Int())}));
  EXPECT_EQ(ErrorOf(ambiguous.FindFieldByName("a ", false)).kind(), ErrorKind::kNotFound);
  EXPECT_EQ(ValueOrDie(ambiguous.FindFieldByName("A", false))->id(), 2);
  EXPECT_EQ(ErrorOf(ambiguous.FindFieldByName("aa", false)).kind(), ErrorKind::kNotFound);
  auto three = ValueOrDie(Schema::Make(0, {NestedField::Optional(1, "ab", PrimitiveType::Int()),
                                           NestedField::Optional(2, "AB", PrimitiveType::Int())}));
  EXPECT_EQ(ErrorOf(three.FindFieldByName("Ab", false)).kind(), ErrorKind::kInvalidArgument);
}

TEST(SchemaTest, RejectsDuplicateIds) {
  auto list = ValueOrDie(ListType::Make(1, PrimitiveType::Int(), true));
  auto r = Schema::Make(0, {NestedField::Optional(1, "a", PrimitiveType::Int()),
                            NestedField::Optional(2, "l", list)});
  EXPECT_EQ(ErrorOf(r).kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(ErrorOf(r).message(), "field id 1 is used by both 'a' and 'l.element'");
}

TEST(SchemaTest, RejectsDuplicateNamesAndReservedIds) {
  EXPECT_EQ(ErrorOf(Schema::Make(0, {NestedField::Optional(1, "a", PrimitiveType::Int()),
                                     NestedField::Optional(2, "a", PrimitiveType::Int())}))
                .message(),
            "struct has two fields named 'a'");
  EXPECT_EQ(ErrorOf(Schema::Make(
                        0, {NestedField::Optional(2147483646, "_file", PrimitiveType::String())}))
                .kind(),
            ErrorKind::kInvalidArgument);
}

TEST(SchemaTest, ValidatesIdentifierFields) {
  auto long_t = PrimitiveType::Long();
  auto opt_struct = ValueOrDie(StructType::Make({NestedField::Required(3, "x", long_t)}));
  auto req_struct = ValueOrDie(StructType::Make({NestedField::Required(5, "y", long_t)}));
  auto list = ValueOrDie(ListType::Make(7, long_t, true));
  std::vector<NestedField> fields = {NestedField::Required(1, "id", long_t),
                                     NestedField::Optional(2, "opt", long_t),
                                     NestedField::Optional(4, "os", opt_struct),
                                     NestedField::Required(6, "rs", req_struct),
                                     NestedField::Required(8, "l", list),
                                     NestedField::Required(9, "d", PrimitiveType::Double())};
  EXPECT_TRUE(Schema::Make(0, fields, {1, 5}));
  auto message = [&](int32_t id) { return ErrorOf(Schema::Make(0, fields, {id})).message(); };
  EXPECT_EQ(message(2), "identifier field 'opt' must be required");
  EXPECT_EQ(message(3), "identifier field 'os.x' must not be nested in optional struct 'os'");
  EXPECT_EQ(message(7), "identifier field 'l.element' must not be nested in a list or map");
  EXPECT_EQ(message(9), "identifier field 'd' must not be a float or double");
  EXPECT_EQ(message(6),
            "identifier field 'rs' must be a primitive, not struct<5: y: required long>");
  EXPECT_EQ(message(42), "identifier field 42 is not in the schema");
}

TEST(SchemaTest, BadJsonNamesTheField) {
  EXPECT_EQ(ErrorOf(Schema::FromJson(Json(R"j({"type": "struct", "schema-id": "0",
                                             "fields": []})j")))
                .message(),
            "schema: 'schema-id' must be an integer, got string");
  EXPECT_EQ(ErrorOf(Schema::FromJson(Json(R"j({"type": "struct"})j"))).message(),
            "schema: missing required field 'fields'");
  EXPECT_EQ(ErrorOf(Schema::FromJson(Json(R"j([])j"))).message(),
            "schema: expected a JSON object, got array");
  EXPECT_EQ(ErrorOf(Schema::FromJson(Json(R"j({"fields": [{"id": 1, "required": true,
                                              "type": "int"}]})j")))
                .message(),
            "field 1: struct field: missing required field 'name'");
}

TEST(SchemaTest, ToStringListsColumns) {
  auto s = ValueOrDie(Schema::Make(0, {NestedField::Required(1, "id", PrimitiveType::Long())}));
  EXPECT_EQ(s.ToString(), "table {\n  1: id: required long\n}");
}

}  // namespace
}  // namespace floe::iceberg
