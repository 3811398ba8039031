// Helpers for the text format tests: temporary folders, batches built from literal values, a
// schema with every type, and random batches of it for round trips.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "floe/columnar/batch_reader.h"
#include "floe/columnar/builder.h"
#include "floe/columnar/compare.h"
#include "floe/columnar/record_batch.h"
#include "floe/core/uuid.h"

namespace floe::text::testing {

using columnar::Array;
using columnar::ArrayBuilder;
using columnar::DataType;
using columnar::Decimal128;
using columnar::Field;
using columnar::RecordBatch;
using columnar::Schema;
using columnar::TypeKind;

// A fresh folder under the system temp folder, removed with everything in it at the end.
class TempDir {
 public:
  TempDir()
      : path_(std::filesystem::temp_directory_path() / ("floe-text-" + Uuid::Random().ToString())) {
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string File(const std::string& name) const { return (path_ / name).string(); }
  std::string Write(const std::string& name, const std::string& content) const {
    std::string path = File(name);
    std::ofstream out(path, std::ios::binary);
    out << content;
    return path;
  }

 private:
  std::filesystem::path path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// One array from literal values; std::nullopt is null.
template <typename B, typename T>
Array MakeArray(B&& builder, const std::vector<std::optional<T>>& values) {
  for (const auto& v : values) {
    if (v) {
      EXPECT_TRUE(builder.Append(*v).has_value());
    } else {
      EXPECT_TRUE(builder.AppendNull().has_value());
    }
  }
  auto array = builder.Finish();
  EXPECT_TRUE(array.has_value());
  return *array;
}

// All batches of a reader, ASSERT-free: an error fails the test and returns none.
inline std::vector<RecordBatch> ReadAll(columnar::BatchReader& reader) {
  auto batches = reader.ReadAll();
  EXPECT_TRUE(batches.has_value()) << batches.error().ToString();
  return batches.has_value() ? *batches : std::vector<RecordBatch>{};
}

// Every type the text formats handle, flat and nested.
inline Schema AllTypesSchema() {
  std::vector<Field> f;
  f.emplace_back("b", DataType::Boolean());
  f.emplace_back("i32", DataType::Int32());
  f.emplace_back("i64", DataType::Int64());
  f.emplace_back("f32", DataType::Float32());
  f.emplace_back("f64", DataType::Float64());
  f.emplace_back("dec9", DataType::Decimal128(9, 2));
  f.emplace_back("dec38", DataType::Decimal128(38, 10));
  f.emplace_back("date", DataType::Date32());
  f.emplace_back("time", DataType::Time64());
  f.emplace_back("ts", DataType::Timestamp(""));
  f.emplace_back("tstz", DataType::Timestamp("UTC"));
  f.emplace_back("str", DataType::String());
  f.emplace_back("bin", DataType::Binary());
  f.emplace_back("fixed", DataType::FixedSizeBinary(4));
  f.emplace_back("st", DataType::Struct({Field("a", DataType::Int32()),
                                         Field("s", DataType::String(), /*nullable=*/false)}));
  f.emplace_back("lst", DataType::List(Field("element", DataType::Int64())));
  f.emplace_back("mp", DataType::Map(Field("key", DataType::String(), false),
                                     Field("value", DataType::Float64())));
  f.emplace_back("imap", DataType::Map(Field("key", DataType::Int32(), false),
                                       Field("value", DataType::Date32())));
  f.emplace_back(
      "deep",
      DataType::List(Field(
          "element",
          DataType::Struct({Field("x", DataType::List(Field("element", DataType::Binary())))}))));
  f.emplace_back("req", DataType::Int64(), /*nullable=*/false);
  f.emplace_back("req_str", DataType::String(), /*nullable=*/false);
  return Schema(std::move(f));
}

// Random values of any type within what the text forms carry: years 1..9999, strings with
// delimiters, quotes, line breaks and non-ASCII letters, NaN and infinities, decimals at full
// precision.
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
        return static_cast<columnar::FixedWidthBuilder<int32_t>&>(b).Append(
            Chance(0.1) ? std::numeric_limits<int32_t>::min() : static_cast<int32_t>(rng_()));
      case TypeKind::kDate32:
        // 0001-01-01 .. 9999-12-31
        return static_cast<columnar::FixedWidthBuilder<int32_t>&>(b).Append(
            static_cast<int32_t>(Between(-719162, 2932896)));
      case TypeKind::kInt64:
        return static_cast<columnar::FixedWidthBuilder<int64_t>&>(b).Append(
            Chance(0.1) ? std::numeric_limits<int64_t>::max() : static_cast<int64_t>(rng_()));
      case TypeKind::kTime64:
        return static_cast<columnar::FixedWidthBuilder<int64_t>&>(b).Append(
            Between(0, 86'400'000'000 - 1));
      case TypeKind::kTimestamp:
        return static_cast<columnar::FixedWidthBuilder<int64_t>&>(b).Append(
            Between(-62'135'596'800'000'000, 253'402'300'799'999'999));
      case TypeKind::kFloat32:
        return static_cast<columnar::FixedWidthBuilder<float>&>(b).Append(
            static_cast<float>(Floating()));
      case TypeKind::kFloat64:
        return static_cast<columnar::FixedWidthBuilder<double>&>(b).Append(Floating());
      case TypeKind::kDecimal128: {
        __int128 limit = 1;
        for (int i = 0; i < t.precision(); ++i) limit *= 10;
        __int128 v = ((static_cast<__int128>(rng_()) << 64) | rng_()) % limit;
        if (v < 0) v = -v;
        if (rng_() & 1) v = -v;
        return static_cast<columnar::FixedWidthBuilder<Decimal128>&>(b).Append(
            Decimal128::FromInt128(v));
      }
      case TypeKind::kString:
        return static_cast<columnar::BinaryBuilder&>(b).Append(Text());
      case TypeKind::kBinary: {
        std::string s(rng_() % 6, '\0');
        for (char& c : s) c = static_cast<char>(rng_());
        return static_cast<columnar::BinaryBuilder&>(b).Append(s);
      }
      case TypeKind::kFixedSizeBinary: {
        std::string s(static_cast<size_t>(t.byte_width()), '\0');
        for (char& c : s) c = static_cast<char>(rng_());
        return static_cast<columnar::FixedSizeBinaryBuilder&>(b).Append(s);
      }
      case TypeKind::kStruct: {
        auto& sb = static_cast<columnar::StructBuilder&>(b);
        for (int i = 0; i < t.num_fields(); ++i)
          FLOE_RETURN_IF_ERROR(Append(*sb.child(i), t.field(i), depth + 1));
        return sb.Append();
      }
      case TypeKind::kList: {
        auto& lb = static_cast<columnar::ListBuilder&>(b);
        FLOE_RETURN_IF_ERROR(lb.Append());
        int n = static_cast<int>(rng_() % 4);
        for (int i = 0; i < n; ++i)
          FLOE_RETURN_IF_ERROR(Append(*lb.value_builder(), t.value_field(), depth + 1));
        return OkStatus();
      }
      case TypeKind::kMap: {
        auto& mb = static_cast<columnar::MapBuilder&>(b);
        FLOE_RETURN_IF_ERROR(mb.Append());
        // Distinct keys: a JSON object cannot hold one twice.
        int n = static_cast<int>(rng_() % 4);
        for (int i = 0; i < n; ++i) {
          if (t.key_field().type().kind() == TypeKind::kString) {
            FLOE_RETURN_IF_ERROR(static_cast<columnar::BinaryBuilder&>(*mb.key_builder())
                                     .Append(Text() + "#" + std::to_string(i)));
          } else {
            FLOE_RETURN_IF_ERROR(
                static_cast<columnar::FixedWidthBuilder<int32_t>&>(*mb.key_builder()).Append(i));
          }
          FLOE_RETURN_IF_ERROR(Append(*mb.item_builder(), t.value_field(), depth + 1));
        }
        return OkStatus();
      }
    }
    return OkStatus();
  }

  Result<RecordBatch> Batch(const Schema& schema, int64_t rows) {
    std::vector<Array> columns;
    for (const Field& field : schema.fields()) {
      FLOE_ASSIGN_OR_RETURN(auto builder, columnar::MakeBuilder(field.type()));
      for (int64_t r = 0; r < rows; ++r) FLOE_RETURN_IF_ERROR(Append(*builder, field));
      FLOE_ASSIGN_OR_RETURN(Array array, builder->Finish());
      columns.push_back(std::move(array));
    }
    return RecordBatch::Make(schema, std::move(columns), rows);
  }

 private:
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int64_t Between(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng_);
  }
  double Floating() {
    switch (rng_() % 8) {
      case 0:
        return std::numeric_limits<double>::quiet_NaN();
      case 1:
        return rng_() & 1 ? std::numeric_limits<double>::infinity()
                          : -std::numeric_limits<double>::infinity();
      case 2:
        return static_cast<double>(static_cast<int64_t>(rng_() % 2000) - 1000);
      case 3:
        return std::ldexp(static_cast<double>(rng_() % 1000000),
                          static_cast<int>(rng_() % 200) - 100);
      default:
        return static_cast<double>(static_cast<int64_t>(rng_() % 2000000) - 1000000) / 7;
    }
  }
  std::string Text() {
    static const std::vector<std::string> kPieces = {
        "a", "b", "Z", " ", ",", "\"", "\n", "\r\n", "é", "日本", "\t", "x y", "''", "\\", "{"};
    std::string s;
    int n = static_cast<int>(rng_() % 6);
    for (int i = 0; i < n; ++i) s += kPieces[rng_() % kPieces.size()];
    return s;
  }

  std::mt19937_64 rng_;
  double null_share_;
};

}  // namespace floe::text::testing
