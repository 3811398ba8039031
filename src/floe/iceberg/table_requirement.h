// TableRequirement: a condition a commit places on the table's current metadata (REST catalog
// OpenAPI "TableRequirement"): the table must not exist yet, must have this uuid, its branch
// must still point at the snapshot the writer started from, ... The catalog checks every
// requirement against the metadata it is about to replace, then applies the updates; a failed
// requirement means another writer got there first. Immutable value type.
//
//   TableRequirement r = AssertRefSnapshotId{"main", base.current_snapshot_id()};
//   FLOE_RETURN_IF_ERROR(r.Validate(&current));  // kCommitFailed when the branch moved
//
// JSON is the OpenAPI shape, discriminated by "type"; an unknown type is InvalidArgument naming
// it.
#pragma once

#include <concepts>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "floe/core/result.h"
#include "floe/iceberg/table_metadata.h"

namespace floe::iceberg {

// "assert-create": the table must not exist.
struct AssertCreate {
  static constexpr std::string_view kType = "assert-create";
};

// "assert-table-uuid" (compared without regard to case).
struct AssertTableUuid {
  static constexpr std::string_view kType = "assert-table-uuid";
  std::string uuid;
};

// "assert-ref-snapshot-id": the ref must point at `snapshot_id`; with no snapshot id, the ref
// must not exist ("main" of a table without snapshots does not exist).
struct AssertRefSnapshotId {
  static constexpr std::string_view kType = "assert-ref-snapshot-id";
  std::string ref;
  std::optional<int64_t> snapshot_id;
};

// "assert-last-assigned-field-id": the table's last-column-id.
struct AssertLastAssignedFieldId {
  static constexpr std::string_view kType = "assert-last-assigned-field-id";
  int32_t last_assigned_field_id;
};

// "assert-current-schema-id"
struct AssertCurrentSchemaId {
  static constexpr std::string_view kType = "assert-current-schema-id";
  int32_t current_schema_id;
};

// "assert-last-assigned-partition-id": the table's last-partition-id.
struct AssertLastAssignedPartitionId {
  static constexpr std::string_view kType = "assert-last-assigned-partition-id";
  int32_t last_assigned_partition_id;
};

// "assert-default-spec-id"
struct AssertDefaultSpecId {
  static constexpr std::string_view kType = "assert-default-spec-id";
  int32_t default_spec_id;
};

// "assert-default-sort-order-id"
struct AssertDefaultSortOrderId {
  static constexpr std::string_view kType = "assert-default-sort-order-id";
  int32_t default_sort_order_id;
};

class TableRequirement {
 public:
  using Variant =
      std::variant<AssertCreate, AssertTableUuid, AssertRefSnapshotId, AssertLastAssignedFieldId,
                   AssertCurrentSchemaId, AssertLastAssignedPartitionId, AssertDefaultSpecId,
                   AssertDefaultSortOrderId>;

  // Any of the requirement structs converts implicitly.
  template <typename T>
  requires std::constructible_from<Variant, T&&> TableRequirement(T&& requirement)
      : value_(std::forward<T>(requirement)) {}  // NOLINT

  static Result<TableRequirement> FromJson(const nlohmann::json& json);
  nlohmann::json ToJson() const;

  // The OpenAPI type name: "assert-create", "assert-ref-snapshot-id", ...
  std::string_view type() const;
  const Variant& value() const { return value_; }
  template <typename T>
  const T* As() const {
    return std::get_if<T>(&value_);
  }

  // OK when `current` (nullptr: the table does not exist) meets the requirement; otherwise
  // kCommitFailed saying what was expected and what was found. assert-create fails on an
  // existing table, every other requirement on a missing one.
  Status Validate(const TableMetadata* current) const;

  bool operator==(const TableRequirement& other) const { return ToJson() == other.ToJson(); }

 private:
  Variant value_;
};

}  // namespace floe::iceberg
