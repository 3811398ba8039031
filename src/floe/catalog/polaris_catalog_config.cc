#include "floe/catalog/polaris_catalog_config.h"

#include <nlohmann/json.hpp>

#include "floe/core/model_fields_internal.h"
#include "floe/core/yaml.h"

namespace floe::polaris {
namespace {

nlohmann::json SecretJson(const std::optional<SecretString>& s) {
  return s ? nlohmann::json(s->ToString()) : nlohmann::json(nullptr);
}

nlohmann::json OptionalJson(const std::optional<std::string>& s) {
  return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}

}  // namespace

Result<PolarisCatalogConfig> PolarisCatalogConfig::Make(Fields f) {
  if (f.uri.empty()) return InvalidArgument("PolarisCatalogConfig.uri is required");
  if (f.warehouse.empty()) return InvalidArgument("PolarisCatalogConfig.warehouse is required");
  const bool has_credentials = f.client_id.has_value() && f.client_secret.has_value();
  const bool has_token = f.token.has_value();
  if (!has_credentials && !has_token) {
    return InvalidArgument(
        "PolarisCatalogConfig: either (client_id + client_secret) or token must be provided");
  }
  return PolarisCatalogConfig(std::move(f));
}

Result<PolarisCatalogConfig> PolarisCatalogConfig::FromJson(const nlohmann::json& json) {
  internal::ModelReader r("PolarisCatalogConfig", json);
  Fields f;
  r.Required("uri", f.uri);
  r.Required("warehouse", f.warehouse);
  r.Optional("client_id", f.client_id);
  r.Optional("client_secret", f.client_secret);
  r.Optional("token", f.token);
  r.Optional("scope", f.scope);
  r.Optional("token_refresh_enabled", f.token_refresh_enabled);
  r.Optional("access_delegation", f.access_delegation);
  std::optional<RetryConfig> retry;
  r.Nested("retry", retry, [](const nlohmann::json& j) { return RetryConfig::FromJson(j); });
  FLOE_RETURN_IF_ERROR(r.Finish());
  if (retry) f.retry = *retry;
  return Make(std::move(f));
}

Result<PolarisCatalogConfig> PolarisCatalogConfig::FromYaml(std::string_view yaml) {
  return ParseYamlModel<PolarisCatalogConfig>(yaml);
}

nlohmann::json PolarisCatalogConfig::ToJson() const {
  return nlohmann::json{{"uri", f_.uri},
                        {"warehouse", f_.warehouse},
                        {"client_id", OptionalJson(f_.client_id)},
                        {"client_secret", SecretJson(f_.client_secret)},
                        {"token", SecretJson(f_.token)},
                        {"scope", f_.scope},
                        {"token_refresh_enabled", f_.token_refresh_enabled},
                        {"access_delegation", f_.access_delegation},
                        {"retry", f_.retry.ToJson()}};
}

std::string PolarisCatalogConfig::ToString() const {
  return fmt::format(
      "PolarisCatalogConfig(uri={}, warehouse={}, client_id={}, client_secret={}, token={}, "
      "scope={}, token_refresh_enabled={}, access_delegation={}, retry={})",
      f_.uri, f_.warehouse, f_.client_id.value_or("None"),
      f_.client_secret ? f_.client_secret->ToString() : "None",
      f_.token ? f_.token->ToString() : "None", f_.scope, f_.token_refresh_enabled,
      f_.access_delegation, f_.retry.ToString());
}

bool PolarisCatalogConfig::operator==(const PolarisCatalogConfig& o) const {
  return f_.uri == o.f_.uri && f_.warehouse == o.f_.warehouse && f_.client_id == o.f_.client_id &&
         f_.client_secret == o.f_.client_secret && f_.token == o.f_.token &&
         f_.scope == o.f_.scope && f_.token_refresh_enabled == o.f_.token_refresh_enabled &&
         f_.access_delegation == o.f_.access_delegation && f_.retry == o.f_.retry;
}

std::ostream& operator<<(std::ostream& os, const PolarisCatalogConfig& c) {
  return os << c.ToString();
}

}  // namespace floe::polaris
