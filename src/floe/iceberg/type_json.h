// JSON forms of types and fields (spec Appendix C, "Schemas"). Primitives are strings ("long",
// "decimal(9,2)", "fixed[16]"; whitespace around parameters is accepted on read); nested types
// are objects:
//
//   {"type": "struct", "fields": [{"id": 1, "name": "id", "required": true, "type": "long",
//                                  "doc": "optional comment"}]}
//   {"type": "list", "element-id": 3, "element-required": true, "element": "string"}
//   {"type": "map", "key-id": 4, "key": "string", "value-id": 5, "value-required": false,
//    "value": "double"}
//
// Reading reports InvalidArgument naming the offending field or type string; variant, geometry,
// geography and non-null initial-default / write-default values are refused with NotSupported.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string_view>

#include "floe/core/result.h"
#include "floe/iceberg/type.h"

namespace floe::iceberg {

// Parses a primitive type string such as "int" or "decimal(9, 2)".
Result<TypePtr> PrimitiveTypeFromString(std::string_view text);

Result<TypePtr> TypeFromJson(const nlohmann::json& json);
nlohmann::json TypeToJson(const Type& type);

// One member of a struct's "fields" array.
Result<NestedField> FieldFromJson(const nlohmann::json& json);
nlohmann::json FieldToJson(const NestedField& field);

}  // namespace floe::iceberg
