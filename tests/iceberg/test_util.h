// Helpers shared by the iceberg layer's tests: JSON fixtures and Result assertions.
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "floe/core/result.h"

namespace floe::iceberg::testing {

// Fails the test (with the error's text) unless `result` holds a value.
#define FLOE_ASSERT_OK(expr)                                        \
  do {                                                              \
    const auto& floe_r_ = (expr);                                   \
    ASSERT_TRUE(floe_r_.has_value()) << floe_r_.error().ToString(); \
  } while (0)

// Asserts ok and returns the value; for use in test bodies only.
template <typename T>
T ValueOrDie(Result<T> r) {
  EXPECT_TRUE(r.has_value()) << r.error().ToString();
  return std::move(r).value();
}

// The error of a result expected to fail (an Internal error if it did not).
template <typename T>
Error ErrorOf(const Result<T>& r) {
  EXPECT_FALSE(r.has_value()) << "expected an error";
  if (r.has_value()) return Internal("no error");
  return r.error();
}

inline nlohmann::json Json(const char* text) { return nlohmann::json::parse(text); }

}  // namespace floe::iceberg::testing
