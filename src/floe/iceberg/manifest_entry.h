// ManifestEntry: one row of a manifest (spec "Manifest Entry Fields"): a data or delete file
// with its status in the snapshot that wrote the manifest and the snapshot and sequence numbers
// that date it. Writers leave snapshot_id and the sequence numbers of ADDED entries unset so that
// they are inherited from the manifest list; ManifestReader fills them in on read.
#pragma once

#include <cstdint>
#include <optional>

#include "floe/iceberg/data_file.h"

namespace floe::iceberg {

// Field 0 "status".
enum class ManifestEntryStatus : int32_t {
  kExisting = 0,
  kAdded = 1,
  kDeleted = 2,
};

struct ManifestEntry {
  ManifestEntryStatus status = ManifestEntryStatus::kAdded;
  std::optional<int64_t> snapshot_id;
  // Data sequence number (field 3) and file sequence number (field 4).
  std::optional<int64_t> sequence_number;
  std::optional<int64_t> file_sequence_number;
  DataFile data_file;

  bool is_live() const { return status != ManifestEntryStatus::kDeleted; }
  bool operator==(const ManifestEntry& other) const = default;
};

}  // namespace floe::iceberg
