#include "floe/core/retry_policy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/matchers.h"

namespace floe {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsOk;
using namespace std::chrono_literals;

polaris::RetryConfig Config(int attempts, double initial, double max, double jitter,
                            int threshold = 0) {
  return *polaris::RetryConfig::Make({.max_attempts = attempts,
                                      .initial_wait_seconds = initial,
                                      .max_wait_seconds = max,
                                      .jitter_seconds = jitter,
                                      .circuit_breaker_threshold = threshold});
}

TEST(RetryPolicyTest, BackoffDoublesUntilCapped) {
  ManualClock clock;
  FixedRandom no_jitter(0.0);
  RetryPolicy policy(Config(10, 0.5, 5, 0), &clock, &no_jitter);
  std::vector<Clock::Duration> expected = {500ms, 1000ms, 2000ms, 4000ms, 5000ms, 5000ms};
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(policy.Backoff(static_cast<int>(i) + 1), expected[i]) << "retry " << i + 1;
  }
}

TEST(RetryPolicyTest, JitterIsUniformWithinBound) {
  ManualClock clock;
  FixedRandom top(1.0);
  RetryPolicy max_jitter(Config(3, 1, 30, 2), &clock, &top);
  EXPECT_EQ(max_jitter.Backoff(1), 3000ms);
  FixedRandom half(0.5);
  RetryPolicy half_jitter(Config(3, 1, 30, 2), &clock, &half);
  EXPECT_EQ(half_jitter.Backoff(2), 3000ms);

  SeededRandom random(7);
  RetryPolicy seeded(Config(3, 1, 30, 1), &clock, &random);
  bool saw_distinct = false;
  auto first = seeded.Backoff(1);
  for (int i = 0; i < 200; ++i) {
    auto w = seeded.Backoff(1);
    EXPECT_GE(w, 1000ms);
    EXPECT_LE(w, 2000ms);
    saw_distinct |= (w != first);
  }
  EXPECT_TRUE(saw_distinct);
}

TEST(RetryPolicyTest, HonoursRetryAfterAndGivesUpWhenItExceedsMaxWait) {
  ManualClock clock;
  FixedRandom no_jitter(0.0);
  RetryPolicy policy(Config(5, 1, 10, 0), &clock, &no_jitter);
  EXPECT_EQ(*policy.WaitBeforeRetry(1, Unavailable("busy").WithRetryAfter(4s)), 4s);
  // A shorter Retry-After than the backoff keeps the backoff.
  EXPECT_EQ(*policy.WaitBeforeRetry(3, Unavailable("busy").WithRetryAfter(1s)), 4s);
  EXPECT_FALSE(policy.WaitBeforeRetry(1, Unavailable("busy").WithRetryAfter(11s)).has_value());
}

TEST(RetryPolicyTest, RunRetriesRetryableErrorsWithTheBackoffSequence) {
  ManualClock clock;
  FixedRandom no_jitter(0.0);
  RetryPolicy policy(Config(4, 1, 30, 0), &clock, &no_jitter);
  int calls = 0;
  auto r = policy.Run("op", [&]() -> Result<int> {
    if (++calls < 4) return Unavailable("try again");
    return 42;
  });
  ASSERT_THAT(r, IsOk());
  EXPECT_EQ(*r, 42);
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(clock.sleeps(), (std::vector<Clock::Duration>{1s, 2s, 4s}));
}

TEST(RetryPolicyTest, RunStopsAtMaxAttemptsAndReportsRetries) {
  ManualClock clock;
  FixedRandom no_jitter(0.0);
  RetryPolicy policy(Config(3, 1, 30, 0), &clock, &no_jitter);
  int calls = 0;
  std::vector<int> observed;
  Status s = policy.Run(
      "commit", [&]() -> Status { ++calls; return CommitFailed("conflict"); }, nullptr,
      [&](int attempt, const Error&, Clock::Duration) { observed.push_back(attempt); });
  EXPECT_THAT(s, IsError(ErrorKind::kCommitFailed));
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(s.error().detail().retry_count(), 2);
  EXPECT_EQ(observed, (std::vector<int>{1, 2}));
  EXPECT_EQ(clock.sleeps().size(), 2u);
}

TEST(RetryPolicyTest, MaxAttemptsOneMeansNoRetry) {
  ManualClock clock;
  FixedRandom no_jitter(0.0);
  RetryPolicy policy(Config(1, 1, 30, 0), &clock, &no_jitter);
  int calls = 0;
  auto s = policy.Run("op", [&]() -> Status { ++calls; return Timeout("slow"); });
  EXPECT_THAT(s, IsError(ErrorKind::kTimeout));
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST(RetryPolicyTest, NonRetryableErrorsReturnAtOnce) {
  ManualClock clock;
  FixedRandom no_jitter(0.0);
  RetryPolicy policy(Config(5, 1, 30, 0), &clock, &no_jitter);
  for (auto kind : {ErrorKind::kNotFound, ErrorKind::kUnauthorized, ErrorKind::kInvalidArgument,
                    ErrorKind::kCommitStateUnknown}) {
    int calls = 0;
    auto s = policy.Run("op", [&]() -> Status { ++calls; return Error(kind, "no"); });
    EXPECT_THAT(s, IsError(kind));
    EXPECT_EQ(calls, 1);
  }
  EXPECT_TRUE(clock.sleeps().empty());
}

TEST(RetryPolicyTest, BreakerOpensDuringRetriesAndFailsFast) {
  ManualClock clock;
  FixedRandom no_jitter(0.0);
  RetryPolicy policy(Config(10, 1, 30, 0, 3), &clock, &no_jitter);
  CircuitBreaker breaker("catalog", 3, 60s, &clock);
  int calls = 0;
  auto s = policy.Run("op", [&]() -> Status { ++calls; return Unavailable("503"); }, &breaker);
  EXPECT_THAT(s, IsError(ErrorKind::kCircuitOpen));
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(breaker.state(), CircuitBreaker::State::kOpen);
  // A later call fails without reaching the service.
  auto again = policy.Run("op", [&]() -> Status { ++calls; return OkStatus(); }, &breaker);
  EXPECT_THAT(again, IsError(ErrorKind::kCircuitOpen));
  EXPECT_EQ(calls, 3);
}

}  // namespace
}  // namespace floe
