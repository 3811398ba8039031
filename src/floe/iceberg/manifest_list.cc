#include "floe/iceberg/manifest_list.h"

#include <charconv>
#include <string>
#include <string_view>
#include <utility>

#include "floe/iceberg/manifest_datum_internal.h"
#include "floe/iceberg/manifest_schema.h"

namespace floe::iceberg {
namespace {

Result<std::optional<int64_t>> HeaderLong(const avro::FileReader& r, std::string_view key) {
  auto text = r.FindMetadata(key);
  if (!text || *text == "null") return std::optional<int64_t>();
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size()) {
    return CorruptFile("manifest list header '{}' is not an integer: '{}'", key, *text);
  }
  return std::optional<int64_t>(v);
}

}  // namespace

Result<std::unique_ptr<ManifestListWriter>> ManifestListWriter::Make(
    avro::ByteSink sink, ManifestListWriterOptions options) {
  if (options.format_version != 1 && options.format_version != 2) {
    return NotSupported("manifest list format version {}", options.format_version);
  }
  FLOE_ASSIGN_OR_RETURN(auto schema,
                        avro::Schema::FromJson(ManifestFileAvroSchema(options.format_version)));
  avro::FileWriterOptions file_options;
  file_options.codec = options.codec;
  file_options.sync_marker = options.sync_marker;
  file_options.metadata.emplace_back("snapshot-id", std::to_string(options.snapshot_id));
  file_options.metadata.emplace_back(
      "parent-snapshot-id",
      options.parent_snapshot_id ? std::to_string(*options.parent_snapshot_id) : "null");
  if (options.format_version >= 2) {
    file_options.metadata.emplace_back("sequence-number", std::to_string(options.sequence_number));
  }
  file_options.metadata.emplace_back("format-version", std::to_string(options.format_version));
  FLOE_ASSIGN_OR_RETURN(auto writer,
                        avro::FileWriter::Make(std::move(schema), std::move(sink), file_options));
  return std::unique_ptr<ManifestListWriter>(new ManifestListWriter(options, std::move(writer)));
}

Status ManifestListWriter::Add(const ManifestFile& manifest) {
  if (manifest.manifest_path.empty()) return InvalidArgument("manifest without a path");
  if (options_.format_version == 1 && manifest.content != ManifestContent::kData) {
    return InvalidArgument("manifest {}: format v1 lists hold only data manifests",
                           manifest.manifest_path);
  }
  ManifestFile m = manifest;
  if (options_.format_version >= 2) {
    if (m.sequence_number == ManifestFile::kUnassignedSequenceNumber) {
      m.sequence_number = options_.sequence_number;
    }
    if (m.min_sequence_number == ManifestFile::kUnassignedSequenceNumber) {
      m.min_sequence_number = options_.sequence_number;
    }
  }
  return writer_->Append(internal::ManifestFileToDatum(options_.format_version, m));
}

Status ManifestListWriter::Close() { return writer_->Close(); }

Result<std::unique_ptr<ManifestListReader>> ManifestListReader::Open(
    std::span<const uint8_t> bytes) {
  FLOE_ASSIGN_OR_RETURN(auto file, avro::FileReader::Open(bytes));
  std::unique_ptr<ManifestListReader> reader(new ManifestListReader(std::move(file)));
  const avro::FileReader& r = *reader->reader_;
  FLOE_ASSIGN_OR_RETURN(auto version, HeaderLong(r, "format-version"));
  if (version) reader->format_version_ = static_cast<int>(*version);
  FLOE_ASSIGN_OR_RETURN(reader->snapshot_id_, HeaderLong(r, "snapshot-id"));
  FLOE_ASSIGN_OR_RETURN(reader->parent_snapshot_id_, HeaderLong(r, "parent-snapshot-id"));
  FLOE_ASSIGN_OR_RETURN(reader->sequence_number_, HeaderLong(r, "sequence-number"));
  return reader;
}

Result<std::vector<ManifestFile>> ManifestListReader::ReadAll() {
  std::vector<ManifestFile> out;
  avro::Datum record;
  const avro::Node& root = reader_->schema().root();
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool more, reader_->Next(&record));
    if (!more) break;
    FLOE_ASSIGN_OR_RETURN(ManifestFile m, internal::ManifestFileFromDatum(root, record));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace floe::iceberg
