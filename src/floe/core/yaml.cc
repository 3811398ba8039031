#include "floe/core/yaml.h"

#include <charconv>
#include <algorithm>

#include <yaml-cpp/yaml.h>

namespace floe {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
bool IsYamlFloat(std::string_view s) {
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
  std::string_view exponent;
  if (auto e = s.find_first_of("eE"); e != std::string_view::npos) {
    exponent = s.substr(e + 1);
    s = s.substr(0, e);
    if (!exponent.empty() && (exponent[0] == '-' || exponent[0] == '+')) exponent.remove_prefix(1);
    if (!AllDigits(exponent)) return false;
  }
  auto dot = s.find('.');
  if (dot == std::string_view::npos) return AllDigits(s);
  std::string_view whole = s.substr(0, dot), frac = s.substr(dot + 1);
  if (whole.empty()) return AllDigits(frac);
  return AllDigits(whole) && (frac.empty() || AllDigits(frac));
}

// YAML 1.2 core schema resolution of a plain scalar.
nlohmann::json PlainScalar(const std::string& s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  std::string_view digits = s;
  if (digits[0] == '-' || digits[0] == '+') digits.remove_prefix(1);
  if (AllDigits(digits)) {
    int64_t v = 0;
    const char* begin = s.data() + (s[0] == '+' ? 1 : 0);
    auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), v);
    if (ec == std::errc() && ptr == s.data() + s.size()) return v;
    return s;  // too large for int64: keep the text, the model reader reports the type
  }
  if (IsYamlFloat(s)) return std::stod(s);
  return s;
}

Result<nlohmann::json> Convert(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nlohmann::json(nullptr);
    case YAML::NodeType::Scalar:
      if (node.Tag() == "!") return nlohmann::json(node.Scalar());  // quoted
      return PlainScalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& item : node) {
        FLOE_ASSIGN_OR_RETURN(auto v, Convert(item));
        arr.push_back(std::move(v));
      }
      return arr;
    }
    case YAML::NodeType::Map: {
      nlohmann::json obj = nlohmann::json::object();
      for (const auto& kv : node) {
        if (!kv.first.IsScalar()) {
          return InvalidArgument("YAML line {}: mapping keys must be scalars",
                                 kv.first.Mark().line + 1);
        }
        const std::string key = kv.first.Scalar();
        if (obj.contains(key)) {
          return InvalidArgument("YAML line {}: duplicate key '{}'", kv.first.Mark().line + 1,
                                 key);
        }
        FLOE_ASSIGN_OR_RETURN(auto v, Convert(kv.second));
        obj[key] = std::move(v);
      }
      return obj;
    }
  }
  return Internal("unexpected YAML node type");
}

}  // namespace

Result<nlohmann::json> YamlToJson(std::string_view yaml) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    return InvalidArgument("invalid YAML at line {}, column {}: {}", e.mark.line + 1,
                           e.mark.column + 1, e.msg);
  }
  try {
    return Convert(root);
  } catch (const YAML::Exception& e) {
    return InvalidArgument("invalid YAML: {}", e.msg);
  }
}

Result<nlohmann::json> ParseJson(std::string_view text) {
  try {
    return nlohmann::json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() quotes the input near the error, which may hold a secret: give the position only.
    return InvalidArgument("invalid JSON: syntax error at byte {}", e.byte);
  } catch (const nlohmann::json::exception& e) {
    // out_of_range: a number too large for a double (found by the metadata fuzzer).
    return InvalidArgument("invalid JSON: {}", e.id == 406 ? "number out of range" : "bad value");
  }
}

}  // namespace floe
