#include "floe/columnar/bit_util.h"

#include <bit>

namespace floe::columnar::bit_util {

namespace {

// Loads up to 8 bytes starting at `p` without reading past `end`.
uint64_t LoadPartialWord(const uint8_t* p, const uint8_t* end) {
  uint64_t w = 0;
  int64_t n = end - p;
  if (n > 8) n = 8;
  std::memcpy(&w, p, static_cast<size_t>(n));
  return w;
}

// Bits [bit, bit + 64) of `bits` as a word, reading only bytes inside [bits, end).
uint64_t LoadBits(const uint8_t* bits, int64_t bit, const uint8_t* end) {
  const uint8_t* p = bits + (bit >> 3);
  const int shift = static_cast<int>(bit & 7);
  uint64_t w = LoadPartialWord(p, end);
  if (shift == 0) return w;
  uint64_t next = (p + 8 < end) ? p[8] : 0;
  return (w >> shift) | (next << (64 - shift));
}

}  // namespace

int64_t CountSetBits(const uint8_t* bits, int64_t offset, int64_t length) {
  int64_t count = 0;
  int64_t i = offset;
  const int64_t end = offset + length;
  while (i < end && (i & 7) != 0) {
    count += GetBit(bits, i);
    ++i;
  }
  while (end - i >= 64) {
    uint64_t w;
    std::memcpy(&w, bits + (i >> 3), 8);
    count += std::popcount(w);
    i += 64;
  }
  while (end - i >= 8) {
    count += std::popcount(static_cast<unsigned>(bits[i >> 3]));
    i += 8;
  }
  while (i < end) {
    count += GetBit(bits, i);
    ++i;
  }
  return count;
}

void SetBitsTo(uint8_t* bits, int64_t offset, int64_t length, bool value) {
  int64_t i = offset;
  const int64_t end = offset + length;
  while (i < end && (i & 7) != 0) SetBitTo(bits, i++, value);
  if (end - i >= 8) {
    const int64_t bytes = (end - i) / 8;
    std::memset(bits + (i >> 3), value ? 0xFF : 0x00, static_cast<size_t>(bytes));
    i += bytes * 8;
  }
  while (i < end) SetBitTo(bits, i++, value);
}

void CopyBitmap(const uint8_t* src, int64_t src_offset, int64_t length, uint8_t* dst,
                int64_t dst_offset) {
  if ((src_offset & 7) == 0 && (dst_offset & 7) == 0) {
    const int64_t bytes = length / 8;
    if (bytes > 0)
      std::memcpy(dst + (dst_offset >> 3), src + (src_offset >> 3), static_cast<size_t>(bytes));
    for (int64_t i = bytes * 8; i < length; ++i) {
      SetBitTo(dst, dst_offset + i, GetBit(src, src_offset + i));
    }
    return;
  }
  for (int64_t i = 0; i < length; ++i) {
    SetBitTo(dst, dst_offset + i, GetBit(src, src_offset + i));
  }
}

bool BitmapEquals(const uint8_t* a, int64_t a_offset, const uint8_t* b, int64_t b_offset,
                  int64_t length) {
  const uint8_t* a_end = a + BytesForBits(a_offset + length);
  const uint8_t* b_end = b + BytesForBits(b_offset + length);
  int64_t i = 0;
  for (; length - i >= 64; i += 64) {
    if (LoadBits(a, a_offset + i, a_end) != LoadBits(b, b_offset + i, b_end)) return false;
  }
  for (; i < length; ++i) {
    if (GetBit(a, a_offset + i) != GetBit(b, b_offset + i)) return false;
  }
  return true;
}

}  // namespace floe::columnar::bit_util
