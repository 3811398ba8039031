// OpenCatalog: turns CatalogProperties into a Catalog. type=sql opens a SqlCatalog on the
// SQLite file named by uri ("sqlite:///abs/path.db", "sqlite:relative.db" or a plain path),
// creating the warehouse folder; type=rest is floe-polaris's RestCatalog (not built yet: a
// clear kNotSupported).
#pragma once

#include <memory>

#include "floe/catalog/catalog_properties.h"
#include "floe/catalog/sql_catalog.h"

namespace floe::catalog {

Result<std::unique_ptr<SqlCatalog>> OpenSqlCatalog(const CatalogProperties& properties);
Result<std::unique_ptr<Catalog>> OpenCatalog(const CatalogProperties& properties);

// The SQLite file path of a sql catalog uri.
Result<std::string> SqlitePathFromUri(std::string_view uri);

}  // namespace floe::catalog
