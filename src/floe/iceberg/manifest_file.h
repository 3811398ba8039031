// ManifestFile: a manifest as a manifest list records it (spec "Manifest Lists"): where it is,
// which partition spec and content it has, the snapshot and sequence numbers that date it, entry
// and row counts by status, and a summary of each partition field's values, used to skip
// manifests during scan planning. ManifestWriter::Close returns one; ManifestListWriter stores
// them and ReadManifestList reads them back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace floe::iceberg {

// Field 517 "content".
enum class ManifestContent : int32_t {
  kData = 0,
  kDeletes = 1,
};

// The manifest header's "content" value: "data" or "deletes".
std::string_view ManifestContentName(ManifestContent content);

// Fields 509-511 and 518: what the manifest's files hold in one partition field.
struct PartitionFieldSummary {
  bool contains_null = false;
  std::optional<bool> contains_nan;
  // Single-value serialized bounds of the non-null, non-NaN values; unset when there are none.
  std::optional<std::vector<uint8_t>> lower_bound;
  std::optional<std::vector<uint8_t>> upper_bound;

  bool operator==(const PartitionFieldSummary& other) const = default;
};

struct ManifestFile {
  // Sequence numbers not yet known when a manifest is written; the manifest list writer of a
  // v2 table replaces them with the snapshot's sequence number.
  static constexpr int64_t kUnassignedSequenceNumber = -1;

  std::string manifest_path;
  int64_t manifest_length = 0;
  int32_t partition_spec_id = 0;
  ManifestContent content = ManifestContent::kData;
  int64_t sequence_number = kUnassignedSequenceNumber;
  int64_t min_sequence_number = kUnassignedSequenceNumber;
  int64_t added_snapshot_id = 0;
  // Optional in v1 lists (null means "assume non-zero").
  std::optional<int32_t> added_files_count;
  std::optional<int32_t> existing_files_count;
  std::optional<int32_t> deleted_files_count;
  std::optional<int64_t> added_rows_count;
  std::optional<int64_t> existing_rows_count;
  std::optional<int64_t> deleted_rows_count;
  std::vector<PartitionFieldSummary> partitions;
  std::optional<std::vector<uint8_t>> key_metadata;

  bool operator==(const ManifestFile& other) const = default;
};

}  // namespace floe::iceberg
