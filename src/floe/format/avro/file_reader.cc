#include "floe/format/avro/file_reader.h"

#include <algorithm>

#include "floe/format/avro/datum_encoding.h"

namespace floe::avro {

Result<std::unique_ptr<FileReader>> FileReader::Open(std::span<const uint8_t> file,
                                                     FileReaderOptions options) {
  std::unique_ptr<FileReader> reader(new FileReader(file, options));
  FLOE_RETURN_IF_ERROR(reader->ReadHeader());
  return reader;
}

Status FileReader::ReadHeader() {
  auto magic = cursor_.ReadFixed(kMagic.size());
  if (!magic.has_value() || !std::equal(magic->begin(), magic->end(), kMagic.begin())) {
    return CorruptFile("not an avro file: bad magic");
  }
  while (true) {
    // Each entry holds at least a key length and a value length.
    FLOE_ASSIGN_OR_RETURN(int64_t count, cursor_.ReadBlockCount(false));
    if (count == 0) break;
    for (int64_t i = 0; i < count; ++i) {
      FLOE_ASSIGN_OR_RETURN(std::string_view key, cursor_.ReadString());
      FLOE_ASSIGN_OR_RETURN(std::span<const uint8_t> value, cursor_.ReadBytes());
      metadata_.emplace_back(
          std::string(key), std::string(reinterpret_cast<const char*>(value.data()), value.size()));
    }
  }
  FLOE_ASSIGN_OR_RETURN(auto sync, cursor_.ReadFixed(kSyncSize));
  std::copy(sync.begin(), sync.end(), sync_.begin());

  std::optional<std::string_view> schema_text = FindMetadata(kSchemaKey);
  if (!schema_text) return CorruptFile("avro file header has no {}", kSchemaKey);
  auto schema = Schema::Parse(*schema_text);
  if (!schema.has_value()) {
    return CorruptFile("avro file schema is invalid: {}", schema.error().message());
  }
  schema_ = std::move(schema).value();
  std::optional<std::string_view> codec = FindMetadata(kCodecKey);
  if (codec) {
    FLOE_ASSIGN_OR_RETURN(codec_, CodecFromAvroName(*codec));
  }
  return OkStatus();
}

std::optional<std::string_view> FileReader::FindMetadata(std::string_view key) const {
  for (const auto& [k, v] : metadata_) {
    if (k == key) return std::string_view(v);
  }
  return std::nullopt;
}

Result<std::optional<FileBlock>> FileReader::NextBlock() {
  if (cursor_.empty()) return std::optional<FileBlock>();
  FLOE_ASSIGN_OR_RETURN(int64_t count, cursor_.ReadLong());
  FLOE_ASSIGN_OR_RETURN(int64_t size, cursor_.ReadLong());
  if (count < 0) return CorruptFile("avro block has a negative record count {}", count);
  if (size < 0 || static_cast<uint64_t>(size) > cursor_.remaining()) {
    return CorruptFile("avro block size {} does not fit the {} bytes left", size,
                       cursor_.remaining());
  }
  FLOE_ASSIGN_OR_RETURN(auto data, cursor_.ReadFixed(static_cast<size_t>(size)));
  FLOE_ASSIGN_OR_RETURN(auto sync, cursor_.ReadFixed(kSyncSize));
  if (!std::equal(sync.begin(), sync.end(), sync_.begin())) {
    return CorruptFile("avro block ending at byte {} has a wrong sync marker", cursor_.position());
  }
  FileBlock block;
  block.record_count = count;
  if (codec_ == format::CompressionCodec::kUncompressed) {
    if (data.size() > options_.max_block_size) {
      return CorruptFile("avro block of {} bytes exceeds the limit", data.size());
    }
    block.data = data;
  } else {
    FLOE_RETURN_IF_ERROR(DecompressBlock(codec_, data, block_buffer_, options_.max_block_size));
    block.data = block_buffer_;
  }
  // Records of a schema that cannot encode to nothing take a byte each at least.
  if (!schema_->root().may_be_empty() && static_cast<uint64_t>(count) > block.data.size()) {
    return CorruptFile("avro block claims {} records in {} bytes", count, block.data.size());
  }
  if (schema_->root().may_be_empty()) {
    if (count > empty_budget_) return CorruptFile("avro file claims too many empty records");
    empty_budget_ -= count;
  }
  return std::optional<FileBlock>(block);
}

Result<bool> FileReader::Next(Datum* record) {
  while (block_left_ == 0) {
    if (!block_.empty()) {
      return CorruptFile("avro block has {} bytes after its last record", block_.remaining());
    }
    FLOE_ASSIGN_OR_RETURN(std::optional<FileBlock> block, NextBlock());
    if (!block) return false;
    block_ = Decoder(block->data, empty_budget_);
    block_left_ = block->record_count;
  }
  FLOE_ASSIGN_OR_RETURN(*record, ReadDatum(schema_->root(), block_));
  empty_budget_ = block_.empty_item_budget();
  --block_left_;
  ++records_read_;
  if (block_left_ == 0 && !block_.empty()) {
    return CorruptFile("avro block has {} bytes after its last record", block_.remaining());
  }
  return true;
}

}  // namespace floe::avro
