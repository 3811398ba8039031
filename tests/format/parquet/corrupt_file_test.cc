// Corrupt and truncated files give kCorruptFile (or another error), never a crash or a hang.
#include <gtest/gtest.h>

#include "format/parquet/parquet_test_util.h"
#include "support/matchers.h"

namespace floe::parquet {
namespace {

using ::floe::testing::IsOk;
using namespace ::floe::parquet::testing;  // NOLINT

std::vector<uint8_t> SmallFile(format::CompressionCodec codec) {
  Schema schema = AllTypesSchema();
  RandomFiller filler(77, 0.3);
  auto batch = filler.Batch(schema, 40);
  EXPECT_THAT(batch, IsOk());
  WriterOptions options;
  options.codec = codec;
  options.page_size_bytes = 64;
  options.slice_rows = 16;
  auto bytes = WriteToMemory({*batch}, options);
  EXPECT_THAT(bytes, IsOk());
  return *bytes;
}

// Opens and reads everything; returns the error, if any. With threads > 1, reads the flat
// fields only, in batches that helper threads decode ahead of the caller.
std::optional<Error> ReadAllOf(std::vector<uint8_t> bytes, int threads = 1) {
  ReaderOptions options;
  if (threads > 1) {
    options.decode_threads = threads;
    options.field_ids = std::vector<int32_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    options.batch_size = 8;
  }
  auto read = ReadFromMemory(std::move(bytes), options);
  if (read.has_value()) return std::nullopt;
  return read.error();
}

TEST(ParquetCorruptFileTest, TruncationAtEveryPositionIsAnError) {
  std::vector<uint8_t> bytes = SmallFile(format::CompressionCodec::kSnappy);
  for (size_t n = 0; n < bytes.size(); ++n) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<ptrdiff_t>(n));
    auto error = ReadAllOf(cut);
    ASSERT_TRUE(error.has_value()) << "length " << n;
    EXPECT_EQ(error->kind(), ErrorKind::kCorruptFile) << "length " << n << ": " << *error;
  }
}

TEST(ParquetCorruptFileTest, FlippedBytesNeverCrash) {
  for (auto codec : {format::CompressionCodec::kUncompressed, format::CompressionCodec::kSnappy,
                     format::CompressionCodec::kZstd}) {
    std::vector<uint8_t> bytes = SmallFile(codec);
    std::mt19937 rng(1);
    for (size_t i = 0; i < bytes.size(); ++i) {
      std::vector<uint8_t> copy = bytes;
      copy[i] ^= static_cast<uint8_t>(1u << (rng() % 8));
      auto error = ReadAllOf(copy, 1 + static_cast<int>(i % 2));
      // Some flips land in values and still read; errors must be of a sane kind.
      if (error.has_value()) {
        EXPECT_TRUE(error->kind() == ErrorKind::kCorruptFile ||
                    error->kind() == ErrorKind::kNotSupported)
            << "byte " << i << ": " << *error;
      }
    }
  }
}

TEST(ParquetCorruptFileTest, GarbageAndEmptyInputs) {
  EXPECT_EQ(ReadAllOf({})->kind(), ErrorKind::kCorruptFile);
  std::vector<uint8_t> junk(100, 0x41);
  EXPECT_EQ(ReadAllOf(junk)->kind(), ErrorKind::kCorruptFile);
  // Valid magic, absurd footer length.
  std::vector<uint8_t> fake = {'P',  'A',  'R',  '1',  0,   0,   0,   0,
                               0xff, 0xff, 0xff, 0x7f, 'P', 'A', 'R', '1'};
  EXPECT_EQ(ReadAllOf(fake)->kind(), ErrorKind::kCorruptFile);
}

}  // namespace
}  // namespace floe::parquet
