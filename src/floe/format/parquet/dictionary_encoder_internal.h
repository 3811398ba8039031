// DictionaryEncoder: maps the values of one column chunk to dictionary indices, for RLE_DICTIONARY
// data pages and the PLAIN dictionary page written before them.
//
// The dictionary is a ColumnValues in first-seen order; an open-addressing table of indices finds
// existing entries by their bytes (so NaN payloads and -0.0 stay distinct, as PLAIN would keep
// them). Add refuses values once the dictionary's PLAIN size would pass a limit: the caller then
// writes the chunk's remaining pages PLAIN. Reset keeps all capacity for the next chunk.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <vector>

#include "floe/format/parquet/bit_packing_internal.h"
#include "floe/format/parquet/column_values_internal.h"

namespace floe::parquet {

class DictionaryEncoder {
 public:
  void Reset(PhysicalType type, int32_t width) {
    dictionary_.Reset(type, width);
    slots_.assign(slots_.empty() ? 1024 : slots_.size(), kEmpty);
    plain_bytes_ = 0;
  }

  const ColumnValues& dictionary() const { return dictionary_; }
  size_t size() const { return dictionary_.count; }
  // The dictionary page's PLAIN size.
  size_t plain_bytes() const {
    return dictionary_.type == PhysicalType::kBoolean ? (dictionary_.count + 7) / 8 : plain_bytes_;
  }
  // Bits per index in the data pages.
  int index_bit_width() const {
    return dictionary_.count <= 1 ? 1 : BitWidthOf(dictionary_.count - 1);
  }

  // Appends the indices of values [begin, end) to `indices`, adding new values to the dictionary.
  // Stops and returns the first position not added when the dictionary would pass
  // `max_plain_bytes`; returns `end` when all were added.
  size_t Add(const ColumnValues& values, size_t begin, size_t end, std::vector<uint32_t>& indices,
             size_t max_plain_bytes) {
    for (size_t i = begin; i < end; ++i) {
      std::string_view v = values.View(i);
      size_t mask = slots_.size() - 1;
      size_t slot = Hash(v) & mask;
      while (slots_[slot] != kEmpty && dictionary_.View(slots_[slot]) != v) {
        slot = (slot + 1) & mask;
      }
      if (slots_[slot] == kEmpty) {
        size_t added = v.size() + (values.is_byte_array() ? 4 : 0);
        if (plain_bytes_ + added > max_plain_bytes) return i;
        plain_bytes_ += added;
        slots_[slot] = static_cast<uint32_t>(dictionary_.count);
        dictionary_.AppendFrom(values, i);
        if (dictionary_.count * 2 > slots_.size()) Rehash();
        indices.push_back(static_cast<uint32_t>(dictionary_.count - 1));
      } else {
        indices.push_back(slots_[slot]);
      }
    }
    return end;
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;

  static size_t Hash(std::string_view v) {
    if (v.size() == 8 || v.size() == 4) {
      uint64_t x = 0;
      std::memcpy(&x, v.data(), v.size());
      x ^= x >> 33;
      x *= 0xff51afd7ed558ccdULL;
      x ^= x >> 33;
      x *= 0xc4ceb9fe1a85ec53ULL;
      return static_cast<size_t>(x ^ (x >> 33));
    }
    return std::hash<std::string_view>()(v);
  }

  void Rehash() {
    slots_.assign(slots_.size() * 2, kEmpty);
    size_t mask = slots_.size() - 1;
    for (size_t i = 0; i < dictionary_.count; ++i) {
      size_t slot = Hash(dictionary_.View(i)) & mask;
      while (slots_[slot] != kEmpty) slot = (slot + 1) & mask;
      slots_[slot] = static_cast<uint32_t>(i);
    }
  }

  ColumnValues dictionary_;
  std::vector<uint32_t> slots_;
  size_t plain_bytes_ = 0;
};

}  // namespace floe::parquet
