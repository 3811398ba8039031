#include "floe/catalog/sql_catalog.h"

#include <algorithm>
#include <set>

#include "floe/catalog/sqlite_db_internal.h"
#include "floe/io/local_file_io.h"

namespace floe::catalog {
namespace {

using internal::SqliteDb;
using internal::Transaction;

constexpr std::string_view kExistsKey = "exists";

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS iceberg_tables (
  catalog_name VARCHAR(255) NOT NULL,
  table_namespace VARCHAR(255) NOT NULL,
  table_name VARCHAR(255) NOT NULL,
  metadata_location VARCHAR(1000),
  previous_metadata_location VARCHAR(1000),
  iceberg_type VARCHAR(5),
  PRIMARY KEY (catalog_name, table_namespace, table_name)
);
CREATE TABLE IF NOT EXISTS iceberg_namespace_properties (
  catalog_name VARCHAR(255) NOT NULL,
  namespace VARCHAR(255) NOT NULL,
  property_key VARCHAR(255) NOT NULL,
  property_value VARCHAR(1000),
  PRIMARY KEY (catalog_name, namespace, property_key)
);
)sql";

// Stored dotted, so a level containing '.' would read back as two levels.
Result<std::string> CheckedName(const Namespace& ns) {
  if (ns.empty()) return InvalidArgument("namespace must have at least one level");
  for (const auto& level : ns) {
    if (level.empty()) return InvalidArgument("namespace '{}' has an empty level", NamespaceName(ns));
    if (level.find('.') != std::string::npos) {
      return InvalidArgument("namespace level '{}' contains '.', which the SQL catalog cannot store",
                             level);
    }
  }
  return NamespaceName(ns);
}

Result<std::string> TableNamespace(const iceberg::TableIdentifier& id) {
  if (id.namespace_levels().empty()) {
    return InvalidArgument("table '{}' has no namespace", id.full_name());
  }
  return CheckedName(id.namespace_levels());
}

}  // namespace

SqlCatalog::SqlCatalog(SqlCatalogOptions options, std::unique_ptr<SqliteDb> db)
    : options_(std::move(options)), db_(std::move(db)) {}

SqlCatalog::~SqlCatalog() = default;

Result<std::unique_ptr<SqlCatalog>> SqlCatalog::Open(SqlCatalogOptions options) {
  if (options.path.empty()) return InvalidArgument("SQL catalog path must not be empty");
  if (options.catalog_name.empty()) return InvalidArgument("catalog name must not be empty");
  if (!options.file_io) options.file_io = std::make_shared<io::LocalFileIO>();
  while (options.warehouse.size() > 1 && options.warehouse.back() == '/') {
    options.warehouse.pop_back();
  }
  FLOE_ASSIGN_OR_RETURN(auto db, SqliteDb::Open(options.path, options.busy_timeout_ms));
  FLOE_RETURN_IF_ERROR(db.Exec(kSchema));
  // Catalogs made by PyIceberg lack iceberg_type; Java's V1 schema has it. Add it if missing.
  {
    FLOE_ASSIGN_OR_RETURN(auto info, db.Prepare("SELECT name FROM pragma_table_info('iceberg_tables')"));
    bool has_type = false;
    while (true) {
      FLOE_ASSIGN_OR_RETURN(bool row, info.Step());
      if (!row) break;
      has_type |= info.ColumnText(0) == "iceberg_type";
    }
    if (!has_type) {
      FLOE_RETURN_IF_ERROR(db.Exec("ALTER TABLE iceberg_tables ADD COLUMN iceberg_type VARCHAR(5)"));
    }
  }
  return std::unique_ptr<SqlCatalog>(
      new SqlCatalog(std::move(options), std::make_unique<SqliteDb>(std::move(db))));
}

Result<bool> SqlCatalog::NamespaceExistsLocked(const std::string& ns) {
  FLOE_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
      "SELECT 1 FROM iceberg_namespace_properties WHERE catalog_name = ? AND namespace = ? "
      "UNION ALL SELECT 1 FROM iceberg_tables WHERE catalog_name = ? AND table_namespace = ? "
      "LIMIT 1"));
  stmt.Bind(options_.catalog_name).Bind(ns).Bind(options_.catalog_name).Bind(ns);
  return stmt.Step();
}

Result<std::vector<std::string>> SqlCatalog::ListTableNamesLocked(const std::string& ns) {
  FLOE_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
      "SELECT table_name FROM iceberg_tables WHERE catalog_name = ? AND table_namespace = ? "
      "AND (iceberg_type IS NULL OR iceberg_type = 'TABLE') ORDER BY table_name"));
  stmt.Bind(options_.catalog_name).Bind(ns);
  std::vector<std::string> names;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    names.push_back(stmt.ColumnText(0));
  }
  return names;
}

Status SqlCatalog::CreateNamespace(const Namespace& ns,
                                   const std::map<std::string, std::string>& properties) {
  FLOE_ASSIGN_OR_RETURN(auto name, CheckedName(ns));
  std::lock_guard lock(mu_);
  FLOE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(*db_));
  FLOE_ASSIGN_OR_RETURN(bool exists, NamespaceExistsLocked(name));
  if (exists) return AlreadyExists("namespace {} already exists", name);
  std::map<std::string, std::string> rows = properties;
  rows.emplace(std::string(kExistsKey), "true");
  for (const auto& [key, value] : rows) {
    FLOE_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
        "INSERT INTO iceberg_namespace_properties (catalog_name, namespace, property_key, "
        "property_value) VALUES (?, ?, ?, ?)"));
    stmt.Bind(options_.catalog_name).Bind(name).Bind(key).Bind(value);
    FLOE_RETURN_IF_ERROR(stmt.Run());
  }
  return txn.Commit();
}

Result<std::vector<Namespace>> SqlCatalog::ListNamespaces(const Namespace& parent) {
  std::string prefix;
  if (!parent.empty()) {
    FLOE_ASSIGN_OR_RETURN(prefix, CheckedName(parent));
  }
  std::lock_guard lock(mu_);
  if (!parent.empty()) {
    FLOE_ASSIGN_OR_RETURN(bool exists, NamespaceExistsLocked(prefix));
    if (!exists) return NotFound("namespace {} does not exist", prefix);
    prefix += ".";
  }
  FLOE_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
      "SELECT namespace FROM iceberg_namespace_properties WHERE catalog_name = ? "
      "UNION SELECT table_namespace FROM iceberg_tables WHERE catalog_name = ?"));
  stmt.Bind(options_.catalog_name).Bind(options_.catalog_name);
  std::set<Namespace> children;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    std::string name = stmt.ColumnText(0);
    if (!name.starts_with(prefix) || name.size() == prefix.size()) continue;
    auto levels = ParseNamespace(std::string_view(name).substr(prefix.size()));
    if (!levels) continue;  // a malformed row written by another tool: not ours to list
    Namespace child = parent;
    child.push_back(levels->front());
    children.insert(std::move(child));
  }
  return std::vector<Namespace>(children.begin(), children.end());
}

Result<polaris::NamespaceInfo> SqlCatalog::LoadNamespace(const Namespace& ns) {
  FLOE_ASSIGN_OR_RETURN(auto name, CheckedName(ns));
  std::lock_guard lock(mu_);
  FLOE_ASSIGN_OR_RETURN(bool exists, NamespaceExistsLocked(name));
  if (!exists) return NotFound("namespace {} does not exist", name);
  FLOE_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
      "SELECT property_key, property_value FROM iceberg_namespace_properties "
      "WHERE catalog_name = ? AND namespace = ?"));
  stmt.Bind(options_.catalog_name).Bind(name);
  std::map<std::string, std::string> properties;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    std::string key = stmt.ColumnText(0);
    if (key == kExistsKey) continue;
    properties[key] = stmt.ColumnOptionalText(1).value_or("");
  }
  FLOE_ASSIGN_OR_RETURN(auto tables, ListTableNamesLocked(name));
  return polaris::NamespaceInfo::Make(
      {.name = name, .properties = std::move(properties), .tables = std::move(tables)});
}

Result<bool> SqlCatalog::NamespaceExists(const Namespace& ns) {
  FLOE_ASSIGN_OR_RETURN(auto name, CheckedName(ns));
  std::lock_guard lock(mu_);
  return NamespaceExistsLocked(name);
}

Status SqlCatalog::UpdateNamespaceProperties(const Namespace& ns,
                                             const std::vector<std::string>& removals,
                                             const std::map<std::string, std::string>& updates) {
  FLOE_ASSIGN_OR_RETURN(auto name, CheckedName(ns));
  for (const auto& key : removals) {
    if (updates.count(key)) {
      return InvalidArgument("property '{}' is both removed and set", key);
    }
  }
  if (updates.count(std::string(kExistsKey))) {
    return InvalidArgument("property '{}' is reserved by the SQL catalog", kExistsKey);
  }
  std::lock_guard lock(mu_);
  FLOE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(*db_));
  FLOE_ASSIGN_OR_RETURN(bool exists, NamespaceExistsLocked(name));
  if (!exists) return NotFound("namespace {} does not exist", name);
  for (const auto& key : removals) {
    if (key == kExistsKey) continue;
    FLOE_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
        "DELETE FROM iceberg_namespace_properties WHERE catalog_name = ? AND namespace = ? "
        "AND property_key = ?"));
    stmt.Bind(options_.catalog_name).Bind(name).Bind(key);
    FLOE_RETURN_IF_ERROR(stmt.Run());
  }
  // Keep the marker so the namespace outlives the removal of all its properties.
  std::map<std::string, std::string> rows = updates;
  rows[std::string(kExistsKey)] = "true";
  for (const auto& [key, value] : rows) {
    FLOE_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
        "INSERT INTO iceberg_namespace_properties (catalog_name, namespace, property_key, "
        "property_value) VALUES (?, ?, ?, ?) ON CONFLICT (catalog_name, namespace, property_key) "
        "DO UPDATE SET property_value = excluded.property_value"));
    stmt.Bind(options_.catalog_name).Bind(name).Bind(key).Bind(value);
    FLOE_RETURN_IF_ERROR(stmt.Run());
  }
  return txn.Commit();
}

Status SqlCatalog::DropNamespace(const Namespace& ns) {
  FLOE_ASSIGN_OR_RETURN(auto name, CheckedName(ns));
  std::lock_guard lock(mu_);
  FLOE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(*db_));
  FLOE_ASSIGN_OR_RETURN(bool exists, NamespaceExistsLocked(name));
  if (!exists) return NotFound("namespace {} does not exist", name);
  FLOE_ASSIGN_OR_RETURN(auto tables, ListTableNamesLocked(name));
  if (!tables.empty()) {
    return InvalidArgument("namespace {} is not empty: it holds {} table(s), e.g. {}", name,
                           tables.size(), tables.front());
  }
  FLOE_ASSIGN_OR_RETURN(auto children, db_->Prepare(
      "SELECT namespace FROM iceberg_namespace_properties WHERE catalog_name = ? AND "
      "substr(namespace, 1, ?) = ? UNION SELECT table_namespace FROM iceberg_tables WHERE "
      "catalog_name = ? AND substr(table_namespace, 1, ?) = ? LIMIT 1"));
  const std::string child_prefix = name + ".";
  const auto len = static_cast<int64_t>(child_prefix.size());
  children.Bind(options_.catalog_name).Bind(len).Bind(child_prefix);
  children.Bind(options_.catalog_name).Bind(len).Bind(child_prefix);
  FLOE_ASSIGN_OR_RETURN(bool has_child, children.Step());
  if (has_child) {
    return InvalidArgument("namespace {} is not empty: it has child namespace {}", name,
                           children.ColumnText(0));
  }
  FLOE_ASSIGN_OR_RETURN(auto del, db_->Prepare(
      "DELETE FROM iceberg_namespace_properties WHERE catalog_name = ? AND namespace = ?"));
  del.Bind(options_.catalog_name).Bind(name);
  FLOE_RETURN_IF_ERROR(del.Run());
  return txn.Commit();
}

Status SqlCatalog::CreateTableEntry(const iceberg::TableIdentifier& id,
                                    std::string_view metadata_location) {
  FLOE_ASSIGN_OR_RETURN(auto ns, TableNamespace(id));
  if (metadata_location.empty()) return InvalidArgument("metadata location must not be empty");
  std::lock_guard lock(mu_);
  FLOE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(*db_));
  FLOE_ASSIGN_OR_RETURN(bool ns_exists, NamespaceExistsLocked(ns));
  if (!ns_exists) return NotFound("namespace {} does not exist", ns);
  FLOE_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
      "INSERT INTO iceberg_tables (catalog_name, table_namespace, table_name, metadata_location, "
      "previous_metadata_location, iceberg_type) VALUES (?, ?, ?, ?, NULL, 'TABLE')"));
  stmt.Bind(options_.catalog_name).Bind(ns).Bind(id.name()).Bind(metadata_location);
  auto inserted = stmt.Run();
  if (!inserted) {
    if (inserted.error().kind() == ErrorKind::kAlreadyExists) {
      return AlreadyExists("table {} already exists", id.full_name());
    }
    return inserted.error();
  }
  return txn.Commit();
}

Result<TableEntry> SqlCatalog::LoadTableEntry(const iceberg::TableIdentifier& id) {
  FLOE_ASSIGN_OR_RETURN(auto ns, TableNamespace(id));
  std::lock_guard lock(mu_);
  FLOE_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
      "SELECT metadata_location, previous_metadata_location FROM iceberg_tables WHERE "
      "catalog_name = ? AND table_namespace = ? AND table_name = ? AND "
      "(iceberg_type IS NULL OR iceberg_type = 'TABLE')"));
  stmt.Bind(options_.catalog_name).Bind(ns).Bind(id.name());
  FLOE_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return NotFound("table {} does not exist", id.full_name());
  auto location = stmt.ColumnOptionalText(0);
  if (!location || location->empty()) {
    return CorruptFile("table {} has no metadata location in catalog {}", id.full_name(),
                       db_->path());
  }
  return TableEntry{id, *location, stmt.ColumnOptionalText(1)};
}

Result<std::vector<iceberg::TableIdentifier>> SqlCatalog::ListTables(const Namespace& ns) {
  FLOE_ASSIGN_OR_RETURN(auto name, CheckedName(ns));
  std::lock_guard lock(mu_);
  FLOE_ASSIGN_OR_RETURN(bool exists, NamespaceExistsLocked(name));
  if (!exists) return NotFound("namespace {} does not exist", name);
  FLOE_ASSIGN_OR_RETURN(auto names, ListTableNamesLocked(name));
  std::vector<iceberg::TableIdentifier> out;
  for (auto& n : names) {
    FLOE_ASSIGN_OR_RETURN(auto id, iceberg::TableIdentifier::Make(ns, std::move(n)));
    out.push_back(std::move(id));
  }
  return out;
}

Status SqlCatalog::SwapMetadataLocation(const iceberg::TableIdentifier& id,
                                        std::string_view expected_location,
                                        std::string_view new_location) {
  FLOE_ASSIGN_OR_RETURN(auto ns, TableNamespace(id));
  if (new_location.empty()) return InvalidArgument("metadata location must not be empty");
  std::lock_guard lock(mu_);
  FLOE_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
      "UPDATE iceberg_tables SET metadata_location = ?, previous_metadata_location = ? "
      "WHERE catalog_name = ? AND table_namespace = ? AND table_name = ? AND "
      "metadata_location = ?"));
  stmt.Bind(new_location).Bind(expected_location).Bind(options_.catalog_name).Bind(ns)
      .Bind(id.name()).Bind(expected_location);
  FLOE_RETURN_IF_ERROR(stmt.Run());
  if (db_->changes() == 1) return OkStatus();
  // Nothing swapped: either the table is gone or another commit moved it on.
  FLOE_ASSIGN_OR_RETURN(auto check, db_->Prepare(
      "SELECT metadata_location FROM iceberg_tables WHERE catalog_name = ? AND "
      "table_namespace = ? AND table_name = ?"));
  check.Bind(options_.catalog_name).Bind(ns).Bind(id.name());
  FLOE_ASSIGN_OR_RETURN(bool row, check.Step());
  if (!row) return NotFound("table {} does not exist", id.full_name());
  return CommitFailed("table {} was changed by another commit (expected metadata {}, found {})",
                      id.full_name(), expected_location, check.ColumnText(0));
}

Status SqlCatalog::DropTableEntry(const iceberg::TableIdentifier& id) {
  FLOE_ASSIGN_OR_RETURN(auto ns, TableNamespace(id));
  std::lock_guard lock(mu_);
  FLOE_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
      "DELETE FROM iceberg_tables WHERE catalog_name = ? AND table_namespace = ? AND "
      "table_name = ?"));
  stmt.Bind(options_.catalog_name).Bind(ns).Bind(id.name());
  FLOE_RETURN_IF_ERROR(stmt.Run());
  if (db_->changes() == 0) return NotFound("table {} does not exist", id.full_name());
  return OkStatus();
}

Status SqlCatalog::RenameTableEntry(const iceberg::TableIdentifier& from,
                                    const iceberg::TableIdentifier& to) {
  FLOE_ASSIGN_OR_RETURN(auto from_ns, TableNamespace(from));
  FLOE_ASSIGN_OR_RETURN(auto to_ns, TableNamespace(to));
  std::lock_guard lock(mu_);
  FLOE_ASSIGN_OR_RETURN(auto txn, Transaction::Begin(*db_));
  FLOE_ASSIGN_OR_RETURN(bool ns_exists, NamespaceExistsLocked(to_ns));
  if (!ns_exists) return NotFound("namespace {} does not exist", to_ns);
  FLOE_ASSIGN_OR_RETURN(auto stmt, db_->Prepare(
      "UPDATE iceberg_tables SET table_namespace = ?, table_name = ? WHERE catalog_name = ? AND "
      "table_namespace = ? AND table_name = ?"));
  stmt.Bind(to_ns).Bind(to.name()).Bind(options_.catalog_name).Bind(from_ns).Bind(from.name());
  auto renamed = stmt.Run();
  if (!renamed) {
    if (renamed.error().kind() == ErrorKind::kAlreadyExists) {
      return AlreadyExists("table {} already exists", to.full_name());
    }
    return renamed.error();
  }
  if (db_->changes() == 0) return NotFound("table {} does not exist", from.full_name());
  return txn.Commit();
}

}  // namespace floe::catalog
