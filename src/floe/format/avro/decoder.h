// Decoder: reads Avro binary encodings of primitives from a byte span, with every length checked
// against the bytes left.
//
// The byte layout is the one described in encoder.h. Any read past the end, an int or long
// varint longer than its type allows, a boolean byte other than 0 or 1, or a negative length is a
// kCorruptFile error; the decoder never reads outside its span.
//
//   Decoder d(block);
//   FLOE_ASSIGN_OR_RETURN(int64_t id, d.ReadLong());
//   FLOE_ASSIGN_OR_RETURN(std::string_view path, d.ReadString());  // points into `block`
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "floe/core/result.h"

namespace floe::avro {

class Decoder {
 public:
  // REQUIRES: `data` outlives the decoder and every view it returns.
  // `empty_item_budget` bounds the total count of array items that may encode to nothing (see
  // ReadBlockCount); a file reader carries it from block to block.
  explicit Decoder(std::span<const uint8_t> data, int64_t empty_item_budget = kMaxEmptyItems)
      : data_(data), empty_item_budget_(empty_item_budget) {}

  Result<bool> ReadBoolean();
  Result<int32_t> ReadInt();
  Result<int64_t> ReadLong();
  Result<float> ReadFloat();
  Result<double> ReadDouble();
  // Views into the decoded span.
  Result<std::span<const uint8_t>> ReadBytes();
  Result<std::string_view> ReadString();
  Result<std::span<const uint8_t>> ReadFixed(size_t size);
  // An enum index, checked against the number of symbols.
  Result<int32_t> ReadEnum(size_t symbol_count);
  // A union branch index, checked against the number of branches.
  Result<size_t> ReadUnionIndex(size_t branch_count);
  // Reads the header of the next array or map block and returns its item count (0 at the end of
  // the list). A negative count's byte size is read and checked. Items that need a byte at least
  // cannot outnumber the bytes left. Items that can encode to nothing (`items_may_be_empty`, e.g.
  // nulls) are charged to the empty-item budget instead, so that a few bytes cannot claim 2^62
  // of them and keep a reader busy for ever.
  Result<int64_t> ReadBlockCount(bool items_may_be_empty);
  // Charges `count` empty items to the budget; kCorruptFile when it runs out.
  Status ChargeEmptyItems(int64_t count);
  Status Skip(size_t n);

  static constexpr int64_t kMaxEmptyItems = int64_t{1} << 20;

  int64_t empty_item_budget() const { return empty_item_budget_; }

  size_t position() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  bool empty() const { return pos_ == data_.size(); }

 private:
  Result<uint64_t> ReadVarint(int max_bytes);
  Error Truncated(std::string_view what) const;

  std::span<const uint8_t> data_;
  size_t pos_ = 0;
  int64_t empty_item_budget_;
};

}  // namespace floe::avro
