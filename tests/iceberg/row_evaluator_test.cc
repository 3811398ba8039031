#include "floe/iceberg/row_evaluator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "floe/columnar/builder.h"
#include "floe/iceberg/expression_bind.h"
#include "floe/iceberg/filter_parser.h"
#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsOk;
using ::testing::ElementsAre;

Schema TableSchema() {
  return Schema::Make(0, {NestedField::Optional(1, "id", PrimitiveType::Long()),
                          NestedField::Optional(2, "name", PrimitiveType::String()),
                          NestedField::Optional(3, "score", PrimitiveType::Double()),
                          NestedField::Optional(4, "day", PrimitiveType::Date()),
                          NestedField::Optional(5, "flag", PrimitiveType::Boolean())})
      .value();
}

// id:    1     2       null  4     5
// name:  "a"   "tmp1"  null  "b"   "tmpx"
// score: 1.0   NaN     null  3.5   -1.0
// day:   0     1       2     3     null     (field found by name: the batch has no field ids)
// flag:  true  false   true  null  false
columnar::RecordBatch TestBatch() {
  columnar::Int64Builder ids;
  EXPECT_THAT(ids.Append(1), IsOk());
  EXPECT_THAT(ids.Append(2), IsOk());
  EXPECT_THAT(ids.AppendNull(), IsOk());
  EXPECT_THAT(ids.Append(4), IsOk());
  EXPECT_THAT(ids.Append(5), IsOk());
  columnar::StringBuilder names;
  for (const char* n : {"a", "tmp1", "", "b", "tmpx"}) {
    EXPECT_THAT(*n == '\0' ? names.AppendNull() : names.Append(n), IsOk());
  }
  columnar::Float64Builder scores;
  EXPECT_THAT(scores.Append(1.0), IsOk());
  EXPECT_THAT(scores.Append(std::nan("")), IsOk());
  EXPECT_THAT(scores.AppendNull(), IsOk());
  EXPECT_THAT(scores.Append(3.5), IsOk());
  EXPECT_THAT(scores.Append(-1.0), IsOk());
  columnar::Date32Builder days;
  for (int32_t d : {0, 1, 2, 3}) EXPECT_THAT(days.Append(d), IsOk());
  EXPECT_THAT(days.AppendNull(), IsOk());
  columnar::BooleanBuilder flags;
  EXPECT_THAT(flags.Append(true), IsOk());
  EXPECT_THAT(flags.Append(false), IsOk());
  EXPECT_THAT(flags.Append(true), IsOk());
  EXPECT_THAT(flags.AppendNull(), IsOk());
  EXPECT_THAT(flags.Append(false), IsOk());
  columnar::Schema schema({
      columnar::Field("ID_renamed", columnar::DataType::Int64(), true, 1),
      columnar::Field("name", columnar::DataType::String(), true, 2),
      columnar::Field("score", columnar::DataType::Float64(), true, 3),
      columnar::Field("day", columnar::DataType::Date32()),
      columnar::Field("flag", columnar::DataType::Boolean(), true, 5),
  });
  return columnar::RecordBatch::Make(
             schema, {ids.Finish().value(), names.Finish().value(), scores.Finish().value(),
                      days.Finish().value(), flags.Finish().value()})
      .value();
}

std::vector<int64_t> Select(std::string_view filter) {
  auto parsed = ParseFilter(filter);
  EXPECT_TRUE(parsed.has_value()) << parsed.error().ToString();
  auto bound = Bind(*parsed, TableSchema());
  EXPECT_TRUE(bound.has_value()) << bound.error().ToString();
  auto eval = RowEvaluator::Make(*bound);
  EXPECT_TRUE(eval.has_value());
  auto rows = eval->SelectRows(TestBatch());
  EXPECT_TRUE(rows.has_value()) << rows.error().ToString();
  return rows.has_value() ? *rows : std::vector<int64_t>{-1};
}

TEST(RowEvaluatorTest, ComparisonsSkipNulls) {
  EXPECT_THAT(Select("id < 3"), ElementsAre(0, 1));
  EXPECT_THAT(Select("id >= 2"), ElementsAre(1, 3, 4));
  EXPECT_THAT(Select("id != 2"), ElementsAre(0, 3, 4));
  EXPECT_THAT(Select("id = 4"), ElementsAre(3));
  EXPECT_THAT(Select("id <= 1 or id > 4"), ElementsAre(0, 4));
  EXPECT_THAT(Select("id in (5, 1, 9)"), ElementsAre(0, 4));
  EXPECT_THAT(Select("id not in (5, 1)"), ElementsAre(1, 3));
}

TEST(RowEvaluatorTest, NotOfUnknownIsFalse) {
  EXPECT_THAT(Select("not id < 3"), ElementsAre(3, 4));
  EXPECT_THAT(Select("not (id = 1 or name = 'b')"), ElementsAre(1, 4));
  EXPECT_THAT(Select("not name is null"), ElementsAre(0, 1, 3, 4));
}

TEST(RowEvaluatorTest, StringsNullsAndNans) {
  EXPECT_THAT(Select("name starts with 'tmp'"), ElementsAre(1, 4));
  EXPECT_THAT(Select("name not starts with 'tmp'"), ElementsAre(0, 3));
  EXPECT_THAT(Select("name > 'a'"), ElementsAre(1, 3, 4));
  EXPECT_THAT(Select("name is null"), ElementsAre(2));
  EXPECT_THAT(Select("score is nan"), ElementsAre(1));
  EXPECT_THAT(Select("score is not nan"), ElementsAre(0, 3, 4));
  EXPECT_THAT(Select("score > 0"), ElementsAre(0, 3));
  EXPECT_THAT(Select("score in (3.5, -1)"), ElementsAre(3, 4));
}

TEST(RowEvaluatorTest, FindsColumnsByIdOrName) {
  EXPECT_THAT(Select("day >= '1970-01-03'"), ElementsAre(2, 3));
  EXPECT_THAT(Select("flag = true"), ElementsAre(0, 2));
  EXPECT_THAT(Select("flag = false and id > 1"), ElementsAre(1, 4));
  EXPECT_THAT(Select("true"), ElementsAre(0, 1, 2, 3, 4));
  EXPECT_THAT(Select("id = 1 and false"), ElementsAre());
}

TEST(RowEvaluatorTest, WorksOnSlicedBatches) {
  FLOE_ASSERT_OK_AND_ASSIGN(columnar::RecordBatch slice, TestBatch().Slice(1, 3));
  ExprPtr filter =
      Bind(ParseFilter("id >= 2 and name starts with 'tmp' or score > 3").value(), TableSchema())
          .value();
  FLOE_ASSERT_OK_AND_ASSIGN(auto eval, RowEvaluator::Make(filter));
  FLOE_ASSERT_OK_AND_ASSIGN(std::vector<uint8_t> selected, eval.Evaluate(slice));
  EXPECT_THAT(selected, ElementsAre(1, 0, 1));
}

TEST(RowEvaluatorTest, RejectsUnboundAndMissingColumns) {
  EXPECT_THAT(RowEvaluator::Make(Equal("id", Literal::Long(1))),
              IsError(ErrorKind::kInvalidArgument));
  auto bound =
      Bind(Equal("x", Literal::Long(1)),
           Schema::Make(0, {NestedField::Optional(9, "x", PrimitiveType::Long())}).value());
  ASSERT_TRUE(bound.has_value());
  FLOE_ASSERT_OK_AND_ASSIGN(auto eval, RowEvaluator::Make(*bound));
  EXPECT_THAT(eval.Evaluate(TestBatch()), IsError(ErrorKind::kInvalidArgument));
}

}  // namespace
}  // namespace floe::iceberg
