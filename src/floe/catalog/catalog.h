// Catalog: where tables are registered. Namespaces (nested: {"bronze", "raw"}, with string
// properties) hold tables; a table's catalog entry points at its current metadata file, and a
// commit swaps that pointer atomically.
//
// Implementations: SqlCatalog (SQLite, the embedded default); RestCatalog (floe-polaris) later.
// Table creation, loading and commits with requirements and updates are added to this
// interface with the table layer; what is here is the namespace half, used as is.
// Implementations are safe to share between threads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "floe/catalog/namespace_info.h"
#include "floe/core/result.h"

namespace floe::catalog {

// A namespace's levels, outermost first.
using Namespace = std::vector<std::string>;

// "bronze.raw" -> {"bronze", "raw"}; empty levels are errors.
Result<Namespace> ParseNamespace(std::string_view dotted);
// {"bronze", "raw"} -> "bronze.raw".
std::string NamespaceName(const Namespace& ns);

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
};

}  // namespace floe::catalog
