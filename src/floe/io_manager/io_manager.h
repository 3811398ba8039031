// IcebergIOManager: floe-iceberg's IO manager. Pipeline code hands it an asset's batches and it
// makes them a committed Iceberg snapshot (HandleOutput); later it hands the asset back, only the
// columns and the partition asked for (LoadInput). Built on the table layer (table/table.h).
//
//   FLOE_ASSIGN_OR_RETURN(auto io, IcebergIOManager::Open(config));
//   FLOE_ASSIGN_OR_RETURN(MaterializationMetadata m,
//                         io->HandleOutput({.asset_key = {"bronze", "events"}}, batches));
//   FLOE_ASSIGN_OR_RETURN(auto reader,
//                         io->LoadInput({.asset_key = {"bronze", "events"},
//                                        .columns = std::vector<std::string>{"id", "ts"}}));
//
// HandleOutput follows the seed's write state machine (core/state_machine.h), logging each
// transition with the table and the attempt:
//   Pending -> Validating: the table is TableIdentifier::FromAssetKey(asset_key,
//     default_namespace); the namespace is created if missing; a missing table is created from
//     the batch schema and the output's partition expression. The batch schema is compared with
//     the table's (iceberg::UnionByName): new columns, allowed promotions (int to long, float to
//     double, wider decimals) and required to optional are an evolution; anything else (long to
//     int, string to long) is refused, naming each column, before anything is written.
//   -> EvolvingSchema (schema_evolution_enabled, else refused the same way): the evolved schema
//     is committed on its own, requiring the current schema id it was planned from (another
//     writer's evolution in between: reload and plan again).
//   -> Writing: batches are conformed to the table schema, checked to fall inside the partition
//     key (if any: a row outside it fails the write, nothing committed), and written by the
//     table's DataWriter (partition fanout, rolling files); then committed: append; overwrite
//     with a partition key replaces exactly that partition's rows (partition_filter.h); without
//     one, the whole table. The snapshot summary carries "floe.run-id", "floe.partition-key" and
//     "floe.write-mode".
//   -> Retrying -> Writing: a lost commit race (or a commit whose state was unknown and that did
//     not land) is rebased on the reloaded table after a backoff (the config's RetryConfig:
//     max_attempts, initial and max wait; the jitter is the table's, a random 50-100% of the
//     wait); before each retry the reloaded schema and spec are
//     re-checked against the files written (a required column added, a column narrowed, or the
//     files' spec gone: fail). Data files are never rewritten for a retry. An overwrite whose
//     replaced files another commit removed meanwhile (the same partition written twice at
//     once) is planned again on the reloaded table: the last writer's rows win, none doubled.
//   -> Committed, or Failed: data files of a commit that certainly failed are deleted; when the
//     commit's state stays unknown, nothing is deleted and kCommitStateUnknown is returned.
// The MaterializationMetadata describes the commit made here (its snapshot id, rows written),
// not whatever snapshot is current afterwards.
//
// Thread-safe: each call loads its own Table; the catalog must be safe to share (SqlCatalog is).
#pragma once

#include <memory>
#include <vector>

#include "floe/catalog/catalog.h"
#include "floe/columnar/batch_reader.h"
#include "floe/core/result.h"
#include "floe/iceberg/table_identifier.h"
#include "floe/io_manager/io_context.h"
#include "floe/io_manager/io_manager_config.h"
#include "floe/io_manager/materialization_metadata.h"

namespace floe::iceberg {

// Summary properties of the snapshots HandleOutput commits.
inline constexpr const char* kRunIdProperty = "floe.run-id";
inline constexpr const char* kPartitionKeyProperty = "floe.partition-key";
inline constexpr const char* kWriteModeProperty = "floe.write-mode";

class IcebergIOManager {
 public:
  IcebergIOManager(IcebergIOManagerConfig config, std::shared_ptr<catalog::Catalog> catalog)
      : config_(std::move(config)), catalog_(std::move(catalog)) {}
  // REQUIRES: `catalog` outlives the IO manager.
  IcebergIOManager(IcebergIOManagerConfig config, catalog::Catalog& catalog);

  // Opens the catalog the config names: the embedded SqlCatalog when catalog_uri is empty
  // ("<warehouse>/catalog.db"), "sqlite:..." or a plain path, with tables under warehouse (a
  // folder, created if missing). An http(s) uri is the REST catalog: kNotSupported for now.
  static Result<std::unique_ptr<IcebergIOManager>> Open(IcebergIOManagerConfig config);

  const IcebergIOManagerConfig& config() const { return config_; }
  catalog::Catalog& catalog() const { return *catalog_; }

  // The table an asset lives in.
  Result<TableIdentifier> TableFor(const std::vector<std::string>& asset_key) const;

  // Writes every batch of `batches` and commits them (see the top of this file).
  Result<MaterializationMetadata> HandleOutput(const OutputContext& context,
                                               columnar::BatchReader& batches);

  // The asset's rows: the context's columns when column_projection_enabled (unknown columns are
  // an InvalidArgument naming them; when disabled, every column), the partition key's rows
  // (files outside it are pruned), at the context's snapshot or the current one.
  Result<std::unique_ptr<columnar::BatchReader>> LoadInput(const InputContext& context);

 private:
  IcebergIOManagerConfig config_;
  std::shared_ptr<catalog::Catalog> catalog_;
};

}  // namespace floe::iceberg
