// The 32-bit hash that Iceberg's bucket transform uses (spec Appendix B): Murmur3, x86 32-bit
// variant, seed 0, over the value's canonical bytes: integers of every width as 8 little-endian
// bytes, decimals as the minimal two's-complement big-endian bytes of the unscaled value,
// strings as UTF-8, uuids as 16 big-endian bytes, floats as the double's IEEE bits with NaN and
// -0.0 canonicalized. Header-only: the bucket kernels call these in their inner loops.
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace floe::iceberg::internal {

inline uint32_t Murmur3Mix(uint32_t k) {
  k *= 0xcc9e2d51u;
  k = std::rotl(k, 15);
  return k * 0x1b873593u;
}

inline uint32_t Murmur3Finish(uint32_t h, size_t length) {
  h ^= static_cast<uint32_t>(length);
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

inline int32_t Murmur3Hash32(const uint8_t* data, size_t length) {
  uint32_t h = 0;  // seed
  size_t blocks = length / 4;
  for (size_t i = 0; i < blocks; ++i) {
    const uint8_t* p = data + 4 * i;
    uint32_t k = uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
    h ^= Murmur3Mix(k);
    h = std::rotl(h, 13);
    h = h * 5 + 0xe6546b64u;
  }
  const uint8_t* tail = data + 4 * blocks;
  uint32_t k = 0;
  switch (length & 3) {
    case 3:
      k ^= uint32_t{tail[2]} << 16;
      [[fallthrough]];
    case 2:
      k ^= uint32_t{tail[1]} << 8;
      [[fallthrough]];
    case 1:
      k ^= tail[0];
      h ^= Murmur3Mix(k);
  }
  return static_cast<int32_t>(Murmur3Finish(h, length));
}

inline int32_t HashBytes(std::string_view bytes) {
  return Murmur3Hash32(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

// int, long, date, time and timestamps all hash as a long so that promotion keeps buckets.
// Murmur3Hash32 of the 8 little-endian bytes, as two 4-byte blocks.
inline int32_t HashLong(int64_t v) {
  const auto u = static_cast<uint64_t>(v);
  uint32_t h = 0;  // seed
  for (uint32_t k : {static_cast<uint32_t>(u), static_cast<uint32_t>(u >> 32)}) {
    h ^= Murmur3Mix(k);
    h = std::rotl(h, 13);
    h = h * 5 + 0xe6546b64u;
  }
  return static_cast<int32_t>(Murmur3Finish(h, 8));
}

inline int32_t HashDouble(double v) {
  if (std::isnan(v)) return HashLong(0x7ff8000000000000LL);
  if (v == 0.0) v = 0.0;  // -0.0 hashes as 0.0
  return HashLong(std::bit_cast<int64_t>(v));
}

// The minimal two's-complement big-endian bytes of `unscaled` (Java's BigInteger.toByteArray):
// at least one byte, and no leading byte that only repeats the sign of the next.
inline size_t MinimalBigEndian(__int128 unscaled, uint8_t out[16]) {
  uint8_t be[16];
  unsigned __int128 u = static_cast<unsigned __int128>(unscaled);
  for (int i = 15; i >= 0; --i) {
    be[i] = static_cast<uint8_t>(u);
    u >>= 8;
  }
  size_t start = 0;
  while (start < 15) {
    bool redundant = (be[start] == 0x00 && (be[start + 1] & 0x80) == 0) ||
                     (be[start] == 0xff && (be[start + 1] & 0x80) != 0);
    if (!redundant) break;
    ++start;
  }
  std::memcpy(out, be + start, 16 - start);
  return 16 - start;
}

inline int32_t HashDecimal(__int128 unscaled) {
  uint8_t bytes[16];
  size_t n = MinimalBigEndian(unscaled, bytes);
  return Murmur3Hash32(bytes, n);
}

// (hash & Integer.MAX_VALUE) % n, the bucket of a hash.
inline int32_t BucketOf(int32_t hash, int32_t n) { return (hash & 0x7fffffff) % n; }

}  // namespace floe::iceberg::internal
