// SnapshotRef: a named branch or tag pointing at a snapshot, with its retention settings (spec
// "Snapshot References"). Immutable. The "main" branch is the table's current snapshot.
//
// JSON: {"snapshot-id": 123, "type": "branch", "min-snapshots-to-keep": 1,
// "max-snapshot-age-ms": 86400000, "max-ref-age-ms": 604800000}
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string_view>

#include "floe/core/result.h"

namespace floe::iceberg {

inline constexpr std::string_view kMainBranch = "main";

enum class SnapshotRefType : uint8_t { kBranch, kTag };

class SnapshotRef {
 public:
  struct Fields {
    int64_t snapshot_id = 0;
    SnapshotRefType type = SnapshotRefType::kBranch;
    std::optional<int32_t> min_snapshots_to_keep;  // branches only
    std::optional<int64_t> max_snapshot_age_ms;    // branches only
    std::optional<int64_t> max_ref_age_ms;
  };

  // Rules: retention numbers are positive; tags have no snapshot retention settings.
  static Result<SnapshotRef> Make(Fields fields);
  static SnapshotRef Branch(int64_t snapshot_id);
  static Result<SnapshotRef> FromJson(const nlohmann::json& json);
  nlohmann::json ToJson() const;

  int64_t snapshot_id() const { return f_.snapshot_id; }
  SnapshotRefType type() const { return f_.type; }
  bool is_branch() const { return f_.type == SnapshotRefType::kBranch; }
  const std::optional<int32_t>& min_snapshots_to_keep() const { return f_.min_snapshots_to_keep; }
  const std::optional<int64_t>& max_snapshot_age_ms() const { return f_.max_snapshot_age_ms; }
  const std::optional<int64_t>& max_ref_age_ms() const { return f_.max_ref_age_ms; }

  bool operator==(const SnapshotRef& other) const;

 private:
  explicit SnapshotRef(Fields fields) : f_(std::move(fields)) {}
  Fields f_;
};

}  // namespace floe::iceberg
