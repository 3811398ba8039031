#include "floe/core/result.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/matchers.h"

namespace floe {
namespace {

using ::floe::testing::IsErrorWith;
using ::floe::testing::IsOk;
using ::testing::HasSubstr;

Result<int> Half(int n) {
  if (n % 2) return InvalidArgument("{} is odd", n);
  return n / 2;
}

Result<int> Quarter(int n) {
  FLOE_ASSIGN_OR_RETURN(int h, Half(n));
  FLOE_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckEven(int n) {
  FLOE_RETURN_IF_ERROR(Half(n));
  return OkStatus();
}

TEST(ErrorTest, FactoryFormatsMessageAndKind) {
  auto r = Half(3);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(r.error().ToString(), "invalid argument: 3 is odd");
}

TEST(ErrorTest, MacrosPropagateFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_THAT(Quarter(6), IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("3 is odd")));
  EXPECT_THAT(CheckEven(4), IsOk());
  EXPECT_FALSE(CheckEven(5).has_value());
}

TEST(ErrorTest, RetryableFollowsKind) {
  EXPECT_TRUE(Unavailable("down").retryable());
  EXPECT_TRUE(Timeout("slow").retryable());
  EXPECT_TRUE(CommitFailed("lost race").retryable());
  EXPECT_FALSE(CommitStateUnknown("?").retryable());
  EXPECT_FALSE(NotFound("x").retryable());
  EXPECT_FALSE(Unauthorized("x").retryable());
  EXPECT_FALSE(CircuitOpen("x").retryable());
  EXPECT_FALSE(CorruptFile("x").retryable());
}

TEST(ErrorTest, DetailCarriesContext) {
  Error e = NotFound("no table a.b")
                .WithOperation("load_table")
                .WithTable("a.b")
                .WithNamespace("a")
                .WithInternalMessage("GET /v1/namespaces/a/tables/b -> 404")
                .WithRetryCount(2);
  EXPECT_EQ(e.message(), "no table a.b");
  EXPECT_EQ(e.detail().error_type(), "not_found");
  EXPECT_EQ(e.detail().operation(), "load_table");
  EXPECT_EQ(e.detail().table(), "a.b");
  EXPECT_EQ(e.detail().namespace_(), "a");
  EXPECT_EQ(e.detail().message(), "GET /v1/namespaces/a/tables/b -> 404");
  EXPECT_FALSE(e.detail().retryable());
  EXPECT_EQ(e.detail().retry_count(), 2);
  EXPECT_EQ(e.WithContext("loading").ToString(), "not found: loading: no table a.b");
}

TEST(ErrorTest, EveryKindHasANameAndId) {
  for (int k = 0; k <= static_cast<int>(ErrorKind::kInternal); ++k) {
    auto kind = static_cast<ErrorKind>(k);
    EXPECT_NE(ErrorKindName(kind), "unknown error");
    EXPECT_NE(ErrorKindId(kind), "unknown");
  }
}

TEST(StorageErrorDetailTest, DefaultsAndValidation) {
  auto d = StorageErrorDetail::Make({.error_type = "io", .operation = "write", .message = "m"});
  ASSERT_THAT(d, IsOk());
  EXPECT_FALSE(d->retryable());
  EXPECT_EQ(d->retry_count(), 0);
  EXPECT_EQ(d->table(), std::nullopt);
  EXPECT_EQ(d->namespace_(), std::nullopt);
  EXPECT_THAT(StorageErrorDetail::Make(
                  {.error_type = "io", .operation = "w", .message = "m", .retry_count = -1}),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("retry_count")));
  EXPECT_THAT(StorageErrorDetail::Make(
                  {.error_type = "io", .operation = "w", .message = "m", .retry_count = 0}),
              IsOk());
}

TEST(StorageErrorDetailTest, JsonRoundTripAndStrictness) {
  auto j = nlohmann::json::parse(R"({"error_type":"commit_failed","operation":"commit",
      "table":"a.b","namespace":"a","message":"lost race","retryable":true,"retry_count":3})");
  auto d = StorageErrorDetail::FromJson(j);
  ASSERT_THAT(d, IsOk());
  EXPECT_EQ(d->ToJson(), j);
  EXPECT_EQ(*StorageErrorDetail::FromJson(d->ToJson()), *d);

  j["extra"] = 1;
  EXPECT_THAT(StorageErrorDetail::FromJson(j),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unknown field 'extra'")));
  auto missing = nlohmann::json::parse(R"({"error_type":"x","message":"m"})");
  EXPECT_THAT(StorageErrorDetail::FromJson(missing),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          HasSubstr("StorageErrorDetail.operation: field required")));
  auto wrong = nlohmann::json::parse(R"({"error_type":"x","operation":"o","message":"m",
      "retry_count":"3"})");
  EXPECT_THAT(StorageErrorDetail::FromJson(wrong),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("retry_count: expected an integer")));
  EXPECT_THAT(StorageErrorDetail::FromYaml("error_type: x\noperation: o\nmessage: m\nretry_count: -2\n"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("retry_count must be >= 0")));
}

}  // namespace
}  // namespace floe
