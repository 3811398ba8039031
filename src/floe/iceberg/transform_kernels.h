// The partition transforms as loops over spans of values, for applying them to whole columns:
// one call per column chunk, no per-value dispatch. Inputs are the physical values of a column
// (int32 for int and date, int64 for long, time and timestamps, string_view for string and
// binary); outputs are written to a span of the same length. Nulls are the caller's: a null
// input slot may hold any value and its output slot is then meaningless (keep the validity
// bitmap as is). BoundTransform (bound_transform.h) picks the right kernel for a source type.
//
// REQUIRES for every span function: out.size() == in.size().
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <type_traits>

#include "floe/iceberg/murmur3_internal.h"
#include "floe/iceberg/temporal_internal.h"

namespace floe::iceberg::kernels {

// v - (((v % w) + w) % w): rounds toward negative infinity to a multiple of w. Wraps around (as
// Java does) when that multiple is below the type's minimum.
template <typename Int>
inline Int TruncateInt(Int v, int32_t w) {
  using Wide = std::conditional_t<sizeof(Int) <= 4, int64_t, Int>;
  Wide r = ((static_cast<Wide>(v) % w) + w) % w;
  using U = std::make_unsigned_t<Int>;
  return static_cast<Int>(static_cast<U>(v) - static_cast<U>(r));
}

// The longest prefix of `s` with at most `code_points` UTF-8 code points.
inline std::string_view TruncateUtf8(std::string_view s, int32_t code_points) {
  size_t i = 0;
  int32_t seen = 0;
  while (i < s.size()) {
    // Continuation bytes (10xxxxxx) belong to the code point before them.
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (seen == code_points) break;
      ++seen;
    }
    ++i;
  }
  return s.substr(0, i);
}

inline std::string_view TruncateBytes(std::string_view s, int32_t length) {
  return s.substr(0, static_cast<size_t>(length));
}

inline int32_t YearFromDays(int64_t days) {
  return static_cast<int32_t>(internal::CivilFromDays(days).year - 1970);
}
inline int32_t MonthFromDays(int64_t days) {
  internal::CivilDate d = internal::CivilFromDays(days);
  return static_cast<int32_t>((d.year - 1970) * 12 + d.month - 1);
}
inline int32_t YearFromMicros(int64_t micros) {
  return YearFromDays(internal::FloorDiv(micros, internal::kMicrosPerDay));
}
inline int32_t MonthFromMicros(int64_t micros) {
  return MonthFromDays(internal::FloorDiv(micros, internal::kMicrosPerDay));
}
inline int32_t DayFromMicros(int64_t micros) {
  return static_cast<int32_t>(internal::FloorDiv(micros, internal::kMicrosPerDay));
}
inline int32_t HourFromMicros(int64_t micros) {
  return static_cast<int32_t>(internal::FloorDiv(micros, internal::kMicrosPerHour));
}

// Elementwise out[i] = f(in[i]).
template <typename In, typename Out, typename F>
inline void Map(std::span<const In> in, std::span<Out> out, F f) {
  const size_t n = in.size();
  const In* src = in.data();
  Out* dst = out.data();
  for (size_t i = 0; i < n; ++i) dst[i] = f(src[i]);
}

// Bucket of ints, longs, dates, times and microsecond timestamps (all hash as a long).
template <typename Int>
inline void BucketIntegers(std::span<const Int> in, int32_t n, std::span<int32_t> out) {
  if (n > 0 && (n & (n - 1)) == 0) {
    // A power of two (the usual bucket counts): the remainder of a non-negative hash is a mask.
    const int32_t mask = n - 1;
    Map(in, out, [mask](Int v) { return (internal::HashLong(v) & 0x7fffffff) & mask; });
    return;
  }
  Map(in, out, [n](Int v) { return internal::BucketOf(internal::HashLong(v), n); });
}

// Bucket of nanosecond timestamps: hashed as their microseconds.
inline void BucketNanos(std::span<const int64_t> in, int32_t n, std::span<int32_t> out) {
  Map(in, out, [n](int64_t v) {
    return internal::BucketOf(internal::HashLong(internal::FloorDiv(v, internal::kNanosPerMicro)),
                              n);
  });
}

// Bucket of strings (UTF-8), binary and fixed values.
inline void BucketBytes(std::span<const std::string_view> in, int32_t n, std::span<int32_t> out) {
  Map(in, out, [n](std::string_view v) { return internal::BucketOf(internal::HashBytes(v), n); });
}

// Bucket of decimals given as unscaled values.
inline void BucketDecimals(std::span<const __int128> in, int32_t n, std::span<int32_t> out) {
  Map(in, out, [n](__int128 v) { return internal::BucketOf(internal::HashDecimal(v), n); });
}

template <typename Int>
inline void TruncateIntegers(std::span<const Int> in, int32_t w, std::span<Int> out) {
  Map(in, out, [w](Int v) { return TruncateInt(v, w); });
}

// Outputs view into the inputs' bytes.
inline void TruncateStrings(std::span<const std::string_view> in, int32_t code_points,
                            std::span<std::string_view> out) {
  Map(in, out, [code_points](std::string_view v) { return TruncateUtf8(v, code_points); });
}

inline void TruncateBinaries(std::span<const std::string_view> in, int32_t length,
                             std::span<std::string_view> out) {
  Map(in, out, [length](std::string_view v) { return TruncateBytes(v, length); });
}

}  // namespace floe::iceberg::kernels
