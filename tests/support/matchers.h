// Test matchers for Result and Status: EXPECT_THAT(r, IsOk()); EXPECT_THAT(r,
// IsError(ErrorKind::kNotFound)); EXPECT_THAT(r, IsErrorWith(ErrorKind::kInvalidArgument,
// HasSubstr("max_attempts"))).
#pragma once

#include <gmock/gmock.h>

#include "floe/core/result.h"

namespace floe::testing {

MATCHER(IsOk, "is OK") {
  if (arg.has_value()) return true;
  *result_listener << "error: " << arg.error().ToString();
  return false;
}

MATCHER_P(IsError, kind, "is an error of kind " + std::string(ErrorKindName(kind))) {
  if (arg.has_value()) {
    *result_listener << "is OK";
    return false;
  }
  *result_listener << "error: " << arg.error().ToString();
  return arg.error().kind() == kind;
}

MATCHER_P2(IsErrorWith, kind, message_matcher,
           "is an error of kind " + std::string(ErrorKindName(kind))) {
  if (arg.has_value()) {
    *result_listener << "is OK";
    return false;
  }
  *result_listener << "error: " << arg.error().ToString();
  return arg.error().kind() == kind &&
         ::testing::ExplainMatchResult(message_matcher, arg.error().message(), result_listener);
}

}  // namespace floe::testing

// Asserts that a Result is OK and binds its value: FLOE_ASSERT_OK_AND_ASSIGN(auto x, Make()).
#define FLOE_ASSERT_OK_AND_ASSIGN(lhs, expr)                     \
  auto FLOE_CONCAT(test_result_, __LINE__) = (expr);             \
  ASSERT_TRUE(FLOE_CONCAT(test_result_, __LINE__).has_value())   \
      << FLOE_CONCAT(test_result_, __LINE__).error().ToString(); \
  lhs = std::move(FLOE_CONCAT(test_result_, __LINE__)).value()
