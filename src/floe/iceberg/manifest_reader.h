// ManifestReader: reads a manifest (format v1 or v2, data or delete manifest; byte layout in
// manifest_schema.h) held in memory. Fields are found by field id, not position, so that files
// from other writers (Iceberg Java, Spark and Athena are tested) read as well as ours.
//
// ReadEntries applies inheritance from the manifest's entry in the manifest list (spec
// "Sequence Number Inheritance"): a null snapshot_id becomes the manifest's added_snapshot_id;
// null data and file sequence numbers of ADDED entries become the manifest's sequence_number;
// manifests without sequence number columns (v1) read every sequence number as 0.
//
//   FLOE_ASSIGN_OR_RETURN(auto reader, ManifestReader::Open(bytes));
//   FLOE_ASSIGN_OR_RETURN(auto entries, reader->ReadEntries(manifest_file));
//   for (const ManifestEntry& e : entries) if (e.is_live()) ...
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/avro/file_reader.h"
#include "floe/iceberg/manifest_entry.h"
#include "floe/iceberg/manifest_file.h"
#include "floe/iceberg/partition_spec.h"
#include "floe/iceberg/schema.h"

namespace floe::iceberg {

class ManifestReader {
 public:
  // Parses the header. REQUIRES: `bytes` outlive the reader.
  static Result<std::unique_ptr<ManifestReader>> Open(std::span<const uint8_t> bytes);

  ManifestReader(const ManifestReader&) = delete;
  ManifestReader& operator=(const ManifestReader&) = delete;

  // "format-version" from the header; 1 when absent.
  int format_version() const { return format_version_; }
  // "content" from the header; data when absent.
  ManifestContent content() const { return content_; }
  // "partition-spec-id"; nullopt when absent (older v1 writers).
  std::optional<int32_t> partition_spec_id() const { return partition_spec_id_; }
  // The table schema and partition spec recorded in the header.
  Result<Schema> schema() const;
  Result<PartitionSpec> partition_spec() const;
  const avro::FileReader& avro_reader() const { return *reader_; }

  // Every entry, deleted ones included, with inheritance from `manifest`.
  // REQUIRES: called once (the reader streams through the file).
  Result<std::vector<ManifestEntry>> ReadEntries(const ManifestFile& manifest);
  // Every entry as stored, with no inheritance. REQUIRES: called once.
  Result<std::vector<ManifestEntry>> ReadRawEntries();

 private:
  explicit ManifestReader(std::unique_ptr<avro::FileReader> reader) : reader_(std::move(reader)) {}

  std::unique_ptr<avro::FileReader> reader_;
  int format_version_ = 1;
  ManifestContent content_ = ManifestContent::kData;
  std::optional<int32_t> partition_spec_id_;
  bool has_sequence_numbers_ = false;
};

// Applies inheritance to entries read raw from `manifest` (see ManifestReader).
// `has_sequence_numbers` is false for v1 manifests.
void InheritManifestEntryFields(const ManifestFile& manifest, bool has_sequence_numbers,
                                std::vector<ManifestEntry>& entries);

}  // namespace floe::iceberg
