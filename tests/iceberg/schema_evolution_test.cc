#include "floe/iceberg/schema_evolution.h"

#include <gtest/gtest.h>

#include "iceberg/test_util.h"

namespace floe::iceberg {
namespace {

using testing::ErrorOf;
using testing::ValueOrDie;

TypePtr Decimal(int p, int s) { return ValueOrDie(PrimitiveType::Decimal(p, s)); }

TEST(SchemaEvolutionTest, AllowedPromotions) {
  EXPECT_TRUE(IsPromotionAllowed(*PrimitiveType::Int(), *PrimitiveType::Long()));
  EXPECT_TRUE(IsPromotionAllowed(*PrimitiveType::Float(), *PrimitiveType::Double()));
  EXPECT_TRUE(IsPromotionAllowed(*Decimal(9, 2), *Decimal(18, 2)));
  EXPECT_TRUE(IsPromotionAllowed(*PrimitiveType::String(), *PrimitiveType::String()));
  EXPECT_FALSE(IsPromotionAllowed(*PrimitiveType::Long(), *PrimitiveType::Int()));
  EXPECT_FALSE(IsPromotionAllowed(*PrimitiveType::Int(), *PrimitiveType::String()));
  EXPECT_FALSE(IsPromotionAllowed(*PrimitiveType::Int(), *PrimitiveType::Double()));
  EXPECT_FALSE(IsPromotionAllowed(*Decimal(9, 2), *Decimal(18, 3)));
  EXPECT_FALSE(IsPromotionAllowed(*Decimal(18, 2), *Decimal(9, 2)));
  EXPECT_FALSE(IsPromotionAllowed(*PrimitiveType::Date(), *PrimitiveType::Timestamp()));
  EXPECT_FALSE(IsPromotionAllowed(*PrimitiveType::Unknown(), *PrimitiveType::Int()));
}

Schema Base() {
  auto loc =
      ValueOrDie(StructType::Make({NestedField::Required(3, "lat", PrimitiveType::Float()),
                                   NestedField::Required(4, "lon", PrimitiveType::Float())}));
  return ValueOrDie(Schema::Make(
      0,
      {NestedField::Required(1, "id", PrimitiveType::Int()), NestedField::Optional(2, "loc", loc)},
      {1}));
}

TEST(SchemaEvolutionTest, AddColumnTakesFreshIdsAndIsOptional) {
  int32_t last = 10;  // ids up to 10 were used once, even if since dropped
  auto tags = ValueOrDie(ListType::Make(
      0,
      ValueOrDie(StructType::Make({NestedField::Required(100, "k", PrimitiveType::String()),
                                   NestedField::Required(101, "v", PrimitiveType::String())})),
      true));
  Schema s = ValueOrDie(AddColumn(Base(), "", "tags", tags, &last));
  EXPECT_EQ(last, 14);
  EXPECT_EQ(s.schema_id(), 1);
  const NestedField* f = ValueOrDie(s.FindFieldByName("tags"));
  EXPECT_EQ(f->id(), 11);
  EXPECT_TRUE(f->optional());
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("tags.element"))->id(), 12);
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("tags.element.k"))->id(), 13);
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("tags.element.v"))->id(), 14);

  Schema nested = ValueOrDie(AddColumn(s, "loc", "alt", PrimitiveType::Double(), &last));
  EXPECT_EQ(ValueOrDie(nested.FindFieldByName("loc.alt"))->id(), 15);
  Schema in_list = ValueOrDie(AddColumn(nested, "tags", "w", PrimitiveType::Int(), &last));
  EXPECT_EQ(ValueOrDie(in_list.FindFieldByName("tags.element.w"))->id(), 16);

  EXPECT_EQ(ErrorOf(AddColumn(Base(), "", "id", PrimitiveType::Int(), &last)).message(),
            "column 'id' already exists");
  EXPECT_EQ(ErrorOf(AddColumn(Base(), "id", "x", PrimitiveType::Int(), &last)).message(),
            "cannot add column 'x' to 'id', which is not a struct");
  int32_t too_low = 1;
  EXPECT_EQ(ErrorOf(AddColumn(Base(), "", "x", PrimitiveType::Int(), &too_low)).kind(),
            ErrorKind::kInvalidArgument);
  EXPECT_EQ(too_low, 1);
}

TEST(SchemaEvolutionTest, AssignFreshIdsNumbersFieldsThenChildren) {
  int32_t last = 0;
  Schema s = ValueOrDie(AssignFreshIds(Base(), 5, &last));
  EXPECT_EQ(last, 4);
  EXPECT_EQ(s.schema_id(), 5);
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("id"))->id(), 1);
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("loc"))->id(), 2);
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("loc.lat"))->id(), 3);
  EXPECT_EQ(s.identifier_field_ids(), std::vector<int32_t>{1});
  last = 100;
  Schema t = ValueOrDie(AssignFreshIds(Base(), 0, &last));
  EXPECT_EQ(ValueOrDie(t.FindFieldByName("loc.lon"))->id(), 104);
  EXPECT_EQ(t.identifier_field_ids(), std::vector<int32_t>{101});
}

TEST(SchemaEvolutionTest, RenameKeepsIds) {
  Schema s = ValueOrDie(RenameColumn(Base(), "loc.lat", "latitude"));
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("loc.latitude"))->id(), 3);
  EXPECT_EQ(ErrorOf(s.FindFieldByName("loc.lat")).kind(), ErrorKind::kNotFound);
  EXPECT_EQ(ErrorOf(RenameColumn(Base(), "loc.lat", "lon")).message(),
            "struct has two fields named 'lon'");
  EXPECT_EQ(ErrorOf(RenameColumn(Base(), "nope", "x")).kind(), ErrorKind::kNotFound);
}

TEST(SchemaEvolutionTest, MakeOptionalAndPromote) {
  Schema s = ValueOrDie(MakeColumnOptional(Base(), "loc.lon"));
  EXPECT_TRUE(ValueOrDie(s.FindFieldByName("loc.lon"))->optional());
  // An identifier field must stay required.
  EXPECT_EQ(ErrorOf(MakeColumnOptional(Base(), "id")).message(),
            "identifier field 'id' must be required");
  Schema p = ValueOrDie(PromoteColumn(Base(), "loc.lat", PrimitiveType::Double()));
  EXPECT_EQ(*ValueOrDie(p.FindFieldByName("loc.lat"))->type(), *PrimitiveType::Double());
  EXPECT_EQ(ErrorOf(PromoteColumn(Base(), "id", PrimitiveType::String())).message(),
            "column 'id': cannot change int to string");
}

TEST(SchemaEvolutionTest, UnionWithSameSchemaIsEmpty) {
  auto plan = ValueOrDie(UnionByName(Base(), Base(), 4));
  EXPECT_TRUE(plan.empty());
  EXPECT_EQ(plan.schema, Base());
  EXPECT_EQ(plan.last_column_id, 4);
}

TEST(SchemaEvolutionTest, UnionAddsPromotesAndRelaxes) {
  // Incoming: ids are arbitrary; columns match by name. id widened to long, loc.lat optional,
  // new nested loc.alt, new required top-level struct "meta" (added as optional), loc.lon left out.
  auto loc = ValueOrDie(StructType::Make({NestedField::Optional(7, "lat", PrimitiveType::Double()),
                                          NestedField::Required(8, "alt", PrimitiveType::Int())}));
  auto meta =
      ValueOrDie(StructType::Make({NestedField::Required(1, "source", PrimitiveType::String())}));
  Schema incoming = ValueOrDie(Schema::Make(
      5, {NestedField::Required(9, "id", PrimitiveType::Long()),
          NestedField::Optional(2, "loc", loc), NestedField::Required(3, "meta", meta)}));
  auto plan = ValueOrDie(UnionByName(Base(), incoming, 6));
  ASSERT_FALSE(plan.empty());
  EXPECT_EQ(plan.schema.schema_id(), 1);
  EXPECT_EQ(plan.last_column_id, 9);

  ASSERT_EQ(plan.added.size(), 2u);
  EXPECT_EQ(plan.added[0].name, "loc.alt");
  EXPECT_EQ(plan.added[0].field_id, 7);
  EXPECT_EQ(plan.added[1].name, "meta");
  EXPECT_EQ(plan.added[1].field_id, 8);
  ASSERT_EQ(plan.promoted.size(), 2u);
  EXPECT_EQ(plan.promoted[0].name, "id");
  EXPECT_EQ(*plan.promoted[0].to, *PrimitiveType::Long());
  EXPECT_EQ(plan.promoted[1].name, "loc.lat");
  ASSERT_EQ(plan.made_optional.size(), 1u);
  EXPECT_EQ(plan.made_optional[0].name, "loc.lat");

  const Schema& s = plan.schema;
  EXPECT_EQ(s.identifier_field_ids(), std::vector<int32_t>{1});
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("id"))->id(), 1);
  EXPECT_EQ(*ValueOrDie(s.FindFieldByName("id"))->type(), *PrimitiveType::Long());
  EXPECT_TRUE(ValueOrDie(s.FindFieldByName("loc.lat"))->optional());
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("loc.lon"))->id(), 4);  // kept
  EXPECT_TRUE(ValueOrDie(s.FindFieldByName("loc.alt"))->optional());
  EXPECT_TRUE(ValueOrDie(s.FindFieldByName("meta"))->optional());
  EXPECT_EQ(ValueOrDie(s.FindFieldByName("meta.source"))->id(), 9);
  EXPECT_TRUE(ValueOrDie(s.FindFieldByName("meta.source"))->required());
}

TEST(SchemaEvolutionTest, UnionNamesEveryIncompatibleColumn) {
  Schema current =
      ValueOrDie(Schema::Make(0, {NestedField::Optional(1, "x", PrimitiveType::Long()),
                                  NestedField::Optional(2, "y", PrimitiveType::String()),
                                  NestedField::Optional(3, "z", PrimitiveType::Int())}));
  Schema incoming =
      ValueOrDie(Schema::Make(0, {NestedField::Optional(1, "x", PrimitiveType::Int()),
                                  NestedField::Optional(2, "y", PrimitiveType::Long()),
                                  NestedField::Optional(3, "z", PrimitiveType::Long())}));
  auto e = ErrorOf(UnionByName(current, incoming, 3));
  EXPECT_EQ(e.kind(), ErrorKind::kInvalidArgument);
  EXPECT_EQ(e.message(),
            "column 'x': cannot change long to int; column 'y': cannot change string to long");
}

TEST(SchemaEvolutionTest, UnionRefusesEachKindOfIncompatibility) {
  auto list = ValueOrDie(ListType::Make(10, PrimitiveType::Int(), true));
  auto list_long = ValueOrDie(ListType::Make(11, PrimitiveType::String(), true));
  auto map = ValueOrDie(MapType::Make(12, PrimitiveType::String(), 13, PrimitiveType::Int(), true));
  auto strct = ValueOrDie(StructType::Make({NestedField::Optional(14, "a", PrimitiveType::Int())}));
  Schema current = ValueOrDie(Schema::Make(
      0,
      {NestedField::Optional(1, "dec", Decimal(9, 2)),
       NestedField::Optional(2, "f", PrimitiveType::Double()), NestedField::Optional(3, "l", list),
       NestedField::Optional(4, "m", map), NestedField::Optional(5, "s", strct),
       NestedField::Optional(6, "d", PrimitiveType::Date())}));
  Schema incoming =
      ValueOrDie(Schema::Make(0, {NestedField::Optional(1, "dec", Decimal(10, 3)),
                                  NestedField::Optional(2, "f", PrimitiveType::Float()),
                                  NestedField::Optional(3, "l", list_long),
                                  NestedField::Optional(4, "m", PrimitiveType::String()),
                                  NestedField::Optional(5, "s", list),
                                  NestedField::Optional(6, "d", PrimitiveType::Timestamp())}));
  EXPECT_EQ(ErrorOf(UnionByName(current, incoming, 14)).message(),
            "column 'dec': cannot change decimal(9,2) to decimal(10,3); "
            "column 'f': cannot change double to float; "
            "column 'l.element': cannot change int to string; "
            "column 'm': cannot change map<string, int> to string; "
            "column 's': cannot change struct<14: a: optional int> to list<int>; "
            "column 'd': cannot change date to timestamp");
}

TEST(SchemaEvolutionTest, UnionRelaxesListElementsAndMapValues) {
  auto list = ValueOrDie(ListType::Make(2, PrimitiveType::Int(), true));
  auto map = ValueOrDie(MapType::Make(4, PrimitiveType::String(), 5, PrimitiveType::Int(), true));
  Schema current = ValueOrDie(
      Schema::Make(0, {NestedField::Optional(1, "l", list), NestedField::Optional(3, "m", map)}));
  auto list_opt = ValueOrDie(ListType::Make(20, PrimitiveType::Long(), false));
  auto map_opt =
      ValueOrDie(MapType::Make(21, PrimitiveType::String(), 22, PrimitiveType::Long(), false));
  Schema incoming = ValueOrDie(Schema::Make(
      0, {NestedField::Optional(1, "l", list_opt), NestedField::Optional(3, "m", map_opt)}));
  auto plan = ValueOrDie(UnionByName(current, incoming, 5));
  ASSERT_EQ(plan.made_optional.size(), 2u);
  EXPECT_EQ(plan.made_optional[0].name, "l.element");
  EXPECT_EQ(plan.made_optional[1].name, "m.value");
  ASSERT_EQ(plan.promoted.size(), 2u);
  EXPECT_EQ(plan.schema.FindFieldById(2)->type()->ToString(), "long");
  EXPECT_FALSE(plan.schema.FindFieldById(5)->required());
  EXPECT_TRUE(plan.added.empty());
  EXPECT_EQ(plan.last_column_id, 5);
}

}  // namespace
}  // namespace floe::iceberg
