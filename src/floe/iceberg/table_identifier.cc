#include "floe/iceberg/table_identifier.h"

#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "floe/core/model_fields_internal.h"
#include "floe/core/yaml.h"

namespace floe::iceberg {

Result<TableIdentifier> TableIdentifier::Make(std::vector<std::string> ns, std::string name) {
  if (name.empty()) return InvalidArgument("TableIdentifier.name must not be empty");
  for (size_t i = 0; i < ns.size(); ++i) {
    if (ns[i].empty()) {
      return InvalidArgument("TableIdentifier.namespace level {} must not be empty", i);
    }
  }
  return TableIdentifier(std::move(ns), std::move(name));
}

Result<TableIdentifier> TableIdentifier::FromString(std::string_view identifier) {
  if (identifier.empty()) return InvalidArgument("table identifier must not be empty");
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t dot = identifier.find('.', start);
    parts.emplace_back(identifier.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (parts.back().empty()) {
      return InvalidArgument("table identifier '{}' has an empty part", identifier);
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  std::string name = std::move(parts.back());
  parts.pop_back();
  return Make(std::move(parts), std::move(name));
}

Result<TableIdentifier> TableIdentifier::FromAssetKey(const std::vector<std::string>& asset_key,
                                                      std::string_view default_namespace) {
  if (asset_key.empty()) return InvalidArgument("asset key must have at least one part");
  for (size_t i = 0; i < asset_key.size(); ++i) {
    if (asset_key[i].empty()) {
      return InvalidArgument("asset key [{}] has an empty part at {}",
                             fmt::join(asset_key, ", "), i);
    }
  }
  if (asset_key.size() >= 2) {
    std::string name = fmt::format("{}", fmt::join(asset_key.begin() + 1, asset_key.end(), "_"));
    return Make({asset_key[0]}, std::move(name));
  }
  if (default_namespace.empty()) return InvalidArgument("default namespace must not be empty");
  return Make({std::string(default_namespace)}, asset_key[0]);
}

Result<TableIdentifier> TableIdentifier::FromJson(const nlohmann::json& json) {
  internal::ModelReader r("TableIdentifier", json);
  std::vector<std::string> ns;
  std::string name;
  r.Required("namespace", ns);
  r.Required("name", name);
  FLOE_RETURN_IF_ERROR(r.Finish());
  return Make(std::move(ns), std::move(name));
}

Result<TableIdentifier> TableIdentifier::FromYaml(std::string_view yaml) {
  return ParseYamlModel<TableIdentifier>(yaml);
}

std::string TableIdentifier::full_name() const {
  if (namespace_.empty()) return name_;
  return fmt::format("{}.{}", fmt::join(namespace_, "."), name_);
}

std::string TableIdentifier::namespace_name() const {
  return fmt::format("{}", fmt::join(namespace_, "."));
}

nlohmann::json TableIdentifier::ToJson() const {
  return nlohmann::json{{"namespace", namespace_}, {"name", name_}};
}

std::ostream& operator<<(std::ostream& os, const TableIdentifier& id) {
  return os << id.full_name();
}

}  // namespace floe::iceberg
