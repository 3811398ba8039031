// ColumnValues: the dense (non-null) values of one leaf column in Parquet's physical form, the
// meeting point of encoders and decoders with the columnar conversion code.
//
// Memory layout:
//   fixed-width physical types  `bytes` holds count * width bytes, little-endian values
//                               (BOOLEAN one byte 0/1 a value, INT96 12 bytes, FIXED N bytes)
//   BYTE_ARRAY                  `bytes` holds the concatenated values; `offsets` holds count + 1
//                               int32 offsets into it, offsets[0] == 0
// Reset keeps the capacity, so one ColumnValues serves every page and row group of a column.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "floe/format/parquet/metadata.h"

namespace floe::parquet {

// Bytes per value of a fixed-width physical type (BOOLEAN as one byte), 0 for BYTE_ARRAY.
inline int32_t PhysicalWidth(PhysicalType type, int32_t type_length) {
  switch (type) {
    case PhysicalType::kBoolean:
      return 1;
    case PhysicalType::kInt32:
      return 4;
    case PhysicalType::kInt64:
      return 8;
    case PhysicalType::kInt96:
      return 12;
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kDouble:
      return 8;
    case PhysicalType::kByteArray:
      return 0;
    case PhysicalType::kFixedLenByteArray:
      return type_length;
  }
  return -1;
}

struct ColumnValues {
  PhysicalType type = PhysicalType::kInt32;
  int32_t width = 4;
  size_t count = 0;
  std::vector<uint8_t> bytes;
  std::vector<int32_t> offsets;

  bool is_byte_array() const { return type == PhysicalType::kByteArray; }

  void Reset(PhysicalType t, int32_t w) {
    type = t;
    width = w;
    Clear();
  }
  void Clear() {
    count = 0;
    bytes.clear();
    offsets.clear();
    if (is_byte_array()) offsets.push_back(0);
  }

  std::string_view View(size_t i) const {
    if (is_byte_array()) {
      return {reinterpret_cast<const char*>(bytes.data()) + offsets[i],
              static_cast<size_t>(offsets[i + 1] - offsets[i])};
    }
    return {reinterpret_cast<const char*>(bytes.data()) + i * width, static_cast<size_t>(width)};
  }
  template <typename T>
  T Get(size_t i) const {
    T v;
    std::memcpy(&v, bytes.data() + i * sizeof(T), sizeof(T));
    return v;
  }

  void AppendFixed(const void* p) {
    const auto* b = static_cast<const uint8_t*>(p);
    bytes.insert(bytes.end(), b, b + width);
    ++count;
  }
  void AppendBinary(std::string_view v) {
    bytes.insert(bytes.end(), v.begin(), v.end());
    offsets.push_back(static_cast<int32_t>(bytes.size()));
    ++count;
  }
  // Appends every value of `other` (same type).
  void AppendAll(const ColumnValues& other) {
    const auto base = static_cast<int32_t>(bytes.size());
    bytes.insert(bytes.end(), other.bytes.begin(), other.bytes.end());
    if (is_byte_array()) {
      offsets.reserve(offsets.size() + other.count);
      for (size_t i = 1; i <= other.count; ++i) offsets.push_back(base + other.offsets[i]);
    }
    count += other.count;
  }
  // Appends value i of `other` (same type).
  void AppendFrom(const ColumnValues& other, size_t i) {
    if (is_byte_array()) {
      AppendBinary(other.View(i));
    } else {
      AppendFixed(other.bytes.data() + i * width);
    }
  }
};

}  // namespace floe::parquet
