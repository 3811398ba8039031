#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "floe/format/text/csv_reader.h"
#include "support/matchers.h"
#include "text_test_util.h"

namespace floe::text {
namespace {

using floe::testing::IsError;
using floe::testing::IsErrorWith;
using floe::testing::IsOk;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using namespace floe::text::testing;  // NOLINT

// The only batch of `text` read as CSV (with the given options).
Result<RecordBatch> ReadOne(std::string text, CsvReadOptions options = {}) {
  FLOE_ASSIGN_OR_RETURN(auto reader,
                        CsvReader::FromString(std::move(text), std::move(options), "data.csv"));
  FLOE_ASSIGN_OR_RETURN(auto batch, reader->Next());
  if (!batch) return InvalidArgument("no batch");
  FLOE_ASSIGN_OR_RETURN(auto end, reader->Next());
  if (end) return InvalidArgument("more than one batch");
  return *batch;
}

// The error a whole read of `text` ends with.
Status ReadError(std::string text, CsvReadOptions options = {}) {
  FLOE_ASSIGN_OR_RETURN(auto reader,
                        CsvReader::FromString(std::move(text), std::move(options), "data.csv"));
  FLOE_RETURN_IF_ERROR(reader->ReadAll());
  return OkStatus();
}

std::string Str(const RecordBatch& batch, int column, int64_t row) {
  return std::string(batch.column(column).GetView(row));
}

TEST(CsvReaderTest, SplitsQuotedFieldsWithEscapesCommasAndNewlines) {
  const std::string text =
      "a,b\r\n"
      "\"x,1\",\"he said \"\"hi\"\"\"\r\n"
      "\"line1\nline2\",plain\r\n"
      "\"\",\"crlf\r\ninside\"\r\n";
  // Every chunk size, so that records and quotes straddle chunk ends in every way.
  for (size_t chunk : {size_t{1}, size_t{2}, size_t{3}, size_t{7}, size_t{1} << 20}) {
    CsvReadOptions options;
    options.chunk_size = chunk;
    FLOE_ASSERT_OK_AND_ASSIGN(auto batch, ReadOne(text, options));
    ASSERT_EQ(batch.num_rows(), 3) << chunk;
    EXPECT_EQ(batch.schema().field(0).type(), DataType::String());
    EXPECT_EQ(Str(batch, 0, 0), "x,1");
    EXPECT_EQ(Str(batch, 1, 0), "he said \"hi\"");
    EXPECT_EQ(Str(batch, 0, 1), "line1\nline2");
    EXPECT_EQ(Str(batch, 1, 1), "plain");
    EXPECT_TRUE(batch.column(0).IsValid(2));
    EXPECT_EQ(Str(batch, 0, 2), "");
    EXPECT_EQ(Str(batch, 1, 2), "crlf\r\ninside");
  }
}

TEST(CsvReaderTest, SkipsUtf8BomAndAcceptsLfCrlfAndNoFinalNewline) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, ReadOne("\xEF\xBB\xBFid,name\n1,a\r\n2,b"));
  EXPECT_EQ(batch.schema().field(0).name(), "id");
  ASSERT_EQ(batch.num_rows(), 2);
  EXPECT_EQ(batch.column(0).values<int64_t>()[1], 2);
  EXPECT_EQ(Str(batch, 1, 1), "b");
}

TEST(CsvReaderTest, EmptyUnquotedIsNullAndEmptyQuotedIsEmptyString) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, ReadOne("s,n\n,\n\"\",\"\"\nx,1\n"));
  ASSERT_EQ(batch.num_rows(), 3);
  EXPECT_TRUE(batch.column(0).IsNull(0));
  EXPECT_TRUE(batch.column(0).IsValid(1));
  EXPECT_EQ(Str(batch, 0, 1), "");
  // Not a string column: "" is a null too.
  EXPECT_EQ(batch.schema().field(1).type(), DataType::Int64());
  EXPECT_TRUE(batch.column(1).IsNull(0));
  EXPECT_TRUE(batch.column(1).IsNull(1));
}

TEST(CsvReaderTest, SkipsBlankLinesButReadsThemAsNullsInAOneColumnFile) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto two, ReadOne("a,b\n\n1,2\n\n3,4\n\n"));
  EXPECT_EQ(two.num_rows(), 2);
  FLOE_ASSERT_OK_AND_ASSIGN(auto one, ReadOne("a\n1\n\n3\n"));
  ASSERT_EQ(one.num_rows(), 3);
  EXPECT_TRUE(one.column(0).IsNull(1));
}

TEST(CsvReaderTest, HeaderOnlyFileHasStringColumnsAndNoBatches) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, CsvReader::FromString("a,b\r\n"));
  EXPECT_EQ(reader->schema(),
            Schema({Field("a", DataType::String()), Field("b", DataType::String())}));
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, reader->Next());
  EXPECT_FALSE(batch.has_value());
}

TEST(CsvReaderTest, ReadsOtherDelimiters) {
  CsvReadOptions options;
  options.delimiter = '\t';
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, ReadOne("a\tb\n1,5\t\"x\ty\"\n", options));
  EXPECT_EQ(Str(batch, 0, 0), "1,5");
  EXPECT_EQ(Str(batch, 1, 0), "x\ty");
}

TEST(CsvReaderTest, InfersNarrowestTypeOfEachColumn) {
  const std::string text =
      "i,f,b,d,ts,tsz,s,mixed_ts,empty,big,ts_date\n"
      "1,1,true,2024-01-02,2024-01-02T03:04:05,2024-01-02T03:04:05Z,x,2024-01-02T00:00:00,,"
      "99999999999999999999,2024-01-02\n"
      "-7,2.5,FALSE,1999-12-31,2024-01-02 03:04:05.123456,2024-01-02 05:04:05+02:00,7,"
      "2024-01-02T00:00:00Z,,1,2024-01-02T10:00:00\n"
      ",,,,,,,,,,\n";
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, ReadOne(text));
  const Schema& s = batch.schema();
  EXPECT_EQ(s.field(0).type(), DataType::Int64());
  EXPECT_EQ(s.field(1).type(), DataType::Float64());
  EXPECT_EQ(s.field(2).type(), DataType::Boolean());
  EXPECT_EQ(s.field(3).type(), DataType::Date32());
  EXPECT_EQ(s.field(4).type(), DataType::Timestamp(""));
  EXPECT_EQ(s.field(5).type(), DataType::Timestamp("UTC"));
  EXPECT_EQ(s.field(6).type(), DataType::String());
  EXPECT_EQ(s.field(7).type(), DataType::String());        // offsets on some values only
  EXPECT_EQ(s.field(8).type(), DataType::String());        // only nulls
  EXPECT_EQ(s.field(9).type(), DataType::Float64());       // past int64
  EXPECT_EQ(s.field(10).type(), DataType::Timestamp(""));  // dates with timestamps
  for (const Field& f : s.fields()) EXPECT_TRUE(f.nullable());

  ASSERT_EQ(batch.num_rows(), 3);
  EXPECT_EQ(batch.column(0).values<int64_t>()[1], -7);
  EXPECT_EQ(batch.column(1).values<double>()[1], 2.5);
  EXPECT_FALSE(batch.column(2).GetBool(1));
  EXPECT_EQ(batch.column(3).values<int32_t>()[0], 19724);  // 2024-01-02
  EXPECT_EQ(batch.column(4).values<int64_t>()[0], 1704164645000000);
  EXPECT_EQ(batch.column(4).values<int64_t>()[1], 1704164645123456);
  // 05:04:05+02:00 is 03:04:05 UTC.
  EXPECT_EQ(batch.column(5).values<int64_t>()[1], 1704164645000000);
  EXPECT_EQ(batch.column(10).values<int64_t>()[0], 1704153600000000);
  for (int c = 0; c < batch.num_columns(); ++c) EXPECT_TRUE(batch.column(c).IsNull(2)) << c;
}

TEST(CsvReaderTest, InfersFromTheFirstRowsOnlyUnlessToldToReadAll) {
  const std::string text = "n\n1\n2\nabc\n";
  CsvReadOptions head;
  head.inference_rows = 2;
  EXPECT_THAT(ReadError(text, head),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          "data.csv line 4, column \"n\": \"abc\" is not an int64"));
  CsvReadOptions all;
  all.inference_rows = 0;
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, ReadOne(text, all));
  EXPECT_EQ(batch.schema().field(0).type(), DataType::String());
}

TEST(CsvReaderTest, ConvertsEveryScalarTypeOfAGivenSchema) {
  Schema schema({Field("b", DataType::Boolean()), Field("i32", DataType::Int32()),
                 Field("i64", DataType::Int64()), Field("f32", DataType::Float32()),
                 Field("f64", DataType::Float64()), Field("dec", DataType::Decimal128(6, 2)),
                 Field("date", DataType::Date32()), Field("time", DataType::Time64()),
                 Field("ts", DataType::Timestamp()), Field("tsz", DataType::Timestamp("UTC")),
                 Field("s", DataType::String()), Field("bin", DataType::Binary()),
                 Field("fx", DataType::FixedSizeBinary(2))});
  CsvReadOptions options;
  options.schema = schema;
  const std::string text =
      "b,i32,i64,f32,f64,dec,date,time,ts,tsz,s,bin,fx\n"
      "true,-2147483648,9223372036854775807,1.5,NaN,12.3,1970-01-01,00:00:01.5,"
      "1970-01-01T00:00:00.000001,1970-01-01T01:00:00+01:00,hi,00ff,abcd\n"
      "False,+7,-1,-Infinity,1e300,-0.05,1969-12-31,23:59:59.999999,1969-12-31 23:59:59,"
      "1970-01-01T00:00:00.1234567Z,,,\n";
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, ReadOne(text, options));
  EXPECT_EQ(batch.schema(), schema);
  ASSERT_EQ(batch.num_rows(), 2);
  EXPECT_TRUE(batch.column(0).GetBool(0));
  EXPECT_FALSE(batch.column(0).GetBool(1));
  EXPECT_EQ(batch.column(1).values<int32_t>()[0], INT32_MIN);
  EXPECT_EQ(batch.column(1).values<int32_t>()[1], 7);
  EXPECT_EQ(batch.column(2).values<int64_t>()[0], INT64_MAX);
  EXPECT_EQ(batch.column(3).values<float>()[0], 1.5f);
  EXPECT_TRUE(std::isinf(batch.column(3).values<float>()[1]));
  EXPECT_TRUE(std::isnan(batch.column(4).values<double>()[0]));
  EXPECT_EQ(batch.column(4).values<double>()[1], 1e300);
  EXPECT_EQ(batch.column(5).values<Decimal128>()[0], Decimal128::FromInt64(1230));
  EXPECT_EQ(batch.column(5).values<Decimal128>()[1], Decimal128::FromInt64(-5));
  EXPECT_EQ(batch.column(6).values<int32_t>()[1], -1);
  EXPECT_EQ(batch.column(7).values<int64_t>()[0], 1500000);
  EXPECT_EQ(batch.column(7).values<int64_t>()[1], 86399999999);
  EXPECT_EQ(batch.column(8).values<int64_t>()[0], 1);
  EXPECT_EQ(batch.column(8).values<int64_t>()[1], -1000000);
  EXPECT_EQ(batch.column(9).values<int64_t>()[0], 0);
  EXPECT_EQ(batch.column(9).values<int64_t>()[1], 123456);  // truncated to microseconds
  EXPECT_EQ(Str(batch, 10, 0), "hi");
  EXPECT_TRUE(batch.column(10).IsNull(1));
  EXPECT_EQ(batch.column(11).GetView(0), std::string_view("\x00\xff", 2));
  EXPECT_EQ(batch.column(12).GetView(0), "\xab\xcd");
  EXPECT_TRUE(batch.column(12).IsNull(1));
}

TEST(CsvReaderTest, ReadsNestedColumnsAsJsonText) {
  Schema schema({Field("st", DataType::Struct({Field("a", DataType::Int32())})),
                 Field("l", DataType::List(Field("element", DataType::String())))});
  CsvReadOptions options;
  options.schema = schema;
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch,
                            ReadOne("st,l\n\"{\"\"a\"\":5}\",\"[\"\"x\"\",null]\"\n", options));
  EXPECT_EQ(batch.column(0).field(0).values<int32_t>()[0], 5);
  EXPECT_EQ(batch.column(1).list_values().GetView(0), "x");
  EXPECT_TRUE(batch.column(1).list_values().IsNull(1));
}

TEST(CsvReaderTest, MatchesColumnsByNameAndReadsMissingNullableColumnsAsNull) {
  Schema schema({Field("id", DataType::Int64(), false), Field("name", DataType::String()),
                 Field("note", DataType::String())});
  CsvReadOptions options;
  options.schema = schema;
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, ReadOne("name,id\nann,1\nbob,2\n", options));
  EXPECT_EQ(batch.schema(), schema);
  EXPECT_EQ(batch.column(0).values<int64_t>()[1], 2);
  EXPECT_EQ(Str(batch, 1, 0), "ann");
  EXPECT_EQ(batch.column(2).null_count(), 2);
}

TEST(CsvReaderTest, HeaderThatDoesNotFitTheSchemaIsAnErrorNamingTheColumn) {
  Schema schema({Field("id", DataType::Int64(), false), Field("name", DataType::String())});
  CsvReadOptions options;
  options.schema = schema;
  EXPECT_THAT(ReadError("id,name,extra\n1,a,b\n", options),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          "data.csv line 1: column \"extra\" is not in the table schema"));
  EXPECT_THAT(ReadError("name\na\n", options),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          "data.csv: required column \"id\" is missing from the header"));
  EXPECT_THAT(ReadError("id,id\n1,2\n", options),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("duplicate column \"id\"")));
  EXPECT_THAT(ReadError("", options),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("no header row")));
}

TEST(CsvReaderTest, BadValuesAreOneLineErrorsNamingFileLineColumnAndValue) {
  Schema schema({Field("id", DataType::Int32(), false), Field("amount", DataType::Float64()),
                 Field("price", DataType::Decimal128(5, 2)), Field("day", DataType::Date32()),
                 Field("at", DataType::Timestamp()), Field("ok", DataType::Boolean()),
                 Field("raw", DataType::Binary()), Field("fx", DataType::FixedSizeBinary(2)),
                 Field("tags", DataType::List(Field("element", DataType::Int64()))),
                 Field("t", DataType::Time64())});
  CsvReadOptions options;
  options.schema = schema;
  const std::string header = "id,amount,price,day,at,ok,raw,fx,tags,t\n";
  const std::string good = "1,2.5,1.00,2024-01-01,2024-01-01T00:00:00,true,00,0000,[1],10:00\n";
  // A first row with a quoted line break, so the bad row starts on line 4.
  const std::string first = "2,3,1,2024-01-01,2024-01-01 00:00,false,,,\"[\n]\",00:00\n";
  struct Case {
    std::string row;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"1,abc,1,,,,,,,", "data.csv line 4, column \"amount\": \"abc\" is not a double"},
      {"x,1,1,,,,,,,", "data.csv line 4, column \"id\": \"x\" is not an int32"},
      {"3000000000,1,1,,,,,,,",
       "data.csv line 4, column \"id\": \"3000000000\" is out of range "
       "for int32"},
      {",1,1,,,,,,,", "data.csv line 4, column \"id\": empty value in a required column"},
      {"1,1,1.234,,,,,,,",
       "data.csv line 4, column \"price\": \"1.234\" has more than 2 decimal "
       "places for decimal128(5, 2)"},
      {"1,1,1234,,,,,,,",
       "data.csv line 4, column \"price\": \"1234\" is out of range for "
       "decimal128(5, 2)"},
      {"1,1,1,2024-02-30,,,,,,",
       "data.csv line 4, column \"day\": \"2024-02-30\" is not a date "
       "(YYYY-MM-DD)"},
      {"1,1,1,,2024-01-01T00:00:00Z,,,,,",
       "data.csv line 4, column \"at\": \"2024-01-01T00:00:00Z\" has a time zone offset but the "
       "column is a timestamp without time zone"},
      {"1,1,1,,,yes,,,,",
       "data.csv line 4, column \"ok\": \"yes\" is not a boolean (true or "
       "false)"},
      {"1,1,1,,,,0g,,,", "data.csv line 4, column \"raw\": \"0g\" is not hex"},
      {"1,1,1,,,,,00,,",
       "data.csv line 4, column \"fx\": \"00\" has 1 byte, not the 2 of "
       "fixed_size_binary[2]"},
      {"1,1,1,,,,,,[1,,", "data.csv line 4: expected 10 fields, found 11"},
      {"1,1,1,,,,,,\"[1,\"\"a\"\"]\",",
       "data.csv line 4, column \"tags[1]\": \"a\" is not an "
       "int64"},
      {"1,1,1,,,,,,\"[1,\",",
       "data.csv line 4, column \"tags\": \"[1,\" is not valid JSON for "
       "list<element: int64>"},
      {"1,1,1,,,,,,,25:00",
       "data.csv line 4, column \"t\": \"25:00\" is not a time "
       "(HH:MM:SS[.ffffff])"},
      {"1,1,1,,,,,,,\"x\"y", "data.csv line 4: unexpected character 'y' after a closing quote"},
      {"1,1,1,,,,,,,\"open\n\n", "data.csv line 4: unterminated quoted field"},
  };
  for (const Case& c : cases) {
    EXPECT_THAT(ReadError(header + first + c.row + "\n" + good, options),
                IsErrorWith(ErrorKind::kInvalidArgument, c.message))
        << c.row;
  }
  // Sanity: the rows around the bad ones are good.
  EXPECT_THAT(ReadError(header + first + good, options), IsOk());
}

TEST(CsvReaderTest, ErrorValuesStayOnOneLine) {
  Status status = ReadError("n\n1\n\"a\nb\"\n");
  // Inferred as string: no error. With a schema the value is escaped.
  EXPECT_THAT(status, IsOk());
  CsvReadOptions options;
  options.schema = Schema({Field("n", DataType::Int64())});
  status = ReadError("n\n1\n\"a\nb\"\n", options);
  ASSERT_THAT(status, IsError(ErrorKind::kInvalidArgument));
  EXPECT_EQ(status.error().message(), "data.csv line 3, column \"n\": \"a\\nb\" is not an int64");
}

TEST(CsvReaderTest, MissingFileIsAnIoErrorNamingIt) {
  EXPECT_THAT(CsvReader::Open("/nonexistent/floe/data.csv"),
              IsErrorWith(ErrorKind::kIo, HasSubstr("/nonexistent/floe/data.csv")));
}

TEST(CsvReaderTest, StreamsAFileLargerThanOneBatchInSmallChunks) {
  TempDir dir;
  std::string text = "id,label,score\n";
  const int64_t rows = 25'003;
  for (int64_t i = 0; i < rows; ++i) {
    // Every third label is quoted with a line break inside, so records cross chunk ends.
    text += std::to_string(i) + "," + (i % 3 == 0 ? "\"l\n" + std::to_string(i) + "\"" : "x") +
            "," + std::to_string(i) + ".5\n";
  }
  const std::string path = dir.Write("big.csv", text);
  CsvReadOptions options;
  options.batch_size = 1000;
  options.chunk_size = 4096;
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, CsvReader::Open(path, options));
  EXPECT_EQ(reader->schema().field(0).type(), DataType::Int64());
  EXPECT_EQ(reader->schema().field(2).type(), DataType::Float64());
  int64_t seen = 0;
  int batches = 0;
  while (true) {
    FLOE_ASSERT_OK_AND_ASSIGN(auto batch, reader->Next());
    if (!batch) break;
    ++batches;
    EXPECT_LE(batch->num_rows(), 1000);
    for (int64_t r = 0; r < batch->num_rows(); ++r, ++seen) {
      ASSERT_EQ(batch->column(0).values<int64_t>()[static_cast<size_t>(r)], seen);
      if (seen % 3 == 0) {
        ASSERT_EQ(batch->column(1).GetView(r), "l\n" + std::to_string(seen));
      }
    }
  }
  EXPECT_EQ(seen, rows);
  EXPECT_EQ(batches, 26);
}

TEST(CsvReaderTest, ErrorInALaterBatchNamesItsLine) {
  TempDir dir;
  std::string text = "n\n";
  for (int i = 0; i < 50; ++i) text += std::to_string(i) + "\n";
  text += "oops\n";
  const std::string path = dir.Write("late.csv", text);
  CsvReadOptions options;
  options.batch_size = 10;
  options.inference_rows = 5;
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, CsvReader::Open(path, options));
  auto all = reader->ReadAll();
  EXPECT_THAT(all, IsErrorWith(ErrorKind::kInvalidArgument,
                               path + " line 52, column \"n\": \"oops\" is not an int64"));
  // The stream has ended.
  EXPECT_THAT(reader->Next(), IsOk());
}

}  // namespace
}  // namespace floe::text
