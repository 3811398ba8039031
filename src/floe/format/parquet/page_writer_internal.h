// PageWriter: compresses the pages of one column chunk and frames each with its Thrift page
// header, into in-memory buffers that the column writer copies to the file when the row group is
// complete (the dictionary page must precede the data pages, but is only known at the end).
//
// Byte layout of a page: PageHeader (Thrift compact) | page body compressed with the chunk's
// codec. A data page v1 body is: repetition levels (4-byte LE length + RLE hybrid, when max rep
// > 0), definition levels (the same, when max def > 0), then the values.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/codec.h"
#include "floe/format/parquet/metadata.h"

namespace floe::parquet {

// parquet.thrift's id of a floe codec. REQUIRES: codec != kDeflateRaw (not a Parquet codec).
CompressionId ToCompressionId(format::CompressionCodec codec);
// floe's codec for a Parquet codec id; NotSupported for LZO, BROTLI, Hadoop LZ4.
Result<format::CompressionCodec> FromCompressionId(CompressionId id);

class PageWriter {
 public:
  PageWriter(format::CompressionCodec codec, int level) : codec_(codec), level_(level) {}

  // Starts a new chunk; keeps buffer capacity.
  void Reset();

  Status WriteDataPage(std::span<const uint8_t> body, int32_t num_values, Encoding encoding);
  Status WriteDictionaryPage(std::span<const uint8_t> body, int32_t num_values);

  const std::vector<uint8_t>& dictionary_bytes() const { return dictionary_; }
  const std::vector<uint8_t>& data_bytes() const { return data_; }
  // Sizes over all pages of the chunk, headers included.
  int64_t total_uncompressed_size() const { return total_uncompressed_; }
  int64_t total_compressed_size() const {
    return static_cast<int64_t>(dictionary_.size() + data_.size());
  }

 private:
  Status WritePage(PageHeader& header, std::span<const uint8_t> body, std::vector<uint8_t>& out);

  format::CompressionCodec codec_;
  int level_;
  std::vector<uint8_t> dictionary_;
  std::vector<uint8_t> data_;
  std::vector<uint8_t> header_;
  int64_t total_uncompressed_ = 0;
};

}  // namespace floe::parquet
