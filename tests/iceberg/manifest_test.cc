#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "floe/format/avro/file_reader.h"
#include "floe/iceberg/manifest_reader.h"
#include "floe/iceberg/manifest_schema.h"
#include "floe/iceberg/manifest_writer.h"
#include "floe/iceberg/single_value.h"
#include "iceberg/manifest_test_util.h"
#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using floe::testing::IsError;
using floe::testing::IsOk;
using testing::ManifestTestFile;
using testing::ManifestTestSchema;
using testing::ManifestTestSpec;

// Every field id of an Avro schema JSON, by dotted field name ("data_file.file_path"), and the
// element/key/value ids of lists and maps as "<field>.element" / ".key" / ".value".
void CollectIds(const nlohmann::json& type, const std::string& prefix,
                std::map<std::string, int64_t>& out) {
  if (type.is_array()) {
    for (const auto& branch : type) CollectIds(branch, prefix, out);
    return;
  }
  if (!type.is_object()) return;
  if (type.value("type", "") == "record") {
    for (const auto& f : type["fields"]) {
      std::string name = prefix.empty() ? f["name"].get<std::string>()
                                        : prefix + "." + f["name"].get<std::string>();
      if (f.contains("field-id")) out[name] = f["field-id"].get<int64_t>();
      CollectIds(f["type"], name, out);
    }
  } else if (type.value("type", "") == "array") {
    if (type.contains("element-id")) out[prefix + ".element"] = type["element-id"].get<int64_t>();
    CollectIds(type["items"], prefix, out);
  }
}

std::map<std::string, int64_t> FieldIds(const nlohmann::json& schema) {
  std::map<std::string, int64_t> ids;
  CollectIds(schema, "", ids);
  return ids;
}

TEST(ManifestSchemaTest, V2FieldIdsMatchTheSpec) {
  Schema schema = ManifestTestSchema();
  FLOE_ASSERT_OK_AND_ASSIGN(auto ptype, ManifestTestSpec(schema).PartitionType(schema));
  FLOE_ASSERT_OK_AND_ASSIGN(auto json, ManifestEntryAvroSchema(2, *ptype));
  std::map<std::string, int64_t> expected = {
      {"status", 0},
      {"snapshot_id", 1},
      {"sequence_number", 3},
      {"file_sequence_number", 4},
      {"data_file", 2},
      {"data_file.content", 134},
      {"data_file.file_path", 100},
      {"data_file.file_format", 101},
      {"data_file.partition", 102},
      {"data_file.partition.ts_day", 1000},
      {"data_file.partition.name", 1001},
      {"data_file.record_count", 103},
      {"data_file.file_size_in_bytes", 104},
      {"data_file.column_sizes", 108},
      {"data_file.column_sizes.key", 117},
      {"data_file.column_sizes.value", 118},
      {"data_file.value_counts", 109},
      {"data_file.value_counts.key", 119},
      {"data_file.value_counts.value", 120},
      {"data_file.null_value_counts", 110},
      {"data_file.null_value_counts.key", 121},
      {"data_file.null_value_counts.value", 122},
      {"data_file.nan_value_counts", 137},
      {"data_file.nan_value_counts.key", 138},
      {"data_file.nan_value_counts.value", 139},
      {"data_file.lower_bounds", 125},
      {"data_file.lower_bounds.key", 126},
      {"data_file.lower_bounds.value", 127},
      {"data_file.upper_bounds", 128},
      {"data_file.upper_bounds.key", 129},
      {"data_file.upper_bounds.value", 130},
      {"data_file.key_metadata", 131},
      {"data_file.split_offsets", 132},
      {"data_file.split_offsets.element", 133},
      {"data_file.equality_ids", 135},
      {"data_file.equality_ids.element", 136},
      {"data_file.sort_order_id", 140},
      {"data_file.referenced_data_file", 143},
  };
  EXPECT_EQ(FieldIds(json), expected);
}

TEST(ManifestSchemaTest, V1HasBlockSizeAndNoSequenceNumbers) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto empty, StructType::Make({}));
  FLOE_ASSERT_OK_AND_ASSIGN(auto json, ManifestEntryAvroSchema(1, *empty));
  auto ids = FieldIds(json);
  EXPECT_EQ(ids.at("data_file.block_size_in_bytes"), 105);
  EXPECT_EQ(ids.count("sequence_number"), 0u);
  EXPECT_EQ(ids.count("data_file.content"), 0u);
  EXPECT_EQ(ids.count("data_file.equality_ids"), 0u);
  EXPECT_EQ(json["fields"][1]["type"], "long");  // snapshot_id is required in v1
}

TEST(ManifestSchemaTest, ManifestListFieldIdsMatchTheSpec) {
  auto ids = FieldIds(ManifestFileAvroSchema(2));
  std::map<std::string, int64_t> expected = {
      {"manifest_path", 500},           {"manifest_length", 501},
      {"partition_spec_id", 502},       {"content", 517},
      {"sequence_number", 515},         {"min_sequence_number", 516},
      {"added_snapshot_id", 503},       {"added_files_count", 504},
      {"existing_files_count", 505},    {"deleted_files_count", 506},
      {"added_rows_count", 512},        {"existing_rows_count", 513},
      {"deleted_rows_count", 514},      {"partitions", 507},
      {"partitions.element", 508},      {"partitions.contains_null", 509},
      {"partitions.contains_nan", 518}, {"partitions.lower_bound", 510},
      {"partitions.upper_bound", 511},  {"key_metadata", 519},
  };
  EXPECT_EQ(ids, expected);
  auto v1 = FieldIds(ManifestFileAvroSchema(1));
  EXPECT_EQ(v1.count("content"), 0u);
  EXPECT_EQ(v1.count("sequence_number"), 0u);
}

TEST(ManifestSchemaTest, NamesAreSanitized) {
  EXPECT_EQ(SanitizeAvroName("Breed Name"), "Breed_x20Name");
  EXPECT_EQ(SanitizeAvroName("1a"), "_1a");
  EXPECT_EQ(SanitizeAvroName("ok_name"), "ok_name");
  EXPECT_EQ(DecimalFixedSize(9), 4);
  EXPECT_EQ(DecimalFixedSize(38), 16);
}

struct Written {
  std::vector<uint8_t> bytes;
  ManifestFile manifest;
};

TEST(ManifestWriterTest, V2RoundTripWithInheritance) {
  Schema schema = ManifestTestSchema();
  PartitionSpec spec = ManifestTestSpec(schema);
  std::vector<uint8_t> bytes;
  ManifestWriterOptions options;
  options.format_version = 2;
  options.snapshot_id = 77;
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer,
                            ManifestWriter::Make(schema, spec, avro::SinkTo(&bytes), options));
  DataFile a = ManifestTestFile(1, Literal::Date(19723), Literal::String("b"));
  DataFile b = ManifestTestFile(2, Literal::Date(19700), Literal::Null());
  DataFile c = ManifestTestFile(3, Literal::Date(19800), Literal::String("a"));
  c.key_metadata = std::vector<uint8_t>{1, 2, 3};
  ASSERT_THAT(writer->WriteAdded(a), IsOk());
  ASSERT_THAT(writer->WriteExisting(b, 50, 4, 5), IsOk());
  ASSERT_THAT(writer->WriteDeleted(c, 2, 3), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(ManifestFile m, writer->Close("s3://bucket/t/metadata/m0.avro"));

  EXPECT_EQ(m.manifest_length, static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(m.partition_spec_id, 5);
  EXPECT_EQ(m.content, ManifestContent::kData);
  EXPECT_EQ(m.sequence_number, ManifestFile::kUnassignedSequenceNumber);
  EXPECT_EQ(m.min_sequence_number, 4);  // the deleted entry does not count
  EXPECT_EQ(m.added_snapshot_id, 77);
  EXPECT_EQ(m.added_files_count, 1);
  EXPECT_EQ(m.existing_files_count, 1);
  EXPECT_EQ(m.deleted_files_count, 1);
  EXPECT_EQ(m.added_rows_count, 101);
  EXPECT_EQ(m.existing_rows_count, 102);
  EXPECT_EQ(m.deleted_rows_count, 103);
  ASSERT_EQ(m.partitions.size(), 2u);
  EXPECT_FALSE(m.partitions[0].contains_null);
  EXPECT_EQ(m.partitions[0].lower_bound, *SerializeSingleValue(Literal::Date(19700)));
  EXPECT_EQ(m.partitions[0].upper_bound, *SerializeSingleValue(Literal::Date(19800)));
  EXPECT_TRUE(m.partitions[1].contains_null);
  EXPECT_EQ(m.partitions[1].contains_nan, false);
  EXPECT_EQ(m.partitions[1].lower_bound, (std::vector<uint8_t>{'a'}));
  EXPECT_EQ(m.partitions[1].upper_bound, (std::vector<uint8_t>{'b'}));

  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(bytes));
  EXPECT_EQ(reader->format_version(), 2);
  EXPECT_EQ(reader->content(), ManifestContent::kData);
  EXPECT_EQ(reader->partition_spec_id(), 5);
  FLOE_ASSERT_OK_AND_ASSIGN(Schema back_schema, reader->schema());
  EXPECT_TRUE(back_schema.SameSchema(schema));
  EXPECT_EQ(back_schema.schema_id(), 3);
  FLOE_ASSERT_OK_AND_ASSIGN(PartitionSpec back_spec, reader->partition_spec());
  EXPECT_EQ(back_spec, spec);
  EXPECT_EQ(reader->avro_reader().FindMetadata("schema-id"), "3");

  ManifestFile listed = m;
  listed.sequence_number = 9;  // as a manifest list assigns it
  FLOE_ASSERT_OK_AND_ASSIGN(auto entries, reader->ReadEntries(listed));
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].status, ManifestEntryStatus::kAdded);
  EXPECT_EQ(entries[0].snapshot_id, 77);
  EXPECT_EQ(entries[0].sequence_number, 9);
  EXPECT_EQ(entries[0].file_sequence_number, 9);
  EXPECT_EQ(entries[0].data_file, a);
  EXPECT_EQ(entries[1].status, ManifestEntryStatus::kExisting);
  EXPECT_EQ(entries[1].snapshot_id, 50);
  EXPECT_EQ(entries[1].sequence_number, 4);
  EXPECT_EQ(entries[1].file_sequence_number, 5);
  EXPECT_EQ(entries[1].data_file, b);
  EXPECT_EQ(entries[2].status, ManifestEntryStatus::kDeleted);
  EXPECT_EQ(entries[2].sequence_number, 2);
  EXPECT_EQ(entries[2].data_file, c);
  EXPECT_EQ(entries[2].data_file.partition[0].type_id(), TypeId::kDate);
}

TEST(ManifestWriterTest, NullSnapshotIdIsInheritedFromTheManifest) {
  Schema schema = ManifestTestSchema();
  PartitionSpec spec = ManifestTestSpec(schema);
  std::vector<uint8_t> bytes;
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer, ManifestWriter::Make(schema, spec, avro::SinkTo(&bytes)));
  ASSERT_THAT(writer->WriteAdded(ManifestTestFile(1, Literal::Date(1), Literal::String("x")), 3),
              IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(ManifestFile m, writer->Close("m.avro"));
  EXPECT_EQ(m.min_sequence_number, 3);
  m.added_snapshot_id = 1234;
  m.sequence_number = 8;
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(bytes));
  FLOE_ASSERT_OK_AND_ASSIGN(auto entries, reader->ReadEntries(m));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].snapshot_id, 1234);
  EXPECT_EQ(entries[0].sequence_number, 3);       // explicit, kept
  EXPECT_EQ(entries[0].file_sequence_number, 8);  // inherited
}

TEST(ManifestWriterTest, V1RoundTripReadsSequenceNumbersAsZero) {
  Schema schema = ManifestTestSchema();
  PartitionSpec spec = ManifestTestSpec(schema);
  std::vector<uint8_t> bytes;
  ManifestWriterOptions options;
  options.format_version = 1;
  options.snapshot_id = 5;
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer,
                            ManifestWriter::Make(schema, spec, avro::SinkTo(&bytes), options));
  DataFile a = ManifestTestFile(1, Literal::Date(10), Literal::String("n"));
  ASSERT_THAT(writer->WriteAdded(a), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(ManifestFile m, writer->Close("m1.avro"));
  EXPECT_EQ(m.sequence_number, 0);
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(bytes));
  EXPECT_EQ(reader->format_version(), 1);
  EXPECT_FALSE(reader->avro_reader().FindMetadata("content").has_value());
  FLOE_ASSERT_OK_AND_ASSIGN(auto entries, reader->ReadEntries(m));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].snapshot_id, 5);
  EXPECT_EQ(entries[0].sequence_number, 0);
  EXPECT_EQ(entries[0].file_sequence_number, 0);
  EXPECT_EQ(entries[0].data_file, a);
}

TEST(ManifestWriterTest, DeleteManifestRoundTrip) {
  Schema schema = ManifestTestSchema();
  PartitionSpec spec = ManifestTestSpec(schema);
  std::vector<uint8_t> bytes;
  ManifestWriterOptions options;
  options.content = ManifestContent::kDeletes;
  options.snapshot_id = 9;
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer,
                            ManifestWriter::Make(schema, spec, avro::SinkTo(&bytes), options));
  DataFile pos = ManifestTestFile(1, Literal::Date(1), Literal::String("x"));
  pos.content = DataFileContent::kPositionDeletes;
  pos.sort_order_id.reset();
  pos.referenced_data_file = "s3://bucket/t/data/f0.parquet";
  DataFile eq = ManifestTestFile(2, Literal::Date(1), Literal::String("x"));
  eq.content = DataFileContent::kEqualityDeletes;
  eq.equality_ids = {1, 3};
  ASSERT_THAT(writer->WriteAdded(pos), IsOk());
  ASSERT_THAT(writer->WriteAdded(eq), IsOk());
  DataFile data = ManifestTestFile(3, Literal::Date(1), Literal::String("x"));
  EXPECT_THAT(writer->WriteAdded(data), IsError(ErrorKind::kInvalidArgument));
  FLOE_ASSERT_OK_AND_ASSIGN(ManifestFile m, writer->Close("d.avro"));
  EXPECT_EQ(m.content, ManifestContent::kDeletes);
  EXPECT_EQ(m.added_files_count, 2);

  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(bytes));
  EXPECT_EQ(reader->content(), ManifestContent::kDeletes);
  EXPECT_EQ(reader->avro_reader().FindMetadata("content"), "deletes");
  m.sequence_number = 4;
  FLOE_ASSERT_OK_AND_ASSIGN(auto entries, reader->ReadEntries(m));
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].data_file, pos);
  EXPECT_EQ(entries[1].data_file, eq);
  EXPECT_EQ(entries[1].data_file.equality_ids, (std::vector<int32_t>{1, 3}));
  EXPECT_EQ(entries[1].sequence_number, 4);
}

TEST(ManifestWriterTest, AllPartitionValueTypesRoundTrip) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto dec, PrimitiveType::Decimal(9, 2));
  FLOE_ASSERT_OK_AND_ASSIGN(auto fixed, PrimitiveType::Fixed(2));
  std::vector<TypePtr> types = {PrimitiveType::Boolean(),
                                PrimitiveType::Int(),
                                PrimitiveType::Long(),
                                PrimitiveType::Float(),
                                PrimitiveType::Double(),
                                dec,
                                PrimitiveType::Date(),
                                PrimitiveType::Time(),
                                PrimitiveType::Timestamp(),
                                PrimitiveType::TimestampTz(),
                                PrimitiveType::String(),
                                PrimitiveType::Uuid(),
                                fixed,
                                PrimitiveType::Binary()};
  Literal::UuidBytes uuid{};
  uuid[0] = 0xAB;
  std::vector<Literal> values = {Literal::Boolean(true),   Literal::Int(-5),
                                 Literal::Long(1LL << 40), Literal::Float(1.5f),
                                 Literal::Double(-2.25),   Literal::Decimal(-1234, 2),
                                 Literal::Date(19000),     Literal::Time(3600000000LL),
                                 Literal::Timestamp(7),    Literal::TimestampTz(8),
                                 Literal::String("héllo"), Literal::Uuid(uuid),
                                 Literal::Fixed({1, 2}),   Literal::Binary({9})};
  std::vector<NestedField> columns;
  std::vector<PartitionField> fields;
  for (size_t i = 0; i < types.size(); ++i) {
    auto id = static_cast<int32_t>(i + 1);
    columns.push_back(NestedField::Optional(id, "c" + std::to_string(i), types[i]));
    fields.emplace_back(id, 1000 + id, "p " + std::to_string(i), Transform::Identity());
  }
  FLOE_ASSERT_OK_AND_ASSIGN(Schema schema, Schema::Make(0, columns));
  FLOE_ASSERT_OK_AND_ASSIGN(PartitionSpec spec, PartitionSpec::Make(schema, 0, fields));
  std::vector<uint8_t> bytes;
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer, ManifestWriter::Make(schema, spec, avro::SinkTo(&bytes)));
  DataFile f;
  f.file_path = "f.parquet";
  f.partition = values;
  ASSERT_THAT(writer->WriteAdded(f), IsOk());
  f.partition[3] = Literal::Float(std::numeric_limits<float>::quiet_NaN());
  f.file_path = "g.parquet";
  ASSERT_THAT(writer->WriteAdded(f), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(ManifestFile m, writer->Close("m.avro"));
  EXPECT_EQ(m.partitions[3].contains_nan, true);
  EXPECT_EQ(m.partitions[3].lower_bound, *SerializeSingleValue(Literal::Float(1.5f)));
  EXPECT_EQ(m.partitions[5].lower_bound, (std::vector<uint8_t>{0xFB, 0x2E}));

  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(bytes));
  FLOE_ASSERT_OK_AND_ASSIGN(auto entries, reader->ReadRawEntries());
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].data_file.partition, values);
  EXPECT_FALSE(entries[0].sequence_number.has_value());
}

TEST(ManifestWriterTest, RefusesBadInput) {
  Schema schema = ManifestTestSchema();
  PartitionSpec spec = ManifestTestSpec(schema);
  std::vector<uint8_t> bytes;
  ManifestWriterOptions v1;
  v1.format_version = 1;
  EXPECT_THAT(ManifestWriter::Make(schema, spec, avro::SinkTo(&bytes), v1),
              IsError(ErrorKind::kInvalidArgument));  // no snapshot id
  ManifestWriterOptions v3;
  v3.format_version = 3;
  EXPECT_THAT(ManifestWriter::Make(schema, spec, avro::SinkTo(&bytes), v3),
              IsError(ErrorKind::kNotSupported));
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer, ManifestWriter::Make(schema, spec, avro::SinkTo(&bytes)));
  DataFile wrong_type = ManifestTestFile(1, Literal::Int(3), Literal::String("x"));
  EXPECT_THAT(writer->WriteAdded(wrong_type), IsError(ErrorKind::kInvalidArgument));
  DataFile too_few = ManifestTestFile(1, Literal::Date(3), Literal::String("x"));
  too_few.partition.pop_back();
  EXPECT_THAT(writer->WriteAdded(too_few), IsError(ErrorKind::kInvalidArgument));
  ManifestEntry existing;
  existing.status = ManifestEntryStatus::kExisting;
  existing.data_file = ManifestTestFile(1, Literal::Date(3), Literal::String("x"));
  EXPECT_THAT(writer->Write(existing), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(writer->Close("m.avro"), IsOk());
  EXPECT_THAT(writer->WriteAdded(existing.data_file), IsError(ErrorKind::kInvalidArgument));
}

TEST(ManifestReaderTest, GarbageIsCorrupt) {
  std::vector<uint8_t> junk = {'O', 'b', 'j', 1, 0xFF};
  EXPECT_FALSE(ManifestReader::Open(junk).has_value());
}

}  // namespace
}  // namespace floe::iceberg
