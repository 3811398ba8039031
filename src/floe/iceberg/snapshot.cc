#include "floe/iceberg/snapshot.h"

#include <algorithm>

#include "floe/iceberg/json_internal.h"

namespace floe::iceberg {
namespace {

constexpr std::string_view kWhat = "snapshot";
const char* const kKnownKeys[] = {"snapshot-id",  "parent-snapshot-id", "sequence-number",
                                  "timestamp-ms", "manifest-list",      "manifests",
                                  "summary",      "schema-id"};

}  // namespace

Result<Snapshot> Snapshot::Make(Fields fields) {
  if (fields.manifest_list && fields.manifests) {
    return InvalidArgument("snapshot {}: has both a manifest list and manifests",
                           fields.snapshot_id);
  }
  if (fields.sequence_number && *fields.sequence_number < 0) {
    return InvalidArgument("snapshot {}: negative sequence number {}", fields.snapshot_id,
                           *fields.sequence_number);
  }
  if (fields.summary) {
    auto it = fields.summary->find("operation");
    if (it == fields.summary->end()) {
      return InvalidArgument("snapshot {}: the summary has no 'operation'", fields.snapshot_id);
    }
    const std::string& op = it->second;
    if (op != kOperationAppend && op != kOperationReplace && op != kOperationOverwrite &&
        op != kOperationDelete) {
      return InvalidArgument("snapshot {}: unknown operation '{}'", fields.snapshot_id, op);
    }
  }
  return Snapshot(std::move(fields), nlohmann::json::object());
}

Result<Snapshot> Snapshot::FromJson(const nlohmann::json& json) {
  using namespace internal;  // NOLINT
  Fields f;
  FLOE_ASSIGN_OR_RETURN(f.snapshot_id, GetInt64(json, kWhat, "snapshot-id"));
  FLOE_ASSIGN_OR_RETURN(f.parent_snapshot_id, GetOptionalInt64(json, kWhat, "parent-snapshot-id"));
  FLOE_ASSIGN_OR_RETURN(f.sequence_number, GetOptionalInt64(json, kWhat, "sequence-number"));
  FLOE_ASSIGN_OR_RETURN(f.timestamp_ms, GetInt64(json, kWhat, "timestamp-ms"));
  FLOE_ASSIGN_OR_RETURN(f.manifest_list, GetOptionalString(json, kWhat, "manifest-list"));
  FLOE_ASSIGN_OR_RETURN(f.schema_id, GetOptionalInt32(json, kWhat, "schema-id"));
  if (HasNonNull(json, "manifests")) {
    FLOE_ASSIGN_OR_RETURN(const nlohmann::json* list, GetArray(json, kWhat, "manifests"));
    std::vector<std::string> manifests;
    for (const auto& m : *list) {
      if (!m.is_string()) return InvalidArgument("snapshot: 'manifests' must hold strings");
      manifests.push_back(m.get<std::string>());
    }
    f.manifests = std::move(manifests);
  }
  if (HasNonNull(json, "summary")) {
    const auto& s = json.at("summary");
    if (!s.is_object()) {
      return InvalidArgument("snapshot: 'summary' must be an object, got {}", s.type_name());
    }
    std::map<std::string, std::string> summary;
    for (const auto& [k, v] : s.items()) {
      if (!v.is_string()) {
        return InvalidArgument("snapshot: summary value '{}' must be a string, got {}", k,
                               v.type_name());
      }
      summary[k] = v.get<std::string>();
    }
    f.summary = std::move(summary);
  }
  nlohmann::json extra = nlohmann::json::object();
  for (const auto& [k, v] : json.items()) {
    if (std::find(std::begin(kKnownKeys), std::end(kKnownKeys), k) == std::end(kKnownKeys)) {
      extra[k] = v;
    }
  }
  FLOE_ASSIGN_OR_RETURN(Snapshot s, Make(std::move(f)));
  s.extra_ = std::move(extra);
  return s;
}

nlohmann::json Snapshot::ToJson() const {
  nlohmann::json j = extra_;
  j["snapshot-id"] = f_.snapshot_id;
  if (f_.parent_snapshot_id) j["parent-snapshot-id"] = *f_.parent_snapshot_id;
  if (f_.sequence_number) j["sequence-number"] = *f_.sequence_number;
  j["timestamp-ms"] = f_.timestamp_ms;
  if (f_.manifest_list) j["manifest-list"] = *f_.manifest_list;
  if (f_.manifests) j["manifests"] = *f_.manifests;
  if (f_.summary) j["summary"] = *f_.summary;
  if (f_.schema_id) j["schema-id"] = *f_.schema_id;
  return j;
}

std::string_view Snapshot::operation() const {
  if (!f_.summary) return {};
  auto it = f_.summary->find("operation");
  return it == f_.summary->end() ? std::string_view() : std::string_view(it->second);
}

bool Snapshot::operator==(const Snapshot& other) const {
  return f_.snapshot_id == other.f_.snapshot_id &&
         f_.parent_snapshot_id == other.f_.parent_snapshot_id &&
         f_.sequence_number == other.f_.sequence_number &&
         f_.timestamp_ms == other.f_.timestamp_ms && f_.manifest_list == other.f_.manifest_list &&
         f_.manifests == other.f_.manifests && f_.summary == other.f_.summary &&
         f_.schema_id == other.f_.schema_id && extra_ == other.extra_;
}

}  // namespace floe::iceberg
