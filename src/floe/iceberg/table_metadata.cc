#include "floe/iceberg/table_metadata.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "floe/iceberg/json_internal.h"

namespace floe::iceberg {
namespace {

using nlohmann::json;
using namespace internal;  // NOLINT

constexpr std::string_view kWhat = "table metadata";

const std::set<std::string, std::less<>> kKnownKeys = {"format-version",
                                                       "table-uuid",
                                                       "location",
                                                       "last-sequence-number",
                                                       "last-updated-ms",
                                                       "last-column-id",
                                                       "schema",
                                                       "schemas",
                                                       "current-schema-id",
                                                       "partition-spec",
                                                       "partition-specs",
                                                       "default-spec-id",
                                                       "last-partition-id",
                                                       "properties",
                                                       "current-snapshot-id",
                                                       "snapshots",
                                                       "snapshot-log",
                                                       "metadata-log",
                                                       "sort-orders",
                                                       "default-sort-order-id",
                                                       "refs"};

// Runs `parse` on each element of the array at `key` (absent or null: nothing), adding context.
template <typename T, typename Parse>
Result<std::vector<T>> ParseList(const json& j, const char* key, Parse parse) {
  std::vector<T> out;
  if (!HasNonNull(j, key)) return out;
  FLOE_ASSIGN_OR_RETURN(const json* list, GetArray(j, kWhat, key));
  for (size_t i = 0; i < list->size(); ++i) {
    auto item = parse((*list)[i]);
    if (!item) return item.error().WithContext(fmt::format("{}[{}]", key, i));
    out.push_back(std::move(*item));
  }
  return out;
}

Result<SnapshotLogEntry> SnapshotLogEntryFromJson(const json& e) {
  FLOE_ASSIGN_OR_RETURN(int64_t ts, GetInt64(e, "snapshot log entry", "timestamp-ms"));
  FLOE_ASSIGN_OR_RETURN(int64_t id, GetInt64(e, "snapshot log entry", "snapshot-id"));
  return SnapshotLogEntry{ts, id};
}

Result<MetadataLogEntry> MetadataLogEntryFromJson(const json& e) {
  FLOE_ASSIGN_OR_RETURN(int64_t ts, GetInt64(e, "metadata log entry", "timestamp-ms"));
  FLOE_ASSIGN_OR_RETURN(std::string file, GetString(e, "metadata log entry", "metadata-file"));
  return MetadataLogEntry{ts, std::move(file)};
}

}  // namespace

Result<TableMetadata> TableMetadata::Make(Fields f) {
  if (f.format_version < 1) {
    return InvalidArgument("table metadata: unknown format version {}", f.format_version);
  }
  if (f.format_version > kMaxSupportedFormatVersion) {
    return NotSupported("table metadata: format version {} is not supported (floe reads 1 and 2)",
                        f.format_version);
  }
  if (f.format_version >= 2 && !f.table_uuid) {
    return InvalidArgument("table metadata: 'table-uuid' is required in format v2");
  }
  if (f.location.empty()) return InvalidArgument("table metadata: 'location' is empty");

  std::set<int32_t> ids;
  const Schema* current = nullptr;
  for (const auto& s : f.schemas) {
    if (!ids.insert(s.schema_id()).second) {
      return InvalidArgument("table metadata: schema id {} is used twice", s.schema_id());
    }
    if (s.schema_id() == f.current_schema_id) current = &s;
  }
  if (current == nullptr) {
    return InvalidArgument("table metadata: current schema {} is not among the schemas",
                           f.current_schema_id);
  }
  if (f.last_column_id < current->highest_field_id()) {
    return InvalidArgument(
        "table metadata: last-column-id {} is below the current schema's "
        "highest field id {}",
        f.last_column_id, current->highest_field_id());
  }

  ids.clear();
  bool has_default_spec = false;
  for (const auto& spec : f.partition_specs) {
    if (!ids.insert(spec.spec_id()).second) {
      return InvalidArgument("table metadata: partition spec id {} is used twice", spec.spec_id());
    }
    has_default_spec = has_default_spec || spec.spec_id() == f.default_spec_id;
    if (f.format_version >= 2 && spec.last_assigned_field_id() > f.last_partition_id) {
      return InvalidArgument("table metadata: last-partition-id {} is below partition field id {}",
                             f.last_partition_id, spec.last_assigned_field_id());
    }
  }
  if (!has_default_spec) {
    return InvalidArgument("table metadata: default partition spec {} is not among the specs",
                           f.default_spec_id);
  }

  ids.clear();
  bool has_default_order = false;
  for (const auto& order : f.sort_orders) {
    if (!ids.insert(order.order_id()).second) {
      return InvalidArgument("table metadata: sort order id {} is used twice", order.order_id());
    }
    has_default_order = has_default_order || order.order_id() == f.default_sort_order_id;
  }
  if (!has_default_order) {
    return InvalidArgument("table metadata: default sort order {} is not among the sort orders",
                           f.default_sort_order_id);
  }

  std::set<int64_t> snapshot_ids;
  for (const auto& s : f.snapshots) {
    if (!snapshot_ids.insert(s.snapshot_id()).second) {
      return InvalidArgument("table metadata: snapshot id {} is used twice", s.snapshot_id());
    }
    if (f.format_version >= 2) {
      if (!s.has_sequence_number()) {
        return InvalidArgument("table metadata: snapshot {} has no sequence number (format v2)",
                               s.snapshot_id());
      }
      if (s.sequence_number() > f.last_sequence_number) {
        return InvalidArgument(
            "table metadata: snapshot {} has sequence number {} above last-sequence-number {}",
            s.snapshot_id(), s.sequence_number(), f.last_sequence_number);
      }
    }
  }
  if (f.current_snapshot_id && !snapshot_ids.contains(*f.current_snapshot_id)) {
    return InvalidArgument("table metadata: current snapshot {} is not among the snapshots",
                           *f.current_snapshot_id);
  }
  for (const auto& [name, ref] : f.refs) {
    if (!snapshot_ids.contains(ref.snapshot_id())) {
      return InvalidArgument("table metadata: ref '{}' points to unknown snapshot {}", name,
                             ref.snapshot_id());
    }
  }
  auto main = f.refs.find(std::string(kMainBranch));
  if (main != f.refs.end()) {
    if (!main->second.is_branch())
      return InvalidArgument("table metadata: 'main' must be a branch");
    if (main->second.snapshot_id() != f.current_snapshot_id) {
      return InvalidArgument("table metadata: the main branch ({}) is not the current snapshot",
                             main->second.snapshot_id());
    }
  } else if (f.current_snapshot_id) {
    f.refs.emplace(std::string(kMainBranch), SnapshotRef::Branch(*f.current_snapshot_id));
  }
  if (!f.extra.is_object()) f.extra = json::object();
  return TableMetadata(std::move(f));
}

Result<TableMetadata> TableMetadata::FromJson(const json& j) {
  FLOE_RETURN_IF_ERROR(ExpectObject(j, kWhat));
  Fields f;
  FLOE_ASSIGN_OR_RETURN(f.format_version, GetInt32(j, kWhat, "format-version"));
  if (f.format_version > kMaxSupportedFormatVersion) {
    return NotSupported("table metadata: format version {} is not supported (floe reads 1 and 2)",
                        f.format_version);
  }
  bool v1 = f.format_version == 1;
  FLOE_ASSIGN_OR_RETURN(f.table_uuid, GetOptionalString(j, kWhat, "table-uuid"));
  FLOE_ASSIGN_OR_RETURN(f.location, GetString(j, kWhat, "location"));
  if (!v1) {
    FLOE_ASSIGN_OR_RETURN(f.last_sequence_number, GetInt64(j, kWhat, "last-sequence-number"));
  }
  FLOE_ASSIGN_OR_RETURN(f.last_updated_ms, GetInt64(j, kWhat, "last-updated-ms"));
  FLOE_ASSIGN_OR_RETURN(f.last_column_id, GetInt32(j, kWhat, "last-column-id"));

  // Schemas: v2's list and current id, or v1's single "schema".
  if (!v1 || HasNonNull(j, "schemas")) {
    FLOE_ASSIGN_OR_RETURN(f.schemas, ParseList<Schema>(j, "schemas", Schema::FromJson));
    if (!HasNonNull(j, "schemas"))
      return InvalidArgument("{}: missing required field 'schemas'", kWhat);
  }
  std::optional<int32_t> current_schema_id;
  FLOE_ASSIGN_OR_RETURN(current_schema_id, GetOptionalInt32(j, kWhat, "current-schema-id"));
  if (!v1 && !current_schema_id) {
    return InvalidArgument("{}: missing required field 'current-schema-id'", kWhat);
  }
  if (v1 && (f.schemas.empty() || !current_schema_id)) {
    FLOE_ASSIGN_OR_RETURN(const json* schema_json, Member(j, kWhat, "schema"));
    auto schema = Schema::FromJson(*schema_json);
    if (!schema) return schema.error().WithContext("schema");
    current_schema_id = schema->schema_id();
    if (f.schemas.empty()) f.schemas.push_back(std::move(*schema));
  }
  f.current_schema_id = *current_schema_id;

  // Partition specs: v2's list and default id, or v1's field list.
  if (!v1 || HasNonNull(j, "partition-specs")) {
    FLOE_ASSIGN_OR_RETURN(f.partition_specs,
                          ParseList<PartitionSpec>(j, "partition-specs", PartitionSpec::FromJson));
    if (!HasNonNull(j, "partition-specs")) {
      return InvalidArgument("{}: missing required field 'partition-specs'", kWhat);
    }
  }
  std::optional<int32_t> default_spec_id;
  FLOE_ASSIGN_OR_RETURN(default_spec_id, GetOptionalInt32(j, kWhat, "default-spec-id"));
  if (!v1 && !default_spec_id) {
    return InvalidArgument("{}: missing required field 'default-spec-id'", kWhat);
  }
  if (v1 && f.partition_specs.empty()) {
    FLOE_ASSIGN_OR_RETURN(const json* fields_json, Member(j, kWhat, "partition-spec"));
    auto spec = PartitionSpec::FromFieldsJson(PartitionSpec::kInitialSpecId, *fields_json);
    if (!spec) return spec.error().WithContext("partition-spec");
    default_spec_id = spec->spec_id();
    f.partition_specs.push_back(std::move(*spec));
  }
  f.default_spec_id = default_spec_id.value_or(PartitionSpec::kInitialSpecId);
  std::optional<int32_t> last_partition_id;
  FLOE_ASSIGN_OR_RETURN(last_partition_id, GetOptionalInt32(j, kWhat, "last-partition-id"));
  if (!v1 && !last_partition_id) {
    return InvalidArgument("{}: missing required field 'last-partition-id'", kWhat);
  }
  f.last_partition_id = PartitionSpec::kFirstFieldId - 1;
  for (const auto& spec : f.partition_specs) {
    f.last_partition_id = std::max(f.last_partition_id, spec.last_assigned_field_id());
  }
  if (last_partition_id) f.last_partition_id = *last_partition_id;

  // Sort orders: required from v2; v1 tables without them are unsorted.
  if (!v1 && !HasNonNull(j, "sort-orders")) {
    return InvalidArgument("{}: missing required field 'sort-orders'", kWhat);
  }
  FLOE_ASSIGN_OR_RETURN(f.sort_orders, ParseList<SortOrder>(j, "sort-orders", SortOrder::FromJson));
  if (f.sort_orders.empty()) f.sort_orders.push_back(SortOrder::Unsorted());
  std::optional<int32_t> default_order;
  FLOE_ASSIGN_OR_RETURN(default_order, GetOptionalInt32(j, kWhat, "default-sort-order-id"));
  if (!v1 && !default_order) {
    return InvalidArgument("{}: missing required field 'default-sort-order-id'", kWhat);
  }
  f.default_sort_order_id = default_order.value_or(SortOrder::kUnsortedOrderId);

  if (HasNonNull(j, "properties")) {
    const json& props = j.at("properties");
    if (!props.is_object()) {
      return InvalidArgument("{}: 'properties' must be an object, got {}", kWhat,
                             props.type_name());
    }
    for (const auto& [k, v] : props.items()) {
      if (!v.is_string()) {
        return InvalidArgument("{}: property '{}' must be a string, got {}", kWhat, k,
                               v.type_name());
      }
      f.properties[k] = v.get<std::string>();
    }
  }

  FLOE_ASSIGN_OR_RETURN(f.current_snapshot_id, GetOptionalInt64(j, kWhat, "current-snapshot-id"));
  if (f.current_snapshot_id == -1) f.current_snapshot_id.reset();  // older writers' "none"
  FLOE_ASSIGN_OR_RETURN(f.snapshots, ParseList<Snapshot>(j, "snapshots", Snapshot::FromJson));
  FLOE_ASSIGN_OR_RETURN(f.snapshot_log,
                        ParseList<SnapshotLogEntry>(j, "snapshot-log", SnapshotLogEntryFromJson));
  FLOE_ASSIGN_OR_RETURN(f.metadata_log,
                        ParseList<MetadataLogEntry>(j, "metadata-log", MetadataLogEntryFromJson));
  if (HasNonNull(j, "refs")) {
    const json& refs = j.at("refs");
    if (!refs.is_object()) {
      return InvalidArgument("{}: 'refs' must be an object, got {}", kWhat, refs.type_name());
    }
    for (const auto& [name, ref_json] : refs.items()) {
      auto ref = SnapshotRef::FromJson(ref_json);
      if (!ref) return ref.error().WithContext(fmt::format("refs.{}", name));
      f.refs.emplace(name, std::move(*ref));
    }
  }
  for (const auto& [k, v] : j.items()) {
    if (!kKnownKeys.contains(k)) f.extra[k] = v;
  }
  return Make(std::move(f));
}

Result<TableMetadata> TableMetadata::FromJsonString(std::string_view text) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument("table metadata: malformed JSON");
  return FromJson(j);
}

json TableMetadata::ToJson() const {
  json j = f_.extra;
  j["format-version"] = f_.format_version;
  if (f_.table_uuid) j["table-uuid"] = *f_.table_uuid;
  j["location"] = f_.location;
  if (f_.format_version >= 2) j["last-sequence-number"] = f_.last_sequence_number;
  j["last-updated-ms"] = f_.last_updated_ms;
  j["last-column-id"] = f_.last_column_id;
  j["current-schema-id"] = f_.current_schema_id;
  json schemas = json::array();
  for (const auto& s : f_.schemas) schemas.push_back(s.ToJson());
  j["schemas"] = std::move(schemas);
  j["default-spec-id"] = f_.default_spec_id;
  json specs = json::array();
  for (const auto& s : f_.partition_specs) specs.push_back(s.ToJson());
  j["partition-specs"] = std::move(specs);
  j["last-partition-id"] = f_.last_partition_id;
  j["default-sort-order-id"] = f_.default_sort_order_id;
  json orders = json::array();
  for (const auto& o : f_.sort_orders) orders.push_back(o.ToJson());
  j["sort-orders"] = std::move(orders);
  if (f_.format_version == 1) {
    // Readers of v1 tables may know only the deprecated single schema and spec.
    j["schema"] = current_schema().ToJson();
    j["partition-spec"] = default_spec().FieldsToJson();
  }
  j["properties"] = f_.properties;
  j["current-snapshot-id"] = f_.current_snapshot_id.value_or(-1);
  json refs = json::object();
  for (const auto& [name, ref] : f_.refs) refs[name] = ref.ToJson();
  j["refs"] = std::move(refs);
  json snapshots = json::array();
  for (const auto& s : f_.snapshots) snapshots.push_back(s.ToJson());
  j["snapshots"] = std::move(snapshots);
  json snapshot_log = json::array();
  for (const auto& e : f_.snapshot_log) {
    snapshot_log.push_back({{"timestamp-ms", e.timestamp_ms}, {"snapshot-id", e.snapshot_id}});
  }
  j["snapshot-log"] = std::move(snapshot_log);
  json metadata_log = json::array();
  for (const auto& e : f_.metadata_log) {
    metadata_log.push_back({{"timestamp-ms", e.timestamp_ms}, {"metadata-file", e.metadata_file}});
  }
  j["metadata-log"] = std::move(metadata_log);
  return j;
}

std::string TableMetadata::ToJsonString() const { return ToJson().dump(2); }

const Snapshot* TableMetadata::current_snapshot() const {
  return f_.current_snapshot_id ? SnapshotById(*f_.current_snapshot_id) : nullptr;
}

const Schema* TableMetadata::SchemaById(int32_t id) const {
  for (const auto& s : f_.schemas) {
    if (s.schema_id() == id) return &s;
  }
  return nullptr;
}

const PartitionSpec* TableMetadata::SpecById(int32_t id) const {
  for (const auto& s : f_.partition_specs) {
    if (s.spec_id() == id) return &s;
  }
  return nullptr;
}

const SortOrder* TableMetadata::SortOrderById(int32_t id) const {
  for (const auto& o : f_.sort_orders) {
    if (o.order_id() == id) return &o;
  }
  return nullptr;
}

const Snapshot* TableMetadata::SnapshotById(int64_t id) const {
  for (const auto& s : f_.snapshots) {
    if (s.snapshot_id() == id) return &s;
  }
  return nullptr;
}

}  // namespace floe::iceberg
