#include "floe/iceberg/type_json.h"

#include <cctype>
#include <charconv>
#include <nlohmann/json.hpp>
#include <string>

#include "floe/iceberg/json_internal.h"

namespace floe::iceberg {
namespace {

using nlohmann::json;
using namespace internal;  // NOLINT: the JSON reading helpers

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool ParseInt(std::string_view s, int64_t& out) {
  s = Trim(s);
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

// If `text` is `name` + open + args + close, sets `args` to what is between the brackets.
bool MatchParameterized(std::string_view text, std::string_view name, char open, char close,
                        std::string_view& args) {
  if (text.substr(0, name.size()) != name) return false;
  std::string_view rest = Trim(text.substr(name.size()));
  if (rest.size() < 2 || rest.front() != open || rest.back() != close) return false;
  args = rest.substr(1, rest.size() - 2);
  return true;
}

Status RefuseDefault(const json& j, const char* key, int32_t id) {
  if (HasNonNull(j, key)) {
    return NotSupported("field {}: '{}' values (format v3 defaults) are not supported yet", id,
                        key);
  }
  return OkStatus();
}

Result<TypePtr> StructFromJson(const json& j) {
  FLOE_ASSIGN_OR_RETURN(const json* fields, GetArray(j, "struct type", "fields"));
  std::vector<NestedField> out;
  out.reserve(fields->size());
  for (const auto& f : *fields) {
    FLOE_ASSIGN_OR_RETURN(auto field, FieldFromJson(f));
    out.push_back(std::move(field));
  }
  FLOE_ASSIGN_OR_RETURN(auto type, StructType::Make(std::move(out)));
  return TypePtr(std::move(type));
}

Result<TypePtr> ListFromJson(const json& j) {
  constexpr std::string_view kWhat = "list type";
  FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(j, kWhat, "element-id"));
  FLOE_ASSIGN_OR_RETURN(bool required, GetBool(j, kWhat, "element-required"));
  FLOE_ASSIGN_OR_RETURN(const json* element, Member(j, kWhat, "element"));
  auto element_type = TypeFromJson(*element);
  if (!element_type) return element_type.error().WithContext("list element");
  FLOE_ASSIGN_OR_RETURN(auto type, ListType::Make(id, *element_type, required));
  return TypePtr(std::move(type));
}

Result<TypePtr> MapFromJson(const json& j) {
  constexpr std::string_view kWhat = "map type";
  FLOE_ASSIGN_OR_RETURN(int32_t key_id, GetInt32(j, kWhat, "key-id"));
  FLOE_ASSIGN_OR_RETURN(int32_t value_id, GetInt32(j, kWhat, "value-id"));
  FLOE_ASSIGN_OR_RETURN(bool value_required, GetBool(j, kWhat, "value-required"));
  FLOE_ASSIGN_OR_RETURN(const json* key, Member(j, kWhat, "key"));
  FLOE_ASSIGN_OR_RETURN(const json* value, Member(j, kWhat, "value"));
  auto key_type = TypeFromJson(*key);
  if (!key_type) return key_type.error().WithContext("map key");
  auto value_type = TypeFromJson(*value);
  if (!value_type) return value_type.error().WithContext("map value");
  FLOE_ASSIGN_OR_RETURN(auto type,
                        MapType::Make(key_id, *key_type, value_id, *value_type, value_required));
  return TypePtr(std::move(type));
}

}  // namespace

Result<TypePtr> PrimitiveTypeFromString(std::string_view text) {
  std::string_view t = Trim(text);
  static constexpr TypeId kSimple[] = {
      TypeId::kBoolean,     TypeId::kInt,         TypeId::kLong,          TypeId::kFloat,
      TypeId::kDouble,      TypeId::kDate,        TypeId::kTime,          TypeId::kTimestamp,
      TypeId::kTimestampTz, TypeId::kTimestampNs, TypeId::kTimestampTzNs, TypeId::kString,
      TypeId::kUuid,        TypeId::kBinary,      TypeId::kUnknown};
  for (TypeId id : kSimple) {
    if (t == TypeIdName(id)) return PrimitiveType::Of(id);
  }
  std::string_view args;
  if (MatchParameterized(t, "decimal", '(', ')', args)) {
    size_t comma = args.find(',');
    int64_t p = 0, s = 0;
    if (comma == std::string_view::npos || !ParseInt(args.substr(0, comma), p) ||
        !ParseInt(args.substr(comma + 1), s)) {
      return InvalidArgument("malformed decimal type '{}': expected decimal(P,S)", text);
    }
    if (p > 38 || s > 38 || p < 0 || s < 0) {
      return InvalidArgument("decimal type '{}': precision and scale must be 0..38", text);
    }
    return PrimitiveType::Decimal(static_cast<int32_t>(p), static_cast<int32_t>(s));
  }
  if (MatchParameterized(t, "fixed", '[', ']', args)) {
    int64_t length = 0;
    if (!ParseInt(args, length)) {
      return InvalidArgument("malformed fixed type '{}': expected fixed[L]", text);
    }
    return PrimitiveType::Fixed(length);
  }
  if (t == "variant" || t.starts_with("geometry") || t.starts_with("geography")) {
    return NotSupported("type '{}' is not supported yet", text);
  }
  return InvalidArgument("unknown type '{}'", text);
}

Result<TypePtr> TypeFromJson(const json& j) {
  if (j.is_string()) return PrimitiveTypeFromString(j.get_ref<const std::string&>());
  if (!j.is_object()) {
    return InvalidArgument("type: expected a string or an object, got {}", j.type_name());
  }
  FLOE_ASSIGN_OR_RETURN(std::string kind, GetString(j, "type", "type"));
  if (kind == "struct") return StructFromJson(j);
  if (kind == "list") return ListFromJson(j);
  if (kind == "map") return MapFromJson(j);
  return InvalidArgument("unknown nested type '{}'", kind);
}

json TypeToJson(const Type& type) {
  switch (type.id()) {
    case TypeId::kStruct: {
      json fields = json::array();
      for (const auto& f : static_cast<const StructType&>(type).fields()) {
        fields.push_back(FieldToJson(f));
      }
      return json{{"type", "struct"}, {"fields", std::move(fields)}};
    }
    case TypeId::kList: {
      const auto& e = static_cast<const ListType&>(type).element();
      return json{{"type", "list"},
                  {"element-id", e.id()},
                  {"element", TypeToJson(*e.type())},
                  {"element-required", e.required()}};
    }
    case TypeId::kMap: {
      const auto& m = static_cast<const MapType&>(type);
      return json{{"type", "map"},
                  {"key-id", m.key().id()},
                  {"key", TypeToJson(*m.key().type())},
                  {"value-id", m.value().id()},
                  {"value", TypeToJson(*m.value().type())},
                  {"value-required", m.value().required()}};
    }
    default:
      return type.ToString();
  }
}

Result<NestedField> FieldFromJson(const json& j) {
  constexpr std::string_view kWhat = "struct field";
  FLOE_ASSIGN_OR_RETURN(int32_t id, GetInt32(j, kWhat, "id"));
  auto name = GetString(j, kWhat, "name");
  if (!name) return name.error().WithContext(fmt::format("field {}", id));
  auto context = fmt::format("field {} ('{}')", id, *name);
  auto required = GetBool(j, kWhat, "required");
  if (!required) return required.error().WithContext(context);
  auto type_json = Member(j, kWhat, "type");
  if (!type_json) return type_json.error().WithContext(context);
  auto type = TypeFromJson(**type_json);
  if (!type) return type.error().WithContext(context);
  auto doc = GetOptionalString(j, kWhat, "doc");
  if (!doc) return doc.error().WithContext(context);
  FLOE_RETURN_IF_ERROR(RefuseDefault(j, "initial-default", id));
  FLOE_RETURN_IF_ERROR(RefuseDefault(j, "write-default", id));
  return NestedField::Make(id, std::move(*name), *required, std::move(*type), std::move(*doc));
}

json FieldToJson(const NestedField& field) {
  json j{{"id", field.id()},
         {"name", field.name()},
         {"required", field.required()},
         {"type", TypeToJson(*field.type())}};
  if (field.doc()) j["doc"] = *field.doc();
  return j;
}

}  // namespace floe::iceberg
