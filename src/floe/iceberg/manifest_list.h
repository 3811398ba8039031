// Manifest lists: the Avro file of manifest_file records (schema in manifest_schema.h) that a
// snapshot points at, one record per manifest.
//
// Header metadata: "snapshot-id", "parent-snapshot-id" (when there is a parent),
// "sequence-number" (v2) and "format-version". A v2 writer replaces unassigned sequence numbers
// (ManifestFile::kUnassignedSequenceNumber, written by ManifestWriter before the commit knew
// them) with the snapshot's sequence number, so that the manifest's ADDED entries inherit it.
//
//   std::vector<uint8_t> bytes;
//   FLOE_ASSIGN_OR_RETURN(auto w, ManifestListWriter::Make(avro::SinkTo(&bytes),
//       {.format_version = 2, .snapshot_id = 7, .sequence_number = 3}));
//   FLOE_RETURN_IF_ERROR(w->Add(manifest));
//   FLOE_RETURN_IF_ERROR(w->Close());
//   FLOE_ASSIGN_OR_RETURN(auto list, ManifestListReader::Open(bytes));
//   FLOE_ASSIGN_OR_RETURN(std::vector<ManifestFile> manifests, list->ReadAll());
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/avro/file_reader.h"
#include "floe/format/avro/file_writer.h"
#include "floe/iceberg/manifest_file.h"

namespace floe::iceberg {

struct ManifestListWriterOptions {
  // 1 or 2.
  int format_version = 2;
  int64_t snapshot_id = 0;
  std::optional<int64_t> parent_snapshot_id;
  // The snapshot's sequence number (v2).
  int64_t sequence_number = 0;
  format::CompressionCodec codec = format::CompressionCodec::kDeflateRaw;
  std::optional<avro::SyncMarker> sync_marker;
};

class ManifestListWriter {
 public:
  static Result<std::unique_ptr<ManifestListWriter>> Make(avro::ByteSink sink,
                                                          ManifestListWriterOptions options);

  ManifestListWriter(const ManifestListWriter&) = delete;
  ManifestListWriter& operator=(const ManifestListWriter&) = delete;

  // v1 lists hold only data manifests.
  Status Add(const ManifestFile& manifest);
  Status Close();
  // The file's length once closed.
  uint64_t bytes_written() const { return writer_->bytes_written(); }

 private:
  ManifestListWriter(ManifestListWriterOptions options, std::unique_ptr<avro::FileWriter> writer)
      : options_(options), writer_(std::move(writer)) {}

  ManifestListWriterOptions options_;
  std::unique_ptr<avro::FileWriter> writer_;
};

class ManifestListReader {
 public:
  // REQUIRES: `bytes` outlive the reader.
  static Result<std::unique_ptr<ManifestListReader>> Open(std::span<const uint8_t> bytes);

  ManifestListReader(const ManifestListReader&) = delete;
  ManifestListReader& operator=(const ManifestListReader&) = delete;

  // Header values; nullopt when absent. format_version() is 1 when absent.
  int format_version() const { return format_version_; }
  std::optional<int64_t> snapshot_id() const { return snapshot_id_; }
  std::optional<int64_t> parent_snapshot_id() const { return parent_snapshot_id_; }
  std::optional<int64_t> sequence_number() const { return sequence_number_; }
  const avro::FileReader& avro_reader() const { return *reader_; }

  // Every manifest, in file order. v1 records read with content data and sequence numbers 0.
  // REQUIRES: called once.
  Result<std::vector<ManifestFile>> ReadAll();

 private:
  explicit ManifestListReader(std::unique_ptr<avro::FileReader> reader)
      : reader_(std::move(reader)) {}

  std::unique_ptr<avro::FileReader> reader_;
  int format_version_ = 1;
  std::optional<int64_t> snapshot_id_;
  std::optional<int64_t> parent_snapshot_id_;
  std::optional<int64_t> sequence_number_;
};

}  // namespace floe::iceberg
