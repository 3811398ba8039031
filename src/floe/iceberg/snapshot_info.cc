#include "floe/iceberg/snapshot_info.h"

#include <fmt/chrono.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "floe/core/model_fields_internal.h"
#include "floe/core/yaml.h"
#include "floe/iceberg/snapshot.h"

namespace floe::iceberg {

Result<SnapshotInfo> SnapshotInfo::Make(Fields f) {
  if (f.operation.empty()) return InvalidArgument("SnapshotInfo.operation must not be empty");
  return SnapshotInfo(std::move(f));
}

Result<SnapshotInfo> SnapshotInfo::FromJson(const nlohmann::json& json) {
  internal::ModelReader r("SnapshotInfo", json);
  Fields f;
  r.Required("snapshot_id", f.snapshot_id);
  r.Required("timestamp_ms", f.timestamp_ms);
  r.Required("operation", f.operation);
  r.Optional("summary", f.summary);
  r.Optional("parent_snapshot_id", f.parent_snapshot_id);
  FLOE_RETURN_IF_ERROR(r.Finish());
  return Make(std::move(f));
}

Result<SnapshotInfo> SnapshotInfo::FromYaml(std::string_view yaml) {
  return ParseYamlModel<SnapshotInfo>(yaml);
}

Result<SnapshotInfo> SnapshotInfo::FromSnapshot(const Snapshot& snapshot) {
  const std::string_view operation = snapshot.operation();
  return Make({.snapshot_id = snapshot.snapshot_id(),
               .timestamp_ms = snapshot.timestamp_ms(),
               .operation = operation.empty() ? "unknown" : std::string(operation),
               .summary = snapshot.summary().value_or(std::map<std::string, std::string>{}),
               .parent_snapshot_id = snapshot.parent_snapshot_id()});
}

std::string SnapshotInfo::timestamp_iso() const {
  using namespace std::chrono;
  const auto ms = timestamp();
  const auto secs = floor<seconds>(ms);
  const auto frac = (ms - secs).count();
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03d}Z", secs, frac);
}

nlohmann::json SnapshotInfo::ToJson() const {
  return nlohmann::json{
      {"snapshot_id", f_.snapshot_id},
      {"timestamp_ms", f_.timestamp_ms},
      {"operation", f_.operation},
      {"summary", f_.summary},
      {"parent_snapshot_id",
       f_.parent_snapshot_id ? nlohmann::json(*f_.parent_snapshot_id) : nlohmann::json(nullptr)}};
}

std::string SnapshotInfo::ToString() const {
  return fmt::format("SnapshotInfo(snapshot_id={}, timestamp={}, operation={}, parent={}, summary={})",
                     f_.snapshot_id, timestamp_iso(), f_.operation,
                     f_.parent_snapshot_id ? std::to_string(*f_.parent_snapshot_id) : "None",
                     f_.summary);
}

std::ostream& operator<<(std::ostream& os, const SnapshotInfo& s) { return os << s.ToString(); }

}  // namespace floe::iceberg
