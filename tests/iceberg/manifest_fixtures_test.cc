// Reads every manifest and manifest list of the third-party tables in FLOE_FIXTURES (written by
// Spark, Iceberg Java and Athena) and checks them against the snapshot summaries of the tables'
// metadata JSON and against the JSON dumps that come with some of the files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "floe/iceberg/manifest_list.h"
#include "floe/iceberg/manifest_reader.h"
#include "support/matchers.h"

namespace floe::iceberg {
namespace {

namespace fs = std::filesystem;

fs::path FixturesDir() {
  const char* dir = std::getenv("FLOE_FIXTURES");
  if (dir == nullptr || *dir == '\0' || !fs::is_directory(dir)) return {};
  return fs::path(dir);
}

#define FLOE_SKIP_WITHOUT_FIXTURES(dir)                                                     \
  fs::path dir = FixturesDir();                                                             \
  if (dir.empty()) {                                                                        \
    GTEST_SKIP() << "FLOE_FIXTURES is not set to the fixtures folder (../shared/fixtures)"; \
  }

std::vector<uint8_t> ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::string Basename(const std::string& path) { return path.substr(path.rfind('/') + 1); }

struct SnapshotCounts {
  int64_t data_files = 0;
  int64_t delete_files = 0;
  int64_t records = 0;
  int64_t manifests = 0;
};

// Reads a snapshot's manifest list and its manifests from `metadata_dir`, with inheritance.
void CountSnapshot(const fs::path& metadata_dir, const std::string& list_name,
                   int64_t snapshot_sequence, SnapshotCounts* counts) {
  std::vector<uint8_t> list_bytes = ReadBytes(metadata_dir / list_name);
  FLOE_ASSERT_OK_AND_ASSIGN(auto list, ManifestListReader::Open(list_bytes));
  FLOE_ASSERT_OK_AND_ASSIGN(auto manifests, list->ReadAll());
  for (const ManifestFile& m : manifests) {
    ++counts->manifests;
    EXPECT_LE(m.sequence_number, snapshot_sequence);
    EXPECT_LE(m.min_sequence_number, m.sequence_number);
    fs::path manifest_path = metadata_dir / Basename(m.manifest_path);
    std::vector<uint8_t> bytes = ReadBytes(manifest_path);
    EXPECT_EQ(static_cast<int64_t>(bytes.size()), m.manifest_length) << manifest_path;
    FLOE_ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(bytes));
    EXPECT_EQ(reader->content(), m.content) << manifest_path;
    EXPECT_EQ(reader->partition_spec_id(), m.partition_spec_id) << manifest_path;
    FLOE_ASSERT_OK_AND_ASSIGN(auto entries, reader->ReadEntries(m));
    int32_t added = 0, existing = 0, deleted = 0;
    for (const ManifestEntry& e : entries) {
      ASSERT_TRUE(e.snapshot_id.has_value());
      ASSERT_TRUE(e.sequence_number.has_value()) << e.data_file.file_path;
      ASSERT_TRUE(e.file_sequence_number.has_value());
      EXPECT_LE(*e.sequence_number, snapshot_sequence);
      EXPECT_EQ(e.data_file.partition.size(), m.partitions.size());
      switch (e.status) {
        case ManifestEntryStatus::kAdded:
          ++added;
          break;
        case ManifestEntryStatus::kExisting:
          ++existing;
          break;
        case ManifestEntryStatus::kDeleted:
          ++deleted;
          break;
      }
      if (!e.is_live()) continue;
      if (e.data_file.content == DataFileContent::kData) {
        EXPECT_EQ(m.content, ManifestContent::kData);
        ++counts->data_files;
        counts->records += e.data_file.record_count;
      } else {
        EXPECT_EQ(m.content, ManifestContent::kDeletes);
        ++counts->delete_files;
      }
    }
    EXPECT_EQ(m.added_files_count, added) << manifest_path;
    EXPECT_EQ(m.existing_files_count, existing) << manifest_path;
    EXPECT_EQ(m.deleted_files_count, deleted) << manifest_path;
  }
}

// Every table's every snapshot, against the "total-*" figures of its summary.
TEST(ManifestFixturesTest, SnapshotsMatchTheirSummaries) {
  FLOE_SKIP_WITHOUT_FIXTURES(dir);
  int snapshots_checked = 0;
  for (const auto& item : fs::recursive_directory_iterator(dir)) {
    std::string name = item.path().filename().string();
    if (name.find(".metadata.json") == std::string::npos) continue;
    std::ifstream in(item.path());
    auto metadata = nlohmann::json::parse(in, nullptr, false);
    if (metadata.is_discarded() || !metadata.contains("snapshots")) continue;
    for (const auto& snapshot : metadata["snapshots"]) {
      SCOPED_TRACE(item.path().string() + " snapshot " + snapshot["snapshot-id"].dump());
      std::string list_name = Basename(snapshot["manifest-list"].get<std::string>());
      fs::path metadata_dir = item.path().parent_path();
      if (!fs::exists(metadata_dir / list_name)) continue;
      SnapshotCounts counts;
      int64_t seq = snapshot.value("sequence-number", int64_t{0});
      CountSnapshot(metadata_dir, list_name, seq, &counts);
      const auto& summary = snapshot["summary"];
      EXPECT_EQ(counts.data_files, std::stoll(summary["total-data-files"].get<std::string>()));
      EXPECT_EQ(counts.delete_files, std::stoll(summary["total-delete-files"].get<std::string>()));
      EXPECT_EQ(counts.records, std::stoll(summary["total-records"].get<std::string>()));
      ++snapshots_checked;
    }
  }
  EXPECT_GE(snapshots_checked, 10);
}

TEST(ManifestFixturesTest, EveryAvroFileReads) {
  FLOE_SKIP_WITHOUT_FIXTURES(dir);
  int files = 0;
  for (const auto& item : fs::recursive_directory_iterator(dir)) {
    if (item.path().extension() != ".avro") continue;
    SCOPED_TRACE(item.path().string());
    std::vector<uint8_t> bytes = ReadBytes(item.path());
    ++files;
    if (item.path().filename().string().starts_with("snap-")) {
      FLOE_ASSERT_OK_AND_ASSIGN(auto list, ManifestListReader::Open(bytes));
      EXPECT_TRUE(list->snapshot_id().has_value());
      FLOE_ASSERT_OK_AND_ASSIGN(auto manifests, list->ReadAll());
      EXPECT_FALSE(manifests.empty());
    } else {
      FLOE_ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(bytes));
      EXPECT_THAT(reader->schema(), floe::testing::IsOk());
      EXPECT_THAT(reader->partition_spec(), floe::testing::IsOk());
      FLOE_ASSERT_OK_AND_ASSIGN(auto entries, reader->ReadRawEntries());
      EXPECT_FALSE(entries.empty());
    }
  }
  EXPECT_GE(files, 20);
}

// The top-level files come with JSON dumps of their records.
TEST(ManifestFixturesTest, MatchesJsonDump) {
  FLOE_SKIP_WITHOUT_FIXTURES(dir);
  fs::path base = dir / "icebird-test-files";
  const std::string stem = "a85973e4-4009-4cba-875e-5278a2c6027d-m0";
  std::vector<uint8_t> list_bytes =
      ReadBytes(base / "snap-8656952484400131532-1-a85973e4-4009-4cba-875e-5278a2c6027d.avro");
  FLOE_ASSERT_OK_AND_ASSIGN(auto list, ManifestListReader::Open(list_bytes));
  FLOE_ASSERT_OK_AND_ASSIGN(auto manifests, list->ReadAll());
  ASSERT_EQ(manifests.size(), 1u);
  const ManifestFile& m = manifests[0];
  EXPECT_EQ(Basename(m.manifest_path), stem + ".avro");
  EXPECT_EQ(m.manifest_length, 7211);
  EXPECT_EQ(m.added_snapshot_id, 8656952484400131532);
  EXPECT_EQ(m.sequence_number, 1);
  EXPECT_EQ(m.min_sequence_number, 1);
  EXPECT_EQ(m.added_files_count, 1);
  EXPECT_EQ(m.added_rows_count, 21);
  EXPECT_EQ(m.deleted_rows_count, 0);

  std::vector<uint8_t> bytes = ReadBytes(base / (stem + ".avro"));
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(bytes));
  EXPECT_EQ(reader->format_version(), 2);
  FLOE_ASSERT_OK_AND_ASSIGN(auto entries, reader->ReadEntries(m));
  std::ifstream in(base / (stem + ".json"));
  auto dump = nlohmann::json::parse(in);
  ASSERT_EQ(entries.size(), dump.size());
  for (size_t i = 0; i < entries.size(); ++i) {
    const auto& want = dump[i]["data_file"];
    const DataFile& got = entries[i].data_file;
    EXPECT_EQ(static_cast<int>(entries[i].status), dump[i]["status"].get<int>());
    EXPECT_EQ(got.file_path, want["file_path"].get<std::string>());
    EXPECT_EQ(got.file_format, want["file_format"].get<std::string>());
    EXPECT_EQ(got.record_count, want["record_count"].get<int64_t>());
    EXPECT_EQ(got.file_size_in_bytes, want["file_size_in_bytes"].get<int64_t>());
    EXPECT_EQ(got.sort_order_id, want["sort_order_id"].get<int32_t>());
    EXPECT_EQ(got.split_offsets, want["split_offsets"].get<std::vector<int64_t>>());
    for (const auto& kv : want["column_sizes"]) {
      EXPECT_EQ(got.column_sizes.at(kv["key"].get<int32_t>()), kv["value"].get<int64_t>());
    }
    for (const auto& kv : want["lower_bounds"]) {
      EXPECT_EQ(got.lower_bounds.at(kv["key"].get<int32_t>()),
                kv["value"].get<std::vector<uint8_t>>());
    }
    for (const auto& kv : want["upper_bounds"]) {
      EXPECT_EQ(got.upper_bounds.at(kv["key"].get<int32_t>()),
                kv["value"].get<std::vector<uint8_t>>());
    }
    EXPECT_EQ(entries[i].sequence_number, 1);
  }
}

TEST(ManifestFixturesTest, JavaEqualityAndPositionDeletesRead) {
  FLOE_SKIP_WITHOUT_FIXTURES(dir);
  fs::path meta = dir / "icebird-test-files/hyperparam-iceberg/java/bunnies/metadata";
  std::vector<uint8_t> list_bytes =
      ReadBytes(meta / "snap-9158179788527662767-1-a01399a1-e864-4562-b921-c8cb56e6e4a9.avro");
  FLOE_ASSERT_OK_AND_ASSIGN(auto list, ManifestListReader::Open(list_bytes));
  EXPECT_EQ(list->sequence_number(), 3);
  EXPECT_EQ(list->snapshot_id(), 9158179788527662767);
  FLOE_ASSERT_OK_AND_ASSIGN(auto manifests, list->ReadAll());
  int equality = 0, position = 0;
  for (const ManifestFile& m : manifests) {
    if (m.content != ManifestContent::kDeletes) continue;
    std::vector<uint8_t> bytes = ReadBytes(meta / Basename(m.manifest_path));
    FLOE_ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(bytes));
    FLOE_ASSERT_OK_AND_ASSIGN(auto entries, reader->ReadEntries(m));
    for (const ManifestEntry& e : entries) {
      if (e.data_file.content == DataFileContent::kEqualityDeletes) {
        ++equality;
        EXPECT_EQ(e.data_file.equality_ids, std::vector<int32_t>{1});
        EXPECT_EQ(e.sequence_number, 3);
      } else if (e.data_file.content == DataFileContent::kPositionDeletes) {
        ++position;
        EXPECT_EQ(e.sequence_number, 2);
      }
    }
  }
  EXPECT_EQ(equality, 1);
  EXPECT_EQ(position, 1);
}

}  // namespace
}  // namespace floe::iceberg
