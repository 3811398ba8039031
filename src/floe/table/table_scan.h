// TableScan: reads a table's live rows at a snapshot, with column projection and a row filter.
//
//   FLOE_ASSIGN_OR_RETURN(auto reader, table.NewScan()
//                                           .Select({"id", "name"})
//                                           .Filter(iceberg::ParseFilter("id > 5").value())
//                                           .AsOfTime(ts_ms)
//                                           .Open());
//
// Planning (DESIGN.md "Read path"): the snapshot (current, by id, or the one current at a time)
// -> its manifest list -> manifests pruned by their partition summaries -> entries pruned by
// partition values (inclusive projection of the filter) and column bounds (inclusive metrics
// evaluator) -> one FileScanTask per live data file, with the delete files that apply to it
// (position deletes with a sequence number >= the file's, equality deletes with a greater one,
// in the same partition or unpartitioned).
//
// Reading: each file is read with projection by field id (by name for files written without
// ids); columns the file lacks read as nulls, renamed columns are found by id, promoted types
// (int to long, float to double, wider decimals) are widened. Position and equality deletes are
// applied, then the filter, then the projection. The schema is the snapshot's schema when it
// names one (time travel sees the columns of its time), else the current one.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "floe/columnar/batch_reader.h"
#include "floe/core/result.h"
#include "floe/iceberg/data_file.h"
#include "floe/iceberg/expression.h"
#include "floe/iceberg/manifest_entry.h"
#include "floe/iceberg/metrics_evaluator.h"
#include "floe/iceberg/schema.h"
#include "floe/iceberg/snapshot.h"
#include "floe/iceberg/table_metadata.h"
#include "floe/io/file_io.h"

namespace floe::table {

class Table;

// One data file to read, with the delete files that apply to it.
struct FileScanTask {
  iceberg::DataFile file;
  int32_t spec_id = 0;
  int64_t data_sequence_number = 0;
  std::vector<iceberg::ManifestEntry> deletes;
  // The file's identity partition values by source column id. A column the data file lacks
  // reads as its value here (files imported from Hive tables keep partition columns only in
  // their paths), and as null otherwise.
  std::map<int32_t, iceberg::Literal> identity_values;
};

class TableScan {
 public:
  TableScan(std::shared_ptr<const iceberg::TableMetadata> metadata,
            std::shared_ptr<io::FileIO> io)
      : metadata_(std::move(metadata)), io_(std::move(io)) {}

  TableScan& UseSnapshot(int64_t snapshot_id) {
    snapshot_id_ = snapshot_id;
    return *this;
  }
  // The snapshot that was current at this time (milliseconds since the epoch).
  TableScan& AsOfTime(int64_t timestamp_ms) {
    as_of_ms_ = timestamp_ms;
    return *this;
  }
  // Top-level columns to return, in this order; default all.
  TableScan& Select(std::vector<std::string> columns) {
    columns_ = std::move(columns);
    return *this;
  }
  // Bound or unbound; bound to the scan's schema.
  TableScan& Filter(iceberg::ExprPtr filter) {
    filter_ = std::move(filter);
    return *this;
  }
  TableScan& CaseSensitive(bool case_sensitive) {
    case_sensitive_ = case_sensitive;
    return *this;
  }

  // The snapshot read: nullptr when the table has no snapshot (then there are no rows).
  // kNotFound for an unknown snapshot id or a time before the first snapshot.
  Result<const iceberg::Snapshot*> ResolveSnapshot() const;
  // The schema the scan reads with (see the top of this file).
  Result<iceberg::Schema> ScanSchema() const;
  // The selected columns of ScanSchema(). Errors name unknown columns.
  Result<iceberg::Schema> ProjectedSchema() const;

  Result<std::vector<FileScanTask>> PlanFiles() const;
  // The matching live rows, projected.
  Result<std::unique_ptr<columnar::BatchReader>> Open() const;

 private:
  std::shared_ptr<const iceberg::TableMetadata> metadata_;
  std::shared_ptr<io::FileIO> io_;
  std::optional<int64_t> snapshot_id_;
  std::optional<int64_t> as_of_ms_;
  std::optional<std::vector<std::string>> columns_;
  iceberg::ExprPtr filter_;
  bool case_sensitive_ = true;
};

// A manifest entry's statistics as the metrics evaluators take them: bounds read as `schema`'s
// column types (bounds that do not read, e.g. of dropped columns, are left out: unknown).
iceberg::FileMetrics FileMetricsOf(const iceberg::DataFile& file, const iceberg::Schema& schema);

// Reads one task's live rows: `read_schema`'s columns (in its order), with the task's deletes
// applied and, when `bound_filter` is set (bound to a schema holding read_schema's columns),
// only the rows that match it.
Result<std::unique_ptr<columnar::BatchReader>> ReadTask(std::shared_ptr<io::FileIO> io,
                                                        const FileScanTask& task,
                                                        const iceberg::Schema& read_schema,
                                                        const iceberg::ExprPtr& bound_filter);

}  // namespace floe::table
