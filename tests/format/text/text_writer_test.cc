#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "floe/format/text/csv_reader.h"
#include "floe/format/text/csv_writer.h"
#include "floe/format/text/jsonl_reader.h"
#include "floe/format/text/jsonl_writer.h"
#include "support/matchers.h"
#include "text_test_util.h"

namespace floe::text {
namespace {

using floe::testing::IsError;
using floe::testing::IsErrorWith;
using floe::testing::IsOk;
using ::testing::HasSubstr;
using namespace floe::text::testing;  // NOLINT

using OptI64 = std::optional<int64_t>;
using OptI32 = std::optional<int32_t>;
using OptStr = std::optional<std::string_view>;

// Three rows over the scalar types and a list: values, nulls with an empty string and NaN, and
// extremes with text that needs quoting.
RecordBatch SampleBatch() {
  Schema schema({Field("b", DataType::Boolean()), Field("i", DataType::Int64()),
                 Field("f", DataType::Float64()), Field("dec", DataType::Decimal128(5, 2)),
                 Field("d", DataType::Date32()), Field("t", DataType::Time64()),
                 Field("ts", DataType::Timestamp()), Field("tsz", DataType::Timestamp("UTC")),
                 Field("s", DataType::String()), Field("bin", DataType::Binary()),
                 Field("lst", DataType::List(Field("element", DataType::Int64())))});
  std::vector<Array> columns;
  columns.push_back(MakeArray(columnar::BooleanBuilder(),
                              std::vector<std::optional<bool>>{true, std::nullopt, false}));
  columns.push_back(
      MakeArray(columnar::Int64Builder(), std::vector<OptI64>{1, std::nullopt, INT64_MIN}));
  columns.push_back(
      MakeArray(columnar::Float64Builder(),
                std::vector<std::optional<double>>{1.5, std::numeric_limits<double>::quiet_NaN(),
                                                   -std::numeric_limits<double>::infinity()}));
  columns.push_back(
      MakeArray(columnar::Decimal128Builder(5, 2),
                std::vector<std::optional<Decimal128>>{Decimal128::FromInt64(1230), std::nullopt,
                                                       Decimal128::FromInt64(-5)}));
  columns.push_back(
      MakeArray(columnar::Date32Builder(), std::vector<OptI32>{19724, std::nullopt, -1}));
  columns.push_back(
      MakeArray(columnar::Time64Builder(), std::vector<OptI64>{11045000006, std::nullopt, 0}));
  columns.push_back(MakeArray(columnar::TimestampBuilder(),
                              std::vector<OptI64>{1704164645000000, std::nullopt, -1}));
  columns.push_back(MakeArray(columnar::TimestampBuilder("UTC"),
                              std::vector<OptI64>{1704164645000000, std::nullopt, 0}));
  columns.push_back(
      MakeArray(columnar::StringBuilder(), std::vector<OptStr>{"a,b", "", "say \"hi\"\n"}));
  columns.push_back(
      MakeArray(columnar::BinaryBuilder(), std::vector<OptStr>{"\x01\xab", std::nullopt, ""}));
  auto list_builder = columnar::MakeBuilder(schema.field(10).type());
  auto& lb = static_cast<columnar::ListBuilder&>(**list_builder);
  auto& items = lb.value_builder_as<columnar::Int64Builder>();
  EXPECT_THAT(lb.Append(), IsOk());
  EXPECT_THAT(items.Append(1), IsOk());
  EXPECT_THAT(items.Append(2), IsOk());
  EXPECT_THAT(lb.AppendNull(), IsOk());
  EXPECT_THAT(lb.Append(), IsOk());
  columns.push_back(*lb.Finish());
  return *RecordBatch::Make(schema, std::move(columns));
}

TEST(TextWriterTest, CsvWritesEveryScalarFormAndQuotesOnlyWhenNeeded) {
  std::ostringstream out;
  CsvWriter writer(&out, SampleBatch().schema());
  ASSERT_THAT(writer.Write(SampleBatch()), IsOk());
  ASSERT_THAT(writer.Close(), IsOk());
  EXPECT_EQ(
      out.str(),
      "b,i,f,dec,d,t,ts,tsz,s,bin,lst\n"
      "true,1,1.5,12.30,2024-01-02,03:04:05.000006,2024-01-02T03:04:05.000000,"
      "2024-01-02T03:04:05.000000Z,\"a,b\",01ab,\"[1,2]\"\n"
      ",,NaN,,,,,,\"\",,\n"
      "false,-9223372036854775808,-Infinity,-0.05,1969-12-31,00:00:00.000000,"
      "1969-12-31T23:59:59.999999,1970-01-01T00:00:00.000000Z,\"say \"\"hi\"\"\n\",\"\",[]\n");
}

TEST(TextWriterTest, CsvWritesTheHeaderEvenWithoutRowsAndHonorsOptions) {
  std::ostringstream out;
  CsvWriteOptions options;
  options.delimiter = ';';
  options.line_end = "\r\n";
  CsvWriter writer(&out, Schema({Field("a;b", DataType::Int32()), Field("c", DataType::String())}),
                   options);
  ASSERT_THAT(writer.Close(), IsOk());
  EXPECT_EQ(out.str(), "\"a;b\";c\r\n");
}

TEST(TextWriterTest, JsonlWritesNumbersStringsForNonFiniteFloatsAndBase64) {
  std::ostringstream out;
  JsonlWriter writer(&out, SampleBatch().schema());
  ASSERT_THAT(writer.Write(SampleBatch()), IsOk());
  ASSERT_THAT(writer.Close(), IsOk());
  EXPECT_EQ(out.str(),
            "{\"b\":true,\"i\":1,\"f\":1.5,\"dec\":12.30,\"d\":\"2024-01-02\","
            "\"t\":\"03:04:05.000006\",\"ts\":\"2024-01-02T03:04:05.000000\","
            "\"tsz\":\"2024-01-02T03:04:05.000000Z\",\"s\":\"a,b\",\"bin\":\"Aas=\","
            "\"lst\":[1,2]}\n"
            "{\"b\":null,\"i\":null,\"f\":\"NaN\",\"dec\":null,\"d\":null,\"t\":null,\"ts\":null,"
            "\"tsz\":null,\"s\":\"\",\"bin\":null,\"lst\":null}\n"
            "{\"b\":false,\"i\":-9223372036854775808,\"f\":\"-Infinity\",\"dec\":-0.05,"
            "\"d\":\"1969-12-31\",\"t\":\"00:00:00.000000\",\"ts\":\"1969-12-31T23:59:59.999999\","
            "\"tsz\":\"1970-01-01T00:00:00.000000Z\",\"s\":\"say \\\"hi\\\"\\n\",\"bin\":\"\","
            "\"lst\":[]}\n");
}

TEST(TextWriterTest, JsonlWritesWideDecimalsAsStringsAndMapsByKeyType) {
  Schema schema({Field("wide", DataType::Decimal128(38, 2)),
                 Field("m", DataType::Map(Field("key", DataType::String(), false),
                                          Field("value", DataType::Int32()))),
                 Field("im", DataType::Map(Field("key", DataType::Int32(), false),
                                           Field("value", DataType::Boolean())))});
  auto wide = MakeArray(columnar::Decimal128Builder(38, 2),
                        std::vector<std::optional<Decimal128>>{Decimal128::FromInt64(-123456)});
  auto m_builder = columnar::MakeBuilder(schema.field(1).type());
  auto& mb = static_cast<columnar::MapBuilder&>(**m_builder);
  ASSERT_THAT(mb.Append(), IsOk());
  ASSERT_THAT(mb.key_builder_as<columnar::StringBuilder>().Append("k\"1"), IsOk());
  ASSERT_THAT(mb.item_builder_as<columnar::Int32Builder>().Append(3), IsOk());
  auto im_builder = columnar::MakeBuilder(schema.field(2).type());
  auto& ib = static_cast<columnar::MapBuilder&>(**im_builder);
  ASSERT_THAT(ib.Append(), IsOk());
  ASSERT_THAT(ib.key_builder_as<columnar::Int32Builder>().Append(7), IsOk());
  ASSERT_THAT(ib.item_builder_as<columnar::BooleanBuilder>().AppendNull(), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch,
                            RecordBatch::Make(schema, {wide, *mb.Finish(), *ib.Finish()}));
  std::ostringstream out;
  JsonlWriter writer(&out, schema);
  ASSERT_THAT(writer.Write(batch), IsOk());
  EXPECT_EQ(out.str(),
            "{\"wide\":\"-1234.56\",\"m\":{\"k\\\"1\":3},\"im\":[{\"key\":7,\"value\":null}]}\n");
}

TEST(TextWriterTest, WritersRejectABatchOfAnotherSchema) {
  std::ostringstream out;
  CsvWriter csv(&out, Schema({Field("x", DataType::Int32())}));
  EXPECT_THAT(csv.Write(SampleBatch()), IsError(ErrorKind::kInvalidArgument));
  JsonlWriter jsonl(&out, Schema({Field("x", DataType::Int32())}));
  EXPECT_THAT(jsonl.Write(SampleBatch()), IsError(ErrorKind::kInvalidArgument));
}

void ExpectSameBatches(const std::vector<RecordBatch>& expected,
                       const std::vector<RecordBatch>& actual) {
  ASSERT_EQ(expected.size(), actual.size());
  for (size_t b = 0; b < expected.size(); ++b) {
    ASSERT_EQ(expected[b].schema(), actual[b].schema());
    for (int c = 0; c < expected[b].num_columns(); ++c) {
      EXPECT_EQ(columnar::DescribeArrayDifference(expected[b].column(c), actual[b].column(c)), "")
          << "batch " << b << " column " << expected[b].schema().field(c).name();
    }
    EXPECT_TRUE(columnar::RecordBatchEquals(expected[b], actual[b]));
  }
}

// Random batches of every type, written to a real file and read back with the same schema.
class TextRoundTripTest : public ::testing::TestWithParam<size_t> {};

TEST_P(TextRoundTripTest, CsvGivesEqualBatches) {
  TempDir dir;
  const Schema schema = AllTypesSchema();
  RandomFiller filler(42, 0.2);
  std::vector<RecordBatch> batches;
  for (int64_t rows : {300, 300, 17}) {
    FLOE_ASSERT_OK_AND_ASSIGN(auto batch, filler.Batch(schema, rows));
    batches.push_back(batch);
  }
  const std::string path = dir.File("all.csv");
  {
    std::ofstream out(path, std::ios::binary);
    CsvWriter writer(&out, schema);
    for (const RecordBatch& batch : batches) ASSERT_THAT(writer.Write(batch), IsOk());
    ASSERT_THAT(writer.Close(), IsOk());
  }
  CsvReadOptions options;
  options.schema = schema;
  options.batch_size = 300;
  options.chunk_size = GetParam();
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, CsvReader::Open(path, options));
  ExpectSameBatches(batches, ReadAll(*reader));
}

TEST_P(TextRoundTripTest, JsonlGivesEqualBatches) {
  TempDir dir;
  const Schema schema = AllTypesSchema();
  RandomFiller filler(7, 0.2);
  std::vector<RecordBatch> batches;
  for (int64_t rows : {300, 300, 17}) {
    FLOE_ASSERT_OK_AND_ASSIGN(auto batch, filler.Batch(schema, rows));
    batches.push_back(batch);
  }
  const std::string path = dir.File("all.jsonl");
  {
    std::ofstream out(path, std::ios::binary);
    JsonlWriter writer(&out, schema);
    for (const RecordBatch& batch : batches) ASSERT_THAT(writer.Write(batch), IsOk());
    ASSERT_THAT(writer.Close(), IsOk());
  }
  JsonlReadOptions options;
  options.schema = schema;
  options.batch_size = 300;
  options.chunk_size = GetParam();
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, JsonlReader::Open(path, options));
  ExpectSameBatches(batches, ReadAll(*reader));
}

INSTANTIATE_TEST_SUITE_P(ChunkSizes, TextRoundTripTest,
                         ::testing::Values(size_t{1} << 20, size_t{61}));

TEST(TextWriterTest, OneColumnCsvKeepsNullsAndEmptyStringsApart) {
  Schema schema({Field("s", DataType::String())});
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto batch,
      RecordBatch::Make(schema, {MakeArray(columnar::StringBuilder(),
                                           std::vector<OptStr>{"a", std::nullopt, "", "b"})}));
  std::ostringstream out;
  CsvWriter writer(&out, schema);
  ASSERT_THAT(writer.Write(batch), IsOk());
  EXPECT_EQ(out.str(), "s\na\n\n\"\"\nb\n");
  CsvReadOptions options;
  options.schema = schema;
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, CsvReader::FromString(out.str(), options));
  ExpectSameBatches({batch}, ReadAll(*reader));
}

TEST(TextWriterTest, InferredSchemaReadsBackWhatWasWritten) {
  // Types inference picks reproduce themselves: int64, float64, boolean, date, timestamps.
  Schema schema({Field("i", DataType::Int64()), Field("f", DataType::Float64()),
                 Field("b", DataType::Boolean()), Field("d", DataType::Date32()),
                 Field("ts", DataType::Timestamp()), Field("tsz", DataType::Timestamp("UTC")),
                 Field("s", DataType::String())});
  RandomFiller filler(3, 0.1);
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, filler.Batch(schema, 200));
  std::ostringstream csv;
  CsvWriter csv_writer(&csv, schema);
  ASSERT_THAT(csv_writer.Write(batch), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(auto csv_reader, CsvReader::FromString(csv.str()));
  ExpectSameBatches({batch}, ReadAll(*csv_reader));

  // JSONL without the string column: random text may look like a date.
  Schema json_schema({schema.field(0), schema.field(1), schema.field(2), schema.field(3),
                      schema.field(4), schema.field(5)});
  std::vector<Array> columns(batch.columns().begin(), batch.columns().end() - 1);
  FLOE_ASSERT_OK_AND_ASSIGN(auto json_batch, RecordBatch::Make(json_schema, columns));
  std::ostringstream jsonl;
  JsonlWriter jsonl_writer(&jsonl, json_schema);
  ASSERT_THAT(jsonl_writer.Write(json_batch), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(auto jsonl_reader, JsonlReader::FromString(jsonl.str()));
  ASSERT_EQ(jsonl_reader->schema().num_fields(), 6);
  // Floats that happen to be whole (like 2.0) print as 2 in JSON; the column stays float64 as
  // long as one value is not whole, which 200 random values guarantee.
  ExpectSameBatches({json_batch}, ReadAll(*jsonl_reader));
}

}  // namespace
}  // namespace floe::text
