#include "floe/iceberg/manifest_writer.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "floe/iceberg/manifest_datum_internal.h"
#include "floe/iceberg/manifest_schema.h"
#include "floe/iceberg/single_value.h"

namespace floe::iceberg {
namespace {

template <typename T>
int Three(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

template <typename F>
int CompareFloating(F a, F b) {
  if (a < b) return -1;
  if (b < a) return 1;
  // -0.0 before +0.0, as IEEE 754 totalOrder.
  return Three(!std::signbit(a), !std::signbit(b));
}

bool IsNaN(const Literal& v) {
  if (v.type_id() == TypeId::kFloat) return std::isnan(v.float_value());
  if (v.type_id() == TypeId::kDouble) return std::isnan(v.double_value());
  return false;
}

// Orders two non-null partition values of the same type: negative, zero or positive. Floats
// order -0.0 before +0.0; strings and binary compare as unsigned bytes.
int ComparePartitionValues(const Literal& a, const Literal& b) {
  switch (a.type_id()) {
    case TypeId::kBoolean:
      return Three(a.bool_value(), b.bool_value());
    case TypeId::kInt:
    case TypeId::kDate:
      return Three(a.int_value(), b.int_value());
    case TypeId::kLong:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      return Three(a.long_value(), b.long_value());
    case TypeId::kFloat:
      return CompareFloating(a.float_value(), b.float_value());
    case TypeId::kDouble:
      return CompareFloating(a.double_value(), b.double_value());
    case TypeId::kDecimal:
      return Three(a.decimal_value().unscaled, b.decimal_value().unscaled);
    case TypeId::kString: {
      // UTF-8 byte order equals code point order.
      int c = a.string_value().compare(b.string_value());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case TypeId::kUuid:
      return Three(a.uuid_value(), b.uuid_value());
    case TypeId::kFixed:
    case TypeId::kBinary:
      return Three(a.bytes_value(), b.bytes_value());
    default:
      return 0;
  }
}

}  // namespace

Result<std::unique_ptr<ManifestWriter>> ManifestWriter::Make(const Schema& schema,
                                                             const PartitionSpec& spec,
                                                             avro::ByteSink sink,
                                                             ManifestWriterOptions options) {
  if (options.format_version != 1 && options.format_version != 2) {
    return NotSupported("manifest format version {}", options.format_version);
  }
  if (options.format_version == 1) {
    if (options.content != ManifestContent::kData) {
      return InvalidArgument("format v1 has no delete manifests");
    }
    if (!options.snapshot_id) return InvalidArgument("v1 manifests need a snapshot id");
  }
  FLOE_ASSIGN_OR_RETURN(auto partition_type, spec.PartitionType(schema));
  FLOE_ASSIGN_OR_RETURN(auto avro_json,
                        ManifestEntryAvroSchema(options.format_version, *partition_type));
  FLOE_ASSIGN_OR_RETURN(auto avro_schema, avro::Schema::FromJson(avro_json));

  avro::FileWriterOptions file_options;
  file_options.codec = options.codec;
  file_options.sync_marker = options.sync_marker;
  file_options.metadata = {
      {"schema", schema.ToJson().dump()},
      {"schema-id", std::to_string(schema.schema_id())},
      {"partition-spec", spec.FieldsToJson().dump()},
      {"partition-spec-id", std::to_string(spec.spec_id())},
      {"format-version", std::to_string(options.format_version)},
  };
  if (options.format_version >= 2) {
    file_options.metadata.emplace_back("content",
                                       std::string(ManifestContentName(options.content)));
  }
  FLOE_ASSIGN_OR_RETURN(
      auto writer, avro::FileWriter::Make(std::move(avro_schema), std::move(sink), file_options));
  return std::unique_ptr<ManifestWriter>(new ManifestWriter(
      std::move(options), spec.spec_id(), std::move(partition_type), std::move(writer)));
}

ManifestWriter::ManifestWriter(ManifestWriterOptions options, int32_t spec_id,
                               std::shared_ptr<const StructType> partition_type,
                               std::unique_ptr<avro::FileWriter> writer)
    : options_(std::move(options)),
      spec_id_(spec_id),
      partition_type_(std::move(partition_type)),
      writer_(std::move(writer)),
      field_stats_(partition_type_->fields().size()) {}

Status ManifestWriter::WriteAdded(const DataFile& file,
                                  std::optional<int64_t> data_sequence_number) {
  ManifestEntry entry;
  entry.status = ManifestEntryStatus::kAdded;
  entry.snapshot_id = options_.snapshot_id;
  entry.sequence_number = data_sequence_number;
  entry.data_file = file;
  return Write(entry);
}

Status ManifestWriter::WriteExisting(const DataFile& file, int64_t snapshot_id,
                                     int64_t sequence_number, int64_t file_sequence_number) {
  ManifestEntry entry;
  entry.status = ManifestEntryStatus::kExisting;
  entry.snapshot_id = snapshot_id;
  entry.sequence_number = sequence_number;
  entry.file_sequence_number = file_sequence_number;
  entry.data_file = file;
  return Write(entry);
}

Status ManifestWriter::WriteDeleted(const DataFile& file, int64_t sequence_number,
                                    int64_t file_sequence_number) {
  ManifestEntry entry;
  entry.status = ManifestEntryStatus::kDeleted;
  entry.snapshot_id = options_.snapshot_id;
  entry.sequence_number = sequence_number;
  entry.file_sequence_number = file_sequence_number;
  entry.data_file = file;
  return Write(entry);
}

Status ManifestWriter::Write(const ManifestEntry& entry) {
  if (closed_) return InvalidArgument("manifest writer is closed");
  const DataFile& f = entry.data_file;
  FLOE_RETURN_IF_ERROR(f.Validate());
  bool is_data = f.content == DataFileContent::kData;
  if (is_data != (options_.content == ManifestContent::kData)) {
    return InvalidArgument("{} file {} in a {} manifest", DataFileContentName(f.content),
                           f.file_path, ManifestContentName(options_.content));
  }
  if (options_.format_version == 1 && !entry.snapshot_id) {
    return InvalidArgument("data file {}: v1 manifest entries need a snapshot id", f.file_path);
  }
  if (entry.status != ManifestEntryStatus::kAdded &&
      (!entry.sequence_number || !entry.file_sequence_number) && options_.format_version >= 2) {
    return InvalidArgument("data file {}: existing and deleted entries need sequence numbers",
                           f.file_path);
  }
  FLOE_ASSIGN_OR_RETURN(avro::Datum datum, internal::ManifestEntryToDatum(options_.format_version,
                                                                          entry, *partition_type_));
  FLOE_RETURN_IF_ERROR(writer_->Append(datum));
  return UpdateStats(entry);
}

Status ManifestWriter::UpdateStats(const ManifestEntry& entry) {
  const DataFile& f = entry.data_file;
  switch (entry.status) {
    case ManifestEntryStatus::kAdded:
      ++added_files_;
      added_rows_ += f.record_count;
      break;
    case ManifestEntryStatus::kExisting:
      ++existing_files_;
      existing_rows_ += f.record_count;
      break;
    case ManifestEntryStatus::kDeleted:
      ++deleted_files_;
      deleted_rows_ += f.record_count;
      break;
  }
  if (entry.is_live() && entry.sequence_number) {
    min_sequence_number_ =
        std::min(min_sequence_number_.value_or(*entry.sequence_number), *entry.sequence_number);
  }
  for (size_t i = 0; i < f.partition.size(); ++i) {
    const Literal& v = f.partition[i];
    FieldStats& s = field_stats_[i];
    if (v.is_null()) {
      s.contains_null = true;
    } else if (IsNaN(v)) {
      s.contains_nan = true;
    } else {
      if (!s.lower || ComparePartitionValues(v, *s.lower) < 0) s.lower = v;
      if (!s.upper || ComparePartitionValues(v, *s.upper) > 0) s.upper = v;
    }
  }
  return OkStatus();
}

Result<ManifestFile> ManifestWriter::Close(std::string manifest_path) {
  if (closed_) return InvalidArgument("manifest writer is already closed");
  closed_ = true;
  FLOE_RETURN_IF_ERROR(writer_->Close());
  ManifestFile m;
  m.manifest_path = std::move(manifest_path);
  m.manifest_length = static_cast<int64_t>(writer_->bytes_written());
  m.partition_spec_id = spec_id_;
  m.content = options_.content;
  if (options_.format_version == 1) {
    m.sequence_number = 0;
    m.min_sequence_number = 0;
  } else {
    m.min_sequence_number = min_sequence_number_.value_or(ManifestFile::kUnassignedSequenceNumber);
  }
  m.added_snapshot_id = options_.snapshot_id.value_or(0);
  m.added_files_count = added_files_;
  m.existing_files_count = existing_files_;
  m.deleted_files_count = deleted_files_;
  m.added_rows_count = added_rows_;
  m.existing_rows_count = existing_rows_;
  m.deleted_rows_count = deleted_rows_;
  for (const FieldStats& s : field_stats_) {
    PartitionFieldSummary summary;
    summary.contains_null = s.contains_null;
    summary.contains_nan = s.contains_nan;
    if (s.lower) {
      FLOE_ASSIGN_OR_RETURN(summary.lower_bound, SerializeSingleValue(*s.lower));
      FLOE_ASSIGN_OR_RETURN(summary.upper_bound, SerializeSingleValue(*s.upper));
    }
    m.partitions.push_back(std::move(summary));
  }
  return m;
}

}  // namespace floe::iceberg
