#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>
#include <string>

#include "floe/format/parquet/delta_encoding_internal.h"
#include "floe/format/parquet/dictionary_encoder_internal.h"
#include "floe/format/parquet/plain_encoding_internal.h"
#include "floe/format/parquet/rle_bit_packed_internal.h"
#include "floe/format/parquet/values_decoder_internal.h"

namespace floe::parquet {
namespace {

std::vector<uint32_t> RandomRuns(std::mt19937& rng, size_t n, int bit_width) {
  std::vector<uint32_t> v;
  uint32_t max = bit_width == 32 ? UINT32_MAX : (1u << bit_width) - 1;
  std::uniform_int_distribution<uint32_t> value(0, max);
  std::uniform_int_distribution<int> run(1, 20);
  while (v.size() < n) {
    uint32_t x = value(rng);
    int r = run(rng);
    for (int i = 0; i < r && v.size() < n; ++i) v.push_back(rng() % 3 == 0 ? value(rng) : x);
  }
  return v;
}

TEST(ParquetRleTest, RoundTripsEveryBitWidth) {
  std::mt19937 rng(7);
  for (int bw = 0; bw <= 32; ++bw) {
    for (size_t n : {0, 1, 7, 8, 9, 100, 1000}) {
      auto values = RandomRuns(rng, n, bw);
      std::vector<uint8_t> bytes;
      EncodeRleBitPacked(std::span<const uint32_t>(values), bw, bytes);
      RleBitPackedDecoder dec(bytes, bw);
      std::vector<uint32_t> out(n);
      ASSERT_TRUE(dec.Get(out.data(), n).has_value()) << bw << " " << n;
      EXPECT_EQ(out, values) << "bit width " << bw << " n " << n;
    }
  }
}

TEST(ParquetRleTest, KnownBytesFromTheSpec) {
  // Encodings.md example: values 0..7 at bit width 3 bit-packed are 0x88 0xC6 0xFA.
  std::vector<uint8_t> bytes = {0x03, 0x88, 0xC6, 0xFA};
  RleBitPackedDecoder dec(bytes, 3);
  uint32_t out[8];
  ASSERT_TRUE(dec.Get(out, 8).has_value());
  for (uint32_t i = 0; i < 8; ++i) EXPECT_EQ(out[i], i);
  std::vector<uint32_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  std::vector<uint8_t> enc;
  EncodeRleBitPacked(std::span<const uint32_t>(values), 3, enc);
  EXPECT_EQ(enc, bytes);
}

TEST(ParquetRleTest, TruncatedInputIsCorrupt) {
  std::vector<uint32_t> values(100, 5);
  std::vector<uint8_t> bytes;
  EncodeRleBitPacked(std::span<const uint32_t>(values), 3, bytes);
  RleBitPackedDecoder dec(bytes, 3);
  std::vector<uint32_t> out(101);
  auto st = dec.Get(out.data(), 101);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().kind(), ErrorKind::kCorruptFile);
}

ColumnValues MakeValues(PhysicalType type, int32_t width) {
  ColumnValues v;
  v.Reset(type, width);
  return v;
}

TEST(ParquetPlainTest, RoundTripsEveryPhysicalType) {
  std::mt19937 rng(3);
  struct Case {
    PhysicalType type;
    int32_t width;
  };
  for (Case c : {Case{PhysicalType::kBoolean, 1}, Case{PhysicalType::kInt32, 4},
                 Case{PhysicalType::kInt64, 8}, Case{PhysicalType::kInt96, 12},
                 Case{PhysicalType::kFloat, 4}, Case{PhysicalType::kDouble, 8},
                 Case{PhysicalType::kByteArray, 0}, Case{PhysicalType::kFixedLenByteArray, 5}}) {
    ColumnValues in = MakeValues(c.type, c.width);
    for (int i = 0; i < 333; ++i) {
      if (c.type == PhysicalType::kByteArray) {
        std::string s(rng() % 20, 'a' + static_cast<char>(rng() % 26));
        in.AppendBinary(s);
      } else {
        uint8_t buf[16];
        for (int b = 0; b < c.width; ++b) buf[b] = static_cast<uint8_t>(rng());
        if (c.type == PhysicalType::kBoolean) buf[0] &= 1;
        in.AppendFixed(buf);
      }
    }
    std::vector<uint8_t> bytes;
    EncodePlain(in, 0, 100, bytes);
    EncodePlain(in, 100, in.count, bytes);
    if (c.type != PhysicalType::kBoolean) {
      EXPECT_EQ(bytes.size(), PlainEncodedSize(in, 0, in.count));
    }
    ValuesDecoder dec;
    ASSERT_TRUE(dec.Reset(Encoding::kPlain, c.type, c.width,
                          std::span<const uint8_t>(bytes.data(), c.type == PhysicalType::kBoolean
                                                                     ? PlainEncodedSize(in, 0, 100)
                                                                     : bytes.size()),
                          in.count, nullptr)
                    .has_value());
    ColumnValues out = MakeValues(c.type, c.width);
    ASSERT_TRUE(dec.Decode(100, out).has_value());
    if (c.type == PhysicalType::kBoolean) {
      // The second run of booleans starts on a fresh byte: decode it as its own page.
      ASSERT_TRUE(dec.Reset(Encoding::kPlain, c.type, c.width,
                            std::span<const uint8_t>(bytes).subspan(PlainEncodedSize(in, 0, 100)),
                            in.count, nullptr)
                      .has_value());
    }
    ASSERT_TRUE(dec.Decode(in.count - 100, out).has_value());
    EXPECT_EQ(out.count, in.count);
    EXPECT_EQ(out.bytes, in.bytes);
    EXPECT_EQ(out.offsets, in.offsets);
    // One more value is past the end (booleans have padding bits left in their last byte).
    if (c.type != PhysicalType::kBoolean) {
      EXPECT_FALSE(dec.Decode(1, out).has_value());
    }
  }
}

TEST(ParquetDictionaryTest, EncodesIndicesAndFallsBackAtTheLimit) {
  ColumnValues in = MakeValues(PhysicalType::kByteArray, 0);
  for (int i = 0; i < 1000; ++i) in.AppendBinary("v" + std::to_string(i % 10));
  DictionaryEncoder enc;
  enc.Reset(PhysicalType::kByteArray, 0);
  std::vector<uint32_t> indices;
  EXPECT_EQ(enc.Add(in, 0, in.count, indices, 1 << 20), in.count);
  EXPECT_EQ(enc.size(), 10u);
  EXPECT_EQ(indices[13], 3u);
  // Decode through the values decoder: width byte, then the hybrid.
  std::vector<uint8_t> page = {static_cast<uint8_t>(enc.index_bit_width())};
  EncodeRleBitPacked(std::span<const uint32_t>(indices), enc.index_bit_width(), page);
  ValuesDecoder dec;
  ASSERT_TRUE(dec.Reset(Encoding::kRleDictionary, PhysicalType::kByteArray, 0, page, in.count,
                        &enc.dictionary())
                  .has_value());
  ColumnValues out = MakeValues(PhysicalType::kByteArray, 0);
  ASSERT_TRUE(dec.Decode(in.count, out).has_value());
  EXPECT_EQ(out.bytes, in.bytes);

  DictionaryEncoder small;
  small.Reset(PhysicalType::kByteArray, 0);
  indices.clear();
  EXPECT_EQ(small.Add(in, 0, in.count, indices, 12), 2u);  // 2 values of 6 bytes fit
}

// Fixed widths take the table that holds values in its slots: indices must match a plain map of
// the bytes, through several table growths, with -0.0 / 0.0 and NaN payloads kept apart.
TEST(ParquetDictionaryTest, FixedWidthValuesMapByTheirBytesThroughGrowth) {
  struct Case {
    PhysicalType type;
    int32_t width;
  };
  std::mt19937_64 rng(3);
  for (Case c : {Case{PhysicalType::kInt32, 4}, Case{PhysicalType::kInt64, 8},
                 Case{PhysicalType::kFloat, 4}, Case{PhysicalType::kDouble, 8},
                 Case{PhysicalType::kFixedLenByteArray, 3}}) {
    ColumnValues in = MakeValues(c.type, c.width);
    std::vector<std::string> raw;
    const double specials[] = {0.0, -0.0, std::nan("1"), std::nan("2")};
    for (int i = 0; i < 20000; ++i) {
      std::string bytes(static_cast<size_t>(c.width), '\0');
      if (i < 4 && c.type == PhysicalType::kDouble) {
        std::memcpy(bytes.data(), &specials[i], 8);
      } else if (i < 4 && c.type == PhysicalType::kFloat) {
        // 0.0, -0.0 and two NaNs with different payloads, as bit patterns.
        const uint32_t bits[] = {0x00000000u, 0x80000000u, 0x7fc00001u, 0x7fc00002u};
        std::memcpy(bytes.data(), &bits[i], 4);
      } else {
        // About 5,000 distinct values, so the table grows several times past its first size.
        const uint64_t v = rng() % 5000 * 0x9e3779b97f4a7c15ULL;
        std::memcpy(bytes.data(), &v, static_cast<size_t>(c.width));
      }
      raw.push_back(bytes);
      in.AppendFixed(bytes.data());
    }
    DictionaryEncoder enc;
    enc.Reset(c.type, c.width);
    std::vector<uint32_t> indices;
    ASSERT_EQ(enc.Add(in, 0, in.count, indices, 1 << 20), in.count);
    std::map<std::string, uint32_t> expected;
    for (size_t i = 0; i < raw.size(); ++i) {
      auto [it, inserted] = expected.try_emplace(raw[i], static_cast<uint32_t>(expected.size()));
      ASSERT_EQ(indices[i], it->second) << "width " << c.width << " value " << i;
    }
    EXPECT_EQ(enc.size(), expected.size());
    if (c.type == PhysicalType::kDouble || c.type == PhysicalType::kFloat) {
      EXPECT_EQ(std::set<uint32_t>(indices.begin(), indices.begin() + 4).size(), 4u);
    }
    for (size_t d = 0; d < enc.size(); ++d) {
      EXPECT_EQ(enc.dictionary().View(d), in.View(static_cast<size_t>(
                                              std::find(indices.begin(), indices.end(), d) -
                                              indices.begin())));
    }
    // The size limit stops at the first value that does not fit; a released encoder starts over.
    DictionaryEncoder small;
    small.Reset(c.type, c.width);
    indices.clear();
    const size_t fit = small.Add(in, 0, in.count, indices, static_cast<size_t>(c.width) * 10);
    EXPECT_EQ(small.size(), 10u);
    EXPECT_EQ(indices.size(), fit);
    small.Release();
    EXPECT_EQ(small.size(), 0u);
    small.Reset(c.type, c.width);
    indices.clear();
    EXPECT_EQ(small.Add(in, 0, 100, indices, 1 << 20), 100u);
    EXPECT_EQ(indices[0], 0u);
  }
}

TEST(ParquetDictionaryTest, IndexPastDictionaryIsCorrupt) {
  ColumnValues dict = MakeValues(PhysicalType::kInt32, 4);
  int32_t one = 1;
  dict.AppendFixed(&one);
  std::vector<uint32_t> indices = {0, 0, 5};
  std::vector<uint8_t> page = {3};
  EncodeRleBitPacked(std::span<const uint32_t>(indices), 3, page);
  ValuesDecoder dec;
  ASSERT_TRUE(
      dec.Reset(Encoding::kRleDictionary, PhysicalType::kInt32, 4, page, 3, &dict).has_value());
  ColumnValues out = MakeValues(PhysicalType::kInt32, 4);
  auto st = dec.Decode(3, out);
  ASSERT_FALSE(st.has_value());
  EXPECT_EQ(st.error().kind(), ErrorKind::kCorruptFile);
}

TEST(ParquetDeltaTest, BinaryPackedRoundTripsIncludingExtremes) {
  std::mt19937_64 rng(11);
  for (size_t n : {0, 1, 2, 31, 32, 33, 127, 128, 129, 1000}) {
    std::vector<int64_t> values(n);
    for (size_t i = 0; i < n; ++i) {
      switch (rng() % 4) {
        case 0:
          values[i] = INT64_MIN;
          break;
        case 1:
          values[i] = INT64_MAX;
          break;
        default:
          values[i] = static_cast<int64_t>(rng() % 1000) - 500;
      }
    }
    std::vector<uint8_t> bytes;
    EncodeDeltaBinaryPacked(std::span<const int64_t>(values), bytes);
    bytes.push_back(0xEE);  // trailing data must not be consumed
    DeltaBinaryPackedDecoder dec;
    ASSERT_TRUE(dec.Init(bytes, n).has_value());
    std::vector<int64_t> out(n);
    ASSERT_TRUE(dec.Get(out.data(), n).has_value()) << n;
    EXPECT_EQ(out, values);
    EXPECT_EQ(dec.position(), bytes.size() - 1) << n;
  }
  std::vector<int32_t> ints = {INT32_MAX, INT32_MIN, 0, -1, 7, INT32_MAX};
  std::vector<uint8_t> bytes;
  EncodeDeltaBinaryPacked(std::span<const int32_t>(ints), bytes);
  DeltaBinaryPackedDecoder dec;
  ASSERT_TRUE(dec.Init(bytes, ints.size()).has_value());
  std::vector<int32_t> out(ints.size());
  ASSERT_TRUE(dec.Get(out.data(), out.size()).has_value());
  EXPECT_EQ(out, ints);
}

TEST(ParquetDeltaTest, LengthAndByteArrayDecode) {
  std::vector<std::string> strings = {"apple", "applesauce", "apply", "", "banana", "band"};
  // DELTA_LENGTH_BYTE_ARRAY
  std::vector<int32_t> lengths;
  std::string data;
  for (auto& s : strings) {
    lengths.push_back(static_cast<int32_t>(s.size()));
    data += s;
  }
  std::vector<uint8_t> page;
  EncodeDeltaBinaryPacked(std::span<const int32_t>(lengths), page);
  page.insert(page.end(), data.begin(), data.end());
  ValuesDecoder dec;
  ASSERT_TRUE(dec.Reset(Encoding::kDeltaLengthByteArray, PhysicalType::kByteArray, 0, page,
                        strings.size(), nullptr)
                  .has_value());
  ColumnValues out = MakeValues(PhysicalType::kByteArray, 0);
  ASSERT_TRUE(dec.Decode(strings.size(), out).has_value());
  for (size_t i = 0; i < strings.size(); ++i) EXPECT_EQ(out.View(i), strings[i]);

  // DELTA_BYTE_ARRAY
  std::vector<int32_t> prefixes, suffix_lengths;
  std::string suffixes;
  std::string prev;
  for (auto& s : strings) {
    size_t p = 0;
    while (p < prev.size() && p < s.size() && prev[p] == s[p]) ++p;
    prefixes.push_back(static_cast<int32_t>(p));
    suffix_lengths.push_back(static_cast<int32_t>(s.size() - p));
    suffixes += s.substr(p);
    prev = s;
  }
  page.clear();
  EncodeDeltaBinaryPacked(std::span<const int32_t>(prefixes), page);
  EncodeDeltaBinaryPacked(std::span<const int32_t>(suffix_lengths), page);
  page.insert(page.end(), suffixes.begin(), suffixes.end());
  ASSERT_TRUE(dec.Reset(Encoding::kDeltaByteArray, PhysicalType::kByteArray, 0, page,
                        strings.size(), nullptr)
                  .has_value());
  out.Clear();
  ASSERT_TRUE(dec.Decode(strings.size(), out).has_value());
  for (size_t i = 0; i < strings.size(); ++i) EXPECT_EQ(out.View(i), strings[i]);
}

TEST(ParquetByteStreamSplitTest, Decodes) {
  std::vector<double> values = {1.5, -2.25, 1e300};
  std::vector<uint8_t> page(values.size() * 8);
  for (size_t i = 0; i < values.size(); ++i) {
    uint8_t b[8];
    std::memcpy(b, &values[i], 8);
    for (int k = 0; k < 8; ++k) page[k * values.size() + i] = b[k];
  }
  ValuesDecoder dec;
  ASSERT_TRUE(dec.Reset(Encoding::kByteStreamSplit, PhysicalType::kDouble, 8, page, 3, nullptr)
                  .has_value());
  ColumnValues out = MakeValues(PhysicalType::kDouble, 8);
  ASSERT_TRUE(dec.Decode(3, out).has_value());
  for (size_t i = 0; i < values.size(); ++i) EXPECT_EQ(out.Get<double>(i), values[i]);
}

TEST(ParquetDeltaTest, CorruptHeadersAndTruncationAreErrors) {
  std::vector<int64_t> values(300);
  for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<int64_t>(i * i);
  std::vector<uint8_t> bytes;
  EncodeDeltaBinaryPacked(std::span<const int64_t>(values), bytes);
  for (size_t n = 0; n < bytes.size(); ++n) {
    DeltaBinaryPackedDecoder dec;
    std::vector<int64_t> out(values.size());
    auto st = dec.Init(std::span<const uint8_t>(bytes.data(), n), values.size());
    if (st.has_value()) st = dec.Get(out.data(), out.size());
    ASSERT_FALSE(st.has_value()) << n;
    EXPECT_EQ(st.error().kind(), ErrorKind::kCorruptFile);
  }
}

}  // namespace
}  // namespace floe::parquet
