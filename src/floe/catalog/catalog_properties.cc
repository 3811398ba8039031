#include "floe/catalog/catalog_properties.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/ranges.h>

#include "floe/core/secret_string.h"
#include "floe/core/yaml.h"

extern char** environ;

namespace floe::catalog {
namespace {

namespace fs = std::filesystem;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// FLOE_CATALOG__DEFAULT__S3__ACCESS_KEY_ID -> ("default", "s3.access-key-id").
std::optional<std::pair<std::string, std::string>> ParseEnvKey(std::string_view key) {
  constexpr std::string_view kPrefix = "FLOE_CATALOG__";
  if (!key.starts_with(kPrefix)) return std::nullopt;
  key.remove_prefix(kPrefix.size());
  auto sep = key.find("__");
  if (sep == std::string_view::npos || sep == 0 || sep + 2 >= key.size()) return std::nullopt;
  std::string name = Lower(std::string(key.substr(0, sep)));
  std::string prop;
  std::string_view rest = key.substr(sep + 2);
  for (size_t i = 0; i < rest.size(); ++i) {
    if (rest.substr(i, 2) == "__") {
      prop.push_back('.');
      ++i;
    } else if (rest[i] == '_') {
      prop.push_back('-');
    } else {
      prop.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(rest[i]))));
    }
  }
  return std::make_pair(name, prop);
}

Status ReadYamlFile(const std::string& path, const std::string& name,
                    std::map<std::string, std::string>& props) {
  std::ifstream in(path);
  if (!in) return NotFound("cannot read configuration file {}", path);
  std::stringstream text;
  text << in.rdbuf();
  auto json = YamlToJson(text.str());
  if (!json) return json.error().WithContext(path);
  if (json->is_null()) return OkStatus();
  if (!json->is_object()) return InvalidArgument("{}: expected a mapping at the top", path);
  for (auto it = json->begin(); it != json->end(); ++it) {
    if (it.key() != "catalog") {
      return InvalidArgument("{}: unknown top-level key '{}' (expected 'catalog')", path, it.key());
    }
  }
  if (!json->contains("catalog")) return OkStatus();
  const auto& catalogs = (*json)["catalog"];
  if (!catalogs.is_object()) return InvalidArgument("{}: 'catalog' must be a mapping of names", path);
  auto entry = catalogs.find(name);
  if (entry == catalogs.end()) return OkStatus();
  if (!entry->is_object()) return InvalidArgument("{}: catalog.{} must be a mapping", path, name);
  for (auto it = entry->begin(); it != entry->end(); ++it) {
    const auto& v = it.value();
    if (v.is_string()) {
      props[it.key()] = v.get<std::string>();
    } else if (v.is_number() || v.is_boolean()) {
      props[it.key()] = v.dump();
    } else {
      return InvalidArgument("{}: catalog.{}.{} must be a scalar, got {}", path, name, it.key(),
                             v.type_name());
    }
  }
  return OkStatus();
}

}  // namespace

CatalogProperties CatalogProperties::Embedded(std::string_view name, const std::string& warehouse) {
  std::error_code ec;
  fs::path root = fs::absolute(warehouse, ec).lexically_normal();
  return CatalogProperties(std::string(name),
                           {{"uri", "sqlite:///" + (root / "catalog.db").string()},
                            {"warehouse", root.string()}});
}

Result<CatalogProperties> CatalogProperties::Load(const LoadOptions& options) {
  if (options.name.empty()) return InvalidArgument("catalog name must not be empty");
  CatalogProperties result = Embedded(options.name, "warehouse");
  auto& props = result.props_;
  std::optional<std::string> file = options.config_file;
  if (!file && fs::exists("floe.yaml")) file = "floe.yaml";
  if (file) {
    std::map<std::string, std::string> from_file;
    FLOE_RETURN_IF_ERROR(ReadYamlFile(*file, options.name, from_file));
    // A file naming a warehouse but no uri moves the embedded catalog with it.
    if (from_file.count("warehouse") && !from_file.count("uri") && !from_file.count("type")) {
      props = Embedded(options.name, from_file["warehouse"]).props_;
      from_file.erase("warehouse");
    }
    for (auto& [k, v] : from_file) props[k] = v;
  }
  for (char** env = options.environment ? options.environment : environ; env && *env; ++env) {
    std::string_view entry(*env);
    auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    auto key = ParseEnvKey(entry.substr(0, eq));
    if (key && key->first == options.name) props[key->second] = std::string(entry.substr(eq + 1));
  }
  for (const auto& [k, v] : options.overrides) props[k] = v;
  return result;
}

std::optional<std::string> CatalogProperties::Get(std::string_view key) const {
  auto it = props_.find(std::string(key));
  if (it == props_.end()) return std::nullopt;
  return it->second;
}

std::string CatalogProperties::type() const {
  if (auto t = Get("type")) return Lower(*t);
  auto uri = Get("uri").value_or("");
  if (uri.starts_with("http://") || uri.starts_with("https://")) return "rest";
  return "sql";
}

bool CatalogProperties::IsSecretKey(std::string_view key) {
  const std::string k = Lower(std::string(key));
  for (const char* word : {"credential", "token", "secret", "password", "session"}) {
    if (k.find(word) != std::string::npos) return true;
  }
  return k == "s3.access-key-id" || k.ends_with("authorization");
}

std::map<std::string, std::string> CatalogProperties::Redacted() const {
  auto out = props_;
  for (auto& [k, v] : out) {
    if (IsSecretKey(k)) v = std::string(SecretString::kMask);
  }
  return out;
}

std::string CatalogProperties::ToString() const {
  return fmt::format("CatalogProperties(name={}, properties={})", name_, Redacted());
}

}  // namespace floe::catalog
