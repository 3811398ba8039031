#include "floe/iceberg/table_metadata.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "iceberg/test_util.h"

namespace floe::iceberg {
namespace {

using testing::ErrorOf;
using testing::Json;
using testing::ValueOrDie;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::filesystem::path Resource(const char* name) {
  return std::filesystem::path(__FILE__).parent_path().parent_path() / "resources" / "iceberg" /
         name;
}

nlohmann::json ResourceJson(const char* name) {
  return nlohmann::json::parse(ReadFile(Resource(name)));
}

TEST(TableMetadataTest, ReadsV2) {
  auto m = ValueOrDie(TableMetadata::FromJson(ResourceJson("table_metadata_v2.json")));
  EXPECT_EQ(m.format_version(), 2);
  EXPECT_EQ(m.table_uuid(), "4c3a2e1f-7b6d-4e5f-8a9b-0c1d2e3f4a5b");
  EXPECT_EQ(m.last_sequence_number(), 34);
  EXPECT_EQ(m.current_schema().schema_id(), 1);
  EXPECT_EQ(m.current_schema().identifier_field_ids(), std::vector<int32_t>{1});
  EXPECT_EQ(m.default_spec().spec_id(), 1);
  EXPECT_EQ(m.default_spec().fields()[1].transform().ToString(), "bucket[16]");
  EXPECT_EQ(m.default_sort_order().order_id(), 3);
  ASSERT_NE(m.current_snapshot(), nullptr);
  EXPECT_EQ(m.current_snapshot()->sequence_number(), 34);
  EXPECT_EQ(m.current_snapshot()->operation(), "overwrite");
  EXPECT_EQ(m.current_snapshot()->parent_snapshot_id(), 3051729675574597004);
  EXPECT_EQ(m.refs().size(), 3u);
  EXPECT_EQ(m.refs().at("v1.0").type(), SnapshotRefType::kTag);
  EXPECT_EQ(m.refs().at("audit").min_snapshots_to_keep(), 2);
  EXPECT_TRUE(m.default_spec().Validate(m.current_schema()));
  EXPECT_TRUE(m.default_sort_order().Validate(m.current_schema()));
}

TEST(TableMetadataTest, V2WritesEquivalentJsonKeepingUnknownFields) {
  auto json = ResourceJson("table_metadata_v2.json");
  auto m = ValueOrDie(TableMetadata::FromJson(json));
  EXPECT_EQ(m.ToJson(), json);
  EXPECT_EQ(ValueOrDie(TableMetadata::FromJsonString(m.ToJsonString())), m);
}

TEST(TableMetadataTest, ReadsV1DeprecatedFields) {
  auto m = ValueOrDie(TableMetadata::FromJson(ResourceJson("table_metadata_v1.json")));
  EXPECT_EQ(m.format_version(), 1);
  EXPECT_EQ(m.schemas().size(), 1u);
  EXPECT_EQ(m.current_schema().schema_id(), 0);
  EXPECT_EQ(m.current_schema().FindFieldById(2)->doc(), "comment");
  EXPECT_EQ(m.default_spec().fields()[0].field_id(), 1000);
  EXPECT_EQ(m.last_partition_id(), 1000);
  EXPECT_TRUE(m.default_sort_order().is_unsorted());
  EXPECT_EQ(m.current_snapshot()->sequence_number(), 0);
  EXPECT_FALSE(m.current_snapshot()->summary().has_value());
  EXPECT_EQ(m.current_snapshot()->manifests()->size(), 1u);
  // The main branch is implied by the current snapshot.
  EXPECT_EQ(m.refs().at("main").snapshot_id(), 3055729675574597004);

  nlohmann::json written = m.ToJson();
  EXPECT_EQ(written["schema"], m.current_schema().ToJson());
  EXPECT_EQ(written["partition-spec"], Json(R"j([{"name": "x", "transform": "identity",
                                                  "source-id": 1, "field-id": 1000}])j"));
  EXPECT_FALSE(written.contains("last-sequence-number"));
  EXPECT_EQ(ValueOrDie(TableMetadata::FromJson(written)), m);
}

// Writers differ in how they space "decimal(P, S)"; floe writes the spec's canonical
// "decimal(P,S)". Equivalent JSON is the same document once type strings are canonical.
void CanonicalizeTypeStrings(nlohmann::json& j) {
  if (j.is_string()) {
    std::string s = j.get<std::string>();
    if (s.starts_with("decimal(")) {
      std::erase(s, ' ');
      j = s;
    }
  } else if (j.is_structured()) {
    for (auto& child : j) CanonicalizeTypeStrings(child);
  }
}

// Every metadata.json among the shared fixtures reads, and writes back to equivalent JSON.
TEST(TableMetadataTest, FixturesRoundTrip) {
  const char* dir = std::getenv("FLOE_FIXTURES");
  if (dir == nullptr || *dir == '\0' || !std::filesystem::exists(dir)) {
    GTEST_SKIP() << "FLOE_FIXTURES is not set to the shared fixtures folder";
  }
  int checked = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (!entry.is_regular_file() || !name.ends_with(".metadata.json")) continue;
    auto json = nlohmann::json::parse(ReadFile(entry.path()));
    if (!json.contains("format-version")) continue;  // Avro header dumps share the suffix
    auto m = TableMetadata::FromJson(json);
    ASSERT_TRUE(m.has_value()) << entry.path() << ": " << m.error().ToString();
    CanonicalizeTypeStrings(json);
    EXPECT_EQ(m->ToJson(), json) << entry.path();
    ++checked;
  }
  EXPECT_GT(checked, 0);
}

TEST(TableMetadataTest, RefusesV3AndBadDocuments) {
  auto json = ResourceJson("table_metadata_v2.json");
  auto v3 = json;
  v3["format-version"] = 3;
  EXPECT_EQ(ErrorOf(TableMetadata::FromJson(v3)).kind(), ErrorKind::kNotSupported);

  auto no_location = json;
  no_location.erase("location");
  EXPECT_EQ(ErrorOf(TableMetadata::FromJson(no_location)).message(),
            "table metadata: missing required field 'location'");

  auto bad_schema = json;
  bad_schema["schemas"][1]["fields"][0]["type"] = "longer";
  EXPECT_EQ(ErrorOf(TableMetadata::FromJson(bad_schema)).message(),
            "schemas[1]: field 1 ('id'): unknown type 'longer'");

  auto bad_current = json;
  bad_current["current-schema-id"] = 7;
  EXPECT_EQ(ErrorOf(TableMetadata::FromJson(bad_current)).message(),
            "table metadata: current schema 7 is not among the schemas");

  auto bad_ref = json;
  bad_ref["refs"]["main"]["snapshot-id"] = 3051729675574597004;
  EXPECT_EQ(ErrorOf(TableMetadata::FromJson(bad_ref)).message(),
            "table metadata: the main branch (3051729675574597004) is not the current snapshot");

  auto bad_op = json;
  bad_op["snapshots"][0]["summary"]["operation"] = "merge";
  EXPECT_EQ(ErrorOf(TableMetadata::FromJson(bad_op)).message(),
            "snapshots[0]: snapshot 3051729675574597004: unknown operation 'merge'");

  auto no_seq = json;
  no_seq["snapshots"][0].erase("sequence-number");
  EXPECT_EQ(ErrorOf(TableMetadata::FromJson(no_seq)).message(),
            "table metadata: snapshot 3051729675574597004 has no sequence number (format v2)");

  auto bad_tag = json;
  bad_tag["refs"]["v1.0"]["min-snapshots-to-keep"] = 1;
  EXPECT_EQ(ErrorOf(TableMetadata::FromJson(bad_tag)).message(),
            "refs.v1.0: snapshot ref: a tag cannot have snapshot retention settings");

  auto wrong_type = json;
  wrong_type["last-column-id"] = "5";
  EXPECT_EQ(ErrorOf(TableMetadata::FromJson(wrong_type)).message(),
            "table metadata: 'last-column-id' must be an integer, got string");

  EXPECT_EQ(ErrorOf(TableMetadata::FromJsonString("{not json")).message(),
            "table metadata: malformed JSON");
}

// Replacing any node of a valid document by a value of another JSON type gives an error or a
// value, never an exception.
TEST(TableMetadataTest, MutatedDocumentsNeverThrow) {
  const auto original = ResourceJson("table_metadata_v2.json");
  std::vector<nlohmann::json::json_pointer> pointers;
  const auto flat = original.flatten();
  for (auto it = flat.begin(); it != flat.end(); ++it) {
    // Every ancestor of every leaf.
    auto ptr = nlohmann::json::json_pointer(std::string(it.key()));
    while (!ptr.empty()) {
      pointers.push_back(ptr);
      ptr = ptr.parent_pointer();
    }
  }
  const std::vector<nlohmann::json> replacements = {nullptr,
                                                    "x",
                                                    1,
                                                    -1,
                                                    1.5,
                                                    true,
                                                    nlohmann::json::array(),
                                                    nlohmann::json::object(),
                                                    nlohmann::json(18446744073709551615ULL)};
  int errors = 0;
  for (const auto& ptr : pointers) {
    for (const auto& r : replacements) {
      auto doc = original;
      doc[ptr] = r;
      EXPECT_NO_THROW({
        auto m = TableMetadata::FromJson(doc);
        if (!m) ++errors;
      }) << ptr.to_string();
    }
  }
  EXPECT_GT(errors, 0);
}

}  // namespace
}  // namespace floe::iceberg
