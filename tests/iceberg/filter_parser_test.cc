#include "floe/iceberg/filter_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using ::floe::testing::IsErrorWith;
using ::testing::HasSubstr;

std::string Parsed(std::string_view text) {
  auto r = ParseFilter(text);
  if (!r.has_value()) return "error: " + r.error().message();
  return (*r)->ToString();
}

TEST(FilterParserTest, ParsesTheCliExample) {
  EXPECT_EQ(Parsed("ts >= '2024-01-01T00:00:00' and id in (1, 2, 3) and not (name is null or "
                   "name starts with 'tmp')"),
            "((ts >= '2024-01-01T00:00:00' and id in (1, 2, 3)) and not (name is null or name "
            "starts with 'tmp'))");
}

TEST(FilterParserTest, AndBindsTighterThanOr) {
  EXPECT_EQ(Parsed("a = 1 or b = 2 and c = 3"), "(a = 1 or (b = 2 and c = 3))");
  EXPECT_EQ(Parsed("(a = 1 or b = 2) and c = 3"), "((a = 1 or b = 2) and c = 3)");
  EXPECT_EQ(Parsed("not a = 1 and b = 2"), "(not a = 1 and b = 2)");
}

TEST(FilterParserTest, ParsesEveryPredicate) {
  EXPECT_EQ(Parsed("a < 1"), "a < 1");
  EXPECT_EQ(Parsed("a <= -1"), "a <= -1");
  EXPECT_EQ(Parsed("a > 1.50"), "a > 1.50");
  EXPECT_EQ(Parsed("a >= 1e3"), "a >= 1000");
  EXPECT_EQ(Parsed("a == 'it''s'"), "a = 'it's'");
  EXPECT_EQ(Parsed("a != true"), "a != true");
  EXPECT_EQ(Parsed("a <> false"), "a != false");
  EXPECT_EQ(Parsed("a NOT IN ('x')"), "a not in ('x')");
  EXPECT_EQ(Parsed("a is not null"), "a is not null");
  EXPECT_EQ(Parsed("a IS NaN"), "a is nan");
  EXPECT_EQ(Parsed("a is not nan"), "a is not nan");
  EXPECT_EQ(Parsed("a not starts with 'p'"), "a not starts with 'p'");
  EXPECT_EQ(Parsed("\"my col\" = 1 and `loc.x` = 2 and s.t = 3"),
            "((my col = 1 and loc.x = 2) and s.t = 3)");
  EXPECT_EQ(Parsed("true"), "true");
  EXPECT_EQ(Parsed("a = 1 and false"), "false");
}

TEST(FilterParserTest, ErrorsNameThePosition) {
  EXPECT_THAT(ParseFilter("id >"), IsErrorWith(ErrorKind::kInvalidArgument,
                                               HasSubstr("position 5: expected a value, got end "
                                                         "of input")));
  EXPECT_THAT(ParseFilter("id = 1 and"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("position 11")));
  EXPECT_THAT(ParseFilter("(id = 1"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("expected ')'")));
  EXPECT_THAT(
      ParseFilter("name = 'abc"),
      IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("position 8: unterminated quoted text")));
  EXPECT_THAT(ParseFilter("id ~ 3"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("unexpected character '~'")));
  EXPECT_THAT(ParseFilter("id = null"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("use 'is null'")));
  EXPECT_THAT(ParseFilter("id is 3"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("expected 'null' or 'nan'")));
  EXPECT_THAT(ParseFilter("id = 1 id = 2"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("position 8")));
  EXPECT_THAT(ParseFilter("id in ()"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("expected a value")));
  EXPECT_THAT(ParseFilter("x = 1.2.3"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("malformed number")));
  EXPECT_THAT(ParseFilter(""), IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("position 1")));
}

}  // namespace
}  // namespace floe::iceberg
