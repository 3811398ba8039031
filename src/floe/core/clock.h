// Clock and RandomSource: time and chance, passed in so that retries, breakers and token
// refresh are deterministic under test and never sleep for real there.
//
//   SystemClock clock;                 // production
//   ManualClock clock;                 // tests: SleepFor advances Now() and records the wait
//   SeededRandom random(42);           // reproducible jitter
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <random>
#include <vector>

namespace floe {

class Clock {
 public:
  using Duration = std::chrono::nanoseconds;
  using TimePoint = std::chrono::time_point<std::chrono::system_clock, Duration>;

  virtual ~Clock() = default;
  // Wall-clock now (UTC).
  virtual TimePoint Now() = 0;
  // Blocks the caller for `d` (a ManualClock only advances its time).
  virtual void SleepFor(Duration d) = 0;
};

// The real clock. Thread-safe.
class SystemClock final : public Clock {
 public:
  TimePoint Now() override;
  void SleepFor(Duration d) override;
  // A process-wide instance for callers that do not inject one.
  static SystemClock* Default();
};

// A clock that moves only when told to or when slept on. Thread-safe.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimePoint start = TimePoint(std::chrono::seconds(1'700'000'000)))
      : now_(start) {}
  TimePoint Now() override;
  void SleepFor(Duration d) override;
  void Advance(Duration d);
  // Every SleepFor so far, in order.
  std::vector<Duration> sleeps() const;

 private:
  mutable std::mutex mu_;
  TimePoint now_;
  std::vector<Duration> sleeps_;
};

// Uniform random numbers for jitter.
class RandomSource {
 public:
  virtual ~RandomSource() = default;
  // A value in [lo, hi]; REQUIRES: lo <= hi.
  virtual double Uniform(double lo, double hi) = 0;
};

// A Mersenne Twister seeded once; thread-safe.
class SeededRandom final : public RandomSource {
 public:
  explicit SeededRandom(uint64_t seed) : engine_(seed) {}
  // Seeded from std::random_device.
  SeededRandom();
  double Uniform(double lo, double hi) override;

 private:
  std::mutex mu_;
  std::mt19937_64 engine_;
};

// Returns the same fraction of the range every time (0 = lo, 1 = hi): exact waits in tests.
class FixedRandom final : public RandomSource {
 public:
  explicit FixedRandom(double fraction) : fraction_(fraction) {}
  double Uniform(double lo, double hi) override { return lo + (hi - lo) * fraction_; }

 private:
  double fraction_;
};

}  // namespace floe
