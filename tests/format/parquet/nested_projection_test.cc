// Projection by nested field id: the top-level field is read pruned to the selected branches.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "format/parquet/parquet_test_util.h"
#include "support/matchers.h"

namespace floe::parquet {
namespace {

using ::floe::testing::IsOk;
using namespace ::floe::parquet::testing;  // NOLINT

// Column indices of AllTypesSchema.
constexpr int kI64 = 2;
constexpr int kSt = 16;
constexpr int kMp = 18;
constexpr int kDeep = 19;

std::string ValidityDifference(const Array& want, const Array& got) {
  if (want.length() != got.length()) return "lengths differ";
  for (int64_t i = 0; i < want.length(); ++i) {
    if (want.IsValid(i) != got.IsValid(i)) return "validity differs at " + std::to_string(i);
  }
  return "";
}

class ParquetNestedProjectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    RandomFiller filler(21, 0.25);
    auto batch = filler.Batch(AllTypesSchema(), 400);
    ASSERT_THAT(batch, IsOk());
    batch_.emplace(*batch);
    auto bytes = WriteToMemory({*batch_}, {});
    ASSERT_THAT(bytes, IsOk());
    bytes_ = *bytes;
  }

  RecordBatch Read(std::vector<int32_t> ids) {
    ReaderOptions options;
    options.field_ids = std::move(ids);
    options.batch_size = 1 << 20;
    auto read = ReadFromMemory(bytes_, options);
    EXPECT_THAT(read, IsOk());
    EXPECT_EQ(read->size(), 1u);
    return read->at(0);
  }

  std::optional<RecordBatch> batch_;
  std::vector<uint8_t> bytes_;
};

TEST_F(ParquetNestedProjectionTest, StructFieldIdReadsTheStructWithThatFieldOnly) {
  RecordBatch read = Read({102, 3});
  ASSERT_EQ(read.num_columns(), 2);
  const columnar::Field& st = read.schema().field(0);
  EXPECT_EQ(st.name(), "st");
  EXPECT_EQ(st.field_id(), 17);
  ASSERT_EQ(st.type().num_fields(), 1);
  EXPECT_EQ(st.type().field(0).name(), "s");
  EXPECT_EQ(st.type().field(0).field_id(), 102);
  EXPECT_THAT(read.column(0).ValidateFull(), IsOk());
  EXPECT_EQ(ValidityDifference(batch_->column(kSt), read.column(0)), "");
  EXPECT_EQ(
      columnar::DescribeArrayDifference(batch_->column(kSt).field(1), read.column(0).field(0)), "");
  EXPECT_EQ(columnar::DescribeArrayDifference(batch_->column(kI64), read.column(1)), "");
}

TEST_F(ParquetNestedProjectionTest, FieldInsideListElementPrunesTheElementStruct) {
  RecordBatch read = Read({109});
  ASSERT_EQ(read.num_columns(), 1);
  const columnar::Field& deep = read.schema().field(0);
  EXPECT_EQ(deep.field_id(), 20);
  const columnar::Field& element = deep.type().value_field();
  EXPECT_EQ(element.field_id(), 106);
  ASSERT_EQ(element.type().num_fields(), 1);
  EXPECT_EQ(element.type().field(0).field_id(), 109);
  const Array& got = read.column(0);
  const Array& want = batch_->column(kDeep);
  EXPECT_THAT(got.ValidateFull(), IsOk());
  EXPECT_EQ(ValidityDifference(want, got), "");
  for (int64_t i = 0; i < want.length(); ++i) {
    if (!want.IsValid(i)) continue;
    ASSERT_EQ(want.offsets()[i + 1] - want.offsets()[i], got.offsets()[i + 1] - got.offsets()[i])
        << "row " << i;
  }
  const Array want_elements = want.list_values().Slice(
      want.offsets()[0], want.offsets()[want.length()] - want.offsets()[0]);
  const Array got_elements =
      got.list_values().Slice(got.offsets()[0], got.offsets()[got.length()] - got.offsets()[0]);
  EXPECT_EQ(ValidityDifference(want_elements, got_elements), "");
  EXPECT_EQ(columnar::DescribeArrayDifference(want_elements.field(1), got_elements.field(0)), "");
}

TEST_F(ParquetNestedProjectionTest, TopLevelIdWinsOverItsChildrenAndMapsReadWhole) {
  RecordBatch read = Read({101, 17, 105});
  ASSERT_EQ(read.num_columns(), 2);
  EXPECT_EQ(columnar::DescribeArrayDifference(batch_->column(kSt), read.column(0)), "");
  EXPECT_EQ(read.schema().field(1).name(), "mp");
  EXPECT_EQ(columnar::DescribeArrayDifference(batch_->column(kMp), read.column(1)), "");
}

TEST_F(ParquetNestedProjectionTest, UnknownNestedIdsAreSkipped) {
  RecordBatch read = Read({4242, 101});
  ASSERT_EQ(read.num_columns(), 1);
  ASSERT_EQ(read.schema().field(0).type().num_fields(), 1);
  EXPECT_EQ(read.schema().field(0).type().field(0).field_id(), 101);
  EXPECT_EQ(
      columnar::DescribeArrayDifference(batch_->column(kSt).field(0), read.column(0).field(0)), "");
}

}  // namespace
}  // namespace floe::parquet
