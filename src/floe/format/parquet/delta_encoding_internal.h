// The DELTA encodings: DELTA_BINARY_PACKED (INT32/INT64), DELTA_LENGTH_BYTE_ARRAY and
// DELTA_BYTE_ARRAY (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY). floe decodes all three and encodes
// DELTA_BINARY_PACKED (tests and integer columns).
//
// Byte layout (Parquet Encodings.md):
//   DELTA_BINARY_PACKED  := header block*
//     header             := uleb(block size in values) uleb(miniblocks per block)
//                           uleb(total value count) zigzag(first value)
//     block              := zigzag(min delta) byte(bit width)[miniblocks] miniblock*
//     miniblock          := (block size / miniblocks) values of (delta - min delta), bit-packed;
//                           the last block stores only the miniblocks it needs (their widths are
//                           still all present); the last stored miniblock is padded in full
//   DELTA_LENGTH_BYTE_ARRAY := DELTA_BINARY_PACKED(lengths) then the concatenated bytes
//   DELTA_BYTE_ARRAY        := DELTA_BINARY_PACKED(prefix lengths)
//                              DELTA_LENGTH_BYTE_ARRAY(suffixes); value i is the first
//                              prefix[i] bytes of value i-1 followed by suffix i
// Deltas wrap around in two's complement, so the decoder adds in uint64.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/parquet/bit_packing_internal.h"
#include "floe/format/parquet/column_values_internal.h"

namespace floe::parquet {

class DeltaBinaryPackedDecoder {
 public:
  // Reads the header. The decoder views `data`, which must outlive it. A run claiming more than
  // `max_values` values (the page's value count) is corrupt.
  Status Init(std::span<const uint8_t> data, size_t max_values) {
    cursor_ = ByteCursor(data);
    FLOE_ASSIGN_OR_RETURN(uint64_t block_size, cursor_.ReadUleb128());
    FLOE_ASSIGN_OR_RETURN(uint64_t miniblocks, cursor_.ReadUleb128());
    FLOE_ASSIGN_OR_RETURN(uint64_t total, cursor_.ReadUleb128());
    FLOE_ASSIGN_OR_RETURN(int64_t first, cursor_.ReadZigzag());
    if (miniblocks == 0 || miniblocks > 1024 || block_size == 0 || block_size > (1u << 20) ||
        block_size % miniblocks != 0 || (block_size / miniblocks) % 8 != 0) {
      return CorruptFile("parquet: bad DELTA_BINARY_PACKED header ({} values, {} miniblocks)",
                         block_size, miniblocks);
    }
    if (total > max_values) return CorruptFile("parquet: bad delta value count {}", total);
    miniblocks_ = static_cast<size_t>(miniblocks);
    values_per_miniblock_ = static_cast<size_t>(block_size / miniblocks);
    total_ = static_cast<size_t>(total);
    left_ = total_;
    last_ = static_cast<uint64_t>(first);
    first_pending_ = total_ > 0;
    widths_.assign(miniblocks_, 0);
    miniblock_index_ = miniblocks_;
    miniblock_left_ = 0;
    return OkStatus();
  }

  size_t total() const { return total_; }
  size_t left() const { return left_; }
  // Bytes consumed so far; after all values are read, the end of the encoded run.
  size_t position() const { return cursor_.position(); }

  // Reads `n` values. REQUIRES: T is int32_t or int64_t.
  template <typename T>
  Status Get(T* out, size_t n) {
    if (n > left_) return CorruptFile("parquet: {} delta values wanted, {} left", n, left_);
    for (size_t i = 0; i < n; ++i) {
      if (first_pending_) {
        first_pending_ = false;
      } else {
        if (miniblock_left_ == 0) FLOE_RETURN_IF_ERROR(NextMiniblock());
        uint64_t delta = UnpackOne(miniblock_data_, miniblock_bytes_, miniblock_next_++, width_);
        --miniblock_left_;
        last_ += min_delta_ + delta;
      }
      out[i] = static_cast<T>(last_);
    }
    left_ -= n;
    return OkStatus();
  }

 private:
  Status NextMiniblock() {
    if (miniblock_index_ >= miniblocks_) {
      FLOE_ASSIGN_OR_RETURN(int64_t min_delta, cursor_.ReadZigzag());
      min_delta_ = static_cast<uint64_t>(min_delta);
      FLOE_ASSIGN_OR_RETURN(auto widths, cursor_.ReadBytes(miniblocks_));
      std::copy(widths.begin(), widths.end(), widths_.begin());
      miniblock_index_ = 0;
    }
    width_ = widths_[miniblock_index_++];
    if (width_ > 64) return CorruptFile("parquet: delta bit width {}", width_);
    size_t want = PackedBytes(values_per_miniblock_, width_);
    // The needed values must be present; padding past them may be cut short.
    size_t needed = std::min(values_per_miniblock_, left_);
    size_t have = std::min(want, cursor_.remaining());
    if (have < PackedBytes(needed, width_)) return CorruptFile("parquet: truncated miniblock");
    miniblock_data_ = cursor_.current();
    miniblock_bytes_ = have;
    FLOE_RETURN_IF_ERROR(cursor_.ReadBytes(have));
    miniblock_next_ = 0;
    miniblock_left_ = values_per_miniblock_;
    return OkStatus();
  }

  ByteCursor cursor_{std::span<const uint8_t>()};
  size_t miniblocks_ = 0;
  size_t values_per_miniblock_ = 0;
  size_t total_ = 0;
  size_t left_ = 0;
  uint64_t last_ = 0;
  uint64_t min_delta_ = 0;
  bool first_pending_ = false;
  std::vector<uint8_t> widths_;
  size_t miniblock_index_ = 0;
  int width_ = 0;
  const uint8_t* miniblock_data_ = nullptr;
  size_t miniblock_bytes_ = 0;
  size_t miniblock_next_ = 0;
  size_t miniblock_left_ = 0;
};

// Appends the DELTA_BINARY_PACKED form of `values` (blocks of 128, 4 miniblocks of 32).
template <typename T>
void EncodeDeltaBinaryPacked(std::span<const T> values, std::vector<uint8_t>& out) {
  constexpr size_t kBlock = 128;
  constexpr size_t kMiniblocks = 4;
  constexpr size_t kPerMini = kBlock / kMiniblocks;
  AppendUleb128(kBlock, out);
  AppendUleb128(kMiniblocks, out);
  AppendUleb128(values.size(), out);
  AppendZigzag(values.empty() ? 0 : static_cast<int64_t>(values[0]), out);
  uint64_t deltas[kBlock];
  for (size_t start = 1; start < values.size(); start += kBlock) {
    size_t n = std::min(kBlock, values.size() - start);
    int64_t min_delta = INT64_MAX;
    for (size_t i = 0; i < n; ++i) {
      // Deltas in the value's own width, wrapped, then sign-extended.
      auto d = static_cast<T>(static_cast<std::make_unsigned_t<T>>(values[start + i]) -
                              static_cast<std::make_unsigned_t<T>>(values[start + i - 1]));
      deltas[i] = static_cast<uint64_t>(static_cast<int64_t>(d));
      min_delta = std::min(min_delta, static_cast<int64_t>(d));
    }
    AppendZigzag(min_delta, out);
    int widths[kMiniblocks] = {0, 0, 0, 0};
    size_t used = (n + kPerMini - 1) / kPerMini;
    for (size_t m = 0; m < used; ++m) {
      uint64_t max = 0;
      for (size_t i = m * kPerMini; i < std::min(n, (m + 1) * kPerMini); ++i) {
        deltas[i] -= static_cast<uint64_t>(min_delta);
        max = std::max(max, deltas[i]);
      }
      widths[m] = BitWidthOf(max);
    }
    for (int w : widths) out.push_back(static_cast<uint8_t>(w));
    for (size_t m = 0; m < used; ++m) {
      uint64_t mini[kPerMini] = {};
      for (size_t i = 0; i < kPerMini && m * kPerMini + i < n; ++i)
        mini[i] = deltas[m * kPerMini + i];
      PackRun(std::span<const uint64_t>(mini, kPerMini), widths[m], out);
    }
  }
}

// DELTA_LENGTH_BYTE_ARRAY: all lengths are decoded up front, then values are sliced off the data.
class DeltaLengthByteArrayDecoder {
 public:
  Status Init(std::span<const uint8_t> data, size_t max_values) {
    DeltaBinaryPackedDecoder lengths;
    FLOE_RETURN_IF_ERROR(lengths.Init(data, max_values));
    lengths_.resize(lengths.total());
    FLOE_RETURN_IF_ERROR(lengths.Get(lengths_.data(), lengths_.size()));
    data_ = data.subspan(lengths.position());
    next_ = 0;
    pos_ = 0;
    return OkStatus();
  }
  size_t total() const { return lengths_.size(); }
  // Bytes of `data` consumed so far (the lengths and the values read).
  size_t data_position() const { return pos_; }

  Result<std::string_view> Next() {
    if (next_ >= lengths_.size()) return CorruptFile("parquet: DELTA_LENGTH values exhausted");
    int32_t len = lengths_[next_++];
    if (len < 0 || static_cast<size_t>(len) > data_.size() - pos_) {
      return CorruptFile("parquet: DELTA_LENGTH value of {} bytes past the end", len);
    }
    std::string_view v(reinterpret_cast<const char*>(data_.data()) + pos_, len);
    pos_ += len;
    return v;
  }

 private:
  std::vector<int32_t> lengths_;
  std::span<const uint8_t> data_;
  size_t next_ = 0;
  size_t pos_ = 0;
};

class DeltaByteArrayDecoder {
 public:
  Status Init(std::span<const uint8_t> data, size_t max_values) {
    DeltaBinaryPackedDecoder prefixes;
    FLOE_RETURN_IF_ERROR(prefixes.Init(data, max_values));
    prefixes_.resize(prefixes.total());
    FLOE_RETURN_IF_ERROR(prefixes.Get(prefixes_.data(), prefixes_.size()));
    FLOE_RETURN_IF_ERROR(suffixes_.Init(data.subspan(prefixes.position()), max_values));
    if (suffixes_.total() != prefixes_.size()) {
      return CorruptFile("parquet: DELTA_BYTE_ARRAY has {} prefixes and {} suffixes",
                         prefixes_.size(), suffixes_.total());
    }
    next_ = 0;
    last_.clear();
    return OkStatus();
  }
  size_t total() const { return prefixes_.size(); }

  // The view is valid until the next call.
  Result<std::string_view> Next() {
    if (next_ >= prefixes_.size()) return CorruptFile("parquet: DELTA_BYTE_ARRAY exhausted");
    int32_t prefix = prefixes_[next_++];
    if (prefix < 0 || static_cast<size_t>(prefix) > last_.size()) {
      return CorruptFile("parquet: prefix {} longer than the previous value", prefix);
    }
    FLOE_ASSIGN_OR_RETURN(std::string_view suffix, suffixes_.Next());
    last_.resize(prefix);
    last_.append(suffix);
    return std::string_view(last_);
  }

 private:
  std::vector<int32_t> prefixes_;
  DeltaLengthByteArrayDecoder suffixes_;
  std::string last_;
  size_t next_ = 0;
};

}  // namespace floe::parquet
