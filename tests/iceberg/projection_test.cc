#include "floe/iceberg/projection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "floe/iceberg/expression_bind.h"
#include "floe/iceberg/filter_parser.h"
#include "floe/iceberg/partition_evaluator.h"
#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using ::floe::testing::IsError;

Schema TableSchema() {
  return Schema::Make(0, {NestedField::Optional(1, "id", PrimitiveType::Long()),
                          NestedField::Optional(2, "name", PrimitiveType::String()),
                          NestedField::Optional(3, "ts", PrimitiveType::Timestamp()),
                          NestedField::Optional(4, "d", PrimitiveType::Date()),
                          NestedField::Optional(5, "x", PrimitiveType::Double())})
      .value();
}

PartitionSpec Spec() {
  std::vector<PartitionField> fields = {
      PartitionField(1, 1000, "id_bucket", Transform::Bucket(16).value()),
      PartitionField(3, 1001, "ts_day", Transform::Day()),
      PartitionField(2, 1002, "name_trunc", Transform::Truncate(3).value()),
      PartitionField(4, 1003, "d", Transform::Identity()),
      PartitionField(1, 1004, "id_trunc", Transform::Truncate(10).value()),
      PartitionField(5, 1005, "x_void", Transform::Void()),
  };
  return PartitionSpec::Make(TableSchema(), 0, std::move(fields)).value();
}

ExprPtr BoundFilter(std::string_view text) {
  auto parsed = ParseFilter(text);
  EXPECT_TRUE(parsed.has_value()) << parsed.error().ToString();
  auto bound = Bind(*parsed, TableSchema());
  EXPECT_TRUE(bound.has_value()) << bound.error().ToString();
  return bound.has_value() ? *bound : AlwaysFalse();
}

std::string Inclusive(std::string_view text) {
  auto p = ProjectInclusive(BoundFilter(text), Spec());
  return p.has_value() ? (*p)->ToString() : "error: " + p.error().message();
}

std::string Strict(std::string_view text) {
  auto p = ProjectStrict(BoundFilter(text), Spec());
  return p.has_value() ? (*p)->ToString() : "error: " + p.error().message();
}

std::string BucketOf(int64_t v) {
  return std::to_string(Transform::Bucket(16)->Apply(Literal::Long(v))->int_value());
}

TEST(ProjectionTest, DayOfTimestamp) {
  EXPECT_EQ(Inclusive("ts >= '2024-01-01T10:00:00'"), "ts_day >= 2024-01-01");
  EXPECT_EQ(Inclusive("ts > '2024-01-01T23:59:59.999999'"), "ts_day >= 2024-01-02");
  EXPECT_EQ(Inclusive("ts < '2024-01-02T00:00:00'"), "ts_day <= 2024-01-01");
  EXPECT_EQ(Inclusive("ts = '2024-01-01T10:00:00'"), "ts_day = 2024-01-01");
  EXPECT_EQ(Inclusive("ts != '2024-01-01T10:00:00'"), "true");
  EXPECT_EQ(Strict("ts < '2024-01-02T00:00:00'"), "ts_day < 2024-01-02");
  EXPECT_EQ(Strict("ts <= '2024-01-01T23:59:59.999999'"), "ts_day < 2024-01-02");
  EXPECT_EQ(Strict("ts >= '2024-01-01T00:00:00'"), "ts_day > 2023-12-31");
  EXPECT_EQ(Strict("ts = '2024-01-01T00:00:00'"), "false");
}

TEST(ProjectionTest, BucketProjectsOnlyEqualityAndIn) {
  EXPECT_EQ(Inclusive("id = 5"), "(id_bucket = " + BucketOf(5) + " and id_trunc = 0)");
  EXPECT_EQ(Inclusive("id > 5"), "id_trunc >= 0");
  EXPECT_THAT(Inclusive("id in (5, 6)"), ::testing::HasSubstr("id_trunc = 0"));
  EXPECT_THAT(Inclusive("id in (5, 6)"), ::testing::StartsWith("(id_bucket "));
  EXPECT_EQ(Strict("id != 5"), "(id_bucket != " + BucketOf(5) + " or id_trunc != 0)");
  EXPECT_EQ(Strict("id = 5"), "false");
  EXPECT_THAT(Strict("id not in (5, 15)"), ::testing::HasSubstr("id_trunc not in (0, 10)"));
  EXPECT_EQ(Strict("id not in (5, 6)").find("id_trunc != 0") != std::string::npos, true);
}

TEST(ProjectionTest, TruncateIntegersAndStrings) {
  EXPECT_EQ(Inclusive("id < 20"), "id_trunc <= 10");
  EXPECT_EQ(Inclusive("id >= 25"), "id_trunc >= 20");
  EXPECT_EQ(Strict("id < 20"), "id_trunc < 20");
  EXPECT_EQ(Strict("id >= 20"), "id_trunc > 10");
  EXPECT_EQ(Inclusive("name = 'abcdef'"), "name_trunc = 'abc'");
  EXPECT_EQ(Inclusive("name starts with 'abcd'"), "name_trunc starts with 'abc'");
  EXPECT_EQ(Inclusive("name < 'abcd'"), "name_trunc <= 'abc'");
  EXPECT_EQ(Strict("name starts with 'ab'"), "name_trunc starts with 'ab'");
  EXPECT_EQ(Strict("name starts with 'abcd'"), "false");
  EXPECT_EQ(Inclusive("name not starts with 'ab'"), "true");
}

TEST(ProjectionTest, IdentityVoidNullsAndLogic) {
  EXPECT_EQ(Inclusive("d >= '2024-01-01' and d is not null"),
            "(d >= 2024-01-01 and d is not null)");
  EXPECT_EQ(Strict("d != '2024-01-01'"), "d != 2024-01-01");
  EXPECT_EQ(Inclusive("x > 1"), "true");
  EXPECT_EQ(Strict("x > 1"), "false");
  EXPECT_EQ(Inclusive("name is null"), "name_trunc is null");
  EXPECT_EQ(Inclusive("not (d < '2024-01-01')"), "d >= 2024-01-01");
  EXPECT_EQ(Inclusive("d = '2024-01-01' or x > 1"), "true");
  EXPECT_THAT(ProjectInclusive(Equal("id", Literal::Long(1)), Spec()),
              IsError(ErrorKind::kInvalidArgument));
}

TEST(PartitionEvaluatorTest, PrunesByPartitionTuple) {
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto eval, PartitionEvaluator::Make(BoundFilter("ts >= '2024-01-02T00:00:00' and d = "
                                                      "'2024-01-05'"),
                                          Spec()));
  auto tuple = [](int32_t day, int32_t d) {
    return std::vector<Literal>{Literal::Int(0),  Literal::Date(day), Literal::String("abc"),
                                Literal::Date(d), Literal::Long(0),   Literal::Null()};
  };
  int32_t jan1 = 19723;
  FLOE_ASSERT_OK_AND_ASSIGN(bool m, eval.MightMatch(tuple(jan1, jan1 + 4)));
  EXPECT_FALSE(m);
  FLOE_ASSERT_OK_AND_ASSIGN(m, eval.MightMatch(tuple(jan1 + 1, jan1 + 4)));
  EXPECT_TRUE(m);
  FLOE_ASSERT_OK_AND_ASSIGN(m, eval.MightMatch(tuple(jan1 + 1, jan1 + 3)));
  EXPECT_FALSE(m);
  FLOE_ASSERT_OK_AND_ASSIGN(m, eval.AllMatch(tuple(jan1 + 1, jan1 + 4)));
  EXPECT_TRUE(m);  // ts_day > 2024-01-01 and d = 2024-01-05
  FLOE_ASSERT_OK_AND_ASSIGN(m, eval.AllMatch(tuple(jan1, jan1 + 4)));
  EXPECT_FALSE(m);
  EXPECT_THAT(eval.MightMatch({Literal::Int(1)}), IsError(ErrorKind::kInvalidArgument));
}

TEST(PartitionEvaluatorTest, NullPartitionValues) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto eval,
                            PartitionEvaluator::Make(BoundFilter("d < '2024-01-01'"), Spec()));
  std::vector<Literal> nulls(6, Literal::Null());
  FLOE_ASSERT_OK_AND_ASSIGN(bool m, eval.MightMatch(nulls));
  EXPECT_FALSE(m);
  FLOE_ASSERT_OK_AND_ASSIGN(auto null_eval,
                            PartitionEvaluator::Make(BoundFilter("name is null"), Spec()));
  FLOE_ASSERT_OK_AND_ASSIGN(m, null_eval.MightMatch(nulls));
  EXPECT_TRUE(m);
  FLOE_ASSERT_OK_AND_ASSIGN(m, null_eval.AllMatch(nulls));
  EXPECT_TRUE(m);
}

}  // namespace
}  // namespace floe::iceberg
