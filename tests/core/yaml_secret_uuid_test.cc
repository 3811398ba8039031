#include <sstream>

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "floe/core/clock.h"
#include "floe/core/secret_string.h"
#include "floe/core/uuid.h"
#include "floe/core/yaml.h"
#include "support/matchers.h"

namespace floe {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsOk;

TEST(YamlTest, PlainScalarsAreTypedQuotedStayStrings) {
  auto j = YamlToJson(
      "a: 1\nb: 2.5\nc: true\nd: ~\ne: hello\nf: \"7\"\ng: [1, x]\nh: {k: v}\ni: -3\nj: 1e3\n");
  ASSERT_THAT(j, IsOk());
  EXPECT_TRUE((*j)["a"].is_number_integer());
  EXPECT_TRUE((*j)["b"].is_number_float());
  EXPECT_EQ((*j)["c"], true);
  EXPECT_TRUE((*j)["d"].is_null());
  EXPECT_EQ((*j)["e"], "hello");
  EXPECT_EQ((*j)["f"], "7");
  EXPECT_EQ((*j)["g"][0], 1);
  EXPECT_EQ((*j)["g"][1], "x");
  EXPECT_EQ((*j)["h"]["k"], "v");
  EXPECT_EQ((*j)["i"], -3);
  EXPECT_DOUBLE_EQ((*j)["j"].get<double>(), 1000.0);
}

TEST(YamlTest, ErrorsNameTheLine) {
  auto bad = YamlToJson("a: 1\nb: [2\n");
  ASSERT_THAT(bad, IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(bad.error().message(), ::testing::HasSubstr("line"));
  EXPECT_THAT(YamlToJson("a: 1\na: 2\n"), IsError(ErrorKind::kInvalidArgument));
}

TEST(JsonTest, SyntaxErrorDoesNotEchoInput) {
  auto bad = ParseJson(R"({"token": "s3cr3t-value" oops})");
  ASSERT_THAT(bad, IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(bad.error().message(), ::testing::Not(::testing::HasSubstr("s3cr3t")));
}

TEST(JsonTest, NumberTooLargeIsAnErrorNotAnException) {
  EXPECT_THAT(ParseJson(R"({"last-updated-ms": 17434053e02285})"),
              IsError(ErrorKind::kInvalidArgument));
}

TEST(SecretStringTest, NeverShowsItself) {
  SecretString s("hunter2");
  EXPECT_EQ(s.reveal(), "hunter2");
  EXPECT_EQ(s.ToString(), "**********");
  std::ostringstream os;
  os << s;
  EXPECT_EQ(os.str(), "**********");
  EXPECT_EQ(fmt::format("{}", s), "**********");
  EXPECT_EQ(fmt::format("[{:>12}]", s), "[  **********]");
}

TEST(UuidTest, RandomIsVersion4AndRoundTrips) {
  Uuid a = Uuid::Random(), b = Uuid::Random();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.bytes()[6] >> 4, 4);
  EXPECT_EQ(a.bytes()[8] >> 6, 2);
  auto text = a.ToString();
  EXPECT_EQ(text.size(), 36u);
  EXPECT_EQ(*Uuid::Parse(text), a);
  EXPECT_EQ(Uuid::Parse("F79C3E09-677C-4BBD-A479-3F349CB785E7")->ToString(),
            "f79c3e09-677c-4bbd-a479-3f349cb785e7");
  EXPECT_THAT(Uuid::Parse("f79c3e09677c4bbda4793f349cb785e7"), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(Uuid::Parse("g79c3e09-677c-4bbd-a479-3f349cb785e7"),
              IsError(ErrorKind::kInvalidArgument));
}

TEST(ClockTest, ManualClockAdvancesOnlyWhenToldOrSleptOn) {
  ManualClock clock;
  auto t0 = clock.Now();
  clock.SleepFor(std::chrono::seconds(2));
  clock.Advance(std::chrono::milliseconds(5));
  EXPECT_EQ(clock.Now() - t0, std::chrono::milliseconds(2005));
  EXPECT_EQ(clock.sleeps().size(), 1u);
}

}  // namespace
}  // namespace floe

namespace floe {
namespace {

TEST(YamlTest, CoreSchemaScalarForms) {
  auto j = YamlToJson("a: +5\nb: .5\nc: 5.\nd: 1.5e-3\ne: 1e\nf: 1.2.3\ng: 12-\nh: 99999999999999999999\n"
                      "i: NULL\nj: False\nk: 0x1F\n");
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ((*j)["a"], 5);
  EXPECT_DOUBLE_EQ((*j)["b"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ((*j)["c"].get<double>(), 5.0);
  EXPECT_DOUBLE_EQ((*j)["d"].get<double>(), 0.0015);
  EXPECT_EQ((*j)["e"], "1e");
  EXPECT_EQ((*j)["f"], "1.2.3");
  EXPECT_EQ((*j)["g"], "12-");
  EXPECT_EQ((*j)["h"], "99999999999999999999");
  EXPECT_TRUE((*j)["i"].is_null());
  EXPECT_EQ((*j)["j"], false);
  EXPECT_EQ((*j)["k"], "0x1F");
}

}  // namespace
}  // namespace floe

#include <sys/wait.h>
#include <unistd.h>

namespace floe {
namespace {

// A forked child must not repeat the UUIDs its parent's thread would make next.
TEST(UuidForkTest, ChildrenDrawDifferentUuids) {
  (void)Uuid::Random();  // seed this thread's engine before forking
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    std::string text = Uuid::Random().ToString();
    ssize_t n = ::write(fds[1], text.data(), text.size());
    ::_exit(n == static_cast<ssize_t>(text.size()) ? 0 : 1);
  }
  std::string parent = Uuid::Random().ToString();
  char buf[36];
  ssize_t got = ::read(fds[0], buf, sizeof(buf));
  int status = 0;
  ::waitpid(pid, &status, 0);
  ::close(fds[0]);
  ::close(fds[1]);
  ASSERT_EQ(got, 36);
  EXPECT_NE(std::string(buf, 36), parent);
}

}  // namespace
}  // namespace floe
