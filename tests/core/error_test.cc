#include "floe/core/result.h"

#include <gtest/gtest.h>

namespace floe {
namespace {

Result<int> Half(int n) {
  if (n % 2) return InvalidArgument("{} is odd", n);
  return n / 2;
}

TEST(ErrorTest, FactoryFormatsMessageAndKind) {
  auto r = Half(3);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(r.error().ToString(), "invalid argument: 3 is odd");
}

}  // namespace
}  // namespace floe
