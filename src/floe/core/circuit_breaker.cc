#include "floe/core/circuit_breaker.h"

#include "floe/core/logging.h"

namespace floe {

std::string_view CircuitStateName(CircuitBreaker::State state) {
  switch (state) {
    case CircuitBreaker::State::kClosed: return "closed";
    case CircuitBreaker::State::kOpen: return "open";
    case CircuitBreaker::State::kHalfOpen: return "half-open";
  }
  return "unknown";
}

CircuitBreaker::CircuitBreaker(std::string name, int threshold, Clock::Duration cool_down,
                               Clock* clock)
    : name_(std::move(name)), threshold_(threshold), cool_down_(cool_down), clock_(clock) {}

Status CircuitBreaker::Allow() {
  if (threshold_ <= 0) return OkStatus();
  std::lock_guard lock(mu_);
  switch (state_) {
    case State::kClosed:
      return OkStatus();
    case State::kOpen: {
      auto elapsed = clock_->Now() - opened_at_;
      if (elapsed < cool_down_) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(cool_down_ - elapsed);
        return CircuitOpen("circuit breaker for {} is open after {} consecutive failures; next "
                           "trial in {} ms",
                           name_, failures_, left.count());
      }
      state_ = State::kHalfOpen;
      trial_in_flight_ = true;
      Log().info("circuit breaker for {}: half-open, letting one trial through", name_);
      return OkStatus();
    }
    case State::kHalfOpen:
      if (trial_in_flight_) {
        return CircuitOpen("circuit breaker for {} is half-open and its trial call is in flight",
                           name_);
      }
      trial_in_flight_ = true;
      return OkStatus();
  }
  return Internal("bad circuit state");
}

void CircuitBreaker::RecordSuccess() {
  if (threshold_ <= 0) return;
  std::lock_guard lock(mu_);
  if (state_ != State::kClosed) {
    Log().info("circuit breaker for {}: closed after a successful trial", name_);
  }
  state_ = State::kClosed;
  failures_ = 0;
  trial_in_flight_ = false;
}

void CircuitBreaker::RecordFailure() {
  if (threshold_ <= 0) return;
  std::lock_guard lock(mu_);
  ++failures_;
  if (state_ == State::kHalfOpen || (state_ == State::kClosed && failures_ >= threshold_)) {
    Log().warn("circuit breaker for {}: open after {} consecutive failures", name_, failures_);
    state_ = State::kOpen;
    opened_at_ = clock_->Now();
  }
  trial_in_flight_ = false;
}

CircuitBreaker::State CircuitBreaker::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

int CircuitBreaker::consecutive_failures() const {
  std::lock_guard lock(mu_);
  return failures_;
}

}  // namespace floe
