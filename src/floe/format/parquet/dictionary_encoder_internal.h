// DictionaryEncoder: maps the values of one column chunk to dictionary indices, for RLE_DICTIONARY
// data pages and the PLAIN dictionary page written before them.
//
// The dictionary is a ColumnValues in first-seen order. Values are found by their bytes (so NaN
// payloads and -0.0 stay distinct, as PLAIN would keep them) through an open-addressing table:
//   4- and 8-byte values  each slot holds the value itself beside its index, so a probe reads
//                         one slot and compares two integers;
//   other widths, BYTE_ARRAY  each slot holds the index and 32 bits of the value's hash, so
//                         only a matching hash compares bytes; entries keep their whole hash,
//                         so growing the table does not hash them again.
// Add refuses values once the dictionary's PLAIN size would pass a limit: the caller then writes
// the chunk's remaining pages PLAIN. Reset keeps all capacity for the next chunk.
#pragma once

#include <algorithm>
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
    fixed_ = !dictionary_.is_byte_array() && (width == 4 || width == 8);
    const size_t size = capacity_ == 0 ? kInitialSlots : capacity_;
    if (fixed_) {
      fixed_slots_.assign(size, FixedSlot{0, kEmpty});
      slots_.clear();
    } else {
      slots_.assign(size, Slot{kEmpty, 0});
      fixed_slots_.clear();
    }
    capacity_ = size;
    hashes_.clear();
    plain_bytes_ = 0;
  }

  // Frees the dictionary and its table, for a chunk that gave the dictionary up before any page
  // used it (a fanout keeps many writers open: their abandoned tables should not stay). Reset
  // must be called before the next Add.
  void Release() {
    dictionary_ = ColumnValues();
    fixed_slots_ = {};
    slots_ = {};
    hashes_ = {};
    capacity_ = 0;
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
  // REQUIRES: `values` has the type and width given to Reset.
  size_t Add(const ColumnValues& values, size_t begin, size_t end, std::vector<uint32_t>& indices,
             size_t max_plain_bytes) {
    if (fixed_) {
      return dictionary_.width == 8 ? AddFixed<uint64_t>(values, begin, end, indices, max_plain_bytes)
                                    : AddFixed<uint32_t>(values, begin, end, indices, max_plain_bytes);
    }
    return AddBytes(values, begin, end, indices, max_plain_bytes);
  }

 private:
  static constexpr uint32_t kEmpty = UINT32_MAX;
  static constexpr size_t kInitialSlots = 1024;

  struct FixedSlot {
    uint64_t key;
    uint32_t index;
  };
  struct Slot {
    uint32_t index;
    uint32_t hash;
  };

  static uint64_t Mix(uint64_t x) {
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    return x ^ (x >> 33);
  }

  template <typename T>
  size_t AddFixed(const ColumnValues& values, size_t begin, size_t end,
                  std::vector<uint32_t>& indices, size_t max_plain_bytes) {
    indices.reserve(indices.size() + (end - begin));
    const uint8_t* data = values.bytes.data();
    for (size_t i = begin; i < end; ++i) {
      T raw;
      std::memcpy(&raw, data + i * sizeof(T), sizeof(T));
      const uint64_t key = raw;
      size_t mask = capacity_ - 1;
      size_t slot = Mix(key) & mask;
      while (fixed_slots_[slot].index != kEmpty && fixed_slots_[slot].key != key) {
        slot = (slot + 1) & mask;
      }
      if (fixed_slots_[slot].index != kEmpty) {
        indices.push_back(fixed_slots_[slot].index);
        continue;
      }
      if (plain_bytes_ + sizeof(T) > max_plain_bytes) return i;
      plain_bytes_ += sizeof(T);
      const auto index = static_cast<uint32_t>(dictionary_.count);
      fixed_slots_[slot] = FixedSlot{key, index};
      dictionary_.AppendFixed(&raw);
      indices.push_back(index);
      if (dictionary_.count * 2 > capacity_) GrowFixed();
    }
    return end;
  }

  size_t AddBytes(const ColumnValues& values, size_t begin, size_t end,
                  std::vector<uint32_t>& indices, size_t max_plain_bytes) {
    indices.reserve(indices.size() + (end - begin));
    // A big dictionary does not fit in cache, and a probe touches its slot, the entry's offset
    // and the entry's bytes, each a likely miss. Hashes are computed kAhead values ahead, and
    // the three are prefetched in stages (at kAhead, kAhead / 2 and kAhead / 4 values ahead).
    constexpr size_t kAhead = 16;
    uint64_t ring[kAhead];
    for (size_t j = begin; j < std::min(end, begin + kAhead); ++j) {
      ring[j % kAhead] = HashBytes(values.View(j));
    }
    for (size_t i = begin; i < end; ++i) {
      const uint64_t h = ring[i % kAhead];
      size_t mask = capacity_ - 1;
      if (i + kAhead < end) {
        const uint64_t ahead = HashBytes(values.View(i + kAhead));
        ring[i % kAhead] = ahead;
        __builtin_prefetch(&slots_[ahead & mask]);
      }
      const bool byte_array = dictionary_.is_byte_array();
      if (byte_array && i + kAhead / 2 < end) {
        const Slot& peek = slots_[ring[(i + kAhead / 2) % kAhead] & mask];
        if (peek.index != kEmpty) __builtin_prefetch(&dictionary_.offsets[peek.index]);
      }
      if (i + kAhead / 4 < end) {
        const Slot& peek = slots_[ring[(i + kAhead / 4) % kAhead] & mask];
        if (peek.index != kEmpty) {
          const size_t at = byte_array ? static_cast<size_t>(dictionary_.offsets[peek.index])
                                       : size_t{peek.index} * static_cast<size_t>(dictionary_.width);
          __builtin_prefetch(dictionary_.bytes.data() + at);
        }
      }
      std::string_view v = values.View(i);
      const auto tag = static_cast<uint32_t>(h >> 32);
      size_t slot = h & mask;
      while (slots_[slot].index != kEmpty &&
             (slots_[slot].hash != tag || !SameBytes(dictionary_.View(slots_[slot].index), v))) {
        slot = (slot + 1) & mask;
      }
      if (slots_[slot].index != kEmpty) {
        indices.push_back(slots_[slot].index);
        continue;
      }
      size_t added = v.size() + (values.is_byte_array() ? 4 : 0);
      if (plain_bytes_ + added > max_plain_bytes) return i;
      plain_bytes_ += added;
      const auto index = static_cast<uint32_t>(dictionary_.count);
      slots_[slot] = Slot{index, tag};
      hashes_.push_back(h);
      dictionary_.AppendFrom(values, i);
      indices.push_back(index);
      if (dictionary_.count * 2 > capacity_) GrowBytes();
    }
    return end;
  }

  static uint64_t HashBytes(std::string_view v) {
    return Mix(std::hash<std::string_view>()(v));
  }

  // Equal bytes; values up to 16 bytes (most dictionary strings) compare without a call.
  static bool SameBytes(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    const size_t n = a.size();
    if (n >= 8 && n <= 16) {
      uint64_t a0, a1, b0, b1;
      std::memcpy(&a0, a.data(), 8);
      std::memcpy(&b0, b.data(), 8);
      std::memcpy(&a1, a.data() + n - 8, 8);
      std::memcpy(&b1, b.data() + n - 8, 8);
      return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    return n == 0 || std::memcmp(a.data(), b.data(), n) == 0;
  }

  void GrowFixed() {
    std::vector<FixedSlot> old(capacity_ * 2, FixedSlot{0, kEmpty});
    old.swap(fixed_slots_);
    capacity_ *= 2;
    const size_t mask = capacity_ - 1;
    for (const FixedSlot& s : old) {
      if (s.index == kEmpty) continue;
      size_t slot = Mix(s.key) & mask;
      while (fixed_slots_[slot].index != kEmpty) slot = (slot + 1) & mask;
      fixed_slots_[slot] = s;
    }
  }

  void GrowBytes() {
    capacity_ *= 2;
    slots_.assign(capacity_, Slot{kEmpty, 0});
    const size_t mask = capacity_ - 1;
    for (size_t i = 0; i < dictionary_.count; ++i) {
      const uint64_t h = hashes_[i];
      size_t slot = h & mask;
      while (slots_[slot].index != kEmpty) slot = (slot + 1) & mask;
      slots_[slot] = Slot{static_cast<uint32_t>(i), static_cast<uint32_t>(h >> 32)};
    }
  }

  ColumnValues dictionary_;
  bool fixed_ = false;
  size_t capacity_ = 0;  // slots in the table in use (a power of two)
  std::vector<FixedSlot> fixed_slots_;
  std::vector<Slot> slots_;
  std::vector<uint64_t> hashes_;  // BYTE_ARRAY and odd widths: each entry's hash, for growth
  size_t plain_bytes_ = 0;
};

}  // namespace floe::parquet
