// The Iceberg <-> columnar schema mapping: every type both ways, ids, round trips, refusals.
#include "floe/iceberg/columnar_schema.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "floe/columnar/type.h"
#include "iceberg/test_util.h"
#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using columnar::DataType;
using columnar::TypeKind;
using ::floe::testing::IsError;
using ::floe::testing::IsErrorWith;
using ::testing::HasSubstr;
using testing::Json;
using testing::ValueOrDie;

const char* kPrimitiveSchema = R"j({
  "type": "struct", "schema-id": 0, "fields": [
    {"id": 1, "name": "bool", "required": true, "type": "boolean"},
    {"id": 2, "name": "int", "required": false, "type": "int"},
    {"id": 3, "name": "long", "required": true, "type": "long"},
    {"id": 4, "name": "float", "required": false, "type": "float"},
    {"id": 5, "name": "double", "required": false, "type": "double"},
    {"id": 6, "name": "decimal", "required": false, "type": "decimal(9,2)"},
    {"id": 7, "name": "date", "required": false, "type": "date"},
    {"id": 8, "name": "time", "required": false, "type": "time"},
    {"id": 9, "name": "ts", "required": false, "type": "timestamp"},
    {"id": 10, "name": "tstz", "required": false, "type": "timestamptz"},
    {"id": 11, "name": "string", "required": false, "type": "string", "doc": "some text"},
    {"id": 12, "name": "uuid", "required": false, "type": "uuid"},
    {"id": 13, "name": "fixed", "required": false, "type": "fixed[5]"},
    {"id": 14, "name": "binary", "required": false, "type": "binary"}]})j";

// struct, list of structs, map with struct values, list of lists, map inside a list.
const char* kNestedSchema = R"j({
  "type": "struct", "schema-id": 4, "fields": [
    {"id": 1, "name": "id", "required": true, "type": "long"},
    {"id": 2, "name": "location", "required": true, "type": {"type": "struct", "fields": [
        {"id": 3, "name": "lat", "required": true, "type": "double", "doc": "degrees"},
        {"id": 4, "name": "long", "required": false, "type": "double"}]}},
    {"id": 5, "name": "points", "required": false, "type": {
        "type": "list", "element-id": 6, "element-required": true, "element": {
            "type": "struct", "fields": [
                {"id": 7, "name": "x", "required": true, "type": "int"},
                {"id": 8, "name": "tag", "required": false, "type": "uuid"}]}}},
    {"id": 9, "name": "props", "required": false, "type": {
        "type": "map", "key-id": 10, "key": "string", "value-id": 11, "value-required": false,
        "value": {"type": "struct", "fields": [
            {"id": 12, "name": "v", "required": false, "type": "decimal(38,10)"}]}}},
    {"id": 13, "name": "matrix", "required": false, "type": {
        "type": "list", "element-id": 14, "element-required": false, "element": {
            "type": "list", "element-id": 15, "element-required": true, "element": "float"}}},
    {"id": 16, "name": "maps", "required": false, "type": {
        "type": "list", "element-id": 17, "element-required": false, "element": {
            "type": "map", "key-id": 18, "key": "int", "value-id": 19, "value-required": true,
            "value": "timestamptz"}}}]})j";

Schema Parse(const char* json) { return ValueOrDie(Schema::FromJson(Json(json))); }

const columnar::KeyValueMetadata kUuidMetadata = {{"ARROW:extension:name", "arrow.uuid"}};

TEST(ToColumnarSchemaTest, MapsEveryPrimitive) {
  FLOE_ASSERT_OK_AND_ASSIGN(columnar::Schema s, ToColumnarSchema(Parse(kPrimitiveSchema)));
  const std::vector<DataType> want = {
      DataType::Boolean(),          DataType::Int32(),   DataType::Int64(),
      DataType::Float32(),          DataType::Float64(), DataType::Decimal128(9, 2),
      DataType::Date32(),           DataType::Time64(),  DataType::Timestamp(""),
      DataType::Timestamp("UTC"),   DataType::String(),  DataType::FixedSizeBinary(16),
      DataType::FixedSizeBinary(5), DataType::Binary()};
  ASSERT_EQ(s.num_fields(), static_cast<int>(want.size()));
  for (int i = 0; i < s.num_fields(); ++i) {
    EXPECT_EQ(s.field(i).type(), want[static_cast<size_t>(i)]) << s.field(i).name();
    EXPECT_EQ(s.field(i).field_id(), i + 1);
  }
  EXPECT_FALSE(s.field(0).nullable());
  EXPECT_TRUE(s.field(1).nullable());
  EXPECT_FALSE(s.field(2).nullable());
  EXPECT_EQ(s.field(11).metadata(), kUuidMetadata);
  EXPECT_TRUE(s.field(12).metadata().empty());
  EXPECT_EQ(s.field(10).metadata(), (columnar::KeyValueMetadata{{"doc", "some text"}}));
}

TEST(ToColumnarSchemaTest, NestedFieldsCarryIdsNamesAndNullability) {
  FLOE_ASSERT_OK_AND_ASSIGN(columnar::Schema s, ToColumnarSchema(Parse(kNestedSchema)));
  ASSERT_EQ(s.num_fields(), 6);

  const columnar::Field& location = s.field(1);
  ASSERT_EQ(location.type().kind(), TypeKind::kStruct);
  EXPECT_FALSE(location.nullable());
  EXPECT_EQ(location.type().field(0),
            columnar::Field("lat", DataType::Float64(), false, 3, {{"doc", "degrees"}}));
  EXPECT_EQ(location.type().field(1), columnar::Field("long", DataType::Float64(), true, 4));

  const columnar::Field& points = s.field(2);
  ASSERT_EQ(points.type().kind(), TypeKind::kList);
  const columnar::Field& element = points.type().value_field();
  EXPECT_EQ(element.name(), "element");
  EXPECT_EQ(element.field_id(), 6);
  EXPECT_FALSE(element.nullable());
  EXPECT_EQ(element.type().field(1),
            columnar::Field("tag", DataType::FixedSizeBinary(16), true, 8, kUuidMetadata));

  const columnar::Field& props = s.field(3);
  ASSERT_EQ(props.type().kind(), TypeKind::kMap);
  EXPECT_EQ(props.type().key_field(), columnar::Field("key", DataType::String(), false, 10));
  EXPECT_EQ(props.type().value_field().name(), "value");
  EXPECT_EQ(props.type().value_field().field_id(), 11);
  EXPECT_TRUE(props.type().value_field().nullable());
  EXPECT_EQ(props.type().value_field().type().field(0),
            columnar::Field("v", DataType::Decimal128(38, 10), true, 12));

  EXPECT_EQ(
      s.field(4).type(),
      DataType::List(columnar::Field(
          "element", DataType::List(columnar::Field("element", DataType::Float32(), false, 15)),
          true, 14)));
  EXPECT_EQ(s.field(5).type(),
            DataType::List(columnar::Field(
                "element",
                DataType::Map(columnar::Field("key", DataType::Int32(), false, 18),
                              columnar::Field("value", DataType::Timestamp("UTC"), false, 19)),
                true, 17)));
}

TEST(ToColumnarSchemaTest, RefusesTypesWithoutAColumnarFormNamingTheColumn) {
  const char* ns = R"j({"type": "struct", "fields": [
      {"id": 1, "name": "ok", "required": false, "type": "long"},
      {"id": 2, "name": "at", "required": false, "type": "timestamp_ns"}]})j";
  EXPECT_THAT(ToColumnarSchema(Parse(ns)),
              IsErrorWith(ErrorKind::kNotSupported,
                          ::testing::AllOf(HasSubstr("'at'"), HasSubstr("timestamp_ns"))));
  const char* nested = R"j({"type": "struct", "fields": [
      {"id": 1, "name": "s", "required": false, "type": {"type": "struct", "fields": [
          {"id": 2, "name": "l", "required": false, "type": {
              "type": "list", "element-id": 3, "element-required": false,
              "element": "timestamptz_ns"}}]}}]})j";
  EXPECT_THAT(ToColumnarSchema(Parse(nested)),
              IsErrorWith(ErrorKind::kNotSupported, HasSubstr("'s.l.element'")));
  const char* unknown = R"j({"type": "struct", "fields": [
      {"id": 1, "name": "u", "required": false, "type": "unknown"}]})j";
  EXPECT_THAT(ToColumnarSchema(Parse(unknown)),
              IsErrorWith(ErrorKind::kNotSupported, HasSubstr("'u'")));
}

TEST(ToColumnarTypeTest, MapsBareTypes) {
  FLOE_ASSERT_OK_AND_ASSIGN(TypePtr decimal, PrimitiveType::Decimal(20, 3));
  EXPECT_THAT(ToColumnarType(*decimal), ::testing::Optional(DataType::Decimal128(20, 3)));
  EXPECT_THAT(ToColumnarType(*PrimitiveType::Uuid()),
              ::testing::Optional(DataType::FixedSizeBinary(16)));
  FLOE_ASSERT_OK_AND_ASSIGN(auto list, ListType::Make(7, PrimitiveType::String(), false));
  EXPECT_THAT(
      ToColumnarType(*list),
      ::testing::Optional(DataType::List(columnar::Field("element", DataType::String(), true, 7))));
  EXPECT_THAT(ToColumnarType(*PrimitiveType::TimestampNs()),
              IsErrorWith(ErrorKind::kNotSupported, HasSubstr("timestamp_ns")));
}

TEST(FromColumnarSchemaTest, MapsEveryTypeKeepingIds) {
  columnar::Schema s({
      columnar::Field("bool", DataType::Boolean(), false, 1),
      columnar::Field("int", DataType::Int32(), true, 2),
      columnar::Field("long", DataType::Int64(), true, 3),
      columnar::Field("float", DataType::Float32(), true, 4),
      columnar::Field("double", DataType::Float64(), true, 5),
      columnar::Field("decimal", DataType::Decimal128(38, 0), true, 6),
      columnar::Field("date", DataType::Date32(), true, 7),
      columnar::Field("time", DataType::Time64(), true, 8),
      columnar::Field("ts", DataType::Timestamp(), true, 9),
      columnar::Field("tstz", DataType::Timestamp("UTC"), true, 10),
      columnar::Field("tsny", DataType::Timestamp("America/New_York"), true, 11),
      columnar::Field("string", DataType::String(), true, 12),
      columnar::Field("uuid", DataType::FixedSizeBinary(16), true, 13, kUuidMetadata),
      columnar::Field("fixed16", DataType::FixedSizeBinary(16), true, 14),
      columnar::Field("fixed3", DataType::FixedSizeBinary(3), true, 15),
      columnar::Field("binary", DataType::Binary(), true, 16),
  });
  FLOE_ASSERT_OK_AND_ASSIGN(Schema schema, FromColumnarSchema(s, 7));
  EXPECT_EQ(schema.schema_id(), 7);
  const std::vector<std::string> want = {"boolean",   "int",           "long",        "float",
                                         "double",    "decimal(38,0)", "date",        "time",
                                         "timestamp", "timestamptz",   "timestamptz", "string",
                                         "uuid",      "fixed[16]",     "fixed[3]",    "binary"};
  ASSERT_EQ(schema.fields().size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    const NestedField& f = schema.fields()[i];
    EXPECT_EQ(f.type()->ToString(), want[i]) << f.name();
    EXPECT_EQ(f.id(), static_cast<int32_t>(i) + 1);
    EXPECT_EQ(f.required(), i == 0) << f.name();
  }
}

TEST(FromColumnarSchemaTest, NestedNullabilityBecomesRequiredness) {
  columnar::Schema s({
      columnar::Field("l", DataType::List(columnar::Field("item", DataType::Int32(), false, 2)),
                      false, 1),
      columnar::Field("m",
                      DataType::Map(columnar::Field("k", DataType::String(), false, 4),
                                    columnar::Field("v", DataType::Int64(), false, 5)),
                      true, 3),
  });
  FLOE_ASSERT_OK_AND_ASSIGN(Schema schema, FromColumnarSchema(s));
  const auto& list = static_cast<const ListType&>(*schema.fields()[0].type());
  EXPECT_TRUE(schema.fields()[0].required());
  EXPECT_EQ(list.element(), NestedField::Required(2, "element", PrimitiveType::Int()));
  const auto& map = static_cast<const MapType&>(*schema.fields()[1].type());
  EXPECT_EQ(map.key(), NestedField::Required(4, "key", PrimitiveType::String()));
  EXPECT_EQ(map.value(), NestedField::Required(5, "value", PrimitiveType::Long()));
}

TEST(ColumnarSchemaRoundTripTest, IcebergToColumnarAndBackIsEqual) {
  for (const char* json : {kPrimitiveSchema, kNestedSchema}) {
    Schema original = Parse(json);
    FLOE_ASSERT_OK_AND_ASSIGN(columnar::Schema arrow, ToColumnarSchema(original));
    FLOE_ASSERT_OK_AND_ASSIGN(Schema back, FromColumnarSchema(arrow, original.schema_id()));
    EXPECT_EQ(back, original) << back.ToString() << "\n" << original.ToString();
    FLOE_ASSERT_OK_AND_ASSIGN(columnar::Schema again, ToColumnarSchema(back));
    EXPECT_EQ(again, arrow);
  }
}

TEST(FromColumnarSchemaTest, AssignsFreshIdsLikeIcebergForNewTables) {
  // a, b struct<c, d list<struct<e>>>, m map<string, struct<f>>, g
  DataType e_struct = DataType::Struct({columnar::Field("e", DataType::Int32())});
  columnar::Schema s({
      columnar::Field("a", DataType::Int32()),
      columnar::Field("b", DataType::Struct({columnar::Field("c", DataType::String()),
                                             columnar::Field("d", DataType::List(columnar::Field(
                                                                      "item", e_struct)))})),
      columnar::Field("m",
                      DataType::Map(columnar::Field("key", DataType::String()),
                                    columnar::Field("value", DataType::Struct({columnar::Field(
                                                                 "f", DataType::Float64())})))),
      columnar::Field("g", DataType::Int64(), false),
  });
  FLOE_ASSERT_OK_AND_ASSIGN(Schema schema, FromColumnarSchema(s));
  EXPECT_EQ(schema.FindColumnName(1), "a");
  EXPECT_EQ(schema.FindColumnName(2), "b");
  EXPECT_EQ(schema.FindColumnName(3), "m");
  EXPECT_EQ(schema.FindColumnName(4), "g");
  EXPECT_EQ(schema.FindColumnName(5), "b.c");
  EXPECT_EQ(schema.FindColumnName(6), "b.d");
  EXPECT_EQ(schema.FindColumnName(7), "b.d.element");
  EXPECT_EQ(schema.FindColumnName(8), "b.d.element.e");
  EXPECT_EQ(schema.FindColumnName(9), "m.key");
  EXPECT_EQ(schema.FindColumnName(10), "m.value");
  EXPECT_EQ(schema.FindColumnName(11), "m.value.f");
  EXPECT_EQ(schema.highest_field_id(), 11);
  EXPECT_TRUE(schema.FindFieldById(4)->required());
  EXPECT_TRUE(schema.FindFieldById(9)->required());
}

TEST(FromColumnarSchemaTest, RefusesMixedIds) {
  columnar::Schema top(
      {columnar::Field("a", DataType::Int32(), true, 1), columnar::Field("b", DataType::Int32())});
  EXPECT_THAT(FromColumnarSchema(top),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          ::testing::AllOf(HasSubstr("'a'"), HasSubstr("'b'"))));
  // Only a list element lacks an id.
  columnar::Schema nested({columnar::Field(
      "l", DataType::List(columnar::Field("element", DataType::Int32())), true, 1)});
  EXPECT_THAT(FromColumnarSchema(nested),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("'l.element'")));
}

TEST(FromColumnarSchemaTest, RefusesWhatIcebergCannotHold) {
  columnar::Schema bad_scale({columnar::Field("d", DataType::Decimal128(5, 7))});
  EXPECT_THAT(FromColumnarSchema(bad_scale),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("'d'")));
  columnar::Schema duplicate_ids({columnar::Field("a", DataType::Int32(), true, 1),
                                  columnar::Field("b", DataType::Int32(), true, 1)});
  EXPECT_THAT(FromColumnarSchema(duplicate_ids), IsError(ErrorKind::kInvalidArgument));
  columnar::Schema duplicate_names(
      {columnar::Field("a", DataType::Int32()), columnar::Field("a", DataType::Int64())});
  EXPECT_THAT(FromColumnarSchema(duplicate_names), IsError(ErrorKind::kInvalidArgument));
  columnar::Schema empty_name({columnar::Field("", DataType::Int32())});
  EXPECT_THAT(FromColumnarSchema(empty_name), IsError(ErrorKind::kInvalidArgument));
}

}  // namespace
}  // namespace floe::iceberg
