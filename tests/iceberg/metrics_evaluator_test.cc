#include "floe/iceberg/metrics_evaluator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "floe/iceberg/expression_bind.h"
#include "floe/iceberg/filter_parser.h"
#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using ::floe::testing::IsError;

Schema TableSchema() {
  return Schema::Make(0, {NestedField::Optional(1, "id", PrimitiveType::Long()),
                          NestedField::Optional(2, "name", PrimitiveType::String()),
                          NestedField::Optional(3, "x", PrimitiveType::Double()),
                          NestedField::Optional(4, "empty", PrimitiveType::Int())})
      .value();
}

// 10 rows: id in [10, 20] with no nulls; name in ["abc", "abz"] with 2 nulls; x in [1, 2] with
// 3 NaNs; `empty` all null.
FileMetrics Metrics() {
  FileMetrics m;
  m.record_count = 10;
  m.value_counts = {{1, 10}, {2, 10}, {3, 10}, {4, 10}};
  m.null_value_counts = {{1, 0}, {2, 2}, {3, 0}, {4, 10}};
  m.nan_value_counts = {{3, 3}};
  m.lower_bounds = {{1, Literal::Long(10)}, {2, Literal::String("abc")}, {3, Literal::Double(1)}};
  m.upper_bounds = {{1, Literal::Long(20)}, {2, Literal::String("abz")}, {3, Literal::Double(2)}};
  return m;
}

ExprPtr BoundFilter(std::string_view text) {
  auto bound = Bind(ParseFilter(text).value(), TableSchema());
  EXPECT_TRUE(bound.has_value()) << bound.error().ToString();
  return bound.has_value() ? *bound : AlwaysFalse();
}

bool Might(std::string_view text, const FileMetrics& m = Metrics()) {
  return InclusiveMetricsEvaluator::Make(BoundFilter(text))->MightMatch(m);
}

bool All(std::string_view text, const FileMetrics& m = Metrics()) {
  return StrictMetricsEvaluator::Make(BoundFilter(text))->AllMatch(m);
}

TEST(InclusiveMetricsEvaluatorTest, PrunesDisjointBounds) {
  EXPECT_FALSE(Might("id < 10"));
  EXPECT_TRUE(Might("id <= 10"));
  EXPECT_FALSE(Might("id > 20"));
  EXPECT_TRUE(Might("id >= 20"));
  EXPECT_FALSE(Might("id = 21"));
  EXPECT_TRUE(Might("id = 15"));
  EXPECT_FALSE(Might("id in (1, 2, 30)"));
  EXPECT_TRUE(Might("id in (1, 12)"));
  EXPECT_TRUE(Might("id != 15"));
  EXPECT_FALSE(Might("id = 5 or id = 25"));
  EXPECT_TRUE(Might("not (id < 15)"));
  EXPECT_FALSE(Might("not (id <= 20)"));
}

TEST(InclusiveMetricsEvaluatorTest, NullsNansAndStrings) {
  EXPECT_FALSE(Might("id is null"));
  EXPECT_TRUE(Might("name is null"));
  EXPECT_FALSE(Might("empty is not null"));
  EXPECT_FALSE(Might("empty = 3"));
  EXPECT_TRUE(Might("empty is null"));
  EXPECT_TRUE(Might("x is nan"));
  EXPECT_FALSE(Might("id is not null and x > 2"));
  EXPECT_TRUE(Might("name starts with 'ab'"));
  EXPECT_FALSE(Might("name starts with 'b'"));
  EXPECT_FALSE(Might("name starts with 'aa'"));
  EXPECT_FALSE(Might("name not starts with 'ab'"));  // nulls never match
  EXPECT_TRUE(Might("name not starts with 'abc'"));
  FileMetrics all_nan = Metrics();
  all_nan.nan_value_counts[3] = 10;
  all_nan.lower_bounds.erase(3);
  all_nan.upper_bounds.erase(3);
  EXPECT_FALSE(Might("x < 5", all_nan));
  EXPECT_FALSE(Might("x is not nan", all_nan));
  FileMetrics no_stats;
  no_stats.record_count = 5;
  EXPECT_TRUE(Might("id = 1 and name is null and x is nan", no_stats));
  FileMetrics empty;
  empty.record_count = 0;
  EXPECT_FALSE(Might("true", empty));
}

TEST(StrictMetricsEvaluatorTest, ProvesWholeFiles) {
  EXPECT_TRUE(All("id >= 10"));
  EXPECT_FALSE(All("id > 10"));
  EXPECT_TRUE(All("id < 21"));
  EXPECT_TRUE(All("id != 25"));
  EXPECT_FALSE(All("id != 15"));
  EXPECT_TRUE(All("id not in (1, 30)"));
  EXPECT_FALSE(All("id = 10"));
  EXPECT_TRUE(All("id is not null"));
  EXPECT_TRUE(All("empty is null"));
  EXPECT_FALSE(All("name is not null"));
  EXPECT_FALSE(All("name starts with 'ab'"));  // nulls do not start with anything
  EXPECT_FALSE(All("x < 5"));                  // NaNs are not less than 5
  EXPECT_FALSE(All("x < 5 or x is nan"));      // each side alone proves only some rows
  EXPECT_TRUE(All("id >= 10 and not (id > 20)"));
  FileMetrics single = Metrics();
  single.lower_bounds.insert_or_assign(1, Literal::Long(7));
  single.upper_bounds.insert_or_assign(1, Literal::Long(7));
  EXPECT_TRUE(All("id = 7", single));
  EXPECT_TRUE(All("id in (3, 7)", single));
  FileMetrics names = Metrics();
  names.null_value_counts[2] = 0;
  EXPECT_TRUE(All("name starts with 'ab'", names));
  EXPECT_TRUE(All("name not starts with 'b'", names));
  EXPECT_FALSE(All("name not starts with 'abc'", names));
}

TEST(StrictMetricsEvaluatorTest, RejectsUnboundFilters) {
  EXPECT_THAT(StrictMetricsEvaluator::Make(IsNull("id")), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(InclusiveMetricsEvaluator::Make(IsNull("id")), IsError(ErrorKind::kInvalidArgument));
}

}  // namespace
}  // namespace floe::iceberg
