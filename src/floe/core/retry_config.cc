#include "floe/core/retry_config.h"

#include <nlohmann/json.hpp>

#include "floe/core/model_fields_internal.h"
#include "floe/core/yaml.h"

namespace floe::polaris {

using internal::CheckAtLeast;
using internal::CheckRange;

Result<RetryConfig> RetryConfig::Make(Fields f) {
  FLOE_RETURN_IF_ERROR(CheckRange("RetryConfig", "max_attempts", f.max_attempts, 1, 10));
  FLOE_RETURN_IF_ERROR(
      CheckRange("RetryConfig", "initial_wait_seconds", f.initial_wait_seconds, 0.1, 30.0));
  FLOE_RETURN_IF_ERROR(
      CheckRange("RetryConfig", "max_wait_seconds", f.max_wait_seconds, 1.0, 300.0));
  FLOE_RETURN_IF_ERROR(CheckRange("RetryConfig", "jitter_seconds", f.jitter_seconds, 0.0, 10.0));
  FLOE_RETURN_IF_ERROR(
      CheckAtLeast("RetryConfig", "circuit_breaker_threshold", f.circuit_breaker_threshold, 0));
  return RetryConfig(f);
}

Result<RetryConfig> RetryConfig::FromJson(const nlohmann::json& json) {
  internal::ModelReader r("RetryConfig", json);
  Fields f;
  r.Optional("max_attempts", f.max_attempts);
  r.Optional("initial_wait_seconds", f.initial_wait_seconds);
  r.Optional("max_wait_seconds", f.max_wait_seconds);
  r.Optional("jitter_seconds", f.jitter_seconds);
  r.Optional("circuit_breaker_threshold", f.circuit_breaker_threshold);
  FLOE_RETURN_IF_ERROR(r.Finish());
  return Make(f);
}

Result<RetryConfig> RetryConfig::FromYaml(std::string_view yaml) {
  FLOE_ASSIGN_OR_RETURN(auto json, YamlToJson(yaml));
  return FromJson(json);
}

nlohmann::json RetryConfig::ToJson() const {
  return nlohmann::json{{"max_attempts", f_.max_attempts},
                        {"initial_wait_seconds", f_.initial_wait_seconds},
                        {"max_wait_seconds", f_.max_wait_seconds},
                        {"jitter_seconds", f_.jitter_seconds},
                        {"circuit_breaker_threshold", f_.circuit_breaker_threshold}};
}

std::string RetryConfig::ToString() const {
  return fmt::format(
      "RetryConfig(max_attempts={}, initial_wait_seconds={}, max_wait_seconds={}, "
      "jitter_seconds={}, circuit_breaker_threshold={})",
      f_.max_attempts, f_.initial_wait_seconds, f_.max_wait_seconds, f_.jitter_seconds,
      f_.circuit_breaker_threshold);
}

bool RetryConfig::operator==(const RetryConfig& o) const {
  return f_.max_attempts == o.f_.max_attempts &&
         f_.initial_wait_seconds == o.f_.initial_wait_seconds &&
         f_.max_wait_seconds == o.f_.max_wait_seconds &&
         f_.jitter_seconds == o.f_.jitter_seconds &&
         f_.circuit_breaker_threshold == o.f_.circuit_breaker_threshold;
}

std::ostream& operator<<(std::ostream& os, const RetryConfig& c) { return os << c.ToString(); }

}  // namespace floe::polaris
