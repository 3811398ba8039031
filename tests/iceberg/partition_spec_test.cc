#include "floe/iceberg/partition_spec.h"

#include <gtest/gtest.h>

#include "floe/iceberg/temporal_internal.h"
#include "iceberg/test_util.h"

namespace floe::iceberg {
namespace {

using testing::ErrorOf;
using testing::Json;
using testing::ValueOrDie;

Schema TestSchema() {
  auto point = ValueOrDie(StructType::Make({NestedField::Required(6, "x", PrimitiveType::Long())}));
  auto list = ValueOrDie(ListType::Make(8, PrimitiveType::Long(), true));
  return ValueOrDie(Schema::Make(
      0, {NestedField::Required(1, "id", PrimitiveType::Long()),
          NestedField::Optional(2, "data", PrimitiveType::String()),
          NestedField::Optional(3, "price", ValueOrDie(PrimitiveType::Decimal(9, 2))),
          NestedField::Required(4, "ts", PrimitiveType::Timestamp()),
          NestedField::Optional(5, "point", point), NestedField::Optional(7, "l", list),
          NestedField::Optional(9, "score", PrimitiveType::Double())}));
}

Transform Bucket(int n) { return ValueOrDie(Transform::Bucket(n)); }

TEST(PartitionSpecTest, SpecJsonExampleRoundTrips) {
  auto json = Json(R"j({"spec-id": 0, "fields": [
      {"source-id": 4, "field-id": 1000, "name": "ts_day", "transform": "day"},
      {"source-id": 1, "field-id": 1001, "name": "id_bucket", "transform": "bucket[16]"}]})j");
  auto spec = ValueOrDie(PartitionSpec::FromJson(json));
  EXPECT_EQ(spec.spec_id(), 0);
  ASSERT_EQ(spec.fields().size(), 2u);
  EXPECT_EQ(spec.fields()[1].transform(), Bucket(16));
  EXPECT_EQ(spec.fields()[1].field_id(), 1001);
  EXPECT_EQ(spec.last_assigned_field_id(), 1001);
  EXPECT_TRUE(spec.Validate(TestSchema()));
  EXPECT_EQ(spec.ToJson(), json);
  EXPECT_EQ(spec.ToString(), "[1000: ts_day: day(4), 1001: id_bucket: bucket[16](1)]");
}

TEST(PartitionSpecTest, V1FieldListGetsIdsFrom1000) {
  auto spec = ValueOrDie(PartitionSpec::FromFieldsJson(0, Json(R"j([
      {"source-id": 4, "name": "ts_day", "transform": "day"},
      {"source-id": 1, "name": "id_bucket", "transform": "bucket[16]"}])j")));
  EXPECT_EQ(spec.fields()[0].field_id(), 1000);
  EXPECT_EQ(spec.fields()[1].field_id(), 1001);
}

TEST(PartitionSpecTest, BadJsonNamesTheField) {
  EXPECT_EQ(ErrorOf(PartitionSpec::FromJson(Json(R"j({"fields": []})j"))).message(),
            "partition spec: missing required field 'spec-id'");
  EXPECT_EQ(ErrorOf(PartitionSpec::FromJson(Json(R"j({"spec-id": 0, "fields": [
      {"source-id": 1, "field-id": 1000, "transform": "identity"}]})j")))
                .message(),
            "partition field: missing required field 'name'");
  EXPECT_EQ(ErrorOf(PartitionSpec::FromJson(Json(R"j({"spec-id": 0, "fields": [
      {"source-id": "1", "field-id": 1000, "name": "a", "transform": "identity"}]})j")))
                .message(),
            "partition field: 'source-id' must be an integer, got string");
  EXPECT_EQ(
      ErrorOf(PartitionSpec::FromJson(Json(R"j({"spec-id": 0, "fields": [
      {"source-id": 1, "field-id": 1000, "name": "a", "transform": "bucket[x]"}]})j")))
          .message(),
      "partition field 'a': malformed transform 'bucket[x]': expected bucket[<positive int>]");
  EXPECT_EQ(ErrorOf(PartitionSpec::FromJson(Json(R"j({"spec-id": 0, "fields": [
      {"source-ids": [1, 2], "field-id": 1000, "name": "a", "transform": "zorder"}]})j")))
                .kind(),
            ErrorKind::kNotSupported);
  EXPECT_EQ(ErrorOf(PartitionSpec::FromJson(Json(R"j({"spec-id": 0, "fields": [
      {"source-id": 1, "field-id": 1000, "name": "a", "transform": "identity"},
      {"source-id": 2, "field-id": 1000, "name": "b", "transform": "identity"}]})j")))
                .message(),
            "partition field id 1000 is used twice");
}

TEST(PartitionSpecTest, ValidatesAgainstSchema) {
  Schema s = TestSchema();
  auto message = [&](PartitionField f) {
    return ErrorOf(PartitionSpec::Make(s, 0, {std::move(f)})).message();
  };
  EXPECT_EQ(message(PartitionField(42, 1000, "x", Transform::Identity())),
            "partition field 'x': source column 42 is not in the schema");
  EXPECT_EQ(message(PartitionField(9, 1000, "s", Bucket(4))),
            "partition field 's': transform bucket[4] cannot be applied to column 'score' of "
            "type double");
  EXPECT_EQ(message(PartitionField(2, 1000, "d", Transform::Day())),
            "partition field 'd': transform day cannot be applied to column 'data' of type string");
  EXPECT_EQ(message(PartitionField(5, 1000, "p", Transform::Identity())),
            "partition field 'p': source column 'point' is a struct<6: x: required long>, not a "
            "primitive");
  EXPECT_EQ(message(PartitionField(8, 1000, "e", Transform::Identity())),
            "partition field 'e': source column 'l.element' is inside a list or map");
  EXPECT_EQ(message(PartitionField(1, 1000, "data", Bucket(4))),
            "partition field 'data' conflicts with the column of that name");
  // Nested in structs is fine; an identity partition may reuse its column's name.
  EXPECT_TRUE(PartitionSpec::Make(s, 1,
                                  {PartitionField(6, 1000, "x_bucket", Bucket(2)),
                                   PartitionField(2, 1001, "data", Transform::Identity())}));
  // Unknown transforms are kept without a type check.
  auto zorder = ValueOrDie(Transform::FromString("zorder"));
  EXPECT_TRUE(PartitionSpec::Make(s, 1, {PartitionField(9, 1000, "z", zorder)}));
}

TEST(PartitionSpecTest, PartitionTypeUsesResultTypes) {
  Schema s = TestSchema();
  auto spec = ValueOrDie(PartitionSpec::Make(
      s, 0,
      {PartitionField(4, 1000, "ts_day", Transform::Day()),
       PartitionField(1, 1001, "id_bucket", Bucket(16)),
       PartitionField(3, 1002, "price_trunc", ValueOrDie(Transform::Truncate(100))),
       PartitionField(4, 1003, "ts_hour", Transform::Hour())}));
  auto type = ValueOrDie(spec.PartitionType(s));
  EXPECT_EQ(type->ToString(),
            "struct<1000: ts_day: optional date, 1001: id_bucket: optional int, "
            "1002: price_trunc: optional decimal(9,2), 1003: ts_hour: optional int>");
  EXPECT_TRUE(PartitionSpec::Unpartitioned().is_unpartitioned());
  EXPECT_TRUE(ValueOrDie(PartitionSpec::Unpartitioned().PartitionType(s))->fields().empty());
}

TEST(PartitionSpecTest, PartitionPathFormatsHumanValues) {
  Schema s = TestSchema();
  auto spec = ValueOrDie(PartitionSpec::Make(s, 0,
                                             {PartitionField(4, 1000, "ts_day", Transform::Day()),
                                              PartitionField(1, 1001, "id_bucket", Bucket(16))}));
  int32_t day = static_cast<int32_t>(internal::DaysFromCivil(2024, 1, 1));
  EXPECT_EQ(ValueOrDie(spec.PartitionPath({Literal::Date(day), Literal::Int(3)})),
            "ts_day=2024-01-01/id_bucket=3");
  EXPECT_EQ(ValueOrDie(spec.PartitionPath({Literal::Null(), Literal::Int(0)})),
            "ts_day=null/id_bucket=0");
  EXPECT_EQ(ErrorOf(spec.PartitionPath({Literal::Int(3)})).message(),
            "partition spec 0 has 2 fields but 1 values were given");

  auto by_hour =
      ValueOrDie(PartitionSpec::Make(s, 1,
                                     {PartitionField(4, 1000, "ts_hour", Transform::Hour()),
                                      PartitionField(4, 1001, "ts_month", Transform::Month()),
                                      PartitionField(4, 1002, "ts_year", Transform::Year())}));
  EXPECT_EQ(ValueOrDie(by_hour.PartitionPath(
                {Literal::Int(day * 24 + 10), Literal::Int(54 * 12), Literal::Int(54)})),
            "ts_hour=2024-01-01-10/ts_month=2024-01/ts_year=2024");
}

TEST(PartitionSpecTest, PartitionPathEscapesNamesAndValues) {
  Schema s =
      ValueOrDie(Schema::Make(0, {NestedField::Optional(1, "s", PrimitiveType::String()),
                                  NestedField::Optional(2, "t", PrimitiveType::Timestamp())}));
  auto spec =
      ValueOrDie(PartitionSpec::Make(s, 0,
                                     {PartitionField(1, 1000, "my col/x", Transform::Identity()),
                                      PartitionField(2, 1001, "t", Transform::Identity())}));
  EXPECT_EQ(ValueOrDie(spec.PartitionPath(
                {Literal::String("a b/c=d&e%\xC3\xA9~*._-"), Literal::Timestamp(1'000'000)})),
            "my+col%2Fx=a+b%2Fc%3Dd%26e%25%C3%A9%7E*._-/t=1970-01-01T00%3A00%3A01");
  EXPECT_EQ(EscapePartitionPathPart("AZaz09"), "AZaz09");
  EXPECT_EQ(EscapePartitionPathPart("+"), "%2B");
}

TEST(PartitionSpecTest, PartitionPathParsesBack) {
  Schema s = ValueOrDie(Schema::Make(0, {NestedField::Optional(1, "s", PrimitiveType::String()),
                                         NestedField::Optional(2, "t", PrimitiveType::Timestamp()),
                                         NestedField::Optional(3, "id", PrimitiveType::Long())}));
  auto spec = ValueOrDie(PartitionSpec::Make(
      s, 0,
      {PartitionField(1, 1000, "my col/x", Transform::Identity()),
       PartitionField(2, 1001, "t_hour", Transform::Hour()),
       PartitionField(3, 1002, "id_bucket", Bucket(8)),
       PartitionField(3, 1003, "id_trunc", ValueOrDie(Transform::Truncate(100)))}));
  std::vector<Literal> values = {Literal::String("a b/c=d&e%\xC3\xA9+"), Literal::Int(-5),
                                 Literal::Int(7), Literal::Null()};
  std::string path = ValueOrDie(spec.PartitionPath(values));
  EXPECT_EQ(ValueOrDie(spec.ParsePartitionPath(path, s)), values);
  EXPECT_EQ(ErrorOf(spec.ParsePartitionPath("my+col%2Fx=a/t_hour=null", s)).message(),
            "partition path 'my+col%2Fx=a/t_hour=null' has fewer than 4 parts");
  EXPECT_EQ(ErrorOf(spec.ParsePartitionPath(path + "/extra=1", s)).kind(),
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(ErrorOf(spec.ParsePartitionPath("x=a/t_hour=null/id_bucket=1/id_trunc=0", s)).message(),
            "partition path part 0 is 'x', expected 'my col/x'");
  EXPECT_EQ(
      ErrorOf(spec.ParsePartitionPath("my+col%2Fx=a/t_hour=null/id_bucket=9/id_trunc=0", s)).kind(),
      ErrorKind::kInvalidArgument);
  EXPECT_EQ(ErrorOf(UnescapePartitionPathPart("%G1")).kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(ErrorOf(UnescapePartitionPathPart("%4")).kind(), ErrorKind::kInvalidArgument);
  EXPECT_TRUE(ValueOrDie(PartitionSpec::Unpartitioned().ParsePartitionPath("", s)).empty());
}

}  // namespace
}  // namespace floe::iceberg
