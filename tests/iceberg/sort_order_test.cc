#include "floe/iceberg/sort_order.h"

#include <gtest/gtest.h>

#include "iceberg/test_util.h"

namespace floe::iceberg {
namespace {

using testing::ErrorOf;
using testing::Json;
using testing::ValueOrDie;

Schema TestSchema() {
  return ValueOrDie(Schema::Make(0, {NestedField::Required(1, "id", PrimitiveType::Long()),
                                     NestedField::Optional(2, "data", PrimitiveType::String()),
                                     NestedField::Optional(3, "score", PrimitiveType::Double())}));
}

TEST(SortOrderTest, SpecJsonExampleRoundTrips) {
  auto json = Json(R"j({"order-id": 1, "fields": [
      {"transform": "identity", "source-id": 2, "direction": "asc", "null-order": "nulls-first"},
      {"transform": "bucket[4]", "source-id": 1, "direction": "desc",
       "null-order": "nulls-last"}]})j");
  auto order = ValueOrDie(SortOrder::FromJson(json));
  EXPECT_EQ(order.order_id(), 1);
  ASSERT_EQ(order.fields().size(), 2u);
  EXPECT_EQ(order.fields()[0].direction(), SortDirection::kAsc);
  EXPECT_EQ(order.fields()[0].null_order(), NullOrder::kNullsFirst);
  EXPECT_EQ(order.fields()[1].direction(), SortDirection::kDesc);
  EXPECT_EQ(order.fields()[1].null_order(), NullOrder::kNullsLast);
  EXPECT_EQ(order.fields()[1].transform().ToString(), "bucket[4]");
  EXPECT_TRUE(order.Validate(TestSchema()));
  EXPECT_EQ(order.ToJson(), json);
  EXPECT_EQ(order.ToString(), "1: [identity(2) asc nulls-first, bucket[4](1) desc nulls-last]");
}

TEST(SortOrderTest, UnsortedIsOrderZero) {
  auto unsorted = SortOrder::Unsorted();
  EXPECT_EQ(unsorted.order_id(), 0);
  EXPECT_TRUE(unsorted.is_unsorted());
  EXPECT_EQ(unsorted.ToJson(), Json(R"j({"order-id": 0, "fields": []})j"));
  EXPECT_EQ(ValueOrDie(SortOrder::FromJson(unsorted.ToJson())), unsorted);
  SortField f(1, Transform::Identity(), SortDirection::kAsc, NullOrder::kNullsFirst);
  EXPECT_EQ(ErrorOf(SortOrder::MakeUnchecked(0, {f})).message(),
            "sort order id 0 is reserved for the unsorted order");
  EXPECT_EQ(ErrorOf(SortOrder::MakeUnchecked(2, {})).kind(), ErrorKind::kInvalidArgument);
}

TEST(SortOrderTest, ValidatesAgainstSchema) {
  Schema s = TestSchema();
  EXPECT_EQ(ErrorOf(SortOrder::Make(s, 1,
                                    {SortField(9, Transform::Identity(), SortDirection::kAsc,
                                               NullOrder::kNullsLast)}))
                .message(),
            "sort field 0: source column 9 is not in the schema");
  EXPECT_EQ(ErrorOf(SortOrder::Make(s, 1,
                                    {SortField(3, Transform::Day(), SortDirection::kAsc,
                                               NullOrder::kNullsLast)}))
                .message(),
            "sort field 0: transform day cannot be applied to column 'score' of type double");
  EXPECT_TRUE(SortOrder::Make(
      s, 1, {SortField(3, Transform::Identity(), SortDirection::kDesc, NullOrder::kNullsFirst)}));
}

TEST(SortOrderTest, BadJsonNamesTheField) {
  EXPECT_EQ(ErrorOf(SortOrder::FromJson(Json(R"j({"order-id": 1, "fields": [
      {"transform": "identity", "source-id": 2, "direction": "up",
       "null-order": "nulls-first"}]})j")))
                .message(),
            "sort field: 'direction' must be \"asc\" or \"desc\", got \"up\"");
  EXPECT_EQ(ErrorOf(SortOrder::FromJson(Json(R"j({"order-id": 1, "fields": [
      {"transform": "identity", "source-id": 2, "direction": "asc"}]})j")))
                .message(),
            "sort field: missing required field 'null-order'");
  EXPECT_EQ(ErrorOf(SortOrder::FromJson(Json(R"j({"order-id": 1, "fields": [
      {"transform": "identity", "direction": "asc", "null-order": "nulls-last"}]})j")))
                .message(),
            "sort field: missing required field 'source-id'");
  EXPECT_EQ(ErrorOf(SortOrder::FromJson(Json(R"j({"order-id": true, "fields": []})j"))).message(),
            "sort order: 'order-id' must be an integer, got boolean");
}

}  // namespace
}  // namespace floe::iceberg
