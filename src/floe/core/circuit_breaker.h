// CircuitBreaker: stops calling a service that keeps failing, and probes it again later.
//
//   closed --(threshold consecutive failures)--> open --(cool-down elapsed)--> half-open
//   half-open --(trial succeeds)--> closed;  half-open --(trial fails)--> open (cool-down anew)
//
// While open, Allow() fails at once with a kCircuitOpen error. Half-open lets exactly one
// trial call through; others fail as if open until the trial reports. A threshold of 0
// disables the breaker (always closed). Thread-safe; time comes from the injected Clock.
#pragma once

#include <chrono>
#include <mutex>
#include <string>

#include "floe/core/clock.h"
#include "floe/core/result.h"

namespace floe {

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };

  // REQUIRES: clock outlives the breaker; threshold >= 0.
  CircuitBreaker(std::string name, int threshold, Clock::Duration cool_down, Clock* clock);

  // OK if a call may proceed now; kCircuitOpen otherwise.
  Status Allow();
  void RecordSuccess();
  void RecordFailure();

  State state() const;
  int consecutive_failures() const;

 private:
  const std::string name_;
  const int threshold_;
  const Clock::Duration cool_down_;
  Clock* clock_;
  mutable std::mutex mu_;
  State state_ = State::kClosed;
  int failures_ = 0;
  bool trial_in_flight_ = false;
  Clock::TimePoint opened_at_{};
};

std::string_view CircuitStateName(CircuitBreaker::State state);

}  // namespace floe
