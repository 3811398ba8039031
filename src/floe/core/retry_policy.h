// RetryPolicy: runs an operation up to max_attempts times with exponential backoff and jitter.
//
// The wait before retry n (n = 1 after the first failure) is
//   min(max_wait, initial_wait * 2^(n-1)) + U[0, jitter]
// and, when the failed call's Error carries a server's Retry-After, at least that long. A
// Retry-After longer than max_wait ends the retries: the server asks for more patience than the
// configuration allows, so the error goes back to the caller at once.
// Only retryable errors (Error::retryable(): unavailable, timeout, lost commit race) are retried.
// With a CircuitBreaker, each attempt first asks it; unavailable and timeout count as failures.
//
//   RetryPolicy policy(config, clock, random);
//   FLOE_ASSIGN_OR_RETURN(auto table, policy.Run("load_table", [&] { return Load(id); }));
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "floe/core/circuit_breaker.h"
#include "floe/core/clock.h"
#include "floe/core/logging.h"
#include "floe/core/result.h"
#include "floe/core/retry_config.h"

namespace floe {

class RetryPolicy {
 public:
  // REQUIRES: clock and random outlive the policy.
  RetryPolicy(polaris::RetryConfig config, Clock* clock, RandomSource* random)
      : config_(config), clock_(clock), random_(random) {}

  const polaris::RetryConfig& config() const { return config_; }

  // The backoff before retry n (n >= 1), jitter included.
  Clock::Duration Backoff(int retry) const;

  // The wait before retry n after `error`, or nullopt when the error's Retry-After exceeds
  // max_wait (do not retry).
  std::optional<Clock::Duration> WaitBeforeRetry(int retry, const Error& error) const;

  // Called before each retry's sleep with (attempt that failed, its error, wait).
  using RetryObserver = std::function<void(int, const Error&, Clock::Duration)>;

  // Runs `op` (returning Result<T> or Status) until it succeeds, fails with a non-retryable
  // error, or max_attempts is spent. The error returned carries the retries spent.
  template <typename Op>
  auto Run(std::string_view operation, Op&& op, CircuitBreaker* breaker = nullptr,
           const RetryObserver& on_retry = nullptr) const -> decltype(op());

 private:
  static bool CountsAgainstBreaker(const Error& e) {
    return e.kind() == ErrorKind::kUnavailable || e.kind() == ErrorKind::kTimeout;
  }

  polaris::RetryConfig config_;
  Clock* clock_;
  RandomSource* random_;
};

template <typename Op>
auto RetryPolicy::Run(std::string_view operation, Op&& op, CircuitBreaker* breaker,
                      const RetryObserver& on_retry) const -> decltype(op()) {
  const int max_attempts = config_.max_attempts();
  for (int attempt = 1;; ++attempt) {
    if (breaker != nullptr) {
      if (auto allowed = breaker->Allow(); !allowed) {
        return allowed.error().WithOperation(std::string(operation)).WithRetryCount(attempt - 1);
      }
    }
    auto result = op();
    if (result.has_value()) {
      if (breaker != nullptr) breaker->RecordSuccess();
      return result;
    }
    const Error& error = result.error();
    if (breaker != nullptr && CountsAgainstBreaker(error)) breaker->RecordFailure();
    if (!error.retryable() || attempt >= max_attempts) {
      return error.WithRetryCount(attempt - 1);
    }
    auto wait = WaitBeforeRetry(attempt, error);
    if (!wait) {
      Log().warn("{}: not retrying: the server asks to wait longer than max_wait_seconds ({})",
                 operation, error.ToString());
      return error.WithRetryCount(attempt - 1);
    }
    Log().warn("{}: attempt {} of {} failed ({}); retrying in {} ms", operation, attempt,
               max_attempts, error.ToString(),
               std::chrono::duration_cast<std::chrono::milliseconds>(*wait).count());
    if (on_retry) on_retry(attempt, error, *wait);
    clock_->SleepFor(*wait);
  }
}

}  // namespace floe
