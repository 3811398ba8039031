// Helpers for the Parquet tests: a schema with every type floe writes, random batches of it with
// a chosen share of nulls, and write/read round trips in memory.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "floe/columnar/builder.h"
#include "floe/columnar/compare.h"
#include "floe/columnar/record_batch.h"
#include "floe/format/parquet/file_reader.h"
#include "floe/format/parquet/file_writer.h"
#include "floe/format/parquet/output_stream.h"
#include "floe/format/parquet/random_access_input.h"

namespace floe::parquet::testing {

using columnar::Array;
using columnar::ArrayBuilder;
using columnar::DataType;
using columnar::Field;
using columnar::RecordBatch;
using columnar::Schema;
using columnar::TypeKind;

inline Field UuidField(std::string name, int32_t id) {
  return Field(std::move(name), DataType::FixedSizeBinary(16), true, id,
               {{kExtensionNameKey, kUuidExtensionName}});
}

// Every type, flat and nested, with field ids 1.. on every field.
inline Schema AllTypesSchema() {
  std::vector<Field> f;
  f.emplace_back("b", DataType::Boolean(), true, 1);
  f.emplace_back("i32", DataType::Int32(), true, 2);
  f.emplace_back("i64", DataType::Int64(), true, 3);
  f.emplace_back("f32", DataType::Float32(), true, 4);
  f.emplace_back("f64", DataType::Float64(), true, 5);
  f.emplace_back("dec9", DataType::Decimal128(9, 2), true, 6);
  f.emplace_back("dec18", DataType::Decimal128(18, 4), true, 7);
  f.emplace_back("dec38", DataType::Decimal128(38, 10), true, 8);
  f.emplace_back("date", DataType::Date32(), true, 9);
  f.emplace_back("time", DataType::Time64(), true, 10);
  f.emplace_back("ts", DataType::Timestamp(""), true, 11);
  f.emplace_back("tstz", DataType::Timestamp("UTC"), true, 12);
  f.emplace_back("str", DataType::String(), true, 13);
  f.emplace_back("bin", DataType::Binary(), true, 14);
  f.push_back(UuidField("uuid", 15));
  f.emplace_back("fixed", DataType::FixedSizeBinary(7), true, 16);
  f.emplace_back("st",
                 DataType::Struct({Field("a", DataType::Int32(), true, 101),
                                   Field("s", DataType::String(), false, 102)}),
                 true, 17);
  f.emplace_back("lst", DataType::List(Field("element", DataType::Int64(), true, 103)), true, 18);
  f.emplace_back("mp",
                 DataType::Map(Field("key", DataType::String(), false, 104),
                               Field("value", DataType::Float64(), true, 105)),
                 true, 19);
  f.emplace_back("deep",
                 DataType::List(Field(
                     "element",
                     DataType::Struct(
                         {Field("x", DataType::List(Field("element", DataType::Int32(), true, 108)),
                                true, 107),
                          Field("y", DataType::Boolean(), false, 109)}),
                     true, 106)),
                 true, 20);
  f.emplace_back("req", DataType::Int64(), false, 21);
  f.emplace_back("req_str", DataType::String(), false, 22);
  return Schema(std::move(f));
}

class RandomFiller {
 public:
  RandomFiller(uint64_t seed, double null_share) : rng_(seed), null_share_(null_share) {}

  Status Append(ArrayBuilder& b, const Field& field, int depth = 0) {
    if (field.nullable() && Chance(null_share_)) return b.AppendNull();
    const DataType& t = field.type();
    switch (t.kind()) {
      case TypeKind::kBoolean:
        return static_cast<columnar::BooleanBuilder&>(b).Append(rng_() & 1);
      case TypeKind::kInt32:
      case TypeKind::kDate32:
        return static_cast<columnar::FixedWidthBuilder<int32_t>&>(b).Append(
            static_cast<int32_t>(Small() ? rng_() % 10 : rng_()));
      case TypeKind::kInt64:
      case TypeKind::kTime64:
      case TypeKind::kTimestamp:
        return static_cast<columnar::FixedWidthBuilder<int64_t>&>(b).Append(
            static_cast<int64_t>(Small() ? rng_() % 10 : rng_()));
      case TypeKind::kFloat32: {
        float v = Chance(0.05) ? std::numeric_limits<float>::quiet_NaN()
                               : static_cast<float>(static_cast<int32_t>(rng_() % 2000) - 1000) / 7;
        return static_cast<columnar::FixedWidthBuilder<float>&>(b).Append(v);
      }
      case TypeKind::kFloat64: {
        double v = Chance(0.05)
                       ? std::numeric_limits<double>::quiet_NaN()
                       : static_cast<double>(static_cast<int64_t>(rng_() % 20000) - 10000) / 3;
        return static_cast<columnar::FixedWidthBuilder<double>&>(b).Append(v);
      }
      case TypeKind::kDecimal128: {
        // Within the precision: up to 10^p - 1 in magnitude.
        __int128 limit = 1;
        for (int i = 0; i < std::min(t.precision(), 36); ++i) limit *= 10;
        __int128 v = (static_cast<__int128>(rng_()) << 64 | rng_()) % limit;
        if (rng_() & 1) v = -v;
        return static_cast<columnar::FixedWidthBuilder<columnar::Decimal128>&>(b).Append(
            columnar::Decimal128::FromInt128(v));
      }
      case TypeKind::kString:
      case TypeKind::kBinary: {
        std::string s(rng_() % 12, 'a');
        for (char& c : s) c = static_cast<char>('a' + rng_() % (Small() ? 3 : 26));
        return static_cast<columnar::BinaryBuilder&>(b).Append(s);
      }
      case TypeKind::kFixedSizeBinary: {
        std::string s(static_cast<size_t>(t.byte_width()), '\0');
        for (char& c : s) c = static_cast<char>(rng_());
        return static_cast<columnar::FixedSizeBinaryBuilder&>(b).Append(s);
      }
      case TypeKind::kStruct: {
        auto& sb = static_cast<columnar::StructBuilder&>(b);
        for (int i = 0; i < t.num_fields(); ++i) {
          FLOE_RETURN_IF_ERROR(Append(*sb.child(i), t.field(i), depth + 1));
        }
        return sb.Append();
      }
      case TypeKind::kList: {
        auto& lb = static_cast<columnar::ListBuilder&>(b);
        FLOE_RETURN_IF_ERROR(lb.Append());
        int n = static_cast<int>(rng_() % (depth > 1 ? 3 : 5));
        for (int i = 0; i < n; ++i) {
          FLOE_RETURN_IF_ERROR(Append(*lb.value_builder(), t.value_field(), depth + 1));
        }
        return OkStatus();
      }
      case TypeKind::kMap: {
        auto& mb = static_cast<columnar::MapBuilder&>(b);
        FLOE_RETURN_IF_ERROR(mb.Append());
        int n = static_cast<int>(rng_() % 4);
        for (int i = 0; i < n; ++i) {
          FLOE_RETURN_IF_ERROR(Append(*mb.key_builder(), t.key_field(), depth + 1));
          FLOE_RETURN_IF_ERROR(Append(*mb.item_builder(), t.value_field(), depth + 1));
        }
        return OkStatus();
      }
    }
    return OkStatus();
  }

  Result<RecordBatch> Batch(const Schema& schema, int64_t rows) {
    std::vector<Array> columns;
    for (const Field& f : schema.fields()) {
      FLOE_ASSIGN_OR_RETURN(auto builder, columnar::MakeBuilder(f.type()));
      for (int64_t r = 0; r < rows; ++r) FLOE_RETURN_IF_ERROR(Append(*builder, f));
      FLOE_ASSIGN_OR_RETURN(Array a, builder->Finish());
      columns.push_back(std::move(a));
    }
    return RecordBatch::Make(schema, std::move(columns), rows);
  }

 private:
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  // Low-cardinality values half the time, so dictionaries and RLE runs appear.
  bool Small() { return (rng_() & 3) != 0; }

  std::mt19937_64 rng_;
  double null_share_;
};

inline Result<std::vector<uint8_t>> WriteToMemory(const std::vector<RecordBatch>& batches,
                                                  const WriterOptions& options,
                                                  FileMetrics* metrics = nullptr) {
  auto out = std::make_unique<InMemoryOutput>();
  InMemoryOutput* raw = out.get();
  FLOE_ASSIGN_OR_RETURN(auto writer,
                        FileWriter::Make(batches.at(0).schema(), std::move(out), options));
  for (const RecordBatch& b : batches) FLOE_RETURN_IF_ERROR(writer->Write(b));
  FLOE_ASSIGN_OR_RETURN(FileMetrics m, writer->Close());
  if (metrics != nullptr) *metrics = m;
  return raw->Release();
}

// `rows` random rows of AllTypesSchema() (RandomFiller with `seed` and `null_share`), and the
// file `options` writes of them.
struct RandomFile {
  RecordBatch batch;
  std::vector<uint8_t> bytes;
};
inline Result<RandomFile> WriteRandomFile(uint64_t seed, double null_share, int64_t rows,
                                          const WriterOptions& options) {
  RandomFiller filler(seed, null_share);
  FLOE_ASSIGN_OR_RETURN(RecordBatch batch, filler.Batch(AllTypesSchema(), rows));
  FLOE_ASSIGN_OR_RETURN(auto bytes, WriteToMemory({batch}, options));
  return RandomFile{std::move(batch), std::move(bytes)};
}

inline Result<std::vector<RecordBatch>> ReadFromMemory(std::vector<uint8_t> bytes,
                                                       ReaderOptions options = {}) {
  FLOE_ASSIGN_OR_RETURN(
      auto reader,
      FileReader::Open(std::make_unique<InMemoryInput>(std::move(bytes)), std::move(options)));
  return reader->ReadAll();
}

// Empty when the batches read hold exactly the rows of `expected`, else the first difference.
inline std::string CompareRows(const RecordBatch& expected, const std::vector<RecordBatch>& got) {
  int64_t offset = 0;
  for (const RecordBatch& b : got) {
    if (b.num_columns() != expected.num_columns()) return "column count differs";
    for (int c = 0; c < b.num_columns(); ++c) {
      if (offset + b.num_rows() > expected.num_rows()) return "too many rows";
      Array want = expected.column(c).Slice(offset, b.num_rows());
      std::string diff = columnar::DescribeArrayDifference(want, b.column(c));
      if (!diff.empty()) {
        return "column " + expected.schema().field(c).name() + " at row offset " +
               std::to_string(offset) + ": " + diff;
      }
    }
    offset += b.num_rows();
  }
  if (offset != expected.num_rows()) {
    return "read " + std::to_string(offset) + " rows of " + std::to_string(expected.num_rows());
  }
  return "";
}

}  // namespace floe::parquet::testing
