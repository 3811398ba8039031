#include "floe/format/codec.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace floe::format {
namespace {

constexpr CompressionCodec kAllCodecs[] = {
    CompressionCodec::kUncompressed, CompressionCodec::kSnappy, CompressionCodec::kGzip,
    CompressionCodec::kZstd,         CompressionCodec::kLz4Raw, CompressionCodec::kDeflateRaw,
};

constexpr CompressionCodec kRealCodecs[] = {
    CompressionCodec::kSnappy, CompressionCodec::kGzip,       CompressionCodec::kZstd,
    CompressionCodec::kLz4Raw, CompressionCodec::kDeflateRaw,
};

// Text-like data that compresses, with a random tail that does not.
std::vector<uint8_t> SampleData(size_t n, uint32_t seed = 7) {
  std::vector<uint8_t> data(n);
  std::mt19937 rng(seed);
  for (size_t i = 0; i < n; ++i) {
    data[i] = i < n * 3 / 4 ? static_cast<uint8_t>("floe iceberg avro parquet "[i % 26])
                            : static_cast<uint8_t>(rng());
  }
  return data;
}

class CodecTest : public ::testing::TestWithParam<CompressionCodec> {};

TEST_P(CodecTest, RoundTripsWithKnownAndUnknownSize) {
  for (size_t n : {size_t{0}, size_t{1}, size_t{100}, size_t{70000}, size_t{1} << 20}) {
    std::vector<uint8_t> input = SampleData(n);
    std::vector<uint8_t> compressed;
    ASSERT_TRUE(Compress(GetParam(), input, compressed).has_value()) << n;
    std::vector<uint8_t> out;
    auto s = Decompress(GetParam(), compressed, input.size(), out);
    ASSERT_TRUE(s.has_value()) << n << " " << s.error();
    EXPECT_EQ(out, input) << n;
    out.assign(3, 9);  // stale contents must be replaced
    s = Decompress(GetParam(), compressed, std::nullopt, out);
    ASSERT_TRUE(s.has_value()) << n << " " << s.error();
    EXPECT_EQ(out, input) << n;
  }
}

TEST_P(CodecTest, ReusesOutputBuffer) {
  std::vector<uint8_t> input = SampleData(50000);
  std::vector<uint8_t> compressed;
  std::vector<uint8_t> out;
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(Compress(GetParam(), input, compressed).has_value());
    ASSERT_TRUE(Decompress(GetParam(), compressed, input.size(), out).has_value());
    EXPECT_EQ(out, input);
  }
}

TEST_P(CodecTest, WrongExpectedSizeIsCorrupt) {
  std::vector<uint8_t> input = SampleData(1000);
  std::vector<uint8_t> compressed;
  ASSERT_TRUE(Compress(GetParam(), input, compressed).has_value());
  std::vector<uint8_t> out;
  for (size_t wrong : {size_t{999}, size_t{1001}, size_t{0}}) {
    auto s = Decompress(GetParam(), compressed, wrong, out);
    ASSERT_FALSE(s.has_value()) << wrong;
    EXPECT_EQ(s.error().kind(), ErrorKind::kCorruptFile) << s.error();
  }
}

TEST_P(CodecTest, OutputLimitStopsLargeBlocks) {
  std::vector<uint8_t> input(1 << 20, 'a');  // compresses very well: a small "bomb"
  std::vector<uint8_t> compressed;
  ASSERT_TRUE(Compress(GetParam(), input, compressed).has_value());
  std::vector<uint8_t> out;
  auto s = Decompress(GetParam(), compressed, std::nullopt, out, 4096);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().kind(), ErrorKind::kCorruptFile) << s.error();
  s = Decompress(GetParam(), compressed, input.size(), out, 4096);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().kind(), ErrorKind::kCorruptFile) << s.error();
  EXPECT_TRUE(Decompress(GetParam(), compressed, std::nullopt, out, input.size()).has_value());
  EXPECT_EQ(out, input);
}

INSTANTIATE_TEST_SUITE_P(CodecAll, CodecTest, ::testing::ValuesIn(kAllCodecs),
                         [](const auto& info) {
                           return std::string(CompressionCodecName(info.param));
                         });

class CodecCorruptionTest : public ::testing::TestWithParam<CompressionCodec> {};

TEST_P(CodecCorruptionTest, GarbageIsCorruptFile) {
  std::vector<uint8_t> out;
  std::mt19937 rng(42);
  int failures = 0;
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<uint8_t> garbage(1 + rng() % 300);
    for (auto& b : garbage) b = static_cast<uint8_t>(rng());
    auto s = Decompress(GetParam(), garbage, std::nullopt, out, 1 << 20);
    if (!s.has_value()) {
      EXPECT_EQ(s.error().kind(), ErrorKind::kCorruptFile) << s.error();
      ++failures;
    }
  }
  // Random bytes are rarely a valid block (lz4 and snappy accept a few).
  EXPECT_GT(failures, 100);
}

TEST_P(CodecCorruptionTest, TruncatedAndFlippedBlocksNeverCrash) {
  std::vector<uint8_t> input = SampleData(3000);
  std::vector<uint8_t> compressed;
  ASSERT_TRUE(Compress(GetParam(), input, compressed).has_value());
  std::vector<uint8_t> out;
  for (size_t cut = 0; cut < compressed.size(); ++cut) {
    std::span<const uint8_t> prefix(compressed.data(), cut);
    auto s = Decompress(GetParam(), prefix, input.size(), out);
    ASSERT_FALSE(s.has_value()) << "cut at " << cut;
    EXPECT_EQ(s.error().kind(), ErrorKind::kCorruptFile);
    s = Decompress(GetParam(), prefix, std::nullopt, out, 1 << 20);
    if (!s.has_value()) {
      EXPECT_EQ(s.error().kind(), ErrorKind::kCorruptFile);
    }
  }
  for (size_t i = 0; i < compressed.size(); ++i) {
    std::vector<uint8_t> flipped = compressed;
    flipped[i] ^= 0x5a;
    auto s = Decompress(GetParam(), flipped, input.size(), out);
    if (!s.has_value()) {
      EXPECT_EQ(s.error().kind(), ErrorKind::kCorruptFile);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(CodecReal, CodecCorruptionTest, ::testing::ValuesIn(kRealCodecs),
                         [](const auto& info) {
                           return std::string(CompressionCodecName(info.param));
                         });

TEST(CodecLevelTest, LevelsChangeOutputAndBadLevelsAreRejected) {
  std::vector<uint8_t> input = SampleData(100000);
  std::vector<uint8_t> fast;
  std::vector<uint8_t> small;
  ASSERT_TRUE(Compress(CompressionCodec::kZstd, input, fast, 1).has_value());
  ASSERT_TRUE(Compress(CompressionCodec::kZstd, input, small, 19).has_value());
  std::vector<uint8_t> out;
  ASSERT_TRUE(Decompress(CompressionCodec::kZstd, small, input.size(), out).has_value());
  EXPECT_EQ(out, input);
  ASSERT_TRUE(Compress(CompressionCodec::kDeflateRaw, input, fast, 0).has_value());
  ASSERT_TRUE(Compress(CompressionCodec::kDeflateRaw, input, small, 12).has_value());
  EXPECT_LT(small.size(), fast.size());
  auto s = Compress(CompressionCodec::kGzip, input, fast, 13);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().kind(), ErrorKind::kInvalidArgument);
  s = Compress(CompressionCodec::kZstd, input, fast, 1000);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().kind(), ErrorKind::kInvalidArgument);
}

TEST(CodecGzipTest, ReadsConcatenatedMembers) {
  std::vector<uint8_t> a = SampleData(500, 1);
  std::vector<uint8_t> b = SampleData(700, 2);
  std::vector<uint8_t> ca;
  std::vector<uint8_t> cb;
  ASSERT_TRUE(Compress(CompressionCodec::kGzip, a, ca).has_value());
  ASSERT_TRUE(Compress(CompressionCodec::kGzip, b, cb).has_value());
  ca.insert(ca.end(), cb.begin(), cb.end());
  std::vector<uint8_t> out;
  ASSERT_TRUE(Decompress(CompressionCodec::kGzip, ca, std::nullopt, out).has_value());
  std::vector<uint8_t> both = a;
  both.insert(both.end(), b.begin(), b.end());
  EXPECT_EQ(out, both);
}

TEST(CodecGzipTest, WritesGzipMagic) {
  std::vector<uint8_t> out;
  ASSERT_TRUE(Compress(CompressionCodec::kGzip, SampleData(10), out).has_value());
  ASSERT_GE(out.size(), 2u);
  EXPECT_EQ(out[0], 0x1f);
  EXPECT_EQ(out[1], 0x8b);
}

}  // namespace
}  // namespace floe::format
