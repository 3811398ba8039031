#include "floe/iceberg/literal.h"

#include <gtest/gtest.h>

#include "floe/iceberg/temporal_internal.h"
#include "iceberg/test_util.h"

namespace floe::iceberg {
namespace {

using testing::ErrorOf;
using testing::ValueOrDie;

TEST(LiteralTest, CarriesTypeAndValue) {
  EXPECT_TRUE(Literal::Null().is_null());
  EXPECT_EQ(Literal::Date(17486).type_id(), TypeId::kDate);
  EXPECT_EQ(Literal::Date(17486).int_value(), 17486);
  EXPECT_EQ(Literal::Timestamp(5).long_value(), 5);
  // Same physical value, different types: not equal.
  EXPECT_FALSE(Literal::Int(1) == Literal::Date(1));
  EXPECT_FALSE(Literal::Fixed({1}) == Literal::Binary({1}));
  EXPECT_EQ(Literal::Decimal(1420, 2), Literal::Decimal(1420, 2));
  EXPECT_FALSE(Literal::Decimal(1420, 2) == Literal::Decimal(1420, 3));
}

TEST(LiteralTest, ToString) {
  EXPECT_EQ(Literal::Null().ToString(), "null");
  EXPECT_EQ(Literal::Int(-34).ToString(), "-34");
  EXPECT_EQ(Literal::Decimal(1420, 2).ToString(), "14.20");
  EXPECT_EQ(Literal::Date(17486).ToString(), "2017-11-16");
  EXPECT_EQ(Literal::Time(81068000001).ToString(), "22:31:08.000001");
  EXPECT_EQ(Literal::TimestampTz(0).ToString(), "1970-01-01T00:00:00+00:00");
  EXPECT_EQ(Literal::String("iceberg").ToString(), "'iceberg'");
  EXPECT_EQ(Literal::Binary({0, 1, 255}).ToString(), "X'0001ff'");
}

TEST(LiteralTest, DecimalText) {
  EXPECT_EQ(DecimalToString(1420, 2), "14.20");
  EXPECT_EQ(DecimalToString(-5, 2), "-0.05");
  EXPECT_EQ(DecimalToString(0, 3), "0.000");
  EXPECT_EQ(DecimalToString(120, 0), "120");
  Int128 max38 = 0;
  for (int i = 0; i < 38; ++i) max38 = max38 * 10 + 9;
  EXPECT_EQ(DecimalToString(-max38, 10), "-9999999999999999999999999999.9999999999");
  EXPECT_EQ(ValueOrDie(ParseDecimal("14.20")), Literal::Decimal(1420, 2));
  EXPECT_EQ(ValueOrDie(ParseDecimal("-0.05")), Literal::Decimal(-5, 2));
  EXPECT_EQ(ValueOrDie(ParseDecimal("7")), Literal::Decimal(7, 0));
  EXPECT_EQ(ValueOrDie(ParseDecimal("-9999999999999999999999999999.9999999999")),
            Literal::Decimal(-max38, 10));
  EXPECT_EQ(ErrorOf(ParseDecimal("1.2.3")).kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(ErrorOf(ParseDecimal("")).kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(ErrorOf(ParseDecimal("1e5")).kind(), ErrorKind::kInvalidArgument);
}

TEST(TemporalTest, CivilDatesRoundTrip) {
  using internal::CivilFromDays;
  using internal::DaysFromCivil;
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2017, 11, 16), 17486);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  for (int64_t d = -800000; d <= 800000; d += 97) {
    auto c = CivilFromDays(d);
    ASSERT_EQ(DaysFromCivil(c.year, c.month, c.day), d);
    ASSERT_EQ(internal::ParseDate(internal::FormatDate(d)), d) << internal::FormatDate(d);
  }
  EXPECT_EQ(internal::FormatDate(DaysFromCivil(-1, 1, 1)), "-0001-01-01");
  EXPECT_EQ(internal::FormatDate(DaysFromCivil(12000, 1, 1)), "+12000-01-01");
  EXPECT_FALSE(internal::ParseDate("2023-02-29").has_value());
  EXPECT_TRUE(internal::ParseDate("2024-02-29").has_value());
  EXPECT_FALSE(internal::ParseDate("2024-1-01").has_value());
  EXPECT_EQ(internal::ParseTimestamp("1970-01-01T00:00:01.5", false), 1'500'000);
  EXPECT_EQ(internal::ParseTimestamp("1970-01-01T00:00:01Z", true), 1'000'000);
  EXPECT_FALSE(internal::ParseTimestamp("1970-01-01T00:00:01", true).has_value());
  EXPECT_FALSE(internal::ParseTimeOfDay("24:00:00").has_value());
}

}  // namespace
}  // namespace floe::iceberg
