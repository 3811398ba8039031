#include "floe/core/clock.h"

#include <thread>

namespace floe {

Clock::TimePoint SystemClock::Now() {
  return std::chrono::time_point_cast<Duration>(std::chrono::system_clock::now());
}

void SystemClock::SleepFor(Duration d) {
  if (d > Duration::zero()) std::this_thread::sleep_for(d);
}

SystemClock* SystemClock::Default() {
  static SystemClock clock;
  return &clock;
}

Clock::TimePoint ManualClock::Now() {
  std::lock_guard lock(mu_);
  return now_;
}

void ManualClock::SleepFor(Duration d) {
  std::lock_guard lock(mu_);
  sleeps_.push_back(d);
  if (d > Duration::zero()) now_ += d;
}

void ManualClock::Advance(Duration d) {
  std::lock_guard lock(mu_);
  now_ += d;
}

std::vector<Clock::Duration> ManualClock::sleeps() const {
  std::lock_guard lock(mu_);
  return sleeps_;
}

SeededRandom::SeededRandom() : engine_(std::random_device{}()) {}

double SeededRandom::Uniform(double lo, double hi) {
  std::lock_guard lock(mu_);
  if (!(hi > lo)) return lo;
  return std::uniform_real_distribution<double>(lo, hi)(engine_);
}

}  // namespace floe
