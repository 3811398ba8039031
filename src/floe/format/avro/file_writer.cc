#include "floe/format/avro/file_writer.h"

#include <algorithm>
#include <random>

#include "floe/format/avro/datum_encoding.h"

namespace floe::avro {
namespace {

SyncMarker RandomSyncMarker() {
  std::random_device rd;
  SyncMarker sync;
  for (size_t i = 0; i < sync.size(); i += 4) {
    uint32_t r = rd();
    for (size_t j = 0; j < 4; ++j) sync[i + j] = static_cast<uint8_t>(r >> (8 * j));
  }
  return sync;
}

void WriteMetadataEntry(Encoder& e, std::string_view key, std::string_view value) {
  e.WriteString(key);
  e.WriteBytes(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
}

}  // namespace

ByteSink SinkTo(std::vector<uint8_t>* out) {
  return [out](std::span<const uint8_t> bytes) -> Status {
    out->insert(out->end(), bytes.begin(), bytes.end());
    return OkStatus();
  };
}

FileWriter::FileWriter(std::shared_ptr<const Schema> schema, ByteSink sink,
                       FileWriterOptions options)
    : schema_(std::move(schema)),
      sink_(std::move(sink)),
      options_(std::move(options)),
      encoder_(&block_) {}

Result<std::unique_ptr<FileWriter>> FileWriter::Make(std::shared_ptr<const Schema> schema,
                                                     ByteSink sink, FileWriterOptions options) {
  if (schema == nullptr) return InvalidArgument("avro file writer needs a schema");
  if (!sink) return InvalidArgument("avro file writer needs a sink");
  FLOE_RETURN_IF_ERROR(AvroCodecName(options.codec));
  if (options.block_size == 0) return InvalidArgument("avro block size must be positive");
  for (const auto& [key, value] : options.metadata) {
    if (key.starts_with("avro.")) {
      return InvalidArgument("avro metadata key {} is reserved", key);
    }
  }
  // Checks the level once, so that a bad level fails here and not at the first flush.
  std::vector<uint8_t> probe;
  FLOE_RETURN_IF_ERROR(format::Compress(options.codec, {}, probe, options.compression_level));
  std::unique_ptr<FileWriter> writer(
      new FileWriter(std::move(schema), std::move(sink), std::move(options)));
  writer->sync_ = writer->options_.sync_marker ? *writer->options_.sync_marker : RandomSyncMarker();
  // Room for a block and the record that overflows it, up to a few MiB; beyond, let it grow.
  const size_t block_size = writer->options_.block_size;
  writer->block_.reserve(std::min<size_t>(block_size + block_size / 4, size_t{4} << 20));
  FLOE_RETURN_IF_ERROR(writer->WriteHeader());
  return writer;
}

Status FileWriter::Emit(std::span<const uint8_t> bytes) {
  FLOE_RETURN_IF_ERROR(sink_(bytes));
  bytes_ += bytes.size();
  return OkStatus();
}

Status FileWriter::WriteHeader() {
  FLOE_ASSIGN_OR_RETURN(std::string_view codec, AvroCodecName(options_.codec));
  frame_.assign(kMagic.begin(), kMagic.end());
  Encoder e(&frame_);
  e.WriteBlockCount(static_cast<int64_t>(2 + options_.metadata.size()));
  WriteMetadataEntry(e, kSchemaKey, schema_->json_text());
  WriteMetadataEntry(e, kCodecKey, codec);
  for (const auto& [key, value] : options_.metadata) WriteMetadataEntry(e, key, value);
  e.WriteBlockEnd();
  frame_.insert(frame_.end(), sync_.begin(), sync_.end());
  return Emit(frame_);
}

Status FileWriter::Append(const Datum& record) {
  if (closed_) return InvalidArgument("avro file writer is closed");
  const size_t mark = block_.size();
  Status s = WriteDatum(schema_->root(), record, encoder_);
  if (!s.has_value()) {
    block_.resize(mark);
    return s;
  }
  return EndRecord();
}

Status FileWriter::EndRecord() {
  if (closed_) return InvalidArgument("avro file writer is closed");
  ++block_records_;
  ++records_;
  if (block_.size() >= options_.block_size) return Flush();
  return OkStatus();
}

Status FileWriter::Flush() {
  if (block_records_ == 0) return OkStatus();
  std::span<const uint8_t> data = block_;
  if (options_.codec != format::CompressionCodec::kUncompressed) {
    FLOE_RETURN_IF_ERROR(
        CompressBlock(options_.codec, block_, compressed_, options_.compression_level));
    data = compressed_;
  }
  frame_.clear();
  Encoder e(&frame_);
  e.WriteLong(block_records_);
  e.WriteLong(static_cast<int64_t>(data.size()));
  frame_.insert(frame_.end(), data.begin(), data.end());
  frame_.insert(frame_.end(), sync_.begin(), sync_.end());
  block_.clear();
  block_records_ = 0;
  return Emit(frame_);
}

Status FileWriter::Close() {
  if (closed_) return OkStatus();
  FLOE_RETURN_IF_ERROR(Flush());
  closed_ = true;
  return OkStatus();
}

}  // namespace floe::avro
