#include "floe/catalog/catalog_factory.h"

#include <filesystem>

namespace floe::catalog {

Result<std::string> SqlitePathFromUri(std::string_view uri) {
  if (uri.empty()) return InvalidArgument("sql catalog needs a uri (sqlite:///path/catalog.db)");
  if (uri.starts_with("sqlite:///")) {
    uri.remove_prefix(9);  // keep the leading '/'
  } else if (uri.starts_with("sqlite://")) {
    return InvalidArgument("sql catalog uri '{}': use sqlite:///absolute/path or sqlite:relative",
                           uri);
  } else if (uri.starts_with("sqlite:")) {
    uri.remove_prefix(7);
  } else if (uri.find("://") != std::string_view::npos) {
    return NotSupported("sql catalog uri '{}': only SQLite is supported", uri);
  }
  if (uri.empty()) return InvalidArgument("sql catalog uri has no path");
  return std::string(uri);
}

Result<std::unique_ptr<SqlCatalog>> OpenSqlCatalog(const CatalogProperties& properties) {
  FLOE_ASSIGN_OR_RETURN(auto path, SqlitePathFromUri(properties.Get("uri").value_or("")));
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return IoError("cannot create folder {}: {}", parent.string(), ec.message());
  if (auto wh = properties.Get("warehouse")) {
    if (wh->find("://") == std::string::npos) std::filesystem::create_directories(*wh, ec);
    if (ec) return IoError("cannot create warehouse {}: {}", *wh, ec.message());
  }
  return SqlCatalog::Open({.path = path,
                           .catalog_name = properties.name(),
                           .warehouse = properties.Get("warehouse").value_or("")});
}

Result<std::unique_ptr<Catalog>> OpenCatalog(const CatalogProperties& properties) {
  const std::string type = properties.type();
  if (type == "sql") {
    FLOE_ASSIGN_OR_RETURN(auto sql, OpenSqlCatalog(properties));
    return std::unique_ptr<Catalog>(std::move(sql));
  }
  if (type == "rest") {
    return NotSupported("catalog {}: the REST catalog client (floe-polaris) is not built yet",
                        properties.name());
  }
  return InvalidArgument("catalog {}: unknown type '{}' (expected sql or rest)", properties.name(),
                         type);
}

}  // namespace floe::catalog
