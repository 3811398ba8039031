// ManifestWriter: writes one manifest, an Avro file of manifest_entry records (schema and field
// ids in manifest_schema.h) for a single partition spec, and summarizes it as the ManifestFile
// that goes into the manifest list.
//
// Header metadata (spec "Manifests"): "schema" (the table schema JSON), "schema-id",
// "partition-spec" (the spec's fields array JSON), "partition-spec-id", "format-version", and
// in v2 "content" ("data" or "deletes").
//
// New files are written with their data and file sequence numbers unset, to be inherited from
// the manifest list once the commit assigns the snapshot's sequence number; the returned
// ManifestFile carries ManifestFile::kUnassignedSequenceNumber for the same reason.
//
//   std::vector<uint8_t> bytes;
//   FLOE_ASSIGN_OR_RETURN(auto w, ManifestWriter::Make(schema, spec, avro::SinkTo(&bytes),
//                                                      {.format_version = 2, .snapshot_id = 7}));
//   FLOE_RETURN_IF_ERROR(w->WriteAdded(file));
//   FLOE_ASSIGN_OR_RETURN(ManifestFile m, w->Close("s3://b/t/metadata/m0.avro"));
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/avro/file_writer.h"
#include "floe/iceberg/literal.h"
#include "floe/iceberg/manifest_entry.h"
#include "floe/iceberg/manifest_file.h"
#include "floe/iceberg/partition_spec.h"
#include "floe/iceberg/schema.h"

namespace floe::iceberg {

struct ManifestWriterOptions {
  // 1 or 2.
  int format_version = 2;
  // Data manifests hold data files, delete manifests (v2 only) delete files.
  ManifestContent content = ManifestContent::kData;
  // The snapshot writing the manifest: stamped on added and deleted entries and returned as the
  // manifest's added_snapshot_id. Required in v1; in v2 it may be left to inheritance.
  std::optional<int64_t> snapshot_id;
  format::CompressionCodec codec = format::CompressionCodec::kDeflateRaw;
  // Fixed sync marker for reproducible files.
  std::optional<avro::SyncMarker> sync_marker;
};

class ManifestWriter {
 public:
  static Result<std::unique_ptr<ManifestWriter>> Make(const Schema& schema,
                                                      const PartitionSpec& spec,
                                                      avro::ByteSink sink,
                                                      ManifestWriterOptions options = {});

  ManifestWriter(const ManifestWriter&) = delete;
  ManifestWriter& operator=(const ManifestWriter&) = delete;

  // A file new in this snapshot. `data_sequence_number` is set only for files whose data is
  // older than the snapshot (v2).
  Status WriteAdded(const DataFile& file,
                    std::optional<int64_t> data_sequence_number = std::nullopt);
  // A file carried over from an earlier snapshot, with the numbers it was committed with.
  Status WriteExisting(const DataFile& file, int64_t snapshot_id, int64_t sequence_number,
                       int64_t file_sequence_number);
  // A file removed by this snapshot, with the sequence numbers it was committed with.
  Status WriteDeleted(const DataFile& file, int64_t sequence_number, int64_t file_sequence_number);
  // Any entry as given. The file must validate, match the manifest's content and have one
  // partition value of the right type per partition field.
  Status Write(const ManifestEntry& entry);

  // Finishes the file and returns its summary. REQUIRES: called once.
  Result<ManifestFile> Close(std::string manifest_path);

  const StructType& partition_type() const { return *partition_type_; }

 private:
  struct FieldStats {
    bool contains_null = false;
    bool contains_nan = false;
    std::optional<Literal> lower;
    std::optional<Literal> upper;
  };

  ManifestWriter(ManifestWriterOptions options, int32_t spec_id,
                 std::shared_ptr<const StructType> partition_type,
                 std::unique_ptr<avro::FileWriter> writer);
  Status UpdateStats(const ManifestEntry& entry);

  ManifestWriterOptions options_;
  int32_t spec_id_;
  std::shared_ptr<const StructType> partition_type_;
  std::unique_ptr<avro::FileWriter> writer_;
  std::vector<FieldStats> field_stats_;
  int32_t added_files_ = 0;
  int32_t existing_files_ = 0;
  int32_t deleted_files_ = 0;
  int64_t added_rows_ = 0;
  int64_t existing_rows_ = 0;
  int64_t deleted_rows_ = 0;
  std::optional<int64_t> min_sequence_number_;
  bool closed_ = false;
};

}  // namespace floe::iceberg
