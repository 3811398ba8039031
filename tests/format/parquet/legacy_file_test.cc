// Files in forms floe does not write but must read: INT96 timestamps, 2-level lists, bare
// repeated fields, data page v2 with DELTA encodings. Built by hand from page headers and a footer.
#include <gtest/gtest.h>

#include "floe/format/parquet/delta_encoding_internal.h"
#include "floe/format/parquet/rle_bit_packed_internal.h"
#include "format/parquet/parquet_test_util.h"
#include "support/matchers.h"

namespace floe::parquet {
namespace {

using ::floe::testing::IsOk;
using namespace ::floe::parquet::testing;  // NOLINT

// v1 level section: 4-byte length + RLE hybrid.
void AppendLevels(const std::vector<uint16_t>& levels, int bits, std::vector<uint8_t>& out) {
  std::vector<uint8_t> body;
  EncodeRleBitPacked(std::span<const uint16_t>(levels), bits, body);
  auto len = static_cast<uint32_t>(body.size());
  const auto* p = reinterpret_cast<const uint8_t*>(&len);
  out.insert(out.end(), p, p + 4);
  out.insert(out.end(), body.begin(), body.end());
}

// A file of one row group with one column chunk holding one uncompressed page.
std::vector<uint8_t> OneColumnFile(std::vector<SchemaElement> schema, PhysicalType type,
                                   const PageHeader& page_header_in,
                                   const std::vector<uint8_t>& body, int64_t num_rows) {
  std::vector<uint8_t> file = {'P', 'A', 'R', '1'};
  PageHeader ph = page_header_in;
  ph.uncompressed_page_size = static_cast<int32_t>(body.size());
  ph.compressed_page_size = static_cast<int32_t>(body.size());
  std::vector<uint8_t> header;
  SerializePageHeader(ph, header);
  int64_t offset = static_cast<int64_t>(file.size());
  file.insert(file.end(), header.begin(), header.end());
  file.insert(file.end(), body.begin(), body.end());
  FileMetaData md;
  md.schema = std::move(schema);
  md.num_rows = num_rows;
  RowGroup rg;
  rg.num_rows = num_rows;
  ColumnChunk cc;
  cc.file_offset = offset;
  ColumnMetaData cm;
  cm.type = type;
  cm.num_values =
      ph.data_page_header ? ph.data_page_header->num_values : ph.data_page_header_v2->num_values;
  cm.data_page_offset = offset;
  cm.total_compressed_size = static_cast<int64_t>(header.size() + body.size());
  cm.total_uncompressed_size = cm.total_compressed_size;
  cc.meta_data = cm;
  rg.columns.push_back(cc);
  md.row_groups.push_back(rg);
  std::vector<uint8_t> footer;
  SerializeFileMetaData(md, footer);
  file.insert(file.end(), footer.begin(), footer.end());
  auto len = static_cast<uint32_t>(footer.size());
  const auto* p = reinterpret_cast<const uint8_t*>(&len);
  file.insert(file.end(), p, p + 4);
  for (char c : std::string("PAR1")) file.push_back(static_cast<uint8_t>(c));
  return file;
}

SchemaElement Root(int children) {
  SchemaElement e;
  e.name = "schema";
  e.num_children = children;
  return e;
}

PageHeader V1Page(int32_t num_values) {
  PageHeader h;
  h.type = PageType::kDataPage;
  DataPageHeader& d = h.data_page_header.emplace();
  d.num_values = num_values;
  return h;
}

TEST(ParquetLegacyFileTest, Int96TimestampsReadAsMicros) {
  SchemaElement col;
  col.name = "t";
  col.type = PhysicalType::kInt96;
  col.repetition_type = Repetition::kRequired;
  std::vector<uint8_t> body;
  // 2000-01-01 00:00:01.000002 = Julian day 2451545, 1000002000 ns.
  int64_t nanos = 1000002000;
  int32_t day = 2451545;
  body.insert(body.end(), reinterpret_cast<uint8_t*>(&nanos),
              reinterpret_cast<uint8_t*>(&nanos) + 8);
  body.insert(body.end(), reinterpret_cast<uint8_t*>(&day), reinterpret_cast<uint8_t*>(&day) + 4);
  auto file = OneColumnFile({Root(1), col}, PhysicalType::kInt96, V1Page(1), body, 1);
  auto read = ReadFromMemory(file);
  ASSERT_THAT(read, IsOk());
  const Array& a = (*read)[0].column(0);
  EXPECT_EQ(a.type().kind(), TypeKind::kTimestamp);
  EXPECT_EQ(a.values<int64_t>()[0], 946684801000002LL);
}

TEST(ParquetLegacyFileTest, TwoLevelListReads) {
  SchemaElement list;
  list.name = "l";
  list.repetition_type = Repetition::kOptional;
  list.converted_type = ConvertedType::kList;
  list.num_children = 1;
  SchemaElement item;
  item.name = "array";
  item.type = PhysicalType::kInt32;
  item.repetition_type = Repetition::kRepeated;
  // Rows: [1, 2], null, [], [3]
  std::vector<uint16_t> rep = {0, 1, 0, 0, 0};
  std::vector<uint16_t> def = {2, 2, 0, 1, 2};
  std::vector<uint8_t> body;
  AppendLevels(rep, 1, body);
  AppendLevels(def, 2, body);
  for (int32_t v : {1, 2, 3}) {
    body.insert(body.end(), reinterpret_cast<uint8_t*>(&v), reinterpret_cast<uint8_t*>(&v) + 4);
  }
  auto file = OneColumnFile({Root(1), list, item}, PhysicalType::kInt32, V1Page(5), body, 4);
  auto read = ReadFromMemory(file);
  ASSERT_THAT(read, IsOk());
  const Array& a = (*read)[0].column(0);
  EXPECT_EQ(a.ToString(), "[[1, 2], null, [], [3]]");
}

TEST(ParquetLegacyFileTest, BareRepeatedFieldIsARequiredList) {
  SchemaElement item;
  item.name = "r";
  item.type = PhysicalType::kByteArray;
  item.converted_type = ConvertedType::kUtf8;
  item.repetition_type = Repetition::kRepeated;
  // Rows: ["a", "bc"], []
  std::vector<uint16_t> rep = {0, 1, 0};
  std::vector<uint16_t> def = {1, 1, 0};
  std::vector<uint8_t> body;
  AppendLevels(rep, 1, body);
  AppendLevels(def, 1, body);
  for (std::string s : {"a", "bc"}) {
    auto len = static_cast<uint32_t>(s.size());
    body.insert(body.end(), reinterpret_cast<uint8_t*>(&len), reinterpret_cast<uint8_t*>(&len) + 4);
    body.insert(body.end(), s.begin(), s.end());
  }
  auto file = OneColumnFile({Root(1), item}, PhysicalType::kByteArray, V1Page(3), body, 2);
  auto read = ReadFromMemory(file);
  ASSERT_THAT(read, IsOk());
  const Array& a = (*read)[0].column(0);
  EXPECT_EQ(a.type().kind(), TypeKind::kList);
  EXPECT_EQ(a.length(), 2);
  EXPECT_EQ(a.offsets()[1], 2);
  EXPECT_EQ(a.offsets()[2], 2);
}

TEST(ParquetLegacyFileTest, DataPageV2WithDeltaBinaryPacked) {
  SchemaElement col;
  col.name = "x";
  col.type = PhysicalType::kInt64;
  col.repetition_type = Repetition::kOptional;
  // Rows: 5, null, -7, 1e12
  std::vector<uint16_t> def = {1, 0, 1, 1};
  std::vector<uint8_t> levels;
  EncodeRleBitPacked(std::span<const uint16_t>(def), 1, levels);
  std::vector<int64_t> values = {5, -7, 1000000000000LL};
  std::vector<uint8_t> body = levels;
  EncodeDeltaBinaryPacked(std::span<const int64_t>(values), body);
  PageHeader h;
  h.type = PageType::kDataPageV2;
  DataPageHeaderV2& d = h.data_page_header_v2.emplace();
  d.num_values = 4;
  d.num_nulls = 1;
  d.num_rows = 4;
  d.encoding = Encoding::kDeltaBinaryPacked;
  d.definition_levels_byte_length = static_cast<int32_t>(levels.size());
  d.is_compressed = false;
  auto file = OneColumnFile({Root(1), col}, PhysicalType::kInt64, h, body, 4);
  auto read = ReadFromMemory(file);
  ASSERT_THAT(read, IsOk());
  EXPECT_EQ((*read)[0].column(0).ToString(), "[5, null, -7, 1000000000000]");
}

}  // namespace
}  // namespace floe::parquet
