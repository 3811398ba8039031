#include "floe/iceberg/snapshot_ref.h"

#include <nlohmann/json.hpp>

#include "floe/iceberg/json_internal.h"

namespace floe::iceberg {

Result<SnapshotRef> SnapshotRef::Make(Fields f) {
  if (f.min_snapshots_to_keep && *f.min_snapshots_to_keep <= 0) {
    return InvalidArgument("snapshot ref: 'min-snapshots-to-keep' must be positive, got {}",
                           *f.min_snapshots_to_keep);
  }
  if (f.max_snapshot_age_ms && *f.max_snapshot_age_ms <= 0) {
    return InvalidArgument("snapshot ref: 'max-snapshot-age-ms' must be positive, got {}",
                           *f.max_snapshot_age_ms);
  }
  if (f.max_ref_age_ms && *f.max_ref_age_ms <= 0) {
    return InvalidArgument("snapshot ref: 'max-ref-age-ms' must be positive, got {}",
                           *f.max_ref_age_ms);
  }
  if (f.type == SnapshotRefType::kTag && (f.min_snapshots_to_keep || f.max_snapshot_age_ms)) {
    return InvalidArgument("snapshot ref: a tag cannot have snapshot retention settings");
  }
  return SnapshotRef(std::move(f));
}

SnapshotRef SnapshotRef::Branch(int64_t snapshot_id) {
  return SnapshotRef(Fields{snapshot_id, SnapshotRefType::kBranch, {}, {}, {}});
}

Result<SnapshotRef> SnapshotRef::FromJson(const nlohmann::json& json) {
  using namespace internal;  // NOLINT
  constexpr std::string_view kWhat = "snapshot ref";
  Fields f;
  FLOE_ASSIGN_OR_RETURN(f.snapshot_id, GetInt64(json, kWhat, "snapshot-id"));
  FLOE_ASSIGN_OR_RETURN(std::string type, GetString(json, kWhat, "type"));
  if (type == "branch") {
    f.type = SnapshotRefType::kBranch;
  } else if (type == "tag") {
    f.type = SnapshotRefType::kTag;
  } else {
    return InvalidArgument("snapshot ref: 'type' must be \"branch\" or \"tag\", got \"{}\"", type);
  }
  FLOE_ASSIGN_OR_RETURN(f.min_snapshots_to_keep,
                        GetOptionalInt32(json, kWhat, "min-snapshots-to-keep"));
  FLOE_ASSIGN_OR_RETURN(f.max_snapshot_age_ms,
                        GetOptionalInt64(json, kWhat, "max-snapshot-age-ms"));
  FLOE_ASSIGN_OR_RETURN(f.max_ref_age_ms, GetOptionalInt64(json, kWhat, "max-ref-age-ms"));
  return Make(std::move(f));
}

nlohmann::json SnapshotRef::ToJson() const {
  nlohmann::json j{{"snapshot-id", f_.snapshot_id}, {"type", is_branch() ? "branch" : "tag"}};
  if (f_.min_snapshots_to_keep) j["min-snapshots-to-keep"] = *f_.min_snapshots_to_keep;
  if (f_.max_snapshot_age_ms) j["max-snapshot-age-ms"] = *f_.max_snapshot_age_ms;
  if (f_.max_ref_age_ms) j["max-ref-age-ms"] = *f_.max_ref_age_ms;
  return j;
}

bool SnapshotRef::operator==(const SnapshotRef& other) const {
  return f_.snapshot_id == other.f_.snapshot_id && f_.type == other.f_.type &&
         f_.min_snapshots_to_keep == other.f_.min_snapshots_to_keep &&
         f_.max_snapshot_age_ms == other.f_.max_snapshot_age_ms &&
         f_.max_ref_age_ms == other.f_.max_ref_age_ms;
}

}  // namespace floe::iceberg
