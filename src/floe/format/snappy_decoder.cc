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
      const uint32_t kind = tag & 3;
      if (kind == 0) {
        size_t len = (tag >> 2) + 1;
        if (len <= 16) {
          Copy16(op, ip);
          ip += len;
          op += len;
          continue;
        }
        if (len > 60) {
          const size_t extra = len - 60;  // 1..4 bytes of length - 1
          uint32_t v;
          std::memcpy(&v, ip, 4);
          v &= UINT32_MAX >> (32 - 8 * extra);
          ip += extra;
          len = static_cast<size_t>(v) + 1;
        }
        if (in_left() < len || out_left() < len) return corrupt_here();
        std::memcpy(op, ip, len);
        ip += len;
        op += len;
        continue;
      }
      size_t len;
      size_t offset;
      if (kind == 1) {
        len = 4 + ((tag >> 2) & 7);
        offset = ((tag >> 5) << 8) | ip[0];
        ip += 1;
      } else if (kind == 2) {
        len = (tag >> 2) + 1;
        uint16_t v;
        std::memcpy(&v, ip, 2);
        offset = v;  // the format is little-endian, as are the machines floe runs on
        ip += 2;
      } else {
        len = (tag >> 2) + 1;
        uint32_t v;
        std::memcpy(&v, ip, 4);
        offset = v;
        ip += 4;
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
    const uint32_t kind = tag & 3;
    if (kind == 0) {
      size_t len = (tag >> 2) + 1;
      if (len > 60) {
        const size_t extra = len - 60;
        if (in_left() < extra) return Corrupt(block.size());
        uint32_t v = 0;
        for (size_t i = 0; i < extra; ++i) v |= static_cast<uint32_t>(ip[i]) << (8 * i);
        ip += extra;
        len = static_cast<size_t>(v) + 1;
      }
      if (in_left() < len || out_left() < len) return corrupt_here();
      std::memcpy(op, ip, len);
      ip += len;
      op += len;
      continue;
    }
    size_t len;
    size_t offset;
    if (kind == 1) {
      if (in_left() < 1) return Corrupt(block.size());
      len = 4 + ((tag >> 2) & 7);
      offset = ((tag >> 5) << 8) | ip[0];
      ip += 1;
    } else if (kind == 2) {
      if (in_left() < 2) return Corrupt(block.size());
      len = (tag >> 2) + 1;
      offset = static_cast<size_t>(ip[0]) | static_cast<size_t>(ip[1]) << 8;
      ip += 2;
    } else {
      if (in_left() < 4) return Corrupt(block.size());
      len = (tag >> 2) + 1;
      uint32_t v;
      std::memcpy(&v, ip, 4);
      offset = v;
      ip += 4;
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
