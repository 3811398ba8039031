#include "floe/core/retry_config.h"

#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/matchers.h"

namespace floe::polaris {
namespace {

using ::floe::testing::IsErrorWith;
using ::floe::testing::IsOk;
using ::testing::HasSubstr;

TEST(RetryConfigTest, SeedDefaults) {
  RetryConfig c;
  EXPECT_EQ(c.max_attempts(), 3);
  EXPECT_DOUBLE_EQ(c.initial_wait_seconds(), 1.0);
  EXPECT_DOUBLE_EQ(c.max_wait_seconds(), 30.0);
  EXPECT_DOUBLE_EQ(c.jitter_seconds(), 1.0);
  EXPECT_EQ(c.circuit_breaker_threshold(), 5);
  EXPECT_EQ(*RetryConfig::FromJson(nlohmann::json::object()), c);
  EXPECT_EQ(*RetryConfig::Make({}), c);
}

struct Boundary {
  RetryConfig::Fields fields;
  bool ok;
  const char* field;
};

class RetryConfigBoundaryTest : public ::testing::TestWithParam<Boundary> {};

TEST_P(RetryConfigBoundaryTest, RangeIsEnforcedAtItsEdges) {
  const auto& b = GetParam();
  auto c = RetryConfig::Make(b.fields);
  if (b.ok) {
    EXPECT_THAT(c, IsOk());
  } else {
    EXPECT_THAT(c, IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr(b.field)));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Seed, RetryConfigBoundaryTest,
    ::testing::Values(Boundary{{.max_attempts = 0}, false, "max_attempts"},
                      Boundary{{.max_attempts = 1}, true, ""},
                      Boundary{{.max_attempts = 10}, true, ""},
                      Boundary{{.max_attempts = 11}, false, "max_attempts"},
                      Boundary{{.initial_wait_seconds = 0.09}, false, "initial_wait_seconds"},
                      Boundary{{.initial_wait_seconds = 0.1}, true, ""},
                      Boundary{{.initial_wait_seconds = 30.0}, true, ""},
                      Boundary{{.initial_wait_seconds = 30.01}, false, "initial_wait_seconds"},
                      Boundary{{.max_wait_seconds = 0.99}, false, "max_wait_seconds"},
                      Boundary{{.max_wait_seconds = 1.0}, true, ""},
                      Boundary{{.max_wait_seconds = 300.0}, true, ""},
                      Boundary{{.max_wait_seconds = 300.5}, false, "max_wait_seconds"},
                      Boundary{{.jitter_seconds = -0.01}, false, "jitter_seconds"},
                      Boundary{{.jitter_seconds = 0.0}, true, ""},
                      Boundary{{.jitter_seconds = 10.0}, true, ""},
                      Boundary{{.jitter_seconds = 10.01}, false, "jitter_seconds"},
                      Boundary{{.circuit_breaker_threshold = -1}, false,
                               "circuit_breaker_threshold"},
                      Boundary{{.circuit_breaker_threshold = 0}, true, ""},
                      Boundary{{.circuit_breaker_threshold = 1000}, true, ""}));

TEST(RetryConfigTest, ErrorNamesRangeAndValue) {
  EXPECT_THAT(RetryConfig::Make({.max_attempts = 11}),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          "RetryConfig.max_attempts must be between 1 and 10, got 11"));
}

TEST(RetryConfigTest, JsonRejectsUnknownKeysAndWrongTypes) {
  EXPECT_THAT(RetryConfig::FromJson(nlohmann::json{{"max_attempt", 3}}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown field 'max_attempt'")));
  EXPECT_THAT(RetryConfig::FromJson(nlohmann::json{{"max_attempts", "3"}}),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          HasSubstr("RetryConfig.max_attempts: expected an integer, got string")));
  EXPECT_THAT(RetryConfig::FromJson(nlohmann::json{{"max_attempts", 2.5}}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("max_attempts")));
  EXPECT_THAT(RetryConfig::FromJson(nlohmann::json{{"max_attempts", true}}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("max_attempts")));
  EXPECT_THAT(RetryConfig::FromJson(nlohmann::json{{"jitter_seconds", nullptr}}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("jitter_seconds")));
  EXPECT_THAT(RetryConfig::FromJson(nlohmann::json::array()),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("expected an object")));
  // Integers are accepted where floats are expected, as Pydantic does.
  auto c = RetryConfig::FromJson(nlohmann::json{{"initial_wait_seconds", 2}});
  ASSERT_THAT(c, IsOk());
  EXPECT_DOUBLE_EQ(c->initial_wait_seconds(), 2.0);
}

TEST(RetryConfigTest, JsonRoundTrip) {
  auto c = RetryConfig::Make({.max_attempts = 7,
                              .initial_wait_seconds = 0.5,
                              .max_wait_seconds = 60,
                              .jitter_seconds = 0,
                              .circuit_breaker_threshold = 0});
  ASSERT_THAT(c, IsOk());
  auto back = RetryConfig::FromJson(c->ToJson());
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(*back, *c);
}

TEST(RetryConfigTest, Yaml) {
  auto c = RetryConfig::FromYaml("max_attempts: 5\ninitial_wait_seconds: 0.2\n");
  ASSERT_THAT(c, IsOk());
  EXPECT_EQ(c->max_attempts(), 5);
  EXPECT_DOUBLE_EQ(c->initial_wait_seconds(), 0.2);
  EXPECT_THAT(RetryConfig::FromYaml("max_attempts: \"5\"\n"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("expected an integer")));
  EXPECT_THAT(RetryConfig::FromYaml("retries: 5\n"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown field 'retries'")));
  EXPECT_THAT(RetryConfig::FromYaml("max_attempts: [1\n"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("invalid YAML")));
  EXPECT_THAT(RetryConfig::FromYaml("max_attempts: 50\n"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("between 1 and 10")));
}

TEST(RetryConfigTest, Prints) {
  std::ostringstream os;
  os << RetryConfig();
  EXPECT_THAT(os.str(), HasSubstr("max_attempts=3"));
}

}  // namespace
}  // namespace floe::polaris
