#include "floe/io_manager/io_manager_config.h"

#include <nlohmann/json.hpp>

#include "floe/core/model_fields_internal.h"
#include "floe/core/yaml.h"

namespace floe::iceberg {

std::string_view WriteModeName(WriteMode mode) {
  return mode == WriteMode::kAppend ? "append" : "overwrite";
}

Result<WriteMode> ParseWriteMode(std::string_view s) {
  if (s == "append") return WriteMode::kAppend;
  if (s == "overwrite") return WriteMode::kOverwrite;
  return InvalidArgument("unknown write mode '{}' (expected append or overwrite)", s);
}

std::ostream& operator<<(std::ostream& os, WriteMode mode) { return os << WriteModeName(mode); }

Result<IcebergIOManagerConfig> IcebergIOManagerConfig::Make(Fields f) {
  if (f.catalog_uri.empty()) return InvalidArgument("IcebergIOManagerConfig.catalog_uri is required");
  if (f.warehouse.empty()) return InvalidArgument("IcebergIOManagerConfig.warehouse is required");
  if (f.default_namespace.empty()) {
    return InvalidArgument("IcebergIOManagerConfig.default_namespace must not be empty");
  }
  return IcebergIOManagerConfig(std::move(f));
}

Result<IcebergIOManagerConfig> IcebergIOManagerConfig::FromJson(const nlohmann::json& json) {
  internal::ModelReader r("IcebergIOManagerConfig", json);
  Fields f;
  std::string mode = "append";
  r.Required("catalog_uri", f.catalog_uri);
  r.Required("warehouse", f.warehouse);
  r.Optional("default_namespace", f.default_namespace);
  r.Optional("write_mode", mode);
  r.Optional("schema_evolution_enabled", f.schema_evolution_enabled);
  r.Optional("column_projection_enabled", f.column_projection_enabled);
  r.Optional("client_id", f.client_id);
  r.Optional("client_secret", f.client_secret);
  r.Optional("token", f.token);
  r.Optional("scope", f.scope);
  std::optional<polaris::RetryConfig> retry;
  r.Nested("retry", retry,
           [](const nlohmann::json& j) { return polaris::RetryConfig::FromJson(j); });
  FLOE_RETURN_IF_ERROR(r.Finish());
  auto parsed_mode = ParseWriteMode(mode);
  if (!parsed_mode) return parsed_mode.error().WithContext("IcebergIOManagerConfig.write_mode");
  f.write_mode = *parsed_mode;
  if (retry) f.retry = *retry;
  return Make(std::move(f));
}

Result<IcebergIOManagerConfig> IcebergIOManagerConfig::FromYaml(std::string_view yaml) {
  return ParseYamlModel<IcebergIOManagerConfig>(yaml);
}

nlohmann::json IcebergIOManagerConfig::ToJson() const {
  auto secret = [](const std::optional<SecretString>& s) {
    return s ? nlohmann::json(s->ToString()) : nlohmann::json(nullptr);
  };
  return nlohmann::json{
      {"catalog_uri", f_.catalog_uri},
      {"warehouse", f_.warehouse},
      {"default_namespace", f_.default_namespace},
      {"write_mode", WriteModeName(f_.write_mode)},
      {"schema_evolution_enabled", f_.schema_evolution_enabled},
      {"column_projection_enabled", f_.column_projection_enabled},
      {"client_id", f_.client_id ? nlohmann::json(*f_.client_id) : nlohmann::json(nullptr)},
      {"client_secret", secret(f_.client_secret)},
      {"token", secret(f_.token)},
      {"scope", f_.scope},
      {"retry", f_.retry.ToJson()}};
}

std::string IcebergIOManagerConfig::ToString() const {
  return fmt::format(
      "IcebergIOManagerConfig(catalog_uri={}, warehouse={}, default_namespace={}, write_mode={}, "
      "schema_evolution_enabled={}, column_projection_enabled={}, client_id={}, client_secret={}, "
      "token={}, scope={}, retry={})",
      f_.catalog_uri, f_.warehouse, f_.default_namespace, WriteModeName(f_.write_mode),
      f_.schema_evolution_enabled, f_.column_projection_enabled, f_.client_id.value_or("None"),
      f_.client_secret ? f_.client_secret->ToString() : "None",
      f_.token ? f_.token->ToString() : "None", f_.scope, f_.retry.ToString());
}

bool IcebergIOManagerConfig::operator==(const IcebergIOManagerConfig& o) const {
  return f_.catalog_uri == o.f_.catalog_uri && f_.warehouse == o.f_.warehouse &&
         f_.default_namespace == o.f_.default_namespace && f_.write_mode == o.f_.write_mode &&
         f_.schema_evolution_enabled == o.f_.schema_evolution_enabled &&
         f_.column_projection_enabled == o.f_.column_projection_enabled &&
         f_.client_id == o.f_.client_id && f_.client_secret == o.f_.client_secret &&
         f_.token == o.f_.token && f_.scope == o.f_.scope && f_.retry == o.f_.retry;
}

std::ostream& operator<<(std::ostream& os, const IcebergIOManagerConfig& c) {
  return os << c.ToString();
}

}  // namespace floe::iceberg
