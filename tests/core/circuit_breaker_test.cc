#include "floe/core/circuit_breaker.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/matchers.h"

namespace floe {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsOk;
using State = CircuitBreaker::State;
using namespace std::chrono_literals;

TEST(CircuitBreakerTest, ClosedUntilThresholdConsecutiveFailures) {
  ManualClock clock;
  CircuitBreaker b("svc", 3, 10s, &clock);
  EXPECT_EQ(b.state(), State::kClosed);
  b.RecordFailure();
  b.RecordFailure();
  EXPECT_EQ(b.state(), State::kClosed);
  EXPECT_THAT(b.Allow(), IsOk());
  b.RecordFailure();
  EXPECT_EQ(b.state(), State::kOpen);
  EXPECT_THAT(b.Allow(), IsError(ErrorKind::kCircuitOpen));
}

TEST(CircuitBreakerTest, SuccessResetsTheConsecutiveCount) {
  ManualClock clock;
  CircuitBreaker b("svc", 3, 10s, &clock);
  b.RecordFailure();
  b.RecordFailure();
  b.RecordSuccess();
  EXPECT_EQ(b.consecutive_failures(), 0);
  b.RecordFailure();
  b.RecordFailure();
  EXPECT_EQ(b.state(), State::kClosed);
}

TEST(CircuitBreakerTest, OpenFailsFastUntilCoolDownThenHalfOpenLetsOneTrial) {
  ManualClock clock;
  CircuitBreaker b("svc", 1, 10s, &clock);
  b.RecordFailure();
  ASSERT_EQ(b.state(), State::kOpen);
  clock.Advance(9999ms);
  EXPECT_THAT(b.Allow(), IsError(ErrorKind::kCircuitOpen));
  clock.Advance(1ms);
  EXPECT_THAT(b.Allow(), IsOk());  // the trial
  EXPECT_EQ(b.state(), State::kHalfOpen);
  EXPECT_THAT(b.Allow(), IsError(ErrorKind::kCircuitOpen));  // only one trial at a time
}

TEST(CircuitBreakerTest, HalfOpenSuccessCloses) {
  ManualClock clock;
  CircuitBreaker b("svc", 2, 5s, &clock);
  b.RecordFailure();
  b.RecordFailure();
  clock.Advance(5s);
  ASSERT_THAT(b.Allow(), IsOk());
  b.RecordSuccess();
  EXPECT_EQ(b.state(), State::kClosed);
  EXPECT_THAT(b.Allow(), IsOk());
  EXPECT_THAT(b.Allow(), IsOk());
}

TEST(CircuitBreakerTest, HalfOpenFailureReopensWithAFreshCoolDown) {
  ManualClock clock;
  CircuitBreaker b("svc", 2, 5s, &clock);
  b.RecordFailure();
  b.RecordFailure();
  clock.Advance(5s);
  ASSERT_THAT(b.Allow(), IsOk());
  b.RecordFailure();
  EXPECT_EQ(b.state(), State::kOpen);
  clock.Advance(4s);
  EXPECT_THAT(b.Allow(), IsError(ErrorKind::kCircuitOpen));
  clock.Advance(1s);
  EXPECT_THAT(b.Allow(), IsOk());
  EXPECT_EQ(b.state(), State::kHalfOpen);
}

TEST(CircuitBreakerTest, ThresholdZeroDisables) {
  ManualClock clock;
  CircuitBreaker b("svc", 0, 5s, &clock);
  for (int i = 0; i < 100; ++i) b.RecordFailure();
  EXPECT_EQ(b.state(), State::kClosed);
  EXPECT_THAT(b.Allow(), IsOk());
}

TEST(CircuitBreakerTest, OpenErrorNamesTheService) {
  ManualClock clock;
  CircuitBreaker b("polaris", 1, 5s, &clock);
  b.RecordFailure();
  auto s = b.Allow();
  ASSERT_FALSE(s.has_value());
  EXPECT_THAT(s.error().message(), ::testing::HasSubstr("polaris"));
  EXPECT_EQ(CircuitStateName(State::kHalfOpen), "half-open");
}

}  // namespace
}  // namespace floe
