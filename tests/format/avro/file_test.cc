#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "floe/format/avro/datum_encoding.h"
#include "floe/format/avro/file_reader.h"
#include "floe/format/avro/file_writer.h"

namespace floe::avro {
namespace {

using Bytes = std::vector<uint8_t>;
using format::CompressionCodec;

// Custom attributes and odd spacing: the writer must copy this text exactly.
constexpr const char* kSchemaText = R"({"type":"record","name":"entry","fields":[
  {"name":"id","type":"long","field-id":1,"doc":"row id"},
  {"name" : "name", "type": ["null","string"], "default": null, "field-id": 2},
  {"name":"tags","type":{"type":"array","items":"string","element-id":4},"field-id":3},
  {"name":"attrs","type":{"type":"map","values":"bytes","key-id":6,"value-id":7},"field-id":5},
  {"name":"hash","type":{"type":"fixed","name":"h8","size":8},"field-id":8}
]})";

std::shared_ptr<const Schema> TestSchema() { return Schema::Parse(kSchemaText).value(); }

Datum Row(int64_t i) {
  std::vector<Datum> tags;
  for (int64_t t = 0; t < i % 4; ++t) tags.push_back(Datum::String("tag" + std::to_string(t)));
  return Datum::Record({
      Datum::Long(i * 1000003 + (int64_t{1} << 60)),
      i % 5 == 0 ? Datum::Null() : Datum::String("name-" + std::to_string(i)),
      Datum::Array(std::move(tags)),
      Datum::Map({{"k", Datum::Bytes({static_cast<uint8_t>(i), 0})}}),
      Datum::Fixed({1, 2, 3, 4, 5, 6, 7, static_cast<uint8_t>(i)}),
  });
}

Bytes WriteFile(CompressionCodec codec, int rows, size_t block_size = 64 * 1024,
                std::vector<std::pair<std::string, std::string>> metadata = {}) {
  Bytes file;
  FileWriterOptions options;
  options.codec = codec;
  options.block_size = block_size;
  options.metadata = std::move(metadata);
  options.sync_marker = SyncMarker{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
  auto writer = FileWriter::Make(TestSchema(), SinkTo(&file), options);
  EXPECT_TRUE(writer.has_value()) << writer.error();
  for (int i = 0; i < rows; ++i) {
    auto s = (*writer)->Append(Row(i));
    EXPECT_TRUE(s.has_value()) << s.error();
  }
  EXPECT_TRUE((*writer)->Close().has_value());
  EXPECT_EQ((*writer)->bytes_written(), file.size());
  EXPECT_EQ((*writer)->records_written(), rows);
  return file;
}

Result<std::vector<Datum>> ReadAll(const Bytes& file) {
  FLOE_ASSIGN_OR_RETURN(auto reader, FileReader::Open(file));
  std::vector<Datum> rows;
  Datum d;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool more, reader->Next(&d));
    if (!more) break;
    rows.push_back(d);
  }
  return rows;
}

class AvroFileCodecTest : public ::testing::TestWithParam<CompressionCodec> {};

TEST_P(AvroFileCodecTest, RoundTripsRecordsAcrossBlocks) {
  for (size_t block_size : {size_t{1}, size_t{300}, size_t{1} << 20}) {
    Bytes file = WriteFile(GetParam(), 500, block_size);
    auto rows = ReadAll(file);
    ASSERT_TRUE(rows.has_value()) << rows.error();
    ASSERT_EQ(rows->size(), 500u);
    for (int i = 0; i < 500; ++i) EXPECT_EQ((*rows)[static_cast<size_t>(i)], Row(i)) << i;
  }
}

TEST_P(AvroFileCodecTest, HeaderCarriesSchemaTextCodecAndMetadata) {
  Bytes file =
      WriteFile(GetParam(), 3, 64 * 1024,
                {{"schema", R"({"type":"struct"})"}, {"format-version", "2"}, {"content", "data"}});
  ASSERT_GE(file.size(), 4u);
  EXPECT_EQ(Bytes(file.begin(), file.begin() + 4), (Bytes{'O', 'b', 'j', 1}));
  auto reader = FileReader::Open(file);
  ASSERT_TRUE(reader.has_value()) << reader.error();
  EXPECT_EQ((*reader)->schema().json_text(), kSchemaText);  // byte for byte
  EXPECT_EQ(*(*reader)->FindMetadata("avro.schema"), kSchemaText);
  EXPECT_EQ((*reader)->codec(), GetParam());
  EXPECT_EQ((*reader)->FindMetadata("format-version"), "2");
  EXPECT_EQ((*reader)->FindMetadata("content"), "data");
  EXPECT_EQ((*reader)->FindMetadata("schema"), R"({"type":"struct"})");
  EXPECT_FALSE((*reader)->FindMetadata("missing").has_value());
  ASSERT_EQ((*reader)->metadata().size(), 5u);
  EXPECT_EQ((*reader)->metadata()[0].first, "avro.schema");
  EXPECT_EQ((*reader)->metadata()[1].first, "avro.codec");
  const auto& fields = (*reader)->schema().root().fields();
  EXPECT_EQ(fields[0].field_id(), 1);
  EXPECT_EQ(fields[2].node->IntAttribute("element-id"), 4);
  EXPECT_EQ(fields[3].node->IntAttribute("value-id"), 7);
}

TEST_P(AvroFileCodecTest, EveryTruncationIsCorruptAndNeverCrashes) {
  Bytes file = WriteFile(GetParam(), 20, 200);
  for (size_t cut = 0; cut < file.size(); ++cut) {
    Bytes prefix(file.begin(), file.begin() + static_cast<std::ptrdiff_t>(cut));
    auto rows = ReadAll(prefix);
    if (rows.has_value()) {
      // A cut exactly between blocks is a valid, shorter file.
      EXPECT_LT(rows->size(), 20u) << cut;
      continue;
    }
    EXPECT_EQ(rows.error().kind(), ErrorKind::kCorruptFile) << cut << " " << rows.error();
  }
}

TEST_P(AvroFileCodecTest, FlippedBytesNeverCrash) {
  Bytes file = WriteFile(GetParam(), 20, 200);
  for (size_t i = 0; i < file.size(); ++i) {
    Bytes bad = file;
    bad[i] ^= 0xa5;
    auto rows = ReadAll(bad);
    if (!rows.has_value()) {
      EXPECT_TRUE(rows.error().kind() == ErrorKind::kCorruptFile ||
                  rows.error().kind() == ErrorKind::kNotSupported)
          << i << " " << rows.error();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AvroCodecs, AvroFileCodecTest,
                         ::testing::Values(CompressionCodec::kUncompressed,
                                           CompressionCodec::kDeflateRaw, CompressionCodec::kSnappy,
                                           CompressionCodec::kZstd),
                         [](const auto& info) {
                           return std::string(format::CompressionCodecName(info.param));
                         });

TEST(AvroFileTest, WrongSyncMarkerIsCorrupt) {
  Bytes file = WriteFile(CompressionCodec::kUncompressed, 3);
  file[file.size() - 1] ^= 1;  // the last block's sync marker
  auto rows = ReadAll(file);
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().kind(), ErrorKind::kCorruptFile);
  EXPECT_NE(rows.error().message().find("sync"), std::string::npos);
}

TEST(AvroFileTest, SnappyCrcIsChecked) {
  Bytes file = WriteFile(CompressionCodec::kSnappy, 3);
  // The block ends with CRC (4 bytes) then sync (16): flip a CRC byte.
  file[file.size() - 17] ^= 0xff;
  auto rows = ReadAll(file);
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().kind(), ErrorKind::kCorruptFile);
  EXPECT_NE(rows.error().message().find("CRC"), std::string::npos) << rows.error();
}

TEST(AvroFileTest, GoldenBytesOfASmallFile) {
  auto schema = Schema::Parse(R"("long")").value();
  Bytes file;
  FileWriterOptions options;
  options.codec = CompressionCodec::kUncompressed;
  options.sync_marker = SyncMarker{};
  auto writer = FileWriter::Make(schema, SinkTo(&file), options).value();
  ASSERT_TRUE(writer->Append(Datum::Long(-1)).has_value());
  ASSERT_TRUE(writer->Append(Datum::Long(64)).has_value());
  ASSERT_TRUE(writer->Close().has_value());
  Bytes expected = {'O', 'b', 'j', 1, 0x04,  // 2 entries
                    0x16};                   // len 11
  for (char c : std::string("avro.schema")) expected.push_back(static_cast<uint8_t>(c));
  expected.push_back(0x0c);  // len 6
  for (char c : std::string("\"long\"")) expected.push_back(static_cast<uint8_t>(c));
  expected.push_back(0x14);  // len 10
  for (char c : std::string("avro.codec")) expected.push_back(static_cast<uint8_t>(c));
  expected.push_back(0x08);  // len 4
  for (char c : std::string("null")) expected.push_back(static_cast<uint8_t>(c));
  expected.push_back(0x00);                             // end of metadata
  expected.insert(expected.end(), 16, 0);               // sync
  expected.insert(expected.end(), {0x04, 0x06,          // 2 records, 3 bytes
                                   0x01, 0x80, 0x01});  // -1, 64
  expected.insert(expected.end(), 16, 0);               // sync
  EXPECT_EQ(file, expected);
}

TEST(AvroFileTest, FastPathEncoderAndBlockReader) {
  auto schema = Schema::Parse(R"({"type":"record","name":"r","fields":[
    {"name":"a","type":"long"},{"name":"b","type":["null","string"]}]})")
                    .value();
  Bytes file;
  FileWriterOptions options;
  options.block_size = 100;
  auto writer = FileWriter::Make(schema, SinkTo(&file), options).value();
  for (int64_t i = 0; i < 1000; ++i) {
    Encoder& e = writer->StartRecord();
    e.WriteLong(i);
    e.WriteUnionIndex(1);
    e.WriteString("v" + std::to_string(i));
    ASSERT_TRUE(writer->EndRecord().has_value());
  }
  ASSERT_TRUE(writer->Close().has_value());

  auto reader = FileReader::Open(file).value();
  int64_t next = 0;
  int blocks = 0;
  while (true) {
    auto block = reader->NextBlock();
    ASSERT_TRUE(block.has_value()) << block.error();
    if (!block->has_value()) break;
    ++blocks;
    Decoder d((*block)->data);
    for (int64_t r = 0; r < (*block)->record_count; ++r) {
      EXPECT_EQ(d.ReadLong().value(), next);
      EXPECT_EQ(d.ReadUnionIndex(2).value(), 1u);
      EXPECT_EQ(d.ReadString().value(), "v" + std::to_string(next));
      ++next;
    }
    EXPECT_TRUE(d.empty());
  }
  EXPECT_EQ(next, 1000);
  EXPECT_GT(blocks, 10);
}

TEST(AvroFileTest, WriterRejectsBadOptionsAndRecords) {
  Bytes file;
  FileWriterOptions reserved;
  reserved.metadata = {{"avro.custom", "x"}};
  EXPECT_FALSE(FileWriter::Make(TestSchema(), SinkTo(&file), reserved).has_value());
  FileWriterOptions lz4;
  lz4.codec = CompressionCodec::kLz4Raw;
  auto r = FileWriter::Make(TestSchema(), SinkTo(&file), lz4);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind(), ErrorKind::kNotSupported);
  FileWriterOptions level;
  level.codec = CompressionCodec::kDeflateRaw;
  level.compression_level = 99;
  EXPECT_FALSE(FileWriter::Make(TestSchema(), SinkTo(&file), level).has_value());

  file.clear();
  auto writer = FileWriter::Make(TestSchema(), SinkTo(&file)).value();
  EXPECT_FALSE(writer->Append(Datum::Long(1)).has_value());  // not a record
  ASSERT_TRUE(writer->Append(Row(1)).has_value());
  ASSERT_TRUE(writer->Close().has_value());
  EXPECT_FALSE(writer->Append(Row(2)).has_value());
  auto rows = ReadAll(file);
  ASSERT_TRUE(rows.has_value()) << rows.error();
  ASSERT_EQ(rows->size(), 1u);  // the failed append left nothing behind
  EXPECT_EQ((*rows)[0], Row(1));
}

TEST(AvroFileTest, ReaderRejectsNonAvroAndBadHeaders) {
  for (const std::string& text : {std::string(""), std::string("PAR1"), std::string("Obj\x02", 4),
                                  std::string("Obj\x01\x00", 5) + std::string(16, '\0')}) {
    Bytes b(text.begin(), text.end());
    auto r = FileReader::Open(b);
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error().kind(), ErrorKind::kCorruptFile);  // (the last has no avro.schema)
  }
  // An unknown codec is not supported, not corrupt.
  Bytes file = {'O', 'b', 'j', 1, 0x04, 0x16};
  for (char c : std::string("avro.schema")) file.push_back(static_cast<uint8_t>(c));
  file.push_back(0x0c);
  for (char c : std::string("\"long\"")) file.push_back(static_cast<uint8_t>(c));
  file.push_back(0x14);
  for (char c : std::string("avro.codec")) file.push_back(static_cast<uint8_t>(c));
  file.push_back(0x0a);
  for (char c : std::string("bzip2")) file.push_back(static_cast<uint8_t>(c));
  file.push_back(0x00);
  file.insert(file.end(), 16, 0);
  auto r = FileReader::Open(file);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind(), ErrorKind::kNotSupported);
}

TEST(AvroFileTest, TrailingBytesInABlockAreCorrupt) {
  auto schema = Schema::Parse(R"("long")").value();
  Bytes file;
  FileWriterOptions options;
  options.codec = CompressionCodec::kUncompressed;
  options.sync_marker = SyncMarker{};
  auto writer = FileWriter::Make(schema, SinkTo(&file), options).value();
  ASSERT_TRUE(writer->Append(Datum::Long(5)).has_value());
  ASSERT_TRUE(writer->Close().has_value());
  // Claim 1 record in the block but give it 2 longs: patch count 1 -> size 2 bytes.
  const size_t block = file.size() - 16 - 1 - 2;  // count, size, 1 data byte, sync
  ASSERT_EQ(file[block], 0x02);
  file[block + 1] = 0x04;
  file.insert(file.begin() + static_cast<std::ptrdiff_t>(block + 3), 0x08);
  auto rows = ReadAll(file);
  ASSERT_FALSE(rows.has_value());
  EXPECT_EQ(rows.error().kind(), ErrorKind::kCorruptFile);
}

TEST(AvroFileTest, EmptyRecordsAreBoundedPerFile) {
  auto schema = Schema::Parse(R"("null")").value();
  Bytes file;
  FileWriterOptions options;
  options.codec = CompressionCodec::kUncompressed;
  options.sync_marker = SyncMarker{};
  auto writer = FileWriter::Make(schema, SinkTo(&file), options).value();
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(writer->Append(Datum::Null()).has_value());
  ASSERT_TRUE(writer->Close().has_value());
  auto rows = ReadAll(file);
  ASSERT_TRUE(rows.has_value()) << rows.error();
  EXPECT_EQ(rows->size(), 3u);  // three records in zero bytes are fine

  // Blocks of 2^40 records in zero bytes each are not.
  Bytes hostile(file.begin(), file.end() - 18);  // drop the block: count, size, sync
  for (int i = 0; i < 4; ++i) {
    Encoder e(&hostile);
    e.WriteLong(int64_t{1} << 40);
    e.WriteLong(0);
    hostile.insert(hostile.end(), 16, 0);
  }
  auto bad = ReadAll(hostile);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().kind(), ErrorKind::kCorruptFile);
}

}  // namespace
}  // namespace floe::avro
