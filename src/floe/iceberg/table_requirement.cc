#include "floe/iceberg/table_requirement.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <type_traits>

#include "floe/iceberg/json_internal.h"

namespace floe::iceberg {
namespace {

using nlohmann::json;
using namespace internal;  // NOLINT

constexpr std::string_view kWhat = "table requirement";

template <typename>
inline constexpr bool kAlwaysFalse = false;

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::ranges::equal(
      a, b, [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

std::string IdOrNone(const std::optional<int64_t>& id) {
  return id ? fmt::format("{}", *id) : std::string("none");
}

Result<TableRequirement> ParseRequirement(const json& j, const std::string& type) {
  if (type == AssertCreate::kType) return AssertCreate{};
  if (type == AssertTableUuid::kType) {
    FLOE_ASSIGN_OR_RETURN(std::string uuid, GetString(j, kWhat, "uuid"));
    return AssertTableUuid{std::move(uuid)};
  }
  if (type == AssertRefSnapshotId::kType) {
    FLOE_ASSIGN_OR_RETURN(std::string ref, GetString(j, kWhat, "ref"));
    // Required but nullable; writers that leave it out mean null as well.
    FLOE_ASSIGN_OR_RETURN(std::optional<int64_t> id, GetOptionalInt64(j, kWhat, "snapshot-id"));
    return AssertRefSnapshotId{std::move(ref), id};
  }
  if (type == AssertLastAssignedFieldId::kType) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(j, kWhat, "last-assigned-field-id"));
    return AssertLastAssignedFieldId{id};
  }
  if (type == AssertCurrentSchemaId::kType) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(j, kWhat, "current-schema-id"));
    return AssertCurrentSchemaId{id};
  }
  if (type == AssertLastAssignedPartitionId::kType) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(j, kWhat, "last-assigned-partition-id"));
    return AssertLastAssignedPartitionId{id};
  }
  if (type == AssertDefaultSpecId::kType) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(j, kWhat, "default-spec-id"));
    return AssertDefaultSpecId{id};
  }
  if (type == AssertDefaultSortOrderId::kType) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(j, kWhat, "default-sort-order-id"));
    return AssertDefaultSortOrderId{id};
  }
  return InvalidArgument("{}: unknown type '{}'", kWhat, type);
}

// An int-valued requirement: `name` of the table must equal `expected`.
Status CheckEqual(std::string_view name, int64_t expected, int64_t found) {
  if (expected == found) return OkStatus();
  return CommitFailed("requirement failed: {} expected {}, found {}", name, expected, found);
}

}  // namespace

Result<TableRequirement> TableRequirement::FromJson(const json& j) {
  FLOE_ASSIGN_OR_RETURN(std::string type, GetString(j, kWhat, "type"));
  auto requirement = ParseRequirement(j, type);
  if (!requirement) return requirement.error().WithContext(fmt::format("'{}'", type));
  return requirement;
}

std::string_view TableRequirement::type() const {
  return std::visit([](const auto& r) { return std::decay_t<decltype(r)>::kType; }, value_);
}

json TableRequirement::ToJson() const {
  json j = json::object();
  j["type"] = type();
  std::visit(
      [&j](const auto& r) {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, AssertCreate>) {
          // No fields.
        } else if constexpr (std::is_same_v<T, AssertTableUuid>) {
          j["uuid"] = r.uuid;
        } else if constexpr (std::is_same_v<T, AssertRefSnapshotId>) {
          j["ref"] = r.ref;
          j["snapshot-id"] = r.snapshot_id ? json(*r.snapshot_id) : json(nullptr);
        } else if constexpr (std::is_same_v<T, AssertLastAssignedFieldId>) {
          j["last-assigned-field-id"] = r.last_assigned_field_id;
        } else if constexpr (std::is_same_v<T, AssertCurrentSchemaId>) {
          j["current-schema-id"] = r.current_schema_id;
        } else if constexpr (std::is_same_v<T, AssertLastAssignedPartitionId>) {
          j["last-assigned-partition-id"] = r.last_assigned_partition_id;
        } else if constexpr (std::is_same_v<T, AssertDefaultSpecId>) {
          j["default-spec-id"] = r.default_spec_id;
        } else if constexpr (std::is_same_v<T, AssertDefaultSortOrderId>) {
          j["default-sort-order-id"] = r.default_sort_order_id;
        } else {
          static_assert(kAlwaysFalse<T>, "unhandled requirement");
        }
      },
      value_);
  return j;
}

Status TableRequirement::Validate(const TableMetadata* current) const {
  if (std::holds_alternative<AssertCreate>(value_)) {
    if (current != nullptr) return CommitFailed("requirement failed: the table already exists");
    return OkStatus();
  }
  if (current == nullptr) {
    return CommitFailed("requirement failed: {}: the table does not exist", type());
  }
  const TableMetadata& m = *current;
  return std::visit(
      [&m](const auto& r) -> Status {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, AssertCreate>) {
          return OkStatus();  // handled above
        } else if constexpr (std::is_same_v<T, AssertTableUuid>) {
          const std::string found = m.table_uuid().value_or("none");
          if (m.table_uuid() && EqualsIgnoreCase(*m.table_uuid(), r.uuid)) return OkStatus();
          return CommitFailed("requirement failed: table uuid expected {}, found {}", r.uuid,
                              found);
        } else if constexpr (std::is_same_v<T, AssertRefSnapshotId>) {
          auto it = m.refs().find(r.ref);
          std::optional<int64_t> found;
          if (it != m.refs().end()) found = it->second.snapshot_id();
          if (found == r.snapshot_id) return OkStatus();
          if (!r.snapshot_id) {
            return CommitFailed("requirement failed: ref '{}' expected to be absent, found {}",
                                r.ref, *found);
          }
          return CommitFailed("requirement failed: ref '{}' expected snapshot {}, found {}", r.ref,
                              *r.snapshot_id, IdOrNone(found));
        } else if constexpr (std::is_same_v<T, AssertLastAssignedFieldId>) {
          return CheckEqual("last assigned field id", r.last_assigned_field_id, m.last_column_id());
        } else if constexpr (std::is_same_v<T, AssertCurrentSchemaId>) {
          return CheckEqual("current schema id", r.current_schema_id,
                            m.current_schema().schema_id());
        } else if constexpr (std::is_same_v<T, AssertLastAssignedPartitionId>) {
          return CheckEqual("last assigned partition id", r.last_assigned_partition_id,
                            m.last_partition_id());
        } else if constexpr (std::is_same_v<T, AssertDefaultSpecId>) {
          return CheckEqual("default spec id", r.default_spec_id, m.default_spec().spec_id());
        } else if constexpr (std::is_same_v<T, AssertDefaultSortOrderId>) {
          return CheckEqual("default sort order id", r.default_sort_order_id,
                            m.default_sort_order().order_id());
        } else {
          static_assert(kAlwaysFalse<T>, "unhandled requirement");
        }
      },
      value_);
}

}  // namespace floe::iceberg
