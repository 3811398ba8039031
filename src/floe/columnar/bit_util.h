// Bitmap helpers for Arrow validity and boolean buffers.
//
// Bit layout: bit i of a bitmap lives in byte i / 8 at bit position i % 8 (LSB first). A set
// bit means "valid" (validity) or "true" (boolean values). Arrays address their bits with the
// array's offset added, so these helpers take a bit index, not a byte pointer at the element.
#pragma once

#include <cstdint>
#include <cstring>

namespace floe::columnar::bit_util {

inline int64_t BytesForBits(int64_t bits) { return (bits + 7) / 8; }

inline bool GetBit(const uint8_t* bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }
inline void SetBit(uint8_t* bits, int64_t i) {
  bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7));
}
inline void ClearBit(uint8_t* bits, int64_t i) {
  bits[i >> 3] &= static_cast<uint8_t>(~(1u << (i & 7)));
}
inline void SetBitTo(uint8_t* bits, int64_t i, bool value) {
  // Branch-free: clear, then or in the value.
  bits[i >> 3] = static_cast<uint8_t>((bits[i >> 3] & ~(1u << (i & 7))) |
                                      (static_cast<unsigned>(value) << (i & 7)));
}

// Number of set bits in [offset, offset + length).
int64_t CountSetBits(const uint8_t* bits, int64_t offset, int64_t length);

// Sets bits [offset, offset + length) of `bits` to `value`.
void SetBitsTo(uint8_t* bits, int64_t offset, int64_t length, bool value);

// Copies `length` bits starting at bit `src_offset` of `src` to bit `dst_offset` of `dst`.
void CopyBitmap(const uint8_t* src, int64_t src_offset, int64_t length, uint8_t* dst,
                int64_t dst_offset);

// True when bits [a_offset, a_offset + length) of `a` equal bits [b_offset, ...) of `b`.
bool BitmapEquals(const uint8_t* a, int64_t a_offset, const uint8_t* b, int64_t b_offset,
                  int64_t length);

}  // namespace floe::columnar::bit_util
