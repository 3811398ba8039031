// TableUpdate: one change to a table's metadata, as a commit sends it (REST catalog OpenAPI
// "TableUpdate"): add a schema, set the main branch, set properties, ... A commit is a list of
// requirements (table_requirement.h) and a list of updates; TableMetadataBuilder applies the
// updates in order (table_metadata_builder.h). Immutable value type.
//
//   TableUpdate u = AddSchemaUpdate{schema, std::nullopt};
//   nlohmann::json j = u.ToJson();  // {"action": "add-schema", "schema": {...}}
//   FLOE_ASSIGN_OR_RETURN(auto back, TableUpdate::FromJson(j));
//   if (const auto* add = back.As<AddSchemaUpdate>()) { ... }
//
// JSON is the OpenAPI shape, discriminated by "action". Actions the spec defines but floe does
// not apply yet (statistics, encryption keys, removing schemas or specs, view updates) are
// refused with NotSupported; any other action is InvalidArgument. Both name the action.
#pragma once

#include <concepts>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "floe/core/result.h"
#include "floe/iceberg/partition_spec.h"
#include "floe/iceberg/schema.h"
#include "floe/iceberg/snapshot.h"
#include "floe/iceberg/snapshot_ref.h"
#include "floe/iceberg/sort_order.h"

namespace floe::iceberg {

// "assign-uuid": only for a new table; an existing table keeps its uuid.
struct AssignUuidUpdate {
  static constexpr std::string_view kAction = "assign-uuid";
  std::string uuid;
};

// "upgrade-format-version": never downgrades.
struct UpgradeFormatVersionUpdate {
  static constexpr std::string_view kAction = "upgrade-format-version";
  int32_t format_version;
};

// "add-schema". The schema id it carries is a hint: the builder assigns the next free id, or
// reuses the id of an identical schema. `last_column_id` (deprecated in the spec) may only grow.
struct AddSchemaUpdate {
  static constexpr std::string_view kAction = "add-schema";
  Schema schema;
  std::optional<int32_t> last_column_id;
};

// Set-current/default updates take -1 for "the one added last in this commit".
inline constexpr int32_t kLastAdded = -1;

// "set-current-schema"
struct SetCurrentSchemaUpdate {
  static constexpr std::string_view kAction = "set-current-schema";
  int32_t schema_id;
};

// "add-spec"
struct AddPartitionSpecUpdate {
  static constexpr std::string_view kAction = "add-spec";
  PartitionSpec spec;
};

// "set-default-spec"
struct SetDefaultSpecUpdate {
  static constexpr std::string_view kAction = "set-default-spec";
  int32_t spec_id;
};

// "add-sort-order"
struct AddSortOrderUpdate {
  static constexpr std::string_view kAction = "add-sort-order";
  SortOrder sort_order;
};

// "set-default-sort-order"
struct SetDefaultSortOrderUpdate {
  static constexpr std::string_view kAction = "set-default-sort-order";
  int32_t sort_order_id;
};

// "add-snapshot"
struct AddSnapshotUpdate {
  static constexpr std::string_view kAction = "add-snapshot";
  Snapshot snapshot;
};

// "set-snapshot-ref": the ref's fields sit beside "ref-name" in the JSON object.
struct SetSnapshotRefUpdate {
  static constexpr std::string_view kAction = "set-snapshot-ref";
  std::string ref_name;
  SnapshotRef ref;
};

// "remove-snapshots": refs pointing at removed snapshots are removed too.
struct RemoveSnapshotsUpdate {
  static constexpr std::string_view kAction = "remove-snapshots";
  std::vector<int64_t> snapshot_ids;
};

// "remove-snapshot-ref"
struct RemoveSnapshotRefUpdate {
  static constexpr std::string_view kAction = "remove-snapshot-ref";
  std::string ref_name;
};

// "set-location"
struct SetLocationUpdate {
  static constexpr std::string_view kAction = "set-location";
  std::string location;
};

// "set-properties"
struct SetPropertiesUpdate {
  static constexpr std::string_view kAction = "set-properties";
  std::map<std::string, std::string> updates;
};

// "remove-properties"
struct RemovePropertiesUpdate {
  static constexpr std::string_view kAction = "remove-properties";
  std::vector<std::string> removals;
};

class TableUpdate {
 public:
  using Variant = std::variant<AssignUuidUpdate, UpgradeFormatVersionUpdate, AddSchemaUpdate,
                               SetCurrentSchemaUpdate, AddPartitionSpecUpdate, SetDefaultSpecUpdate,
                               AddSortOrderUpdate, SetDefaultSortOrderUpdate, AddSnapshotUpdate,
                               SetSnapshotRefUpdate, RemoveSnapshotsUpdate, RemoveSnapshotRefUpdate,
                               SetLocationUpdate, SetPropertiesUpdate, RemovePropertiesUpdate>;

  // Any of the update structs converts implicitly.
  template <typename T>
  requires std::constructible_from<Variant, T&&> TableUpdate(T&& update)
      : value_(std::forward<T>(update)) {}  // NOLINT

  static Result<TableUpdate> FromJson(const nlohmann::json& json);
  nlohmann::json ToJson() const;

  // The OpenAPI action name: "add-schema", "set-snapshot-ref", ...
  std::string_view action() const;
  const Variant& value() const { return value_; }
  // The update as type T, or nullptr when it is another kind.
  template <typename T>
  const T* As() const {
    return std::get_if<T>(&value_);
  }

  // Same JSON.
  bool operator==(const TableUpdate& other) const { return ToJson() == other.ToJson(); }

 private:
  Variant value_;
};

}  // namespace floe::iceberg
