// ArrayBuilder: the base of all builders, and the reusable growable storage behind them.
//
// A builder tracks length, null count and element capacity, and keeps a validity bitmap that
// is only written once a null has been appended (arrays without nulls get no validity buffer).
// Finish hands the builder's buffers to the Array and keeps a reference; when the builder next
// grows and holds the last reference (every Array using them is gone), it reuses the same memory
// instead of allocating (fresh memory is slow; see INTEROP.md). Reset() drops the contents and
// keeps the capacity. The concrete builders are in fixed_width_builder.h, binary_builder.h and
// nested_builder.h; builder.h includes them all.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "floe/columnar/array.h"
#include "floe/columnar/bit_util.h"
#include "floe/columnar/buffer.h"
#include "floe/columnar/type.h"
#include "floe/core/result.h"

namespace floe::columnar {

namespace builder_internal {

// Growable byte storage that lends its Buffer to finished arrays and takes it back for reuse
// once it holds the only reference.
class ReusableBuffer {
 public:
  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  int64_t capacity() const { return capacity_; }
  // Ensures room for `bytes` bytes, preserving the first `live_bytes`. Grows geometrically.
  Status EnsureCapacity(int64_t bytes, int64_t live_bytes) {
    if (bytes <= capacity_) return OkStatus();
    return Grow(bytes, live_bytes);
  }
  // A Buffer over the first `size` bytes; afterwards capacity() is 0 until the next
  // EnsureCapacity, which reuses the memory only if the Buffer is no longer shared.
  std::shared_ptr<Buffer> Finish(int64_t size);

 private:
  Status Grow(int64_t bytes, int64_t live_bytes);

  std::shared_ptr<Buffer> buffer_;
  uint8_t* data_ = nullptr;
  int64_t capacity_ = 0;
};

}  // namespace builder_internal

class ArrayBuilder {
 public:
  virtual ~ArrayBuilder() = default;
  ArrayBuilder(const ArrayBuilder&) = delete;
  ArrayBuilder& operator=(const ArrayBuilder&) = delete;

  const DataType& type() const { return type_; }
  int64_t length() const { return length_; }
  int64_t null_count() const { return null_count_; }
  int64_t capacity() const { return capacity_; }

  // Room for `additional` more elements without reallocation (string/binary: offsets only,
  // see BinaryBuilder::ReserveData; nested builders: their own slots, not their children's).
  Status Reserve(int64_t additional) {
    if (length_ + additional <= capacity_) return OkStatus();
    return Grow(length_ + additional);
  }
  virtual Status AppendNull() = 0;
  virtual Status AppendNulls(int64_t n) = 0;
  // The built array; the builder is left empty and ready to build the next one.
  virtual Result<Array> Finish() = 0;
  // Drops what was appended, keeping capacity (children too).
  virtual void Reset() = 0;

 protected:
  explicit ArrayBuilder(DataType type) : type_(std::move(type)) {}

  // Grows every buffer to hold at least `min_capacity` elements. Overrides call the base first.
  virtual Status Grow(int64_t min_capacity);

  int64_t NextCapacity(int64_t min_capacity) const {
    int64_t c = capacity_ * 2;
    if (c < 32) c = 32;
    return c < min_capacity ? min_capacity : c;
  }
  void UnsafeAppendValid() {
    if (null_count_ != 0) bit_util::SetBit(validity_.data(), length_);
  }
  void UnsafeAppendNullBit() {
    if (null_count_ == 0) MaterializeValidity();
    bit_util::ClearBit(validity_.data(), length_);
    ++null_count_;
  }
  // Appends `n` null bits at length_ (does not change length_).
  void UnsafeAppendNullBits(int64_t n);
  // Turns the implicit all-valid prefix [0, length_) into set bits.
  void MaterializeValidity();
  // The validity Buffer for Finish (null when no nulls). Sets capacity to 0: the buffers now
  // belong to the finished array until the next Grow proves otherwise.
  std::shared_ptr<Buffer> FinishValidity();
  void ResetBase() {
    length_ = 0;
    null_count_ = 0;
  }

  DataType type_;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
  int64_t capacity_ = 0;
  builder_internal::ReusableBuffer validity_;
};

}  // namespace floe::columnar
