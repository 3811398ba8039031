#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "floe/format/text/jsonl_reader.h"
#include "support/matchers.h"
#include "text_test_util.h"

namespace floe::text {
namespace {

using floe::testing::IsError;
using floe::testing::IsErrorWith;
using floe::testing::IsOk;
using ::testing::HasSubstr;
using namespace floe::text::testing;  // NOLINT

Result<RecordBatch> ReadOne(std::string text, JsonlReadOptions options = {}) {
  FLOE_ASSIGN_OR_RETURN(
      auto reader, JsonlReader::FromString(std::move(text), std::move(options), "events.jsonl"));
  FLOE_ASSIGN_OR_RETURN(auto batch, reader->Next());
  if (!batch) return InvalidArgument("no batch");
  FLOE_ASSIGN_OR_RETURN(auto end, reader->Next());
  if (end) return InvalidArgument("more than one batch");
  return *batch;
}

Status ReadError(std::string text, JsonlReadOptions options = {}) {
  FLOE_ASSIGN_OR_RETURN(
      auto reader, JsonlReader::FromString(std::move(text), std::move(options), "events.jsonl"));
  FLOE_RETURN_IF_ERROR(reader->ReadAll());
  return OkStatus();
}

TEST(JsonlReaderTest, InfersScalarNestedAndMixedColumns) {
  const std::string text =
      "{\"i\": 1, \"f\": 1, \"b\": true, \"s\": \"x\", \"ts\": \"2024-01-02T03:04:05Z\", "
      "\"d\": \"2024-01-02\", \"user\": {\"id\": 7, \"name\": \"ann\"}, \"tags\": [\"a\"], "
      "\"n\": null, \"mixed\": 1, \"local\": \"2024-01-02 03:04:05\"}\n"
      "\n"
      "{\"i\": -2, \"f\": 2.5, \"b\": false, \"s\": \"2024-01-02\", \"ts\": null, "
      "\"user\": {\"id\": 8, \"email\": \"b@x\"}, \"tags\": [], \"mixed\": \"one\", "
      "\"late\": [1, 2.5]}\r\n";
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, ReadOne(text));
  const Schema& s = batch.schema();
  ASSERT_EQ(s.num_fields(), 12);
  EXPECT_EQ(s.field(0).type(), DataType::Int64());
  EXPECT_EQ(s.field(1).type(), DataType::Float64());
  EXPECT_EQ(s.field(2).type(), DataType::Boolean());
  EXPECT_EQ(s.field(3).type(), DataType::String());
  EXPECT_EQ(s.field(4).type(), DataType::Timestamp("UTC"));
  EXPECT_EQ(s.field(5).type(), DataType::Date32());
  EXPECT_EQ(s.field(6).name(), "user");
  EXPECT_EQ(s.field(6).type(),
            DataType::Struct({Field("id", DataType::Int64()), Field("name", DataType::String()),
                              Field("email", DataType::String())}));
  EXPECT_EQ(s.field(7).type(), DataType::List(Field("element", DataType::String())));
  EXPECT_EQ(s.field(8).type(), DataType::String());  // only null
  EXPECT_EQ(s.field(9).type(), DataType::String());  // number and string
  EXPECT_EQ(s.field(10).type(), DataType::Timestamp(""));
  EXPECT_EQ(s.field(11).name(), "late");
  EXPECT_EQ(s.field(11).type(), DataType::List(Field("element", DataType::Float64())));

  ASSERT_EQ(batch.num_rows(), 2);
  EXPECT_EQ(batch.column(0).values<int64_t>()[1], -2);
  EXPECT_EQ(batch.column(1).values<double>()[0], 1.0);
  EXPECT_EQ(batch.column(4).values<int64_t>()[0], 1704164645000000);
  EXPECT_TRUE(batch.column(4).IsNull(1));
  EXPECT_TRUE(batch.column(5).IsNull(1));  // missing key
  EXPECT_EQ(batch.column(6).field(0).values<int64_t>()[1], 8);
  EXPECT_TRUE(batch.column(6).field(1).IsNull(1));
  EXPECT_EQ(batch.column(6).field(2).GetView(1), "b@x");
  EXPECT_EQ(batch.column(7).offsets()[2], 1);
  EXPECT_EQ(batch.column(9).GetView(0), "1");  // a number's JSON text
  EXPECT_EQ(batch.column(9).GetView(1), "one");
  EXPECT_TRUE(batch.column(11).IsNull(0));
}

TEST(JsonlReaderTest, InfersNonFiniteFloatStringsWithNumbersAsFloat64) {
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto batch, ReadOne("{\"x\": 1, \"y\": \"NaN\"}\n{\"x\": \"-Infinity\", \"y\": \"n\"}\n"));
  EXPECT_EQ(batch.schema().field(0).type(), DataType::Float64());
  EXPECT_EQ(batch.schema().field(1).type(), DataType::String());
  EXPECT_EQ(batch.column(0).values<double>()[0], 1.0);
  EXPECT_EQ(batch.column(0).values<double>()[1], -std::numeric_limits<double>::infinity());
  EXPECT_EQ(batch.column(1).GetView(0), "NaN");
}

TEST(JsonlReaderTest, InfersFromTheFirstLinesOnlyUnlessToldToReadAll) {
  const std::string text = "{\"n\": 1}\n{\"n\": 2}\n{\"n\": \"x\"}\n";
  JsonlReadOptions head;
  head.inference_rows = 2;
  EXPECT_THAT(ReadError(text, head),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          "events.jsonl line 3, column \"n\": \"x\" is not an int64"));
  JsonlReadOptions all;
  all.inference_rows = 0;
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, ReadOne(text, all));
  EXPECT_EQ(batch.schema().field(0).type(), DataType::String());
  EXPECT_EQ(batch.column(0).GetView(0), "1");
}

TEST(JsonlReaderTest, ConvertsEveryTypeOfAGivenSchema) {
  JsonlReadOptions options;
  options.schema = AllTypesSchema();
  const std::string text =
      "\xEF\xBB\xBF{\"b\": true, \"i32\": -5, \"i64\": 9223372036854775807, \"f32\": \"NaN\", "
      "\"f64\": \"-Infinity\", \"dec9\": 12.3, \"dec38\": "
      "\"-1234567890123456789012345678.0123456789\", "
      "\"date\": \"2024-02-29\", \"time\": \"12:00:00.000001\", \"ts\": \"2024-01-01T00:00:00\", "
      "\"tstz\": \"2024-01-01T02:00:00+02:00\", \"str\": \"h\\u00e9\\n\", \"bin\": \"AP8=\", "
      "\"fixed\": \"AAECAw==\", \"st\": {\"a\": null, \"s\": \"q\"}, \"lst\": [1, null, 3], "
      "\"mp\": {\"k\": 1.5, \"j\": null}, \"imap\": [{\"key\": 4, \"value\": \"1970-01-02\"}], "
      "\"deep\": [{\"x\": [\"AA==\"]}, null], \"req\": 0, \"req_str\": \"\"}\n";
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, ReadOne(text, options));
  ASSERT_EQ(batch.num_rows(), 1);
  EXPECT_TRUE(batch.column(0).GetBool(0));
  EXPECT_EQ(batch.column(1).values<int32_t>()[0], -5);
  EXPECT_EQ(batch.column(2).values<int64_t>()[0], INT64_MAX);
  EXPECT_TRUE(std::isnan(batch.column(3).values<float>()[0]));
  EXPECT_EQ(batch.column(4).values<double>()[0], -std::numeric_limits<double>::infinity());
  EXPECT_EQ(batch.column(5).values<Decimal128>()[0], Decimal128::FromInt64(1230));
  __int128 big = 0;
  for (char c : std::string("12345678901234567890123456780123456789")) big = big * 10 + (c - '0');
  EXPECT_EQ(batch.column(6).values<Decimal128>()[0], Decimal128::FromInt128(-big));
  EXPECT_EQ(batch.column(7).values<int32_t>()[0], 19782);
  EXPECT_EQ(batch.column(8).values<int64_t>()[0], 43200000001);
  EXPECT_EQ(batch.column(9).values<int64_t>()[0], 1704067200000000);
  EXPECT_EQ(batch.column(10).values<int64_t>()[0], 1704067200000000);
  EXPECT_EQ(batch.column(11).GetView(0), "h\xC3\xA9\n");
  EXPECT_EQ(batch.column(12).GetView(0), std::string_view("\x00\xff", 2));
  EXPECT_EQ(batch.column(13).GetView(0), std::string_view("\x00\x01\x02\x03", 4));
  EXPECT_TRUE(batch.column(14).field(0).IsNull(0));
  EXPECT_EQ(batch.column(14).field(1).GetView(0), "q");
  EXPECT_EQ(batch.column(15).list_values().length(), 3);
  EXPECT_TRUE(batch.column(15).list_values().IsNull(1));
  EXPECT_EQ(batch.column(16).map_keys().GetView(0), "k");
  EXPECT_EQ(batch.column(16).map_keys().GetView(1), "j");  // file order kept
  EXPECT_TRUE(batch.column(16).map_items().IsNull(1));
  EXPECT_EQ(batch.column(17).map_keys().values<int32_t>()[0], 4);
  EXPECT_EQ(batch.column(17).map_items().values<int32_t>()[0], 1);
  EXPECT_EQ(batch.column(18).list_values().length(), 2);
  EXPECT_EQ(batch.column(20).GetView(0), "");
}

TEST(JsonlReaderTest, ErrorsNameFileLineAndColumnPath) {
  Schema schema({Field("id", DataType::Int64(), false),
                 Field("user", DataType::Struct({Field("id", DataType::Int32()),
                                                 Field("name", DataType::String(), false)})),
                 Field("tags", DataType::List(Field("element", DataType::Int64()))),
                 Field("score", DataType::Float64()), Field("day", DataType::Date32()),
                 Field("attrs", DataType::Map(Field("key", DataType::String(), false),
                                              Field("value", DataType::Int32())))});
  JsonlReadOptions options;
  options.schema = schema;
  // Line 1 is good, line 2 is blank (skipped but counted), the bad one is line 3.
  const std::string before = "{\"id\": 1}\n\n";
  struct Case {
    std::string line;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"{\"id\": \"x\"}", "events.jsonl line 3, column \"id\": \"x\" is not an int64"},
      {"{\"id\": 1.5}", "events.jsonl line 3, column \"id\": 1.5 is not an int64"},
      {"{\"id\": 18446744073709551615}",
       "events.jsonl line 3, column \"id\": 18446744073709551615 is out of range for int64"},
      {"{\"id\": null}", "events.jsonl line 3, column \"id\": null in a required column"},
      {"{\"score\": 1}", "events.jsonl line 3, column \"id\": null in a required column"},
      {"{\"id\": 1, \"extra\": 2}",
       "events.jsonl line 3, column \"extra\": not in the table schema"},
      {"{\"id\": 1, \"user\": {\"id\": 1, \"name\": \"a\", \"zip\": 1}}",
       "events.jsonl line 3, column \"user.zip\": unknown key"},
      {"{\"id\": 1, \"user\": {\"id\": \"7\", \"name\": \"a\"}}",
       "events.jsonl line 3, column \"user.id\": \"7\" is not an int32"},
      {"{\"id\": 1, \"user\": {\"id\": 7}}",
       "events.jsonl line 3, column \"user.name\": null in a required column"},
      {"{\"id\": 1, \"user\": 5}", "events.jsonl line 3, column \"user\": 5 is not an object"},
      {"{\"id\": 1, \"tags\": [1, true]}",
       "events.jsonl line 3, column \"tags[1]\": true is not an int64"},
      {"{\"id\": 1, \"tags\": {}}", "events.jsonl line 3, column \"tags\": {} is not an array"},
      {"{\"id\": 1, \"score\": \"high\"}",
       "events.jsonl line 3, column \"score\": \"high\" is not a double"},
      {"{\"id\": 1, \"day\": 20240101}",
       "events.jsonl line 3, column \"day\": 20240101 is not a date (YYYY-MM-DD)"},
      {"{\"id\": 1, \"attrs\": {\"k\": \"v\"}}",
       "events.jsonl line 3, column \"attrs[\"k\"]\": \"v\" is not an int32"},
      {"[1, 2]", "events.jsonl line 3: not a JSON object: \"[1, 2]\""},
      {"{\"id\": 1,", "events.jsonl line 3: invalid JSON at byte 10: \"{\\\"id\\\": 1,\""},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(ReadError(before + c.line + "\n{\"id\": 2}\n", options),
                IsErrorWith(ErrorKind::kInvalidArgument, c.message))
        << c.line;
  }
  EXPECT_THAT(ReadError(before + "{\"id\": 2}\n", options), IsOk());
}

TEST(JsonlReaderTest, BadLineDuringInferenceIsAnError) {
  EXPECT_THAT(JsonlReader::FromString("{\"a\": 1}\nnot json\n", {}, "x.jsonl"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("x.jsonl line 2: invalid JSON")));
}

TEST(JsonlReaderTest, EmptyInputHasNoColumnsAndNoBatches) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, JsonlReader::FromString("\n\n"));
  EXPECT_EQ(reader->schema().num_fields(), 0);
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, reader->Next());
  EXPECT_FALSE(batch.has_value());
}

TEST(JsonlReaderTest, StreamsAFileLargerThanOneBatchInSmallChunks) {
  TempDir dir;
  std::string text;
  const int64_t rows = 10'007;
  for (int64_t i = 0; i < rows; ++i)
    text += "{\"id\": " + std::to_string(i) + ", \"tags\": [\"t" + std::to_string(i % 5) +
            "\"], \"at\": \"2024-01-01T00:00:00Z\"}\n";
  const std::string path = dir.Write("big.jsonl", text);
  JsonlReadOptions options;
  options.batch_size = 1000;
  options.chunk_size = 1000;
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, JsonlReader::Open(path, options));
  EXPECT_EQ(reader->schema().field(2).type(), DataType::Timestamp("UTC"));
  int64_t seen = 0;
  int batches = 0;
  while (true) {
    FLOE_ASSERT_OK_AND_ASSIGN(auto batch, reader->Next());
    if (!batch) break;
    ++batches;
    for (int64_t r = 0; r < batch->num_rows(); ++r, ++seen)
      ASSERT_EQ(batch->column(0).values<int64_t>()[static_cast<size_t>(r)], seen);
  }
  EXPECT_EQ(seen, rows);
  EXPECT_EQ(batches, 11);
}

TEST(JsonlReaderTest, MissingFileIsAnIoErrorNamingIt) {
  EXPECT_THAT(JsonlReader::Open("/nonexistent/floe/x.jsonl"),
              IsErrorWith(ErrorKind::kIo, HasSubstr("/nonexistent/floe/x.jsonl")));
}

}  // namespace
}  // namespace floe::text
