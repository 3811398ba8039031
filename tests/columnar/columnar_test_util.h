// Test helpers for the columnar layer: Result matchers and array builders from literals.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "floe/columnar/array.h"
#include "floe/columnar/builder.h"
#include "floe/columnar/compare.h"
#include "floe/core/result.h"
#include "support/matchers.h"

namespace floe::columnar::testing {

using ::floe::testing::IsError;
using ::floe::testing::IsOk;

#define FLOE_EXPECT_ARRAY_EQ(a, b) EXPECT_EQ(DescribeArrayDifference((a), (b)), "")

// Builds an array from optional values (nullopt = null) with builder B.
template <typename B, typename T>
Array MakeArray(B builder, const std::vector<std::optional<T>>& values) {
  for (const auto& v : values) {
    Status s = v ? builder.Append(*v) : builder.AppendNull();
    EXPECT_TRUE(s.has_value());
  }
  auto result = builder.Finish();
  EXPECT_TRUE(result.has_value()) << result.error().ToString();
  return *std::move(result);
}

inline Array Int32s(const std::vector<std::optional<int32_t>>& v) {
  return MakeArray(Int32Builder(), v);
}
inline Array Int64s(const std::vector<std::optional<int64_t>>& v) {
  return MakeArray(Int64Builder(), v);
}
inline Array Strings(const std::vector<std::optional<std::string>>& v) {
  StringBuilder b;
  for (const auto& s : v) {
    Status st = s ? b.Append(*s) : b.AppendNull();
    EXPECT_TRUE(st.has_value());
  }
  auto result = b.Finish();
  EXPECT_TRUE(result.has_value());
  return *std::move(result);
}
inline Array Bools(const std::vector<std::optional<bool>>& v) {
  return MakeArray(BooleanBuilder(), v);
}

}  // namespace floe::columnar::testing
