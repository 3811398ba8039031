// CatalogProperties: which catalog to open and how, with the property names PyIceberg and
// Iceberg Java use (type, uri, warehouse, credential, token, scope, oauth2-server-uri,
// header.<name>, s3.*).
//
// Sources, later ones winning:
//   1. the embedded default: uri=sqlite:///<cwd>/warehouse/catalog.db,
//      warehouse=<cwd>/warehouse
//   2. floe.yaml:            catalog: { <name>: { <key>: <value>, ... } }
//   3. the environment:      FLOE_CATALOG__<NAME>__<KEY>=value  ("__" in KEY becomes ".",
//                            "_" becomes "-": FLOE_CATALOG__DEFAULT__S3__ACCESS_KEY_ID ->
//                            s3.access-key-id)
//   4. explicit overrides (command-line flags)
// Secret-bearing values (credential, token, secrets, passwords, keys) print as "**********".
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "floe/core/result.h"

namespace floe::catalog {

class CatalogProperties {
 public:
  // The embedded default rooted at `warehouse` (a folder).
  static CatalogProperties Embedded(std::string_view name, const std::string& warehouse);

  struct LoadOptions {
    std::string name = "default";
    // floe.yaml to read; when unset, ./floe.yaml if it exists.
    std::optional<std::string> config_file{};
    // The environment, as "KEY=VALUE" strings (environ); nullptr reads the process's.
    char** environment = nullptr;
    std::map<std::string, std::string> overrides{};
  };
  static Result<CatalogProperties> Load(const LoadOptions& options);

  const std::string& name() const { return name_; }
  const std::map<std::string, std::string>& properties() const { return props_; }
  std::optional<std::string> Get(std::string_view key) const;
  // "sql" or "rest": the explicit type, else inferred from the uri's scheme.
  std::string type() const;

  // True for keys whose values must never be shown.
  static bool IsSecretKey(std::string_view key);
  // The properties with secret values masked.
  std::map<std::string, std::string> Redacted() const;
  std::string ToString() const;

 private:
  CatalogProperties(std::string name, std::map<std::string, std::string> props)
      : name_(std::move(name)), props_(std::move(props)) {}
  std::string name_;
  std::map<std::string, std::string> props_;
};

}  // namespace floe::catalog
