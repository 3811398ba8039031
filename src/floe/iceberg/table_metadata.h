// TableMetadata: the content of a table's metadata.json (spec "Table Metadata"): schemas,
// partition specs, sort orders, snapshots, refs, properties and logs, with the ids of the current
// ones. Immutable; each commit writes a new file from a new TableMetadata.
//
//   FLOE_ASSIGN_OR_RETURN(auto metadata, TableMetadata::FromJsonString(file_text));
//   const Schema& schema = metadata.current_schema();
//   std::string out = metadata.ToJsonString();
//
// Reads format v1 and v2 (v1's deprecated "schema" and "partition-spec" are understood, and
// written alongside the newer keys for v1 tables, as the reference implementation does). Format
// v3 and later are refused with NotSupported. Keys floe does not model ("statistics",
// "partition-statistics", ...) are kept verbatim and written back, so reading and writing a file
// yields equivalent JSON. A table without snapshots writes "current-snapshot-id": -1.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "floe/core/result.h"
#include "floe/iceberg/partition_spec.h"
#include "floe/iceberg/schema.h"
#include "floe/iceberg/snapshot.h"
#include "floe/iceberg/snapshot_ref.h"
#include "floe/iceberg/sort_order.h"

namespace floe::iceberg {

struct SnapshotLogEntry {
  int64_t timestamp_ms;
  int64_t snapshot_id;
  bool operator==(const SnapshotLogEntry&) const = default;
};

struct MetadataLogEntry {
  int64_t timestamp_ms;
  std::string metadata_file;
  bool operator==(const MetadataLogEntry&) const = default;
};

class TableMetadata {
 public:
  static constexpr int32_t kMaxSupportedFormatVersion = 2;

  struct Fields {
    int32_t format_version = 2;
    std::optional<std::string> table_uuid;  // required from v2
    std::string location;
    int64_t last_sequence_number = 0;  // v2
    int64_t last_updated_ms = 0;
    int32_t last_column_id = 0;
    std::vector<Schema> schemas;
    int32_t current_schema_id = 0;
    std::vector<PartitionSpec> partition_specs;
    int32_t default_spec_id = 0;
    int32_t last_partition_id = PartitionSpec::kFirstFieldId - 1;
    std::map<std::string, std::string> properties;
    std::optional<int64_t> current_snapshot_id;
    std::vector<Snapshot> snapshots;
    std::vector<SnapshotLogEntry> snapshot_log;
    std::vector<MetadataLogEntry> metadata_log;
    std::vector<SortOrder> sort_orders;
    int32_t default_sort_order_id = SortOrder::kUnsortedOrderId;
    std::map<std::string, SnapshotRef> refs;
    // Keys this class does not model, written back unchanged. An object.
    nlohmann::json extra = nlohmann::json::object();
  };

  // Checks that the current schema, default spec, default sort order, current snapshot and
  // every ref's snapshot exist; ids are unique; last-column-id and last-partition-id cover the
  // ids in use; v2 tables have a uuid and sequence-numbered snapshots. Adds the "main" branch
  // for the current snapshot when refs lack it.
  static Result<TableMetadata> Make(Fields fields);
  static Result<TableMetadata> FromJson(const nlohmann::json& json);
  // Parses text first; malformed JSON is InvalidArgument.
  static Result<TableMetadata> FromJsonString(std::string_view text);
  nlohmann::json ToJson() const;
  std::string ToJsonString() const;

  const Fields& fields() const { return f_; }
  int32_t format_version() const { return f_.format_version; }
  const std::optional<std::string>& table_uuid() const { return f_.table_uuid; }
  const std::string& location() const { return f_.location; }
  int64_t last_sequence_number() const { return f_.last_sequence_number; }
  int64_t last_updated_ms() const { return f_.last_updated_ms; }
  int32_t last_column_id() const { return f_.last_column_id; }
  int32_t last_partition_id() const { return f_.last_partition_id; }
  const std::vector<Schema>& schemas() const { return f_.schemas; }
  const std::vector<PartitionSpec>& partition_specs() const { return f_.partition_specs; }
  const std::vector<SortOrder>& sort_orders() const { return f_.sort_orders; }
  const std::vector<Snapshot>& snapshots() const { return f_.snapshots; }
  const std::map<std::string, SnapshotRef>& refs() const { return f_.refs; }
  const std::map<std::string, std::string>& properties() const { return f_.properties; }

  const Schema& current_schema() const { return *SchemaById(f_.current_schema_id); }
  const PartitionSpec& default_spec() const { return *SpecById(f_.default_spec_id); }
  const SortOrder& default_sort_order() const { return *SortOrderById(f_.default_sort_order_id); }
  // nullptr when the table has no current snapshot.
  const Snapshot* current_snapshot() const;

  // nullptr when absent.
  const Schema* SchemaById(int32_t id) const;
  const PartitionSpec* SpecById(int32_t id) const;
  const SortOrder* SortOrderById(int32_t id) const;
  const Snapshot* SnapshotById(int64_t id) const;

  bool operator==(const TableMetadata& other) const { return ToJson() == other.ToJson(); }

 private:
  explicit TableMetadata(Fields fields) : f_(std::move(fields)) {}
  Fields f_;
};

}  // namespace floe::iceberg
