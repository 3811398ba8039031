// manifest_tool: writes sample manifests and manifest lists for the interop test
// (tests/interop/manifest.test.mjs) and dumps manifests written by anyone.
//
//   manifest_tool write-sample DIR    DIR/manifest.avro (v2, data) and DIR/manifest-list.avro
//   manifest_tool dump FILE           one JSON line per entry of a manifest (no inheritance)
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "floe/iceberg/manifest_list.h"
#include "floe/iceberg/manifest_reader.h"
#include "floe/iceberg/manifest_writer.h"

namespace {

using floe::Result;
using floe::Status;
using namespace floe::iceberg;  // NOLINT

Status WriteFile(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()),
            static_cast<std::streamsize>(bytes.size()));
  if (!out) return floe::IoError("cannot write {}", path);
  return floe::OkStatus();
}

// Kept in step with tests/interop/manifest.test.mjs.
Status WriteSample(const std::string& dir) {
  FLOE_ASSIGN_OR_RETURN(
      Schema schema, Schema::Make(0, {NestedField::Required(1, "id", PrimitiveType::Long()),
                                      NestedField::Optional(2, "name", PrimitiveType::String())}));
  FLOE_ASSIGN_OR_RETURN(
      PartitionSpec spec,
      PartitionSpec::Make(schema, 0, {PartitionField(2, 1000, "name", Transform::Identity())}));
  std::vector<uint8_t> manifest_bytes;
  ManifestWriterOptions options;
  options.snapshot_id = 3051729675574597004;
  FLOE_ASSIGN_OR_RETURN(
      auto writer,
      ManifestWriter::Make(schema, spec, floe::avro::SinkTo(&manifest_bytes), options));
  DataFile f;
  f.file_path = "s3://bucket/t/data/name=a/00000.parquet";
  f.partition = {Literal::String("a")};
  f.record_count = 10;
  f.file_size_in_bytes = 1234;
  f.column_sizes = {{1, 80}, {2, 40}};
  f.value_counts = {{1, 10}, {2, 10}};
  f.null_value_counts = {{1, 0}, {2, 1}};
  f.lower_bounds = {{1, {1, 0, 0, 0, 0, 0, 0, 0}}};
  f.upper_bounds = {{1, {10, 0, 0, 0, 0, 0, 0, 0}}};
  f.split_offsets = {4};
  f.sort_order_id = 0;
  FLOE_RETURN_IF_ERROR(writer->WriteAdded(f));
  FLOE_ASSIGN_OR_RETURN(ManifestFile m, writer->Close("s3://bucket/t/metadata/manifest.avro"));
  FLOE_RETURN_IF_ERROR(WriteFile(dir + "/manifest.avro", manifest_bytes));

  std::vector<uint8_t> list_bytes;
  ManifestListWriterOptions list_options;
  list_options.snapshot_id = 3051729675574597004;
  list_options.sequence_number = 1;
  FLOE_ASSIGN_OR_RETURN(auto list,
                        ManifestListWriter::Make(floe::avro::SinkTo(&list_bytes), list_options));
  FLOE_RETURN_IF_ERROR(list->Add(m));
  FLOE_RETURN_IF_ERROR(list->Close());
  return WriteFile(dir + "/manifest-list.avro", list_bytes);
}

Status Dump(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  FLOE_ASSIGN_OR_RETURN(auto reader, ManifestReader::Open(bytes));
  FLOE_ASSIGN_OR_RETURN(auto entries, reader->ReadRawEntries());
  for (const ManifestEntry& e : entries) {
    nlohmann::json j = {{"status", static_cast<int>(e.status)},
                        {"file_path", e.data_file.file_path},
                        {"content", static_cast<int>(e.data_file.content)},
                        {"record_count", e.data_file.record_count},
                        {"file_size_in_bytes", e.data_file.file_size_in_bytes}};
    nlohmann::json partition = nlohmann::json::array();
    for (const Literal& v : e.data_file.partition) partition.push_back(v.ToString());
    j["partition"] = partition;
    std::cout << j.dump() << "\n";
  }
  return floe::OkStatus();
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  Status status;
  if (args.size() == 2 && args[0] == "write-sample") {
    status = WriteSample(args[1]);
  } else if (args.size() == 2 && args[0] == "dump") {
    status = Dump(args[1]);
  } else {
    std::cerr << "usage: manifest_tool write-sample DIR | dump FILE\n";
    return 2;
  }
  if (!status) {
    std::cerr << status.error().ToString() << "\n";
    return 1;
  }
  return 0;
}
