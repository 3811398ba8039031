#include "floe/format/avro/datum_encoding.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

#include "floe/format/avro/datum_json.h"

namespace floe::avro {
namespace {

using Bytes = std::vector<uint8_t>;

std::shared_ptr<const Schema> MustParse(const std::string& text) {
  auto schema = Schema::Parse(text);
  EXPECT_TRUE(schema.has_value()) << schema.error();
  return schema.value();
}

Bytes Encode(const Node& node, const Datum& datum) {
  Bytes out;
  Encoder e(&out);
  auto s = WriteDatum(node, datum, e);
  EXPECT_TRUE(s.has_value()) << s.error();
  return out;
}

Datum Decode(const Node& node, const Bytes& bytes) {
  Decoder d(bytes);
  auto r = ReadDatum(node, d);
  EXPECT_TRUE(r.has_value()) << r.error();
  EXPECT_TRUE(d.empty());
  Decoder skipper(bytes);
  EXPECT_TRUE(SkipDatum(node, skipper).has_value());
  EXPECT_TRUE(skipper.empty());
  return r.has_value() ? *r : Datum();
}

constexpr const char* kAllTypes = R"({"type": "record", "name": "all", "fields": [
  {"name": "n", "type": "null"},
  {"name": "b", "type": "boolean"},
  {"name": "i", "type": "int"},
  {"name": "l", "type": "long"},
  {"name": "f", "type": "float"},
  {"name": "d", "type": "double"},
  {"name": "by", "type": "bytes"},
  {"name": "s", "type": "string"},
  {"name": "e", "type": {"type": "enum", "name": "color", "symbols": ["RED", "GREEN"]}},
  {"name": "fx", "type": {"type": "fixed", "name": "four", "size": 4}},
  {"name": "a", "type": {"type": "array", "items": "long"}},
  {"name": "m", "type": {"type": "map", "values": ["null", "string"]}},
  {"name": "u", "type": ["null", "long", "string", "all"]},
  {"name": "nested", "type": {"type": "array", "items": {"type": "map", "values": "int"}}}
]})";

Datum SampleAll(int64_t seed) {
  return Datum::Record({
      Datum::Null(),
      Datum::Boolean(seed % 2 == 0),
      Datum::Int(static_cast<int32_t>(-seed * 1000)),
      Datum::Long((int64_t{1} << 53) + seed),
      Datum::Float(1.5f * static_cast<float>(seed)),
      Datum::Double(-0.25 * static_cast<double>(seed)),
      Datum::Bytes({0x00, 0xff, static_cast<uint8_t>(seed)}),
      Datum::String("row " + std::to_string(seed)),
      Datum::Enum(static_cast<int32_t>(seed % 2)),
      Datum::Fixed({1, 2, 3, static_cast<uint8_t>(seed)}),
      Datum::Array({Datum::Long(std::numeric_limits<int64_t>::min()), Datum::Long(seed)}),
      Datum::Map({{"a", Datum::String("x")}, {"b", Datum::Null()}}),
      seed % 3 == 0 ? Datum::Null() : Datum::Long(seed),
      Datum::Array({Datum::Map({{"k", Datum::Int(1)}}), Datum::Map({})}),
  });
}

TEST(AvroDatumTest, RoundTripsEveryType) {
  auto schema = MustParse(kAllTypes);
  for (int64_t seed = 0; seed < 6; ++seed) {
    Datum in = SampleAll(seed);
    Datum out = Decode(schema->root(), Encode(schema->root(), in));
    EXPECT_EQ(out, in) << DatumToJson(schema->root(), out).dump();
  }
}

TEST(AvroDatumTest, RecursiveRecordsRoundTrip) {
  auto schema = MustParse(kAllTypes);
  Datum inner = SampleAll(1);
  Datum outer = SampleAll(2);
  outer.mutable_fields()[12] = inner;
  Datum out = Decode(schema->root(), Encode(schema->root(), outer));
  EXPECT_EQ(out, outer);
  EXPECT_EQ(out.fields()[12].union_branch(), 3);
}

TEST(AvroDatumTest, UnionsPickTheBranchThatFits) {
  auto schema = MustParse(R"(["null", "int", "long", "string"])");
  const Node& u = schema->root();
  EXPECT_EQ(Encode(u, Datum::Null()), (Bytes{0x00}));
  EXPECT_EQ(Encode(u, Datum::Int(1)), (Bytes{0x02, 0x02}));
  EXPECT_EQ(Encode(u, Datum::Long(1)), (Bytes{0x04, 0x02}));
  EXPECT_EQ(Encode(u, Datum::String("a")), (Bytes{0x06, 0x02, 'a'}));
  EXPECT_EQ(Encode(u, Datum::Int(1).WithBranch(2)), (Bytes{0x04, 0x02}));
  Datum back = Decode(u, Bytes{0x04, 0x02});
  EXPECT_EQ(back.kind(), Datum::Kind::kLong);
  EXPECT_EQ(back.union_branch(), 2);
}

TEST(AvroDatumTest, WritesSmallValuesWithSpecBytes) {
  auto schema = MustParse(R"({"type": "record", "name": "r", "fields": [
    {"name": "a", "type": {"type": "array", "items": "long"}},
    {"name": "m", "type": {"type": "map", "values": "boolean"}},
    {"name": "e", "type": {"type": "array", "items": "int"}}]})");
  Datum r = Datum::Record({Datum::Array({Datum::Long(3), Datum::Long(27)}),
                           Datum::Map({{"k", Datum::Boolean(true)}}), Datum::Array({})});
  EXPECT_EQ(Encode(schema->root(), r), (Bytes{0x04, 0x06, 0x36, 0x00,       // [3, 27]
                                              0x02, 0x02, 'k', 0x01, 0x00,  // {"k": true}
                                              0x00}));                      // []
}

TEST(AvroDatumTest, ReadsBlocksWithNegativeCounts) {
  auto schema = MustParse(R"({"type": "map", "values": "long"})");
  // Two blocks: -1 entries with a 3-byte size, then 1 entry, then the end.
  Bytes b = {0x01, 0x06, 0x02, 'a', 0x02, 0x02, 0x02, 'b', 0x04, 0x00};
  Datum m = Decode(schema->root(), b);
  ASSERT_EQ(m.map_entries().size(), 2u);
  EXPECT_EQ(m.map_entries()[0].first, "a");
  EXPECT_EQ(m.map_entries()[0].second.long_value(), 1);
  EXPECT_EQ(m.map_entries()[1].first, "b");
  EXPECT_EQ(m.map_entries()[1].second.long_value(), 2);
}

TEST(AvroDatumTest, WriteRejectsValuesThatDoNotFit) {
  auto schema = MustParse(kAllTypes);
  Bytes out;
  Encoder e(&out);
  Datum wrong = SampleAll(1);
  wrong.mutable_fields()[2] = Datum::String("not an int");
  auto s = WriteDatum(schema->root(), wrong, e);
  ASSERT_FALSE(s.has_value());
  EXPECT_EQ(s.error().kind(), ErrorKind::kInvalidArgument);
  EXPECT_NE(s.error().message().find("field i"), std::string::npos) << s.error();

  Datum bad_fixed = SampleAll(1);
  bad_fixed.mutable_fields()[9] = Datum::Fixed({1, 2});
  EXPECT_FALSE(WriteDatum(schema->root(), bad_fixed, e).has_value());
  Datum bad_enum = SampleAll(1);
  bad_enum.mutable_fields()[8] = Datum::Enum(2);
  EXPECT_FALSE(WriteDatum(schema->root(), bad_enum, e).has_value());
  EXPECT_FALSE(WriteDatum(schema->root(), Datum::Record({}), e).has_value());
  auto u = MustParse(R"(["null", "string"])");
  EXPECT_FALSE(WriteDatum(u->root(), Datum::Long(1), e).has_value());
}

TEST(AvroDatumTest, ReadRejectsEveryTruncation) {
  auto schema = MustParse(kAllTypes);
  Bytes full = Encode(schema->root(), SampleAll(4));
  for (size_t cut = 0; cut < full.size(); ++cut) {
    Bytes prefix(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(cut));
    Decoder d(prefix);
    auto r = ReadDatum(schema->root(), d);
    ASSERT_FALSE(r.has_value()) << cut;
    EXPECT_EQ(r.error().kind(), ErrorKind::kCorruptFile);
    Decoder s(prefix);
    EXPECT_FALSE(SkipDatum(schema->root(), s).has_value()) << cut;
  }
}

TEST(AvroDatumTest, HostileNestingAndCountsFailCleanly) {
  auto list = MustParse(R"({"type": "record", "name": "L", "fields": [
    {"name": "next", "type": ["null", "L"]}]})");
  Bytes deep(100000, 0x02);  // branch 1 forever: deeper than any stack should go
  Decoder d(deep);
  auto r = ReadDatum(list->root(), d);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind(), ErrorKind::kCorruptFile);

  auto nulls = MustParse(R"({"type": "array", "items": "null"})");
  Bytes many;
  Encoder e(&many);
  for (int i = 0; i < 1000; ++i) e.WriteLong(int64_t{1} << 19);  // 2^19 nulls per block, often
  e.WriteBlockEnd();
  Decoder d2(many);
  auto r2 = ReadDatum(nulls->root(), d2);
  ASSERT_FALSE(r2.has_value());
  EXPECT_EQ(r2.error().kind(), ErrorKind::kCorruptFile);
  Decoder d3(many);
  EXPECT_FALSE(SkipDatum(nulls->root(), d3).has_value());
}

TEST(AvroDatumTest, JsonShowsValuesByName) {
  auto schema = MustParse(kAllTypes);
  nlohmann::json j = DatumToJson(schema->root(), SampleAll(1));
  EXPECT_EQ(j["l"], (int64_t{1} << 53) + 1);
  EXPECT_EQ(j["e"], "GREEN");
  EXPECT_EQ(j["by"], std::string("\x00\xc3\xbf\x01", 4));
  EXPECT_EQ(j["m"]["a"], "x");
  EXPECT_TRUE(j["m"]["b"].is_null());
  EXPECT_EQ(j["u"], 1);
  EXPECT_EQ(j["nested"][0]["k"], 1);
}

}  // namespace
}  // namespace floe::avro
