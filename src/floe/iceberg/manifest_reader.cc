#include "floe/iceberg/manifest_reader.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "floe/iceberg/manifest_datum_internal.h"

namespace floe::iceberg {
namespace {

Result<int32_t> ParseInt(std::string_view key, std::string_view text) {
  int32_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return CorruptFile("manifest header '{}' is not an integer: '{}'", key, text);
  }
  return v;
}

}  // namespace

Result<std::unique_ptr<ManifestReader>> ManifestReader::Open(std::span<const uint8_t> bytes) {
  FLOE_ASSIGN_OR_RETURN(auto file, avro::FileReader::Open(bytes));
  std::unique_ptr<ManifestReader> reader(new ManifestReader(std::move(file)));
  const avro::FileReader& r = *reader->reader_;
  if (auto v = r.FindMetadata("format-version")) {
    FLOE_ASSIGN_OR_RETURN(reader->format_version_, ParseInt("format-version", *v));
  }
  if (auto v = r.FindMetadata("content")) {
    if (*v == "deletes") {
      reader->content_ = ManifestContent::kDeletes;
    } else if (*v != "data") {
      return CorruptFile("manifest header 'content' is '{}', not data or deletes", *v);
    }
  }
  if (auto v = r.FindMetadata("partition-spec-id")) {
    FLOE_ASSIGN_OR_RETURN(int32_t id, ParseInt("partition-spec-id", *v));
    reader->partition_spec_id_ = id;
  }
  const avro::Node& root = r.schema().root();
  if (root.type() != avro::Type::kRecord) return CorruptFile("manifest schema is not a record");
  for (const avro::Field& f : root.fields()) {
    if (f.field_id() == 3) reader->has_sequence_numbers_ = true;
  }
  return reader;
}

Result<Schema> ManifestReader::schema() const {
  auto text = reader_->FindMetadata("schema");
  if (!text) return NotFound("manifest header has no 'schema'");
  auto json = nlohmann::json::parse(std::string(*text), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return CorruptFile("manifest header 'schema' is not JSON");
  return Schema::FromJson(json);
}

Result<PartitionSpec> ManifestReader::partition_spec() const {
  auto text = reader_->FindMetadata("partition-spec");
  if (!text) return NotFound("manifest header has no 'partition-spec'");
  auto json = nlohmann::json::parse(std::string(*text), nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return CorruptFile("manifest header 'partition-spec' is not JSON");
  return PartitionSpec::FromFieldsJson(partition_spec_id_.value_or(0), json);
}

Result<std::vector<ManifestEntry>> ManifestReader::ReadRawEntries() {
  std::vector<ManifestEntry> entries;
  avro::Datum record;
  const avro::Node& root = reader_->schema().root();
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool more, reader_->Next(&record));
    if (!more) break;
    FLOE_ASSIGN_OR_RETURN(ManifestEntry e, internal::ManifestEntryFromDatum(root, record));
    entries.push_back(std::move(e));
  }
  return entries;
}

Result<std::vector<ManifestEntry>> ManifestReader::ReadEntries(const ManifestFile& manifest) {
  FLOE_ASSIGN_OR_RETURN(auto entries, ReadRawEntries());
  InheritManifestEntryFields(manifest, has_sequence_numbers_, entries);
  return entries;
}

void InheritManifestEntryFields(const ManifestFile& manifest, bool has_sequence_numbers,
                                std::vector<ManifestEntry>& entries) {
  for (ManifestEntry& e : entries) {
    if (!e.snapshot_id) e.snapshot_id = manifest.added_snapshot_id;
    if (!has_sequence_numbers) {
      e.sequence_number = e.sequence_number.value_or(0);
      e.file_sequence_number = e.file_sequence_number.value_or(0);
      continue;
    }
    bool can_inherit = e.status == ManifestEntryStatus::kAdded &&
                       manifest.sequence_number != ManifestFile::kUnassignedSequenceNumber;
    if (can_inherit) {
      if (!e.sequence_number) e.sequence_number = manifest.sequence_number;
      if (!e.file_sequence_number) e.file_sequence_number = manifest.sequence_number;
    }
  }
}

}  // namespace floe::iceberg
