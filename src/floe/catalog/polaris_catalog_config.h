// PolarisCatalogConfig: how floe-polaris reaches a Polaris / Iceberg REST catalog (the seed's
// model): endpoint, warehouse, OAuth2 client credentials or a pre-fetched token, scope, token
// refresh, access delegation and the retry policy.
//
// Immutable; Make checks the seed's rule (client_id + client_secret, or a token) and that uri
// and warehouse are not empty. Secrets are SecretString: ToJson and ToString show "**********".
//
//   auto config = PolarisCatalogConfig::Make({.uri = "http://127.0.0.1:8181/api/catalog",
//                                             .warehouse = "lake",
//                                             .token = SecretString("...")});
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "floe/core/result.h"
#include "floe/core/retry_config.h"
#include "floe/core/secret_string.h"

namespace floe::polaris {

class PolarisCatalogConfig {
 public:
  static constexpr std::string_view kDefaultScope = "PRINCIPAL_ROLE:ALL";
  static constexpr std::string_view kDefaultAccessDelegation = "vended-credentials";

  struct Fields {
    std::string uri{};
    std::string warehouse{};
    std::optional<std::string> client_id{};
    std::optional<SecretString> client_secret{};
    std::optional<SecretString> token{};
    std::string scope = std::string(kDefaultScope);
    bool token_refresh_enabled = true;
    std::string access_delegation = std::string(kDefaultAccessDelegation);
    RetryConfig retry{};
  };

  static Result<PolarisCatalogConfig> Make(Fields fields);
  static Result<PolarisCatalogConfig> FromJson(const nlohmann::json& json);
  static Result<PolarisCatalogConfig> FromYaml(std::string_view yaml);

  const std::string& uri() const { return f_.uri; }
  const std::string& warehouse() const { return f_.warehouse; }
  const std::optional<std::string>& client_id() const { return f_.client_id; }
  const std::optional<SecretString>& client_secret() const { return f_.client_secret; }
  const std::optional<SecretString>& token() const { return f_.token; }
  const std::string& scope() const { return f_.scope; }
  bool token_refresh_enabled() const { return f_.token_refresh_enabled; }
  const std::string& access_delegation() const { return f_.access_delegation; }
  const RetryConfig& retry() const { return f_.retry; }
  // True when client credentials are set (else a pre-fetched token is used).
  bool has_client_credentials() const { return f_.client_id && f_.client_secret; }

  // Secrets appear as "**********".
  nlohmann::json ToJson() const;
  std::string ToString() const;
  bool operator==(const PolarisCatalogConfig& other) const;

 private:
  explicit PolarisCatalogConfig(Fields fields) : f_(std::move(fields)) {}
  Fields f_;
};

std::ostream& operator<<(std::ostream& os, const PolarisCatalogConfig& c);

}  // namespace floe::polaris
