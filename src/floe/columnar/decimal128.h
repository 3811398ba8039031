// Decimal128: one value of a decimal128(P, S) array, the unscaled integer as 128-bit two's
// complement.
//
// Byte layout (Arrow memory layout): 16 bytes, little-endian; `low` holds bytes 0..7 and `high`
// bytes 8..15. The struct has 8-byte alignment so that spans over imported buffers that are only
// 8-byte aligned stay well defined. The logical value is unscaled * 10^-S.
#pragma once

#include <cstdint>

namespace floe::columnar {

struct Decimal128 {
  uint64_t low = 0;
  int64_t high = 0;

  static constexpr Decimal128 FromInt64(int64_t v) {
    return Decimal128{static_cast<uint64_t>(v), v < 0 ? int64_t{-1} : int64_t{0}};
  }
  // Two's complement of the 128-bit value (gcc's __int128 carries the arithmetic).
  static constexpr Decimal128 FromInt128(__int128 v) {
    return Decimal128{static_cast<uint64_t>(v), static_cast<int64_t>(v >> 64)};
  }
  constexpr __int128 ToInt128() const {
    return static_cast<__int128>(
        (static_cast<unsigned __int128>(static_cast<uint64_t>(high)) << 64) | low);
  }

  friend constexpr bool operator==(const Decimal128&, const Decimal128&) = default;
};

static_assert(sizeof(Decimal128) == 16);

}  // namespace floe::columnar
