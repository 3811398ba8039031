#include "floe/iceberg/expression_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using ::floe::testing::IsError;
using nlohmann::json;

ExprPtr RoundTrip(const ExprPtr& e) {
  auto back = ExpressionFromJson(ExpressionToJson(*e));
  EXPECT_TRUE(back.has_value()) << back.error().ToString();
  return back.has_value() ? *back : AlwaysFalse();
}

TEST(ExpressionJsonTest, WritesTheOpenApiShape) {
  ExprPtr e = And(LessThan("id", Literal::Long(5)), Not(IsNull("name")));
  EXPECT_EQ(ExpressionToJson(*e), json::parse(R"({
    "type": "and",
    "left": {"type": "lt", "left": {"type": "reference", "name": "id"}, "right": 5},
    "right": {"type": "not",
              "child": {"type": "is-null", "child": {"type": "reference", "name": "name"}}}
  })"));
  EXPECT_EQ(ExpressionToJson(*In("x", {Literal::String("a"), Literal::String("b")})),
            json::parse(R"({"type": "in", "child": {"type": "reference", "name": "x"},
                            "values": ["a", "b"]})"));
  EXPECT_EQ(ExpressionToJson(*AlwaysTrue()), json(true));
  EXPECT_EQ(ExpressionToJson(*Equal("d", Literal::Date(19723))),
            json::parse(R"({"type": "eq", "left": {"type": "reference", "name": "d"},
              "right": {"type": "literal", "value": "2024-01-01", "data-type": "date"}})"));
}

TEST(ExpressionJsonTest, RoundTripsEveryOperation) {
  std::vector<ExprPtr> cases = {
      AlwaysTrue(),
      AlwaysFalse(),
      Or(IsNan("f"), NotNan("g")),
      NotNull("n"),
      LessThanOrEqual("a", Literal::Long(-3)),
      GreaterThan("a", Literal::Double(2.5)),
      GreaterThanOrEqual("ts", Literal::TimestampTz(1704067200000001)),
      NotEqual("b", Literal::Boolean(true)),
      StartsWith("s", "pre"),
      NotStartsWith("s", "x"),
      NotIn("a", {Literal::Long(1), Literal::Long(2)}),
      Equal("p", Literal::Decimal(1420, 2)),
      Equal("t", Literal::Time(3600000000)),
      Equal("bin", Literal::Binary({0xde, 0xad})),
      Equal("ns", Literal::TimestampNs(123456789)),
      Equal("f", Literal::Float(1.5f)),
  };
  for (const ExprPtr& e : cases) {
    ExprPtr back = RoundTrip(e);
    EXPECT_TRUE(back->Equals(*e)) << e->ToString() << " became " << back->ToString();
  }
}

TEST(ExpressionJsonTest, ReadsDeprecatedForms) {
  FLOE_ASSERT_OK_AND_ASSIGN(
      ExprPtr e, ExpressionFromJson(json::parse(R"({"type": "lt", "term": "id", "value": 5})")));
  EXPECT_EQ(e->ToString(), "id < 5");
  FLOE_ASSERT_OK_AND_ASSIGN(e, ExpressionFromJson(json::parse(R"({"type": "true"})")));
  EXPECT_EQ(e->op(), Operation::kTrue);
  FLOE_ASSERT_OK_AND_ASSIGN(e, ExpressionFromJson(json::parse(
                                   R"({"type": "in", "term": "d",
                 "values": {"type": "literals", "values": ["2024-01-01"],
                            "data-type": "date"}})")));
  EXPECT_EQ(e->literal(), Literal::Date(19723));
}

TEST(ExpressionJsonTest, ResolvesIdReferencesWithASchema) {
  auto schema = Schema::Make(0, {NestedField::Required(3, "id", PrimitiveType::Long())}).value();
  json j = json::parse(R"({"type": "not-null", "child": {"type": "reference", "id": 3}})");
  EXPECT_THAT(ExpressionFromJson(j), IsError(ErrorKind::kInvalidArgument));
  FLOE_ASSERT_OK_AND_ASSIGN(ExprPtr e, ExpressionFromJson(j, &schema));
  EXPECT_EQ(e->ToString(), "id is not null");
}

TEST(ExpressionJsonTest, RejectsMalformedDocuments) {
  EXPECT_THAT(ExpressionFromJson(json::parse(R"({"type": "between"})")),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(ExpressionFromJson(json::parse(R"({"type": "and", "left": true})")),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(ExpressionFromJson(json::parse(R"({"type": "eq", "left": {"type": "reference",
              "name": "x"}})")),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(ExpressionFromJson(json::parse(R"({"type": "is-null", "child": {"type": "apply",
              "function": "f", "arguments": []}})")),
              IsError(ErrorKind::kNotSupported));
  EXPECT_THAT(ExpressionFromJson(json::parse("42")), IsError(ErrorKind::kInvalidArgument));
}

}  // namespace
}  // namespace floe::iceberg
