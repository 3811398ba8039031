#include "floe/iceberg/type.h"

#include <gtest/gtest.h>

#include "floe/iceberg/type_json.h"
#include "iceberg/test_util.h"

namespace floe::iceberg {
namespace {

using testing::ErrorOf;
using testing::Json;
using testing::ValueOrDie;

TEST(TypeTest, PrimitiveStringsRoundTrip) {
  for (const char* s : {"boolean", "int", "long", "float", "double", "date", "time", "timestamp",
                        "timestamptz", "timestamp_ns", "timestamptz_ns", "string", "uuid", "binary",
                        "unknown", "decimal(9,2)", "decimal(38,0)", "fixed[16]"}) {
    auto t = ValueOrDie(TypeFromJson(nlohmann::json(s)));
    EXPECT_TRUE(t->is_primitive());
    EXPECT_EQ(t->ToString(), s);
    EXPECT_EQ(TypeToJson(*t), nlohmann::json(s));
  }
}

TEST(TypeTest, ParameterizedTypesAcceptWhitespace) {
  auto d = ValueOrDie(PrimitiveTypeFromString("decimal(9, 2)"));
  EXPECT_EQ(d->ToString(), "decimal(9,2)");
  auto& p = static_cast<const PrimitiveType&>(*d);
  EXPECT_EQ(p.precision(), 9);
  EXPECT_EQ(p.scale(), 2);
  EXPECT_EQ(ValueOrDie(PrimitiveTypeFromString(" decimal( 10 ,3 ) "))->ToString(), "decimal(10,3)");
  EXPECT_EQ(ValueOrDie(PrimitiveTypeFromString("fixed[ 4 ]"))->ToString(), "fixed[4]");
}

TEST(TypeTest, BadTypeStringsAreErrors) {
  for (const char* s : {"integer", "decimal(9)", "decimal(x,2)", "decimal(39,2)", "decimal(2,3)",
                        "fixed[]", "fixed[0]", "fixed[-1]", "Long", ""}) {
    auto r = PrimitiveTypeFromString(s);
    ASSERT_FALSE(r.has_value()) << s;
    EXPECT_EQ(r.error().kind(), ErrorKind::kInvalidArgument) << s;
  }
  for (const char* s : {"variant", "geometry(srid:4326)", "geography(srid:4326, spherical)"}) {
    EXPECT_EQ(ErrorOf(PrimitiveTypeFromString(s)).kind(), ErrorKind::kNotSupported) << s;
  }
}

TEST(TypeTest, EqualityIsStructural) {
  EXPECT_EQ(*PrimitiveType::Long(), *PrimitiveType::Long());
  EXPECT_FALSE(*PrimitiveType::Long() == *PrimitiveType::Int());
  EXPECT_EQ(*ValueOrDie(PrimitiveType::Decimal(9, 2)), *ValueOrDie(PrimitiveType::Decimal(9, 2)));
  EXPECT_FALSE(*ValueOrDie(PrimitiveType::Decimal(9, 2)) ==
               *ValueOrDie(PrimitiveType::Decimal(10, 2)));
  EXPECT_FALSE(*ValueOrDie(PrimitiveType::Fixed(3)) == *ValueOrDie(PrimitiveType::Fixed(4)));
  auto a = ValueOrDie(ListType::Make(3, PrimitiveType::String(), true));
  auto b = ValueOrDie(ListType::Make(3, PrimitiveType::String(), true));
  auto c = ValueOrDie(ListType::Make(3, PrimitiveType::String(), false));
  EXPECT_EQ(*a, *b);
  EXPECT_FALSE(*a == *c);
}

TEST(TypeTest, NestedToString) {
  auto list = ValueOrDie(ListType::Make(3, PrimitiveType::String(), true));
  auto map =
      ValueOrDie(MapType::Make(4, PrimitiveType::String(), 5, PrimitiveType::Double(), false));
  auto s = ValueOrDie(StructType::Make({NestedField::Required(1, "id", PrimitiveType::Long()),
                                        NestedField::Optional(2, "tags", list, "labels"),
                                        NestedField::Optional(6, "m", map)}));
  EXPECT_EQ(list->ToString(), "list<string>");
  EXPECT_EQ(map->ToString(), "map<string, double>");
  EXPECT_EQ(s->ToString(),
            "struct<1: id: required long, 2: tags: optional list<string> (labels), "
            "6: m: optional map<string, double>>");
}

TEST(TypeTest, SpecExampleNestedJsonRoundTrips) {
  auto j = Json(R"j({"type": "struct", "fields": [
      {"id": 1, "name": "id", "required": true, "type": "uuid", "doc": "row id"},
      {"id": 2, "name": "data", "required": false,
       "type": {"type": "list", "element-id": 3, "element-required": true, "element": "string"}},
      {"id": 4, "name": "props", "required": false,
       "type": {"type": "map", "key-id": 5, "key": "string", "value-id": 6,
                "value-required": false, "value": "double"}},
      {"id": 7, "name": "point", "required": true, "type": {"type": "struct", "fields": [
          {"id": 8, "name": "x", "required": true, "type": "decimal(9, 2)"},
          {"id": 9, "name": "y", "required": false, "type": "fixed[16]"}]}}]})j");
  auto t = ValueOrDie(TypeFromJson(j));
  ASSERT_EQ(t->id(), TypeId::kStruct);
  const auto& st = static_cast<const StructType&>(*t);
  ASSERT_EQ(st.fields().size(), 4u);
  EXPECT_EQ(st.fields()[0].doc(), "row id");
  const auto& list = static_cast<const ListType&>(*st.fields()[1].type());
  EXPECT_EQ(list.element().id(), 3);
  EXPECT_TRUE(list.element().required());
  const auto& map = static_cast<const MapType&>(*st.fields()[2].type());
  EXPECT_EQ(map.key().id(), 5);
  EXPECT_TRUE(map.key().required());
  EXPECT_EQ(map.value().id(), 6);
  EXPECT_FALSE(map.value().required());
  // Written back in canonical form ("decimal(9,2)"), then read again to the same type.
  auto written = TypeToJson(*t);
  EXPECT_EQ(written["fields"][3]["type"]["fields"][0]["type"], "decimal(9,2)");
  EXPECT_EQ(*ValueOrDie(TypeFromJson(written)), *t);
  EXPECT_EQ(written["fields"][1]["type"],
            Json(R"j({"type": "list", "element-id": 3, "element-required": true,
                     "element": "string"})j"));
}

TEST(TypeTest, BadNestedJsonNamesTheField) {
  auto missing = ErrorOf(TypeFromJson(Json(R"j({"type": "list", "element-required": true,
                                              "element": "string"})j")));
  EXPECT_EQ(missing.kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(missing.message(), "list type: missing required field 'element-id'");

  auto wrong = ErrorOf(TypeFromJson(Json(R"j({"type": "struct", "fields": [
      {"id": 1, "name": "a", "required": "yes", "type": "int"}]})j")));
  EXPECT_EQ(wrong.message(),
            "field 1 ('a'): struct field: 'required' must be a boolean, got string");

  auto bad_type = ErrorOf(TypeFromJson(Json(R"j({"type": "struct", "fields": [
      {"id": 1, "name": "a", "required": true, "type": "integer"}]})j")));
  EXPECT_EQ(bad_type.message(), "field 1 ('a'): unknown type 'integer'");

  auto id = ErrorOf(TypeFromJson(Json(R"j({"type": "struct", "fields": [
      {"id": "1", "name": "a", "required": true, "type": "int"}]})j")));
  EXPECT_EQ(id.message(), "struct field: 'id' must be an integer, got string");

  EXPECT_EQ(ErrorOf(TypeFromJson(Json("42"))).kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(ErrorOf(TypeFromJson(Json(R"j({"type": "tuple"})j"))).message(),
            "unknown nested type 'tuple'");
  EXPECT_EQ(ErrorOf(TypeFromJson(Json(R"j({"type": "struct", "fields": [
      {"id": 1, "name": "a", "required": true, "type": "int"},
      {"id": 1, "name": "b", "required": true, "type": "int"}]})j")))
                .message(),
            "struct has two fields with id 1");
}

TEST(TypeTest, V3DefaultsAndUnknownAreHandledExplicitly) {
  auto with_default = TypeFromJson(Json(R"j({"type": "struct", "fields": [
      {"id": 1, "name": "a", "required": false, "type": "int", "initial-default": 34}]})j"));
  EXPECT_EQ(ErrorOf(with_default).kind(), ErrorKind::kNotSupported);
  EXPECT_EQ(ErrorOf(with_default).message(),
            "field 1: 'initial-default' values (format v3 defaults) are not supported yet");
  // A null default is the same as none.
  EXPECT_TRUE(TypeFromJson(Json(R"j({"type": "struct", "fields": [
      {"id": 1, "name": "a", "required": false, "type": "int", "write-default": null}]})j")));
  // unknown is read, and must be optional.
  EXPECT_TRUE(TypeFromJson(Json(R"j({"type": "struct", "fields": [
      {"id": 1, "name": "a", "required": false, "type": "unknown"}]})j")));
  EXPECT_EQ(ErrorOf(TypeFromJson(Json(R"j({"type": "struct", "fields": [
      {"id": 1, "name": "a", "required": true, "type": "unknown"}]})j")))
                .message(),
            "field 'a': a field of type unknown must be optional");
}

}  // namespace
}  // namespace floe::iceberg
