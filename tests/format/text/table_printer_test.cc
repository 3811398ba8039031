#include "floe/format/text/table_printer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "support/matchers.h"
#include "text_test_util.h"

namespace floe::text {
namespace {

using floe::testing::IsError;
using floe::testing::IsOk;
using namespace floe::text::testing;  // NOLINT

using OptStr = std::optional<std::string_view>;

RecordBatch PeopleBatch() {
  Schema schema({Field("id", DataType::Int64()), Field("name", DataType::String()),
                 Field("amount", DataType::Decimal128(6, 2)),
                 Field("tags", DataType::List(Field("element", DataType::String())))});
  auto tags_builder = columnar::MakeBuilder(schema.field(3).type());
  auto& lb = static_cast<columnar::ListBuilder&>(**tags_builder);
  EXPECT_THAT(lb.Append(), IsOk());
  EXPECT_THAT(lb.value_builder_as<columnar::StringBuilder>().Append("a"), IsOk());
  EXPECT_THAT(lb.value_builder_as<columnar::StringBuilder>().Append("b"), IsOk());
  EXPECT_THAT(lb.AppendNull(), IsOk());
  return *RecordBatch::Make(
      schema, {MakeArray(columnar::Int64Builder(), std::vector<std::optional<int64_t>>{1, 22}),
               MakeArray(columnar::StringBuilder(), std::vector<OptStr>{"alice", std::nullopt}),
               MakeArray(columnar::Decimal128Builder(6, 2),
                         std::vector<std::optional<Decimal128>>{Decimal128::FromInt64(1250),
                                                                Decimal128::FromInt64(-300)}),
               *lb.Finish()});
}

TEST(TablePrinterTest, AlignsColumnsRightForNumbersAndShowsNulls) {
  TablePrinter printer(PeopleBatch().schema());
  ASSERT_THAT(printer.Add(PeopleBatch()), IsOk());
  std::ostringstream out;
  printer.Print(out);
  EXPECT_EQ(out.str(),
            "id | name  | amount | tags\n"
            "---+-------+--------+----------\n"
            " 1 | alice |  12.50 | [\"a\",\"b\"]\n"
            "22 | null  |  -3.00 | null\n"
            "(2 rows)\n");
}

TEST(TablePrinterTest, CountsRowsOverBatchesWithSingularAndEmptyFooters) {
  TablePrinter printer(PeopleBatch().schema());
  FLOE_ASSERT_OK_AND_ASSIGN(auto first, PeopleBatch().Slice(0, 1));
  ASSERT_THAT(printer.Add(first), IsOk());
  std::ostringstream one;
  printer.Print(one);
  EXPECT_THAT(one.str(), ::testing::EndsWith("\n(1 row)\n"));
  ASSERT_THAT(printer.Add(PeopleBatch()), IsOk());
  EXPECT_EQ(printer.num_rows(), 3);

  FLOE_ASSERT_OK_AND_ASSIGN(auto reader,
                            columnar::VectorBatchReader::Make(PeopleBatch().schema(), {}));
  std::ostringstream none;
  ASSERT_THAT(PrintTable(*reader, none), IsOk());
  EXPECT_EQ(none.str(),
            "id | name | amount | tags\n"
            "---+------+--------+-----\n"
            "(0 rows)\n");
}

TEST(TablePrinterTest, CutsLongCellsWithAnEllipsisAndEscapesLineBreaks) {
  Schema schema({Field("text", DataType::String()), Field("n", DataType::Int32())});
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto batch,
      RecordBatch::Make(
          schema, {MakeArray(columnar::StringBuilder(),
                             std::vector<OptStr>{"abcdefgh", "日本語テキスト", "a\nb\tc", "exact"}),
                   MakeArray(columnar::Int32Builder(),
                             std::vector<std::optional<int32_t>>{1, 2, 3, 123456789})}));
  TablePrintOptions options;
  options.max_column_width = 5;
  options.row_count_footer = false;
  TablePrinter printer(schema, options);
  ASSERT_THAT(printer.Add(batch), IsOk());
  std::ostringstream out;
  printer.Print(out);
  EXPECT_EQ(out.str(),
            "text  |     n\n"
            "------+------\n"
            "abcd… |     1\n"
            "日本語テ… |     2\n"
            "a\\nb… |     3\n"
            "exact | 1234…\n");
}

TEST(TablePrinterTest, PrintsEveryTypeInItsTextForm) {
  Schema schema = AllTypesSchema();
  RandomFiller filler(1, 0.3);
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, filler.Batch(schema, 20));
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, columnar::VectorBatchReader::Make(schema, {batch}));
  std::ostringstream out;
  ASSERT_THAT(PrintTable(*reader, out), IsOk());
  // Header, separator, 20 rows and the footer, one line each.
  std::string text = out.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 23);
  EXPECT_THAT(text, ::testing::EndsWith("(20 rows)\n"));
}

TEST(TablePrinterTest, RejectsABatchOfAnotherSchema) {
  TablePrinter printer(Schema({Field("x", DataType::Int32())}));
  EXPECT_THAT(printer.Add(PeopleBatch()), IsError(ErrorKind::kInvalidArgument));
}

}  // namespace
}  // namespace floe::text
