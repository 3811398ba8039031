// SnappyUncompress: floe's own decompressor for raw snappy blocks (no framing), used by
// format::Decompress in place of libsnappy's, which the writer still uses to compress.
//
// Why our own: Parquet pages of nearly unique int64/double values (ids, timestamps, amounts)
// compress into a long run of tiny elements, a 1-2 byte literal then a 4-11 byte copy a value;
// libsnappy 1.1.9 (Debian 12's) calls memmove for every element and decodes such pages at about
// 0.75 GB/s, this decoder, with fixed-size copies the compiler inlines, at about 1.4-2.5 GB/s.
//
// Byte layout of a block:
//   varint32 uncompressed length (1-5 bytes, little-endian base 128)
//   elements until the end of the block, each starting with a tag byte whose low 2 bits say:
//     00 literal: length - 1 in the upper 6 bits when below 60; 60..63 say that length - 1
//        follows in 1..4 little-endian bytes; then the literal bytes
//     01 copy: length 4 + bits 2..4, offset bits 5..7 (high) and the next byte (low): 11 bits
//     10 copy: length 1 + bits 2..7, offset in the next 2 little-endian bytes
//     11 copy: length 1 + bits 2..7, offset in the next 4 little-endian bytes
//   A copy repeats `length` bytes starting `offset` bytes back in the output (it may overlap
//   what it writes, which repeats a pattern); offset 0, or past the start of the output, is
//   corrupt, as is output longer or shorter than the declared length.
#pragma once

#include <cstdint>
#include <span>

#include "floe/core/result.h"

namespace floe::format {

// The uncompressed length a block declares.
Result<size_t> SnappyUncompressedLength(std::span<const uint8_t> block);

// Decompresses `block` into `out`, which must be exactly its declared uncompressed length.
// Any byte sequence gives either the data or kCorruptFile; nothing is read or written outside
// `block` and `out`.
Status SnappyUncompress(std::span<const uint8_t> block, std::span<uint8_t> out);

}  // namespace floe::format
