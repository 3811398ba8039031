// parquet_tool: writes and dumps Parquet files with floe, for the interop tests that check floe
// against DuckDB (tests/interop/parquet.test.mjs).
//
//   parquet_tool write-sample OUT CODEC   a file with every type floe writes (CODEC: uncompressed,
//                                         snappy, gzip, zstd, lz4_raw), several row groups
//   parquet_tool dump FILE [--columns a,b]
//                                         one JSON object a row, in a canonical form:
//     boolean true/false; int32 number; int64, time and timestamp (micros) strings of integers;
//     date days as a string; float/double strings ("NaN", "Infinity"); decimal string with the
//     scale's digits; string as is; binary and fixed uppercase hex; uuid 8-4-4-4-12 lowercase;
//     struct, list and map as JSON text (maps as objects keyed by the key's text).
#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "floe/columnar/builder.h"
#include "floe/columnar/decimal128.h"
#include "floe/columnar/record_batch.h"
#include "floe/format/parquet/file_reader.h"
#include "floe/format/parquet/file_writer.h"
#include "floe/format/parquet/output_stream.h"
#include "floe/format/parquet/random_access_input.h"

namespace floe::parquet {
namespace {

using columnar::Array;
using columnar::DataType;
using columnar::Decimal128;
using columnar::Field;
using columnar::RecordBatch;
using columnar::Schema;
using columnar::TypeKind;
using Json = nlohmann::ordered_json;

Schema SampleSchema() {
  std::vector<Field> f;
  f.emplace_back("b", DataType::Boolean(), true, 1);
  f.emplace_back("i32", DataType::Int32(), true, 2);
  f.emplace_back("i64", DataType::Int64(), true, 3);
  f.emplace_back("f32", DataType::Float32(), true, 4);
  f.emplace_back("f64", DataType::Float64(), true, 5);
  f.emplace_back("dec9", DataType::Decimal128(9, 2), true, 6);
  f.emplace_back("dec18", DataType::Decimal128(18, 4), true, 7);
  f.emplace_back("dec38", DataType::Decimal128(38, 10), true, 8);
  f.emplace_back("d", DataType::Date32(), true, 9);
  f.emplace_back("t", DataType::Time64(), true, 10);
  f.emplace_back("ts", DataType::Timestamp(""), true, 11);
  f.emplace_back("tstz", DataType::Timestamp("UTC"), true, 12);
  f.emplace_back("s", DataType::String(), true, 13);
  f.emplace_back("bin", DataType::Binary(), true, 14);
  f.emplace_back("u", DataType::FixedSizeBinary(16), true, 15,
                 columnar::KeyValueMetadata{{kExtensionNameKey, kUuidExtensionName}});
  f.emplace_back("fx", DataType::FixedSizeBinary(7), true, 16);
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
  return Schema(std::move(f));
}

bool IsNull(int64_t r, int col) { return (r + col) % 7 == 3; }

Result<RecordBatch> SampleBatch(const Schema& schema, int64_t rows) {
  std::vector<Array> columns;
  for (int c = 0; c < schema.num_fields(); ++c) {
    const Field& field = schema.field(c);
    FLOE_ASSIGN_OR_RETURN(auto builder, columnar::MakeBuilder(field.type()));
    for (int64_t r = 0; r < rows; ++r) {
      if (field.nullable() && IsNull(r, c)) {
        FLOE_RETURN_IF_ERROR(builder->AppendNull());
        continue;
      }
      Status st = OkStatus();
      switch (c) {
        case 0:
          st = static_cast<columnar::BooleanBuilder&>(*builder).Append(r % 3 == 0);
          break;
        case 1: {
          int32_t v = r == 1 ? INT32_MIN : r == 2 ? INT32_MAX : static_cast<int32_t>(r * 7 - 100);
          st = static_cast<columnar::Int32Builder&>(*builder).Append(v);
          break;
        }
        case 2: {
          int64_t v = r == 1 ? INT64_MIN : r == 2 ? INT64_MAX : r * 1000000007LL - 5000000000LL;
          st = static_cast<columnar::Int64Builder&>(*builder).Append(v);
          break;
        }
        case 3: {
          float v = r == 5   ? NAN
                    : r == 6 ? -0.0f
                    : r == 9 ? INFINITY
                             : static_cast<float>(r) / 8 - 3;
          st = static_cast<columnar::Float32Builder&>(*builder).Append(v);
          break;
        }
        case 4: {
          double v = r == 5 ? NAN : r == 9 ? -INFINITY : static_cast<double>(r) * 1.1 - 7;
          st = static_cast<columnar::Float64Builder&>(*builder).Append(v);
          break;
        }
        case 5:
          st = static_cast<columnar::Decimal128Builder&>(*builder).Append(
              Decimal128::FromInt64((r * 12345 - 99999) % 999999999));
          break;
        case 6:
          st = static_cast<columnar::Decimal128Builder&>(*builder).Append(
              Decimal128::FromInt64(r * 123456789012LL - 9000000000000000LL));
          break;
        case 7: {
          __int128 big = 1;
          for (int i = 0; i < 30; ++i) big *= 10;
          __int128 v = big * (r % 50) + r;
          if (r % 2) v = -v;
          st =
              static_cast<columnar::Decimal128Builder&>(*builder).Append(Decimal128::FromInt128(v));
          break;
        }
        case 8:
          st = static_cast<columnar::Date32Builder&>(*builder).Append(
              static_cast<int32_t>(r * 37 - 1000));
          break;
        case 9:
          st = static_cast<columnar::Time64Builder&>(*builder).Append((r * 1234567891LL) %
                                                                      86400000000LL);
          break;
        case 10:
        case 11:
          st = static_cast<columnar::TimestampBuilder&>(*builder).Append(r * 3600000000LL * 7 -
                                                                         1000000000000000LL + c);
          break;
        case 12:
          st = static_cast<columnar::StringBuilder&>(*builder).Append(
              r % 11 == 0 ? std::string("caf\xc3\xa9 ") + std::to_string(r)
                          : "s" + std::to_string(r % 13));
          break;
        case 13: {
          std::string b = {static_cast<char>(r % 256), '\0', static_cast<char>(255)};
          st = static_cast<columnar::BinaryBuilder&>(*builder).Append(b);
          break;
        }
        case 14:
        case 15: {
          std::string b(c == 14 ? 16 : 7, '\0');
          for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<char>(r * 31 + i * 17);
          st = static_cast<columnar::FixedSizeBinaryBuilder&>(*builder).Append(b);
          break;
        }
        case 16: {
          auto& sb = static_cast<columnar::StructBuilder&>(*builder);
          auto& a = sb.child_as<columnar::Int32Builder>(0);
          FLOE_RETURN_IF_ERROR(r % 4 == 1 ? a.AppendNull() : a.Append(static_cast<int32_t>(r)));
          FLOE_RETURN_IF_ERROR(
              sb.child_as<columnar::StringBuilder>(1).Append("x" + std::to_string(r % 5)));
          st = sb.Append();
          break;
        }
        case 17: {
          auto& lb = static_cast<columnar::ListBuilder&>(*builder);
          FLOE_RETURN_IF_ERROR(lb.Append());
          auto& items = lb.value_builder_as<columnar::Int64Builder>();
          for (int64_t i = 0; i < r % 4; ++i) {
            FLOE_RETURN_IF_ERROR(i == 1 ? items.AppendNull() : items.Append(r * 10 + i));
          }
          break;
        }
        case 18: {
          auto& mb = static_cast<columnar::MapBuilder&>(*builder);
          FLOE_RETURN_IF_ERROR(mb.Append());
          for (int64_t i = 0; i < r % 3; ++i) {
            FLOE_RETURN_IF_ERROR(
                mb.key_builder_as<columnar::StringBuilder>().Append("k" + std::to_string(i)));
            auto& v = mb.item_builder_as<columnar::Float64Builder>();
            FLOE_RETURN_IF_ERROR(i == 1 && r % 2 ? v.AppendNull()
                                                 : v.Append(static_cast<double>(r) * 0.5 + i));
          }
          break;
        }
        case 19: {
          auto& lb = static_cast<columnar::ListBuilder&>(*builder);
          FLOE_RETURN_IF_ERROR(lb.Append());
          auto& sb = lb.value_builder_as<columnar::StructBuilder>();
          for (int64_t i = 0; i < r % 3; ++i) {
            auto& x = sb.child_as<columnar::ListBuilder>(0);
            if ((r + i) % 5 == 0) {
              FLOE_RETURN_IF_ERROR(x.AppendNull());
            } else {
              FLOE_RETURN_IF_ERROR(x.Append());
              for (int64_t k = 0; k < (r + i) % 3; ++k) {
                FLOE_RETURN_IF_ERROR(x.value_builder_as<columnar::Int32Builder>().Append(
                    static_cast<int32_t>(r + i + k)));
              }
            }
            FLOE_RETURN_IF_ERROR(sb.child_as<columnar::BooleanBuilder>(1).Append(i % 2 == 0));
            FLOE_RETURN_IF_ERROR(sb.Append());
          }
          break;
        }
        default:
          st = static_cast<columnar::Int64Builder&>(*builder).Append(r);
          break;
      }
      FLOE_RETURN_IF_ERROR(st);
    }
    FLOE_ASSIGN_OR_RETURN(Array a, builder->Finish());
    columns.push_back(std::move(a));
  }
  return RecordBatch::Make(schema, std::move(columns), rows);
}

Result<format::CompressionCodec> ParseCodec(const std::string& name) {
  if (name == "uncompressed") return format::CompressionCodec::kUncompressed;
  if (name == "snappy") return format::CompressionCodec::kSnappy;
  if (name == "gzip") return format::CompressionCodec::kGzip;
  if (name == "zstd") return format::CompressionCodec::kZstd;
  if (name == "lz4_raw" || name == "lz4") return format::CompressionCodec::kLz4Raw;
  return InvalidArgument("unknown codec {}", name);
}

Status WriteSample(const std::string& path, const std::string& codec_name) {
  FLOE_ASSIGN_OR_RETURN(auto codec, ParseCodec(codec_name));
  Schema schema = SampleSchema();
  WriterOptions options;
  options.codec = codec;
  options.row_group_max_rows = 120;
  options.page_size_bytes = 300;
  options.slice_rows = 40;
  options.key_value_metadata = {{"floe.sample", "1"}};
  FLOE_ASSIGN_OR_RETURN(auto out, LocalFileOutput::Create(path));
  FLOE_ASSIGN_OR_RETURN(auto writer, FileWriter::Make(schema, std::move(out), options));
  FLOE_ASSIGN_OR_RETURN(RecordBatch batch, SampleBatch(schema, 300));
  FLOE_RETURN_IF_ERROR(writer->Write(batch));
  FLOE_ASSIGN_OR_RETURN(FileMetrics metrics, writer->Close());
  std::cout << fmt::format("wrote {} rows, {} bytes\n", metrics.row_count, metrics.file_size);
  return OkStatus();
}

std::string Hex(std::string_view bytes) {
  std::string out;
  for (char c : bytes) out += fmt::format("{:02X}", static_cast<uint8_t>(c));
  return out;
}

std::string Uuid(std::string_view b) {
  std::string h;
  for (char c : b) h += fmt::format("{:02x}", static_cast<uint8_t>(c));
  return h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" + h.substr(16, 4) +
         "-" + h.substr(20);
}

std::string DecimalText(const Decimal128& d, int32_t scale) {
  __int128 v = d.ToInt128();
  bool neg = v < 0;
  unsigned __int128 u =
      neg ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u != 0);
  if (scale > 0) {
    while (static_cast<int32_t>(digits.size()) <= scale) digits.insert(digits.begin(), '0');
    digits.insert(digits.end() - scale, '.');
  }
  return (neg ? "-" : "") + digits;
}

std::string FloatText(double v, bool is_float) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return is_float ? fmt::format("{:.9g}", v) : fmt::format("{:.17g}", v);
}

bool IsUuid(const Field& f) {
  for (const auto& [k, v] : f.metadata()) {
    if (k == kExtensionNameKey && v == kUuidExtensionName) return true;
  }
  return false;
}

// A value inside a nested column, as DuckDB's to_json would show it.
Json NestedValue(const Array& a, int64_t i) {
  if (a.IsNull(i)) return nullptr;
  switch (a.kind()) {
    case TypeKind::kBoolean:
      return a.GetBool(i);
    case TypeKind::kInt32:
    case TypeKind::kDate32:
      return a.values<int32_t>()[static_cast<size_t>(i)];
    case TypeKind::kInt64:
    case TypeKind::kTime64:
    case TypeKind::kTimestamp:
      return a.values<int64_t>()[static_cast<size_t>(i)];
    case TypeKind::kFloat32:
      return static_cast<double>(a.values<float>()[static_cast<size_t>(i)]);
    case TypeKind::kFloat64:
      return a.values<double>()[static_cast<size_t>(i)];
    case TypeKind::kDecimal128:
      return DecimalText(a.values<Decimal128>()[static_cast<size_t>(i)], a.type().scale());
    case TypeKind::kString:
      return std::string(a.GetView(i));
    case TypeKind::kBinary:
    case TypeKind::kFixedSizeBinary:
      return Hex(a.GetView(i));
    case TypeKind::kStruct: {
      Json o = Json::object();
      for (int f = 0; f < a.type().num_fields(); ++f) {
        o[a.type().field(f).name()] = NestedValue(a.field(f), i);
      }
      return o;
    }
    case TypeKind::kList: {
      Json arr = Json::array();
      auto off = a.offsets();
      for (int32_t k = off[static_cast<size_t>(i)]; k < off[static_cast<size_t>(i) + 1]; ++k) {
        arr.push_back(NestedValue(a.list_values(), k));
      }
      return arr;
    }
    case TypeKind::kMap: {
      Json o = Json::object();
      auto off = a.offsets();
      Array keys = a.map_keys();
      Array items = a.map_items();
      for (int32_t k = off[static_cast<size_t>(i)]; k < off[static_cast<size_t>(i) + 1]; ++k) {
        Json key = NestedValue(keys, k);
        o[key.is_string() ? key.get<std::string>() : key.dump()] = NestedValue(items, k);
      }
      return o;
    }
  }
  return nullptr;
}

Json TopLevelValue(const Field& field, const Array& a, int64_t i) {
  if (a.IsNull(i)) return nullptr;
  auto ui = static_cast<size_t>(i);
  switch (a.kind()) {
    case TypeKind::kBoolean:
      return a.GetBool(i);
    case TypeKind::kInt32:
      return a.values<int32_t>()[ui];
    case TypeKind::kDate32:
      return std::to_string(a.values<int32_t>()[ui]);
    case TypeKind::kInt64:
    case TypeKind::kTime64:
    case TypeKind::kTimestamp:
      return std::to_string(a.values<int64_t>()[ui]);
    case TypeKind::kFloat32:
      return FloatText(a.values<float>()[ui], true);
    case TypeKind::kFloat64:
      return FloatText(a.values<double>()[ui], false);
    case TypeKind::kDecimal128:
      return DecimalText(a.values<Decimal128>()[ui], a.type().scale());
    case TypeKind::kString:
      return std::string(a.GetView(i));
    case TypeKind::kBinary:
      return Hex(a.GetView(i));
    case TypeKind::kFixedSizeBinary:
      return IsUuid(field) ? Uuid(a.GetView(i)) : Hex(a.GetView(i));
    case TypeKind::kStruct:
    case TypeKind::kList:
    case TypeKind::kMap:
      return NestedValue(a, i).dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  return nullptr;
}

Status Dump(const std::string& path, const std::optional<std::vector<std::string>>& columns) {
  FLOE_ASSIGN_OR_RETURN(auto input, LocalFileInput::Open(path));
  ReaderOptions options;
  options.column_names = columns;
  FLOE_ASSIGN_OR_RETURN(auto reader, FileReader::Open(std::move(input), options));
  const Schema& schema = reader->schema();
  std::string line;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(auto batch, reader->Next());
    if (!batch) break;
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      Json row = Json::object();
      for (int c = 0; c < batch->num_columns(); ++c) {
        row[schema.field(c).name()] = TopLevelValue(schema.field(c), batch->column(c), r);
      }
      std::cout << row.dump(-1, ' ', false, Json::error_handler_t::replace) << '\n';
    }
  }
  return OkStatus();
}

int Usage() {
  std::cerr << "usage: parquet_tool write-sample OUT CODEC\n"
               "       parquet_tool dump FILE [--columns a,b,...]\n";
  return 2;
}

int Run(int argc, char** argv) {
  if (argc < 3) return Usage();
  std::string command = argv[1];
  Status st = OkStatus();
  if (command == "write-sample" && argc == 4) {
    st = WriteSample(argv[2], argv[3]);
  } else if (command == "dump" && (argc == 3 || argc == 5)) {
    std::optional<std::vector<std::string>> columns;
    if (argc == 5) {
      if (std::string(argv[3]) != "--columns") return Usage();
      columns.emplace();
      std::stringstream ss(argv[4]);
      std::string name;
      while (std::getline(ss, name, ',')) columns->push_back(name);
    }
    st = Dump(argv[2], columns);
  } else {
    return Usage();
  }
  if (!st.has_value()) {
    std::cerr << "parquet_tool: " << st.error().ToString() << '\n';
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace floe::parquet

int main(int argc, char** argv) { return floe::parquet::Run(argc, argv); }
