#include "floe/columnar/record_batch.h"

#include <gtest/gtest.h>

#include "columnar/columnar_test_util.h"
#include "floe/columnar/batch_reader.h"
#include "floe/columnar/compare.h"

namespace floe::columnar {
namespace {

using testing::Int32s;
using testing::IsError;
using testing::IsOk;
using testing::Strings;

Schema TwoColumns() {
  return Schema(
      {Field("id", DataType::Int32(), false, 1), Field("name", DataType::String(), true, 2)});
}

TEST(RecordBatchTest, MakeAndAccess) {
  FLOE_ASSERT_OK_AND_ASSIGN(
      RecordBatch batch,
      RecordBatch::Make(TwoColumns(), {Int32s({1, 2, 3}), Strings({"a", std::nullopt, "c"})}));
  EXPECT_EQ(batch.num_rows(), 3);
  EXPECT_EQ(batch.num_columns(), 2);
  ASSERT_NE(batch.GetColumnByName("name"), nullptr);
  EXPECT_EQ(batch.GetColumnByName("name")->GetView(2), "c");
  EXPECT_EQ(batch.GetColumnByName("nope"), nullptr);
  EXPECT_EQ(batch.schema(), TwoColumns());
}

TEST(RecordBatchTest, MakeRejectsMismatches) {
  EXPECT_THAT(RecordBatch::Make(TwoColumns(), {Int32s({1, 2, 3})}),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(RecordBatch::Make(TwoColumns(), {Int32s({1, 2, 3}), Strings({"a"})}),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(RecordBatch::Make(TwoColumns(), {Strings({"a"}), Strings({"a"})}),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(RecordBatch::Make(TwoColumns(), {Int32s({1}), Strings({"a"})}, 2),
              IsError(ErrorKind::kInvalidArgument));
  // A null in a non-nullable column.
  EXPECT_THAT(RecordBatch::Make(TwoColumns(), {Int32s({std::nullopt}), Strings({"a"})}),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(RecordBatch::Make(Schema(), {}), IsOk());
}

TEST(RecordBatchTest, SliceIsZeroCopy) {
  FLOE_ASSERT_OK_AND_ASSIGN(
      RecordBatch batch, RecordBatch::Make(TwoColumns(), {Int32s({1, 2, 3, 4}),
                                                          Strings({"a", std::nullopt, "c", "d"})}));
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch s, batch.Slice(1, 2));
  EXPECT_EQ(s.num_rows(), 2);
  EXPECT_EQ(s.column(0).buffer(1), batch.column(0).buffer(1));
  FLOE_EXPECT_ARRAY_EQ(s.column(1), Strings({std::nullopt, "c"}));
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch tail, batch.Slice(3));
  FLOE_EXPECT_ARRAY_EQ(tail.column(0), Int32s({4}));
  EXPECT_THAT(batch.Slice(3, 2), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(batch.Slice(-1, 1), IsError(ErrorKind::kInvalidArgument));
}

TEST(BatchReaderTest, VectorReaderStreamsThenEnds) {
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch b1,
                            RecordBatch::Make(TwoColumns(), {Int32s({1}), Strings({"a"})}));
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch b2,
                            RecordBatch::Make(TwoColumns(), {Int32s({2, 3}), Strings({"b", "c"})}));
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, VectorBatchReader::Make(TwoColumns(), {b1, b2}));
  EXPECT_EQ(reader->schema(), TwoColumns());
  FLOE_ASSERT_OK_AND_ASSIGN(auto first, reader->Next());
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE(RecordBatchEquals(*first, b1));
  FLOE_ASSERT_OK_AND_ASSIGN(auto rest, reader->ReadAll());
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_TRUE(RecordBatchEquals(rest[0], b2));
  FLOE_ASSERT_OK_AND_ASSIGN(auto end, reader->Next());
  EXPECT_FALSE(end.has_value());
}

TEST(BatchReaderTest, VectorReaderRejectsOtherSchemas) {
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch b1,
                            RecordBatch::Make(TwoColumns(), {Int32s({1}), Strings({"a"})}));
  Schema other({Field("id", DataType::Int32(), false), Field("name", DataType::String())});
  EXPECT_THAT(VectorBatchReader::Make(other, {b1}), IsError(ErrorKind::kInvalidArgument));
}

}  // namespace
}  // namespace floe::columnar
