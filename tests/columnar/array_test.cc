#include "floe/columnar/array.h"

#include <gtest/gtest.h>

#include <cstring>
#include <limits>

#include "columnar/columnar_test_util.h"
#include "floe/columnar/bit_util.h"
#include "floe/columnar/compare.h"

namespace floe::columnar {
namespace {

using testing::Int32s;
using testing::Int64s;
using testing::IsError;
using testing::IsOk;
using testing::Strings;

TEST(ArrayTest, SliceIsZeroCopyAndHonorsBitOffsets) {
  std::vector<std::optional<int32_t>> values;
  for (int i = 0; i < 100; ++i) values.push_back(i % 3 == 0 ? std::nullopt : std::optional(i));
  Array a = Int32s(values);
  // Offsets that are not multiples of 8 exercise bit-level validity access.
  for (int64_t offset : {0, 1, 3, 7, 8, 13, 64, 65}) {
    for (int64_t length : {0, 1, 5, 20}) {
      Array s = a.Slice(offset, length);
      EXPECT_EQ(s.buffer(1), a.buffer(1));  // same memory
      EXPECT_EQ(s.offset(), offset);
      int64_t nulls = 0;
      for (int64_t i = 0; i < length; ++i) {
        const auto& want = values[static_cast<size_t>(offset + i)];
        EXPECT_EQ(s.IsNull(i), !want.has_value());
        if (want) {
          EXPECT_EQ(s.values<int32_t>()[static_cast<size_t>(i)], *want);
        }
        nulls += !want.has_value();
      }
      EXPECT_EQ(s.null_count(), nulls);
      std::vector<std::optional<int32_t>> expected(values.begin() + offset,
                                                   values.begin() + offset + length);
      FLOE_EXPECT_ARRAY_EQ(s, Int32s(expected));
      EXPECT_THAT(s.ValidateFull(), IsOk());
    }
  }
  Array twice = a.Slice(10, 50).Slice(5, 10);
  EXPECT_EQ(twice.offset(), 15);
  FLOE_EXPECT_ARRAY_EQ(twice, a.Slice(15, 10));
}

TEST(ArrayTest, SliceOfBooleansAndStrings) {
  Array bools = testing::Bools(
      {true, false, std::nullopt, true, true, false, false, true, true, std::nullopt, false});
  Array s = bools.Slice(3, 7);
  FLOE_EXPECT_ARRAY_EQ(s, testing::Bools({true, true, false, false, true, true, std::nullopt}));
  EXPECT_EQ(s.null_count(), 1);

  Array strings = Strings({"a", std::nullopt, "ccc", "", "ee"});
  Array t = strings.Slice(1, 3);
  EXPECT_TRUE(t.IsNull(0));
  EXPECT_EQ(t.GetView(1), "ccc");
  EXPECT_EQ(t.GetView(2), "");
  EXPECT_EQ(t.offsets().size(), 4u);
  FLOE_EXPECT_ARRAY_EQ(t, Strings({std::nullopt, "ccc", ""}));
}

TEST(ArrayTest, SliceSafeRejectsOutOfRange) {
  Array a = Int32s({1, 2, 3});
  EXPECT_THAT(a.SliceSafe(2, 2), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(a.SliceSafe(-1, 1), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(a.SliceSafe(3, 0), IsOk());
}

TEST(ArrayTest, EqualityIgnoresBytesBehindNullsAndHonorsOffsets) {
  Array a = Int32s({1, std::nullopt, 3});
  // Same logical values, different garbage behind the null, and with an offset.
  FLOE_ASSERT_OK_AND_ASSIGN(auto values, Buffer::CopyFrom(std::string_view(
                                             "\0\0\0\0\x01\0\0\0\x63\0\0\0\x03\0\0\0", 16)));
  FLOE_ASSERT_OK_AND_ASSIGN(auto validity, Buffer::CopyFrom(std::string_view("\x0a", 1)));
  FLOE_ASSERT_OK_AND_ASSIGN(Array b, Array::Make(DataType::Int32(), 3, {validity, values}, {},
                                                 Array::kUnknownNullCount, 1));
  EXPECT_EQ(b.null_count(), 1);
  EXPECT_TRUE(ArrayEquals(a, b));
  EXPECT_FALSE(ArrayEquals(a, Int32s({1, 2, 3})));
  EXPECT_FALSE(ArrayEquals(a, Int32s({1, std::nullopt, 4})));
  EXPECT_FALSE(ArrayEquals(a, Int32s({1, std::nullopt})));
  EXPECT_FALSE(ArrayEquals(a, Int64s({1, std::nullopt, 3})));
  EXPECT_NE(DescribeArrayDifference(a, Int32s({1, std::nullopt, 4})), "");
}

TEST(ArrayTest, FloatEqualityIsBitwise) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Float64Builder b1, b2;
  ASSERT_THAT(b1.Append(nan), IsOk());
  ASSERT_THAT(b2.Append(nan), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(Array x, b1.Finish());
  FLOE_ASSERT_OK_AND_ASSIGN(Array y, b2.Finish());
  EXPECT_TRUE(ArrayEquals(x, y));
}

TEST(ArrayTest, MakeChecksBuffersAgainstTheType) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto four, Buffer::Allocate(4));
  std::memset(four->mutable_data(), 0, 4);
  EXPECT_THAT(Array::Make(DataType::Int64(), 1, {nullptr, four}),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(Array::Make(DataType::Int32(), 1, {nullptr}), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(Array::Make(DataType::Int32(), 1, {nullptr, four}, {}, 1),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(Array::Make(DataType::Int32(), -1, {nullptr, four}),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(Array::Make(DataType::Int32(), 1, {nullptr, four}), IsOk());
  // String offsets pointing past the data buffer.
  FLOE_ASSERT_OK_AND_ASSIGN(auto offsets, Buffer::Allocate(8));
  const int32_t off[2] = {0, 10};
  std::memcpy(offsets->mutable_data(), off, 8);
  FLOE_ASSERT_OK_AND_ASSIGN(auto data, Buffer::CopyFrom(std::string_view("abc")));
  EXPECT_THAT(Array::Make(DataType::String(), 1, {nullptr, offsets, data}),
              IsError(ErrorKind::kInvalidArgument));
  // A struct child shorter than the struct.
  EXPECT_THAT(
      Array::Make(DataType::Struct({Field("a", DataType::Int32())}), 2, {nullptr}, {Int32s({1})}),
      IsError(ErrorKind::kInvalidArgument));
  // A struct child of the wrong type.
  EXPECT_THAT(
      Array::Make(DataType::Struct({Field("a", DataType::Int32())}), 1, {nullptr}, {Int64s({1})}),
      IsError(ErrorKind::kInvalidArgument));
}

TEST(ArrayTest, ValidateFullFindsDecreasingOffsets) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto offsets, Buffer::Allocate(12));
  const int32_t off[3] = {0, 3, 2};
  std::memcpy(offsets->mutable_data(), off, 12);
  FLOE_ASSERT_OK_AND_ASSIGN(auto data, Buffer::CopyFrom(std::string_view("abc")));
  FLOE_ASSERT_OK_AND_ASSIGN(Array a, Array::Make(DataType::String(), 2, {nullptr, offsets, data}));
  EXPECT_THAT(a.ValidateFull(), IsError(ErrorKind::kInvalidArgument));
}

TEST(ArrayTest, MakeAllNullForEveryKind) {
  const std::vector<DataType> types = {
      DataType::Boolean(),
      DataType::Int32(),
      DataType::Decimal128(5, 1),
      DataType::String(),
      DataType::FixedSizeBinary(3),
      DataType::Struct({Field("a", DataType::Int32())}),
      DataType::List(Field("element", DataType::Int32())),
      DataType::Map(Field("key", DataType::String()), Field("value", DataType::Int32()))};
  for (const DataType& type : types) {
    FLOE_ASSERT_OK_AND_ASSIGN(Array a, Array::MakeAllNull(type, 9));
    EXPECT_EQ(a.null_count(), 9);
    EXPECT_THAT(a.ValidateFull(), IsOk()) << type.ToString();
    FLOE_ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(type));
    ASSERT_THAT(builder->AppendNulls(9), IsOk());
    FLOE_ASSERT_OK_AND_ASSIGN(Array b, builder->Finish());
    FLOE_EXPECT_ARRAY_EQ(a, b);
  }
}

TEST(ArrayTest, ToStringShowsValuesAndNulls) {
  EXPECT_EQ(Int32s({1, std::nullopt, 3}).ToString(), "[1, null, 3]");
  EXPECT_EQ(Strings({"a", std::nullopt}).ToString(), "[\"a\", null]");
}

TEST(BitUtilTest, CountAndCopyAtOddOffsets) {
  uint8_t bits[20];
  for (int i = 0; i < 20; ++i) bits[i] = static_cast<uint8_t>(i * 37 + 11);
  for (int64_t offset : {0, 1, 5, 8, 9, 63}) {
    for (int64_t length : {0, 1, 7, 8, 9, 64, 90}) {
      int64_t expected = 0;
      for (int64_t i = 0; i < length; ++i) expected += bit_util::GetBit(bits, offset + i);
      EXPECT_EQ(bit_util::CountSetBits(bits, offset, length), expected);
      uint8_t copy[24] = {};
      bit_util::CopyBitmap(bits, offset, length, copy, 3);
      EXPECT_TRUE(bit_util::BitmapEquals(bits, offset, copy, 3, length));
      for (int64_t i = 0; i < length; ++i) {
        ASSERT_EQ(bit_util::GetBit(copy, 3 + i), bit_util::GetBit(bits, offset + i));
      }
    }
  }
  uint8_t z[4] = {};
  bit_util::SetBitsTo(z, 3, 20, true);
  EXPECT_EQ(bit_util::CountSetBits(z, 0, 32), 20);
  EXPECT_FALSE(bit_util::GetBit(z, 2));
  EXPECT_TRUE(bit_util::GetBit(z, 3));
  EXPECT_TRUE(bit_util::GetBit(z, 22));
  EXPECT_FALSE(bit_util::GetBit(z, 23));
}

}  // namespace
}  // namespace floe::columnar

namespace floe::columnar {
namespace {

using testing::IsOk;

TEST(BufferTest, AllocateIsAlignedAndZeroed) {
  for (int64_t size : {0, 1, 63, 64, 1000}) {
    FLOE_ASSERT_OK_AND_ASSIGN(auto buffer, Buffer::Allocate(size));
    EXPECT_EQ(buffer->size(), size);
    EXPECT_GE(buffer->capacity(), size);
    EXPECT_EQ(buffer->capacity() % Buffer::kAlignment, 0);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(buffer->data()) % Buffer::kAlignment, 0u);
    for (int64_t i = 0; i < size; ++i) ASSERT_EQ(buffer->data()[i], 0);
  }
  FLOE_ASSERT_OK_AND_ASSIGN(auto copy, Buffer::CopyFrom(std::string_view("abc")));
  EXPECT_EQ(copy->size(), 3);
  EXPECT_EQ(std::string_view(reinterpret_cast<const char*>(copy->data()), 3), "abc");
  EXPECT_TRUE(copy->is_owned());
  auto wrapped = Buffer::Wrap(copy->data(), 2, copy);
  EXPECT_FALSE(wrapped->is_owned());
  EXPECT_EQ(wrapped->size(), 2);
}

TEST(Decimal128Test, ConvertsThroughInt128) {
  EXPECT_EQ(Decimal128::FromInt64(-1).high, -1);
  EXPECT_EQ(Decimal128::FromInt64(-1).low, ~uint64_t{0});
  EXPECT_EQ(Decimal128::FromInt64(5).high, 0);
  const __int128 big = (static_cast<__int128>(1) << 100) + 7;
  EXPECT_TRUE(Decimal128::FromInt128(big).ToInt128() == big);
  EXPECT_TRUE(Decimal128::FromInt128(-big).ToInt128() == -big);
}

}  // namespace
}  // namespace floe::columnar
