// Bit packing and varints as Parquet's encodings use them.
//
// Byte layout:
//   packed run   value k of width w occupies bits [k*w, (k+1)*w), bit 0 being the least
//                significant bit of byte 0 (little-endian bit order, as in the RLE/bit-packed
//                hybrid and DELTA_BINARY_PACKED miniblocks)
//   ULEB128      unsigned varint, 7 bits a byte, low group first
//   zigzag       (n << 1) ^ (n >> 63), then ULEB128
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <utility>
#include <vector>

#include "floe/core/result.h"

namespace floe::parquet {

// Bytes needed for `count` values of `bit_width` bits.
inline size_t PackedBytes(size_t count, int bit_width) {
  return (count * static_cast<size_t>(bit_width) + 7) / 8;
}

// Little-endian load of up to 8 bytes; bytes past `avail` read as zero.
inline uint64_t LoadLE64(const uint8_t* p, size_t avail) {
  uint64_t v = 0;
  std::memcpy(&v, p, avail >= 8 ? 8 : avail);
  return v;
}

// Value `index` of a packed run of `nbytes` bytes. REQUIRES: 0 <= bit_width <= 64 and the value
// lies within the run.
inline uint64_t UnpackOne(const uint8_t* data, size_t nbytes, size_t index, int bit_width) {
  if (bit_width == 0) return 0;
  uint64_t bit = static_cast<uint64_t>(index) * static_cast<uint64_t>(bit_width);
  size_t byte = bit >> 3;
  int shift = static_cast<int>(bit & 7);
  uint64_t v = LoadLE64(data + byte, nbytes - byte) >> shift;
  if (shift + bit_width > 64 && byte + 8 < nbytes) {
    v |= static_cast<uint64_t>(data[byte + 8]) << (64 - shift);
  }
  return bit_width == 64 ? v : v & ((uint64_t{1} << bit_width) - 1);
}

namespace bit_packing_detail {

// Values [first, first + count) at a bit width known at compile time, each with one unaligned
// 64-bit load. REQUIRES: W <= 56 and every load stays inside the run (the caller leaves the last
// 8 bytes to UnpackOne).
template <int W, typename T>
inline void UnpackFixedWidth(const uint8_t* data, size_t first, size_t count, T* out) {
  constexpr uint64_t kMask = (uint64_t{1} << W) - 1;
  uint64_t bit = static_cast<uint64_t>(first) * W;
  for (size_t i = 0; i < count; ++i, bit += W) {
    uint64_t word;
    std::memcpy(&word, data + (bit >> 3), 8);
    out[i] = static_cast<T>((word >> (bit & 7)) & kMask);
  }
}

template <typename T, int... Ws>
inline void UnpackDispatch(std::integer_sequence<int, Ws...>, int bit_width, const uint8_t* data,
                           size_t first, size_t count, T* out) {
  using Fn = void (*)(const uint8_t*, size_t, size_t, T*);
  static constexpr Fn kTable[] = {&UnpackFixedWidth<Ws + 1, T>...};
  kTable[bit_width - 1](data, first, count, out);
}

}  // namespace bit_packing_detail

// Unpacks `count` values starting at value `first`, in bulk: the bit width is dispatched once a
// call, not once a value. REQUIRES: the run holds them; 0 <= bit_width <= 64.
template <typename T>
inline void UnpackRun(const uint8_t* data, size_t nbytes, int bit_width, size_t first, size_t count,
                      T* out) {
  if (bit_width == 0) {
    std::fill_n(out, count, T{0});
    return;
  }
  size_t fast = 0;
  if (bit_width <= 56 && nbytes >= 8) {
    // Value k can use one 8-byte load when its first byte is at most nbytes - 8.
    size_t last_fast = ((nbytes - 8) * 8) / static_cast<size_t>(bit_width) + 1;
    if (last_fast > first) fast = std::min(count, last_fast - first);
    if (fast > 0) {
      bit_packing_detail::UnpackDispatch(std::make_integer_sequence<int, 56>(), bit_width, data,
                                         first, fast, out);
    }
  }
  for (size_t i = fast; i < count; ++i) {
    out[i] = static_cast<T>(UnpackOne(data, nbytes, first + i, bit_width));
  }
}

// Appends `values` packed at `bit_width` bits each (PackedBytes(size, width) bytes).
template <typename T>
inline void PackRun(std::span<const T> values, int bit_width, std::vector<uint8_t>& out) {
  unsigned __int128 acc = 0;
  int nbits = 0;
  uint64_t mask = bit_width == 64 ? ~uint64_t{0} : (uint64_t{1} << bit_width) - 1;
  for (T v : values) {
    acc |= static_cast<unsigned __int128>(static_cast<uint64_t>(v) & mask) << nbits;
    nbits += bit_width;
    while (nbits >= 8) {
      out.push_back(static_cast<uint8_t>(acc));
      acc >>= 8;
      nbits -= 8;
    }
  }
  if (nbits > 0) out.push_back(static_cast<uint8_t>(acc));
}

// Bits needed to store `v` (0 for 0).
inline int BitWidthOf(uint64_t v) { return v == 0 ? 0 : 64 - __builtin_clzll(v); }

inline void AppendUleb128(uint64_t v, std::vector<uint8_t>& out) {
  while (v >= 0x80) {
    out.push_back(static_cast<uint8_t>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<uint8_t>(v));
}

inline void AppendZigzag(int64_t v, std::vector<uint8_t>& out) {
  AppendUleb128((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63), out);
}

// A cursor over encoded bytes; every read is bounds-checked.
class ByteCursor {
 public:
  explicit ByteCursor(std::span<const uint8_t> data) : data_(data) {}

  size_t position() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  const uint8_t* current() const { return data_.data() + pos_; }

  Result<uint64_t> ReadUleb128() {
    uint64_t result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) return CorruptFile("parquet: truncated varint");
      uint8_t byte = data_[pos_++];
      result |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return result;
    }
    return CorruptFile("parquet: varint too long");
  }
  Result<int64_t> ReadZigzag() {
    FLOE_ASSIGN_OR_RETURN(uint64_t v, ReadUleb128());
    return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }
  Result<std::span<const uint8_t>> ReadBytes(size_t n) {
    if (n > remaining()) return CorruptFile("parquet: {} bytes needed, {} left", n, remaining());
    std::span<const uint8_t> s = data_.subspan(pos_, n);
    pos_ += n;
    return s;
  }
  Result<uint32_t> ReadU32LE() {
    FLOE_ASSIGN_OR_RETURN(auto b, ReadBytes(4));
    uint32_t v;
    std::memcpy(&v, b.data(), 4);
    return v;
  }

 private:
  std::span<const uint8_t> data_;
  size_t pos_ = 0;
};

}  // namespace floe::parquet
