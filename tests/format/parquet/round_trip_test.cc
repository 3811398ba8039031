#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "format/parquet/parquet_test_util.h"
#include "support/matchers.h"

namespace floe::parquet {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsOk;
using format::CompressionCodec;
using namespace ::floe::parquet::testing;  // NOLINT

struct RoundTripCase {
  double null_share;
  CompressionCodec codec;
  bool dictionary;
  bool small_pages;
};

std::string CaseName(const ::testing::TestParamInfo<RoundTripCase>& info) {
  const RoundTripCase& c = info.param;
  return "nulls" + std::to_string(static_cast<int>(c.null_share * 100)) + "_" +
         std::string(format::CompressionCodecName(c.codec)) + (c.dictionary ? "_dict" : "_plain") +
         (c.small_pages ? "_smallpages" : "");
}

class ParquetRoundTripTest : public ::testing::TestWithParam<RoundTripCase> {};

TEST_P(ParquetRoundTripTest, EveryTypeReadsBackEqual) {
  const RoundTripCase& c = GetParam();
  Schema schema = AllTypesSchema();
  RandomFiller filler(42, c.null_share);
  auto b1 = filler.Batch(schema, 1500);
  ASSERT_THAT(b1, IsOk());
  auto b2 = filler.Batch(schema, 700);
  ASSERT_THAT(b2, IsOk());
  WriterOptions options;
  options.codec = c.codec;
  options.enable_dictionary = c.dictionary;
  if (c.small_pages) {
    options.page_size_bytes = 256;
    options.slice_rows = 100;
    options.row_group_size_bytes = 16 * 1024;
    options.dictionary_size_limit = 200;  // forces the PLAIN fallback mid-chunk
  }
  FileMetrics metrics;
  auto bytes = WriteToMemory({*b1, *b2}, options, &metrics);
  ASSERT_THAT(bytes, IsOk());
  EXPECT_EQ(metrics.row_count, 2200);
  EXPECT_EQ(metrics.file_size, static_cast<int64_t>(bytes->size()));
  ReaderOptions ro;
  ro.batch_size = 999;
  auto read = ReadFromMemory(*bytes, ro);
  ASSERT_THAT(read, IsOk());
  ASSERT_FALSE(read->empty());
  EXPECT_TRUE(read->front().schema().Equals(schema, true))
      << read->front().schema().ToString() << "\nvs\n"
      << schema.ToString();
  // The two written batches, concatenated, in the order read.
  std::vector<RecordBatch> first_part, second_part;
  int64_t seen = 0;
  for (const RecordBatch& b : *read) {
    if (seen < 1500) {
      auto s1 = b.Slice(0, std::min<int64_t>(b.num_rows(), 1500 - seen));
      ASSERT_THAT(s1, IsOk());
      first_part.push_back(*s1);
      if (b.num_rows() > 1500 - seen) {
        auto s2 = b.Slice(1500 - seen);
        ASSERT_THAT(s2, IsOk());
        second_part.push_back(*s2);
      }
    } else {
      second_part.push_back(b);
    }
    seen += b.num_rows();
  }
  EXPECT_EQ(CompareRows(*b1, first_part), "");
  EXPECT_EQ(CompareRows(*b2, second_part), "");
}

std::vector<RoundTripCase> Cases() {
  std::vector<RoundTripCase> cases;
  for (double nulls : {0.0, 0.5, 1.0}) {
    for (auto codec :
         {CompressionCodec::kUncompressed, CompressionCodec::kSnappy, CompressionCodec::kGzip,
          CompressionCodec::kZstd, CompressionCodec::kLz4Raw}) {
      cases.push_back({nulls, codec, true, false});
    }
    cases.push_back({nulls, CompressionCodec::kZstd, false, false});
    cases.push_back({nulls, CompressionCodec::kSnappy, true, true});
    cases.push_back({nulls, CompressionCodec::kUncompressed, false, true});
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(ParquetCases, ParquetRoundTripTest, ::testing::ValuesIn(Cases()),
                         CaseName);

TEST(ParquetWriterTest, SmallRowGroupsMakeManyRowGroupsAndPages) {
  WriterOptions options;
  options.row_group_max_rows = 1000;
  options.page_size_bytes = 512;
  options.slice_rows = 128;
  FLOE_ASSERT_OK_AND_ASSIGN(auto file, WriteRandomFile(5, 0.3, 3000, options));
  auto reader = FileReader::Open(std::make_unique<InMemoryInput>(file.bytes));
  ASSERT_THAT(reader, IsOk());
  EXPECT_EQ((*reader)->num_row_groups(), 3);
  EXPECT_EQ((*reader)->num_rows(), 3000);
  auto all = (*reader)->ReadAll();
  ASSERT_THAT(all, IsOk());
  EXPECT_EQ(CompareRows(file.batch, *all), "");
}

// A chunk keeps its dictionary only where the dictionary page plus the indices are smaller than
// the plain values: a column of distinct values goes PLAIN, a column of few values stays
// dictionary-encoded, and both read back.
TEST(ParquetWriterTest, DictionaryIsKeptOnlyWhereItPays) {
  Schema schema({Field("distinct", DataType::Int64(), false, 1),
                 Field("few", DataType::Int64(), false, 2),
                 Field("names", DataType::String(), false, 3)});
  for (int rows : {1000, 100000}) {  // before and after the distinct-value probe
    columnar::Int64Builder distinct;
    columnar::Int64Builder few;
    columnar::StringBuilder names;
    for (int i = 0; i < rows; ++i) {
      ASSERT_THAT(distinct.Append(static_cast<int64_t>(i) * 7919), IsOk());
      ASSERT_THAT(few.Append(i % 5), IsOk());
      ASSERT_THAT(names.Append("customer-" + std::to_string(i % 300)), IsOk());
    }
    auto batch = RecordBatch::Make(schema, {*distinct.Finish(), *few.Finish(), *names.Finish()});
    ASSERT_THAT(batch, IsOk());
    auto bytes = WriteToMemory({*batch}, WriterOptions{});
    ASSERT_THAT(bytes, IsOk());
    auto reader = FileReader::Open(std::make_unique<InMemoryInput>(*bytes));
    ASSERT_THAT(reader, IsOk());
    const auto& columns = (*reader)->metadata().row_groups[0].columns;
    auto uses_dictionary = [](const ColumnChunk& c) {
      const auto& e = c.meta_data->encodings;
      return std::find(e.begin(), e.end(), Encoding::kRleDictionary) != e.end();
    };
    EXPECT_FALSE(uses_dictionary(columns[0])) << rows;
    EXPECT_FALSE(columns[0].meta_data->dictionary_page_offset.has_value()) << rows;
    EXPECT_TRUE(uses_dictionary(columns[1])) << rows;
    EXPECT_TRUE(uses_dictionary(columns[2])) << rows;
    auto all = (*reader)->ReadAll();
    ASSERT_THAT(all, IsOk());
    EXPECT_EQ(CompareRows(*batch, *all), "");
  }
}

TEST(ParquetWriterTest, FooterCarriesFieldIdsStatisticsAndKeyValues) {
  Schema schema({Field("id", DataType::Int64(), false, 7),
                 Field("name", DataType::String(), true, 8),
                 Field("x", DataType::Float64(), true, 9)});
  columnar::Int64Builder ids;
  columnar::StringBuilder names;
  columnar::Float64Builder xs;
  for (int i = 0; i < 10; ++i) {
    ASSERT_THAT(ids.Append(100 - i), IsOk());
    if (i % 3 == 0) {
      ASSERT_THAT(names.AppendNull(), IsOk());
    } else {
      ASSERT_THAT(names.Append("n" + std::to_string(i)), IsOk());
    }
    ASSERT_THAT(xs.Append(i == 4 ? std::nan("") : i * 1.5), IsOk());
  }
  auto batch = RecordBatch::Make(schema, {*ids.Finish(), *names.Finish(), *xs.Finish()});
  ASSERT_THAT(batch, IsOk());
  WriterOptions options;
  options.key_value_metadata = {{"iceberg.schema", "{\"type\":\"struct\"}"}};
  FileMetrics metrics;
  auto bytes = WriteToMemory({*batch}, options, &metrics);
  ASSERT_THAT(bytes, IsOk());
  auto reader = FileReader::Open(std::make_unique<InMemoryInput>(*bytes));
  ASSERT_THAT(reader, IsOk());
  const FileMetaData& md = (*reader)->metadata();
  ASSERT_EQ(md.schema.size(), 4u);
  EXPECT_EQ(md.schema[1].field_id, 7);
  EXPECT_EQ(md.schema[2].field_id, 8);
  ASSERT_EQ(md.key_value_metadata.size(), 1u);
  EXPECT_EQ(md.key_value_metadata[0].key, "iceberg.schema");
  const Statistics& st = *md.row_groups[0].columns[0].meta_data->statistics;
  int64_t min, max;
  std::memcpy(&min, st.min_value->data(), 8);
  std::memcpy(&max, st.max_value->data(), 8);
  EXPECT_EQ(min, 91);
  EXPECT_EQ(max, 100);
  EXPECT_EQ(md.row_groups[0].columns[1].meta_data->statistics->null_count, 4);
  EXPECT_EQ(*md.row_groups[0].columns[1].meta_data->statistics->min_value, "n1");
  EXPECT_EQ(*md.row_groups[0].columns[1].meta_data->statistics->max_value, "n8");

  ASSERT_EQ(metrics.columns.size(), 3u);
  EXPECT_EQ(metrics.columns[7].value_count, 10);
  EXPECT_EQ(metrics.columns[7].null_value_count, 0);
  EXPECT_FALSE(metrics.columns[7].nan_value_count.has_value());
  EXPECT_EQ(metrics.columns[8].null_value_count, 4);
  EXPECT_EQ(metrics.columns[8].lower_bound, "n1");
  EXPECT_EQ(metrics.columns[9].nan_value_count, 1);
  double lo;
  std::memcpy(&lo, metrics.columns[9].upper_bound->data(), 8);
  EXPECT_EQ(lo, 13.5);
  EXPECT_GT(metrics.columns[7].column_size, 0);
  EXPECT_EQ(metrics.split_offsets, std::vector<int64_t>{4});
}

TEST(ParquetWriterTest, DecimalBoundsAreMinimalBigEndian) {
  Schema schema({Field("d", DataType::Decimal128(10, 2), true, 1)});
  columnar::Decimal128Builder b(10, 2);
  ASSERT_THAT(b.Append(columnar::Decimal128::FromInt64(-129)), IsOk());
  ASSERT_THAT(b.Append(columnar::Decimal128::FromInt64(300)), IsOk());
  auto batch = RecordBatch::Make(schema, {*b.Finish()});
  ASSERT_THAT(batch, IsOk());
  FileMetrics metrics;
  ASSERT_THAT(WriteToMemory({*batch}, {}, &metrics), IsOk());
  EXPECT_EQ(metrics.columns[1].lower_bound, std::string("\xff\x7f", 2));
  EXPECT_EQ(metrics.columns[1].upper_bound, std::string("\x01\x2c", 2));
}

TEST(ParquetReaderTest, ProjectsByFieldIdAndByName) {
  Schema schema = AllTypesSchema();
  RandomFiller filler(9, 0.2);
  auto batch = filler.Batch(schema, 100);
  ASSERT_THAT(batch, IsOk());
  auto bytes = WriteToMemory({*batch}, {});
  ASSERT_THAT(bytes, IsOk());
  ReaderOptions by_id;
  by_id.field_ids = std::vector<int32_t>{19, 2, 999};
  auto read = ReadFromMemory(*bytes, by_id);
  ASSERT_THAT(read, IsOk());
  ASSERT_EQ(read->size(), 1u);
  ASSERT_EQ((*read)[0].num_columns(), 2);
  EXPECT_EQ((*read)[0].schema().field(0).name(), "mp");
  EXPECT_EQ(columnar::DescribeArrayDifference(batch->column(18), (*read)[0].column(0)), "");
  EXPECT_EQ(columnar::DescribeArrayDifference(batch->column(1), (*read)[0].column(1)), "");
  ReaderOptions by_name;
  by_name.column_names = std::vector<std::string>{"str"};
  read = ReadFromMemory(*bytes, by_name);
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(columnar::DescribeArrayDifference(batch->column(12), (*read)[0].column(0)), "");
}

TEST(ParquetReaderTest, RowGroupFilterSkipsRowGroups) {
  Schema schema({Field("id", DataType::Int64(), false, 1)});
  columnar::Int64Builder b;
  for (int i = 0; i < 300; ++i) ASSERT_THAT(b.Append(i), IsOk());
  auto batch = RecordBatch::Make(schema, {*b.Finish()});
  WriterOptions options;
  options.row_group_max_rows = 100;
  auto bytes = WriteToMemory({*batch}, options);
  ASSERT_THAT(bytes, IsOk());
  ReaderOptions ro;
  int calls = 0;
  ro.row_group_filter = [&](const RowGroupInfo& info) {
    ++calls;
    const Statistics* st = info.StatisticsFor(1);
    if (st == nullptr || !st->max_value) return true;
    int64_t max;
    std::memcpy(&max, st->max_value->data(), 8);
    return max >= 150;  // "id >= 150"
  };
  auto read = ReadFromMemory(*bytes, ro);
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ(calls, 3);
  int64_t rows = 0;
  for (auto& r : *read) rows += r.num_rows();
  EXPECT_EQ(rows, 200);
}

TEST(ParquetWriterTest, RejectsBatchOfAnotherSchema) {
  Schema schema({Field("id", DataType::Int64(), false, 1)});
  Schema other({Field("id", DataType::Int32(), false, 1)});
  auto writer = FileWriter::Make(schema, std::make_unique<InMemoryOutput>());
  ASSERT_THAT(writer, IsOk());
  columnar::Int32Builder b;
  ASSERT_THAT(b.Append(1), IsOk());
  auto batch = RecordBatch::Make(other, {*b.Finish()});
  EXPECT_THAT((*writer)->Write(*batch), IsError(ErrorKind::kInvalidArgument));
}

TEST(ParquetWriterTest, EmptyFileHasSchemaAndNoRows) {
  Schema schema = AllTypesSchema();
  auto out = std::make_unique<InMemoryOutput>();
  InMemoryOutput* raw = out.get();
  auto writer = FileWriter::Make(schema, std::move(out));
  ASSERT_THAT(writer, IsOk());
  ASSERT_THAT((*writer)->Close(), IsOk());
  auto reader = FileReader::Open(std::make_unique<InMemoryInput>(raw->bytes()));
  ASSERT_THAT(reader, IsOk());
  EXPECT_EQ((*reader)->num_rows(), 0);
  EXPECT_TRUE((*reader)->schema().Equals(schema, true));
  auto next = (*reader)->Next();
  ASSERT_THAT(next, IsOk());
  EXPECT_FALSE(next->has_value());
}

}  // namespace
}  // namespace floe::parquet
