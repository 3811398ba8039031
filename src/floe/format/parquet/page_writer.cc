#include "floe/format/parquet/page_writer_internal.h"

namespace floe::parquet {

using format::CompressionCodec;

CompressionId ToCompressionId(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      return CompressionId::kUncompressed;
    case CompressionCodec::kSnappy:
      return CompressionId::kSnappy;
    case CompressionCodec::kGzip:
      return CompressionId::kGzip;
    case CompressionCodec::kZstd:
      return CompressionId::kZstd;
    case CompressionCodec::kLz4Raw:
      return CompressionId::kLz4Raw;
    case CompressionCodec::kDeflateRaw:
      break;
  }
  return CompressionId::kUncompressed;
}

Result<CompressionCodec> FromCompressionId(CompressionId id) {
  switch (id) {
    case CompressionId::kUncompressed:
      return CompressionCodec::kUncompressed;
    case CompressionId::kSnappy:
      return CompressionCodec::kSnappy;
    case CompressionId::kGzip:
      return CompressionCodec::kGzip;
    case CompressionId::kZstd:
      return CompressionCodec::kZstd;
    case CompressionId::kLz4Raw:
      return CompressionCodec::kLz4Raw;
    default:
      break;
  }
  return NotSupported("parquet: compression codec {} not supported", static_cast<int>(id));
}

namespace {

// Compressed bodies are scratch, copied into the chunk right away: one buffer a thread serves
// every page writer on it.
std::vector<uint8_t>& CompressedScratch() {
  thread_local std::vector<uint8_t> compressed;
  return compressed;
}

}  // namespace

void PageWriter::Reset() {
  dictionary_.clear();
  data_.clear();
  total_uncompressed_ = 0;
}

Status PageWriter::WritePage(PageHeader& header, std::span<const uint8_t> body,
                             std::vector<uint8_t>& out) {
  std::span<const uint8_t> stored = body;
  if (codec_ != CompressionCodec::kUncompressed) {
    std::vector<uint8_t>& compressed = CompressedScratch();
    FLOE_RETURN_IF_ERROR(format::Compress(codec_, body, compressed, level_));
    stored = compressed;
  }
  if (body.size() > INT32_MAX || stored.size() > INT32_MAX) {
    return InvalidArgument("parquet: page of {} bytes is too large", body.size());
  }
  header.uncompressed_page_size = static_cast<int32_t>(body.size());
  header.compressed_page_size = static_cast<int32_t>(stored.size());
  header_.clear();
  SerializePageHeader(header, header_);
  out.insert(out.end(), header_.begin(), header_.end());
  out.insert(out.end(), stored.begin(), stored.end());
  total_uncompressed_ += static_cast<int64_t>(header_.size() + body.size());
  return OkStatus();
}

Status PageWriter::WriteDataPage(std::span<const uint8_t> body, int32_t num_values,
                                 Encoding encoding) {
  PageHeader header;
  header.type = PageType::kDataPage;
  DataPageHeader& d = header.data_page_header.emplace();
  d.num_values = num_values;
  d.encoding = encoding;
  d.definition_level_encoding = Encoding::kRle;
  d.repetition_level_encoding = Encoding::kRle;
  return WritePage(header, body, data_);
}

Status PageWriter::WriteDictionaryPage(std::span<const uint8_t> body, int32_t num_values) {
  PageHeader header;
  header.type = PageType::kDictionaryPage;
  DictionaryPageHeader& d = header.dictionary_page_header.emplace();
  d.num_values = num_values;
  d.encoding = Encoding::kPlain;
  return WritePage(header, body, dictionary_);
}

}  // namespace floe::parquet
