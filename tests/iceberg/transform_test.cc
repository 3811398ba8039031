#include "floe/iceberg/transform.h"

#include <gtest/gtest.h>

#include <vector>

#include "floe/iceberg/bound_transform.h"
#include "floe/iceberg/murmur3_internal.h"
#include "floe/iceberg/temporal_internal.h"
#include "iceberg/test_util.h"

namespace floe::iceberg {
namespace {

using testing::ErrorOf;
using testing::ValueOrDie;

constexpr int64_t kMicrosPerSecond = 1'000'000;
// 2017-11-16 and 22:31:08, the spec's example date and time.
constexpr int32_t kDay = 17486;
constexpr int64_t kTimeMicros = (22 * 3600 + 31 * 60 + 8) * kMicrosPerSecond;
constexpr int64_t kTsMicros = int64_t{kDay} * 86400 * kMicrosPerSecond + kTimeMicros;

Literal::UuidBytes SpecUuid() {
  return {0xF7, 0x9C, 0x3E, 0x09, 0x67, 0x7C, 0x4B, 0xBD,
          0xA4, 0x79, 0x3F, 0x34, 0x9C, 0xB7, 0x85, 0xE7};
}

int32_t HashString(std::string_view s) { return internal::HashBytes(s); }

// Appendix B, every row of both tables.
TEST(TransformHashTest, MatchesSpecAppendixB) {
  using internal::HashLong;
  EXPECT_EQ(HashLong(34), 2017239379);                 // int 34
  EXPECT_EQ(HashLong(34L), 2017239379);                // long 34L
  EXPECT_EQ(internal::HashDecimal(1420), -500754589);  // decimal 14.20
  EXPECT_EQ(HashLong(kDay), -653330422);               // date 2017-11-16
  EXPECT_EQ(HashLong(kTimeMicros), -662762989);        // time 22:31:08
  EXPECT_EQ(HashLong(kTsMicros), -2047944441);         // timestamp(tz)
  EXPECT_EQ(HashLong(kTsMicros + 1), -1207196810);     // ... .000001
  EXPECT_EQ(HashString("iceberg"), 1210000089);
  auto uuid = SpecUuid();
  EXPECT_EQ(internal::Murmur3Hash32(uuid.data(), uuid.size()), 1488055340);
  const uint8_t bytes[] = {0, 1, 2, 3};
  EXPECT_EQ(internal::Murmur3Hash32(bytes, 4), -188683207);  // fixed and binary
  // Types not valid for bucketing, hashed as the spec says.
  EXPECT_EQ(HashLong(1), 1392991556);  // boolean true = hashInt(1)
  EXPECT_EQ(internal::HashDouble(static_cast<double>(1.0F)), -142385009);
  EXPECT_EQ(internal::HashDouble(static_cast<double>(0.0F)), 1669671676);
  EXPECT_EQ(internal::HashDouble(static_cast<double>(-0.0F)), 1669671676);
  EXPECT_EQ(internal::HashDouble(1.0), -142385009);
  EXPECT_EQ(internal::HashDouble(0.0), 1669671676);
  EXPECT_EQ(internal::HashDouble(-0.0), 1669671676);
  EXPECT_EQ(internal::HashDouble(std::numeric_limits<double>::quiet_NaN()),
            internal::HashDouble(-std::numeric_limits<double>::quiet_NaN()));
}

TEST(TransformHashTest, DecimalUsesMinimalTwosComplementBytes) {
  uint8_t out[16];
  EXPECT_EQ(internal::MinimalBigEndian(0, out), 1u);
  EXPECT_EQ(out[0], 0x00);
  EXPECT_EQ(internal::MinimalBigEndian(1420, out), 2u);
  EXPECT_EQ(out[0], 0x05);
  EXPECT_EQ(out[1], 0x8C);
  EXPECT_EQ(internal::MinimalBigEndian(128, out), 2u);  // 0x00 0x80: the sign needs a byte
  EXPECT_EQ(internal::MinimalBigEndian(-1, out), 1u);
  EXPECT_EQ(out[0], 0xFF);
  EXPECT_EQ(internal::MinimalBigEndian(-129, out), 2u);
  EXPECT_EQ(out[0], 0xFF);
  EXPECT_EQ(out[1], 0x7F);
}

// Bucket of every accepted type equals (hash & Integer.MAX_VALUE) % N of the spec's hashes.
TEST(TransformTest, BucketMatchesSpecVectors) {
  auto bucket = [](int32_t n, const Literal& v) {
    return ValueOrDie(ValueOrDie(Transform::Bucket(n)).Apply(v)).int_value();
  };
  auto expect = [](int32_t hash, int32_t n) { return (hash & 0x7fffffff) % n; };
  for (int32_t n : {1, 7, 16, 100, 1024}) {
    EXPECT_EQ(bucket(n, Literal::Int(34)), expect(2017239379, n));
    EXPECT_EQ(bucket(n, Literal::Long(34)), expect(2017239379, n));
    EXPECT_EQ(bucket(n, Literal::Decimal(1420, 2)), expect(-500754589, n));
    EXPECT_EQ(bucket(n, Literal::Date(kDay)), expect(-653330422, n));
    EXPECT_EQ(bucket(n, Literal::Time(kTimeMicros)), expect(-662762989, n));
    EXPECT_EQ(bucket(n, Literal::Timestamp(kTsMicros)), expect(-2047944441, n));
    EXPECT_EQ(bucket(n, Literal::Timestamp(kTsMicros + 1)), expect(-1207196810, n));
    EXPECT_EQ(bucket(n, Literal::TimestampTz(kTsMicros)), expect(-2047944441, n));
    EXPECT_EQ(bucket(n, Literal::TimestampTz(kTsMicros + 1)), expect(-1207196810, n));
    EXPECT_EQ(bucket(n, Literal::TimestampNs(kTsMicros * 1000)), expect(-2047944441, n));
    EXPECT_EQ(bucket(n, Literal::TimestampNs(kTsMicros * 1000 + 1001)), expect(-1207196810, n));
    EXPECT_EQ(bucket(n, Literal::TimestampTzNs(kTsMicros * 1000 + 1001)), expect(-1207196810, n));
    EXPECT_EQ(bucket(n, Literal::String("iceberg")), expect(1210000089, n));
    EXPECT_EQ(bucket(n, Literal::Uuid(SpecUuid())), expect(1488055340, n));
    EXPECT_EQ(bucket(n, Literal::Fixed({0, 1, 2, 3})), expect(-188683207, n));
    EXPECT_EQ(bucket(n, Literal::Binary({0, 1, 2, 3})), expect(-188683207, n));
  }
  // The spec's promotion caveat: 34 and "34" land in different buckets.
  EXPECT_EQ(HashString("34"), -427558391);
  EXPECT_EQ(ValueOrDie(ValueOrDie(Transform::Bucket(16)).Apply(Literal::Null())), Literal::Null());
}

TEST(TransformTest, TruncateMatchesSpecExamples) {
  auto t10 = ValueOrDie(Transform::Truncate(10));
  EXPECT_EQ(ValueOrDie(t10.Apply(Literal::Int(1))), Literal::Int(0));
  EXPECT_EQ(ValueOrDie(t10.Apply(Literal::Int(-1))), Literal::Int(-10));
  EXPECT_EQ(ValueOrDie(t10.Apply(Literal::Long(1))), Literal::Long(0));
  EXPECT_EQ(ValueOrDie(t10.Apply(Literal::Long(-1))), Literal::Long(-10));
  EXPECT_EQ(ValueOrDie(t10.Apply(Literal::Int(10))), Literal::Int(10));
  EXPECT_EQ(ValueOrDie(t10.Apply(Literal::Int(-10))), Literal::Int(-10));
  EXPECT_EQ(ValueOrDie(t10.Apply(Literal::Long(-11))), Literal::Long(-20));
  // decimal W=50, scale 2: 10.65 -> 10.50; negative values round down too.
  auto t50 = ValueOrDie(Transform::Truncate(50));
  EXPECT_EQ(ValueOrDie(t50.Apply(Literal::Decimal(1065, 2))), Literal::Decimal(1050, 2));
  EXPECT_EQ(ValueOrDie(t50.Apply(Literal::Decimal(-1065, 2))), Literal::Decimal(-1100, 2));
  auto t3 = ValueOrDie(Transform::Truncate(3));
  EXPECT_EQ(ValueOrDie(t3.Apply(Literal::String("iceberg"))), Literal::String("ice"));
  EXPECT_EQ(ValueOrDie(t3.Apply(Literal::String("ic"))), Literal::String("ic"));
  EXPECT_EQ(ValueOrDie(t3.Apply(Literal::Binary({1, 2, 3, 4, 5}))), Literal::Binary({1, 2, 3}));
}

TEST(TransformTest, StringTruncateCountsCodePoints) {
  auto t2 = ValueOrDie(Transform::Truncate(2));
  // Three-byte and four-byte UTF-8 sequences are one code point each.
  EXPECT_EQ(ValueOrDie(t2.Apply(Literal::String("\xE3\x82\xA4\xE3\x83\xAD\xE3\x83\x8F"))),
            Literal::String("\xE3\x82\xA4\xE3\x83\xAD"));
  EXPECT_EQ(ValueOrDie(t2.Apply(Literal::String("\xF0\x9F\x98\x80\xF0\x9F\x98\x81x"))),
            Literal::String("\xF0\x9F\x98\x80\xF0\x9F\x98\x81"));
  EXPECT_EQ(ValueOrDie(t2.Apply(Literal::String("a\xC3\xA9z"))), Literal::String("a\xC3\xA9"));
}

TEST(TransformTest, TimeTransforms) {
  // 2017-11-16T22:31:08: 47 years, 574 months, 17486 days, 419686 hours since the epoch.
  auto ts = Literal::Timestamp(kTsMicros);
  EXPECT_EQ(ValueOrDie(Transform::Year().Apply(ts)), Literal::Int(47));
  EXPECT_EQ(ValueOrDie(Transform::Month().Apply(ts)), Literal::Int(47 * 12 + 10));
  EXPECT_EQ(ValueOrDie(Transform::Day().Apply(ts)), Literal::Date(kDay));
  EXPECT_EQ(ValueOrDie(Transform::Hour().Apply(ts)), Literal::Int(kDay * 24 + 22));
  EXPECT_EQ(ValueOrDie(Transform::Year().Apply(Literal::Date(kDay))), Literal::Int(47));
  EXPECT_EQ(ValueOrDie(Transform::Month().Apply(Literal::Date(kDay))), Literal::Int(574));
  EXPECT_EQ(ValueOrDie(Transform::Day().Apply(Literal::TimestampNs(kTsMicros * 1000 + 5))),
            Literal::Date(kDay));
  // Before 1970, values round down: 1969-12-31T23:59:59.999999 is in 1969, December, day -1,
  // hour -1.
  auto before = Literal::Timestamp(-1);
  EXPECT_EQ(ValueOrDie(Transform::Year().Apply(before)), Literal::Int(-1));
  EXPECT_EQ(ValueOrDie(Transform::Month().Apply(before)), Literal::Int(-1));
  EXPECT_EQ(ValueOrDie(Transform::Day().Apply(before)), Literal::Date(-1));
  EXPECT_EQ(ValueOrDie(Transform::Hour().Apply(before)), Literal::Int(-1));
  EXPECT_EQ(ValueOrDie(Transform::Void().Apply(ts)), Literal::Null());
  EXPECT_EQ(ValueOrDie(Transform::Identity().Apply(ts)), ts);
}

TEST(TransformTest, ParsesAndPrintsSpecStrings) {
  for (const char* s :
       {"identity", "bucket[16]", "truncate[4]", "year", "month", "day", "hour", "void"}) {
    EXPECT_EQ(ValueOrDie(Transform::FromString(s)).ToString(), s);
  }
  EXPECT_EQ(ValueOrDie(Transform::FromString("bucket[16]")).param(), 16);
  EXPECT_EQ(ValueOrDie(Transform::FromString("truncate[4]")).kind(), TransformKind::kTruncate);
  auto unknown = ValueOrDie(Transform::FromString("zorder"));
  EXPECT_TRUE(unknown.is_unknown());
  EXPECT_EQ(unknown.ToString(), "zorder");
  EXPECT_FALSE(unknown.CanTransform(*PrimitiveType::Int()));
  for (const char* bad : {"bucket[]", "bucket[x]", "bucket[0]", "truncate[-1]", "bucket[16"}) {
    EXPECT_EQ(ErrorOf(Transform::FromString(bad)).kind(), ErrorKind::kInvalidArgument) << bad;
  }
}

TEST(TransformTest, SourceAndResultTypes) {
  auto dec = ValueOrDie(PrimitiveType::Decimal(9, 2));
  auto bucket = ValueOrDie(Transform::Bucket(4));
  auto truncate = ValueOrDie(Transform::Truncate(4));
  EXPECT_TRUE(bucket.CanTransform(*dec));
  EXPECT_FALSE(bucket.CanTransform(*PrimitiveType::Float()));
  EXPECT_FALSE(bucket.CanTransform(*PrimitiveType::Boolean()));
  EXPECT_TRUE(truncate.CanTransform(*PrimitiveType::String()));
  EXPECT_FALSE(truncate.CanTransform(*PrimitiveType::Date()));
  EXPECT_FALSE(truncate.CanTransform(*PrimitiveType::Uuid()));
  EXPECT_FALSE(Transform::Hour().CanTransform(*PrimitiveType::Date()));
  EXPECT_TRUE(Transform::Day().CanTransform(*PrimitiveType::TimestampTzNs()));
  EXPECT_FALSE(Transform::Year().CanTransform(*PrimitiveType::Long()));
  EXPECT_TRUE(Transform::Identity().CanTransform(*PrimitiveType::Double()));
  auto list = ValueOrDie(ListType::Make(1, PrimitiveType::Int(), true));
  EXPECT_FALSE(Transform::Identity().CanTransform(*list));
  EXPECT_TRUE(Transform::Void().CanTransform(*list));

  EXPECT_EQ(*ValueOrDie(bucket.ResultType(PrimitiveType::String())), *PrimitiveType::Int());
  EXPECT_EQ(*ValueOrDie(truncate.ResultType(dec)), *dec);
  EXPECT_EQ(*ValueOrDie(Transform::Day().ResultType(PrimitiveType::Timestamp())),
            *PrimitiveType::Date());
  EXPECT_EQ(*ValueOrDie(Transform::Month().ResultType(PrimitiveType::Date())),
            *PrimitiveType::Int());
  EXPECT_EQ(ErrorOf(Transform::Hour().ResultType(PrimitiveType::Date())).message(),
            "transform hour cannot be applied to date");
  EXPECT_EQ(ErrorOf(bucket.Apply(Literal::Double(1.0))).kind(), ErrorKind::kInvalidArgument);
}

TEST(TransformTest, HumanStrings) {
  int32_t day = static_cast<int32_t>(internal::DaysFromCivil(2024, 1, 1));
  EXPECT_EQ(Transform::Year().ToHumanString(Literal::Int(54)), "2024");
  EXPECT_EQ(Transform::Month().ToHumanString(Literal::Int(54 * 12)), "2024-01");
  EXPECT_EQ(Transform::Day().ToHumanString(Literal::Date(day)), "2024-01-01");
  EXPECT_EQ(Transform::Hour().ToHumanString(Literal::Int(day * 24 + 10)), "2024-01-01-10");
  EXPECT_EQ(Transform::Month().ToHumanString(Literal::Int(-1)), "1969-12");
  EXPECT_EQ(Transform::Hour().ToHumanString(Literal::Int(-1)), "1969-12-31-23");
  EXPECT_EQ(ValueOrDie(Transform::Bucket(8)).ToHumanString(Literal::Int(3)), "3");
  EXPECT_EQ(Transform::Identity().ToHumanString(Literal::Null()), "null");
  EXPECT_EQ(Transform::Identity().ToHumanString(Literal::String("a b")), "a b");
  EXPECT_EQ(Transform::Identity().ToHumanString(Literal::Decimal(1420, 2)), "14.20");
  EXPECT_EQ(Transform::Identity().ToHumanString(Literal::Decimal(-5, 2)), "-0.05");
  EXPECT_EQ(Transform::Identity().ToHumanString(Literal::Timestamp(kTsMicros + 1)),
            "2017-11-16T22:31:08.000001");
  EXPECT_EQ(Transform::Identity().ToHumanString(Literal::TimestampTz(kTsMicros)),
            "2017-11-16T22:31:08+00:00");
  EXPECT_EQ(Transform::Identity().ToHumanString(Literal::Time(kTimeMicros)), "22:31:08");
  EXPECT_EQ(Transform::Identity().ToHumanString(Literal::Uuid(SpecUuid())),
            "f79c3e09-677c-4bbd-a479-3f349cb785e7");
  EXPECT_EQ(Transform::Identity().ToHumanString(Literal::Binary({0, 1, 2, 3})), "AAECAw==");
  EXPECT_EQ(Transform::Identity().ToHumanString(Literal::Double(1.0)), "1.0");
  EXPECT_EQ(Transform::Identity().ToHumanString(Literal::Boolean(true)), "true");
}

TEST(TransformTest, HumanStringsParseBack) {
  auto ts = PrimitiveType::Timestamp();
  auto dec = ValueOrDie(PrimitiveType::Decimal(9, 2));
  struct Case {
    Transform transform;
    TypePtr source;
    Literal value;
  };
  std::vector<Case> cases = {
      {Transform::Year(), ts, Literal::Int(54)},
      {Transform::Year(), ts, Literal::Int(-3)},
      {Transform::Month(), ts, Literal::Int(648)},
      {Transform::Month(), PrimitiveType::Date(), Literal::Int(-13)},
      {Transform::Day(), ts, Literal::Date(19723)},
      {Transform::Hour(), ts, Literal::Int(19723 * 24 + 10)},
      {ValueOrDie(Transform::Bucket(16)), PrimitiveType::String(), Literal::Int(3)},
      {ValueOrDie(Transform::Truncate(10)), PrimitiveType::Long(), Literal::Long(-20)},
      {Transform::Identity(), PrimitiveType::String(), Literal::String("a/b c")},
      {Transform::Identity(), dec, Literal::Decimal(-1420, 2)},
      {Transform::Identity(), PrimitiveType::Date(), Literal::Date(-400)},
      {Transform::Identity(), ts, Literal::Timestamp(kTsMicros + 1)},
      {Transform::Identity(), PrimitiveType::TimestampTz(), Literal::TimestampTz(-1)},
      {Transform::Identity(), PrimitiveType::Time(), Literal::Time(kTimeMicros + 120)},
      {Transform::Identity(), PrimitiveType::Uuid(), Literal::Uuid(SpecUuid())},
      {Transform::Identity(), PrimitiveType::Binary(), Literal::Binary({0, 1, 2, 3, 4})},
      {Transform::Identity(), PrimitiveType::Boolean(), Literal::Boolean(false)},
      {Transform::Identity(), PrimitiveType::Double(), Literal::Double(2.5)},
      {Transform::Identity(), PrimitiveType::Int(), Literal::Null()},
  };
  for (const auto& c : cases) {
    std::string text = c.transform.ToHumanString(c.value);
    auto back = c.transform.FromHumanString(text, *c.source);
    ASSERT_TRUE(back.has_value()) << text << ": " << back.error().ToString();
    EXPECT_EQ(*back, c.value) << c.transform.ToString() << " " << text;
  }
  EXPECT_EQ(ErrorOf(Transform::Day().FromHumanString("2024-02-30", *ts)).kind(),
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(ErrorOf(Transform::Hour().FromHumanString("2024-01-01-24", *ts)).kind(),
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(ErrorOf(ValueOrDie(Transform::Bucket(4)).FromHumanString("4", *ts)).kind(),
            ErrorKind::kInvalidArgument);
}

TEST(BoundTransformTest, VectorizedMatchesScalar) {
  std::vector<int64_t> micros = {kTsMicros, kTsMicros + 1, -1, 0, 1'700'000'000'000'000};
  std::vector<int32_t> out(micros.size());
  auto check = [&](const Transform& t, auto make) {
    auto bt = ValueOrDie(BoundTransform::Bind(t, PrimitiveType::Timestamp()));
    ASSERT_TRUE(bt.Apply(std::span<const int64_t>(micros), std::span<int32_t>(out)));
    for (size_t i = 0; i < micros.size(); ++i) {
      Literal expected = ValueOrDie(t.Apply(Literal::Timestamp(micros[i])));
      EXPECT_EQ(make(out[i]), expected) << t.ToString() << " " << micros[i];
    }
  };
  // Powers of two take a mask, other counts a remainder.
  for (int32_t n : {1, 2, 10, 16, 1000, 1024}) {
    check(ValueOrDie(Transform::Bucket(n)), [](int32_t v) { return Literal::Int(v); });
  }
  check(Transform::Year(), [](int32_t v) { return Literal::Int(v); });
  check(Transform::Month(), [](int32_t v) { return Literal::Int(v); });
  check(Transform::Day(), [](int32_t v) { return Literal::Date(v); });
  check(Transform::Hour(), [](int32_t v) { return Literal::Int(v); });

  std::vector<int32_t> ints = {34, -1, 1, 0, 2147483647};
  std::vector<int32_t> int_out(ints.size());
  auto bucket =
      ValueOrDie(BoundTransform::Bind(ValueOrDie(Transform::Bucket(16)), PrimitiveType::Int()));
  ASSERT_TRUE(bucket.Apply(std::span<const int32_t>(ints), std::span<int32_t>(int_out)));
  EXPECT_EQ(int_out[0], (2017239379 & 0x7fffffff) % 16);
  auto trunc =
      ValueOrDie(BoundTransform::Bind(ValueOrDie(Transform::Truncate(10)), PrimitiveType::Int()));
  ASSERT_TRUE(trunc.Apply(std::span<const int32_t>(ints), std::span<int32_t>(int_out)));
  EXPECT_EQ(int_out, (std::vector<int32_t>{30, -10, 0, 0, 2147483640}));

  std::vector<std::string_view> strings = {"iceberg", "ic", "", "\xE2\x82\xAC\xE2\x82\xAC"};
  std::vector<std::string_view> truncated(strings.size());
  auto strunc =
      ValueOrDie(BoundTransform::Bind(ValueOrDie(Transform::Truncate(1)), PrimitiveType::String()));
  ASSERT_TRUE(strunc.Apply(std::span<const std::string_view>(strings),
                           std::span<std::string_view>(truncated)));
  EXPECT_EQ(truncated, (std::vector<std::string_view>{"i", "i", "", "\xE2\x82\xAC"}));
  std::vector<int32_t> sbuckets(strings.size());
  auto sbucket = ValueOrDie(
      BoundTransform::Bind(ValueOrDie(Transform::Bucket(1000)), PrimitiveType::String()));
  ASSERT_TRUE(
      sbucket.Apply(std::span<const std::string_view>(strings), std::span<int32_t>(sbuckets)));
  EXPECT_EQ(sbuckets[0], (1210000089 & 0x7fffffff) % 1000);

  std::vector<__int128> decimals = {1420};
  std::vector<int32_t> dbuckets(1);
  auto dbucket = ValueOrDie(BoundTransform::Bind(ValueOrDie(Transform::Bucket(100)),
                                                 ValueOrDie(PrimitiveType::Decimal(9, 2))));
  ASSERT_TRUE(dbucket.Apply(std::span<const __int128>(decimals), std::span<int32_t>(dbuckets)));
  EXPECT_EQ(dbuckets[0], (-500754589 & 0x7fffffff) % 100);
}

TEST(BoundTransformTest, RefusesMismatchedSpans) {
  EXPECT_EQ(ErrorOf(BoundTransform::Bind(Transform::Hour(), PrimitiveType::Date())).kind(),
            ErrorKind::kInvalidArgument);
  auto year = ValueOrDie(BoundTransform::Bind(Transform::Year(), PrimitiveType::Timestamp()));
  std::vector<int32_t> in = {1};
  std::vector<int32_t> out(1);
  auto r = year.Apply(std::span<const int32_t>(in), std::span<int32_t>(out));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(),
            "transform year of timestamp does not map int32 values to int32 values");
  std::vector<int64_t> longs = {1, 2};
  EXPECT_FALSE(year.Apply(std::span<const int64_t>(longs), std::span<int32_t>(out)));
  EXPECT_TRUE(
      ValueOrDie(BoundTransform::Bind(Transform::Void(), PrimitiveType::Int())).result_is_null());
}

}  // namespace
}  // namespace floe::iceberg
