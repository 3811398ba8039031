// Reads the Iceberg manifests and manifest lists that other engines (Java, Spark, Athena) wrote,
// from the shared fixture tables named by FLOE_FIXTURES.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "floe/format/avro/file_reader.h"

namespace floe::avro {
namespace {

namespace fs = std::filesystem;

// Record counts as decoded by a third-party reader (avsc 5.7.9).
const std::map<std::string, int64_t>& ExpectedCounts() {
  static const auto* counts = new std::map<std::string, int64_t>{
      {"a85973e4-4009-4cba-875e-5278a2c6027d-m0.avro", 1},
      {"snap-8656952484400131532-1-a85973e4-4009-4cba-875e-5278a2c6027d.avro", 1},
      {"3d82674b-df1e-49b5-a7a9-05b61567065a-m0.avro", 1},
      {"snap-6838723292707092922-1-3d82674b-df1e-49b5-a7a9-05b61567065a.avro", 1},
      {"583a45a0-7389-4d71-9305-ac3a8725c38b-m0.avro", 1},
      {"a01399a1-e864-4562-b921-c8cb56e6e4a9-m0.avro", 1},
      {"a01399a1-e864-4562-b921-c8cb56e6e4a9-m1.avro", 1},
      {"e1756967-c907-47e2-8b37-82123c5e5908-m0.avro", 1},
      {"snap-4951213507629824583-1-583a45a0-7389-4d71-9305-ac3a8725c38b.avro", 1},
      {"snap-6458828015811002920-1-e1756967-c907-47e2-8b37-82123c5e5908.avro", 2},
      {"snap-9158179788527662767-1-a01399a1-e864-4562-b921-c8cb56e6e4a9.avro", 4},
      {"91d5eea0-314d-4056-8818-59b825cbd38a-m0.avro", 1},
      {"91d5eea0-314d-4056-8818-59b825cbd38a-m1.avro", 1},
      {"ac75cc9f-cc0c-4712-8337-fe4b0c473459-m0.avro", 1},
      {"bbd21bb7-5974-4d4b-bd54-82fb9b0ed6bf-m0.avro", 1},
      {"snap-2701171901096418979-1-91d5eea0-314d-4056-8818-59b825cbd38a.avro", 3},
      {"snap-469881615898633426-1-ac75cc9f-cc0c-4712-8337-fe4b0c473459.avro", 2},
      {"snap-7505300640432048841-1-bbd21bb7-5974-4d4b-bd54-82fb9b0ed6bf.avro", 1},
      {"abf62b15-903b-40b6-9e6b-26bcdceac9b3-m0.avro", 3},
      {"snap-5276958600260276572-1-abf62b15-903b-40b6-9e6b-26bcdceac9b3.avro", 1},
  };
  return *counts;
}

std::vector<fs::path> FixtureAvroFiles(const char* root) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file() && it->path().extension() == ".avro") files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<uint8_t> ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// Every field of `node`'s records, recursively, carries a "field-id".
int CountFieldIds(const Node& node, int depth = 0) {
  if (depth > 64) return 0;
  int n = 0;
  switch (node.type()) {
    case Type::kRecord:
      for (const Field& f : node.fields()) {
        if (f.field_id().has_value()) ++n;
        n += CountFieldIds(*f.node, depth + 1);
      }
      break;
    case Type::kArray:
      n += CountFieldIds(node.items(), depth + 1);
      break;
    case Type::kMap:
      n += CountFieldIds(node.values(), depth + 1);
      break;
    case Type::kUnion:
      for (size_t i = 0; i < node.branch_count(); ++i)
        n += CountFieldIds(node.branch(i), depth + 1);
      break;
    default:
      break;
  }
  return n;
}

TEST(AvroFixtureTest, ReadsIcebergManifestsAndManifestLists) {
  const char* root = std::getenv("FLOE_FIXTURES");
  if (root == nullptr || *root == '\0' || !fs::exists(root)) {
    GTEST_SKIP() << "fixtures absent: set FLOE_FIXTURES to the shared fixtures folder";
  }
  std::vector<fs::path> files = FixtureAvroFiles(root);
  ASSERT_FALSE(files.empty()) << "no .avro files under " << root;
  int checked = 0;
  for (const fs::path& path : files) {
    SCOPED_TRACE(path.string());
    std::vector<uint8_t> bytes = ReadBytes(path);
    auto reader = FileReader::Open(bytes);
    ASSERT_TRUE(reader.has_value()) << reader.error();
    const bool manifest_list = path.filename().string().starts_with("snap-");
    const Node& root_node = (*reader)->schema().root();
    ASSERT_EQ(root_node.type(), Type::kRecord);
    EXPECT_EQ(root_node.name(), manifest_list ? "manifest_file" : "manifest_entry");
    EXPECT_TRUE((*reader)->FindMetadata("format-version").has_value());
    // Every top-level field has an id: status 0, snapshot_id 1, ... or manifest_path 500, ...
    for (const Field& f : root_node.fields()) EXPECT_TRUE(f.field_id().has_value()) << f.name;
    EXPECT_GE(CountFieldIds(root_node), manifest_list ? 15 : 25);
    if (!manifest_list) {
      int status = root_node.FieldIndex("status");
      ASSERT_GE(status, 0);
      EXPECT_EQ(root_node.fields()[static_cast<size_t>(status)].field_id(), 0);
      EXPECT_TRUE((*reader)->FindMetadata("partition-spec").has_value());
    } else {
      int path_field = root_node.FieldIndex("manifest_path");
      ASSERT_GE(path_field, 0);
      EXPECT_EQ(root_node.fields()[static_cast<size_t>(path_field)].field_id(), 500);
    }
    int64_t records = 0;
    Datum record;
    while (true) {
      auto more = (*reader)->Next(&record);
      ASSERT_TRUE(more.has_value()) << more.error();
      if (!*more) break;
      ++records;
      ASSERT_EQ(record.kind(), Datum::Kind::kRecord);
      ASSERT_EQ(record.fields().size(), root_node.fields().size());
      if (manifest_list) {
        const Datum& p =
            record.fields()[static_cast<size_t>(root_node.FieldIndex("manifest_path"))];
        EXPECT_TRUE(p.string_value().ends_with(".avro")) << p.string_value();
      }
    }
    auto expected = ExpectedCounts().find(path.filename().string());
    if (expected != ExpectedCounts().end()) {
      EXPECT_EQ(records, expected->second);
      ++checked;
    } else {
      EXPECT_GT(records, 0);
    }
  }
  EXPECT_EQ(checked, static_cast<int>(ExpectedCounts().size()));
}

}  // namespace
}  // namespace floe::avro
