// Block compression shared by the Parquet and Avro formats.
//
// Each function works on one whole block (a Parquet page, an Avro file block) and writes into a
// caller-owned vector that is reused across calls: its capacity is kept, its contents replaced.
//
//   std::vector<uint8_t> buf;  // lives as long as the writer
//   FLOE_RETURN_IF_ERROR(Compress(CompressionCodec::kZstd, page, buf));
//   FLOE_RETURN_IF_ERROR(Decompress(CompressionCodec::kZstd, buf, page.size(), out));
//
// Block formats, as the file formats store them:
//   kUncompressed  the bytes as they are
//   kSnappy        raw snappy block (varint uncompressed length, then elements); no framing
//   kGzip          one or more gzip members (RFC 1952), through libdeflate
//   kZstd          one or more zstd frames
//   kLz4Raw        one LZ4 block (Parquet LZ4_RAW), no frame header and no length prefix
//   kDeflateRaw    raw deflate stream (RFC 1951) with no zlib or gzip wrapper (Avro "deflate")
//
// Decompression never produces more than a caller-given limit (default
// kDefaultMaxDecompressedSize), so a small corrupt or hostile input cannot make floe allocate
// gigabytes. Garbage input, a size that differs from the expected one, or output past the limit is
// a kCorruptFile error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "floe/core/result.h"

namespace floe::format {

enum class CompressionCodec {
  kUncompressed,
  kSnappy,
  kGzip,
  kZstd,
  kLz4Raw,
  kDeflateRaw,
};

// "uncompressed", "snappy", "gzip", "zstd", "lz4_raw", "deflate_raw".
std::string_view CompressionCodecName(CompressionCodec codec);

// Asks for the codec's own default level: zstd 3, gzip and raw deflate 6.
inline constexpr int kDefaultCompressionLevel = std::numeric_limits<int>::min();

// The default ceiling on one decompressed block: 1 GiB.
inline constexpr size_t kDefaultMaxDecompressedSize = size_t{1} << 30;

// Compresses `input` into `output` (replacing its contents, reusing its capacity).
// `level` applies to zstd (ZSTD_minCLevel()..ZSTD_maxCLevel()) and to gzip and raw deflate (0..12);
// snappy and lz4 ignore it. An out-of-range level is kInvalidArgument.
Status Compress(CompressionCodec codec, std::span<const uint8_t> input,
                std::vector<uint8_t>& output, int level = kDefaultCompressionLevel);

// Decompresses `input` into `output` (replacing its contents, reusing its capacity).
// When `uncompressed_size` is known (Parquet page headers store it) the result must have exactly
// that size. When it is not (Avro blocks), the output grows as needed up to `max_size`.
// REQUIRES: nothing of `input`; any byte sequence gives either the data or kCorruptFile.
Status Decompress(CompressionCodec codec, std::span<const uint8_t> input,
                  std::optional<size_t> uncompressed_size, std::vector<uint8_t>& output,
                  size_t max_size = kDefaultMaxDecompressedSize);

}  // namespace floe::format
