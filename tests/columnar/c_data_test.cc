// Arrow C Data Interface: export then import gives equal values, zero-copy, one release.
#include <gtest/gtest.h>

#include <cstring>

#include "columnar/columnar_test_util.h"
#include "floe/columnar/c_abi.h"
#include "floe/columnar/c_export.h"
#include "floe/columnar/c_import.h"
#include "floe/columnar/compare.h"

namespace floe::columnar {
namespace {

using testing::Int32s;
using testing::IsError;
using testing::IsOk;
using testing::Strings;

// One array with nulls per supported type, built through MakeBuilder's named builders.
std::vector<Array> OneOfEachType() {
  std::vector<Array> out;
  out.push_back(testing::Bools({true, std::nullopt, false, true, false, true, true, false, true}));
  out.push_back(Int32s({1, std::nullopt, -3, 4, 5, 6, 7, 8, 9}));
  out.push_back(testing::Int64s({1LL << 40, std::nullopt, -3}));
  {
    Float32Builder b;
    EXPECT_THAT(b.Append(1.5f), IsOk());
    EXPECT_THAT(b.AppendNull(), IsOk());
    out.push_back(*b.Finish());
  }
  {
    Float64Builder b;
    EXPECT_THAT(b.Append(-2.25), IsOk());
    EXPECT_THAT(b.AppendNull(), IsOk());
    EXPECT_THAT(b.Append(1e300), IsOk());
    out.push_back(*b.Finish());
  }
  {
    Decimal128Builder b(38, 10);
    EXPECT_THAT(b.Append(Decimal128::FromInt64(-12345)), IsOk());
    EXPECT_THAT(b.AppendNull(), IsOk());
    EXPECT_THAT(b.Append(Decimal128::FromInt128(static_cast<__int128>(1) << 100)), IsOk());
    out.push_back(*b.Finish());
  }
  {
    Date32Builder b;
    EXPECT_THAT(b.Append(19000), IsOk());
    EXPECT_THAT(b.AppendNull(), IsOk());
    out.push_back(*b.Finish());
  }
  {
    Time64Builder b;
    EXPECT_THAT(b.Append(86'399'999'999), IsOk());
    EXPECT_THAT(b.AppendNull(), IsOk());
    out.push_back(*b.Finish());
  }
  for (std::string tz : {"", "UTC"}) {
    TimestampBuilder b(tz);
    EXPECT_THAT(b.AppendNull(), IsOk());
    EXPECT_THAT(b.Append(1'700'000'000'123'456), IsOk());
    out.push_back(*b.Finish());
  }
  out.push_back(Strings({"héllo", std::nullopt, "", "world"}));
  {
    BinaryBuilder b;
    EXPECT_THAT(b.Append(std::string_view("\0\1\2", 3)), IsOk());
    EXPECT_THAT(b.AppendNull(), IsOk());
    out.push_back(*b.Finish());
  }
  {
    FixedSizeBinaryBuilder b(DataType::FixedSizeBinary(16));
    EXPECT_THAT(b.Append(std::string(16, '\x11')), IsOk());
    EXPECT_THAT(b.AppendNull(), IsOk());
    EXPECT_THAT(b.Append(std::string(16, '\x22')), IsOk());
    out.push_back(*b.Finish());
  }
  {
    DataType type = DataType::Struct(
        {Field("a", DataType::Int32(), false, 10), Field("b", DataType::String(), true, 11)});
    auto builder = *MakeBuilder(type);
    auto& b = static_cast<StructBuilder&>(*builder);
    for (int i = 0; i < 5; ++i) {
      if (i == 2) {
        EXPECT_THAT(b.AppendNull(), IsOk());
        continue;
      }
      EXPECT_THAT(b.child_as<Int32Builder>(0).Append(i), IsOk());
      EXPECT_THAT(b.child_as<StringBuilder>(1).Append(std::string(static_cast<size_t>(i), 's')),
                  IsOk());
      EXPECT_THAT(b.Append(), IsOk());
    }
    out.push_back(*b.Finish());
  }
  {
    DataType type = DataType::List(Field("element", DataType::Int64(), true, 20));
    auto builder = *MakeBuilder(type);
    auto& b = static_cast<ListBuilder&>(*builder);
    EXPECT_THAT(b.Append(), IsOk());
    EXPECT_THAT(b.value_builder_as<Int64Builder>().Append(1), IsOk());
    EXPECT_THAT(b.value_builder_as<Int64Builder>().AppendNull(), IsOk());
    EXPECT_THAT(b.AppendNull(), IsOk());
    EXPECT_THAT(b.Append(), IsOk());
    EXPECT_THAT(b.Append(), IsOk());
    EXPECT_THAT(b.value_builder_as<Int64Builder>().Append(3), IsOk());
    out.push_back(*b.Finish());
  }
  {
    DataType type = DataType::Map(Field("key", DataType::String(), false, 30),
                                  Field("value", DataType::Float64(), true, 31), true);
    auto builder = *MakeBuilder(type);
    auto& b = static_cast<MapBuilder&>(*builder);
    EXPECT_THAT(b.Append(), IsOk());
    EXPECT_THAT(b.key_builder_as<StringBuilder>().Append("k1"), IsOk());
    EXPECT_THAT(b.item_builder_as<Float64Builder>().Append(1.0), IsOk());
    EXPECT_THAT(b.key_builder_as<StringBuilder>().Append("k2"), IsOk());
    EXPECT_THAT(b.item_builder_as<Float64Builder>().AppendNull(), IsOk());
    EXPECT_THAT(b.AppendNull(), IsOk());
    EXPECT_THAT(b.Append(), IsOk());
    out.push_back(*b.Finish());
  }
  return out;
}

// Wraps an exported array's release so the test can count calls.
struct CountingRelease {
  void (*original)(ArrowArray*);
  void* original_private;
  int* calls;

  static void Release(ArrowArray* array) {
    auto* self = static_cast<CountingRelease*>(array->private_data);
    ++*self->calls;
    array->release = self->original;
    array->private_data = self->original_private;
    array->release(array);
    delete self;
  }
  static void Install(ArrowArray* array, int* calls) {
    auto* self = new CountingRelease{array->release, array->private_data, calls};
    array->release = &Release;
    array->private_data = self;
  }
};

TEST(CDataTest, EveryTypeRoundTripsAndReleasesOnce) {
  for (const Array& original : OneOfEachType()) {
    SCOPED_TRACE(original.type().ToString());
    for (auto [offset, length] : {std::pair<int64_t, int64_t>{0, original.length()},
                                  std::pair<int64_t, int64_t>{1, original.length() - 1}}) {
      const Array array = original.Slice(offset, length);
      ArrowSchema c_schema;
      ArrowArray c_array;
      ASSERT_THAT(ExportType(array.type(), &c_schema), IsOk());
      ASSERT_THAT(ExportArray(array, &c_array), IsOk());
      EXPECT_EQ(c_array.offset, array.offset());
      int releases = 0;
      CountingRelease::Install(&c_array, &releases);
      {
        FLOE_ASSERT_OK_AND_ASSIGN(Array imported, ImportArray(&c_array, &c_schema));
        EXPECT_EQ(c_array.release, nullptr);
        EXPECT_EQ(c_schema.release, nullptr);
        EXPECT_TRUE(imported.type().Equals(array.type()));
        FLOE_EXPECT_ARRAY_EQ(imported, array);
        EXPECT_THAT(imported.ValidateFull(), IsOk());
        if (imported.num_buffers() > 1 && array.buffer(1) != nullptr) {
          EXPECT_EQ(imported.buffer(1)->data(), array.buffer(1)->data());  // zero-copy
        }
        Array keep = imported.Slice(0, length);
        EXPECT_EQ(releases, 0);
        (void)keep;
      }
      EXPECT_EQ(releases, 1);
    }
  }
}

TEST(CDataTest, FormatStringsFollowTheSpec) {
  EXPECT_EQ(ArrowFormatString(DataType::Boolean()), "b");
  EXPECT_EQ(ArrowFormatString(DataType::Int32()), "i");
  EXPECT_EQ(ArrowFormatString(DataType::Int64()), "l");
  EXPECT_EQ(ArrowFormatString(DataType::Float32()), "f");
  EXPECT_EQ(ArrowFormatString(DataType::Float64()), "g");
  EXPECT_EQ(ArrowFormatString(DataType::Decimal128(10, 2)), "d:10,2");
  EXPECT_EQ(ArrowFormatString(DataType::Date32()), "tdD");
  EXPECT_EQ(ArrowFormatString(DataType::Time64()), "ttu");
  EXPECT_EQ(ArrowFormatString(DataType::Timestamp()), "tsu:");
  EXPECT_EQ(ArrowFormatString(DataType::Timestamp("UTC")), "tsu:UTC");
  EXPECT_EQ(ArrowFormatString(DataType::String()), "u");
  EXPECT_EQ(ArrowFormatString(DataType::Binary()), "z");
  EXPECT_EQ(ArrowFormatString(DataType::FixedSizeBinary(16)), "w:16");
  EXPECT_EQ(ArrowFormatString(DataType::Struct({})), "+s");
  EXPECT_EQ(ArrowFormatString(DataType::List(Field("e", DataType::Int32()))), "+l");
  EXPECT_EQ(ArrowFormatString(
                DataType::Map(Field("k", DataType::Int32()), Field("v", DataType::Int32()))),
            "+m");
  for (std::string_view f : {"b", "i", "l", "f", "g", "d:10,2", "d:38,9,128", "tdD", "ttu",
                             "tsu:", "tsu:UTC", "u", "z", "w:16"}) {
    EXPECT_THAT(ParseArrowFormatString(f), IsOk()) << f;
  }
}

TEST(CDataTest, SchemaRoundTripKeepsFieldIdsMetadataAndFlags) {
  Schema schema(
      {Field("id", DataType::Int64(), false, 1, {{"comment", "primary"}}),
       Field("tags", DataType::List(Field("element", DataType::String(), true, 3)), true, 2),
       Field("props",
             DataType::Map(Field("key", DataType::String(), false, 5),
                           Field("value", DataType::Decimal128(9, 3), true, 6), true),
             true, 4),
       Field("point",
             DataType::Struct({Field("x", DataType::Float64(), false, 8),
                               Field("at", DataType::Timestamp("UTC"), true, 9)}),
             true, 7)},
      {{"iceberg.schema", "{}"}});
  ArrowSchema c;
  ASSERT_THAT(ExportSchema(schema, &c), IsOk());
  EXPECT_STREQ(c.format, "+s");
  ASSERT_EQ(c.n_children, 4);
  EXPECT_EQ(c.children[0]->flags & ARROW_FLAG_NULLABLE, 0);
  EXPECT_EQ(c.children[1]->flags & ARROW_FLAG_NULLABLE, ARROW_FLAG_NULLABLE);
  EXPECT_EQ(c.children[2]->flags & ARROW_FLAG_MAP_KEYS_SORTED, ARROW_FLAG_MAP_KEYS_SORTED);
  EXPECT_STREQ(c.children[2]->children[0]->name, "entries");
  // The field id travels as metadata after the field's own pairs.
  const char* md = c.children[0]->metadata;
  ASSERT_NE(md, nullptr);
  int32_t n;
  std::memcpy(&n, md, 4);
  EXPECT_EQ(n, 2);
  const std::string raw(md, 4 + 4 + 7 + 4 + 7 + 4 + 16 + 4 + 1);
  EXPECT_NE(raw.find("PARQUET:field_id"), std::string::npos);
  FLOE_ASSERT_OK_AND_ASSIGN(Schema back, ImportSchema(&c));
  EXPECT_EQ(c.release, nullptr);
  EXPECT_EQ(back, schema) << back.ToString() << "\nvs\n" << schema.ToString();
  EXPECT_EQ(back.field(0).field_id(), 1);
  EXPECT_EQ(back.field(0).metadata(), (KeyValueMetadata{{"comment", "primary"}}));
}

TEST(CDataTest, RecordBatchRoundTrip) {
  Schema schema(
      {Field("id", DataType::Int32(), false, 1), Field("name", DataType::String(), true, 2)});
  FLOE_ASSERT_OK_AND_ASSIGN(
      RecordBatch batch,
      RecordBatch::Make(schema, {Int32s({1, 2, 3, 4}), Strings({"a", std::nullopt, "c", "d"})}));
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch sliced, batch.Slice(1, 3));
  ArrowArray c_array;
  ArrowSchema c_schema;
  ASSERT_THAT(ExportRecordBatch(sliced, &c_array, &c_schema), IsOk());
  EXPECT_EQ(c_array.length, 3);
  EXPECT_EQ(c_array.n_children, 2);
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch back, ImportRecordBatch(&c_array, &c_schema));
  EXPECT_TRUE(RecordBatchEquals(back, sliced));
}

TEST(CDataTest, ReleaseCopesWithMovedChildren) {
  std::optional<Array> found;
  for (const Array& a : OneOfEachType()) {
    if (a.kind() == TypeKind::kStruct) found = a;
  }
  ASSERT_TRUE(found.has_value());
  const Array points = *found;
  ArrowArray c_array;
  ArrowSchema c_schema;
  ASSERT_THAT(ExportArray(points, &c_array), IsOk());
  ASSERT_THAT(ExportType(points.type(), &c_schema), IsOk());
  // Move child 1 (strings) out of both, as a consumer may, then release the parents.
  ArrowArray moved_array = *c_array.children[1];
  c_array.children[1]->release = nullptr;
  ArrowSchema moved_schema = *c_schema.children[1];
  c_schema.children[1]->release = nullptr;
  c_array.release(&c_array);
  c_schema.release(&c_schema);
  EXPECT_EQ(c_array.release, nullptr);
  // The moved child stays valid on its own.
  FLOE_ASSERT_OK_AND_ASSIGN(Array child, ImportArray(&moved_array, &moved_schema));
  FLOE_EXPECT_ARRAY_EQ(child, points.child(1));
}

// A hand-made producer schema whose strings live in the test.
struct ManualSchema {
  static void Release(ArrowSchema* s) {
    ++*static_cast<int*>(s->private_data);
    s->release = nullptr;
  }
  static ArrowSchema Make(const char* format, int* releases, int64_t n_children = 0,
                          ArrowSchema** children = nullptr) {
    ArrowSchema s{};
    s.format = format;
    s.name = "";
    s.flags = ARROW_FLAG_NULLABLE;
    s.n_children = n_children;
    s.children = children;
    s.release = &Release;
    s.private_data = releases;
    return s;
  }
};

TEST(CDataTest, MalformedFormatStringsAreInvalidArgument) {
  for (const char* format : {"", "x", "ii", "d:", "d:10", "d:a,2", "d:10,2,", "d:99,2",
                             "w:", "w:-1", "w:0", "w:1x", "t", "tsu", "+", "+x", "+s0"}) {
    int releases = 0;
    ArrowSchema s = ManualSchema::Make(format, &releases);
    EXPECT_THAT(ImportType(&s), IsError(ErrorKind::kInvalidArgument)) << "'" << format << "'";
    EXPECT_EQ(releases, 1) << format;
    EXPECT_EQ(s.release, nullptr);
  }
  int releases = 0;
  ArrowSchema null_format = ManualSchema::Make(nullptr, &releases);
  EXPECT_THAT(ImportType(&null_format), IsError(ErrorKind::kInvalidArgument));
  // A list without its child, a map whose child is not a two-field struct.
  ArrowSchema list = ManualSchema::Make("+l", &releases);
  EXPECT_THAT(ImportType(&list), IsError(ErrorKind::kInvalidArgument));
  ArrowSchema int_child = ManualSchema::Make("i", &releases);
  ArrowSchema* children[] = {&int_child};
  ArrowSchema map = ManualSchema::Make("+m", &releases, 1, children);
  EXPECT_THAT(ImportType(&map), IsError(ErrorKind::kInvalidArgument));
  // Negative child count.
  ArrowSchema negative = ManualSchema::Make("+s", &releases, -1);
  EXPECT_THAT(ImportType(&negative), IsError(ErrorKind::kInvalidArgument));
}

TEST(CDataTest, KnownButUnsupportedFormatsAreNotSupported) {
  for (const char* format : {"n", "s", "L", "e", "U", "tsn:", "tdm", "+L", "+w:4", "vu"}) {
    int releases = 0;
    ArrowSchema s = ManualSchema::Make(format, &releases);
    EXPECT_THAT(ImportType(&s), IsError(ErrorKind::kNotSupported)) << format;
    EXPECT_EQ(releases, 1);
  }
}

// A hand-made producer array over test-owned buffers.
struct ManualArray {
  static void Release(ArrowArray* a) {
    ++*static_cast<int*>(a->private_data);
    a->release = nullptr;
  }
};

TEST(CDataTest, ImportedBuffersKeepTheProducerAliveUntilTheLastReference) {
  alignas(8) static const int32_t values[4] = {10, 20, 30, 40};
  const void* buffers[2] = {nullptr, values};
  int releases = 0;
  ArrowArray c{};
  c.length = 3;
  c.offset = 1;
  c.null_count = 0;
  c.n_buffers = 2;
  c.buffers = buffers;
  c.release = &ManualArray::Release;
  c.private_data = &releases;
  FLOE_ASSERT_OK_AND_ASSIGN(Array imported, ImportArray(&c, DataType::Int32()));
  EXPECT_EQ(imported.values<int32_t>().data(), values + 1);
  Array slice = imported.Slice(1, 1);
  imported = Int32s({});
  EXPECT_EQ(releases, 0);
  EXPECT_EQ(slice.values<int32_t>()[0], 30);
  slice = Int32s({});
  EXPECT_EQ(releases, 1);
}

TEST(CDataTest, MalformedArraysAreRejectedAndReleased) {
  alignas(8) static const int32_t values[2] = {1, 2};
  const void* buffers[3] = {nullptr, values, nullptr};
  int releases = 0;
  auto make = [&](int64_t length, int64_t n_buffers, int64_t null_count) {
    ArrowArray c{};
    c.length = length;
    c.null_count = null_count;
    c.n_buffers = n_buffers;
    c.buffers = buffers;
    c.release = &ManualArray::Release;
    c.private_data = &releases;
    return c;
  };
  ArrowArray wrong_buffers = make(2, 3, 0);
  EXPECT_THAT(ImportArray(&wrong_buffers, DataType::Int32()), IsError(ErrorKind::kInvalidArgument));
  ArrowArray negative = make(-2, 2, 0);
  EXPECT_THAT(ImportArray(&negative, DataType::Int32()), IsError(ErrorKind::kInvalidArgument));
  ArrowArray nulls_without_bitmap = make(2, 2, 1);
  EXPECT_THAT(ImportArray(&nulls_without_bitmap, DataType::Int32()),
              IsError(ErrorKind::kInvalidArgument));
  ArrowArray string_without_offsets = make(2, 3, 0);
  buffers[1] = nullptr;
  EXPECT_THAT(ImportArray(&string_without_offsets, DataType::String()),
              IsError(ErrorKind::kInvalidArgument));
  EXPECT_EQ(releases, 4);
  ArrowArray released{};
  EXPECT_THAT(ImportArray(&released, DataType::Int32()), IsError(ErrorKind::kInvalidArgument));
}

TEST(CDataTest, EmptyArraysWithNullBuffersImport) {
  const void* buffers[3] = {nullptr, nullptr, nullptr};
  int releases = 0;
  ArrowArray c{};
  c.n_buffers = 3;
  c.buffers = buffers;
  c.release = &ManualArray::Release;
  c.private_data = &releases;
  FLOE_ASSERT_OK_AND_ASSIGN(Array a, ImportArray(&c, DataType::String()));
  EXPECT_EQ(a.length(), 0);
  EXPECT_THAT(a.ValidateFull(), IsOk());
}

}  // namespace
}  // namespace floe::columnar

namespace floe::columnar {
namespace {

using testing::IsError;
using testing::IsOk;

TEST(CDataImportTest, MisalignedValuesAreCopiedNotMisread) {
  alignas(8) uint8_t bytes[40] = {};
  const int64_t values[2] = {111, -222};
  std::memcpy(bytes + 1, values, sizeof(values));
  const void* buffers[2] = {nullptr, bytes + 1};
  int releases = 0;
  ArrowArray c{};
  c.length = 2;
  c.n_buffers = 2;
  c.buffers = buffers;
  c.release = [](ArrowArray* a) {
    ++*static_cast<int*>(a->private_data);
    a->release = nullptr;
  };
  c.private_data = &releases;
  FLOE_ASSERT_OK_AND_ASSIGN(Array a, ImportArray(&c, DataType::Int64()));
  EXPECT_EQ(a.values<int64_t>()[0], 111);
  EXPECT_EQ(a.values<int64_t>()[1], -222);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a.values<int64_t>().data()) % 8, 0u);
}

TEST(CDataImportTest, RecordBatchWithNullRowsIsRejected) {
  Schema schema({Field("a", DataType::Int32())});
  StructBuilder b(DataType::Struct(schema.fields()), [] {
    std::vector<std::unique_ptr<ArrayBuilder>> children;
    children.push_back(std::make_unique<Int32Builder>());
    return children;
  }());
  ASSERT_THAT(b.AppendNull(), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(Array rows, b.Finish());
  ArrowArray c;
  ASSERT_THAT(ExportArray(rows, &c), IsOk());
  EXPECT_THAT(ImportRecordBatch(&c, schema), IsError(ErrorKind::kInvalidArgument));
  EXPECT_EQ(c.release, nullptr);
}

TEST(CDataImportTest, ArrayImportReleasesTheArrayWhenTheSchemaIsBad) {
  ArrowArray c;
  ASSERT_THAT(ExportArray(testing::Int32s({1}), &c), IsOk());
  ArrowSchema s;
  ASSERT_THAT(ExportType(DataType::Int32(), &s), IsOk());
  s.release(&s);  // a released schema
  EXPECT_THAT(ImportArray(&c, &s), IsError(ErrorKind::kInvalidArgument));
  EXPECT_EQ(c.release, nullptr);
}

}  // namespace
}  // namespace floe::columnar
