#include "floe/cli/command_context.h"

#include "floe/catalog/catalog_factory.h"

namespace floe::cli {

Result<catalog::CatalogProperties> CommandContext::Properties() const {
  catalog::CatalogProperties::LoadOptions options{.name = catalog_name, .config_file = config_file};
  if (warehouse) {
    auto embedded = catalog::CatalogProperties::Embedded(catalog_name, *warehouse);
    options.overrides = embedded.properties();
    options.overrides["type"] = "sql";
  }
  return catalog::CatalogProperties::Load(options);
}

Result<std::unique_ptr<catalog::Catalog>> CommandContext::OpenCatalog() const {
  FLOE_ASSIGN_OR_RETURN(auto props, Properties());
  return catalog::OpenCatalog(props);
}

}  // namespace floe::cli
