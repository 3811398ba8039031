#include "floe/catalog/namespace_info.h"

#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "floe/core/model_fields_internal.h"
#include "floe/core/yaml.h"

namespace floe::polaris {

Result<NamespaceInfo> NamespaceInfo::Make(Fields f) {
  if (f.name.empty()) return InvalidArgument("NamespaceInfo.name must not be empty");
  NamespaceInfo info(std::move(f));
  for (const auto& level : info.levels()) {
    if (level.empty()) {
      return InvalidArgument("NamespaceInfo.name '{}' has an empty level", info.name());
    }
  }
  return info;
}

Result<NamespaceInfo> NamespaceInfo::FromJson(const nlohmann::json& json) {
  internal::ModelReader r("NamespaceInfo", json);
  Fields f;
  r.Required("name", f.name);
  r.Optional("properties", f.properties);
  r.Optional("tables", f.tables);
  FLOE_RETURN_IF_ERROR(r.Finish());
  return Make(std::move(f));
}

Result<NamespaceInfo> NamespaceInfo::FromYaml(std::string_view yaml) {
  return ParseYamlModel<NamespaceInfo>(yaml);
}

std::vector<std::string> NamespaceInfo::levels() const {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t dot = f_.name.find('.', start);
    out.push_back(f_.name.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return out;
}

nlohmann::json NamespaceInfo::ToJson() const {
  return nlohmann::json{{"name", f_.name}, {"properties", f_.properties}, {"tables", f_.tables}};
}

std::string NamespaceInfo::ToString() const {
  return fmt::format("NamespaceInfo(name={}, properties={}, tables={})", f_.name, f_.properties,
                     f_.tables);
}

std::ostream& operator<<(std::ostream& os, const NamespaceInfo& n) { return os << n.ToString(); }

}  // namespace floe::polaris
