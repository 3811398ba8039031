#include "floe/iceberg/manifest_list.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using floe::testing::IsError;
using floe::testing::IsOk;

ManifestFile SampleManifest(std::string path, int64_t seq) {
  ManifestFile m;
  m.manifest_path = std::move(path);
  m.manifest_length = 7211;
  m.partition_spec_id = 1;
  m.sequence_number = seq;
  m.min_sequence_number = seq;
  m.added_snapshot_id = 42;
  m.added_files_count = 2;
  m.existing_files_count = 3;
  m.deleted_files_count = 1;
  m.added_rows_count = 20;
  m.existing_rows_count = 30;
  m.deleted_rows_count = 10;
  PartitionFieldSummary s;
  s.contains_null = true;
  s.contains_nan = false;
  s.lower_bound = std::vector<uint8_t>{1, 0, 0, 0};
  s.upper_bound = std::vector<uint8_t>{9, 0, 0, 0};
  m.partitions = {s, PartitionFieldSummary{}};
  return m;
}

TEST(ManifestListTest, V2RoundTripAssignsSequenceNumbers) {
  std::vector<uint8_t> bytes;
  ManifestListWriterOptions options;
  options.snapshot_id = 42;
  options.parent_snapshot_id = 41;
  options.sequence_number = 7;
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer, ManifestListWriter::Make(avro::SinkTo(&bytes), options));
  ManifestFile fresh = SampleManifest("s3://b/m-new.avro", ManifestFile::kUnassignedSequenceNumber);
  ManifestFile old = SampleManifest("s3://b/m-old.avro", 3);
  old.content = ManifestContent::kDeletes;
  old.key_metadata = std::vector<uint8_t>{0xAA};
  ASSERT_THAT(writer->Add(fresh), IsOk());
  ASSERT_THAT(writer->Add(old), IsOk());
  ASSERT_THAT(writer->Close(), IsOk());
  EXPECT_EQ(writer->bytes_written(), bytes.size());

  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, ManifestListReader::Open(bytes));
  EXPECT_EQ(reader->format_version(), 2);
  EXPECT_EQ(reader->snapshot_id(), 42);
  EXPECT_EQ(reader->parent_snapshot_id(), 41);
  EXPECT_EQ(reader->sequence_number(), 7);
  FLOE_ASSERT_OK_AND_ASSIGN(auto manifests, reader->ReadAll());
  ASSERT_EQ(manifests.size(), 2u);
  ManifestFile expected_fresh = fresh;
  expected_fresh.sequence_number = 7;
  expected_fresh.min_sequence_number = 7;
  EXPECT_EQ(manifests[0], expected_fresh);
  EXPECT_EQ(manifests[1], old);
}

TEST(ManifestListTest, V1RoundTrip) {
  std::vector<uint8_t> bytes;
  ManifestListWriterOptions options;
  options.format_version = 1;
  options.snapshot_id = 42;
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer, ManifestListWriter::Make(avro::SinkTo(&bytes), options));
  ManifestFile m = SampleManifest("s3://b/m.avro", 0);
  m.added_rows_count.reset();  // optional in v1
  ASSERT_THAT(writer->Add(m), IsOk());
  ManifestFile deletes = m;
  deletes.content = ManifestContent::kDeletes;
  EXPECT_THAT(writer->Add(deletes), IsError(ErrorKind::kInvalidArgument));
  ASSERT_THAT(writer->Close(), IsOk());

  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, ManifestListReader::Open(bytes));
  EXPECT_EQ(reader->format_version(), 1);
  EXPECT_EQ(reader->snapshot_id(), 42);
  EXPECT_FALSE(reader->parent_snapshot_id().has_value());
  EXPECT_FALSE(reader->sequence_number().has_value());
  FLOE_ASSERT_OK_AND_ASSIGN(auto manifests, reader->ReadAll());
  ASSERT_EQ(manifests.size(), 1u);
  EXPECT_EQ(manifests[0], m);
}

TEST(ManifestListTest, RefusesUnknownVersions) {
  std::vector<uint8_t> bytes;
  ManifestListWriterOptions options;
  options.format_version = 4;
  EXPECT_THAT(ManifestListWriter::Make(avro::SinkTo(&bytes), options),
              IsError(ErrorKind::kNotSupported));
}

}  // namespace
}  // namespace floe::iceberg
