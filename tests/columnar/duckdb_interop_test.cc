// Interop with a C Data Interface implementation floe did not write: DuckDB's libduckdb.so (the
// one the npm package @duckdb/node-bindings-linux-x64 ships under tests/interop/node_modules).
//
// The library is loaded at run time with dlopen, so the build needs no DuckDB; the tests skip,
// saying so, when it is absent (set FLOE_DUCKDB_LIB to point at another copy). Only DuckDB's
// documented C API entry points for Arrow are used; their signatures are declared here.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "columnar/columnar_test_util.h"
#include "floe/columnar/c_abi.h"
#include "floe/columnar/c_export.h"
#include "floe/columnar/c_import.h"

namespace floe::columnar {
namespace {

using testing::IsOk;

// DuckDB's C API as function pointers; handles are opaque pointers, states 0 = success.
struct DuckDbApi {
  int (*open)(const char*, void**);
  int (*connect)(void*, void**);
  int (*query_arrow)(void*, const char*, void**);
  int (*query_arrow_schema)(void*, void**);
  int (*query_arrow_array)(void*, void**);
  const char* (*query_arrow_error)(void*);
  void (*destroy_arrow)(void**);
  int (*arrow_array_scan)(void*, const char*, void*, void*, void**);
  void (*destroy_arrow_stream)(void**);
  void (*disconnect)(void**);
  void (*close)(void**);
};

std::string LibraryPath() {
  if (const char* env = std::getenv("FLOE_DUCKDB_LIB")) return env;
  std::filesystem::path source = std::filesystem::path(__FILE__).parent_path().parent_path();
  if (const char* env = std::getenv("FLOE_SOURCE_DIR"))
    source = std::filesystem::path(env) / "tests";
  return (source / "interop/node_modules/@duckdb/node-bindings-linux-x64/libduckdb.so").string();
}

// Loads the library once per process; nullptr when it is not there.
const DuckDbApi* LoadDuckDb() {
  static const DuckDbApi* api = []() -> const DuckDbApi* {
    const std::string path = LibraryPath();
    if (!std::filesystem::exists(path)) return nullptr;
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) return nullptr;
    auto* a = new DuckDbApi();
    bool ok = true;
    auto load = [&](auto& fn, const char* name) {
      void* symbol = dlsym(handle, name);
      ok = ok && symbol != nullptr;
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(symbol);
    };
    load(a->open, "duckdb_open");
    load(a->connect, "duckdb_connect");
    load(a->query_arrow, "duckdb_query_arrow");
    load(a->query_arrow_schema, "duckdb_query_arrow_schema");
    load(a->query_arrow_array, "duckdb_query_arrow_array");
    load(a->query_arrow_error, "duckdb_query_arrow_error");
    load(a->destroy_arrow, "duckdb_destroy_arrow");
    load(a->arrow_array_scan, "duckdb_arrow_array_scan");
    load(a->destroy_arrow_stream, "duckdb_destroy_arrow_stream");
    load(a->disconnect, "duckdb_disconnect");
    load(a->close, "duckdb_close");
    return ok ? a : nullptr;
  }();
  return api;
}

class DuckDbInteropTest : public ::testing::Test {
 protected:
  void SetUp() override {
    api_ = LoadDuckDb();
    if (api_ == nullptr) GTEST_SKIP() << "libduckdb.so not found at " << LibraryPath();
    ASSERT_EQ(api_->open(nullptr, &db_), 0);
    ASSERT_EQ(api_->connect(db_, &con_), 0);
  }
  void TearDown() override {
    if (api_ == nullptr) return;
    if (con_ != nullptr) api_->disconnect(&con_);
    if (db_ != nullptr) api_->close(&db_);
  }

  // Runs `sql` and imports DuckDB's Arrow result into floe batches.
  Result<std::vector<RecordBatch>> Query(const std::string& sql, Schema* schema_out) {
    void* result = nullptr;
    if (api_->query_arrow(con_, sql.c_str(), &result) != 0) {
      std::string message = api_->query_arrow_error(result);
      api_->destroy_arrow(&result);
      return InvalidArgument("duckdb: {}", message);
    }
    ArrowSchema c_schema{};
    ArrowSchema* schema_pointer = &c_schema;
    if (api_->query_arrow_schema(result, reinterpret_cast<void**>(&schema_pointer)) != 0) {
      api_->destroy_arrow(&result);
      return Internal("duckdb: no schema");
    }
    auto schema = ImportSchema(&c_schema);
    if (!schema) {
      api_->destroy_arrow(&result);
      return schema.error();
    }
    std::vector<RecordBatch> batches;
    while (true) {
      ArrowArray c_array{};
      ArrowArray* array_pointer = &c_array;
      if (api_->query_arrow_array(result, reinterpret_cast<void**>(&array_pointer)) != 0) break;
      if (c_array.release == nullptr) break;  // no more chunks
      auto batch = ImportRecordBatch(&c_array, *schema);
      if (!batch) {
        api_->destroy_arrow(&result);
        return batch.error();
      }
      batches.push_back(*std::move(batch));
    }
    api_->destroy_arrow(&result);
    *schema_out = *schema;
    return batches;
  }

  const DuckDbApi* api_ = nullptr;
  void* db_ = nullptr;
  void* con_ = nullptr;
};

TEST_F(DuckDbInteropTest, ImportsDuckDbArraysOfEveryType) {
  Schema schema;
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto batches,
      Query("SELECT * FROM (VALUES "
            "(1, 10::BIGINT, 1.5::FLOAT, 2.25::DOUBLE, true, 123.45::DECIMAL(10,2), "
            " DATE '2022-01-01', TIME '12:34:56.123456', TIMESTAMP '2023-11-14 22:13:20.123456', "
            " 'hello', '\\x00\\x01'::BLOB, [1, NULL, 3], {'a': 1, 'b': 'x'}, "
            " MAP {'k1': 1.0::DOUBLE, 'k2': NULL}), "
            "(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)"
            ") t(i, l, f, d, b, dec, dt, tm, ts, s, bl, li, st, m)",
            &schema));
  ASSERT_EQ(batches.size(), 1u);
  const RecordBatch& batch = batches[0];
  ASSERT_EQ(batch.num_rows(), 2);
  const std::vector<TypeKind> kinds = {
      TypeKind::kInt32,     TypeKind::kInt64,      TypeKind::kFloat32, TypeKind::kFloat64,
      TypeKind::kBoolean,   TypeKind::kDecimal128, TypeKind::kDate32,  TypeKind::kTime64,
      TypeKind::kTimestamp, TypeKind::kString,     TypeKind::kBinary,  TypeKind::kList,
      TypeKind::kStruct,    TypeKind::kMap};
  ASSERT_EQ(schema.num_fields(), static_cast<int>(kinds.size()));
  for (int c = 0; c < batch.num_columns(); ++c) {
    EXPECT_EQ(schema.field(c).type().kind(), kinds[static_cast<size_t>(c)]) << c;
    EXPECT_TRUE(batch.column(c).IsNull(1)) << c;
    EXPECT_THAT(batch.column(c).ValidateFull(), IsOk()) << c;
  }
  EXPECT_EQ(batch.column(0).values<int32_t>()[0], 1);
  EXPECT_EQ(batch.column(1).values<int64_t>()[0], 10);
  EXPECT_EQ(batch.column(2).values<float>()[0], 1.5f);
  EXPECT_EQ(batch.column(3).values<double>()[0], 2.25);
  EXPECT_TRUE(batch.column(4).GetBool(0));
  EXPECT_EQ(schema.field(5).type(), DataType::Decimal128(10, 2));
  EXPECT_TRUE(batch.column(5).values<Decimal128>()[0] == Decimal128::FromInt64(12345));
  EXPECT_EQ(batch.column(6).values<int32_t>()[0], 18993);
  EXPECT_EQ(batch.column(7).values<int64_t>()[0], 45296123456);
  EXPECT_EQ(batch.column(8).values<int64_t>()[0], 1700000000123456);
  EXPECT_EQ(schema.field(8).type().timezone(), "");
  EXPECT_EQ(batch.column(9).GetView(0), "hello");
  EXPECT_EQ(batch.column(10).GetView(0), std::string_view("\0\1", 2));
  EXPECT_EQ(batch.column(11).ToString(), "[[1, null, 3], null]");
  EXPECT_EQ(batch.column(12).ToString(), "[{a: 1, b: \"x\"}, null]");
  EXPECT_EQ(batch.column(13).ToString(), "[{\"k1\": 1, \"k2\": null}, null]");
}

TEST_F(DuckDbInteropTest, DuckDbReadsExportedBatches) {
  // Every floe type with a null, exported zero-copy and scanned by DuckDB.
  Schema schema({Field("i", DataType::Int32()), Field("l", DataType::Int64()),
                 Field("f", DataType::Float32()), Field("d", DataType::Float64()),
                 Field("b", DataType::Boolean()), Field("dec", DataType::Decimal128(10, 2)),
                 Field("dt", DataType::Date32()), Field("tm", DataType::Time64()),
                 Field("ts", DataType::Timestamp()), Field("tstz", DataType::Timestamp("UTC")),
                 Field("s", DataType::String()), Field("bl", DataType::Binary()),
                 Field("fx", DataType::FixedSizeBinary(2)),
                 Field("li", DataType::List(Field("element", DataType::Int32()))),
                 Field("st", DataType::Struct(
                                 {Field("a", DataType::Int32()), Field("b", DataType::String())})),
                 Field("m", DataType::Map(Field("key", DataType::String()),
                                          Field("value", DataType::Int64())))});
  std::vector<Array> columns;
  for (const Field& field : schema.fields()) {
    FLOE_ASSERT_OK_AND_ASSIGN(auto builder, MakeBuilder(field.type()));
    ArrayBuilder* b = builder.get();
    ASSERT_THAT(b->AppendNull(), IsOk());  // a leading row that the slice below drops
    switch (field.type().kind()) {
      case TypeKind::kInt32:
        ASSERT_THAT(static_cast<Int32Builder*>(b)->Append(-7), IsOk());
        break;
      case TypeKind::kInt64:
        ASSERT_THAT(static_cast<Int64Builder*>(b)->Append(1LL << 40), IsOk());
        break;
      case TypeKind::kFloat32:
        ASSERT_THAT(static_cast<Float32Builder*>(b)->Append(0.5f), IsOk());
        break;
      case TypeKind::kFloat64:
        ASSERT_THAT(static_cast<Float64Builder*>(b)->Append(-3.25), IsOk());
        break;
      case TypeKind::kBoolean:
        ASSERT_THAT(static_cast<BooleanBuilder*>(b)->Append(true), IsOk());
        break;
      case TypeKind::kDecimal128:
        ASSERT_THAT(static_cast<Decimal128Builder*>(b)->Append(Decimal128::FromInt64(-12345)),
                    IsOk());
        break;
      case TypeKind::kDate32:
        ASSERT_THAT(static_cast<Date32Builder*>(b)->Append(18993), IsOk());
        break;
      case TypeKind::kTime64:
        ASSERT_THAT(static_cast<Time64Builder*>(b)->Append(45296123456), IsOk());
        break;
      case TypeKind::kTimestamp:
        ASSERT_THAT(static_cast<TimestampBuilder*>(b)->Append(1700000000123456), IsOk());
        break;
      case TypeKind::kString:
        ASSERT_THAT(static_cast<StringBuilder*>(b)->Append("héllo"), IsOk());
        break;
      case TypeKind::kBinary:
        ASSERT_THAT(static_cast<BinaryBuilder*>(b)->Append("AB"), IsOk());
        break;
      case TypeKind::kFixedSizeBinary:
        ASSERT_THAT(static_cast<FixedSizeBinaryBuilder*>(b)->Append("CD"), IsOk());
        break;
      case TypeKind::kList: {
        auto* list = static_cast<ListBuilder*>(b);
        ASSERT_THAT(list->Append(), IsOk());
        ASSERT_THAT(list->value_builder_as<Int32Builder>().Append(1), IsOk());
        ASSERT_THAT(list->value_builder_as<Int32Builder>().AppendNull(), IsOk());
        ASSERT_THAT(list->value_builder_as<Int32Builder>().Append(3), IsOk());
        break;
      }
      case TypeKind::kStruct: {
        auto* st = static_cast<StructBuilder*>(b);
        ASSERT_THAT(st->child_as<Int32Builder>(0).Append(5), IsOk());
        ASSERT_THAT(st->child_as<StringBuilder>(1).Append("x"), IsOk());
        ASSERT_THAT(st->Append(), IsOk());
        break;
      }
      case TypeKind::kMap: {
        auto* m = static_cast<MapBuilder*>(b);
        ASSERT_THAT(m->Append(), IsOk());
        ASSERT_THAT(m->key_builder_as<StringBuilder>().Append("k"), IsOk());
        ASSERT_THAT(m->item_builder_as<Int64Builder>().Append(9), IsOk());
        break;
      }
    }
    ASSERT_THAT(b->AppendNull(), IsOk());
    FLOE_ASSERT_OK_AND_ASSIGN(Array column, b->Finish());
    columns.push_back(std::move(column));
  }
  // Sliced, so DuckDB must honor each column's offset (bit offset 1 in every bitmap).
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch full, RecordBatch::Make(schema, columns));
  FLOE_ASSERT_OK_AND_ASSIGN(RecordBatch batch, full.Slice(1, 2));
  ArrowArray c_array;
  ArrowSchema c_schema;
  ASSERT_THAT(ExportRecordBatch(batch, &c_array, &c_schema), IsOk());
  void* stream = nullptr;
  ASSERT_EQ(api_->arrow_array_scan(con_, "floe_batch", &c_schema, &c_array, &stream), 0);

  Schema result_schema;
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto batches,
      Query("SELECT i::VARCHAR, l::VARCHAR, f::VARCHAR, d::VARCHAR, b::VARCHAR, dec::VARCHAR, "
            "dt::VARCHAR, tm::VARCHAR, epoch_us(ts)::VARCHAR, epoch_us(tstz)::VARCHAR, s, "
            "bl::VARCHAR, fx::VARCHAR, li::VARCHAR, st::VARCHAR, m::VARCHAR FROM floe_batch",
            &result_schema));
  api_->destroy_arrow_stream(&stream);
  // DuckDB scanned through no-op releases; the arrays are still ours to release.
  ASSERT_NE(c_array.release, nullptr);
  c_array.release(&c_array);
  c_schema.release(&c_schema);

  ASSERT_EQ(batches.size(), 1u);
  const RecordBatch& out = batches[0];
  ASSERT_EQ(out.num_rows(), 2);
  const std::vector<std::string> expected = {"-7",
                                             "1099511627776",
                                             "0.5",
                                             "-3.25",
                                             "true",
                                             "-123.45",
                                             "2022-01-01",
                                             "12:34:56.123456",
                                             "1700000000123456",
                                             "1700000000123456",
                                             "héllo",
                                             "AB",
                                             "CD",
                                             "[1, NULL, 3]",
                                             "{'a': 5, 'b': x}",
                                             "{k=9}"};
  ASSERT_EQ(out.num_columns(), static_cast<int>(expected.size()));
  for (int c = 0; c < out.num_columns(); ++c) {
    ASSERT_EQ(out.column(c).kind(), TypeKind::kString) << c;
    EXPECT_EQ(out.column(c).GetView(0), expected[static_cast<size_t>(c)]) << schema.field(c).name();
    EXPECT_TRUE(out.column(c).IsNull(1)) << schema.field(c).name();
  }
}

}  // namespace
}  // namespace floe::columnar
