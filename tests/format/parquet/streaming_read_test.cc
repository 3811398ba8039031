// The reader's streaming path (every projected field flat: batches decoded page by page), its
// parallel column decoding, its buffer pool and the bulk bit unpacking it relies on.
#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <utility>
#include <vector>

#include "floe/format/parquet/bit_packing_internal.h"
#include "floe/format/parquet/buffer_pool_internal.h"
#include "format/parquet/parquet_test_util.h"
#include "support/matchers.h"

namespace floe::parquet {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsOk;
using format::CompressionCodec;
using namespace ::floe::parquet::testing;  // NOLINT

// The flat fields of AllTypesSchema, by field id.
const std::vector<int32_t> kFlatIds = {1,  2,  3,  4,  5,  6,  7,  8,  9,
                                       10, 11, 12, 13, 14, 15, 16, 21, 22};

Result<RecordBatch> ProjectFlat(const RecordBatch& batch) {
  std::vector<Field> fields;
  std::vector<Array> columns;
  for (int32_t id : kFlatIds) {
    for (int c = 0; c < batch.num_columns(); ++c) {
      if (batch.schema().field(c).field_id() == id) {
        fields.push_back(batch.schema().field(c));
        columns.push_back(batch.column(c));
      }
    }
  }
  return RecordBatch::Make(Schema(std::move(fields)), std::move(columns), batch.num_rows());
}

struct StreamCase {
  CompressionCodec codec;
  double null_share;
  int threads;
};

class ParquetStreamingReadTest : public ::testing::TestWithParam<StreamCase> {};

TEST_P(ParquetStreamingReadTest, FlatProjectionReadsBackEqualAcrossPagesAndRowGroups) {
  const StreamCase& c = GetParam();
  WriterOptions options;
  options.codec = c.codec;
  options.row_group_max_rows = 1800;  // row groups of 1800, 1800, 1400 rows
  options.page_size_bytes = 700;      // many pages a chunk, ending anywhere in a batch
  options.slice_rows = 97;
  options.dictionary_size_limit = 300;  // PLAIN fallback mid-chunk
  FLOE_ASSERT_OK_AND_ASSIGN(auto file, WriteRandomFile(7, c.null_share, 5000, options));
  auto expected = ProjectFlat(file.batch);
  ASSERT_THAT(expected, IsOk());
  for (int64_t batch_size : {1, 333, 1800, 4096}) {
    ReaderOptions ro;
    ro.field_ids = kFlatIds;
    ro.batch_size = batch_size;
    ro.decode_threads = c.threads;
    auto read = ReadFromMemory(file.bytes, ro);
    ASSERT_THAT(read, IsOk());
    for (const RecordBatch& b : *read) {
      EXPECT_LE(b.num_rows(), batch_size);
      for (int col = 0; col < b.num_columns(); ++col) {
        EXPECT_THAT(b.column(col).ValidateFull(), IsOk());
      }
    }
    EXPECT_EQ(CompareRows(*expected, *read), "") << "batch_size " << batch_size;
  }
}

std::vector<StreamCase> StreamCases() {
  std::vector<StreamCase> cases;
  for (auto codec :
       {CompressionCodec::kUncompressed, CompressionCodec::kSnappy, CompressionCodec::kZstd}) {
    for (double nulls : {0.0, 0.4}) {
      for (int threads : {1, 2, 3}) cases.push_back({codec, nulls, threads});
    }
  }
  return cases;
}

std::string StreamCaseName(const ::testing::TestParamInfo<StreamCase>& info) {
  const StreamCase& c = info.param;
  return std::string(format::CompressionCodecName(c.codec)) + "_nulls" +
         std::to_string(static_cast<int>(c.null_share * 100)) + "_threads" +
         std::to_string(c.threads);
}

INSTANTIATE_TEST_SUITE_P(ParquetStreaming, ParquetStreamingReadTest,
                         ::testing::ValuesIn(StreamCases()), StreamCaseName);

TEST(ParquetStreamingReadTest, BatchesKeptByTheCallerStayIntactWhileReadingOn) {
  WriterOptions options;
  options.page_size_bytes = 1024;
  FLOE_ASSERT_OK_AND_ASSIGN(auto file, WriteRandomFile(11, 0.2, 3000, options));
  ReaderOptions ro;
  ro.field_ids = kFlatIds;
  ro.batch_size = 500;
  ro.decode_threads = 2;
  // ReadAll keeps every batch: pooled buffers must not be handed out twice.
  auto read = ReadFromMemory(file.bytes, ro);
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(read->size(), 6u);
  auto expected = ProjectFlat(file.batch);
  ASSERT_THAT(expected, IsOk());
  EXPECT_EQ(CompareRows(*expected, *read), "");
}

// Helper threads decode ahead of the caller: batches the caller keeps must stay intact, and the
// rows must come back in order, for every batch size against the page and row-group sizes.
TEST(ParquetStreamingReadTest, HelpersDecodingAheadKeepBatchesInOrder) {
  WriterOptions options;
  options.codec = CompressionCodec::kSnappy;
  options.row_group_max_rows = 2500;
  options.page_size_bytes = 900;
  options.slice_rows = 131;
  FLOE_ASSERT_OK_AND_ASSIGN(auto file, WriteRandomFile(13, 0.1, 6000, options));
  auto expected = ProjectFlat(file.batch);
  ASSERT_THAT(expected, IsOk());
  for (int threads : {2, 4}) {
    for (int64_t batch_size : {7, 250, 2500, 10000}) {
      ReaderOptions ro;
      ro.field_ids = kFlatIds;
      ro.batch_size = batch_size;
      ro.decode_threads = threads;
      auto read = ReadFromMemory(file.bytes, ro);
      ASSERT_THAT(read, IsOk());
      EXPECT_EQ(CompareRows(*expected, *read), "")
          << threads << " threads, batch_size " << batch_size;
    }
  }
}

TEST(ParquetStreamingReadTest, DroppingTheReaderMidFileStopsItsHelpers) {
  WriterOptions options;
  options.page_size_bytes = 500;
  FLOE_ASSERT_OK_AND_ASSIGN(auto file, WriteRandomFile(17, 0.2, 4000, options));
  for (int batches_read = 0; batches_read < 4; ++batches_read) {
    for (int repeat = 0; repeat < 10; ++repeat) {
      ReaderOptions ro;
      ro.field_ids = kFlatIds;
      ro.batch_size = 100;
      ro.decode_threads = 2;
      auto reader = FileReader::Open(std::make_unique<InMemoryInput>(file.bytes), ro);
      ASSERT_THAT(reader, IsOk());
      for (int i = 0; i < batches_read; ++i) {
        auto next = (*reader)->Next();
        ASSERT_THAT(next, IsOk());
        ASSERT_TRUE(next->has_value());
      }
      // The reader goes away here, its helpers possibly mid-batch.
    }
  }
}

// A damaged page in the middle of a column: every thread count returns the same batches before
// it, then the same error, whichever thread met the damage first.
TEST(ParquetStreamingReadTest, DamagedPageGivesTheSameBatchesThenTheSameError) {
  WriterOptions options;
  options.codec = CompressionCodec::kSnappy;
  options.page_size_bytes = 800;
  options.row_group_max_rows = 1000;
  FLOE_ASSERT_OK_AND_ASSIGN(auto file, WriteRandomFile(19, 0.1, 5000, options));
  std::vector<uint8_t> damaged = file.bytes;
  {
    auto reader = FileReader::Open(std::make_unique<InMemoryInput>(file.bytes));
    ASSERT_THAT(reader, IsOk());
    // The first page header of the int64 column "i64" (leaf 2) in the third row group.
    const ColumnMetaData& md = *(*reader)->metadata().row_groups[2].columns[2].meta_data;
    auto at = static_cast<size_t>(md.data_page_offset);
    for (size_t i = 0; i < 16; ++i) damaged[at + i] = 0xff;
  }
  std::optional<std::pair<size_t, ErrorKind>> first;
  for (int threads : {1, 2, 3}) {
    ReaderOptions ro;
    ro.field_ids = kFlatIds;
    ro.batch_size = 300;
    ro.decode_threads = threads;
    auto reader = FileReader::Open(std::make_unique<InMemoryInput>(damaged), ro);
    ASSERT_THAT(reader, IsOk());
    size_t good = 0;
    std::optional<Error> error;
    while (true) {
      auto next = (*reader)->Next();
      if (!next) {
        error = next.error();
        break;
      }
      ASSERT_TRUE(next->has_value()) << "the damage went unnoticed with " << threads;
      ++good;
    }
    // Once failed, the reader keeps returning the error.
    EXPECT_FALSE((*reader)->Next().has_value());
    std::pair<size_t, ErrorKind> outcome(good, error->kind());
    if (!first) first = outcome;
    EXPECT_EQ(outcome, *first) << threads << " threads: " << *error;
  }
  // Row groups 0 and 1 read, as batches of 300, 300, 300 and 100 rows each.
  EXPECT_EQ(first->first, 8u);
}

TEST(ParquetStreamingReadTest, RejectsDecodeThreadsOutOfRange) {
  ReaderOptions ro;
  ro.decode_threads = 0;
  auto reader = FileReader::Open(std::make_unique<InMemoryInput>(std::vector<uint8_t>(20)), ro);
  EXPECT_THAT(reader, IsError(ErrorKind::kInvalidArgument));
}

TEST(BufferPoolTest, ReusesReleasedBlocksAndKeepsLiveOnesApart) {
  auto pool = BufferPool::Make();
  const uint8_t* first_data = nullptr;
  {
    auto a = pool->Acquire(100000);
    ASSERT_THAT(a, IsOk());
    first_data = a->data;
    auto b = pool->Acquire(100000);
    ASSERT_THAT(b, IsOk());
    EXPECT_NE(a->data, b->data);
    EXPECT_EQ(pool->retained_bytes(), 0);
  }
  EXPECT_GT(pool->retained_bytes(), 0);
  auto c = pool->Acquire(99000);
  ASSERT_THAT(c, IsOk());
  EXPECT_TRUE(c->data == first_data || pool->retained_bytes() > 0);
  // A tiny buffer does not take a large idle block.
  auto tiny = pool->AcquireZeroed(16);
  ASSERT_THAT(tiny, IsOk());
  EXPECT_EQ(tiny->buffer->size(), 16);
  EXPECT_EQ(tiny->data[15], 0);
  EXPECT_GT(pool->retained_bytes(), 0);
}

TEST(BufferPoolTest, BuffersOutliveThePoolHandle) {
  auto pool = BufferPool::Make();
  auto a = pool->Acquire(64);
  ASSERT_THAT(a, IsOk());
  a->data[0] = 7;
  std::shared_ptr<columnar::Buffer> kept = a->buffer;
  pool.reset();
  EXPECT_EQ(kept->data()[0], 7);
}

TEST(BitPackingTest, BulkUnpackMatchesValueByValue) {
  std::mt19937_64 rng(3);
  for (int width = 0; width <= 64; ++width) {
    std::vector<uint8_t> packed(PackedBytes(300, width) + (rng() % 3));
    for (uint8_t& b : packed) b = static_cast<uint8_t>(rng());
    for (size_t first : {0u, 1u, 7u, 64u, 250u}) {
      size_t capacity = width == 0 ? 300 : packed.size() * 8 / static_cast<size_t>(width);
      if (first >= capacity) continue;
      size_t count = std::min<size_t>(capacity - first, 50 + rng() % 10);
      std::vector<uint64_t> bulk(count);
      UnpackRun(packed.data(), packed.size(), width, first, count, bulk.data());
      for (size_t i = 0; i < count; ++i) {
        ASSERT_EQ(bulk[i], UnpackOne(packed.data(), packed.size(), first + i, width))
            << "width " << width << " value " << first + i;
      }
    }
  }
}

}  // namespace
}  // namespace floe::parquet
