#include "floe/format/parquet/metadata.h"

#include <gtest/gtest.h>

#include "floe/format/parquet/thrift_compact_internal.h"

namespace floe::parquet {
namespace {

FileMetaData SampleMetadata() {
  FileMetaData md;
  md.version = 2;
  SchemaElement root;
  root.name = "schema";
  root.num_children = 2;
  md.schema.push_back(root);
  SchemaElement id;
  id.name = "id";
  id.type = PhysicalType::kInt64;
  id.repetition_type = Repetition::kRequired;
  id.field_id = 1;
  md.schema.push_back(id);
  SchemaElement ts;
  ts.name = "ts";
  ts.type = PhysicalType::kInt64;
  ts.repetition_type = Repetition::kOptional;
  ts.field_id = 300;  // a delta past 15 uses the long field header
  ts.logical_type.kind = LogicalType::Kind::kTimestamp;
  ts.logical_type.is_adjusted_to_utc = true;
  ts.logical_type.unit = TimeUnit::kMicros;
  md.schema.push_back(ts);
  SchemaElement dec;
  dec.name = "d";
  dec.type = PhysicalType::kFixedLenByteArray;
  dec.type_length = 16;
  dec.converted_type = ConvertedType::kDecimal;
  dec.scale = 9;
  dec.precision = 38;
  dec.logical_type.kind = LogicalType::Kind::kDecimal;
  dec.logical_type.scale = 9;
  dec.logical_type.precision = 38;
  md.schema.push_back(dec);
  md.num_rows = 1234567890123;
  RowGroup rg;
  rg.num_rows = 10;
  rg.total_byte_size = 99;
  rg.ordinal = 0;
  ColumnChunk cc;
  cc.file_offset = 4;
  ColumnMetaData cm;
  cm.type = PhysicalType::kInt64;
  cm.encodings = {Encoding::kPlain, Encoding::kRle, Encoding::kRleDictionary};
  cm.path_in_schema = {"id"};
  cm.codec = CompressionId::kZstd;
  cm.num_values = 10;
  cm.total_compressed_size = 50;
  cm.total_uncompressed_size = 80;
  cm.data_page_offset = 40;
  cm.dictionary_page_offset = 4;
  Statistics st;
  st.min_value = std::string("\x01\0\0\0\0\0\0\0", 8);
  st.max_value = std::string("\x09\0\0\0\0\0\0\0", 8);
  st.null_count = 0;
  cm.statistics = st;
  cc.meta_data = cm;
  rg.columns.push_back(cc);
  md.row_groups.push_back(rg);
  md.key_value_metadata.push_back({"iceberg.schema", std::string("{}")});
  md.key_value_metadata.push_back({"novalue", std::nullopt});
  md.created_by = "floe";
  md.type_defined_column_orders = 3;
  return md;
}

TEST(ParquetMetadataTest, FileMetaDataRoundTrips) {
  FileMetaData md = SampleMetadata();
  std::vector<uint8_t> bytes;
  SerializeFileMetaData(md, bytes);
  auto parsed = ParseFileMetaData(bytes);
  ASSERT_TRUE(parsed.has_value()) << parsed.error();
  EXPECT_EQ(*parsed, md);
}

TEST(ParquetMetadataTest, PageHeaderRoundTrips) {
  PageHeader h;
  h.type = PageType::kDataPageV2;
  h.uncompressed_page_size = 100;
  h.compressed_page_size = 70;
  DataPageHeaderV2 v2;
  v2.num_values = 10;
  v2.num_nulls = 2;
  v2.num_rows = 10;
  v2.encoding = Encoding::kDeltaBinaryPacked;
  v2.definition_levels_byte_length = 3;
  v2.is_compressed = false;
  h.data_page_header_v2 = v2;
  std::vector<uint8_t> bytes;
  SerializePageHeader(h, bytes);
  bytes.push_back(0xAB);  // the page body follows
  size_t size = 0;
  auto parsed = ParsePageHeader(bytes, &size);
  ASSERT_TRUE(parsed.has_value()) << parsed.error();
  EXPECT_EQ(*parsed, h);
  EXPECT_EQ(size, bytes.size() - 1);
}

TEST(ParquetMetadataTest, UnknownFieldsOfEveryTypeAreSkipped) {
  // A KeyValue-like struct inside FileMetaData's unknown field 99 holding every Thrift type.
  std::vector<uint8_t> bytes;
  thrift::CompactWriter w(bytes);
  w.BeginStruct();
  w.I32Field(1, 1);
  w.FieldHeader(20, thrift::CType::kDouble);
  for (int i = 0; i < 8; ++i) bytes.push_back(0);
  w.FieldHeader(21, thrift::CType::kByte);
  bytes.push_back(7);
  w.BoolField(22, true);
  w.FieldHeader(23, thrift::CType::kMap);
  w.WriteVarint(2);
  bytes.push_back(0x85);  // binary -> i32
  w.WriteBinary("a");
  w.WriteZigzag(1);
  w.WriteBinary("b");
  w.WriteZigzag(2);
  w.FieldHeader(24, thrift::CType::kSet);
  w.ListHeader(thrift::CType::kBoolTrue, 2);
  bytes.push_back(1);
  bytes.push_back(2);
  w.BeginStructField(99);
  w.I64Field(1, -5);
  w.ListField(2, thrift::CType::kStruct, 1);
  w.BeginStruct();
  w.BinaryField(1, "x");
  w.EndStruct();
  w.EndStruct();
  w.ListField(2, thrift::CType::kStruct, 1);
  w.BeginStruct();
  w.BinaryField(4, "root");
  w.EndStruct();
  w.I64Field(3, 0);
  w.EndStruct();
  auto parsed = ParseFileMetaData(bytes);
  ASSERT_TRUE(parsed.has_value()) << parsed.error();
  EXPECT_EQ(parsed->schema.size(), 1u);
  EXPECT_EQ(parsed->schema[0].name, "root");
}

TEST(ParquetMetadataTest, TruncatedFooterIsCorruptAtEveryLength) {
  std::vector<uint8_t> bytes;
  SerializeFileMetaData(SampleMetadata(), bytes);
  for (size_t n = 0; n < bytes.size(); ++n) {
    auto parsed = ParseFileMetaData(std::span<const uint8_t>(bytes.data(), n));
    ASSERT_FALSE(parsed.has_value()) << "length " << n;
    EXPECT_EQ(parsed.error().kind(), ErrorKind::kCorruptFile);
  }
}

TEST(ParquetMetadataTest, FlippedBytesNeverCrash) {
  std::vector<uint8_t> bytes;
  SerializeFileMetaData(SampleMetadata(), bytes);
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (uint8_t flip : {0x01, 0x80, 0xff, 0x0f}) {
      std::vector<uint8_t> copy = bytes;
      copy[i] ^= flip;
      auto parsed = ParseFileMetaData(copy);
      if (!parsed.has_value()) {
        EXPECT_EQ(parsed.error().kind(), ErrorKind::kCorruptFile);
      }
    }
  }
}

TEST(ParquetMetadataTest, HugeListCountIsCorrupt) {
  std::vector<uint8_t> bytes = {0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0x0F, 0x00};
  auto parsed = ParseFileMetaData(bytes);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().kind(), ErrorKind::kCorruptFile);
}

TEST(ParquetMetadataTest, DeepNestingIsCorrupt) {
  std::vector<uint8_t> bytes;
  for (int i = 0; i < 10000; ++i) bytes.push_back(0x1C);  // field 1 (delta), struct
  auto parsed = ParseFileMetaData(bytes);
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().kind(), ErrorKind::kCorruptFile);
}

}  // namespace
}  // namespace floe::parquet
