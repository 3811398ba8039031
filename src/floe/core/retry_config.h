// RetryConfig: the seed's retry policy settings for catalog operations (floe-polaris).
//
// Immutable; built by Make (which checks the seed's ranges) or parsed from JSON/YAML, where
// unknown keys and wrong types are errors naming the field. RetryPolicy and CircuitBreaker
// (retry_policy.h, circuit_breaker.h) put it to work. It lives in core because the retry engine
// does, and in namespace floe::polaris because it is part of floe-polaris's configuration.
//
//   FLOE_ASSIGN_OR_RETURN(auto retry, RetryConfig::Make({.max_attempts = 5}));
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "floe/core/result.h"

namespace floe::polaris {

class RetryConfig {
 public:
  // The seed's fields and defaults.
  struct Fields {
    int max_attempts = 3;                // 1..10
    double initial_wait_seconds = 1.0;   // 0.1..30
    double max_wait_seconds = 30.0;      // 1..300
    double jitter_seconds = 1.0;         // 0..10
    int circuit_breaker_threshold = 5;   // >= 0; 0 disables the breaker
  };

  // The defaults; always valid.
  RetryConfig() : RetryConfig(Fields{}) {}
  static Result<RetryConfig> Make(Fields fields);
  static Result<RetryConfig> FromJson(const nlohmann::json& json);
  static Result<RetryConfig> FromYaml(std::string_view yaml);

  int max_attempts() const { return f_.max_attempts; }
  double initial_wait_seconds() const { return f_.initial_wait_seconds; }
  double max_wait_seconds() const { return f_.max_wait_seconds; }
  double jitter_seconds() const { return f_.jitter_seconds; }
  int circuit_breaker_threshold() const { return f_.circuit_breaker_threshold; }
  const Fields& fields() const { return f_; }

  nlohmann::json ToJson() const;
  std::string ToString() const;
  bool operator==(const RetryConfig& other) const;

 private:
  explicit RetryConfig(Fields fields) : f_(fields) {}
  Fields f_;
};

std::ostream& operator<<(std::ostream& os, const RetryConfig& c);

}  // namespace floe::polaris
