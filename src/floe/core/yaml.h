// YAML to JSON, so that every model has one strict reader (JSON) and YAML files reuse it.
//
// Plain scalars are typed as YAML 1.2's core schema types them (null, true/false, integers,
// floats); quoted scalars stay strings, so `max_attempts: "3"` is a wrong type, as in JSON.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "floe/core/result.h"

namespace floe {

// Parses one YAML document. Syntax errors are kInvalidArgument naming the line.
Result<nlohmann::json> YamlToJson(std::string_view yaml);

// Parses JSON text; syntax errors are kInvalidArgument naming the position.
Result<nlohmann::json> ParseJson(std::string_view text);

}  // namespace floe

namespace floe {

// Parses a YAML document into model T through T::FromJson, so YAML and JSON share one reader.
template <typename T>
Result<T> ParseYamlModel(std::string_view yaml) {
  FLOE_ASSIGN_OR_RETURN(auto json, YamlToJson(yaml));
  return T::FromJson(json);
}

}  // namespace floe
