// SnapshotInfo: a summary view of one table snapshot (the seed's model): its id, when it was
// made, the operation (append, overwrite, delete, replace), the summary properties and its
// parent. timestamp() gives the time as a UTC time point.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "floe/core/result.h"

namespace floe::iceberg {

class Snapshot;

class SnapshotInfo {
 public:
  struct Fields {
    int64_t snapshot_id = 0;
    int64_t timestamp_ms = 0;
    std::string operation{};
    std::map<std::string, std::string> summary{};
    std::optional<int64_t> parent_snapshot_id{};
    bool operator==(const Fields&) const = default;
  };

  // Refuses an empty operation.
  static Result<SnapshotInfo> Make(Fields fields);
  static Result<SnapshotInfo> FromJson(const nlohmann::json& json);
  static Result<SnapshotInfo> FromYaml(std::string_view yaml);
  // The view of a table snapshot. A format-v1 snapshot written without a summary records no
  // operation; it reports "unknown" rather than guessing.
  static Result<SnapshotInfo> FromSnapshot(const Snapshot& snapshot);

  int64_t snapshot_id() const { return f_.snapshot_id; }
  int64_t timestamp_ms() const { return f_.timestamp_ms; }
  const std::string& operation() const { return f_.operation; }
  const std::map<std::string, std::string>& summary() const { return f_.summary; }
  const std::optional<int64_t>& parent_snapshot_id() const { return f_.parent_snapshot_id; }

  // The creation time, UTC.
  std::chrono::sys_time<std::chrono::milliseconds> timestamp() const {
    return std::chrono::sys_time<std::chrono::milliseconds>(
        std::chrono::milliseconds(f_.timestamp_ms));
  }
  // ISO 8601 with milliseconds: "2024-01-01T10:00:00.000Z".
  std::string timestamp_iso() const;

  nlohmann::json ToJson() const;
  std::string ToString() const;
  bool operator==(const SnapshotInfo& other) const = default;

 private:
  explicit SnapshotInfo(Fields fields) : f_(std::move(fields)) {}
  Fields f_;
};

std::ostream& operator<<(std::ostream& os, const SnapshotInfo& s);

}  // namespace floe::iceberg
