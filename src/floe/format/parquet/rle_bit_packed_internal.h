// The RLE / bit-packed hybrid encoding of definition and repetition levels, dictionary indices
// and (in data page v2) booleans.
//
// Byte layout (Parquet Encodings.md, "RLE"):
//   encoded   := run*
//   run       := bit-packed-run | rle-run
//   bit-packed-run := varint(groups << 1 | 1), then groups * 8 values packed at bit_width bits
//                     (groups * bit_width bytes; only the last run may be padded)
//   rle-run   := varint(count << 1), then the repeated value in ceil(bit_width / 8) bytes, LE
// Levels in data page v1 are prefixed by their byte length (4 bytes LE); dictionary indices are
// prefixed by one byte holding bit_width.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/parquet/bit_packing_internal.h"

namespace floe::parquet {

// Appends the hybrid encoding of `values` (no length prefix). Runs of 8 or more equal values
// become RLE runs; the rest is bit-packed in groups of 8.
// REQUIRES: every value fits in bit_width bits; 0 <= bit_width <= 32.
template <typename T>
void EncodeRleBitPacked(std::span<const T> values, int bit_width, std::vector<uint8_t>& out) {
  const size_t n = values.size();
  const int value_bytes = (bit_width + 7) / 8;
  auto run_length = [&](size_t i) {
    size_t j = i + 1;
    while (j < n && values[j] == values[i]) ++j;
    return j - i;
  };
  size_t i = 0;
  while (i < n) {
    size_t run = run_length(i);
    if (run >= 8) {
      AppendUleb128(static_cast<uint64_t>(run) << 1, out);
      uint64_t v = static_cast<uint64_t>(values[i]);
      for (int b = 0; b < value_bytes; ++b) out.push_back(static_cast<uint8_t>(v >> (8 * b)));
      i += run;
      continue;
    }
    // Bit-pack groups of 8 until a long run starts at a group boundary.
    size_t start = i;
    while (i < n) {
      i = std::min(n, i + 8);
      if (i < n && run_length(i) >= 8) break;
    }
    size_t count = i - start;
    size_t groups = (count + 7) / 8;
    AppendUleb128(static_cast<uint64_t>(groups) << 1 | 1, out);
    PackRun(values.subspan(start, count), bit_width, out);
    // Pad the last group with zero values.
    size_t padded = PackedBytes(groups * 8, bit_width) - PackedBytes(count, bit_width);
    out.insert(out.end(), padded, 0);
  }
}

// Reads values of the hybrid encoding from a byte range; checks every run against it.
class RleBitPackedDecoder {
 public:
  RleBitPackedDecoder() = default;
  RleBitPackedDecoder(std::span<const uint8_t> data, int bit_width)
      : cursor_(data), bit_width_(bit_width) {}

  // Reads exactly `n` values into `out`. Running out of input is kCorruptFile.
  template <typename T>
  Status Get(T* out, size_t n) {
    while (n > 0) {
      if (rle_left_ == 0 && packed_left_ == 0) FLOE_RETURN_IF_ERROR(NextRun());
      if (rle_left_ > 0) {
        size_t k = std::min(n, rle_left_);
        std::fill_n(out, k, static_cast<T>(rle_value_));
        out += k;
        n -= k;
        rle_left_ -= k;
      } else {
        size_t k = std::min(n, packed_left_);
        UnpackRun(packed_data_, packed_bytes_, bit_width_, packed_next_, k, out);
        packed_next_ += k;
        packed_left_ -= k;
        out += k;
        n -= k;
      }
    }
    return OkStatus();
  }

 private:
  Status NextRun() {
    if (bit_width_ < 0 || bit_width_ > 32) {
      return CorruptFile("parquet: RLE bit width {} out of range", bit_width_);
    }
    FLOE_ASSIGN_OR_RETURN(uint64_t header, cursor_.ReadUleb128());
    if (header & 1) {
      uint64_t groups = header >> 1;
      if (groups == 0 || groups > (uint64_t{1} << 31)) {
        return CorruptFile("parquet: bad bit-packed run of {} groups", groups);
      }
      size_t want = PackedBytes(groups * 8, bit_width_);
      // Writers may leave out the padding of the last run: take what is there.
      size_t have = std::min(want, cursor_.remaining());
      size_t values = bit_width_ == 0 ? groups * 8 : have * 8 / bit_width_;
      values = std::min<size_t>(values, groups * 8);
      if (values == 0) return CorruptFile("parquet: truncated bit-packed run");
      packed_data_ = cursor_.current();
      packed_bytes_ = have;
      FLOE_RETURN_IF_ERROR(cursor_.ReadBytes(have));
      packed_next_ = 0;
      packed_left_ = values;
    } else {
      uint64_t count = header >> 1;
      if (count == 0 || count > (uint64_t{1} << 32)) {
        return CorruptFile("parquet: bad RLE run length {}", count);
      }
      FLOE_ASSIGN_OR_RETURN(auto bytes, cursor_.ReadBytes((bit_width_ + 7) / 8));
      uint64_t v = 0;
      for (size_t b = 0; b < bytes.size(); ++b) v |= static_cast<uint64_t>(bytes[b]) << (8 * b);
      rle_value_ = v;
      rle_left_ = count;
    }
    return OkStatus();
  }

  ByteCursor cursor_{std::span<const uint8_t>()};
  int bit_width_ = 0;
  size_t rle_left_ = 0;
  uint64_t rle_value_ = 0;
  const uint8_t* packed_data_ = nullptr;
  size_t packed_bytes_ = 0;
  size_t packed_next_ = 0;
  size_t packed_left_ = 0;
};

}  // namespace floe::parquet
