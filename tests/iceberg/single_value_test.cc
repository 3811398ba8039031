#include "floe/iceberg/single_value.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using Bytes = std::vector<uint8_t>;
using floe::testing::IsError;

Bytes Serialize(const Literal& v) {
  auto r = SerializeSingleValue(v);
  EXPECT_TRUE(r.has_value()) << r.error().ToString();
  return r.has_value() ? *r : Bytes{};
}

void ExpectRoundTrip(const Type& type, const Literal& v, const Bytes& expected) {
  EXPECT_EQ(Serialize(v), expected) << v.ToString();
  auto back = DeserializeSingleValue(type, expected);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  EXPECT_EQ(*back, v) << back->ToString();
}

TEST(SingleValueTest, FixedWidthNumbersAreLittleEndian) {
  ExpectRoundTrip(*PrimitiveType::Boolean(), Literal::Boolean(true), {0x01});
  ExpectRoundTrip(*PrimitiveType::Boolean(), Literal::Boolean(false), {0x00});
  ExpectRoundTrip(*PrimitiveType::Int(), Literal::Int(1), {0x01, 0x00, 0x00, 0x00});
  ExpectRoundTrip(*PrimitiveType::Int(), Literal::Int(-2), {0xFE, 0xFF, 0xFF, 0xFF});
  ExpectRoundTrip(*PrimitiveType::Long(), Literal::Long(0x0102030405060708),
                  {0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01});
  ExpectRoundTrip(*PrimitiveType::Float(), Literal::Float(1.0f), {0x00, 0x00, 0x80, 0x3F});
  ExpectRoundTrip(*PrimitiveType::Double(), Literal::Double(1.0), {0, 0, 0, 0, 0, 0, 0xF0, 0x3F});
  ExpectRoundTrip(*PrimitiveType::Date(), Literal::Date(17486), {0x4E, 0x44, 0x00, 0x00});
  ExpectRoundTrip(*PrimitiveType::Time(), Literal::Time(1), {1, 0, 0, 0, 0, 0, 0, 0});
  ExpectRoundTrip(*PrimitiveType::Timestamp(), Literal::Timestamp(256), {0, 1, 0, 0, 0, 0, 0, 0});
  ExpectRoundTrip(*PrimitiveType::TimestampTz(), Literal::TimestampTz(-1),
                  {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF});
  ExpectRoundTrip(*PrimitiveType::TimestampNs(), Literal::TimestampNs(2), {2, 0, 0, 0, 0, 0, 0, 0});
  ExpectRoundTrip(*PrimitiveType::TimestampTzNs(), Literal::TimestampTzNs(3),
                  {3, 0, 0, 0, 0, 0, 0, 0});
}

TEST(SingleValueTest, NonZeroByteReadsAsTrue) {
  auto v = DeserializeSingleValue(*PrimitiveType::Boolean(), Bytes{0x07});
  ASSERT_TRUE(v.has_value());
  EXPECT_TRUE(v->bool_value());
}

TEST(SingleValueTest, StringsAndBinaryHaveNoLength) {
  ExpectRoundTrip(*PrimitiveType::String(), Literal::String("iceberg"),
                  {'i', 'c', 'e', 'b', 'e', 'r', 'g'});
  ExpectRoundTrip(*PrimitiveType::String(), Literal::String("\xC3\xA9"), {0xC3, 0xA9});
  ExpectRoundTrip(*PrimitiveType::String(), Literal::String(""), {});
  ExpectRoundTrip(*PrimitiveType::Binary(), Literal::Binary({0x00, 0xFF}), {0x00, 0xFF});
  FLOE_ASSERT_OK_AND_ASSIGN(auto fixed3, PrimitiveType::Fixed(3));
  ExpectRoundTrip(*fixed3, Literal::Fixed({1, 2, 3}), {1, 2, 3});
  EXPECT_THAT(DeserializeSingleValue(*fixed3, Bytes{1, 2}), IsError(ErrorKind::kInvalidArgument));
}

TEST(SingleValueTest, UuidIsSixteenBigEndianBytes) {
  // f79c3e09-677c-4bbd-a479-3f349cb785e7 (spec Appendix B).
  Literal::UuidBytes uuid = {0xF7, 0x9C, 0x3E, 0x09, 0x67, 0x7C, 0x4B, 0xBD,
                             0xA4, 0x79, 0x3F, 0x34, 0x9C, 0xB7, 0x85, 0xE7};
  ExpectRoundTrip(*PrimitiveType::Uuid(), Literal::Uuid(uuid), Bytes(uuid.begin(), uuid.end()));
}

TEST(SingleValueTest, DecimalIsMinimalBigEndianTwosComplement) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto dec, PrimitiveType::Decimal(9, 2));
  ExpectRoundTrip(*dec, Literal::Decimal(0, 2), {0x00});
  ExpectRoundTrip(*dec, Literal::Decimal(1, 2), {0x01});
  ExpectRoundTrip(*dec, Literal::Decimal(127, 2), {0x7F});
  ExpectRoundTrip(*dec, Literal::Decimal(128, 2), {0x00, 0x80});
  ExpectRoundTrip(*dec, Literal::Decimal(-1, 2), {0xFF});
  ExpectRoundTrip(*dec, Literal::Decimal(-128, 2), {0x80});
  ExpectRoundTrip(*dec, Literal::Decimal(-129, 2), {0xFF, 0x7F});
  ExpectRoundTrip(*dec, Literal::Decimal(1420, 2), {0x05, 0x8C});
  FLOE_ASSERT_OK_AND_ASSIGN(auto wide, PrimitiveType::Decimal(38, 0));
  Int128 big = static_cast<Int128>(1) << 120;
  Bytes expected(16, 0);
  expected[0] = 0x01;
  ExpectRoundTrip(*wide, Literal::Decimal(big, 0), expected);
  EXPECT_EQ(DecimalToFixedBytes(-2, 4), (Bytes{0xFF, 0xFF, 0xFF, 0xFE}));
}

TEST(SingleValueTest, WrongLengthsAndNestedTypesAreRefused) {
  EXPECT_THAT(DeserializeSingleValue(*PrimitiveType::Int(), Bytes{1, 0, 0}),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(DeserializeSingleValue(*PrimitiveType::Long(), Bytes{1, 0, 0, 0}),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(DeserializeSingleValue(*PrimitiveType::Unknown(), Bytes{}),
              IsError(ErrorKind::kNotSupported));
  EXPECT_THAT(SerializeSingleValue(Literal::Null()), IsError(ErrorKind::kInvalidArgument));
  FLOE_ASSERT_OK_AND_ASSIGN(auto dec, PrimitiveType::Decimal(9, 2));
  EXPECT_THAT(DeserializeSingleValue(*dec, Bytes{}), IsError(ErrorKind::kInvalidArgument));
}

}  // namespace
}  // namespace floe::iceberg
