// Small helpers for reading Iceberg's JSON objects: each names the object it reads ("schema",
// "partition field") and the key, so that a bad document yields an InvalidArgument such as
// "partition field: 'source-id' must be an integer, got string". Unknown keys are ignored:
// Iceberg readers must accept fields added by newer writers.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "floe/core/result.h"

namespace floe::iceberg::internal {

using nlohmann::json;

inline Status ExpectObject(const json& j, std::string_view what) {
  if (!j.is_object())
    return InvalidArgument("{}: expected a JSON object, got {}", what, j.type_name());
  return OkStatus();
}

// The member `key` of object `j`; an error naming both when it is absent.
inline Result<const json*> Member(const json& j, std::string_view what, const char* key) {
  FLOE_RETURN_IF_ERROR(ExpectObject(j, what));
  auto it = j.find(key);
  if (it == j.end()) return InvalidArgument("{}: missing required field '{}'", what, key);
  return &*it;
}

inline bool HasNonNull(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && !it->is_null();
}

inline Result<int64_t> AsInt64(const json& v, std::string_view what, const char* key) {
  if (!v.is_number_integer()) {
    return InvalidArgument("{}: '{}' must be an integer, got {}", what, key, v.type_name());
  }
  if (v.is_number_unsigned() && v.get<uint64_t>() > uint64_t{std::numeric_limits<int64_t>::max()}) {
    return InvalidArgument("{}: '{}' is out of range for a long", what, key);
  }
  return v.get<int64_t>();
}

inline Result<int32_t> AsInt32(const json& v, std::string_view what, const char* key) {
  FLOE_ASSIGN_OR_RETURN(int64_t n, AsInt64(v, what, key));
  if (n < std::numeric_limits<int32_t>::min() || n > std::numeric_limits<int32_t>::max()) {
    return InvalidArgument("{}: '{}' is out of range for an int: {}", what, key, n);
  }
  return static_cast<int32_t>(n);
}

inline Result<int64_t> GetInt64(const json& j, std::string_view what, const char* key) {
  FLOE_ASSIGN_OR_RETURN(const json* v, Member(j, what, key));
  return AsInt64(*v, what, key);
}

inline Result<int32_t> GetInt32(const json& j, std::string_view what, const char* key) {
  FLOE_ASSIGN_OR_RETURN(const json* v, Member(j, what, key));
  return AsInt32(*v, what, key);
}

inline Result<bool> GetBool(const json& j, std::string_view what, const char* key) {
  FLOE_ASSIGN_OR_RETURN(const json* v, Member(j, what, key));
  if (!v->is_boolean()) {
    return InvalidArgument("{}: '{}' must be a boolean, got {}", what, key, v->type_name());
  }
  return v->get<bool>();
}

inline Result<std::string> GetString(const json& j, std::string_view what, const char* key) {
  FLOE_ASSIGN_OR_RETURN(const json* v, Member(j, what, key));
  if (!v->is_string()) {
    return InvalidArgument("{}: '{}' must be a string, got {}", what, key, v->type_name());
  }
  return v->get<std::string>();
}

// Absent or null keys read as nullopt; present keys of the wrong type are errors.
inline Result<std::optional<int32_t>> GetOptionalInt32(const json& j, std::string_view what,
                                                       const char* key) {
  if (!HasNonNull(j, key)) return std::optional<int32_t>();
  FLOE_ASSIGN_OR_RETURN(int32_t v, GetInt32(j, what, key));
  return std::optional<int32_t>(v);
}

inline Result<std::optional<int64_t>> GetOptionalInt64(const json& j, std::string_view what,
                                                       const char* key) {
  if (!HasNonNull(j, key)) return std::optional<int64_t>();
  FLOE_ASSIGN_OR_RETURN(int64_t v, GetInt64(j, what, key));
  return std::optional<int64_t>(v);
}

inline Result<std::optional<std::string>> GetOptionalString(const json& j, std::string_view what,
                                                            const char* key) {
  if (!HasNonNull(j, key)) return std::optional<std::string>();
  FLOE_ASSIGN_OR_RETURN(std::string v, GetString(j, what, key));
  return std::optional<std::string>(std::move(v));
}

inline Result<const json*> GetArray(const json& j, std::string_view what, const char* key) {
  FLOE_ASSIGN_OR_RETURN(const json* v, Member(j, what, key));
  if (!v->is_array()) {
    return InvalidArgument("{}: '{}' must be an array, got {}", what, key, v->type_name());
  }
  return v;
}

}  // namespace floe::iceberg::internal
