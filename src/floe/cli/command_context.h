// CommandContext: what every floe subcommand shares: how to find the catalog (global flags),
// whether to print JSON, and where output goes.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "floe/catalog/catalog.h"
#include "floe/catalog/catalog_properties.h"

namespace floe::cli {

struct CommandContext {
  std::string catalog_name = "default";
  std::optional<std::string> config_file;
  // --warehouse DIR: the embedded catalog rooted at DIR, whatever floe.yaml says.
  std::optional<std::string> warehouse;
  bool json = false;
  std::ostream* out = nullptr;

  Result<catalog::CatalogProperties> Properties() const;
  Result<std::unique_ptr<catalog::Catalog>> OpenCatalog() const;
};

}  // namespace floe::cli
