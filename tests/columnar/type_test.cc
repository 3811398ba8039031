#include "floe/columnar/type.h"

#include <gtest/gtest.h>

namespace floe::columnar {
namespace {

TEST(TypeTest, ParametersAndWidths) {
  EXPECT_EQ(DataType::Int32().byte_width(), 4);
  EXPECT_EQ(DataType::Timestamp("UTC").byte_width(), 8);
  EXPECT_EQ(DataType::Decimal128(38, 9).byte_width(), 16);
  EXPECT_EQ(DataType::FixedSizeBinary(16).byte_width(), 16);
  EXPECT_EQ(DataType::Boolean().byte_width(), 0);
  EXPECT_TRUE(DataType::Boolean().is_fixed_width());
  EXPECT_FALSE(DataType::String().is_fixed_width());
  EXPECT_TRUE(DataType::String().is_binary_like());
  EXPECT_TRUE(DataType::List(Field("e", DataType::Int32())).is_nested());
  EXPECT_EQ(DataType::Decimal128(10, 2).precision(), 10);
  EXPECT_EQ(DataType::Decimal128(10, 2).scale(), 2);
}

TEST(TypeTest, EqualityCoversParametersAndChildren) {
  EXPECT_EQ(DataType::Decimal128(10, 2), DataType::Decimal128(10, 2));
  EXPECT_NE(DataType::Decimal128(10, 2), DataType::Decimal128(10, 3));
  EXPECT_NE(DataType::Timestamp(), DataType::Timestamp("UTC"));
  EXPECT_NE(DataType::FixedSizeBinary(16), DataType::FixedSizeBinary(8));
  EXPECT_NE(DataType::Int32(), DataType::Date32());
  const DataType a = DataType::Struct({Field("x", DataType::Int32(), true, 1)});
  const DataType b = DataType::Struct({Field("x", DataType::Int32(), true, 2)});
  EXPECT_NE(a, b);
  EXPECT_TRUE(a.Equals(b, /*check_metadata=*/false));
  EXPECT_FALSE(a.Equals(DataType::Struct({Field("y", DataType::Int32(), true, 1)}), false));
}

TEST(TypeTest, MapHasAnEntriesStructWithANonNullKey) {
  const DataType m = DataType::Map(Field("key", DataType::String()),
                                   Field("value", DataType::Int64(), true, 7), true);
  ASSERT_EQ(m.num_fields(), 1);
  EXPECT_EQ(m.field(0).name(), "entries");
  EXPECT_FALSE(m.field(0).nullable());
  EXPECT_FALSE(m.key_field().nullable());
  EXPECT_EQ(m.value_field().field_id(), 7);
  EXPECT_TRUE(m.keys_sorted());
  EXPECT_EQ(m.ToString(), "map<string, value: int64 id=7, keys_sorted>");
}

TEST(TypeTest, ToStringNamesEveryType) {
  EXPECT_EQ(DataType::Decimal128(10, 2).ToString(), "decimal128(10, 2)");
  EXPECT_EQ(DataType::Timestamp("UTC").ToString(), "timestamp[us, tz=UTC]");
  EXPECT_EQ(DataType::Timestamp().ToString(), "timestamp[us]");
  EXPECT_EQ(DataType::Struct({Field("a", DataType::Int32(), false)}).ToString(),
            "struct<a: int32 not null>");
  EXPECT_EQ(DataType::List(Field("element", DataType::String())).ToString(),
            "list<element: string>");
}

TEST(SchemaTest, LooksUpFieldsByNameAndId) {
  Schema schema(
      {Field("id", DataType::Int64(), false, 1), Field("name", DataType::String(), true, 2)},
      {{"k", "v"}});
  EXPECT_EQ(schema.num_fields(), 2);
  EXPECT_EQ(schema.GetFieldIndex("name"), 1);
  EXPECT_EQ(schema.GetFieldIndex("missing"), -1);
  EXPECT_EQ(schema.GetFieldIndexById(1), 0);
  EXPECT_EQ(schema.GetFieldIndexById(3), -1);
  EXPECT_EQ(schema.metadata().size(), 1u);
  Schema other(
      {Field("id", DataType::Int64(), false, 1), Field("name", DataType::String(), true, 2)});
  EXPECT_NE(schema, other);
  EXPECT_TRUE(schema.Equals(other, /*check_metadata=*/false));
}

TEST(FieldTest, WithersCopy) {
  Field f("a", DataType::Int32());
  EXPECT_TRUE(f.nullable());
  EXPECT_FALSE(f.field_id().has_value());
  Field g = f.WithFieldId(3).WithNullable(false).WithName("b");
  EXPECT_EQ(g.ToString(), "b: int32 not null id=3");
  EXPECT_EQ(f.name(), "a");
}

}  // namespace
}  // namespace floe::columnar
