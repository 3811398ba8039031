#include "floe/columnar/builder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "columnar/columnar_test_util.h"

namespace floe::columnar {
namespace {

using testing::IsError;
using testing::IsOk;

// Typed tests over every fixed-width builder: values, nulls, bulk appends, reuse.
template <typename B>
struct FixedWidthCase;

template <>
struct FixedWidthCase<Int32Builder> {
  static Int32Builder Make() { return Int32Builder(); }
  static int32_t Value(int i) { return i * 7 - 100; }
  static TypeKind Kind() { return TypeKind::kInt32; }
};
template <>
struct FixedWidthCase<Int64Builder> {
  static Int64Builder Make() { return Int64Builder(); }
  static int64_t Value(int i) { return int64_t{i} * 1'000'000'007LL; }
  static TypeKind Kind() { return TypeKind::kInt64; }
};
template <>
struct FixedWidthCase<Float32Builder> {
  static Float32Builder Make() { return Float32Builder(); }
  static float Value(int i) { return static_cast<float>(i) * 0.5f; }
  static TypeKind Kind() { return TypeKind::kFloat32; }
};
template <>
struct FixedWidthCase<Float64Builder> {
  static Float64Builder Make() { return Float64Builder(); }
  static double Value(int i) { return i * -1.25; }
  static TypeKind Kind() { return TypeKind::kFloat64; }
};
template <>
struct FixedWidthCase<Date32Builder> {
  static Date32Builder Make() { return Date32Builder(); }
  static int32_t Value(int i) { return 19000 + i; }
  static TypeKind Kind() { return TypeKind::kDate32; }
};
template <>
struct FixedWidthCase<Time64Builder> {
  static Time64Builder Make() { return Time64Builder(); }
  static int64_t Value(int i) { return int64_t{i} * 3'600'000'000LL; }
  static TypeKind Kind() { return TypeKind::kTime64; }
};
template <>
struct FixedWidthCase<TimestampBuilder> {
  static TimestampBuilder Make() { return TimestampBuilder("UTC"); }
  static int64_t Value(int i) { return 1'700'000'000'000'000LL + i; }
  static TypeKind Kind() { return TypeKind::kTimestamp; }
};
template <>
struct FixedWidthCase<Decimal128Builder> {
  static Decimal128Builder Make() { return Decimal128Builder(38, 9); }
  static Decimal128 Value(int i) {
    return Decimal128::FromInt128(static_cast<__int128>(i - 50) * 1'000'000'000'000'000'000LL);
  }
  static TypeKind Kind() { return TypeKind::kDecimal128; }
};

template <typename B>
class FixedWidthBuilderTest : public ::testing::Test {};

using FixedWidthBuilders =
    ::testing::Types<Int32Builder, Int64Builder, Float32Builder, Float64Builder, Date32Builder,
                     Time64Builder, TimestampBuilder, Decimal128Builder>;
TYPED_TEST_SUITE(FixedWidthBuilderTest, FixedWidthBuilders);

TYPED_TEST(FixedWidthBuilderTest, AppendsValuesAndNulls) {
  using Case = FixedWidthCase<TypeParam>;
  using T = typename TypeParam::ValueType;
  TypeParam b = Case::Make();
  for (int i = 0; i < 100; ++i) {
    if (i % 3 == 0) {
      ASSERT_THAT(b.AppendNull(), IsOk());
    } else {
      ASSERT_THAT(b.Append(Case::Value(i)), IsOk());
    }
  }
  ASSERT_THAT(b.AppendNulls(5), IsOk());
  EXPECT_EQ(b.length(), 105);
  EXPECT_EQ(b.null_count(), 34 + 5);
  FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
  EXPECT_EQ(a.kind(), Case::Kind());
  EXPECT_EQ(a.length(), 105);
  EXPECT_EQ(a.null_count(), 39);
  EXPECT_THAT(a.ValidateFull(), IsOk());
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(a.IsNull(i), i % 3 == 0) << i;
    if (i % 3 != 0) {
      EXPECT_TRUE(a.values<T>()[static_cast<size_t>(i)] == Case::Value(i)) << i;
    }
  }
  for (int i = 100; i < 105; ++i) EXPECT_TRUE(a.IsNull(i));
  EXPECT_EQ(b.length(), 0);
}

TYPED_TEST(FixedWidthBuilderTest, NoNullsMeansNoValidityBuffer) {
  using Case = FixedWidthCase<TypeParam>;
  TypeParam b = Case::Make();
  ASSERT_THAT(b.Reserve(10), IsOk());
  for (int i = 0; i < 10; ++i) b.UnsafeAppend(Case::Value(i));
  FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
  EXPECT_EQ(a.null_count(), 0);
  EXPECT_EQ(a.buffer(0), nullptr);
  EXPECT_EQ(a.validity_bitmap(), nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a.buffer(1)->data()) % 64, 0u);
}

TYPED_TEST(FixedWidthBuilderTest, BulkAppendWithValidBytes) {
  using Case = FixedWidthCase<TypeParam>;
  using T = typename TypeParam::ValueType;
  TypeParam b = Case::Make();
  std::vector<T> values;
  std::vector<uint8_t> valid;
  for (int i = 0; i < 70; ++i) {
    values.push_back(Case::Value(i));
    valid.push_back(i % 5 != 1);
  }
  ASSERT_THAT(b.AppendValues(values, valid.data()), IsOk());
  ASSERT_THAT(b.AppendValues(std::span<const T>(values).first(3)), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
  ASSERT_EQ(a.length(), 73);
  EXPECT_EQ(a.null_count(), 14);
  for (int i = 0; i < 70; ++i) {
    EXPECT_EQ(a.IsValid(i), i % 5 != 1);
    if (i % 5 != 1) {
      EXPECT_TRUE(a.values<T>()[static_cast<size_t>(i)] == values[static_cast<size_t>(i)]);
    }
  }
  EXPECT_TRUE(a.IsValid(72));
}

TYPED_TEST(FixedWidthBuilderTest, EmptyArray) {
  TypeParam b = FixedWidthCase<TypeParam>::Make();
  FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
  EXPECT_EQ(a.length(), 0);
  EXPECT_EQ(a.null_count(), 0);
  EXPECT_THAT(a.ValidateFull(), IsOk());
}

TEST(BuilderTest, ReusesBuffersOnceFinishedArraysAreGone) {
  Int64Builder b;
  for (int64_t i = 0; i < 1000; ++i) ASSERT_THAT(b.Append(i), IsOk());
  const uint8_t* first_memory = nullptr;
  {
    FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
    first_memory = a.buffer(1)->data();
    // While `a` lives, the builder must not write into its memory.
    for (int64_t i = 0; i < 1000; ++i) ASSERT_THAT(b.Append(-i), IsOk());
    EXPECT_EQ(b.value(5), -5);
    EXPECT_EQ(a.values<int64_t>()[5], 5);
    FLOE_ASSERT_OK_AND_ASSIGN(Array second, b.Finish());
    EXPECT_NE(second.buffer(1)->data(), first_memory);
    EXPECT_EQ(a.values<int64_t>()[999], 999);
    EXPECT_EQ(second.values<int64_t>()[999], -999);
  }
  // All arrays gone: the next batch reuses one of the earlier allocations.
  for (int64_t i = 0; i < 1000; ++i) ASSERT_THAT(b.Append(i * 2), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(Array third, b.Finish());
  EXPECT_EQ(third.values<int64_t>()[999], 1998);
}

TEST(BuilderTest, ReusesTheSameMemoryAcrossBatches) {
  Int32Builder b;
  const uint8_t* memory = nullptr;
  for (int round = 0; round < 3; ++round) {
    ASSERT_THAT(b.Reserve(4096), IsOk());
    for (int32_t i = 0; i < 4096; ++i) b.UnsafeAppend(i + round);
    FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
    EXPECT_EQ(a.values<int32_t>()[4095], 4095 + round);
    if (round == 0) {
      memory = a.buffer(1)->data();
    } else {
      EXPECT_EQ(a.buffer(1)->data(), memory);
    }
  }
}

TEST(BuilderTest, ResetKeepsCapacityAndDropsValues) {
  StringBuilder b;
  ASSERT_THAT(b.Append("hello"), IsOk());
  ASSERT_THAT(b.AppendNull(), IsOk());
  const int64_t capacity = b.capacity();
  b.Reset();
  EXPECT_EQ(b.length(), 0);
  EXPECT_EQ(b.null_count(), 0);
  EXPECT_EQ(b.capacity(), capacity);
  ASSERT_THAT(b.Append("x"), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
  FLOE_EXPECT_ARRAY_EQ(a, testing::Strings({"x"}));
}

TEST(BuilderTest, AppendUninitializedIsADecoderTarget) {
  Int32Builder b;
  ASSERT_THAT(b.AppendNull(), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(std::span<int32_t> out, b.AppendUninitialized(3));
  out[0] = 10;
  out[1] = 11;
  out[2] = 12;
  FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
  FLOE_EXPECT_ARRAY_EQ(a, testing::Int32s({std::nullopt, 10, 11, 12}));
}

TEST(BooleanBuilderTest, AppendsBitsAndNulls) {
  BooleanBuilder b;
  for (int i = 0; i < 77; ++i) {
    if (i % 4 == 3) {
      ASSERT_THAT(b.AppendNull(), IsOk());
    } else {
      ASSERT_THAT(b.Append(i % 2 == 0), IsOk());
    }
  }
  ASSERT_THAT(b.AppendNulls(3), IsOk());
  std::vector<uint8_t> bulk = {1, 0, 1};
  std::vector<uint8_t> valid = {1, 1, 0};
  ASSERT_THAT(b.AppendValues(bulk, valid.data()), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
  ASSERT_EQ(a.length(), 83);
  EXPECT_EQ(a.null_count(), 19 + 3 + 1);
  for (int i = 0; i < 77; ++i) {
    EXPECT_EQ(a.IsNull(i), i % 4 == 3);
    if (i % 4 != 3) {
      EXPECT_EQ(a.GetBool(i), i % 2 == 0);
    }
  }
  EXPECT_TRUE(a.GetBool(80));
  EXPECT_FALSE(a.GetBool(81));
  EXPECT_TRUE(a.IsNull(82));
  EXPECT_THAT(a.ValidateFull(), IsOk());
}

TEST(BinaryBuilderTest, StringsAndBinaryWithNullsAndEmpties) {
  for (DataType type : {DataType::String(), DataType::Binary()}) {
    BinaryBuilder b(type);
    ASSERT_THAT(b.Append("alpha"), IsOk());
    ASSERT_THAT(b.AppendNull(), IsOk());
    ASSERT_THAT(b.Append(""), IsOk());
    ASSERT_THAT(b.Append(std::string_view("\0\x01\xff", 3)), IsOk());
    ASSERT_THAT(b.AppendNulls(2), IsOk());
    ASSERT_THAT(b.Reserve(1), IsOk());
    ASSERT_THAT(b.ReserveData(5), IsOk());
    b.UnsafeAppend("omega");
    FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
    ASSERT_EQ(a.length(), 7);
    EXPECT_EQ(a.type(), type);
    EXPECT_EQ(a.null_count(), 3);
    EXPECT_EQ(a.GetView(0), "alpha");
    EXPECT_TRUE(a.IsNull(1));
    EXPECT_EQ(a.GetView(2), "");
    EXPECT_EQ(a.GetView(3), std::string_view("\0\x01\xff", 3));
    EXPECT_TRUE(a.IsNull(4));
    EXPECT_TRUE(a.IsNull(5));
    EXPECT_EQ(a.GetView(6), "omega");
    EXPECT_EQ(a.offsets()[0], 0);
    EXPECT_EQ(a.offsets()[7], 13);
    EXPECT_THAT(a.ValidateFull(), IsOk());
  }
}

TEST(BinaryBuilderTest, ManyValuesGrowBothBuffers) {
  StringBuilder b;
  std::string expected_total;
  for (int i = 0; i < 5000; ++i) {
    std::string s(static_cast<size_t>(i % 37), static_cast<char>('a' + i % 26));
    ASSERT_THAT(b.Append(s), IsOk());
    expected_total += s;
  }
  FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
  EXPECT_EQ(a.offsets()[5000], static_cast<int32_t>(expected_total.size()));
  EXPECT_EQ(a.GetView(4999), std::string(4999 % 37, static_cast<char>('a' + 4999 % 26)));
}

TEST(FixedSizeBinaryBuilderTest, UuidsAndWrongWidth) {
  FixedSizeBinaryBuilder b(DataType::FixedSizeBinary(16));
  const std::string uuid(16, '\x5a');
  ASSERT_THAT(b.Append(uuid), IsOk());
  ASSERT_THAT(b.AppendNull(), IsOk());
  EXPECT_THAT(b.Append("short"), IsError(ErrorKind::kInvalidArgument));
  ASSERT_THAT(b.Reserve(1), IsOk());
  b.UnsafeAppend(reinterpret_cast<const uint8_t*>("0123456789abcdef"));
  ASSERT_THAT(b.AppendNulls(2), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(Array a, b.Finish());
  ASSERT_EQ(a.length(), 5);
  EXPECT_EQ(a.null_count(), 3);
  EXPECT_EQ(a.GetView(0), uuid);
  EXPECT_EQ(a.GetView(2), "0123456789abcdef");
  EXPECT_TRUE(a.IsNull(1));
  EXPECT_TRUE(a.IsNull(4));
}

TEST(MakeBuilderTest, GivesTheNamedBuilderForEveryType) {
  const std::vector<DataType> types = {
      DataType::Boolean(),
      DataType::Int32(),
      DataType::Int64(),
      DataType::Float32(),
      DataType::Float64(),
      DataType::Decimal128(10, 2),
      DataType::Date32(),
      DataType::Time64(),
      DataType::Timestamp(),
      DataType::Timestamp("UTC"),
      DataType::String(),
      DataType::Binary(),
      DataType::FixedSizeBinary(16),
      DataType::Struct({Field("a", DataType::Int32())}),
      DataType::List(Field("element", DataType::String())),
      DataType::Map(Field("key", DataType::String()), Field("value", DataType::Int64()))};
  for (const DataType& type : types) {
    FLOE_ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(type));
    EXPECT_EQ(builder->type(), type);
    ASSERT_THAT(builder->AppendNulls(3), IsOk());
    FLOE_ASSERT_OK_AND_ASSIGN(Array a, builder->Finish());
    EXPECT_EQ(a.type(), type);
    EXPECT_EQ(a.length(), 3);
    EXPECT_EQ(a.null_count(), 3);
    EXPECT_THAT(a.ValidateFull(), IsOk()) << type.ToString();
  }
  FLOE_ASSERT_OK_AND_ASSIGN(auto ts, MakeBuilder(DataType::Timestamp("UTC")));
  EXPECT_NE(dynamic_cast<TimestampBuilder*>(ts.get()), nullptr);
  FLOE_ASSERT_OK_AND_ASSIGN(auto str, MakeBuilder(DataType::String()));
  EXPECT_NE(dynamic_cast<StringBuilder*>(str.get()), nullptr);
}

}  // namespace
}  // namespace floe::columnar
