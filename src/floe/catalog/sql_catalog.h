// SqlCatalog: the embedded catalog, on SQLite, with the tables and columns that PyIceberg's
// SqlCatalog and Iceberg Java's JDBC catalog use, so each can open the other's catalog file:
//
//   iceberg_tables(catalog_name, table_namespace, table_name, metadata_location,
//                  previous_metadata_location, iceberg_type)       -- key: the first three
//   iceberg_namespace_properties(catalog_name, namespace, property_key, property_value)
//
// A namespace exists when it has a property row or a table; creating one writes the marker
// property exists=true (hidden from LoadNamespace), as both peers do. Nested namespaces are
// stored dotted ("bronze.raw"), so a level may not contain '.'.
//
// Tables (the Catalog interface) are built on table entries: CreateTableEntry, LoadTableEntry
// and SwapMetadataLocation, a compare-and-swap on metadata_location in one statement: a lost
// race is kCommitFailed. Metadata files are written through the catalog's FileIO under each
// table's location (metadata_files.h). Every statement is
// prepared; several processes may share one catalog file (WAL mode, busy timeout; a database
// still busy after it is kUnavailable, which retries).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "floe/catalog/catalog.h"
#include "floe/iceberg/table_identifier.h"

namespace floe::catalog {

namespace internal {
class SqliteDb;
}

struct SqlCatalogOptions {
  // The SQLite file ("./warehouse/catalog.db" for the embedded default).
  std::string path;
  // catalog_name column value: several catalogs can share one file.
  std::string catalog_name = "default";
  int busy_timeout_ms = 10'000;
  // Root of default table locations ("<warehouse>/<namespace>.db/<table>"). Empty: tables need
  // an explicit location or a namespace "location" property.
  std::string warehouse;
  // Reads and writes metadata files (and purges); default: LocalFileIO.
  std::shared_ptr<io::FileIO> file_io;
};

// A table's row: where its current and previous metadata files are.
struct TableEntry {
  iceberg::TableIdentifier id;
  std::string metadata_location;
  std::optional<std::string> previous_metadata_location;
};

class SqlCatalog final : public Catalog {
 public:
  // Opens or creates the catalog file and its tables (idempotent).
  static Result<std::unique_ptr<SqlCatalog>> Open(SqlCatalogOptions options);
  ~SqlCatalog() override;

  const std::string& name() const { return options_.catalog_name; }

  Status CreateNamespace(const Namespace& ns,
                         const std::map<std::string, std::string>& properties) override;
  Result<std::vector<Namespace>> ListNamespaces(const Namespace& parent) override;
  Result<polaris::NamespaceInfo> LoadNamespace(const Namespace& ns) override;
  Result<bool> NamespaceExists(const Namespace& ns) override;
  Status UpdateNamespaceProperties(const Namespace& ns, const std::vector<std::string>& removals,
                                   const std::map<std::string, std::string>& updates) override;
  Status DropNamespace(const Namespace& ns) override;

  Result<LoadedTable> CreateTable(const iceberg::TableIdentifier& id, const iceberg::Schema& schema,
                                  const CreateTableOptions& options) override;
  Result<LoadedTable> LoadTable(const iceberg::TableIdentifier& id) override;
  Result<std::vector<iceberg::TableIdentifier>> ListTables(const Namespace& ns) override;
  Result<bool> TableExists(const iceberg::TableIdentifier& id) override;
  Status DropTable(const iceberg::TableIdentifier& id, bool purge) override;
  Status RenameTable(const iceberg::TableIdentifier& from,
                     const iceberg::TableIdentifier& to) override;
  Result<LoadedTable> RegisterTable(const iceberg::TableIdentifier& id,
                                    std::string_view metadata_location) override;
  Result<LoadedTable> CommitTable(const iceberg::TableIdentifier& id,
                                  std::span<const iceberg::TableRequirement> requirements,
                                  std::span<const iceberg::TableUpdate> updates) override;
  std::shared_ptr<io::FileIO> file_io() const override { return options_.file_io; }

  // Registers a table at its first metadata file; kNotFound if the namespace does not exist,
  // kAlreadyExists if the table does.
  Status CreateTableEntry(const iceberg::TableIdentifier& id, std::string_view metadata_location);
  Result<TableEntry> LoadTableEntry(const iceberg::TableIdentifier& id);
  // Points the table at `new_location` if it still points at `expected_location`;
  // kCommitFailed if another commit got there first, kNotFound if the table is gone.
  Status SwapMetadataLocation(const iceberg::TableIdentifier& id,
                              std::string_view expected_location, std::string_view new_location);
  Status DropTableEntry(const iceberg::TableIdentifier& id);
  // kNotFound if `from` is missing or `to`'s namespace is; kAlreadyExists if `to` exists.
  Status RenameTableEntry(const iceberg::TableIdentifier& from, const iceberg::TableIdentifier& to);

 private:
  SqlCatalog(SqlCatalogOptions options, std::unique_ptr<internal::SqliteDb> db);
  Result<bool> NamespaceExistsLocked(const std::string& ns);
  Result<std::vector<std::string>> ListTableNamesLocked(const std::string& ns);
  Result<std::string> DefaultTableLocation(const iceberg::TableIdentifier& id);

  SqlCatalogOptions options_;
  std::mutex mu_;
  std::unique_ptr<internal::SqliteDb> db_;
};

}  // namespace floe::catalog
