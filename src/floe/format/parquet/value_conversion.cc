#include "floe/format/parquet/value_conversion_internal.h"

#include <cstring>

#include "floe/columnar/bit_util.h"
#include "floe/columnar/decimal128.h"

namespace floe::parquet {

using columnar::Array;
using columnar::Buffer;
using columnar::Decimal128;
using columnar::TypeKind;

namespace {

// The last `n` bytes of the 16-byte big-endian form of `v`.
void DecimalToBigEndian(const Decimal128& v, int32_t n, uint8_t* out) {
  uint8_t be[16];
  for (int i = 0; i < 8; ++i) {
    be[7 - i] = static_cast<uint8_t>(static_cast<uint64_t>(v.high) >> (8 * i));
    be[15 - i] = static_cast<uint8_t>(v.low >> (8 * i));
  }
  std::memcpy(out, be + 16 - n, static_cast<size_t>(n));
}

Decimal128 DecimalFromBigEndian(const uint8_t* p, size_t n) {
  unsigned __int128 v = (n > 0 && (p[0] & 0x80)) ? ~static_cast<unsigned __int128>(0) : 0;
  for (size_t i = 0; i < n; ++i) v = (v << 8) | p[i];
  return Decimal128::FromInt128(static_cast<__int128>(v));
}

template <typename Index>
void AppendValues(const SchemaNode& leaf, const Array& array, size_t count, Index index,
                  ColumnValues& out) {
  switch (leaf.conversion) {
    case ValueConversion::kBoolean: {
      size_t old = out.bytes.size();
      out.bytes.resize(old + count);
      for (size_t i = 0; i < count; ++i) out.bytes[old + i] = array.GetBool(index(i)) ? 1 : 0;
      out.count += count;
      return;
    }
    case ValueConversion::kDecimalInt32:
    case ValueConversion::kDecimalInt64:
    case ValueConversion::kDecimalBytes: {
      auto values = array.values<Decimal128>();
      size_t old = out.bytes.size();
      out.bytes.resize(old + count * out.width);
      uint8_t* dst = out.bytes.data() + old;
      for (size_t i = 0; i < count; ++i) {
        const Decimal128& d = values[index(i)];
        if (leaf.conversion == ValueConversion::kDecimalInt32) {
          auto v = static_cast<int32_t>(d.low);
          std::memcpy(dst + i * 4, &v, 4);
        } else if (leaf.conversion == ValueConversion::kDecimalInt64) {
          auto v = static_cast<int64_t>(d.low);
          std::memcpy(dst + i * 8, &v, 8);
        } else {
          DecimalToBigEndian(d, out.width, dst + i * out.width);
        }
      }
      out.count += count;
      return;
    }
    case ValueConversion::kBinary:
      for (size_t i = 0; i < count; ++i) out.AppendBinary(array.GetView(index(i)));
      return;
    case ValueConversion::kFixed: {
      const uint8_t* src = array.fixed_size_values();
      const size_t w = static_cast<size_t>(out.width);
      size_t old = out.bytes.size();
      out.bytes.resize(old + count * w);
      for (size_t i = 0; i < count; ++i) {
        std::memcpy(out.bytes.data() + old + i * w, src + static_cast<size_t>(index(i)) * w, w);
      }
      out.count += count;
      return;
    }
    default: {
      // Same-width copies: int32, int64, float, double, date, time and timestamp micros.
      const size_t w = static_cast<size_t>(out.width);
      const uint8_t* src = array.buffer(1)->data() + static_cast<size_t>(array.offset()) * w;
      size_t old = out.bytes.size();
      out.bytes.resize(old + count * w);
      uint8_t* dst = out.bytes.data() + old;
      if (w == 4) {
        for (size_t i = 0; i < count; ++i) std::memcpy(dst + i * 4, src + index(i) * 4, 4);
      } else {
        for (size_t i = 0; i < count; ++i) std::memcpy(dst + i * 8, src + index(i) * 8, 8);
      }
      out.count += count;
      return;
    }
  }
}

constexpr int64_t kJulianEpochDay = 2440588;
constexpr int64_t kMicrosPerDay = 86400LL * 1000 * 1000;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

}  // namespace

void AppendPhysicalValues(const SchemaNode& leaf, const Array& array,
                          std::span<const int64_t> positions, ColumnValues& out) {
  AppendValues(
      leaf, array, positions.size(), [&](size_t i) { return static_cast<size_t>(positions[i]); },
      out);
}

void AppendPhysicalRange(const SchemaNode& leaf, const Array& array, int64_t begin, int64_t end,
                         ColumnValues& out) {
  if (end <= begin) return;
  if (leaf.conversion == ValueConversion::kCopy) {
    const size_t w = static_cast<size_t>(out.width);
    const uint8_t* src = array.buffer(1)->data() + static_cast<size_t>(array.offset() + begin) * w;
    out.bytes.insert(out.bytes.end(), src, src + static_cast<size_t>(end - begin) * w);
    out.count += static_cast<size_t>(end - begin);
    return;
  }
  AppendValues(
      leaf, array, static_cast<size_t>(end - begin),
      [&](size_t i) { return static_cast<size_t>(begin) + i; }, out);
}

// Packs `length` bytes of 0/1 into a bitmap, eight at a time.
void PackBytesToBits(const uint8_t* bytes, int64_t length, uint8_t* bits) {
  int64_t i = 0;
  for (; i + 8 <= length; i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes + i, 8);
    // Each byte is 0 or 1: gather bit 0 of every byte into the top byte.
    bits[i >> 3] =
        static_cast<uint8_t>(((word & 0x0101010101010101ULL) * 0x0102040810204080ULL) >> 56);
  }
  if (i < length) {
    uint8_t last = 0;
    for (int64_t k = i; k < length; ++k) last |= static_cast<uint8_t>((bytes[k] & 1) << (k - i));
    bits[i >> 3] = last;
  }
}

Result<Array> MakeLeafArray(const SchemaNode& leaf, const ColumnValues& values, size_t first_value,
                            int64_t length, const uint8_t* valid, BufferPool& pool) {
  const columnar::DataType& type = leaf.field->type();
  std::shared_ptr<Buffer> validity;
  int64_t null_count = 0;
  if (valid != nullptr) {
    int64_t present = 0;
    for (int64_t i = 0; i < length; ++i) present += valid[i];
    null_count = length - present;
  }
  if (null_count > 0) {
    FLOE_ASSIGN_OR_RETURN(PooledBuffer bits,
                          pool.Acquire(columnar::bit_util::BytesForBits(length)));
    PackBytesToBits(valid, length, bits.data);
    validity = std::move(bits.buffer);
  }
  auto is_valid = [&](int64_t i) { return null_count == 0 || valid[i] != 0; };
  size_t next = first_value;

  if (leaf.conversion == ValueConversion::kBinary) {
    FLOE_ASSIGN_OR_RETURN(PooledBuffer offsets, pool.Acquire((length + 1) * 4));
    auto* off = reinterpret_cast<int32_t*>(offsets.data);
    const int32_t* in_off = values.offsets.data();
    off[0] = 0;
    if (null_count == 0) {
      const int32_t base = length > 0 ? in_off[next] : 0;
      const int64_t total =
          length > 0 ? int64_t{in_off[next + static_cast<size_t>(length)]} - base : 0;
      FLOE_ASSIGN_OR_RETURN(PooledBuffer data, pool.Acquire(total));
      if (total > 0) {
        std::memcpy(data.data, values.bytes.data() + base, static_cast<size_t>(total));
      }
      for (int64_t i = 0; i < length; ++i)
        off[i + 1] = in_off[next + static_cast<size_t>(i) + 1] - base;
      return Array::Make(type, length, {validity, offsets.buffer, data.buffer}, {}, 0);
    }
    int64_t total = 0;
    size_t scan = next;
    for (int64_t i = 0; i < length; ++i) {
      if (valid[i]) {
        total += in_off[scan + 1] - in_off[scan];
        ++scan;
      }
    }
    if (total > INT32_MAX) return NotSupported("parquet: more than 2 GiB of strings in one batch");
    FLOE_ASSIGN_OR_RETURN(PooledBuffer data, pool.Acquire(total));
    int32_t pos = 0;
    for (int64_t i = 0; i < length; ++i) {
      if (valid[i]) {
        int32_t begin = in_off[next];
        int32_t len = in_off[next + 1] - begin;
        ++next;
        if (len > 0)
          std::memcpy(data.data + pos, values.bytes.data() + begin, static_cast<size_t>(len));
        pos += len;
      }
      off[i + 1] = pos;
    }
    return Array::Make(type, length, {validity, offsets.buffer, data.buffer}, {}, null_count);
  }

  if (leaf.conversion == ValueConversion::kBoolean) {
    FLOE_ASSIGN_OR_RETURN(PooledBuffer bits,
                          pool.Acquire(columnar::bit_util::BytesForBits(length)));
    if (null_count == 0) {
      if (length > 0) PackBytesToBits(values.bytes.data() + next, length, bits.data);
    } else {
      std::memset(bits.data, 0, static_cast<size_t>(columnar::bit_util::BytesForBits(length)));
      for (int64_t i = 0; i < length; ++i) {
        if (valid[i] && values.bytes[next++]) columnar::bit_util::SetBit(bits.data, i);
      }
    }
    return Array::Make(type, length, {validity, bits.buffer}, {}, null_count);
  }

  const int32_t out_width = type.byte_width();
  FLOE_ASSIGN_OR_RETURN(PooledBuffer out, pool.Acquire(length * out_width));
  uint8_t* dst = out.data;
  std::shared_ptr<Buffer> buffer = out.buffer;
  // Null slots are zeroed so that equal arrays have equal bytes.
  if (null_count > 0) std::memset(dst, 0, static_cast<size_t>(length * out_width));
  const uint8_t* src = values.bytes.data();
  const size_t in_width = static_cast<size_t>(values.width);
  if (leaf.conversion == ValueConversion::kCopy || leaf.conversion == ValueConversion::kFixed) {
    if (null_count == 0) {
      if (length > 0)
        std::memcpy(dst, src + next * in_width, static_cast<size_t>(length) * in_width);
    } else if (in_width == 8) {
      for (int64_t i = 0; i < length; ++i) {
        if (valid[i]) std::memcpy(dst + i * 8, src + (next++) * 8, 8);
      }
    } else if (in_width == 4) {
      for (int64_t i = 0; i < length; ++i) {
        if (valid[i]) std::memcpy(dst + i * 4, src + (next++) * 4, 4);
      }
    } else {
      for (int64_t i = 0; i < length; ++i) {
        if (valid[i]) std::memcpy(dst + i * out_width, src + (next++) * in_width, in_width);
      }
    }
    return Array::Make(type, length, {validity, buffer}, {}, null_count);
  }
  for (int64_t i = 0; i < length; ++i) {
    if (!is_valid(i)) continue;
    const uint8_t* v = src + next * in_width;
    uint8_t* o = dst + i * out_width;
    switch (leaf.conversion) {
      case ValueConversion::kInt32ToInt64: {
        uint32_t x;
        std::memcpy(&x, v, 4);
        int64_t y = x;
        std::memcpy(o, &y, 8);
        break;
      }
      case ValueConversion::kTimeMillis: {
        int32_t x;
        std::memcpy(&x, v, 4);
        int64_t y = int64_t{x} * 1000;
        std::memcpy(o, &y, 8);
        break;
      }
      case ValueConversion::kTimestampMillis: {
        int64_t x;
        std::memcpy(&x, v, 8);
        int64_t y = static_cast<int64_t>(static_cast<uint64_t>(x) * 1000);
        std::memcpy(o, &y, 8);
        break;
      }
      case ValueConversion::kTimestampNanos: {
        int64_t x;
        std::memcpy(&x, v, 8);
        int64_t y = FloorDiv(x, 1000);
        std::memcpy(o, &y, 8);
        break;
      }
      case ValueConversion::kInt96: {
        int64_t nanos;
        int32_t day;
        std::memcpy(&nanos, v, 8);
        std::memcpy(&day, v + 8, 4);
        int64_t y = static_cast<int64_t>(
            static_cast<uint64_t>((int64_t{day} - kJulianEpochDay) * kMicrosPerDay) +
            static_cast<uint64_t>(FloorDiv(nanos, 1000)));
        std::memcpy(o, &y, 8);
        break;
      }
      case ValueConversion::kDecimalInt32: {
        int32_t x;
        std::memcpy(&x, v, 4);
        Decimal128 d = Decimal128::FromInt64(x);
        std::memcpy(o, &d, 16);
        break;
      }
      case ValueConversion::kDecimalInt64: {
        int64_t x;
        std::memcpy(&x, v, 8);
        Decimal128 d = Decimal128::FromInt64(x);
        std::memcpy(o, &d, 16);
        break;
      }
      case ValueConversion::kDecimalBytes: {
        std::string_view b = values.View(next);
        if (b.size() > 16) return CorruptFile("parquet: decimal of {} bytes", b.size());
        Decimal128 d = DecimalFromBigEndian(reinterpret_cast<const uint8_t*>(b.data()), b.size());
        std::memcpy(o, &d, 16);
        break;
      }
      default:
        return Internal("parquet: unexpected conversion");
    }
    ++next;
  }
  return Array::Make(type, length, {validity, buffer}, {}, null_count);
}

}  // namespace floe::parquet
