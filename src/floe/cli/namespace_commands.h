// `floe namespace create|list|describe|drop`: namespaces of the selected catalog.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "floe/cli/command_context.h"

namespace floe::cli {

// "k=v" strings to a map; a string without '=' or with an empty key is an error.
Result<std::map<std::string, std::string>> ParseProperties(const std::vector<std::string>& kvs);

Status NamespaceCreate(const CommandContext& ctx, const std::string& ns,
                       const std::vector<std::string>& properties);
// Children of `parent` (top level when empty).
Status NamespaceList(const CommandContext& ctx, const std::string& parent);
Status NamespaceDescribe(const CommandContext& ctx, const std::string& ns);
Status NamespaceDrop(const CommandContext& ctx, const std::string& ns);

}  // namespace floe::cli
