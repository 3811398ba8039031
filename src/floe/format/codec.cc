#include "floe/format/codec.h"

#include <libdeflate.h>
#include <lz4.h>
#include <snappy-c.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstring>
#include <memory>

#include "floe/format/snappy_decoder_internal.h"

namespace floe::format {
namespace {

constexpr int kZstdDefaultLevel = 3;
constexpr int kDeflateDefaultLevel = 6;
constexpr int kDeflateMaxLevel = 12;

// Compressor and decompressor contexts are costly to create (libdeflate's compressor is several
// hundred KiB), so each thread keeps one per codec and level.
struct ZstdCCtxDeleter {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct ZstdDCtxDeleter {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};
struct DeflateCompressorDeleter {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};
struct DeflateDecompressorDeleter {
  void operator()(libdeflate_decompressor* d) const { libdeflate_free_decompressor(d); }
};

ZSTD_CCtx* ThreadZstdCCtx() {
  thread_local std::unique_ptr<ZSTD_CCtx, ZstdCCtxDeleter> ctx(ZSTD_createCCtx());
  return ctx.get();
}

ZSTD_DCtx* ThreadZstdDCtx() {
  thread_local std::unique_ptr<ZSTD_DCtx, ZstdDCtxDeleter> ctx(ZSTD_createDCtx());
  return ctx.get();
}

libdeflate_compressor* ThreadDeflateCompressor(int level) {
  thread_local std::array<std::unique_ptr<libdeflate_compressor, DeflateCompressorDeleter>,
                          kDeflateMaxLevel + 1>
      compressors;
  auto& slot = compressors[static_cast<size_t>(level)];
  if (!slot) slot.reset(libdeflate_alloc_compressor(level));
  return slot.get();
}

libdeflate_decompressor* ThreadDeflateDecompressor() {
  thread_local std::unique_ptr<libdeflate_decompressor, DeflateDecompressorDeleter> ctx(
      libdeflate_alloc_decompressor());
  return ctx.get();
}

// First output size to try when the decompressed size is not known in advance.
size_t InitialGuess(size_t input_size, size_t max_size) {
  size_t guess = std::max<size_t>(input_size * 4, 64 * 1024);
  return std::min(guess, max_size);
}

Error TooLarge(CompressionCodec codec, size_t max_size) {
  return CorruptFile("{} block decompresses to more than the limit of {} bytes",
                     CompressionCodecName(codec), max_size);
}

Error SizeMismatch(CompressionCodec codec, size_t actual, size_t expected) {
  return CorruptFile("{} block decompresses to {} bytes, expected {}", CompressionCodecName(codec),
                     actual, expected);
}

// ---- compression ----

Status CompressZstd(std::span<const uint8_t> input, std::vector<uint8_t>& output, int level) {
  if (level == kDefaultCompressionLevel) level = kZstdDefaultLevel;
  if (level < ZSTD_minCLevel() || level > ZSTD_maxCLevel()) {
    return InvalidArgument("zstd level {} outside {}..{}", level, ZSTD_minCLevel(),
                           ZSTD_maxCLevel());
  }
  ZSTD_CCtx* ctx = ThreadZstdCCtx();
  if (ctx == nullptr) return Internal("cannot allocate a zstd compression context");
  output.resize(ZSTD_compressBound(input.size()));
  size_t n =
      ZSTD_compressCCtx(ctx, output.data(), output.size(), input.data(), input.size(), level);
  if (ZSTD_isError(n)) return Internal("zstd compression failed: {}", ZSTD_getErrorName(n));
  output.resize(n);
  return OkStatus();
}

Status CompressDeflate(CompressionCodec codec, std::span<const uint8_t> input,
                       std::vector<uint8_t>& output, int level) {
  if (level == kDefaultCompressionLevel) level = kDeflateDefaultLevel;
  if (level < 0 || level > kDeflateMaxLevel) {
    return InvalidArgument("{} level {} outside 0..{}", CompressionCodecName(codec), level,
                           kDeflateMaxLevel);
  }
  libdeflate_compressor* c = ThreadDeflateCompressor(level);
  if (c == nullptr) return Internal("cannot allocate a deflate compressor at level {}", level);
  const bool gzip = codec == CompressionCodec::kGzip;
  output.resize(gzip ? libdeflate_gzip_compress_bound(c, input.size())
                     : libdeflate_deflate_compress_bound(c, input.size()));
  size_t n =
      gzip ? libdeflate_gzip_compress(c, input.data(), input.size(), output.data(), output.size())
           : libdeflate_deflate_compress(c, input.data(), input.size(), output.data(),
                                         output.size());
  if (n == 0) return Internal("{} compression failed", CompressionCodecName(codec));
  output.resize(n);
  return OkStatus();
}

Status CompressSnappy(std::span<const uint8_t> input, std::vector<uint8_t>& output) {
  size_t n = snappy_max_compressed_length(input.size());
  output.resize(n);
  if (snappy_compress(reinterpret_cast<const char*>(input.data()), input.size(),
                      reinterpret_cast<char*>(output.data()), &n) != SNAPPY_OK) {
    return Internal("snappy compression failed");
  }
  output.resize(n);
  return OkStatus();
}

Status CompressLz4(std::span<const uint8_t> input, std::vector<uint8_t>& output) {
  if (input.size() > static_cast<size_t>(LZ4_MAX_INPUT_SIZE)) {
    return InvalidArgument("lz4 input of {} bytes is larger than {}", input.size(),
                           LZ4_MAX_INPUT_SIZE);
  }
  const int in_size = static_cast<int>(input.size());
  output.resize(static_cast<size_t>(LZ4_compressBound(in_size)));
  int n = LZ4_compress_default(reinterpret_cast<const char*>(input.data()),
                               reinterpret_cast<char*>(output.data()), in_size,
                               static_cast<int>(output.size()));
  if (n <= 0) return Internal("lz4 compression failed");
  output.resize(static_cast<size_t>(n));
  return OkStatus();
}

// ---- decompression ----

Status DecompressZstd(std::span<const uint8_t> input, std::optional<size_t> expected,
                      std::vector<uint8_t>& output, size_t max_size) {
  constexpr CompressionCodec kCodec = CompressionCodec::kZstd;
  ZSTD_DCtx* ctx = ThreadZstdDCtx();
  if (ctx == nullptr) return Internal("cannot allocate a zstd decompression context");
  if (input.empty()) return CorruptFile("empty zstd block");
  if (expected && *expected > max_size) return TooLarge(kCodec, max_size);
  ZSTD_DCtx_reset(ctx, ZSTD_reset_session_only);
  // With a known size the output may never pass it, so that size is also the limit. The buffer
  // may grow one byte past the limit: filling that byte proves the block is too large.
  const size_t limit = expected ? *expected : max_size;
  const size_t room = limit == SIZE_MAX ? limit : limit + 1;
  size_t capacity = expected ? *expected + 1 : InitialGuess(input.size(), max_size);
  if (!expected) {
    unsigned long long frame = ZSTD_getFrameContentSize(input.data(), input.size());
    if (frame != ZSTD_CONTENTSIZE_UNKNOWN && frame != ZSTD_CONTENTSIZE_ERROR) {
      if (frame > max_size) return TooLarge(kCodec, max_size);
      capacity = static_cast<size_t>(frame) + 1;
    }
  }
  output.resize(std::min(capacity, room));
  ZSTD_inBuffer in{input.data(), input.size(), 0};
  size_t produced = 0;
  while (true) {
    ZSTD_outBuffer out{output.data(), output.size(), produced};
    size_t ret = ZSTD_decompressStream(ctx, &out, &in);
    if (ZSTD_isError(ret)) {
      return CorruptFile("corrupt zstd block: {}", ZSTD_getErrorName(ret));
    }
    produced = out.pos;
    if (produced > limit) {
      if (expected) return CorruptFile("zstd block decompresses to more than {} bytes", limit);
      return TooLarge(kCodec, max_size);
    }
    if (in.pos == in.size && ret == 0) break;
    if (out.pos < out.size) {
      // Output room is left, so the decoder stopped for want of input.
      if (in.pos == in.size) return CorruptFile("truncated zstd block");
      continue;
    }
    output.resize(std::min(room, std::max<size_t>(output.size() * 2, 64)));
  }
  if (expected && produced != *expected) return SizeMismatch(kCodec, produced, *expected);
  output.resize(produced);
  return OkStatus();
}

Status DecompressSnappy(std::span<const uint8_t> input, std::optional<size_t> expected,
                        std::vector<uint8_t>& output, size_t max_size) {
  constexpr CompressionCodec kCodec = CompressionCodec::kSnappy;
  FLOE_ASSIGN_OR_RETURN(size_t n, SnappyUncompressedLength(input));
  if (expected && n != *expected) return SizeMismatch(kCodec, n, *expected);
  if (n > max_size) return TooLarge(kCodec, max_size);
  output.resize(n);
  return SnappyUncompress(input, output);
}

Status DecompressLz4(std::span<const uint8_t> input, std::optional<size_t> expected,
                     std::vector<uint8_t>& output, size_t max_size) {
  constexpr CompressionCodec kCodec = CompressionCodec::kLz4Raw;
  constexpr size_t kIntMax = static_cast<size_t>(INT_MAX);
  if (input.size() > kIntMax) return CorruptFile("lz4 block of {} bytes too large", input.size());
  if (expected && *expected > max_size) return TooLarge(kCodec, max_size);
  const size_t limit = std::min(expected ? *expected : max_size, kIntMax);
  size_t capacity = expected ? *expected : InitialGuess(input.size(), limit);
  while (true) {
    output.resize(capacity);
    int n = LZ4_decompress_safe(reinterpret_cast<const char*>(input.data()),
                                reinterpret_cast<char*>(output.data()),
                                static_cast<int>(input.size()), static_cast<int>(capacity));
    if (n >= 0) {
      if (expected && static_cast<size_t>(n) != *expected) {
        return SizeMismatch(kCodec, static_cast<size_t>(n), *expected);
      }
      output.resize(static_cast<size_t>(n));
      return OkStatus();
    }
    // LZ4 reports a too-small output and bad data alike; retry larger until the limit.
    if (capacity >= limit) return CorruptFile("corrupt lz4 block (or larger than {} bytes)", limit);
    capacity = std::min(limit, capacity * 2);
  }
}

Status DecompressDeflateRaw(std::span<const uint8_t> input, std::optional<size_t> expected,
                            std::vector<uint8_t>& output, size_t max_size) {
  constexpr CompressionCodec kCodec = CompressionCodec::kDeflateRaw;
  libdeflate_decompressor* d = ThreadDeflateDecompressor();
  if (d == nullptr) return Internal("cannot allocate a deflate decompressor");
  if (expected && *expected > max_size) return TooLarge(kCodec, max_size);
  const size_t limit = expected ? *expected : max_size;
  size_t capacity = expected ? *expected : InitialGuess(input.size(), max_size);
  while (true) {
    output.resize(capacity);
    size_t in_used = 0;
    size_t out_used = 0;
    libdeflate_result r = libdeflate_deflate_decompress_ex(
        d, input.data(), input.size(), output.data(), output.size(), &in_used, &out_used);
    if (r == LIBDEFLATE_SUCCESS) {
      if (expected && out_used != *expected) return SizeMismatch(kCodec, out_used, *expected);
      output.resize(out_used);
      return OkStatus();
    }
    if (r != LIBDEFLATE_INSUFFICIENT_SPACE) return CorruptFile("corrupt deflate block");
    if (capacity >= limit) {
      if (expected) return CorruptFile("deflate block decompresses to more than {} bytes", limit);
      return TooLarge(kCodec, max_size);
    }
    capacity = std::min(limit, std::max<size_t>(capacity * 2, 64));
  }
}

Status DecompressGzip(std::span<const uint8_t> input, std::optional<size_t> expected,
                      std::vector<uint8_t>& output, size_t max_size) {
  constexpr CompressionCodec kCodec = CompressionCodec::kGzip;
  libdeflate_decompressor* d = ThreadDeflateDecompressor();
  if (d == nullptr) return Internal("cannot allocate a deflate decompressor");
  if (expected && *expected > max_size) return TooLarge(kCodec, max_size);
  if (input.empty()) return CorruptFile("empty gzip block");
  const size_t limit = expected ? *expected : max_size;
  size_t capacity = expected ? *expected : InitialGuess(input.size(), max_size);
  if (!expected && input.size() >= 4) {
    // A single member's trailer holds its size modulo 2^32: a good first guess.
    const uint8_t* t = input.data() + input.size() - 4;
    size_t isize =
        uint32_t{t[0]} | uint32_t{t[1]} << 8 | uint32_t{t[2]} << 16 | uint32_t{t[3]} << 24;
    if (isize <= max_size) capacity = std::max<size_t>(isize, 64);
  }
  output.resize(capacity);
  size_t consumed = 0;
  size_t produced = 0;
  // Gzip allows several members back to back; each decompresses after the last.
  while (consumed < input.size()) {
    size_t in_used = 0;
    size_t out_used = 0;
    libdeflate_result r = libdeflate_gzip_decompress_ex(
        d, input.data() + consumed, input.size() - consumed, output.data() + produced,
        output.size() - produced, &in_used, &out_used);
    if (r == LIBDEFLATE_SUCCESS) {
      consumed += in_used;
      produced += out_used;
      continue;
    }
    if (r != LIBDEFLATE_INSUFFICIENT_SPACE) return CorruptFile("corrupt gzip block");
    if (output.size() >= limit) {
      if (expected) return CorruptFile("gzip block decompresses to more than {} bytes", limit);
      return TooLarge(kCodec, max_size);
    }
    output.resize(std::min(limit, std::max<size_t>(output.size() * 2, 64)));
  }
  if (expected && produced != *expected) return SizeMismatch(kCodec, produced, *expected);
  output.resize(produced);
  return OkStatus();
}

}  // namespace

std::string_view CompressionCodecName(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      return "uncompressed";
    case CompressionCodec::kSnappy:
      return "snappy";
    case CompressionCodec::kGzip:
      return "gzip";
    case CompressionCodec::kZstd:
      return "zstd";
    case CompressionCodec::kLz4Raw:
      return "lz4_raw";
    case CompressionCodec::kDeflateRaw:
      return "deflate_raw";
  }
  return "unknown";
}

Status Compress(CompressionCodec codec, std::span<const uint8_t> input,
                std::vector<uint8_t>& output, int level) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      output.assign(input.begin(), input.end());
      return OkStatus();
    case CompressionCodec::kSnappy:
      return CompressSnappy(input, output);
    case CompressionCodec::kGzip:
    case CompressionCodec::kDeflateRaw:
      return CompressDeflate(codec, input, output, level);
    case CompressionCodec::kZstd:
      return CompressZstd(input, output, level);
    case CompressionCodec::kLz4Raw:
      return CompressLz4(input, output);
  }
  return InvalidArgument("unknown compression codec {}", static_cast<int>(codec));
}

Status Decompress(CompressionCodec codec, std::span<const uint8_t> input,
                  std::optional<size_t> uncompressed_size, std::vector<uint8_t>& output,
                  size_t max_size) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      if (uncompressed_size && input.size() != *uncompressed_size) {
        return SizeMismatch(codec, input.size(), *uncompressed_size);
      }
      if (input.size() > max_size) return TooLarge(codec, max_size);
      output.assign(input.begin(), input.end());
      return OkStatus();
    case CompressionCodec::kSnappy:
      return DecompressSnappy(input, uncompressed_size, output, max_size);
    case CompressionCodec::kGzip:
      return DecompressGzip(input, uncompressed_size, output, max_size);
    case CompressionCodec::kZstd:
      return DecompressZstd(input, uncompressed_size, output, max_size);
    case CompressionCodec::kLz4Raw:
      return DecompressLz4(input, uncompressed_size, output, max_size);
    case CompressionCodec::kDeflateRaw:
      return DecompressDeflateRaw(input, uncompressed_size, output, max_size);
  }
  return InvalidArgument("unknown compression codec {}", static_cast<int>(codec));
}

}  // namespace floe::format
