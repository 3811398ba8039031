// Table: one Iceberg table as loaded from a catalog, and what can be done to it.
//
//   FLOE_ASSIGN_OR_RETURN(Table table, Table::Load(catalog, id));
//   FLOE_ASSIGN_OR_RETURN(auto writer, table.NewDataWriter());
//   FLOE_RETURN_IF_ERROR(writer->Write(batch));
//   FLOE_ASSIGN_OR_RETURN(auto files, writer->Close());
//   FLOE_ASSIGN_OR_RETURN(CommitResult appended, table.Append(std::move(files)));
//   FLOE_ASSIGN_OR_RETURN(auto scan, table.NewScan().Select({"id"}).Filter("id > 5").Open());
//
// Commits (spec "Optimistic Concurrency"): each operation writes its manifests and a manifest
// list for the table's current snapshot and asks the catalog to swap in new metadata whose main
// branch points at the new snapshot, requiring that main still points at the parent. When
// another commit won meanwhile (kCommitFailed), the table is reloaded and the snapshot rebased
// on the new current one (new manifest list and metadata only; data files are never rewritten
// for a retry), after a backoff (table properties commit.retry.num-retries, default 4;
// commit.retry.min-wait-ms, 100; commit.retry.max-wait-ms, 60000). An overwrite whose removed
// files were removed by the winning commit cannot be rebased: kCommitFailed naming the file.
// When the catalog cannot say whether the commit landed (kCommitStateUnknown), the table is
// reloaded to see whether the snapshot is there before anything is cleaned up; if that cannot
// be told, nothing is deleted and the error is returned; if the snapshot is not there, the
// attempt is retried like a lost race.
//
// A Table is a value with a snapshot of the metadata; Refresh() reloads it. Not thread-safe;
// use one Table per thread (the catalog and FileIO are shared safely).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "floe/catalog/catalog.h"
#include "floe/core/result.h"
#include "floe/iceberg/data_file.h"
#include "floe/iceberg/expression.h"
#include "floe/iceberg/snapshot.h"
#include "floe/table/data_writer.h"

namespace floe::table {

class TableScan;

// What a commit did.
struct CommitResult {
  iceberg::Snapshot snapshot;
  std::vector<iceberg::DataFile> added_files;
  std::vector<iceberg::DataFile> removed_files;
  // Attempts the commit took (1 when no other commit got in the way).
  int attempts = 1;
};

struct CommitOptions {
  // Added to the snapshot summary (keys the summary computes itself win).
  std::map<std::string, std::string> summary;
  // Override the table's commit.retry.* properties when set.
  std::optional<int> num_retries;
  std::optional<int64_t> min_wait_ms;
  std::optional<int64_t> max_wait_ms;
  // Called before each retry, once the table is reloaded, with the attempt that did not land
  // and the reloaded metadata; an error ends the commit (nothing is committed), e.g. when the
  // schema changed under the writer in a way its data files cannot follow.
  std::function<Status(int failed_attempt, const iceberg::TableMetadata& refreshed)> before_retry;
};

class Table {
 public:
  // REQUIRES: `catalog` outlives the table.
  Table(catalog::Catalog* catalog, catalog::LoadedTable loaded)
      : catalog_(catalog), loaded_(std::move(loaded)) {}
  static Result<Table> Load(catalog::Catalog& catalog, const iceberg::TableIdentifier& id);

  const iceberg::TableIdentifier& id() const { return loaded_.id; }
  const iceberg::TableMetadata& metadata() const { return *loaded_.metadata; }
  const std::shared_ptr<const iceberg::TableMetadata>& shared_metadata() const {
    return loaded_.metadata;
  }
  const std::string& metadata_location() const { return loaded_.metadata_location; }
  const iceberg::Schema& schema() const { return metadata().current_schema(); }
  std::shared_ptr<io::FileIO> io() const { return catalog_->file_io(); }
  catalog::Catalog& catalog() const { return *catalog_; }

  // Reloads the metadata from the catalog.
  Status Refresh();

  // A writer of data files for the current schema and default spec (not committed).
  Result<std::unique_ptr<DataWriter>> NewDataWriter(DataWriterOptions options = {}) const;

  // Adds data files in one snapshot ("append").
  Result<CommitResult> Append(std::vector<iceberg::DataFile> files, CommitOptions options = {});
  // Removes the rows that match `filter` (every row when it is null or always-true) and adds
  // `files`, in one snapshot ("overwrite", or "delete" when nothing is added). Files whose
  // partition or column bounds prove every row matches are dropped; files with some matching
  // rows are rewritten without them (and with their delete files applied). `filter` may be
  // unbound; it is bound to the current schema.
  Result<CommitResult> Overwrite(const iceberg::ExprPtr& filter,
                                 std::vector<iceberg::DataFile> files, CommitOptions options = {});

  // Commits metadata changes (schema, spec, properties...) with requirements checked against
  // the table as the catalog has it; the table then holds the new metadata.
  Status CommitUpdates(std::vector<iceberg::TableRequirement> requirements,
                       std::vector<iceberg::TableUpdate> updates);

  TableScan NewScan() const;

 private:
  friend class SnapshotProducer;
  catalog::Catalog* catalog_;
  catalog::LoadedTable loaded_;
};

}  // namespace floe::table
