// avro_tool: writes and dumps Avro container files for the interop tests
// (tests/interop/avro.test.mjs).
//
//   avro_tool write-sample OUT.avro CODEC   CODEC: null | deflate | snappy | zstandard
//   avro_tool dump FILE                     one JSON line per record (datum_json.h's mapping)
//   avro_tool header FILE                   one JSON object: codec, metadata keys, field ids
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "floe/format/avro/datum_json.h"
#include "floe/format/avro/file_reader.h"
#include "floe/format/avro/file_writer.h"

namespace {

using floe::Result;
using floe::Status;
using floe::avro::Datum;

// Iceberg-style ids on every field, element, key and value.
constexpr const char* kSampleSchema = R"({
  "type": "record", "name": "sample", "namespace": "floe.interop", "fields": [
    {"name": "id", "type": "long", "field-id": 1},
    {"name": "flag", "type": "boolean", "field-id": 2},
    {"name": "count", "type": "int", "field-id": 3},
    {"name": "ratio", "type": "double", "field-id": 4},
    {"name": "score", "type": "float", "field-id": 5},
    {"name": "name", "type": ["null", "string"], "default": null, "field-id": 6},
    {"name": "payload", "type": "bytes", "field-id": 7},
    {"name": "hash", "type": {"type": "fixed", "name": "hash4", "size": 4}, "field-id": 8},
    {"name": "tags", "type": {"type": "array", "items": "string", "element-id": 10},
     "field-id": 9},
    {"name": "props", "type": {"type": "map", "values": "long", "key-id": 12, "value-id": 13},
     "field-id": 11},
    {"name": "maybe_ids", "type": ["null", {"type": "array", "items": "long",
     "element-id": 15}], "default": null, "field-id": 14},
    {"name": "kind", "type": {"type": "enum", "name": "kind", "symbols": ["A", "B", "C"]},
     "field-id": 16},
    {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-micros",
     "adjust-to-utc": true}, "field-id": 17},
    {"name": "point", "type": {"type": "record", "name": "point", "fields": [
      {"name": "x", "type": "int", "field-id": 19},
      {"name": "y", "type": ["null", "double"], "default": null, "field-id": 20}]},
     "field-id": 18}
  ]})";

Datum SampleRow(int i) {
  const int64_t big = (int64_t{1} << 53) + 1;  // not exact as a double
  std::vector<Datum> tags;
  for (int t = 0; t < i % 3; ++t)
    tags.push_back(Datum::String("t" + std::to_string(t) + "\xc3\xa9"));
  Datum::MapEntries props;
  if (i % 2 == 0) props.emplace_back("big", Datum::Long(big * (i + 1)));
  props.emplace_back("neg", Datum::Long(-big - i));
  return Datum::Record({
      Datum::Long(i == 4 ? INT64_MIN : big + i * 1000),
      Datum::Boolean(i % 2 == 1),
      Datum::Int(i == 3 ? INT32_MIN : i * -7),
      Datum::Double(0.5 + i),
      Datum::Float(-1.25f * static_cast<float>(i + 1)),
      i % 2 == 0 ? Datum::Null() : Datum::String("name " + std::to_string(i)),
      Datum::Bytes({0x00, 0x7f, 0x80, 0xff, static_cast<uint8_t>(i)}),
      Datum::Fixed({0xde, 0xad, 0xbe, static_cast<uint8_t>(i)}),
      Datum::Array(std::move(tags)),
      Datum::Map(std::move(props)),
      i % 3 == 0 ? Datum::Null()
                 : Datum::Array({Datum::Long(INT64_MAX), Datum::Long(i), Datum::Long(-big)}),
      Datum::Enum(i % 3),
      Datum::Long(1700000000000000 + i),
      Datum::Record({Datum::Int(i), i == 2 ? Datum::Null() : Datum::Double(i + 0.25)}),
  });
}

Result<std::vector<uint8_t>> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return floe::IoError("cannot open {}", path);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

Status WriteSample(const std::string& out_path, const std::string& codec_name) {
  FLOE_ASSIGN_OR_RETURN(auto codec, floe::avro::CodecFromAvroName(codec_name));
  FLOE_ASSIGN_OR_RETURN(auto schema, floe::avro::Schema::Parse(kSampleSchema));
  std::vector<uint8_t> file;
  floe::avro::FileWriterOptions options;
  options.codec = codec;
  options.block_size = 200;  // several blocks
  options.metadata = {{"format-version", "2"}, {"content", "data"}};
  FLOE_ASSIGN_OR_RETURN(auto writer,
                        floe::avro::FileWriter::Make(schema, floe::avro::SinkTo(&file), options));
  for (int i = 0; i < 5; ++i) FLOE_RETURN_IF_ERROR(writer->Append(SampleRow(i)));
  FLOE_RETURN_IF_ERROR(writer->Close());
  std::ofstream out(out_path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(file.data()), static_cast<std::streamsize>(file.size()));
  if (!out) return floe::IoError("cannot write {}", out_path);
  return floe::OkStatus();
}

std::string Dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status DumpRecords(const std::string& path) {
  FLOE_ASSIGN_OR_RETURN(auto bytes, ReadFile(path));
  FLOE_ASSIGN_OR_RETURN(auto reader, floe::avro::FileReader::Open(bytes));
  Datum record;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool more, reader->Next(&record));
    if (!more) break;
    std::cout << Dump(floe::avro::DatumToJson(reader->schema().root(), record)) << "\n";
  }
  return floe::OkStatus();
}

Status DumpHeader(const std::string& path) {
  FLOE_ASSIGN_OR_RETURN(auto bytes, ReadFile(path));
  FLOE_ASSIGN_OR_RETURN(auto reader, floe::avro::FileReader::Open(bytes));
  nlohmann::json out;
  out["codec"] = std::string(floe::format::CompressionCodecName(reader->codec()));
  out["metadata"] = nlohmann::json::object();
  for (const auto& [key, value] : reader->metadata()) {
    if (key != "avro.schema") out["metadata"][key] = value;
  }
  out["field_ids"] = nlohmann::json::object();
  for (const auto& field : reader->schema().root().fields()) {
    out["field_ids"][field.name] = field.field_id() ? nlohmann::json(*field.field_id()) : nullptr;
  }
  std::cout << Dump(out) << "\n";
  return floe::OkStatus();
}

int Usage() {
  std::cerr << "usage: avro_tool write-sample OUT.avro CODEC | dump FILE | header FILE\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) return Usage();
  const std::string command = argv[1];
  Status status;
  if (command == "write-sample" && argc == 4) {
    status = WriteSample(argv[2], argv[3]);
  } else if (command == "dump" && argc == 3) {
    status = DumpRecords(argv[2]);
  } else if (command == "header" && argc == 3) {
    status = DumpHeader(argv[2]);
  } else {
    return Usage();
  }
  if (!status.has_value()) {
    std::cerr << "avro_tool: " << status.error() << "\n";
    return 1;
  }
  return 0;
}
