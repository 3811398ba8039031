// Catalog: where tables are registered. Namespaces (nested: {"bronze", "raw"}, with string
// properties) hold tables; a table's catalog entry points at its current metadata file, and a
// commit swaps that pointer atomically.
//
// Tables: CreateTable writes the table's first metadata file and registers it; CommitTable
// checks TableRequirements against the current metadata, applies TableUpdates (both through
// iceberg::ApplyCommit, the rules shared with the REST server), writes the next metadata file
// and swaps the table's pointer to it atomically. A lost race is kCommitFailed (retryable: reload
// and try again); the losing metadata file is removed.
//
// Implementations: SqlCatalog (SQLite, the embedded default); RestCatalog (floe-polaris) later.
// Implementations are safe to share between threads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <memory>
#include <optional>
#include <span>

#include "floe/catalog/namespace_info.h"
#include "floe/core/result.h"
#include "floe/iceberg/partition_spec.h"
#include "floe/iceberg/schema.h"
#include "floe/iceberg/sort_order.h"
#include "floe/iceberg/table_identifier.h"
#include "floe/iceberg/table_metadata.h"
#include "floe/iceberg/table_requirement.h"
#include "floe/iceberg/table_update.h"
#include "floe/io/file_io.h"

namespace floe::catalog {

// A namespace's levels, outermost first.
using Namespace = std::vector<std::string>;

// "bronze.raw" -> {"bronze", "raw"}; empty levels are errors.
Result<Namespace> ParseNamespace(std::string_view dotted);
// {"bronze", "raw"} -> "bronze.raw".
std::string NamespaceName(const Namespace& ns);

// A table as loaded from a catalog: its current metadata and the file it was read from.
struct LoadedTable {
  iceberg::TableIdentifier id;
  std::string metadata_location;
  std::shared_ptr<const iceberg::TableMetadata> metadata;
};

// What a new table is made of. Field, partition field and sort order ids are reassigned as for
// a new table (iceberg::TableMetadataBuilder::ForNewTable); sources follow columns by name.
struct CreateTableOptions {
  iceberg::PartitionSpec spec = iceberg::PartitionSpec::Unpartitioned();
  iceberg::SortOrder sort_order = iceberg::SortOrder::Unsorted();
  // Default: the namespace's "location" property + "/<table>", else
  // "<warehouse>/<namespace>.db/<table>" (PyIceberg's layout).
  std::optional<std::string> location;
  std::map<std::string, std::string> properties;
  int32_t format_version = 2;
};

class Catalog {
 public:
  virtual ~Catalog() = default;

  // kAlreadyExists if it exists. Parents need not exist (as in PyIceberg and Java's JDBC
  // catalog).
  virtual Status CreateNamespace(const Namespace& ns,
                                 const std::map<std::string, std::string>& properties) = 0;
  // Direct children of `parent` (every top-level namespace when parent is empty), sorted.
  virtual Result<std::vector<Namespace>> ListNamespaces(const Namespace& parent) = 0;
  // Name, properties and the names of its tables; kNotFound if it does not exist.
  virtual Result<polaris::NamespaceInfo> LoadNamespace(const Namespace& ns) = 0;
  virtual Result<bool> NamespaceExists(const Namespace& ns) = 0;
  // Removes then sets properties in one step; removing a missing key is not an error.
  virtual Status UpdateNamespaceProperties(const Namespace& ns,
                                           const std::vector<std::string>& removals,
                                           const std::map<std::string, std::string>& updates) = 0;
  // Only an empty namespace (no tables, no child namespaces) can be dropped.
  virtual Status DropNamespace(const Namespace& ns) = 0;

  // kNotFound if the namespace is missing, kAlreadyExists if the table exists.
  virtual Result<LoadedTable> CreateTable(const iceberg::TableIdentifier& id,
                                          const iceberg::Schema& schema,
                                          const CreateTableOptions& options) = 0;
  // kNotFound if missing; kCorruptFile naming the file if its metadata cannot be read.
  virtual Result<LoadedTable> LoadTable(const iceberg::TableIdentifier& id) = 0;
  // Sorted by name; kNotFound if the namespace is missing.
  virtual Result<std::vector<iceberg::TableIdentifier>> ListTables(const Namespace& ns) = 0;
  virtual Result<bool> TableExists(const iceberg::TableIdentifier& id) = 0;
  // Removes the catalog entry; with purge also every file the table's metadata reaches (data
  // and delete files, manifests, manifest lists, metadata files).
  virtual Status DropTable(const iceberg::TableIdentifier& id, bool purge) = 0;
  virtual Status RenameTable(const iceberg::TableIdentifier& from,
                             const iceberg::TableIdentifier& to) = 0;
  // Adds a table whose metadata file already exists (written by any engine).
  virtual Result<LoadedTable> RegisterTable(const iceberg::TableIdentifier& id,
                                            std::string_view metadata_location) = 0;
  // See the top of this file. kCommitFailed: a requirement failed or another commit won.
  virtual Result<LoadedTable> CommitTable(const iceberg::TableIdentifier& id,
                                          std::span<const iceberg::TableRequirement> requirements,
                                          std::span<const iceberg::TableUpdate> updates) = 0;

  // Where the catalog's tables keep their files.
  virtual std::shared_ptr<io::FileIO> file_io() const = 0;
};

}  // namespace floe::catalog
