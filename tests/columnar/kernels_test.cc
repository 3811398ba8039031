// Take, Filter, Concatenate and Cast over every type, nested and sliced inputs included.
#include "floe/columnar/kernels.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "columnar/columnar_test_util.h"
#include "floe/columnar/builder.h"
#include "floe/columnar/compare.h"
#include "floe/columnar/decimal128.h"
#include "floe/columnar/record_batch.h"

namespace floe::columnar {
namespace {

using ::floe::testing::IsErrorWith;
using ::testing::HasSubstr;
using testing::Int32s;
using testing::Int64s;
using testing::IsError;
using testing::IsOk;
using testing::MakeArray;
using testing::Strings;

// Appends a value derived from `seed` (a null for about one seed in four when allowed) to a
// builder of `type`, recursing into nested builders.
void AppendSample(ArrayBuilder& b, const DataType& type, uint64_t seed, bool nullable) {
  seed = seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull;
  seed ^= seed >> 29;
  if (nullable && seed % 4 == 1) {
    ASSERT_THAT(b.AppendNull(), IsOk());
    return;
  }
  const auto v = static_cast<int64_t>(seed % 1000) - 500;
  switch (type.kind()) {
    case TypeKind::kBoolean:
      ASSERT_THAT(static_cast<BooleanBuilder&>(b).Append(seed % 3 == 0), IsOk());
      break;
    case TypeKind::kInt32:
    case TypeKind::kDate32:
      ASSERT_THAT(static_cast<FixedWidthBuilder<int32_t>&>(b).Append(static_cast<int32_t>(v)),
                  IsOk());
      break;
    case TypeKind::kInt64:
    case TypeKind::kTime64:
    case TypeKind::kTimestamp:
      ASSERT_THAT(static_cast<FixedWidthBuilder<int64_t>&>(b).Append(v * 1'000'000'007), IsOk());
      break;
    case TypeKind::kFloat32:
      ASSERT_THAT(static_cast<FixedWidthBuilder<float>&>(b).Append(static_cast<float>(v) / 8),
                  IsOk());
      break;
    case TypeKind::kFloat64:
      ASSERT_THAT(static_cast<FixedWidthBuilder<double>&>(b).Append(static_cast<double>(v) / 3),
                  IsOk());
      break;
    case TypeKind::kDecimal128:
      ASSERT_THAT(static_cast<FixedWidthBuilder<Decimal128>&>(b).Append(
                      Decimal128::FromInt128(static_cast<__int128>(v) << 70)),
                  IsOk());
      break;
    case TypeKind::kString:
    case TypeKind::kBinary:
      ASSERT_THAT(static_cast<BinaryBuilder&>(b).Append(
                      std::string(seed % 7, static_cast<char>('a' + seed % 26))),
                  IsOk());
      break;
    case TypeKind::kFixedSizeBinary:
      ASSERT_THAT(static_cast<FixedSizeBinaryBuilder&>(b).Append(std::string(
                      static_cast<size_t>(type.byte_width()), static_cast<char>('A' + seed % 26))),
                  IsOk());
      break;
    case TypeKind::kStruct: {
      auto& sb = static_cast<StructBuilder&>(b);
      for (int i = 0; i < type.num_fields(); ++i) {
        AppendSample(*sb.child(i), type.field(i).type(), seed + static_cast<uint64_t>(i),
                     type.field(i).nullable());
      }
      ASSERT_THAT(sb.Append(), IsOk());
      break;
    }
    case TypeKind::kList: {
      auto& lb = static_cast<ListBuilder&>(b);
      ASSERT_THAT(lb.Append(), IsOk());
      for (uint64_t k = 0; k < seed % 4; ++k) {
        AppendSample(*lb.value_builder(), type.value_field().type(), seed + k,
                     type.value_field().nullable());
      }
      break;
    }
    case TypeKind::kMap: {
      auto& mb = static_cast<MapBuilder&>(b);
      ASSERT_THAT(mb.Append(), IsOk());
      for (uint64_t k = 0; k < seed % 3; ++k) {
        AppendSample(*mb.key_builder(), type.key_field().type(), seed + k, false);
        AppendSample(*mb.item_builder(), type.value_field().type(), seed + 100 + k,
                     type.value_field().nullable());
      }
      break;
    }
  }
}

Array Sample(const DataType& type, int64_t length, uint64_t seed = 1) {
  auto builder = MakeBuilder(type);
  EXPECT_TRUE(builder.has_value());
  for (int64_t i = 0; i < length; ++i) {
    AppendSample(**builder, type, seed + static_cast<uint64_t>(i), true);
  }
  auto array = (*builder)->Finish();
  EXPECT_TRUE(array.has_value()) << array.error().ToString();
  return *std::move(array);
}

DataType PointType() {
  return DataType::Struct({Field("x", DataType::Int32()), Field("name", DataType::String()),
                           Field("ok", DataType::Boolean(), /*nullable=*/false)});
}

std::vector<DataType> AllTypes() {
  return {
      DataType::Boolean(),
      DataType::Int32(),
      DataType::Int64(),
      DataType::Float32(),
      DataType::Float64(),
      DataType::Decimal128(38, 4),
      DataType::Date32(),
      DataType::Time64(),
      DataType::Timestamp(),
      DataType::Timestamp("UTC"),
      DataType::String(),
      DataType::Binary(),
      DataType::FixedSizeBinary(16),
      DataType::FixedSizeBinary(3),
      PointType(),
      DataType::List(Field("element", DataType::Int32())),
      DataType::List(Field("element", PointType())),
      DataType::Map(Field("key", DataType::String()), Field("value", DataType::Int64())),
      DataType::Struct({Field("tags", DataType::List(Field("element", DataType::String()))),
                        Field("attrs", DataType::Map(Field("key", DataType::Int32()),
                                                     Field("value", PointType())))}),
  };
}

// Row j of `result` equals row indices[j] of `source`.
void ExpectRowsTaken(const Array& result, const Array& source,
                     const std::vector<int64_t>& indices) {
  ASSERT_EQ(result.length(), static_cast<int64_t>(indices.size()));
  EXPECT_THAT(result.ValidateFull(), IsOk());
  EXPECT_TRUE(result.type().Equals(source.type()));
  for (size_t j = 0; j < indices.size(); ++j) {
    EXPECT_EQ(DescribeArrayDifference(result.Slice(static_cast<int64_t>(j), 1),
                                      source.Slice(indices[j], 1)),
              "")
        << "row " << j << " (source row " << indices[j] << ")";
  }
}

class KernelsByTypeTest : public ::testing::TestWithParam<DataType> {};

TEST_P(KernelsByTypeTest, TakeGathersRowsInOrderWithRepeats) {
  Array a = Sample(GetParam(), 40);
  ASSERT_GT(a.null_count(), 0);
  const std::vector<int64_t> indices = {39, 0, 0, 7, 13, 13, 2, 21, 1, 38, 5};
  FLOE_ASSERT_OK_AND_ASSIGN(Array taken, Take(a, indices));
  ExpectRowsTaken(taken, a, indices);
}

TEST_P(KernelsByTypeTest, TakeFromASlice) {
  Array a = Sample(GetParam(), 40, 7).Slice(5, 30);
  const std::vector<int64_t> indices = {29, 3, 0, 17, 17, 8};
  FLOE_ASSERT_OK_AND_ASSIGN(Array taken, Take(a, indices));
  ExpectRowsTaken(taken, a, indices);
}

TEST_P(KernelsByTypeTest, TakeEveryRowEqualsTheInput) {
  Array a = Sample(GetParam(), 25, 3).Slice(3, 20);
  std::vector<int64_t> indices(20);
  for (int64_t i = 0; i < 20; ++i) indices[static_cast<size_t>(i)] = i;
  FLOE_ASSERT_OK_AND_ASSIGN(Array taken, Take(a, indices));
  FLOE_EXPECT_ARRAY_EQ(taken, a);
  EXPECT_EQ(taken.null_count(), a.null_count());
}

TEST_P(KernelsByTypeTest, TakeNothingGivesAnEmptyArray) {
  Array a = Sample(GetParam(), 10);
  FLOE_ASSERT_OK_AND_ASSIGN(Array taken, Take(a, std::span<const int64_t>()));
  EXPECT_EQ(taken.length(), 0);
  EXPECT_TRUE(taken.type().Equals(a.type()));
  EXPECT_THAT(taken.ValidateFull(), IsOk());
}

TEST_P(KernelsByTypeTest, TakeRefusesOutOfRangeIndices) {
  Array a = Sample(GetParam(), 10).Slice(2, 5);
  const std::vector<int64_t> past_end = {0, 5};
  EXPECT_THAT(Take(a, past_end), IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("5")));
  const std::vector<int64_t> negative = {-1};
  EXPECT_THAT(Take(a, negative), IsError(ErrorKind::kInvalidArgument));
}

TEST_P(KernelsByTypeTest, ConcatenateSlicedPieces) {
  Array a = Sample(GetParam(), 30, 11);
  Array b = Sample(GetParam(), 12, 99);
  const std::vector<Array> pieces = {a.Slice(3, 7), b, a.Slice(0, 0), a.Slice(20, 10),
                                     b.Slice(5, 1)};
  FLOE_ASSERT_OK_AND_ASSIGN(Array joined, Concatenate(pieces));
  ASSERT_EQ(joined.length(), 7 + 12 + 10 + 1);
  EXPECT_THAT(joined.ValidateFull(), IsOk());
  FLOE_EXPECT_ARRAY_EQ(joined.Slice(0, 7), a.Slice(3, 7));
  FLOE_EXPECT_ARRAY_EQ(joined.Slice(7, 12), b);
  FLOE_EXPECT_ARRAY_EQ(joined.Slice(19, 10), a.Slice(20, 10));
  FLOE_EXPECT_ARRAY_EQ(joined.Slice(29, 1), b.Slice(5, 1));
  EXPECT_EQ(joined.null_count(), a.Slice(3, 7).null_count() + b.null_count() +
                                     a.Slice(20, 10).null_count() + b.Slice(5, 1).null_count());
}

TEST_P(KernelsByTypeTest, ConcatenateOfOneOrEmptyArrays) {
  Array a = Sample(GetParam(), 8).Slice(2, 4);
  FLOE_ASSERT_OK_AND_ASSIGN(Array one, Concatenate(std::vector<Array>{a}));
  FLOE_EXPECT_ARRAY_EQ(one, a);
  const std::vector<Array> empties = {a.Slice(0, 0), a.Slice(4, 0)};
  FLOE_ASSERT_OK_AND_ASSIGN(Array none, Concatenate(empties));
  EXPECT_EQ(none.length(), 0);
  EXPECT_THAT(none.ValidateFull(), IsOk());
}

TEST_P(KernelsByTypeTest, CastToItselfIsTheSameArray) {
  Array a = Sample(GetParam(), 10).Slice(1, 8);
  FLOE_ASSERT_OK_AND_ASSIGN(Array cast, Cast(a, GetParam()));
  EXPECT_EQ(cast.buffers(), a.buffers());
  EXPECT_EQ(cast.offset(), a.offset());
  FLOE_EXPECT_ARRAY_EQ(cast, a);
}

INSTANTIATE_TEST_SUITE_P(AllTypes, KernelsByTypeTest, ::testing::ValuesIn(AllTypes()),
                         [](const ::testing::TestParamInfo<DataType>& info) {
                           std::string name = std::to_string(info.index) + "_";
                           for (char c : std::string(TypeKindName(info.param.kind()))) {
                             if (std::isalnum(static_cast<unsigned char>(c))) name += c;
                           }
                           return name;
                         });

TEST(TakeTest, StringsByValue) {
  Array a = Strings({"a", std::nullopt, "ccc", "", "dd"}).Slice(1, 4);
  const std::vector<int64_t> indices = {3, 0, 1, 1, 2};
  FLOE_ASSERT_OK_AND_ASSIGN(Array taken, Take(a, indices));
  FLOE_EXPECT_ARRAY_EQ(taken, Strings({"dd", std::nullopt, "ccc", "ccc", ""}));
}

TEST(TakeTest, ListWhoseChildIsItselfSliced) {
  // Child [_, _, 10, 11, 12, 13] sliced at 2; lists [[10, 11], [], [12, 13]].
  Array items = Int32s({0, 0, 10, 11, 12, 13}).Slice(2, 4);
  const std::vector<int32_t> offsets = {0, 2, 2, 4};
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto offset_buffer,
      Buffer::CopyFrom(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(offsets.data()),
                                                offsets.size() * sizeof(int32_t))));
  FLOE_ASSERT_OK_AND_ASSIGN(Array lists,
                            Array::Make(DataType::List(Field("element", DataType::Int32())), 3,
                                        {nullptr, offset_buffer}, {items}));
  const std::vector<int64_t> indices = {2, 0};
  FLOE_ASSERT_OK_AND_ASSIGN(Array taken, Take(lists, indices));
  EXPECT_EQ(taken.ToString(), "[[12, 13], [10, 11]]");
  FLOE_ASSERT_OK_AND_ASSIGN(Array joined, Concatenate(std::vector<Array>{lists, taken}));
  EXPECT_EQ(joined.ToString(), "[[10, 11], [], [12, 13], [12, 13], [10, 11]]");
}

TEST(ConcatenateTest, RefusesMixedTypesAndNothing) {
  const std::vector<Array> mixed = {Int32s({1}), Int64s({2})};
  EXPECT_THAT(Concatenate(mixed), IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("int64")));
  EXPECT_THAT(Concatenate(std::span<const Array>()), IsError(ErrorKind::kInvalidArgument));
}

TEST(ConcatenateTest, IgnoresChildFieldIdsOfArrayTypes) {
  DataType with_id = DataType::List(Field("element", DataType::Int32(), true, 7));
  DataType without = DataType::List(Field("element", DataType::Int32()));
  const std::vector<Array> arrays = {Sample(with_id, 3), Sample(without, 4)};
  FLOE_ASSERT_OK_AND_ASSIGN(Array joined, Concatenate(arrays));
  EXPECT_EQ(joined.length(), 7);
  EXPECT_EQ(joined.type(), with_id);
}

RecordBatch SampleBatch(int64_t rows, uint64_t seed = 1) {
  Schema schema({Field("id", DataType::Int64(), /*nullable=*/false, 1),
                 Field("name", DataType::String(), true, 2), Field("point", PointType(), true, 3)});
  std::vector<int64_t> ids;
  for (int64_t i = 0; i < rows; ++i) ids.push_back(i);
  Int64Builder b;
  EXPECT_THAT(b.AppendValues(ids), IsOk());
  auto id_column = b.Finish();
  EXPECT_TRUE(id_column.has_value());
  auto batch = RecordBatch::Make(schema, {*id_column, Sample(DataType::String(), rows, seed),
                                          Sample(PointType(), rows, seed + 5)});
  EXPECT_TRUE(batch.has_value()) << batch.error().ToString();
  return *std::move(batch);
}

TEST(RecordBatchKernelsTest, TakeKeepsTheSchema) {
  RecordBatch batch = SampleBatch(20);
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch sliced, batch.Slice(4, 10));
  const std::vector<int64_t> indices = {9, 0, 4, 4};
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch taken, Take(sliced, indices));
  EXPECT_EQ(taken.schema(), batch.schema());
  ASSERT_EQ(taken.num_rows(), 4);
  for (int c = 0; c < taken.num_columns(); ++c) {
    ExpectRowsTaken(taken.column(c), sliced.column(c), indices);
  }
  FLOE_EXPECT_ARRAY_EQ(taken.column(0), Int64s({13, 4, 8, 8}));
  const std::vector<int64_t> bad = {10};
  EXPECT_THAT(Take(sliced, bad), IsError(ErrorKind::kInvalidArgument));
}

TEST(RecordBatchKernelsTest, FilterKeepsMarkedRowsInOrder) {
  RecordBatch batch = SampleBatch(8);
  const std::vector<uint8_t> mask = {0, 1, 1, 0, 0, 7, 0, 1};
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch kept, Filter(batch, mask));
  ASSERT_EQ(kept.num_rows(), 4);
  FLOE_EXPECT_ARRAY_EQ(kept.column(0), Int64s({1, 2, 5, 7}));
  ExpectRowsTaken(kept.column(2), batch.column(2), {1, 2, 5, 7});

  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch none, Filter(batch, std::vector<uint8_t>(8, 0)));
  EXPECT_EQ(none.num_rows(), 0);
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch all, Filter(batch, std::vector<uint8_t>(8, 1)));
  EXPECT_TRUE(RecordBatchEquals(all, batch));
  EXPECT_THAT(Filter(batch, std::vector<uint8_t>(7, 1)),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("7")));
}

TEST(RecordBatchKernelsTest, ConcatenateBatches) {
  RecordBatch a = SampleBatch(6, 1);
  RecordBatch b = SampleBatch(9, 2);
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch b_tail, b.Slice(3));
  const std::vector<RecordBatch> batches = {a, b_tail};
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch joined, Concatenate(batches));
  ASSERT_EQ(joined.num_rows(), 12);
  EXPECT_EQ(joined.schema(), a.schema());
  for (int c = 0; c < joined.num_columns(); ++c) {
    FLOE_EXPECT_ARRAY_EQ(joined.column(c).Slice(0, 6), a.column(c));
    FLOE_EXPECT_ARRAY_EQ(joined.column(c).Slice(6, 6), b_tail.column(c));
    EXPECT_THAT(joined.column(c).ValidateFull(), IsOk());
  }
}

TEST(RecordBatchKernelsTest, ConcatenateRefusesDifferentSchemas) {
  RecordBatch a = SampleBatch(3);
  Schema other_ids({Field("id", DataType::Int64(), false, 1),
                    Field("name", DataType::String(), true, 9),
                    Field("point", PointType(), true, 3)});
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch b, RecordBatch::Make(other_ids, a.columns()));
  EXPECT_THAT(Concatenate(std::vector<RecordBatch>{a, b}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("name")));
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch narrow,
                            RecordBatch::Make(Schema({a.schema().field(0)}), {a.column(0)}));
  EXPECT_THAT(Concatenate(std::vector<RecordBatch>{a, narrow}),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(Concatenate(std::span<const RecordBatch>()), IsError(ErrorKind::kInvalidArgument));
}

// ---------------------------------------------------------------------------------------------
// Cast

TEST(CastTest, Int32ToInt64KeepsValuesAndNulls) {
  Array a = Int32s({1, std::nullopt, -7, 2147483647, std::nullopt}).Slice(1, 4);
  FLOE_ASSERT_OK_AND_ASSIGN(Array wide, Cast(a, DataType::Int64()));
  FLOE_EXPECT_ARRAY_EQ(wide, Int64s({std::nullopt, -7, 2147483647, std::nullopt}));
  EXPECT_THAT(wide.ValidateFull(), IsOk());
}

TEST(CastTest, Float32ToFloat64) {
  Array a =
      MakeArray(Float32Builder(), std::vector<std::optional<float>>{1.5f, std::nullopt, -0.25f});
  FLOE_ASSERT_OK_AND_ASSIGN(Array wide, Cast(a, DataType::Float64()));
  FLOE_EXPECT_ARRAY_EQ(wide, MakeArray(Float64Builder(), std::vector<std::optional<double>>{
                                                             1.5, std::nullopt, -0.25}));
}

TEST(CastTest, DecimalToWiderPrecisionKeepsUnscaledValues) {
  Array a = MakeArray(Decimal128Builder(9, 2),
                      std::vector<std::optional<Decimal128>>{
                          Decimal128::FromInt64(12345), std::nullopt, Decimal128::FromInt64(-1)})
                .Slice(1, 2);
  FLOE_ASSERT_OK_AND_ASSIGN(Array wide, Cast(a, DataType::Decimal128(18, 2)));
  EXPECT_EQ(wide.type(), DataType::Decimal128(18, 2));
  EXPECT_TRUE(wide.IsNull(0));
  EXPECT_EQ(wide.values<Decimal128>()[1], Decimal128::FromInt64(-1));
  FLOE_ASSERT_OK_AND_ASSIGN(Array same, Cast(a, DataType::Decimal128(9, 2)));
  EXPECT_EQ(same.buffers(), a.buffers());
}

TEST(CastTest, DateToTimestampAtMidnight) {
  Array days =
      MakeArray(Date32Builder(), std::vector<std::optional<int32_t>>{0, std::nullopt, 19'000, -1});
  FLOE_ASSERT_OK_AND_ASSIGN(Array ts, Cast(days, DataType::Timestamp()));
  EXPECT_EQ(ts.type(), DataType::Timestamp());
  FLOE_EXPECT_ARRAY_EQ(
      ts, MakeArray(TimestampBuilder(),
                    std::vector<std::optional<int64_t>>{
                        0, std::nullopt, int64_t{19'000} * 86'400'000'000, -86'400'000'000}));
  Array far = MakeArray(Date32Builder(), std::vector<std::optional<int32_t>>{2'000'000'000});
  EXPECT_THAT(Cast(far, DataType::Timestamp()), IsError(ErrorKind::kInvalidArgument));
}

TEST(CastTest, TimestampBetweenZonesIsARelabel) {
  Array ts = MakeArray(TimestampBuilder("UTC"), std::vector<std::optional<int64_t>>{5, 6});
  FLOE_ASSERT_OK_AND_ASSIGN(Array other, Cast(ts, DataType::Timestamp("+00:00")));
  EXPECT_EQ(other.type().timezone(), "+00:00");
  EXPECT_EQ(other.values<int64_t>()[1], 6);
}

TEST(CastTest, StructByPositionTakesTargetFields) {
  DataType from = DataType::Struct({Field("a", DataType::Int32()), Field("b", DataType::String())});
  DataType to = DataType::Struct(
      {Field("x", DataType::Int64(), true, 10), Field("y", DataType::String(), true, 11)});
  Array a = Sample(from, 12).Slice(3, 6);
  FLOE_ASSERT_OK_AND_ASSIGN(Array cast, Cast(a, to));
  EXPECT_EQ(cast.type(), to);
  EXPECT_THAT(cast.ValidateFull(), IsOk());
  ASSERT_EQ(cast.length(), 6);
  for (int64_t i = 0; i < 6; ++i) EXPECT_EQ(cast.IsNull(i), a.IsNull(i));
  FLOE_ASSERT_OK_AND_ASSIGN(Array x, Cast(a.field(0), DataType::Int64()));
  FLOE_EXPECT_ARRAY_EQ(cast.field(0), x);
  FLOE_EXPECT_ARRAY_EQ(cast.field(1), a.field(1));
}

TEST(CastTest, ListAndMapChildrenWiden) {
  DataType from_list = DataType::List(Field("item", DataType::Int32()));
  DataType to_list = DataType::List(Field("element", DataType::Int64(), true, 3));
  Array lists = Sample(from_list, 15).Slice(2, 10);
  FLOE_ASSERT_OK_AND_ASSIGN(Array wide_lists, Cast(lists, to_list));
  EXPECT_EQ(wide_lists.type(), to_list);
  EXPECT_THAT(wide_lists.ValidateFull(), IsOk());
  EXPECT_EQ(wide_lists.ToString(), lists.ToString());

  DataType from_map =
      DataType::Map(Field("k", DataType::String()), Field("v", DataType::Float32()));
  DataType to_map = DataType::Map(Field("key", DataType::String(), false, 5),
                                  Field("value", DataType::Float64(), true, 6));
  Array maps = Sample(from_map, 15).Slice(4, 9);
  FLOE_ASSERT_OK_AND_ASSIGN(Array wide_maps, Cast(maps, to_map));
  EXPECT_EQ(wide_maps.type(), to_map);
  EXPECT_THAT(wide_maps.ValidateFull(), IsOk());
  EXPECT_EQ(wide_maps.ToString(), maps.ToString());
}

TEST(CastTest, RefusesWhatCouldLoseValues) {
  struct Case {
    DataType from;
    DataType to;
  };
  const std::vector<Case> refused = {
      {DataType::Int64(), DataType::Int32()},
      {DataType::Float64(), DataType::Float32()},
      {DataType::Int32(), DataType::Float64()},
      {DataType::Int64(), DataType::Float64()},
      {DataType::Decimal128(18, 2), DataType::Decimal128(9, 2)},
      {DataType::Decimal128(9, 2), DataType::Decimal128(10, 3)},
      {DataType::Timestamp(), DataType::Timestamp("UTC")},
      {DataType::Timestamp("UTC"), DataType::Timestamp()},
      {DataType::Date32(), DataType::Timestamp("UTC")},
      {DataType::Timestamp(), DataType::Date32()},
      {DataType::String(), DataType::Binary()},
      {DataType::Binary(), DataType::String()},
      {DataType::FixedSizeBinary(16), DataType::FixedSizeBinary(8)},
      {DataType::Int32(), DataType::String()},
      {PointType(), DataType::Struct({Field("x", DataType::Int32())})},
      {DataType::List(Field("element", DataType::Int64())),
       DataType::List(Field("element", DataType::Int32()))},
      {DataType::List(Field("element", DataType::Int32())), PointType()},
  };
  for (const Case& c : refused) {
    Array a = Sample(c.from, 5);
    EXPECT_THAT(Cast(a, c.to),
                IsErrorWith(ErrorKind::kNotSupported, ::testing::AllOf(HasSubstr(c.from.ToString()),
                                                                       HasSubstr(c.to.ToString()))))
        << c.from.ToString() << " -> " << c.to.ToString();
  }
}

}  // namespace
}  // namespace floe::columnar
