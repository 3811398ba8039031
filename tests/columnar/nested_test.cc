// Struct, list and map builders, slicing and equality.
#include <gtest/gtest.h>

#include "columnar/columnar_test_util.h"
#include "floe/columnar/array.h"
#include "floe/columnar/builder.h"
#include "floe/columnar/compare.h"

namespace floe::columnar {
namespace {

using testing::Int32s;
using testing::IsError;
using testing::IsOk;
using testing::Strings;

DataType PointType() {
  return DataType::Struct({Field("x", DataType::Int32()), Field("name", DataType::String())});
}

Array BuildPoints() {
  StructBuilder b(PointType(), [] {
    std::vector<std::unique_ptr<ArrayBuilder>> children;
    children.push_back(std::make_unique<Int32Builder>());
    children.push_back(std::make_unique<StringBuilder>());
    return children;
  }());
  for (int i = 0; i < 10; ++i) {
    if (i % 4 == 2) {
      EXPECT_THAT(b.AppendNull(), IsOk());
      continue;
    }
    EXPECT_THAT(b.child_as<Int32Builder>(0).Append(i), IsOk());
    if (i == 5) {
      EXPECT_THAT(b.child_as<StringBuilder>(1).AppendNull(), IsOk());
    } else {
      EXPECT_THAT(b.child_as<StringBuilder>(1).Append(std::string(static_cast<size_t>(i), 'p')),
                  IsOk());
    }
    EXPECT_THAT(b.Append(), IsOk());
  }
  auto a = b.Finish();
  EXPECT_TRUE(a.has_value());
  return *std::move(a);
}

TEST(StructTest, BuildsFieldsWithNulls) {
  Array a = BuildPoints();
  ASSERT_EQ(a.length(), 10);
  EXPECT_EQ(a.null_count(), 2);
  EXPECT_THAT(a.ValidateFull(), IsOk());
  Array x = a.field(0);
  EXPECT_EQ(x.values<int32_t>()[3], 3);
  EXPECT_TRUE(x.IsNull(2));  // AppendNull on the struct appended a null child value
  Array name = a.field(1);
  EXPECT_EQ(name.GetView(4), "pppp");
  EXPECT_TRUE(name.IsNull(5));
  EXPECT_TRUE(a.IsValid(5));
}

TEST(StructTest, SliceAppliesTheParentOffsetToFields) {
  Array a = BuildPoints();
  Array s = a.Slice(3, 5);             // rows 3..7
  EXPECT_EQ(s.child(0).length(), 10);  // children are stored unsliced, as in Arrow
  Array x = s.field(0);
  ASSERT_EQ(x.length(), 5);
  EXPECT_EQ(x.values<int32_t>()[0], 3);
  EXPECT_TRUE(s.IsNull(3));  // row 6
  FLOE_EXPECT_ARRAY_EQ(s.field(1), Strings({"ppp", "pppp", std::nullopt, std::nullopt, "ppppppp"}));
  // Equality against a freshly built equal struct.
  StructBuilder b(PointType(), [] {
    std::vector<std::unique_ptr<ArrayBuilder>> children;
    children.push_back(std::make_unique<Int32Builder>());
    children.push_back(std::make_unique<StringBuilder>());
    return children;
  }());
  for (int i = 3; i < 8; ++i) {
    if (i == 6) {
      ASSERT_THAT(b.AppendNull(), IsOk());
      continue;
    }
    ASSERT_THAT(b.child_as<Int32Builder>(0).Append(i), IsOk());
    ASSERT_THAT(i == 5
                    ? b.child_as<StringBuilder>(1).AppendNull()
                    : b.child_as<StringBuilder>(1).Append(std::string(static_cast<size_t>(i), 'p')),
                IsOk());
    ASSERT_THAT(b.Append(), IsOk());
  }
  FLOE_ASSERT_OK_AND_ASSIGN(Array expected, b.Finish());
  FLOE_EXPECT_ARRAY_EQ(s, expected);
}

TEST(StructTest, FinishRejectsChildrenOfTheWrongLength) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(PointType()));
  auto& b = static_cast<StructBuilder&>(*builder);
  ASSERT_THAT(b.child_as<Int32Builder>(0).Append(1), IsOk());
  ASSERT_THAT(b.Append(), IsOk());
  EXPECT_THAT(b.Finish(), IsError(ErrorKind::kInvalidArgument));
}

Array BuildLists() {
  // [[1, 2], null, [], [3, null, 5], [6]]
  ListBuilder b(DataType::List(Field("element", DataType::Int32())),
                std::make_unique<Int32Builder>());
  auto& items = b.value_builder_as<Int32Builder>();
  EXPECT_THAT(b.Append(), IsOk());
  EXPECT_THAT(items.Append(1), IsOk());
  EXPECT_THAT(items.Append(2), IsOk());
  EXPECT_THAT(b.AppendNull(), IsOk());
  EXPECT_THAT(b.Append(), IsOk());
  EXPECT_THAT(b.Append(), IsOk());
  EXPECT_THAT(items.Append(3), IsOk());
  EXPECT_THAT(items.AppendNull(), IsOk());
  EXPECT_THAT(items.Append(5), IsOk());
  EXPECT_THAT(b.Append(), IsOk());
  EXPECT_THAT(items.Append(6), IsOk());
  auto a = b.Finish();
  EXPECT_TRUE(a.has_value());
  return *std::move(a);
}

TEST(ListTest, BuildsOffsetsAndItems) {
  Array a = BuildLists();
  ASSERT_EQ(a.length(), 5);
  EXPECT_EQ(a.null_count(), 1);
  const std::vector<int32_t> offsets(a.offsets().begin(), a.offsets().end());
  EXPECT_EQ(offsets, (std::vector<int32_t>{0, 2, 2, 2, 5, 6}));
  FLOE_EXPECT_ARRAY_EQ(a.list_values(), Int32s({1, 2, 3, std::nullopt, 5, 6}));
  EXPECT_THAT(a.ValidateFull(), IsOk());
  EXPECT_EQ(a.ToString(), "[[1, 2], null, [], [3, null, 5], [6]]");
}

TEST(ListTest, SliceAndEqualityAcrossDifferentOffsets) {
  Array a = BuildLists();
  Array s = a.Slice(3, 2);
  EXPECT_EQ(s.offsets()[0], 2);
  EXPECT_EQ(s.ToString(), "[[3, null, 5], [6]]");
  // The same lists built alone have offsets starting at 0: still equal.
  ListBuilder b(DataType::List(Field("element", DataType::Int32())),
                std::make_unique<Int32Builder>());
  auto& items = b.value_builder_as<Int32Builder>();
  ASSERT_THAT(b.Append(), IsOk());
  ASSERT_THAT(items.Append(3), IsOk());
  ASSERT_THAT(items.AppendNull(), IsOk());
  ASSERT_THAT(items.Append(5), IsOk());
  ASSERT_THAT(b.Append(), IsOk());
  ASSERT_THAT(items.Append(6), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(Array expected, b.Finish());
  FLOE_EXPECT_ARRAY_EQ(s, expected);
  EXPECT_FALSE(ArrayEquals(a.Slice(0, 2), expected));
}

TEST(ListTest, ListOfStructs) {
  DataType type = DataType::List(Field("element", PointType()));
  FLOE_ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(type));
  auto& b = static_cast<ListBuilder&>(*builder);
  auto& points = b.value_builder_as<StructBuilder>();
  ASSERT_THAT(b.Append(), IsOk());
  for (int i = 0; i < 2; ++i) {
    ASSERT_THAT(points.child_as<Int32Builder>(0).Append(i), IsOk());
    ASSERT_THAT(points.child_as<StringBuilder>(1).Append("n"), IsOk());
    ASSERT_THAT(points.Append(), IsOk());
  }
  ASSERT_THAT(b.AppendNull(), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
  EXPECT_THAT(a.ValidateFull(), IsOk());
  EXPECT_EQ(a.ToString(), "[[{x: 0, name: \"n\"}, {x: 1, name: \"n\"}], null]");
}

Array BuildMaps() {
  // [{"a": 1, "b": null}, null, {}, {"c": 3}]
  MapBuilder b(DataType::Map(Field("key", DataType::String()), Field("value", DataType::Int32())),
               std::make_unique<StringBuilder>(), std::make_unique<Int32Builder>());
  auto& keys = b.key_builder_as<StringBuilder>();
  auto& items = b.item_builder_as<Int32Builder>();
  EXPECT_THAT(b.Append(), IsOk());
  EXPECT_THAT(keys.Append("a"), IsOk());
  EXPECT_THAT(items.Append(1), IsOk());
  EXPECT_THAT(keys.Append("b"), IsOk());
  EXPECT_THAT(items.AppendNull(), IsOk());
  EXPECT_THAT(b.AppendNull(), IsOk());
  EXPECT_THAT(b.Append(), IsOk());
  EXPECT_THAT(b.Append(), IsOk());
  EXPECT_THAT(keys.Append("c"), IsOk());
  EXPECT_THAT(items.Append(3), IsOk());
  auto a = b.Finish();
  EXPECT_TRUE(a.has_value()) << a.error().ToString();
  return *std::move(a);
}

TEST(MapTest, BuildsEntries) {
  Array a = BuildMaps();
  ASSERT_EQ(a.length(), 4);
  EXPECT_EQ(a.null_count(), 1);
  EXPECT_EQ(a.list_values().type().kind(), TypeKind::kStruct);
  EXPECT_EQ(a.list_values().null_count(), 0);
  FLOE_EXPECT_ARRAY_EQ(a.map_keys(), Strings({"a", "b", "c"}));
  FLOE_EXPECT_ARRAY_EQ(a.map_items(), Int32s({1, std::nullopt, 3}));
  EXPECT_THAT(a.ValidateFull(), IsOk());
  EXPECT_EQ(a.ToString(), "[{\"a\": 1, \"b\": null}, null, {}, {\"c\": 3}]");
  EXPECT_EQ(a.Slice(2, 2).ToString(), "[{}, {\"c\": 3}]");
  EXPECT_EQ(a.type().key_field().name(), "key");
  EXPECT_FALSE(a.type().key_field().nullable());
  EXPECT_EQ(a.type().value_field().name(), "value");
}

TEST(MapTest, FinishRejectsUnpairedOrNullKeys) {
  MapBuilder b(DataType::Map(Field("key", DataType::String()), Field("value", DataType::Int32())),
               std::make_unique<StringBuilder>(), std::make_unique<Int32Builder>());
  ASSERT_THAT(b.Append(), IsOk());
  ASSERT_THAT(b.key_builder_as<StringBuilder>().Append("k"), IsOk());
  EXPECT_THAT(b.Finish(), IsError(ErrorKind::kInvalidArgument));
  ASSERT_THAT(b.item_builder_as<Int32Builder>().Append(1), IsOk());
  ASSERT_THAT(b.key_builder_as<StringBuilder>().AppendNull(), IsOk());
  ASSERT_THAT(b.item_builder_as<Int32Builder>().Append(2), IsOk());
  EXPECT_THAT(b.Finish(), IsError(ErrorKind::kInvalidArgument));
}

TEST(NestedTest, BuildersAreReusableAfterFinish) {
  ListBuilder b(DataType::List(Field("element", DataType::Int32())),
                std::make_unique<Int32Builder>());
  for (int round = 0; round < 3; ++round) {
    ASSERT_THAT(b.Append(), IsOk());
    ASSERT_THAT(b.value_builder_as<Int32Builder>().Append(round), IsOk());
    FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
    EXPECT_EQ(a.ToString(), fmt::format("[[{}]]", round));
  }
}

}  // namespace
}  // namespace floe::columnar
