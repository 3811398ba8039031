#include "floe/iceberg/table_update.h"

#include <fmt/format.h>

#include <set>
#include <type_traits>

#include "floe/iceberg/json_internal.h"

namespace floe::iceberg {
namespace {

using nlohmann::json;
using namespace internal;  // NOLINT

constexpr std::string_view kWhat = "table update";

// Actions of the OpenAPI TableUpdate (and ViewUpdate) that floe does not apply.
const std::set<std::string, std::less<>> kUnsupportedActions = {
    "set-statistics",           "remove-statistics",
    "set-partition-statistics", "remove-partition-statistics",
    "remove-partition-specs",   "remove-schemas",
    "add-encryption-key",       "remove-encryption-key",
    "add-view-version",         "set-current-view-version"};

template <typename T>
Result<T> WithContext(Result<T> r, std::string_view context) {
  if (!r) return r.error().WithContext(context);
  return r;
}

Result<std::vector<int64_t>> ReadLongList(const json& j, const char* key) {
  FLOE_ASSIGN_OR_RETURN(const json* list, GetArray(j, kWhat, key));
  std::vector<int64_t> out;
  for (const auto& v : *list) {
    FLOE_ASSIGN_OR_RETURN(int64_t n, AsInt64(v, kWhat, key));
    out.push_back(n);
  }
  return out;
}

Result<TableUpdate> ParseUpdate(const json& j, const std::string& action) {
  if (action == AssignUuidUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(std::string uuid, GetString(j, kWhat, "uuid"));
    return AssignUuidUpdate{std::move(uuid)};
  }
  if (action == UpgradeFormatVersionUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(int32_t v, GetInt32(j, kWhat, "format-version"));
    return UpgradeFormatVersionUpdate{v};
  }
  if (action == AddSchemaUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(const json* schema_json, Member(j, kWhat, "schema"));
    FLOE_ASSIGN_OR_RETURN(Schema schema, WithContext(Schema::FromJson(*schema_json), "schema"));
    FLOE_ASSIGN_OR_RETURN(std::optional<int32_t> last,
                          GetOptionalInt32(j, kWhat, "last-column-id"));
    return AddSchemaUpdate{std::move(schema), last};
  }
  if (action == SetCurrentSchemaUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(j, kWhat, "schema-id"));
    return SetCurrentSchemaUpdate{id};
  }
  if (action == AddPartitionSpecUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(const json* spec_json, Member(j, kWhat, "spec"));
    FLOE_ASSIGN_OR_RETURN(PartitionSpec spec,
                          WithContext(PartitionSpec::FromJson(*spec_json), "spec"));
    return AddPartitionSpecUpdate{std::move(spec)};
  }
  if (action == SetDefaultSpecUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(j, kWhat, "spec-id"));
    return SetDefaultSpecUpdate{id};
  }
  if (action == AddSortOrderUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(const json* order_json, Member(j, kWhat, "sort-order"));
    FLOE_ASSIGN_OR_RETURN(SortOrder order,
                          WithContext(SortOrder::FromJson(*order_json), "sort-order"));
    return AddSortOrderUpdate{std::move(order)};
  }
  if (action == SetDefaultSortOrderUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(j, kWhat, "sort-order-id"));
    return SetDefaultSortOrderUpdate{id};
  }
  if (action == AddSnapshotUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(const json* snapshot_json, Member(j, kWhat, "snapshot"));
    FLOE_ASSIGN_OR_RETURN(Snapshot snapshot,
                          WithContext(Snapshot::FromJson(*snapshot_json), "snapshot"));
    return AddSnapshotUpdate{std::move(snapshot)};
  }
  if (action == SetSnapshotRefUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(std::string name, GetString(j, kWhat, "ref-name"));
    FLOE_ASSIGN_OR_RETURN(SnapshotRef ref, SnapshotRef::FromJson(j));
    return SetSnapshotRefUpdate{std::move(name), std::move(ref)};
  }
  if (action == RemoveSnapshotsUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(std::vector<int64_t> ids, ReadLongList(j, "snapshot-ids"));
    return RemoveSnapshotsUpdate{std::move(ids)};
  }
  if (action == RemoveSnapshotRefUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(std::string name, GetString(j, kWhat, "ref-name"));
    return RemoveSnapshotRefUpdate{std::move(name)};
  }
  if (action == SetLocationUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(std::string location, GetString(j, kWhat, "location"));
    return SetLocationUpdate{std::move(location)};
  }
  if (action == SetPropertiesUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(const json* updates, Member(j, kWhat, "updates"));
    if (!updates->is_object()) {
      return InvalidArgument("{}: 'updates' must be an object, got {}", kWhat,
                             updates->type_name());
    }
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : updates->items()) {
      if (!v.is_string()) {
        return InvalidArgument("{}: property '{}' must be a string, got {}", kWhat, k,
                               v.type_name());
      }
      out[k] = v.get<std::string>();
    }
    return SetPropertiesUpdate{std::move(out)};
  }
  if (action == RemovePropertiesUpdate::kAction) {
    FLOE_ASSIGN_OR_RETURN(const json* list, GetArray(j, kWhat, "removals"));
    std::vector<std::string> out;
    for (const auto& v : *list) {
      if (!v.is_string()) {
        return InvalidArgument("{}: 'removals' must hold strings, got {}", kWhat, v.type_name());
      }
      out.push_back(v.get<std::string>());
    }
    return RemovePropertiesUpdate{std::move(out)};
  }
  if (kUnsupportedActions.contains(action)) {
    return NotSupported("{}: action '{}' is not supported", kWhat, action);
  }
  return InvalidArgument("{}: unknown action '{}'", kWhat, action);
}

template <typename>
inline constexpr bool kAlwaysFalse = false;

}  // namespace

Result<TableUpdate> TableUpdate::FromJson(const json& j) {
  FLOE_ASSIGN_OR_RETURN(std::string action, GetString(j, kWhat, "action"));
  auto update = ParseUpdate(j, action);
  if (!update) return update.error().WithContext(fmt::format("'{}'", action));
  return update;
}

std::string_view TableUpdate::action() const {
  return std::visit([](const auto& u) { return std::decay_t<decltype(u)>::kAction; }, value_);
}

json TableUpdate::ToJson() const {
  json j = json::object();
  std::visit(
      [&j](const auto& u) {
        using T = std::decay_t<decltype(u)>;
        if constexpr (std::is_same_v<T, AssignUuidUpdate>) {
          j["uuid"] = u.uuid;
        } else if constexpr (std::is_same_v<T, UpgradeFormatVersionUpdate>) {
          j["format-version"] = u.format_version;
        } else if constexpr (std::is_same_v<T, AddSchemaUpdate>) {
          j["schema"] = u.schema.ToJson();
          if (u.last_column_id) j["last-column-id"] = *u.last_column_id;
        } else if constexpr (std::is_same_v<T, SetCurrentSchemaUpdate>) {
          j["schema-id"] = u.schema_id;
        } else if constexpr (std::is_same_v<T, AddPartitionSpecUpdate>) {
          j["spec"] = u.spec.ToJson();
        } else if constexpr (std::is_same_v<T, SetDefaultSpecUpdate>) {
          j["spec-id"] = u.spec_id;
        } else if constexpr (std::is_same_v<T, AddSortOrderUpdate>) {
          j["sort-order"] = u.sort_order.ToJson();
        } else if constexpr (std::is_same_v<T, SetDefaultSortOrderUpdate>) {
          j["sort-order-id"] = u.sort_order_id;
        } else if constexpr (std::is_same_v<T, AddSnapshotUpdate>) {
          j["snapshot"] = u.snapshot.ToJson();
        } else if constexpr (std::is_same_v<T, SetSnapshotRefUpdate>) {
          j = u.ref.ToJson();
          j["ref-name"] = u.ref_name;
        } else if constexpr (std::is_same_v<T, RemoveSnapshotsUpdate>) {
          j["snapshot-ids"] = u.snapshot_ids;
        } else if constexpr (std::is_same_v<T, RemoveSnapshotRefUpdate>) {
          j["ref-name"] = u.ref_name;
        } else if constexpr (std::is_same_v<T, SetLocationUpdate>) {
          j["location"] = u.location;
        } else if constexpr (std::is_same_v<T, SetPropertiesUpdate>) {
          j["updates"] = u.updates;
        } else if constexpr (std::is_same_v<T, RemovePropertiesUpdate>) {
          j["removals"] = u.removals;
        } else {
          static_assert(kAlwaysFalse<T>, "unhandled update");
        }
      },
      value_);
  j["action"] = action();
  return j;
}

}  // namespace floe::iceberg
