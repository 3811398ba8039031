#include "floe/iceberg/expression.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "floe/iceberg/expression_bind.h"
#include "floe/iceberg/expression_literal.h"
#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsErrorWith;
using ::floe::testing::IsOk;
using ::testing::HasSubstr;

Schema TestSchema() {
  auto schema =
      Schema::Make(0, {NestedField::Required(1, "id", PrimitiveType::Long()),
                       NestedField::Optional(2, "name", PrimitiveType::String()),
                       NestedField::Optional(3, "ts", PrimitiveType::TimestampTz()),
                       NestedField::Optional(4, "score", PrimitiveType::Double()),
                       NestedField::Optional(5, "day", PrimitiveType::Date()),
                       NestedField::Optional(6, "price", PrimitiveType::Decimal(9, 2).value()),
                       NestedField::Optional(7, "Count", PrimitiveType::Int())});
  return std::move(schema).value();
}

TEST(ExpressionTest, FactoriesSimplifyConstants) {
  ExprPtr p = Equal("id", Literal::Long(1));
  EXPECT_EQ(And(p, AlwaysFalse())->op(), Operation::kFalse);
  EXPECT_EQ(And(AlwaysTrue(), p), p);
  EXPECT_EQ(Or(p, AlwaysTrue())->op(), Operation::kTrue);
  EXPECT_EQ(Or(AlwaysFalse(), p), p);
  EXPECT_EQ(Not(Not(p)), p);
  EXPECT_EQ(Not(AlwaysTrue())->op(), Operation::kFalse);
}

TEST(ExpressionTest, ToStringReadsLikeSql) {
  ExprPtr e = And(GreaterThanOrEqual("id", Literal::Long(10)),
                  Not(Or(IsNull("name"), StartsWith("name", "tmp"))));
  EXPECT_EQ(e->ToString(), "(id >= 10 and not (name is null or name starts with 'tmp'))");
  EXPECT_EQ(In("id", {Literal::Int(1), Literal::Int(2)})->ToString(), "id in (1, 2)");
}

TEST(ExpressionTest, NegatePushesDownToPredicates) {
  ExprPtr e = And(LessThan("id", Literal::Long(3)), Not(IsNull("name")));
  ExprPtr n = Negate(e);
  EXPECT_EQ(n->ToString(), "(id >= 3 or name is null)");
  EXPECT_EQ(RewriteNot(Not(e))->ToString(), "(id >= 3 or name is null)");
  EXPECT_EQ(Negate(In("id", {Literal::Int(1)}))->op(), Operation::kNotIn);
  EXPECT_EQ(Negate(StartsWith("name", "a"))->op(), Operation::kNotStartsWith);
}

TEST(ExpressionTest, MakePredicateChecksArity) {
  EXPECT_THAT(MakePredicate(Operation::kIsNull, "x", {Literal::Int(1)}),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(MakePredicate(Operation::kLt, "x", {}), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(MakePredicate(Operation::kEq, "x", {Literal::Null()}),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(MakePredicate(Operation::kAnd, "x", {}), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(MakePredicate(Operation::kIn, "x", {Literal::Int(1), Literal::Int(2)}), IsOk());
}

TEST(ExpressionTest, OperationNamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(Operation::kNotIn); ++i) {
    auto op = static_cast<Operation>(i);
    FLOE_ASSERT_OK_AND_ASSIGN(Operation back, OperationFromName(OperationName(op)));
    EXPECT_EQ(back, op);
  }
  EXPECT_THAT(OperationFromName("between"), IsError(ErrorKind::kInvalidArgument));
}

TEST(ExpressionBindTest, BindsByNameAndConvertsLiterals) {
  Schema schema = TestSchema();
  FLOE_ASSERT_OK_AND_ASSIGN(ExprPtr b, Bind(Equal("id", Literal::Int(5)), schema));
  EXPECT_TRUE(b->IsBound());
  EXPECT_EQ(b->ref().field_id, 1);
  EXPECT_EQ(b->literal(), Literal::Long(5));

  FLOE_ASSERT_OK_AND_ASSIGN(
      b, Bind(GreaterThanOrEqual("ts", Literal::String("2024-01-01T00:00:00")), schema));
  EXPECT_EQ(b->literal(), Literal::TimestampTz(1704067200000000));
  FLOE_ASSERT_OK_AND_ASSIGN(b, Bind(LessThan("day", Literal::String("1970-01-03")), schema));
  EXPECT_EQ(b->literal(), Literal::Date(2));
  FLOE_ASSERT_OK_AND_ASSIGN(b, Bind(LessThan("price", Literal::String("1.5")), schema));
  EXPECT_EQ(b->literal(), Literal::Decimal(150, 2));
  FLOE_ASSERT_OK_AND_ASSIGN(b, Bind(LessThan("score", Literal::Int(2)), schema));
  EXPECT_EQ(b->literal(), Literal::Double(2.0));
}

TEST(ExpressionBindTest, ErrorsNameTheColumn) {
  Schema schema = TestSchema();
  EXPECT_THAT(
      Bind(Equal("x", Literal::Int(1)), schema),
      IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("no column 'x' in the table schema")));
  EXPECT_THAT(Bind(Equal("ts", Literal::String("abc")), schema),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          HasSubstr("column 'ts': cannot compare timestamptz with 'abc'")));
  EXPECT_THAT(Bind(IsNan("id"), schema),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("column 'id'")));
  EXPECT_THAT(Bind(StartsWith("id", "1"), schema), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(Bind(Equal("Count", Literal::Long(int64_t{1} << 40)), schema),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(Bind(Equal("score", Literal::Double(std::nan(""))), schema),
              IsError(ErrorKind::kInvalidArgument));
}

TEST(ExpressionBindTest, CaseInsensitiveBinding) {
  Schema schema = TestSchema();
  EXPECT_THAT(Bind(Equal("ID", Literal::Int(1)), schema), IsError(ErrorKind::kInvalidArgument));
  FLOE_ASSERT_OK_AND_ASSIGN(ExprPtr b, Bind(Equal("ID", Literal::Int(1)), schema, false));
  EXPECT_EQ(b->ref().name, "id");
  FLOE_ASSERT_OK_AND_ASSIGN(b, Bind(Equal("count", Literal::Int(1)), schema, false));
  EXPECT_EQ(b->ref().field_id, 7);
}

TEST(ExpressionBindTest, SimplifiesWhatTheSchemaDecides) {
  Schema schema = TestSchema();
  FLOE_ASSERT_OK_AND_ASSIGN(ExprPtr b, Bind(IsNull("id"), schema));
  EXPECT_EQ(b->op(), Operation::kFalse);
  FLOE_ASSERT_OK_AND_ASSIGN(b, Bind(NotNull("id"), schema));
  EXPECT_EQ(b->op(), Operation::kTrue);
  FLOE_ASSERT_OK_AND_ASSIGN(b, Bind(Or(IsNull("id"), IsNull("name")), schema));
  EXPECT_EQ(b->op(), Operation::kIsNull);
  FLOE_ASSERT_OK_AND_ASSIGN(b, Bind(In("id", {Literal::Int(2), Literal::Long(2)}), schema));
  EXPECT_EQ(b->op(), Operation::kEq);
  FLOE_ASSERT_OK_AND_ASSIGN(b, Bind(In("id", {}), schema));
  EXPECT_EQ(b->op(), Operation::kFalse);
  FLOE_ASSERT_OK_AND_ASSIGN(
      b, Bind(NotIn("id", {Literal::Int(3), Literal::Int(1), Literal::Int(3)}), schema));
  EXPECT_EQ(b->ToString(), "id not in (1, 3)");
}

TEST(ExpressionLiteralTest, ComparesWithinAType) {
  EXPECT_LT(CompareLiteralValues(Literal::Int(1), Literal::Int(2)), 0);
  EXPECT_GT(CompareLiteralValues(Literal::String("b"), Literal::String("abc")), 0);
  EXPECT_LT(CompareLiteralValues(Literal::Double(1e300), Literal::Double(std::nan(""))), 0);
  EXPECT_EQ(CompareLiteralValues(Literal::Decimal(150, 2), Literal::Decimal(150, 2)), 0);
}

TEST(ExpressionLiteralTest, ConvertsStringsAndNumbers) {
  FLOE_ASSERT_OK_AND_ASSIGN(Literal u,
                            ConvertLiteral(Literal::String("f79c3e09-677c-4bbd-a479-3f349cb785e7"),
                                           *PrimitiveType::Uuid()));
  EXPECT_EQ(u.uuid_value()[0], 0xf7);
  FLOE_ASSERT_OK_AND_ASSIGN(Literal t,
                            ConvertLiteral(Literal::Date(1), *PrimitiveType::Timestamp()));
  EXPECT_EQ(t, Literal::Timestamp(86400000000));
  EXPECT_THAT(ConvertLiteral(Literal::Decimal(155, 2), *PrimitiveType::Decimal(9, 1).value()),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(ConvertLiteral(Literal::Boolean(true), *PrimitiveType::Long()),
              IsError(ErrorKind::kInvalidArgument));
}

}  // namespace
}  // namespace floe::iceberg
