#include "floe/iceberg/table_metadata_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <set>
#include <type_traits>

#include "floe/core/uuid.h"
#include "floe/iceberg/schema_evolution.h"

namespace floe::iceberg {
namespace {

template <typename T, typename IdOf>
int32_t NextId(const std::vector<T>& items, int32_t first, IdOf id_of) {
  int32_t next = first;
  for (const auto& item : items) next = std::max(next, id_of(item) + 1);
  return next;
}

// `id`, or the id added last when `id` is kLastAdded.
Result<int32_t> ResolveLastAdded(int32_t id, const std::optional<int32_t>& last_added,
                                 std::string_view what) {
  if (id != kLastAdded) return id;
  if (!last_added) return InvalidArgument("cannot set the last added {}: none was added", what);
  return *last_added;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::ranges::equal(
      a, b, [](unsigned char x, unsigned char y) { return std::tolower(x) == std::tolower(y); });
}

int PreviousVersionsMax(const std::map<std::string, std::string>& properties) {
  auto it = properties.find(std::string(TableMetadataBuilder::kPreviousVersionsMaxProperty));
  if (it == properties.end()) return TableMetadataBuilder::kDefaultPreviousVersionsMax;
  int value = 0;
  const std::string& s = it->second;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) {
    return TableMetadataBuilder::kDefaultPreviousVersionsMax;
  }
  return std::max(1, value);
}

// The id in `fresh` of the column that has `source_id` in `original`, matched by full name.
Result<int32_t> FreshSourceId(const Schema& original, const Schema& fresh, int32_t source_id,
                              std::string_view what) {
  std::string name = original.FindColumnName(source_id);
  if (name.empty()) return InvalidArgument("{} refers to unknown column id {}", what, source_id);
  FLOE_ASSIGN_OR_RETURN(const NestedField* field, fresh.FindFieldByName(name));
  return field->id();
}

}  // namespace

TableMetadataBuilder::TableMetadataBuilder() {
  f_.format_version = 2;
  f_.current_schema_id = -1;
  f_.default_spec_id = -1;
  f_.default_sort_order_id = -1;
  f_.last_partition_id = PartitionSpec::kFirstFieldId - 1;
}

TableMetadataBuilder::TableMetadataBuilder(const TableMetadata& base)
    : f_(base.fields()), is_new_(false), base_last_updated_ms_(base.last_updated_ms()) {}

Result<TableMetadataBuilder> TableMetadataBuilder::ForNewTable(
    const Schema& schema, const PartitionSpec& spec, const SortOrder& sort_order,
    std::string location, std::map<std::string, std::string> properties, int32_t format_version) {
  int32_t last_column_id = 0;
  FLOE_ASSIGN_OR_RETURN(Schema fresh,
                        AssignFreshIds(schema, Schema::kInitialSchemaId, &last_column_id));

  std::vector<PartitionField> partition_fields;
  for (size_t i = 0; i < spec.fields().size(); ++i) {
    const PartitionField& field = spec.fields()[i];
    FLOE_ASSIGN_OR_RETURN(int32_t source_id,
                          FreshSourceId(schema, fresh, field.source_id(),
                                        fmt::format("partition field '{}'", field.name())));
    partition_fields.emplace_back(source_id, PartitionSpec::kFirstFieldId + static_cast<int32_t>(i),
                                  field.name(), field.transform());
  }
  FLOE_ASSIGN_OR_RETURN(
      PartitionSpec fresh_spec,
      PartitionSpec::Make(fresh, PartitionSpec::kInitialSpecId, std::move(partition_fields)));

  SortOrder fresh_order = SortOrder::Unsorted();
  if (!sort_order.is_unsorted()) {
    std::vector<SortField> sort_fields;
    for (const SortField& field : sort_order.fields()) {
      FLOE_ASSIGN_OR_RETURN(int32_t source_id,
                            FreshSourceId(schema, fresh, field.source_id(), "sort field"));
      sort_fields.emplace_back(source_id, field.transform(), field.direction(), field.null_order());
    }
    FLOE_ASSIGN_OR_RETURN(fresh_order, SortOrder::Make(fresh, 1, std::move(sort_fields)));
  }

  TableMetadataBuilder builder;
  FLOE_RETURN_IF_ERROR(builder.AssignUuid(Uuid::Random().ToString()));
  FLOE_RETURN_IF_ERROR(builder.UpgradeFormatVersion(format_version));
  FLOE_RETURN_IF_ERROR(builder.AddSchema(fresh, last_column_id));
  FLOE_RETURN_IF_ERROR(builder.SetCurrentSchema(kLastAdded));
  FLOE_RETURN_IF_ERROR(builder.AddPartitionSpec(fresh_spec));
  FLOE_RETURN_IF_ERROR(builder.SetDefaultSpec(kLastAdded));
  FLOE_RETURN_IF_ERROR(builder.AddSortOrder(fresh_order));
  FLOE_RETURN_IF_ERROR(builder.SetDefaultSortOrder(kLastAdded));
  FLOE_RETURN_IF_ERROR(builder.SetLocation(location));
  FLOE_RETURN_IF_ERROR(builder.SetProperties(properties));
  return builder;
}

Status TableMetadataBuilder::Apply(const TableUpdate& update) {
  return std::visit(
      [this](const auto& u) -> Status {
        using T = std::decay_t<decltype(u)>;
        if constexpr (std::is_same_v<T, AssignUuidUpdate>) {
          return AssignUuid(u.uuid);
        } else if constexpr (std::is_same_v<T, UpgradeFormatVersionUpdate>) {
          return UpgradeFormatVersion(u.format_version);
        } else if constexpr (std::is_same_v<T, AddSchemaUpdate>) {
          return AddSchema(u.schema, u.last_column_id);
        } else if constexpr (std::is_same_v<T, SetCurrentSchemaUpdate>) {
          return SetCurrentSchema(u.schema_id);
        } else if constexpr (std::is_same_v<T, AddPartitionSpecUpdate>) {
          return AddPartitionSpec(u.spec);
        } else if constexpr (std::is_same_v<T, SetDefaultSpecUpdate>) {
          return SetDefaultSpec(u.spec_id);
        } else if constexpr (std::is_same_v<T, AddSortOrderUpdate>) {
          return AddSortOrder(u.sort_order);
        } else if constexpr (std::is_same_v<T, SetDefaultSortOrderUpdate>) {
          return SetDefaultSortOrder(u.sort_order_id);
        } else if constexpr (std::is_same_v<T, AddSnapshotUpdate>) {
          return AddSnapshot(u.snapshot);
        } else if constexpr (std::is_same_v<T, SetSnapshotRefUpdate>) {
          return SetRef(u.ref_name, u.ref);
        } else if constexpr (std::is_same_v<T, RemoveSnapshotsUpdate>) {
          return RemoveSnapshots(u.snapshot_ids);
        } else if constexpr (std::is_same_v<T, RemoveSnapshotRefUpdate>) {
          return RemoveRef(u.ref_name);
        } else if constexpr (std::is_same_v<T, SetLocationUpdate>) {
          return SetLocation(u.location);
        } else if constexpr (std::is_same_v<T, SetPropertiesUpdate>) {
          return SetProperties(u.updates);
        } else {
          static_assert(std::is_same_v<T, RemovePropertiesUpdate>);
          return RemoveProperties(u.removals);
        }
      },
      update.value());
}

Status TableMetadataBuilder::ApplyAll(std::span<const TableUpdate> updates) {
  for (size_t i = 0; i < updates.size(); ++i) {
    auto status = Apply(updates[i]);
    if (!status) {
      return status.error().WithContext(fmt::format("update {} ({})", i, updates[i].action()));
    }
  }
  return OkStatus();
}

Status TableMetadataBuilder::AssignUuid(const std::string& uuid) {
  FLOE_RETURN_IF_ERROR(Uuid::Parse(uuid));
  if (f_.table_uuid && EqualsIgnoreCase(*f_.table_uuid, uuid)) return OkStatus();
  if (f_.table_uuid && !is_new_) {
    return InvalidArgument("cannot reassign the table uuid {} to {}", *f_.table_uuid, uuid);
  }
  f_.table_uuid = uuid;
  changes_.push_back(AssignUuidUpdate{uuid});
  return OkStatus();
}

Status TableMetadataBuilder::UpgradeFormatVersion(int32_t format_version) {
  if (format_version > TableMetadata::kMaxSupportedFormatVersion) {
    return NotSupported("format version {} is not supported (floe writes 1 and 2)", format_version);
  }
  if (format_version < 1) return InvalidArgument("unknown format version {}", format_version);
  if (format_version < f_.format_version && !is_new_) {
    return InvalidArgument("cannot downgrade the format version from {} to {}", f_.format_version,
                           format_version);
  }
  if (format_version == f_.format_version) {
    // A create states its version even when it is the default.
    if (is_new_) changes_.push_back(UpgradeFormatVersionUpdate{format_version});
    return OkStatus();
  }
  std::vector<Snapshot> snapshots = f_.snapshots;
  if (format_version >= 2 && f_.format_version < 2) {
    // v1 snapshots have no sequence number and read as 0; v2 writes that down.
    for (auto& s : snapshots) {
      if (s.has_sequence_number()) continue;
      nlohmann::json j = s.ToJson();
      j["sequence-number"] = 0;
      FLOE_ASSIGN_OR_RETURN(s, Snapshot::FromJson(j));
    }
    if (!f_.table_uuid) f_.table_uuid = Uuid::Random().ToString();
  }
  f_.snapshots = std::move(snapshots);
  f_.format_version = format_version;
  changes_.push_back(UpgradeFormatVersionUpdate{format_version});
  return OkStatus();
}

Status TableMetadataBuilder::AddSchema(const Schema& schema,
                                       std::optional<int32_t> last_column_id) {
  int32_t new_last =
      last_column_id.value_or(std::max(f_.last_column_id, schema.highest_field_id()));
  if (new_last < f_.last_column_id) {
    return InvalidArgument("last-column-id {} is below the table's {}: it may only grow", new_last,
                           f_.last_column_id);
  }
  if (new_last < schema.highest_field_id()) {
    return InvalidArgument("last-column-id {} is below the schema's highest field id {}", new_last,
                           schema.highest_field_id());
  }
  bool changed_last = new_last != f_.last_column_id;
  f_.last_column_id = new_last;
  for (const auto& existing : f_.schemas) {
    if (existing.SameSchema(schema)) {
      last_added_schema_id_ = existing.schema_id();
      if (changed_last) changes_.push_back(AddSchemaUpdate{existing, new_last});
      return OkStatus();
    }
  }
  int32_t id =
      NextId(f_.schemas, Schema::kInitialSchemaId, [](const Schema& s) { return s.schema_id(); });
  Schema added = schema.WithSchemaId(id);
  f_.schemas.push_back(added);
  last_added_schema_id_ = id;
  changes_.push_back(AddSchemaUpdate{std::move(added), new_last});
  return OkStatus();
}

Status TableMetadataBuilder::SetCurrentSchema(int32_t schema_id) {
  FLOE_ASSIGN_OR_RETURN(int32_t id, ResolveLastAdded(schema_id, last_added_schema_id_, "schema"));
  if (FindSchema(id) == nullptr) return InvalidArgument("no schema with id {}", id);
  if (id == f_.current_schema_id) return OkStatus();
  f_.current_schema_id = id;
  changes_.push_back(SetCurrentSchemaUpdate{id});
  return OkStatus();
}

Status TableMetadataBuilder::AddPartitionSpec(const PartitionSpec& spec) {
  const Schema* schema = FindSchema(f_.current_schema_id);
  if (schema == nullptr) return InvalidArgument("cannot add a partition spec before a schema");
  FLOE_RETURN_IF_ERROR(spec.Validate(*schema));
  for (const auto& existing : f_.partition_specs) {
    if (existing.CompatibleWith(spec)) {
      last_added_spec_id_ = existing.spec_id();
      return OkStatus();
    }
  }
  int32_t id = NextId(f_.partition_specs, PartitionSpec::kInitialSpecId,
                      [](const PartitionSpec& s) { return s.spec_id(); });
  FLOE_ASSIGN_OR_RETURN(PartitionSpec added, PartitionSpec::MakeUnchecked(id, spec.fields()));
  f_.last_partition_id = std::max(f_.last_partition_id, added.last_assigned_field_id());
  f_.partition_specs.push_back(added);
  last_added_spec_id_ = id;
  changes_.push_back(AddPartitionSpecUpdate{std::move(added)});
  return OkStatus();
}

Status TableMetadataBuilder::SetDefaultSpec(int32_t spec_id) {
  FLOE_ASSIGN_OR_RETURN(int32_t id,
                        ResolveLastAdded(spec_id, last_added_spec_id_, "partition spec"));
  bool exists = std::ranges::any_of(f_.partition_specs,
                                    [id](const PartitionSpec& s) { return s.spec_id() == id; });
  if (!exists) return InvalidArgument("no partition spec with id {}", id);
  if (id == f_.default_spec_id) return OkStatus();
  f_.default_spec_id = id;
  changes_.push_back(SetDefaultSpecUpdate{id});
  return OkStatus();
}

Status TableMetadataBuilder::AddSortOrder(const SortOrder& sort_order) {
  const Schema* schema = FindSchema(f_.current_schema_id);
  if (schema == nullptr) return InvalidArgument("cannot add a sort order before a schema");
  FLOE_RETURN_IF_ERROR(sort_order.Validate(*schema));
  for (const auto& existing : f_.sort_orders) {
    if (existing.SameOrder(sort_order)) {
      last_added_order_id_ = existing.order_id();
      return OkStatus();
    }
  }
  int32_t id = SortOrder::kUnsortedOrderId;
  if (!sort_order.is_unsorted()) {
    id = NextId(f_.sort_orders, 1, [](const SortOrder& o) { return o.order_id(); });
  }
  FLOE_ASSIGN_OR_RETURN(SortOrder added, SortOrder::MakeUnchecked(id, sort_order.fields()));
  f_.sort_orders.push_back(added);
  last_added_order_id_ = id;
  changes_.push_back(AddSortOrderUpdate{std::move(added)});
  return OkStatus();
}

Status TableMetadataBuilder::SetDefaultSortOrder(int32_t sort_order_id) {
  FLOE_ASSIGN_OR_RETURN(int32_t id,
                        ResolveLastAdded(sort_order_id, last_added_order_id_, "sort order"));
  bool exists =
      std::ranges::any_of(f_.sort_orders, [id](const SortOrder& o) { return o.order_id() == id; });
  if (!exists) return InvalidArgument("no sort order with id {}", id);
  if (id == f_.default_sort_order_id) return OkStatus();
  f_.default_sort_order_id = id;
  changes_.push_back(SetDefaultSortOrderUpdate{id});
  return OkStatus();
}

Status TableMetadataBuilder::AddSnapshot(const Snapshot& snapshot) {
  if (f_.schemas.empty()) return InvalidArgument("cannot add a snapshot before a schema");
  if (FindSnapshot(snapshot.snapshot_id()) != nullptr) {
    return InvalidArgument("snapshot {} already exists", snapshot.snapshot_id());
  }
  if (f_.format_version >= 2) {
    if (!snapshot.has_sequence_number()) {
      return InvalidArgument("snapshot {} has no sequence number (format v2)",
                             snapshot.snapshot_id());
    }
    if (snapshot.sequence_number() <= f_.last_sequence_number) {
      return CommitFailed(
          "snapshot {} has sequence number {}, not above the table's last sequence number {}",
          snapshot.snapshot_id(), snapshot.sequence_number(), f_.last_sequence_number);
    }
    f_.last_sequence_number = snapshot.sequence_number();
  }
  f_.snapshots.push_back(snapshot);
  added_snapshot_ids_.push_back(snapshot.snapshot_id());
  last_added_snapshot_ms_ = snapshot.timestamp_ms();
  changes_.push_back(AddSnapshotUpdate{snapshot});
  return OkStatus();
}

Status TableMetadataBuilder::SetRef(const std::string& name, const SnapshotRef& ref) {
  if (name.empty()) return InvalidArgument("a ref needs a name");
  const Snapshot* snapshot = FindSnapshot(ref.snapshot_id());
  if (snapshot == nullptr) {
    return InvalidArgument("ref '{}' points at unknown snapshot {}", name, ref.snapshot_id());
  }
  bool is_main = name == kMainBranch;
  if (is_main && !ref.is_branch()) return InvalidArgument("'main' must be a branch");
  auto it = f_.refs.find(name);
  if (it != f_.refs.end() && it->second == ref) return OkStatus();
  int64_t log_ms =
      std::ranges::find(added_snapshot_ids_, ref.snapshot_id()) != added_snapshot_ids_.end()
          ? snapshot->timestamp_ms()
          : CommitTimestampMs();
  f_.refs.insert_or_assign(name, ref);
  if (is_main && f_.current_snapshot_id != ref.snapshot_id()) {
    f_.current_snapshot_id = ref.snapshot_id();
    f_.snapshot_log.push_back(SnapshotLogEntry{log_ms, ref.snapshot_id()});
  }
  changes_.push_back(SetSnapshotRefUpdate{name, ref});
  return OkStatus();
}

Status TableMetadataBuilder::RemoveSnapshots(std::span<const int64_t> snapshot_ids) {
  std::set<int64_t> to_remove;
  for (int64_t id : snapshot_ids) {
    if (FindSnapshot(id) != nullptr) to_remove.insert(id);
  }
  if (to_remove.empty()) return OkStatus();
  std::erase_if(f_.snapshots,
                [&](const Snapshot& s) { return to_remove.contains(s.snapshot_id()); });
  std::erase_if(f_.refs,
                [&](const auto& entry) { return to_remove.contains(entry.second.snapshot_id()); });
  if (f_.current_snapshot_id && to_remove.contains(*f_.current_snapshot_id)) {
    f_.current_snapshot_id.reset();
  }
  // The log is a history: an entry whose snapshot is gone also drops everything before it.
  std::vector<SnapshotLogEntry> log;
  for (const auto& entry : f_.snapshot_log) {
    if (to_remove.contains(entry.snapshot_id) || FindSnapshot(entry.snapshot_id) == nullptr) {
      log.clear();
    } else {
      log.push_back(entry);
    }
  }
  f_.snapshot_log = std::move(log);
  changes_.push_back(RemoveSnapshotsUpdate{{to_remove.begin(), to_remove.end()}});
  return OkStatus();
}

Status TableMetadataBuilder::RemoveRef(const std::string& name) {
  if (f_.refs.erase(name) == 0) return OkStatus();
  if (name == kMainBranch) f_.current_snapshot_id.reset();
  changes_.push_back(RemoveSnapshotRefUpdate{name});
  return OkStatus();
}

Status TableMetadataBuilder::SetLocation(const std::string& location) {
  if (location.empty()) return InvalidArgument("the table location cannot be empty");
  if (location == f_.location) return OkStatus();
  f_.location = location;
  changes_.push_back(SetLocationUpdate{location});
  return OkStatus();
}

Status TableMetadataBuilder::SetProperties(const std::map<std::string, std::string>& updates) {
  if (updates.empty()) return OkStatus();
  if (updates.contains("")) return InvalidArgument("a property needs a non-empty key");
  for (const auto& [k, v] : updates) f_.properties[k] = v;
  changes_.push_back(SetPropertiesUpdate{updates});
  return OkStatus();
}

Status TableMetadataBuilder::RemoveProperties(std::span<const std::string> removals) {
  if (removals.empty()) return OkStatus();
  for (const auto& k : removals) f_.properties.erase(k);
  changes_.push_back(RemovePropertiesUpdate{{removals.begin(), removals.end()}});
  return OkStatus();
}

Result<TableMetadata> TableMetadataBuilder::Build() const {
  TableMetadata::Fields f = f_;
  if (is_new_) {
    if (f.schemas.empty()) return InvalidArgument("a new table needs a schema");
    if (!f.table_uuid) f.table_uuid = Uuid::Random().ToString();
    if (f.partition_specs.empty()) {
      f.partition_specs.push_back(PartitionSpec::Unpartitioned());
      f.default_spec_id = PartitionSpec::kInitialSpecId;
    }
    if (f.sort_orders.empty()) {
      f.sort_orders.push_back(SortOrder::Unsorted());
      f.default_sort_order_id = SortOrder::kUnsortedOrderId;
    }
  }
  if (!is_new_ && changes_.empty()) return TableMetadata::Make(std::move(f));

  if (timestamp_ms_) {
    f.last_updated_ms = *timestamp_ms_;
  } else if (last_added_snapshot_ms_) {
    f.last_updated_ms = *last_added_snapshot_ms_;
  } else {
    f.last_updated_ms = CommitTimestampMs();
  }
  if (previous_metadata_location_ && !is_new_) {
    f.metadata_log.push_back(
        MetadataLogEntry{base_last_updated_ms_.value_or(0), *previous_metadata_location_});
    size_t max = static_cast<size_t>(PreviousVersionsMax(f.properties));
    if (f.metadata_log.size() > max) {
      f.metadata_log.erase(f.metadata_log.begin(),
                           f.metadata_log.end() - static_cast<std::ptrdiff_t>(max));
    }
  }
  return TableMetadata::Make(std::move(f));
}

int64_t TableMetadataBuilder::CommitTimestampMs() const {
  if (timestamp_ms_) return *timestamp_ms_;
  if (!now_ms_) {
    Clock* clock = clock_ != nullptr ? clock_ : SystemClock::Default();
    now_ms_ = std::chrono::duration_cast<std::chrono::milliseconds>(clock->Now().time_since_epoch())
                  .count();
  }
  return *now_ms_;
}

const Schema* TableMetadataBuilder::FindSchema(int32_t id) const {
  for (const auto& s : f_.schemas) {
    if (s.schema_id() == id) return &s;
  }
  return nullptr;
}

const Snapshot* TableMetadataBuilder::FindSnapshot(int64_t id) const {
  for (const auto& s : f_.snapshots) {
    if (s.snapshot_id() == id) return &s;
  }
  return nullptr;
}

Result<TableMetadata> ApplyCommit(const TableMetadata* current,
                                  std::span<const TableRequirement> requirements,
                                  std::span<const TableUpdate> updates,
                                  const CommitOptions& options) {
  for (const auto& requirement : requirements) {
    FLOE_RETURN_IF_ERROR(requirement.Validate(current));
  }
  TableMetadataBuilder builder = current ? TableMetadataBuilder(*current) : TableMetadataBuilder();
  if (options.clock != nullptr) builder.SetClock(options.clock);
  if (options.timestamp_ms) builder.SetTimestampMs(*options.timestamp_ms);
  if (options.previous_metadata_location) {
    builder.SetPreviousMetadataLocation(*options.previous_metadata_location);
  }
  FLOE_RETURN_IF_ERROR(builder.ApplyAll(updates));
  return builder.Build();
}

}  // namespace floe::iceberg
