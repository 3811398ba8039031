// NamespaceInfo: what a catalog says about one namespace (the seed's model): its dotted name
// (nested namespaces such as "bronze.raw"), its properties and the names of its tables.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "floe/core/result.h"

namespace floe::polaris {

class NamespaceInfo {
 public:
  struct Fields {
    std::string name{};
    std::map<std::string, std::string> properties{};
    std::vector<std::string> tables{};
    bool operator==(const Fields&) const = default;
  };

  // REQUIRES nothing; refuses an empty name or an empty level ("bronze..raw").
  static Result<NamespaceInfo> Make(Fields fields);
  static Result<NamespaceInfo> FromJson(const nlohmann::json& json);
  static Result<NamespaceInfo> FromYaml(std::string_view yaml);

  const std::string& name() const { return f_.name; }
  const std::map<std::string, std::string>& properties() const { return f_.properties; }
  const std::vector<std::string>& tables() const { return f_.tables; }
  // The name's levels: "bronze.raw" -> {"bronze", "raw"}.
  std::vector<std::string> levels() const;

  nlohmann::json ToJson() const;
  std::string ToString() const;
  bool operator==(const NamespaceInfo& other) const = default;

 private:
  explicit NamespaceInfo(Fields fields) : f_(std::move(fields)) {}
  Fields f_;
};

std::ostream& operator<<(std::ostream& os, const NamespaceInfo& n);

}  // namespace floe::polaris
