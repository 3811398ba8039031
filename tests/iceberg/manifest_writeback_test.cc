// Writes every manifest and manifest list of the third-party tables in FLOE_FIXTURES (Spark,
// Iceberg Java, Athena) back with our writers, then checks that what we wrote is equivalent to
// the original three ways: through our readers (every entry and ManifestFile field), through the
// Avro header keys (JSON values compared as JSON), and as generic Avro datums matched by field id
// (names differ between writers: Java's lists say added_data_files_count, the spec
// added_files_count). Also re-reads every fixture metadata JSON from our own serialization.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "floe/format/avro/datum.h"
#include "floe/format/avro/datum_json.h"
#include "floe/format/avro/file_reader.h"
#include "floe/format/avro/schema.h"
#include "floe/iceberg/manifest_list.h"
#include "floe/iceberg/manifest_reader.h"
#include "floe/iceberg/manifest_writer.h"
#include "floe/iceberg/table_metadata.h"
#include "iceberg/test_util.h"
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
    GTEST_SKIP() << "FLOE_FIXTURES is unset or not a folder; set it to ../shared/fixtures"; \
  }

std::vector<uint8_t> ReadBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::string Basename(const std::string& path) { return path.substr(path.rfind('/') + 1); }

bool IsManifestList(const fs::path& path) { return path.filename().string().starts_with("snap-"); }

// The fixtures' .avro files, manifest lists or manifests, in a stable order.
std::vector<fs::path> AvroFiles(const fs::path& dir, bool lists) {
  std::vector<fs::path> out;
  for (const auto& item : fs::recursive_directory_iterator(dir)) {
    if (item.path().extension() == ".avro" && IsManifestList(item.path()) == lists) {
      out.push_back(item.path());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Every manifest as its table's manifest lists record it, keyed by the manifest's local path
// (lists name manifests by their s3:// location; the manifest lies beside the list).
std::map<fs::path, ManifestFile> ListedManifests(const fs::path& dir) {
  std::map<fs::path, ManifestFile> out;
  for (const fs::path& list_path : AvroFiles(dir, /*lists=*/true)) {
    std::vector<uint8_t> bytes = ReadBytes(list_path);
    auto list = ManifestListReader::Open(bytes);
    if (!list.has_value()) continue;  // EveryManifestListWritesBackEquivalent reports it
    auto manifests = (*list)->ReadAll();
    if (!manifests.has_value()) continue;
    for (ManifestFile& m : *manifests) {
      out.emplace(list_path.parent_path() / Basename(m.manifest_path), std::move(m));
    }
  }
  return out;
}

std::string PartitionString(const std::vector<Literal>& partition) {
  std::string out = "(";
  for (size_t i = 0; i < partition.size(); ++i) {
    out += (i > 0 ? ", " : "") + partition[i].ToString();
  }
  return out + ")";
}

void ExpectSameEntry(const ManifestEntry& want, const ManifestEntry& got) {
  const DataFile& w = want.data_file;
  const DataFile& g = got.data_file;
  SCOPED_TRACE(w.file_path);
  EXPECT_EQ(got.status, want.status);
  EXPECT_EQ(got.snapshot_id, want.snapshot_id);
  EXPECT_EQ(got.sequence_number, want.sequence_number);
  EXPECT_EQ(got.file_sequence_number, want.file_sequence_number);
  EXPECT_EQ(g.content, w.content);
  EXPECT_EQ(g.file_path, w.file_path);
  EXPECT_EQ(g.file_format, w.file_format);
  EXPECT_TRUE(g.partition == w.partition)
      << PartitionString(g.partition) << " != " << PartitionString(w.partition);
  EXPECT_EQ(g.record_count, w.record_count);
  EXPECT_EQ(g.file_size_in_bytes, w.file_size_in_bytes);
  EXPECT_EQ(g.column_sizes, w.column_sizes);
  EXPECT_EQ(g.value_counts, w.value_counts);
  EXPECT_EQ(g.null_value_counts, w.null_value_counts);
  EXPECT_EQ(g.nan_value_counts, w.nan_value_counts);
  EXPECT_EQ(g.lower_bounds, w.lower_bounds);
  EXPECT_EQ(g.upper_bounds, w.upper_bounds);
  EXPECT_EQ(g.key_metadata, w.key_metadata);
  EXPECT_EQ(g.split_offsets, w.split_offsets);
  EXPECT_EQ(g.equality_ids, w.equality_ids);
  EXPECT_EQ(g.sort_order_id, w.sort_order_id);
  EXPECT_EQ(g.referenced_data_file, w.referenced_data_file);
  // Catches any field added to the model after this test was written.
  EXPECT_TRUE(got == want);
}

void ExpectSameManifestFile(const ManifestFile& want, const ManifestFile& got) {
  SCOPED_TRACE(want.manifest_path);
  EXPECT_EQ(got.manifest_path, want.manifest_path);
  EXPECT_EQ(got.manifest_length, want.manifest_length);
  EXPECT_EQ(got.partition_spec_id, want.partition_spec_id);
  EXPECT_EQ(got.content, want.content);
  EXPECT_EQ(got.sequence_number, want.sequence_number);
  EXPECT_EQ(got.min_sequence_number, want.min_sequence_number);
  EXPECT_EQ(got.added_snapshot_id, want.added_snapshot_id);
  EXPECT_EQ(got.added_files_count, want.added_files_count);
  EXPECT_EQ(got.existing_files_count, want.existing_files_count);
  EXPECT_EQ(got.deleted_files_count, want.deleted_files_count);
  EXPECT_EQ(got.added_rows_count, want.added_rows_count);
  EXPECT_EQ(got.existing_rows_count, want.existing_rows_count);
  EXPECT_EQ(got.deleted_rows_count, want.deleted_rows_count);
  ASSERT_EQ(got.partitions.size(), want.partitions.size());
  for (size_t i = 0; i < want.partitions.size(); ++i) {
    SCOPED_TRACE("partition field summary " + std::to_string(i));
    EXPECT_EQ(got.partitions[i].contains_null, want.partitions[i].contains_null);
    EXPECT_EQ(got.partitions[i].contains_nan, want.partitions[i].contains_nan);
    EXPECT_EQ(got.partitions[i].lower_bound, want.partitions[i].lower_bound);
    EXPECT_EQ(got.partitions[i].upper_bound, want.partitions[i].upper_bound);
  }
  EXPECT_EQ(got.key_metadata, want.key_metadata);
  EXPECT_TRUE(got == want);
}

// --- Avro header keys -------------------------------------------------------------------------

// A header value parsed as JSON; discarded (is_discarded()) when absent or not JSON.
nlohmann::json HeaderJson(const avro::FileReader& file, std::string_view key) {
  auto text = file.FindMetadata(key);
  if (!text) return nlohmann::json(nlohmann::json::value_t::discarded);
  return nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
}

// Writers differ in how they space "decimal(P, S)" (Iceberg Java puts a space); floe writes the
// spec's "decimal(P,S)". Both parse to the same type (also checked through Schema equality).
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

// Each key must be in the written header as JSON; where the original has it too, the two must be
// equal as JSON values once type strings are canonical.
void ExpectJsonHeaderKeys(const avro::FileReader& original, const avro::FileReader& written,
                          std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    SCOPED_TRACE(std::string("header key ") + std::string(key));
    nlohmann::json got = HeaderJson(written, key);
    ASSERT_FALSE(got.is_discarded()) << "missing or not JSON in the written file";
    if (!original.FindMetadata(key)) continue;
    nlohmann::json want = HeaderJson(original, key);
    ASSERT_FALSE(want.is_discarded()) << "not JSON in the original";
    CanonicalizeTypeStrings(got);
    CanonicalizeTypeStrings(want);
    EXPECT_EQ(got, want) << "written: " << got.dump() << "\noriginal: " << want.dump();
  }
}

void ExpectManifestHeader(const avro::FileReader& original, const avro::FileReader& written,
                          int format_version) {
  ExpectJsonHeaderKeys(
      original, written,
      {"schema", "schema-id", "partition-spec", "partition-spec-id", "format-version"});
  // Iceberg Java does not write "schema-id" (the id is inside "schema"); ours must agree with it.
  if (!original.FindMetadata("schema-id")) {
    nlohmann::json schema = HeaderJson(original, "schema");
    ASSERT_TRUE(schema.is_object() && schema.contains("schema-id"));
    EXPECT_EQ(HeaderJson(written, "schema-id"), schema["schema-id"]);
  }
  // "content" is a bare word ("data" or "deletes"), not JSON.
  if (format_version >= 2) {
    auto got = written.FindMetadata("content");
    ASSERT_TRUE(got.has_value()) << "written header has no 'content'";
    EXPECT_EQ(*got, original.FindMetadata("content").value_or("data"));
  }
  // Keys the spec does not define (Java's "iceberg.schema", the Iceberg form of the Avro schema)
  // are not written back; the Avro schema itself is in avro.schema.
}

// --- Generic Avro datums ----------------------------------------------------------------------

// Compares an original file's records with the written file's, matching record fields by
// Iceberg field id (by name where a field has none) and Iceberg maps (arrays of key/value
// records) by key, since their order is the writer's choice.
//
// One difference is allowed and recorded: an optional map or list that is empty in one file and
// null in the other. The spec gives both the same meaning (no metrics for any column; no split
// offsets), and DataFile keeps such fields as plain maps and vectors, so an empty one is written
// as null. Iceberg Java writes an empty nan_value_counts for tables without float columns.
class DatumComparison {
 public:
  // Original fields that the written schema lacks, by path.
  std::set<std::string> dropped;
  // Optional maps and lists, by path, that are empty in one file and null in the other.
  std::set<std::string> empty_as_null;
  std::vector<std::string> differences;

  void Compare(const avro::Node& a_node, const avro::Datum& a, const avro::Node& b_node,
               const avro::Datum& b, const std::string& path) {
    if (a.is_null() || b.is_null()) {
      if (a.is_null() == b.is_null()) return;
      const avro::Datum& other = a.is_null() ? b : a;
      if (other.kind() == avro::Datum::Kind::kArray && other.items().empty()) {
        empty_as_null.insert(WithoutRecordNumber(path));
      } else {
        Differ(path, a_node, a, b_node, b);
      }
      return;
    }
    const avro::Node* an = Branch(a_node, a, path);
    const avro::Node* bn = Branch(b_node, b, path);
    if (an == nullptr || bn == nullptr) return;
    if (an->type() != bn->type()) {
      differences.push_back(TypeChange(path, *an, *bn));
      return;
    }
    switch (an->type()) {
      case avro::Type::kRecord:
        CompareRecords(*an, a, *bn, b, path);
        return;
      case avro::Type::kArray:
        if (IsIcebergMap(*an) && IsIcebergMap(*bn)) {
          CompareMaps(*an, a, *bn, b, path);
        } else if (a.items().size() != b.items().size()) {
          Differ(path, *an, a, *bn, b);
        } else {
          for (size_t i = 0; i < a.items().size(); ++i) {
            Compare(an->items(), a.items()[i], bn->items(), b.items()[i],
                    path + "[" + std::to_string(i) + "]");
          }
        }
        return;
      default:
        if (!(a == b)) Differ(path, *an, a, *bn, b);
        return;
    }
  }

 private:
  // "record 3.data_file.x" -> "data_file.x".
  static std::string WithoutRecordNumber(const std::string& path) {
    size_t dot = path.find('.');
    return dot == std::string::npos ? path : path.substr(dot + 1);
  }

  static std::string TypeChange(const std::string& path, const avro::Node& a, const avro::Node& b) {
    return path + ": Avro type " + std::string(avro::TypeName(a.type())) + " became " +
           std::string(avro::TypeName(b.type()));
  }

  const avro::Node* Branch(const avro::Node& node, const avro::Datum& datum,
                           const std::string& path) {
    if (node.type() != avro::Type::kUnion) return &node;
    int32_t b = datum.union_branch();
    if (b < 0 || static_cast<size_t>(b) >= node.branch_count()) {
      differences.push_back(path + ": union value without a branch");
      return nullptr;
    }
    return &node.branch(static_cast<size_t>(b));
  }

  void Differ(const std::string& path, const avro::Node& a_node, const avro::Datum& a,
              const avro::Node& b_node, const avro::Datum& b) {
    differences.push_back(path + ": original " + avro::DatumToJson(a_node, a).dump() +
                          ", written " + avro::DatumToJson(b_node, b).dump());
  }

  static std::string FieldKey(const avro::Field& f) {
    auto id = f.field_id();
    return id ? "id " + std::to_string(*id) : "name " + f.name;
  }

  void CompareRecords(const avro::Node& an, const avro::Datum& a, const avro::Node& bn,
                      const avro::Datum& b, const std::string& path) {
    std::map<std::string, size_t> b_fields;
    for (size_t i = 0; i < bn.fields().size(); ++i) b_fields[FieldKey(bn.fields()[i])] = i;
    std::set<std::string> matched;
    for (size_t i = 0; i < an.fields().size(); ++i) {
      const avro::Field& f = an.fields()[i];
      std::string field_path = path + "." + f.name;
      auto it = b_fields.find(FieldKey(f));
      if (it == b_fields.end()) {
        dropped.insert(field_path);
        continue;
      }
      matched.insert(it->first);
      Compare(*f.node, a.fields()[i], *bn.fields()[it->second].node, b.fields()[it->second],
              field_path);
    }
    // Fields our schema has and the original's lacks (e.g. referenced_data_file, 143, which
    // older writers omit) stand for nulls in the original.
    for (const auto& [key, i] : b_fields) {
      if (matched.contains(key) || b.fields()[i].is_null()) continue;
      differences.push_back(path + "." + bn.fields()[i].name +
                            ": not in the original, but written as " +
                            avro::DatumToJson(*bn.fields()[i].node, b.fields()[i]).dump());
    }
  }

  static bool IsIcebergMap(const avro::Node& array) {
    const avro::Node& item = array.items();
    return item.type() == avro::Type::kRecord && item.fields().size() == 2 &&
           item.FieldIndex("key") >= 0 && item.FieldIndex("value") >= 0;
  }

  void CompareMaps(const avro::Node& an, const avro::Datum& a, const avro::Node& bn,
                   const avro::Datum& b, const std::string& path) {
    // key JSON -> the value's node and datum.
    using Entries = std::map<std::string, std::pair<const avro::Node*, const avro::Datum*>>;
    auto entries = [](const avro::Node& array, const avro::Datum& d) {
      const avro::Node& item = array.items();
      auto k = static_cast<size_t>(item.FieldIndex("key"));
      auto v = static_cast<size_t>(item.FieldIndex("value"));
      Entries out;
      for (const avro::Datum& kv : d.items()) {
        std::string key = avro::DatumToJson(*item.fields()[k].node, kv.fields()[k]).dump();
        out[key] = {item.fields()[v].node, &kv.fields()[v]};
      }
      return out;
    };
    Entries ae = entries(an, a);
    Entries be = entries(bn, b);
    if (ae.size() != a.items().size() || be.size() != b.items().size()) {
      differences.push_back(path + ": repeated map keys");
    }
    for (const auto& [key, value] : ae) {
      auto it = be.find(key);
      if (it == be.end()) {
        differences.push_back(path + "{" + key + "}: missing from the written file");
        continue;
      }
      Compare(*value.first, *value.second, *it->second.first, *it->second.second,
              path + "{" + key + "}");
    }
    for (const auto& [key, value] : be) {
      if (!ae.contains(key)) differences.push_back(path + "{" + key + "}: not in the original");
    }
  }
};

// Decodes both files generically and compares them record by record.
void ExpectSameDatums(std::span<const uint8_t> original, std::span<const uint8_t> written) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto a, avro::FileReader::Open(original));
  FLOE_ASSERT_OK_AND_ASSIGN(auto b, avro::FileReader::Open(written));
  DatumComparison comparison;
  avro::Datum ra;
  avro::Datum rb;
  int64_t records = 0;
  while (true) {
    FLOE_ASSERT_OK_AND_ASSIGN(bool more_a, a->Next(&ra));
    FLOE_ASSERT_OK_AND_ASSIGN(bool more_b, b->Next(&rb));
    ASSERT_EQ(more_a, more_b) << "record counts differ after " << records << " records";
    if (!more_a) break;
    comparison.Compare(a->schema().root(), ra, b->schema().root(), rb,
                       "record " + std::to_string(records));
    ++records;
  }
  EXPECT_GT(records, 0);
  EXPECT_THAT(comparison.differences, ::testing::IsEmpty());
  // Our schemas hold every field of the spec (v2), so nothing the fixtures hold is dropped; a
  // field here would be one the spec does not define, which must then be named in this test.
  EXPECT_THAT(comparison.dropped, ::testing::IsEmpty());
  // See DatumComparison: only metrics maps, split offsets and equality ids may turn from empty
  // to null.
  EXPECT_THAT(comparison.empty_as_null,
              ::testing::Each(::testing::AnyOf(
                  "data_file.column_sizes", "data_file.value_counts", "data_file.null_value_counts",
                  "data_file.nan_value_counts", "data_file.lower_bounds", "data_file.upper_bounds",
                  "data_file.split_offsets", "data_file.equality_ids")));
}

// --- Manifests --------------------------------------------------------------------------------

void CheckManifestWriteback(const fs::path& path, const ManifestFile* listed) {
  std::vector<uint8_t> original = ReadBytes(path);
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, ManifestReader::Open(original));
  FLOE_ASSERT_OK_AND_ASSIGN(Schema schema, reader->schema());
  FLOE_ASSERT_OK_AND_ASSIGN(PartitionSpec spec, reader->partition_spec());
  // As stored: null snapshot ids and sequence numbers stay null, to be inherited again.
  FLOE_ASSERT_OK_AND_ASSIGN(std::vector<ManifestEntry> entries, reader->ReadRawEntries());
  ASSERT_FALSE(entries.empty());

  ManifestWriterOptions options;
  options.format_version = reader->format_version();
  options.content = reader->content();
  // A manifest's header does not carry its snapshot; the manifest list's entry does.
  if (listed != nullptr) options.snapshot_id = listed->added_snapshot_id;
  options.codec = reader->avro_reader().codec();
  std::vector<uint8_t> written;
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer,
                            ManifestWriter::Make(schema, spec, avro::SinkTo(&written), options));
  for (const ManifestEntry& e : entries) FLOE_ASSERT_OK(writer->Write(e));
  std::string manifest_path = listed != nullptr ? listed->manifest_path : path.string();
  FLOE_ASSERT_OK_AND_ASSIGN(ManifestFile summary, writer->Close(manifest_path));
  EXPECT_EQ(summary.manifest_length, static_cast<int64_t>(written.size()));

  // Our summary of the manifest agrees with what the original writer put in the list, once
  // the list writer resolves the sequence numbers left for it.
  if (listed != nullptr) {
    ManifestFile expected = *listed;
    expected.manifest_length = summary.manifest_length;
    if (summary.sequence_number == ManifestFile::kUnassignedSequenceNumber) {
      summary.sequence_number = listed->sequence_number;
    }
    if (summary.min_sequence_number == ManifestFile::kUnassignedSequenceNumber) {
      summary.min_sequence_number = listed->sequence_number;
    }
    SCOPED_TRACE("summary returned by ManifestWriter::Close");
    ExpectSameManifestFile(expected, summary);
  }

  FLOE_ASSERT_OK_AND_ASSIGN(auto reread, ManifestReader::Open(written));
  EXPECT_EQ(reread->format_version(), reader->format_version());
  EXPECT_EQ(reread->content(), reader->content());
  EXPECT_EQ(reread->partition_spec_id(), reader->partition_spec_id());
  FLOE_ASSERT_OK_AND_ASSIGN(Schema reread_schema, reread->schema());
  EXPECT_TRUE(reread_schema == schema) << reread_schema.ToString() << "\n" << schema.ToString();
  FLOE_ASSERT_OK_AND_ASSIGN(PartitionSpec reread_spec, reread->partition_spec());
  EXPECT_EQ(reread_spec, spec) << reread_spec.ToString() << "\n" << spec.ToString();
  ExpectManifestHeader(reader->avro_reader(), reread->avro_reader(), reader->format_version());

  FLOE_ASSERT_OK_AND_ASSIGN(std::vector<ManifestEntry> back, reread->ReadRawEntries());
  ASSERT_EQ(back.size(), entries.size());
  for (size_t i = 0; i < entries.size(); ++i) ExpectSameEntry(entries[i], back[i]);

  // Inheritance from the list reads the same from both files.
  if (listed != nullptr) {
    FLOE_ASSERT_OK_AND_ASSIGN(auto a, ManifestReader::Open(original));
    FLOE_ASSERT_OK_AND_ASSIGN(auto b, ManifestReader::Open(written));
    FLOE_ASSERT_OK_AND_ASSIGN(auto inherited_a, a->ReadEntries(*listed));
    FLOE_ASSERT_OK_AND_ASSIGN(auto inherited_b, b->ReadEntries(*listed));
    ASSERT_EQ(inherited_b.size(), inherited_a.size());
    for (size_t i = 0; i < inherited_a.size(); ++i) {
      SCOPED_TRACE("with inheritance");
      ExpectSameEntry(inherited_a[i], inherited_b[i]);
    }
  }

  ExpectSameDatums(original, written);
}

TEST(ManifestWritebackTest, EveryManifestWritesBackEquivalent) {
  FLOE_SKIP_WITHOUT_FIXTURES(dir);
  std::map<fs::path, ManifestFile> listed = ListedManifests(dir);
  int checked = 0;
  int with_list_entry = 0;
  for (const fs::path& path : AvroFiles(dir, /*lists=*/false)) {
    SCOPED_TRACE(path.string());
    auto it = listed.find(path);
    if (it != listed.end()) ++with_list_entry;
    CheckManifestWriteback(path, it != listed.end() ? &it->second : nullptr);
    ++checked;
  }
  // 11 manifests today (Spark, Iceberg Java, Athena), every one named by some manifest list.
  EXPECT_GE(checked, 11);
  EXPECT_EQ(with_list_entry, checked);
}

// --- Manifest lists ---------------------------------------------------------------------------

void CheckManifestListWriteback(const fs::path& path) {
  std::vector<uint8_t> original = ReadBytes(path);
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, ManifestListReader::Open(original));
  ASSERT_TRUE(reader->snapshot_id().has_value());
  FLOE_ASSERT_OK_AND_ASSIGN(std::vector<ManifestFile> manifests, reader->ReadAll());
  ASSERT_FALSE(manifests.empty());

  ManifestListWriterOptions options;
  options.format_version = reader->format_version();
  options.snapshot_id = *reader->snapshot_id();
  options.parent_snapshot_id = reader->parent_snapshot_id();
  options.sequence_number = reader->sequence_number().value_or(0);
  options.codec = reader->avro_reader().codec();
  std::vector<uint8_t> written;
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer, ManifestListWriter::Make(avro::SinkTo(&written), options));
  for (const ManifestFile& m : manifests) FLOE_ASSERT_OK(writer->Add(m));
  FLOE_ASSERT_OK(writer->Close());
  EXPECT_EQ(writer->bytes_written(), written.size());

  FLOE_ASSERT_OK_AND_ASSIGN(auto reread, ManifestListReader::Open(written));
  EXPECT_EQ(reread->format_version(), reader->format_version());
  EXPECT_EQ(reread->snapshot_id(), reader->snapshot_id());
  EXPECT_EQ(reread->parent_snapshot_id(), reader->parent_snapshot_id());
  EXPECT_EQ(reread->sequence_number(), reader->sequence_number());
  std::vector<std::string_view> keys = {"snapshot-id", "parent-snapshot-id", "format-version"};
  if (reader->format_version() >= 2) keys.push_back("sequence-number");
  for (std::string_view key : keys) {
    SCOPED_TRACE(std::string("header key ") + std::string(key));
    nlohmann::json got = HeaderJson(reread->avro_reader(), key);
    ASSERT_FALSE(got.is_discarded()) << "missing or not JSON in the written file";
    // Athena and Java write "null" for a missing parent; so do we.
    EXPECT_EQ(got, HeaderJson(reader->avro_reader(), key));
  }

  FLOE_ASSERT_OK_AND_ASSIGN(std::vector<ManifestFile> back, reread->ReadAll());
  ASSERT_EQ(back.size(), manifests.size());
  for (size_t i = 0; i < manifests.size(); ++i) ExpectSameManifestFile(manifests[i], back[i]);

  ExpectSameDatums(original, written);
}

TEST(ManifestWritebackTest, EveryManifestListWritesBackEquivalent) {
  FLOE_SKIP_WITHOUT_FIXTURES(dir);
  int checked = 0;
  for (const fs::path& path : AvroFiles(dir, /*lists=*/true)) {
    SCOPED_TRACE(path.string());
    CheckManifestListWriteback(path);
    ++checked;
  }
  // 9 manifest lists today.
  EXPECT_GE(checked, 9);
}

// --- Table metadata ---------------------------------------------------------------------------

// TableMetadataTest.FixturesRoundTrip checks that our JSON equals the fixture's; this checks that
// our JSON text also parses back to the same metadata.
TEST(ManifestWritebackTest, EveryMetadataJsonReadsBackFromOurJson) {
  FLOE_SKIP_WITHOUT_FIXTURES(dir);
  int checked = 0;
  for (const auto& item : fs::recursive_directory_iterator(dir)) {
    if (!item.path().filename().string().ends_with(".metadata.json")) continue;
    std::ifstream in(item.path());
    std::string text((std::istreambuf_iterator<char>(in)), {});
    auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    // Avro header dumps share the suffix.
    if (json.is_discarded() || !json.contains("format-version")) continue;
    SCOPED_TRACE(item.path().string());
    FLOE_ASSERT_OK_AND_ASSIGN(TableMetadata original, TableMetadata::FromJsonString(text));
    FLOE_ASSERT_OK_AND_ASSIGN(TableMetadata back,
                              TableMetadata::FromJsonString(original.ToJsonString()));
    EXPECT_TRUE(back == original) << back.ToJsonString();
    ++checked;
  }
  // 15 metadata files today: Spark (8), Iceberg Java (5), Athena (2).
  EXPECT_GE(checked, 15);
}

}  // namespace
}  // namespace floe::iceberg
