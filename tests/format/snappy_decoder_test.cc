#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

#include "floe/format/codec.h"
#include "floe/format/snappy_decoder_internal.h"

namespace floe::format {
namespace {

// Compressed by libsnappy (format::Compress), decompressed by our decoder.
std::vector<uint8_t> RoundTrip(const std::vector<uint8_t>& data) {
  std::vector<uint8_t> compressed;
  EXPECT_TRUE(Compress(CompressionCodec::kSnappy, data, compressed).has_value());
  auto length = SnappyUncompressedLength(compressed);
  EXPECT_TRUE(length.has_value());
  std::vector<uint8_t> out(length.value_or(0), 0xee);
  auto s = SnappyUncompress(compressed, out);
  EXPECT_TRUE(s.has_value()) << s.error();
  return out;
}

std::vector<uint8_t> Int64Page(size_t n, int64_t first, int64_t step) {
  std::vector<uint8_t> data(n * 8);
  for (size_t i = 0; i < n; ++i) {
    int64_t v = first + static_cast<int64_t>(i) * step;
    std::memcpy(data.data() + i * 8, &v, 8);
  }
  return data;
}

TEST(SnappyDecoderTest, MatchesLibsnappyOnManyShapes) {
  std::mt19937 rng(11);
  std::vector<std::vector<uint8_t>> inputs;
  for (size_t n : {0, 1, 7, 15, 16, 17, 31, 63, 64, 65, 100, 1000, 65535, 65536, 65537, 300000}) {
    std::vector<uint8_t> random(n);
    for (auto& b : random) b = static_cast<uint8_t>(rng());
    inputs.push_back(random);
    inputs.push_back(std::vector<uint8_t>(n, 0));
    for (size_t period : {1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 33, 64, 70, 1000}) {
      std::vector<uint8_t> pattern(n);
      for (size_t i = 0; i < n; ++i) pattern[i] = static_cast<uint8_t>((i % period) * 37 + 1);
      inputs.push_back(pattern);
    }
    std::vector<uint8_t> mixed(n);
    for (size_t i = 0; i < n; ++i) {
      mixed[i] = (i / 50) % 3 == 0 ? static_cast<uint8_t>(rng()) : static_cast<uint8_t>(i % 13);
    }
    inputs.push_back(mixed);
  }
  // Parquet pages of nearly unique values: ids, timestamps, doubles.
  inputs.push_back(Int64Page(131072, 3000000, 1));
  inputs.push_back(Int64Page(131072, 1600000000000000, 1000));
  std::vector<uint8_t> doubles(131072 * 8);
  for (size_t i = 0; i < 131072; ++i) {
    double v = static_cast<double>(i + 77) * 0.01;
    std::memcpy(doubles.data() + i * 8, &v, 8);
  }
  inputs.push_back(doubles);
  for (const auto& input : inputs) {
    ASSERT_EQ(RoundTrip(input), input) << "input of " << input.size() << " bytes";
  }
}

TEST(SnappyDecoderTest, ReadsEveryLiteralLengthFormAndFourByteOffsets) {
  // length 3 | literal of 70 bytes with a 1-byte length (tag 60) | ...
  std::vector<uint8_t> expected;
  std::vector<uint8_t> block;
  auto literal = [&](size_t len, int extra_bytes) {
    if (extra_bytes == 0) {
      block.push_back(static_cast<uint8_t>((len - 1) << 2));
    } else {
      block.push_back(static_cast<uint8_t>((59 + extra_bytes) << 2));
      for (int i = 0; i < extra_bytes; ++i)
        block.push_back(static_cast<uint8_t>((len - 1) >> (8 * i)));
    }
    for (size_t i = 0; i < len; ++i) {
      auto b = static_cast<uint8_t>(expected.size() * 7 + 3);
      block.push_back(b);
      expected.push_back(b);
    }
  };
  auto copy4 = [&](size_t len, uint32_t offset) {
    block.push_back(static_cast<uint8_t>(((len - 1) << 2) | 3));
    for (int i = 0; i < 4; ++i) block.push_back(static_cast<uint8_t>(offset >> (8 * i)));
    size_t from = expected.size() - offset;
    for (size_t i = 0; i < len; ++i) expected.push_back(expected[from + i]);
  };
  literal(5, 0);
  literal(70, 1);
  literal(300, 2);
  literal(20, 3);
  literal(17, 4);
  copy4(64, 400);
  copy4(10, 3);
  literal(1, 0);
  std::vector<uint8_t> framed;
  size_t n = expected.size();
  while (n >= 0x80) {
    framed.push_back(static_cast<uint8_t>(n | 0x80));
    n >>= 7;
  }
  framed.push_back(static_cast<uint8_t>(n));
  framed.insert(framed.end(), block.begin(), block.end());
  std::vector<uint8_t> out(expected.size());
  ASSERT_TRUE(SnappyUncompress(framed, out).has_value());
  EXPECT_EQ(out, expected);
}

TEST(SnappyDecoderTest, RejectsBadBlocks) {
  std::vector<uint8_t> out(8);
  auto corrupt = [&](std::vector<uint8_t> block, size_t out_size) {
    out.assign(out_size, 0);
    auto s = SnappyUncompress(block, out);
    if (s.has_value()) return false;
    EXPECT_EQ(s.error().kind(), ErrorKind::kCorruptFile) << s.error();
    return true;
  };
  EXPECT_TRUE(corrupt({}, 0));                                       // no length
  EXPECT_TRUE(corrupt({0x80, 0x80, 0x80, 0x80, 0x80, 0}, 0));        // length of 6 bytes
  EXPECT_TRUE(corrupt({0xff, 0xff, 0xff, 0xff, 0x7f}, 0));           // length past 32 bits
  EXPECT_TRUE(corrupt({4, 0x0c, 'a', 'b', 'c', 'd'}, 5));            // length differs from out
  EXPECT_TRUE(corrupt({5, 0x0c, 'a', 'b', 'c', 'd'}, 5));            // one byte short
  EXPECT_TRUE(corrupt({3, 0x0c, 'a', 'b', 'c', 'd'}, 3));            // literal past the output
  EXPECT_TRUE(corrupt({4, 0x0c, 'a', 'b'}, 4));                      // literal past the block
  EXPECT_TRUE(corrupt({8, 0x0c, 'a', 'b', 'c', 'd', 0x01, 0}, 8));   // offset 0
  EXPECT_TRUE(corrupt({8, 0x0c, 'a', 'b', 'c', 'd', 0x01, 5}, 8));   // offset before the start
  EXPECT_TRUE(corrupt({8, 0x0c, 'a', 'b', 'c', 'd', 0x01}, 8));      // offset cut off
  EXPECT_TRUE(corrupt({8, 0x0c, 'a', 'b', 'c', 'd', 0x05, 4}, 8));   // copy past the output
  EXPECT_TRUE(corrupt({2, 0xf0, 1}, 2));                             // cut long-literal length
  EXPECT_FALSE(corrupt({8, 0x0c, 'a', 'b', 'c', 'd', 0x01, 4}, 8));  // and the valid one
  EXPECT_EQ(std::string(out.begin(), out.end()), "abcdabcd");
}

TEST(SnappyDecoderTest, MutatedBlocksGiveDataOrCorruptFile) {
  std::vector<uint8_t> input = Int64Page(4096, 1000, 3);
  for (size_t i = 0; i < 2000; ++i) input[16000 + i] = static_cast<uint8_t>(i % 5);
  std::vector<uint8_t> compressed;
  ASSERT_TRUE(Compress(CompressionCodec::kSnappy, input, compressed).has_value());
  std::mt19937 rng(5);
  std::vector<uint8_t> out;
  for (int trial = 0; trial < 3000; ++trial) {
    std::vector<uint8_t> mutated = compressed;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) mutated[rng() % mutated.size()] ^= static_cast<uint8_t>(rng());
    if (trial % 3 == 0) mutated.resize(rng() % mutated.size());
    auto length = SnappyUncompressedLength(mutated);
    if (!length) continue;
    out.assign(std::min<size_t>(*length, 1 << 20), 0);
    auto s = SnappyUncompress(mutated, out);
    if (!s) {
      EXPECT_EQ(s.error().kind(), ErrorKind::kCorruptFile);
    }
  }
}

}  // namespace
}  // namespace floe::format
