// PLAIN encoding of every physical type.
//
// Byte layout (Parquet Encodings.md, "Plain"):
//   BOOLEAN               bit-packed, 1 bit a value, LSB first
//   INT32/FLOAT           4 bytes little-endian a value
//   INT64/DOUBLE          8 bytes little-endian a value
//   INT96                 12 bytes a value
//   BYTE_ARRAY            4-byte little-endian length, then the bytes, a value
//   FIXED_LEN_BYTE_ARRAY  type_length bytes a value
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/parquet/bit_packing_internal.h"
#include "floe/format/parquet/column_values_internal.h"

namespace floe::parquet {

// Appends values [begin, end) of `values` in PLAIN form.
inline void EncodePlain(const ColumnValues& values, size_t begin, size_t end,
                        std::vector<uint8_t>& out) {
  switch (values.type) {
    case PhysicalType::kBoolean: {
      uint8_t acc = 0;
      int nbits = 0;
      for (size_t i = begin; i < end; ++i) {
        acc |= static_cast<uint8_t>((values.bytes[i] & 1) << nbits);
        if (++nbits == 8) {
          out.push_back(acc);
          acc = 0;
          nbits = 0;
        }
      }
      if (nbits > 0) out.push_back(acc);
      return;
    }
    case PhysicalType::kByteArray:
      for (size_t i = begin; i < end; ++i) {
        auto len = static_cast<uint32_t>(values.offsets[i + 1] - values.offsets[i]);
        uint8_t prefix[4];
        std::memcpy(prefix, &len, 4);
        out.insert(out.end(), prefix, prefix + 4);
        const uint8_t* p = values.bytes.data() + values.offsets[i];
        out.insert(out.end(), p, p + len);
      }
      return;
    default: {
      const uint8_t* p = values.bytes.data() + begin * values.width;
      out.insert(out.end(), p, p + (end - begin) * values.width);
      return;
    }
  }
}

// Bytes EncodePlain would append for values [begin, end); cheap for fixed-width types.
inline size_t PlainEncodedSize(const ColumnValues& values, size_t begin, size_t end) {
  if (values.type == PhysicalType::kBoolean) return (end - begin + 7) / 8;
  if (values.is_byte_array()) {
    return 4 * (end - begin) + static_cast<size_t>(values.offsets[end] - values.offsets[begin]);
  }
  return (end - begin) * values.width;
}

// Makes room for `more` elements past the size, at least doubling the capacity when it grows.
template <typename T>
inline void GrowFor(std::vector<T>& v, size_t more) {
  if (v.capacity() - v.size() < more) v.reserve(std::max(v.size() + more, 2 * v.capacity()));
}

// Appends `n` PLAIN values read from `cursor` to `out`. `bool_bit` carries the bit position of
// booleans between calls on the same page (0 at the start of a page).
inline Status DecodePlain(ByteCursor& cursor, size_t n, ColumnValues& out, size_t& bool_bit) {
  switch (out.type) {
    case PhysicalType::kBoolean: {
      size_t bit_end = bool_bit + n;
      size_t needed_bytes = (bit_end + 7) / 8;
      if (needed_bytes > cursor.remaining()) {
        return CorruptFile("parquet: PLAIN booleans past the end of the page");
      }
      // The cursor stays at the page's first boolean byte; bool_bit indexes from there.
      const uint8_t* base = cursor.current();
      size_t old = out.bytes.size();
      out.bytes.resize(old + n);
      for (size_t i = 0; i < n; ++i) {
        size_t bit = bool_bit + i;
        out.bytes[old + i] = (base[bit >> 3] >> (bit & 7)) & 1;
      }
      bool_bit = bit_end;
      out.count += n;
      return OkStatus();
    }
    case PhysicalType::kByteArray:
      // The page bounds the growth (each value takes at least its 4-byte length); grow
      // geometrically, as reserving exactly per page would copy the column once a page.
      GrowFor(out.offsets, std::min(n, cursor.remaining() / 4));
      GrowFor(out.bytes, cursor.remaining());
      for (size_t i = 0; i < n; ++i) {
        FLOE_ASSIGN_OR_RETURN(uint32_t len, cursor.ReadU32LE());
        FLOE_ASSIGN_OR_RETURN(auto bytes, cursor.ReadBytes(len));
        if (out.bytes.size() + len > static_cast<size_t>(INT32_MAX)) {
          return NotSupported("parquet: more than 2 GiB of byte arrays in one column chunk");
        }
        out.AppendBinary({reinterpret_cast<const char*>(bytes.data()), bytes.size()});
      }
      return OkStatus();
    default: {
      if (out.width <= 0) return CorruptFile("parquet: bad value width {}", out.width);
      FLOE_ASSIGN_OR_RETURN(auto bytes, cursor.ReadBytes(n * static_cast<size_t>(out.width)));
      out.bytes.insert(out.bytes.end(), bytes.begin(), bytes.end());
      out.count += n;
      return OkStatus();
    }
  }
}

}  // namespace floe::parquet
