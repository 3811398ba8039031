// TableMetadataBuilder: makes the next TableMetadata of a table by applying TableUpdates to the
// current one (or to nothing, for a new table), with the spec's rules for each change; and
// ApplyCommit, which checks a commit's requirements and then applies its updates. The SQL
// catalog, the REST server and the table layer all commit through ApplyCommit, so the rules
// live in one place.
//
//   TableMetadataBuilder builder(current);
//   builder.SetPreviousMetadataLocation(current_location);
//   FLOE_RETURN_IF_ERROR(builder.Apply(AddSnapshotUpdate{snapshot}));
//   FLOE_RETURN_IF_ERROR(builder.Apply(SetSnapshotRefUpdate{"main", SnapshotRef::Branch(id)}));
//   FLOE_ASSIGN_OR_RETURN(TableMetadata next, builder.Build());
//
// Rules applied (spec "Table Metadata", REST "TableUpdate"):
// - add-schema takes the next schema id, or reuses the id of an identical schema;
//   last-column-id only grows. add-spec and add-sort-order likewise (sort order ids start at 1;
//   the unsorted order is 0). The set-current/default updates accept -1 for "added last".
//   A spec keeps the partition field ids it brings (clients assign them above the table's
//   last-partition-id), and last-partition-id grows to cover them. Specs and sort orders are
//   checked against the current schema.
// - add-snapshot needs a schema; in format v2 its sequence number must be above the table's
//   last-sequence-number (kCommitFailed otherwise: the writer's view is stale), which it becomes.
// - set-snapshot-ref of "main" makes the snapshot current and appends to the snapshot log;
//   removing snapshots removes the refs that point at them and prunes the snapshot log.
// - upgrade-format-version never downgrades; assign-uuid never changes an existing uuid.
// - Build stamps last-updated-ms (a given timestamp, else the snapshot added last, else the
//   clock), appends the previous metadata file to the metadata log (trimmed to the table's
//   "write.metadata.previous-versions-max", default 100) and validates with TableMetadata::Make.
//
// Not thread-safe; one builder per commit attempt. A failed Apply leaves the builder unchanged.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "floe/core/clock.h"
#include "floe/core/result.h"
#include "floe/iceberg/table_metadata.h"
#include "floe/iceberg/table_requirement.h"
#include "floe/iceberg/table_update.h"

namespace floe::iceberg {

class TableMetadataBuilder {
 public:
  static constexpr std::string_view kPreviousVersionsMaxProperty =
      "write.metadata.previous-versions-max";
  static constexpr int kDefaultPreviousVersionsMax = 100;

  // A builder for a new table with nothing in it yet (format v2 until upgrade-format-version
  // says otherwise, which for a new table may also choose v1). Build needs at least a schema and
  // a location; a missing uuid, spec or sort order defaults to a random uuid, the unpartitioned
  // spec and the unsorted order.
  TableMetadataBuilder();
  // A builder for the next metadata of an existing table.
  explicit TableMetadataBuilder(const TableMetadata& base);

  // A new table from a schema, spec and sort order whose ids are reassigned as for a new table:
  // column ids from 1, schema id 0, partition field ids from 1000 under spec id 0, sort order
  // id 1 (0 when unsorted); source ids follow their columns by name. changes() then holds the
  // updates a REST create sends.
  static Result<TableMetadataBuilder> ForNewTable(const Schema& schema, const PartitionSpec& spec,
                                                  const SortOrder& sort_order, std::string location,
                                                  std::map<std::string, std::string> properties,
                                                  int32_t format_version = 2);

  // Time for last-updated-ms and snapshot-log entries: a fixed timestamp wins over a clock;
  // with neither, the system clock. REQUIRES: `clock` outlives the builder.
  void SetClock(Clock* clock) { clock_ = clock; }
  void SetTimestampMs(int64_t timestamp_ms) { timestamp_ms_ = timestamp_ms; }
  // The metadata file being replaced; Build appends it to the metadata log.
  void SetPreviousMetadataLocation(std::string location) {
    previous_metadata_location_ = std::move(location);
  }

  // Applies one update with its rules; on error the builder is unchanged.
  Status Apply(const TableUpdate& update);
  // Stops at the first error (naming the update); the updates before it stay applied.
  Status ApplyAll(std::span<const TableUpdate> updates);

  Status AssignUuid(const std::string& uuid);
  Status UpgradeFormatVersion(int32_t format_version);
  Status AddSchema(const Schema& schema, std::optional<int32_t> last_column_id = std::nullopt);
  Status SetCurrentSchema(int32_t schema_id);
  Status AddPartitionSpec(const PartitionSpec& spec);
  Status SetDefaultSpec(int32_t spec_id);
  Status AddSortOrder(const SortOrder& sort_order);
  Status SetDefaultSortOrder(int32_t sort_order_id);
  Status AddSnapshot(const Snapshot& snapshot);
  Status SetRef(const std::string& name, const SnapshotRef& ref);
  Status RemoveSnapshots(std::span<const int64_t> snapshot_ids);
  Status RemoveRef(const std::string& name);
  Status SetLocation(const std::string& location);
  Status SetProperties(const std::map<std::string, std::string>& updates);
  Status RemoveProperties(std::span<const std::string> removals);

  // The updates that changed something, in order, with ids resolved (no -1s), e.g. to send to
  // a REST catalog.
  const std::vector<TableUpdate>& changes() const { return changes_; }

  // The new metadata. With no changes to an existing table, the base as it was (no new
  // timestamp, no metadata-log entry). Build may be called more than once.
  Result<TableMetadata> Build() const;

 private:
  int64_t CommitTimestampMs() const;
  const Schema* FindSchema(int32_t id) const;
  const Snapshot* FindSnapshot(int64_t id) const;

  TableMetadata::Fields f_;
  bool is_new_ = true;
  std::optional<int64_t> base_last_updated_ms_;
  std::optional<int32_t> last_added_schema_id_;
  std::optional<int32_t> last_added_spec_id_;
  std::optional<int32_t> last_added_order_id_;
  std::optional<int64_t> last_added_snapshot_ms_;
  std::vector<int64_t> added_snapshot_ids_;
  std::vector<TableUpdate> changes_;

  Clock* clock_ = nullptr;
  std::optional<int64_t> timestamp_ms_;
  mutable std::optional<int64_t> now_ms_;  // the clock read once, for a consistent commit
  std::optional<std::string> previous_metadata_location_;
};

// Options of ApplyCommit, passed on to the builder.
struct CommitOptions {
  Clock* clock = nullptr;
  std::optional<int64_t> timestamp_ms;
  // The metadata file of `current`, appended to the metadata log.
  std::optional<std::string> previous_metadata_location;
};

// Checks every requirement against `current` (nullptr: the table does not exist yet), then
// applies the updates in order and builds. A failed requirement is kCommitFailed; an update
// that breaks a rule keeps its error kind, with context naming the update.
Result<TableMetadata> ApplyCommit(const TableMetadata* current,
                                  std::span<const TableRequirement> requirements,
                                  std::span<const TableUpdate> updates,
                                  const CommitOptions& options = {});

}  // namespace floe::iceberg
