// ModelReader: strict reading of a seed model from JSON (Pydantic's extra="forbid" and strict
// types). Each Required/Optional call names a field; Finish() reports the first problem, naming
// the model and the field, and any key that no call claimed as unknown.
//
//   internal::ModelReader r("RetryConfig", json);
//   r.Optional("max_attempts", fields.max_attempts);
//   FLOE_RETURN_IF_ERROR(r.Finish());
#pragma once

#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "floe/core/result.h"
#include "floe/core/secret_string.h"

namespace floe::internal {

class ModelReader {
 public:
  ModelReader(std::string model, const nlohmann::json& json) : model_(std::move(model)), json_(json) {
    if (!json_.is_object()) {
      Fail(InvalidArgument("{}: expected an object, got {}", model_, json_.type_name()));
    }
  }

  template <typename T>
  void Required(const char* key, T& out) {
    if (!json_.is_object()) return;
    seen_.insert(key);
    auto it = json_.find(key);
    if (it == json_.end()) {
      Fail(InvalidArgument("{}.{}: field required", model_, key));
      return;
    }
    Read(key, *it, out);
  }

  // Keeps `out` (its default) when the key is absent.
  template <typename T>
  void Optional(const char* key, T& out) {
    if (!json_.is_object()) return;
    seen_.insert(key);
    auto it = json_.find(key);
    if (it == json_.end()) return;
    Read(key, *it, out);
  }

  // A nested model parsed by `parse(json) -> Result<T>`.
  template <typename T, typename Parse>
  void Nested(const char* key, std::optional<T>& out, Parse parse) {
    if (!json_.is_object()) return;
    seen_.insert(key);
    auto it = json_.find(key);
    if (it == json_.end()) return;
    auto parsed = parse(*it);
    if (!parsed) {
      Fail(parsed.error().WithContext(fmt::format("{}.{}", model_, key)));
      return;
    }
    out.emplace(std::move(*parsed));
  }

  Status Finish() {
    if (error_) return *error_;
    for (auto it = json_.begin(); it != json_.end(); ++it) {
      if (!seen_.count(it.key())) {
        return InvalidArgument("{}: unknown field '{}' (extra fields are not permitted)", model_,
                               it.key());
      }
    }
    return OkStatus();
  }

  void Fail(Error e) {
    if (!error_) error_ = std::move(e);
  }

 private:
  Error TypeError(const char* key, const char* want, const nlohmann::json& v) {
    return InvalidArgument("{}.{}: expected {}, got {}", model_, key, want, v.type_name());
  }

  void Read(const char* key, const nlohmann::json& v, std::string& out) {
    if (!v.is_string()) return Fail(TypeError(key, "a string", v));
    out = v.get<std::string>();
  }
  void Read(const char* key, const nlohmann::json& v, SecretString& out) {
    if (!v.is_string()) return Fail(TypeError(key, "a string", v));
    out = SecretString(v.get<std::string>());
  }
  void Read(const char* key, const nlohmann::json& v, bool& out) {
    if (!v.is_boolean()) return Fail(TypeError(key, "a boolean", v));
    out = v.get<bool>();
  }
  void Read(const char* key, const nlohmann::json& v, int& out) {
    if (!v.is_number_integer()) return Fail(TypeError(key, "an integer", v));
    auto n = v.get<int64_t>();
    if (v.is_number_unsigned() || n < INT32_MIN || n > INT32_MAX) {
      if (v.is_number_unsigned() && v.get<uint64_t>() <= INT32_MAX) {
        out = static_cast<int>(v.get<uint64_t>());
        return;
      }
      return Fail(InvalidArgument("{}.{}: integer out of range", model_, key));
    }
    out = static_cast<int>(n);
  }
  void Read(const char* key, const nlohmann::json& v, int64_t& out) {
    if (!v.is_number_integer()) return Fail(TypeError(key, "an integer", v));
    if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
      return Fail(InvalidArgument("{}.{}: integer out of range", model_, key));
    }
    out = v.get<int64_t>();
  }
  void Read(const char* key, const nlohmann::json& v, double& out) {
    if (!v.is_number()) return Fail(TypeError(key, "a number", v));
    out = v.get<double>();
    if (!std::isfinite(out)) Fail(InvalidArgument("{}.{}: must be finite", model_, key));
  }
  void Read(const char* key, const nlohmann::json& v, std::map<std::string, std::string>& out) {
    if (!v.is_object()) return Fail(TypeError(key, "an object of strings", v));
    out.clear();
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (!it.value().is_string()) {
        return Fail(InvalidArgument("{}.{}['{}']: expected a string, got {}", model_, key,
                                    it.key(), it.value().type_name()));
      }
      out[it.key()] = it.value().get<std::string>();
    }
  }
  void Read(const char* key, const nlohmann::json& v, std::vector<std::string>& out) {
    if (!v.is_array()) return Fail(TypeError(key, "an array of strings", v));
    out.clear();
    for (size_t i = 0; i < v.size(); ++i) {
      if (!v[i].is_string()) {
        return Fail(InvalidArgument("{}.{}[{}]: expected a string, got {}", model_, key, i,
                                    v[i].type_name()));
      }
      out.push_back(v[i].get<std::string>());
    }
  }
  template <typename T>
  void Read(const char* key, const nlohmann::json& v, std::optional<T>& out) {
    if (v.is_null()) {
      out.reset();
      return;
    }
    T value{};
    Read(key, v, value);
    out = std::move(value);
  }

  std::string model_;
  const nlohmann::json& json_;
  std::set<std::string> seen_;
  std::optional<Error> error_;
};

// Range checks shared by the models' Make functions.
template <typename T>
Status CheckRange(const char* model, const char* field, T value, T lo, T hi) {
  if (value < lo || value > hi) {
    return InvalidArgument("{}.{} must be between {} and {}, got {}", model, field, lo, hi, value);
  }
  return OkStatus();
}

template <typename T>
Status CheckAtLeast(const char* model, const char* field, T value, T lo) {
  if (value < lo) return InvalidArgument("{}.{} must be >= {}, got {}", model, field, lo, value);
  return OkStatus();
}

}  // namespace floe::internal
