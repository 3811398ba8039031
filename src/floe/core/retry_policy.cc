#include "floe/core/retry_policy.h"

#include <algorithm>
#include <cmath>

namespace floe {
namespace {

Clock::Duration Seconds(double s) {
  return std::chrono::duration_cast<Clock::Duration>(std::chrono::duration<double>(s));
}

}  // namespace

Clock::Duration RetryPolicy::Backoff(int retry) const {
  const int exponent = std::clamp(retry - 1, 0, 62);
  const double exponential = config_.initial_wait_seconds() * std::ldexp(1.0, exponent);
  const double capped = std::min(config_.max_wait_seconds(), exponential);
  const double jitter =
      config_.jitter_seconds() > 0 ? random_->Uniform(0.0, config_.jitter_seconds()) : 0.0;
  return Seconds(capped + jitter);
}

std::optional<Clock::Duration> RetryPolicy::WaitBeforeRetry(int retry, const Error& error) const {
  Clock::Duration wait = Backoff(retry);
  if (error.retry_after()) {
    const auto asked = std::chrono::duration_cast<Clock::Duration>(*error.retry_after());
    if (asked > Seconds(config_.max_wait_seconds())) return std::nullopt;
    wait = std::max(wait, asked);
  }
  return wait;
}

}  // namespace floe
