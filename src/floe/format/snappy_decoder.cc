#include <cstring>

#include "floe/format/snappy_decoder_internal.h"

namespace floe::format {
namespace {

// Fixed-size copies compile to one or two vector moves. Going through a temporary keeps them
// correct when source and destination overlap (a copy element whose offset is below its size).
inline void Copy8(uint8_t* dst, const uint8_t* src) {
  uint64_t v;
  std::memcpy(&v, src, 8);
  std::memcpy(dst, &v, 8);
}

inline void Copy16(uint8_t* dst, const uint8_t* src) {
  uint8_t v[16];
  std::memcpy(v, src, 16);
  std::memcpy(dst, v, 16);
}

struct LengthHeader {
  size_t length;
  size_t header_bytes;
};

Result<LengthHeader> ParseLength(std::span<const uint8_t> block) {
  uint64_t length = 0;
  for (size_t i = 0; i < 5; ++i) {
    if (i >= block.size()) return CorruptFile("corrupt snappy block: bad length header");
    const uint8_t b = block[i];
    length |= static_cast<uint64_t>(b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) {
      if (length > UINT32_MAX) return CorruptFile("corrupt snappy block: bad length header");
      return LengthHeader{static_cast<size_t>(length), i + 1};
    }
  }
  return CorruptFile("corrupt snappy block: bad length header");
}

Error Corrupt(size_t at) { return CorruptFile("corrupt snappy block at byte {}", at); }

// Bytes after a tag that hold a literal's length or a copy's offset.
inline size_t HeaderBytes(uint32_t tag) {
  switch (tag & 3) {
    case 0:
      return (tag >> 2) >= 60 ? (tag >> 2) - 59 : 0;
    case 1:
      return 1;
    case 2:
      return 2;
    default:
      return 4;
  }
}

// An element's length, and for a copy its offset (0 for a literal), from its tag and the
// HeaderBytes(tag) bytes at `ip`, which it steps past.
struct Element {
  size_t length;
  size_t offset;
};
inline Element ParseElement(uint32_t tag, const uint8_t*& ip) {
  const size_t n = HeaderBytes(tag);
  uint32_t v = 0;  // the header bytes, little-endian
  for (size_t i = 0; i < n; ++i) v |= static_cast<uint32_t>(ip[i]) << (8 * i);
  ip += n;
  switch (tag & 3) {
    case 0:
      return {n == 0 ? (tag >> 2) + 1 : static_cast<size_t>(v) + 1, 0};
    case 1:
      return {4 + ((tag >> 2) & 7), ((tag >> 5) << 8) | v};
    default:
      return {(tag >> 2) + 1, v};
  }
}

}  // namespace

Result<size_t> SnappyUncompressedLength(std::span<const uint8_t> block) {
  FLOE_ASSIGN_OR_RETURN(LengthHeader header, ParseLength(block));
  return header.length;
}

Status SnappyUncompress(std::span<const uint8_t> block, std::span<uint8_t> out) {
  FLOE_ASSIGN_OR_RETURN(LengthHeader header, ParseLength(block));
  if (header.length != out.size()) {
    return CorruptFile("snappy block decompresses to {} bytes, expected {}", header.length,
                       out.size());
  }
  const uint8_t* ip = block.data() + header.header_bytes;
  const uint8_t* const ip_end = block.data() + block.size();
  uint8_t* const base = out.data();
  uint8_t* op = base;
  uint8_t* const op_end = base + out.size();
  auto in_left = [&] { return static_cast<size_t>(ip_end - ip); };
  auto out_left = [&] { return static_cast<size_t>(op_end - op); };
  auto corrupt_here = [&] { return Corrupt(static_cast<size_t>(ip - block.data())); };

  // Fast loop: while kInputSlack input bytes and kOutputSlack output bytes are left, an element
  // (a tag, at most 4 bytes of length or offset, a literal up to 16 bytes read as 16, a copy of
  // up to 64 bytes written in 8- or 16-byte moves) cannot run past either end, so only long
  // literals and copy offsets are checked.
  constexpr size_t kInputSlack = 21;
  constexpr size_t kOutputSlack = 80;
  if (in_left() > kInputSlack && out_left() > kOutputSlack) {
    const uint8_t* const ip_safe = ip_end - kInputSlack;
    uint8_t* const op_safe = op_end - kOutputSlack;
    while (ip < ip_safe && op < op_safe) {
      const uint32_t tag = *ip++;
      if ((tag & 3) == 0 && (tag >> 2) < 16) {
        // A literal of up to 16 bytes, the commonest element: one 16-byte move.
        const size_t len = (tag >> 2) + 1;
        Copy16(op, ip);
        ip += len;
        op += len;
        continue;
      }
      const auto [len, offset] = ParseElement(tag, ip);
      if ((tag & 3) == 0) {
        if (in_left() < len || out_left() < len) return corrupt_here();
        std::memcpy(op, ip, len);
        ip += len;
        op += len;
        continue;
      }
      // offset 0 wraps around to SIZE_MAX: one test for both ends.
      if (offset - 1 >= static_cast<size_t>(op - base)) return corrupt_here();
      const uint8_t* src = op - offset;
      if (offset >= 16) {
        // Each 16-byte move reads bytes written before it; bytes past `len` are written again
        // by later elements.
        Copy16(op, src);
        if (len > 16) {
          Copy16(op + 16, src + 16);
          if (len > 32) {
            Copy16(op + 32, src + 32);
            Copy16(op + 48, src + 48);
          }
        }
      } else if (offset >= 8) {
        for (size_t i = 0; i < len; i += 8) Copy8(op + i, src + i);
      } else {
        // A short repeating pattern.
        for (size_t i = 0; i < len; ++i) op[i] = src[i];
      }
      op += len;
    }
  }

  // The last elements, every bound checked.
  while (ip < ip_end) {
    const uint32_t tag = *ip++;
    if (in_left() < HeaderBytes(tag)) return Corrupt(block.size());
    const auto [len, offset] = ParseElement(tag, ip);
    if ((tag & 3) == 0) {
      if (in_left() < len || out_left() < len) return corrupt_here();
      std::memcpy(op, ip, len);
      ip += len;
      op += len;
      continue;
    }
    if (offset - 1 >= static_cast<size_t>(op - base) || len > out_left()) return corrupt_here();
    const uint8_t* src = op - offset;
    for (size_t i = 0; i < len; ++i) op[i] = src[i];
    op += len;
  }
  if (op != op_end) {
    return CorruptFile("snappy block decompresses to {} bytes, expected {}", op - base, out.size());
  }
  return OkStatus();
}

}  // namespace floe::format
