#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "floe/format/avro/decoder.h"
#include "floe/format/avro/encoder.h"

namespace floe::avro {
namespace {

using Bytes = std::vector<uint8_t>;

Bytes EncodeLong(int64_t v) {
  Bytes out;
  Encoder(&out).WriteLong(v);
  return out;
}

TEST(AvroEncodingTest, LongsUseZigzagVarints) {
  EXPECT_EQ(EncodeLong(0), (Bytes{0x00}));
  EXPECT_EQ(EncodeLong(-1), (Bytes{0x01}));
  EXPECT_EQ(EncodeLong(1), (Bytes{0x02}));
  EXPECT_EQ(EncodeLong(-2), (Bytes{0x03}));
  EXPECT_EQ(EncodeLong(2), (Bytes{0x04}));
  EXPECT_EQ(EncodeLong(-64), (Bytes{0x7f}));
  EXPECT_EQ(EncodeLong(64), (Bytes{0x80, 0x01}));
  EXPECT_EQ(EncodeLong(8192), (Bytes{0x80, 0x80, 0x01}));
  EXPECT_EQ(EncodeLong(std::numeric_limits<int64_t>::max()),
            (Bytes{0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}));
  EXPECT_EQ(EncodeLong(std::numeric_limits<int64_t>::min()),
            (Bytes{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}));
}

TEST(AvroEncodingTest, PrimitivesHaveSpecBytes) {
  Bytes out;
  Encoder e(&out);
  e.WriteNull();
  e.WriteBoolean(true);
  e.WriteBoolean(false);
  e.WriteInt(-3);
  e.WriteFloat(1.0f);
  e.WriteDouble(-2.0);
  e.WriteString("foo");
  const uint8_t raw[] = {0xde, 0xad};
  e.WriteBytes(raw);
  e.WriteFixed(raw);
  e.WriteBlockEnd();
  EXPECT_EQ(out, (Bytes{0x01, 0x00, 0x05,                               // true, false, -3
                        0x00, 0x00, 0x80, 0x3f,                         // 1.0f
                        0,    0,    0,    0,    0,    0,   0x00, 0xc0,  // -2.0
                        0x06, 'f',  'o',  'o',                          // "foo"
                        0x04, 0xde, 0xad, 0xde, 0xad, 0x00}));          // bytes, fixed, end
}

TEST(AvroEncodingTest, DecoderReadsBackEveryPrimitive) {
  Bytes out;
  Encoder e(&out);
  const int64_t longs[] = {0,
                           -1,
                           1,
                           63,
                           -64,
                           64,
                           int64_t{1} << 53,
                           (int64_t{1} << 53) + 1,
                           std::numeric_limits<int64_t>::max(),
                           std::numeric_limits<int64_t>::min()};
  for (int64_t v : longs) e.WriteLong(v);
  e.WriteInt(std::numeric_limits<int32_t>::min());
  e.WriteInt(std::numeric_limits<int32_t>::max());
  e.WriteFloat(std::numeric_limits<float>::infinity());
  e.WriteDouble(3.141592653589793);
  e.WriteString("");
  e.WriteString("h\xc3\xa9llo");
  e.WriteBoolean(true);

  Decoder d(out);
  for (int64_t v : longs) EXPECT_EQ(d.ReadLong().value(), v);
  EXPECT_EQ(d.ReadInt().value(), std::numeric_limits<int32_t>::min());
  EXPECT_EQ(d.ReadInt().value(), std::numeric_limits<int32_t>::max());
  EXPECT_TRUE(std::isinf(d.ReadFloat().value()));
  EXPECT_EQ(d.ReadDouble().value(), 3.141592653589793);
  EXPECT_EQ(d.ReadString().value(), "");
  EXPECT_EQ(d.ReadString().value(), "h\xc3\xa9llo");
  EXPECT_TRUE(d.ReadBoolean().value());
  EXPECT_TRUE(d.empty());
}

template <typename T>
void ExpectCorrupt(const Result<T>& r) {
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind(), ErrorKind::kCorruptFile) << r.error();
}

TEST(AvroEncodingTest, DecoderRejectsBadBytes) {
  {
    Bytes b = {0x80, 0x80};  // varint with no last byte
    Decoder d(b);
    ExpectCorrupt(d.ReadLong());
  }
  {
    Bytes b(11, 0xff);  // longer than a long can be
    Decoder d(b);
    ExpectCorrupt(d.ReadLong());
  }
  {
    Bytes b = {0xff, 0xff, 0xff, 0xff, 0x7f};  // 35 bits: too large for an int
    Decoder d(b);
    ExpectCorrupt(d.ReadInt());
  }
  {
    Bytes b = {0x02};
    Decoder d(b);
    ExpectCorrupt(d.ReadBoolean());
  }
  {
    Bytes b = {0x01};  // length -1
    Decoder d(b);
    ExpectCorrupt(d.ReadString());
  }
  {
    Bytes b = {0x08, 'a', 'b'};  // length 4, two bytes left
    Decoder d(b);
    ExpectCorrupt(d.ReadBytes());
  }
  {
    Bytes b = {0x00, 0x00, 0x80};
    Decoder d(b);
    ExpectCorrupt(d.ReadDouble());
    ExpectCorrupt(d.ReadFixed(4));
  }
  {
    Bytes b = {0x06};  // enum index 3 of 3 symbols
    Decoder d(b);
    ExpectCorrupt(d.ReadEnum(3));
  }
  {
    Bytes b = {0x04};  // union branch 2 of 2
    Decoder d(b);
    ExpectCorrupt(d.ReadUnionIndex(2));
  }
}

TEST(AvroEncodingTest, BlockCountsAcceptNegativeCountsWithSizes) {
  Bytes b;
  Encoder e(&b);
  e.WriteLong(-2);  // two items ...
  e.WriteLong(2);   // ... in two bytes
  e.WriteLong(5);
  e.WriteLong(6);
  e.WriteBlockEnd();
  Decoder d(b);
  EXPECT_EQ(d.ReadBlockCount(false).value(), 2);
  EXPECT_EQ(d.ReadLong().value(), 5);
  EXPECT_EQ(d.ReadLong().value(), 6);
  EXPECT_EQ(d.ReadBlockCount(false).value(), 0);
  EXPECT_TRUE(d.empty());
}

TEST(AvroEncodingTest, BlockCountsMustFitTheData) {
  {
    Bytes b = {0x14, 0x00};  // 10 items in 1 byte
    Decoder d(b);
    ExpectCorrupt(d.ReadBlockCount(false));
  }
  {
    Bytes b = {0x03, 0x20};  // -2 items with a 16-byte size, nothing left
    Decoder d(b);
    ExpectCorrupt(d.ReadBlockCount(false));
  }
  {
    Bytes b = EncodeLong(int64_t{1} << 40);  // a huge count of empty items
    Decoder d(b);
    ExpectCorrupt(d.ReadBlockCount(true));
  }
}

}  // namespace
}  // namespace floe::avro
