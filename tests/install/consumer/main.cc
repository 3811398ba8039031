// Builds a PolarisCatalogConfig through the installed floe headers and library.
#include <iostream>

#include "floe/catalog/polaris_catalog_config.h"

int main() {
  auto config = floe::polaris::PolarisCatalogConfig::Make(
      {.uri = "http://127.0.0.1:8181/api/catalog",
       .warehouse = "lake",
       .client_id = "etl",
       .client_secret = floe::SecretString("do-not-print-me")});
  if (!config) {
    std::cerr << config.error() << "\n";
    return 1;
  }
  auto bad = floe::polaris::PolarisCatalogConfig::Make({.uri = "u", .warehouse = "w"});
  if (bad) return 2;
  std::cout << *config << "\n";
  return 0;
}
