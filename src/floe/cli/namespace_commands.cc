#include "floe/cli/namespace_commands.h"

#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

namespace floe::cli {

Result<std::map<std::string, std::string>> ParseProperties(const std::vector<std::string>& kvs) {
  std::map<std::string, std::string> out;
  for (const auto& kv : kvs) {
    auto eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      return InvalidArgument("property '{}' must look like key=value", kv);
    }
    out[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return out;
}

Status NamespaceCreate(const CommandContext& ctx, const std::string& ns,
                       const std::vector<std::string>& properties) {
  FLOE_ASSIGN_OR_RETURN(auto levels, catalog::ParseNamespace(ns));
  FLOE_ASSIGN_OR_RETURN(auto props, ParseProperties(properties));
  FLOE_ASSIGN_OR_RETURN(auto cat, ctx.OpenCatalog());
  FLOE_RETURN_IF_ERROR(cat->CreateNamespace(levels, props));
  if (ctx.json) {
    *ctx.out << nlohmann::json{{"namespace", ns}, {"created", true}}.dump() << "\n";
  } else {
    fmt::print(*ctx.out, "created namespace {}\n", ns);
  }
  return OkStatus();
}

Status NamespaceList(const CommandContext& ctx, const std::string& parent) {
  catalog::Namespace parent_levels;
  if (!parent.empty()) {
    FLOE_ASSIGN_OR_RETURN(parent_levels, catalog::ParseNamespace(parent));
  }
  FLOE_ASSIGN_OR_RETURN(auto cat, ctx.OpenCatalog());
  FLOE_ASSIGN_OR_RETURN(auto children, cat->ListNamespaces(parent_levels));
  if (ctx.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& c : children) arr.push_back(catalog::NamespaceName(c));
    *ctx.out << arr.dump() << "\n";
  } else {
    for (const auto& c : children) *ctx.out << catalog::NamespaceName(c) << "\n";
  }
  return OkStatus();
}

Status NamespaceDescribe(const CommandContext& ctx, const std::string& ns) {
  FLOE_ASSIGN_OR_RETURN(auto levels, catalog::ParseNamespace(ns));
  FLOE_ASSIGN_OR_RETURN(auto cat, ctx.OpenCatalog());
  FLOE_ASSIGN_OR_RETURN(auto info, cat->LoadNamespace(levels));
  if (ctx.json) {
    *ctx.out << info.ToJson().dump(2) << "\n";
    return OkStatus();
  }
  fmt::print(*ctx.out, "namespace:  {}\n", info.name());
  fmt::print(*ctx.out, "properties:{}\n", info.properties().empty() ? " (none)" : "");
  for (const auto& [k, v] : info.properties()) fmt::print(*ctx.out, "  {} = {}\n", k, v);
  fmt::print(*ctx.out, "tables:{}\n", info.tables().empty() ? " (none)" : "");
  for (const auto& t : info.tables()) fmt::print(*ctx.out, "  {}\n", t);
  return OkStatus();
}

Status NamespaceDrop(const CommandContext& ctx, const std::string& ns) {
  FLOE_ASSIGN_OR_RETURN(auto levels, catalog::ParseNamespace(ns));
  FLOE_ASSIGN_OR_RETURN(auto cat, ctx.OpenCatalog());
  FLOE_RETURN_IF_ERROR(cat->DropNamespace(levels));
  if (ctx.json) {
    *ctx.out << nlohmann::json{{"namespace", ns}, {"dropped", true}}.dump() << "\n";
  } else {
    fmt::print(*ctx.out, "dropped namespace {}\n", ns);
  }
  return OkStatus();
}

}  // namespace floe::cli
