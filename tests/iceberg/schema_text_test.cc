#include "floe/iceberg/schema_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using ::testing::HasSubstr;
using floe::testing::IsErrorWith;

TEST(SchemaTextTest, ParsesColumnsTypesAndNullability) {
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto schema, ParseSchemaText("id long not null, name string, ts timestamptz, "
                                   "price decimal(10, 2), flag BOOL, raw fixed[4], n bigint"));
  ASSERT_EQ(schema.fields().size(), 7u);
  EXPECT_EQ(schema.fields()[0].id(), 1);
  EXPECT_TRUE(schema.fields()[0].required());
  EXPECT_EQ(schema.fields()[0].type()->ToString(), "long");
  EXPECT_FALSE(schema.fields()[1].required());
  EXPECT_EQ(schema.fields()[2].type()->ToString(), "timestamptz");
  EXPECT_EQ(schema.fields()[3].type()->ToString(), "decimal(10,2)");
  EXPECT_EQ(schema.fields()[4].type()->ToString(), "boolean");
  EXPECT_EQ(schema.fields()[5].type()->ToString(), "fixed[4]");
  EXPECT_EQ(schema.fields()[6].type()->ToString(), "long");
}

TEST(SchemaTextTest, ErrorsNameTheColumn) {
  EXPECT_THAT(ParseSchemaText("id long, amount money"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("column 'amount': unknown type")));
  EXPECT_THAT(ParseSchemaText("id"), IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("no type")));
  EXPECT_THAT(ParseSchemaText(""), IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("no columns")));
  EXPECT_THAT(ParseSchemaText("id long, id string"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("id")));
}

TEST(SchemaTextTest, PartitionExpressionToSpec) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto schema, ParseSchemaText("id long, name string, ts timestamptz"));
  FLOE_ASSERT_OK_AND_ASSIGN(auto terms, ParsePartitionExpression(
                                            "day(ts), bucket(16, id), truncate(4, name) as n4, name"));
  ASSERT_EQ(terms.size(), 4u);
  FLOE_ASSERT_OK_AND_ASSIGN(auto spec, MakePartitionSpec(schema, terms));
  ASSERT_EQ(spec.fields().size(), 4u);
  EXPECT_EQ(spec.fields()[0].name(), "ts_day");
  EXPECT_EQ(spec.fields()[0].field_id(), 1000);
  EXPECT_EQ(spec.fields()[0].source_id(), 3);
  EXPECT_EQ(spec.fields()[1].name(), "id_bucket");
  EXPECT_EQ(spec.fields()[1].transform().ToString(), "bucket[16]");
  EXPECT_EQ(spec.fields()[2].name(), "n4");
  EXPECT_EQ(spec.fields()[2].transform().ToString(), "truncate[4]");
  EXPECT_EQ(spec.fields()[3].name(), "name");
  EXPECT_EQ(spec.fields()[3].transform().ToString(), "identity");
  FLOE_ASSERT_OK_AND_ASSIGN(auto none, ParsePartitionExpression("  "));
  EXPECT_TRUE(none.empty());
}

TEST(SchemaTextTest, PartitionExpressionErrors) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto schema, ParseSchemaText("id long, name string"));
  EXPECT_THAT(ParsePartitionExpression("week(ts)"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown transform")));
  EXPECT_THAT(ParsePartitionExpression("bucket(id)"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("bucket(16, id)")));
  EXPECT_THAT(ParsePartitionExpression("bucket(x, id)"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("not a number")));
  EXPECT_THAT(ParsePartitionExpression("bucket(0, id)"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("bucket(0, id)")));
  FLOE_ASSERT_OK_AND_ASSIGN(auto missing, ParsePartitionExpression("day(ts)"));
  EXPECT_THAT(MakePartitionSpec(schema, missing),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("no column 'ts'")));
  FLOE_ASSERT_OK_AND_ASSIGN(auto wrong, ParsePartitionExpression("day(name)"));
  EXPECT_THAT(MakePartitionSpec(schema, wrong), IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("name")));
}

}  // namespace
}  // namespace floe::iceberg
