// Array: an immutable column of values in the Arrow memory layout, with zero-copy slicing.
//
// Layout by type kind (buffers() index: contents):
//   boolean                      0: validity bitmap  1: value bitmap (LSB first)
//   int32/int64/float32/float64,
//   decimal128/date32/time64/
//   timestamp/fixed_size_binary  0: validity  1: values, byte_width() bytes each, little-endian
//   string/binary                0: validity  1: int32 offsets (length + 1 used)  2: bytes
//   list/map                     0: validity  1: int32 offsets; children()[0] holds the items
//                                (map: a non-null struct "entries" of key and value)
//   struct                       0: validity; children() one per field
// The validity buffer may be null (no nulls). Element i of an array lives at physical index
// offset() + i in its buffers, so Slice only changes offset and length. As in Arrow, a struct's
// children are indexed like the struct itself (child element offset() + i belongs to struct
// element i); field(i) gives the child already sliced to the struct's rows. List offsets index
// into the child array as stored (the child's own offset applies inside the child).
//
// Hot loops read through spans: values<T>() (already offset), validity_bitmap() with bit index
// offset() + i, offsets() (already offset, length() + 1 entries) and value_data().
//
//   for (int64_t i = 0; i < a.length(); ++i)
//     if (a.IsValid(i)) sum += a.values<int64_t>()[i];
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "floe/columnar/bit_util.h"
#include "floe/columnar/buffer.h"
#include "floe/columnar/type.h"
#include "floe/core/result.h"

namespace floe::columnar {

class Array {
 public:
  static constexpr int64_t kUnknownNullCount = -1;

  // Builds an array over existing buffers and children, checking buffer count and sizes, child
  // count and lengths against the type (not list offsets' contents; see ValidateFull). A
  // kUnknownNullCount is computed from the validity bitmap.
  static Result<Array> Make(DataType type, int64_t length,
                            std::vector<std::shared_ptr<Buffer>> buffers,
                            std::vector<Array> children = {},
                            int64_t null_count = kUnknownNullCount, int64_t offset = 0);

  // An array of `length` nulls of any type (used for columns missing from a file).
  static Result<Array> MakeAllNull(const DataType& type, int64_t length);

  const DataType& type() const { return type_; }
  TypeKind kind() const { return type_.kind(); }
  int64_t length() const { return length_; }
  int64_t offset() const { return offset_; }
  int64_t null_count() const { return null_count_; }

  // The validity bitmap, or nullptr when there are no nulls. Bit offset() + i is element i.
  const uint8_t* validity_bitmap() const { return validity_; }
  bool IsValid(int64_t i) const {
    return validity_ == nullptr || bit_util::GetBit(validity_, offset_ + i);
  }
  bool IsNull(int64_t i) const { return !IsValid(i); }

  // Fixed-width values from element 0. REQUIRES: sizeof(T) == type().byte_width() (int32_t for
  // int32/date32, int64_t for int64/time64/timestamp, float, double, Decimal128).
  template <typename T>
  std::span<const T> values() const {
    return {reinterpret_cast<const T*>(values_) + offset_, static_cast<size_t>(length_)};
  }
  // boolean: the value bitmap; element i is bit offset() + i.
  const uint8_t* value_bitmap() const { return values_; }
  bool GetBool(int64_t i) const { return bit_util::GetBit(values_, offset_ + i); }
  // fixed_size_binary: the bytes of element 0 (element i starts at i * byte_width()).
  const uint8_t* fixed_size_values() const {
    return values_ + offset_ * static_cast<int64_t>(type_.byte_width());
  }

  // string/binary/list/map: length() + 1 offsets from element 0. Element i spans
  // [offsets()[i], offsets()[i + 1]) of value_data() (string/binary) or of the child.
  std::span<const int32_t> offsets() const {
    return {reinterpret_cast<const int32_t*>(values_) + offset_, static_cast<size_t>(length_) + 1};
  }
  // string/binary: the base of the byte buffer that offsets() index.
  const uint8_t* value_data() const { return data_; }
  // string/binary/fixed_size_binary: the bytes of element i (empty-or-garbage for nulls).
  std::string_view GetView(int64_t i) const;

  // Buffers and children as stored (no slicing applied).
  int num_buffers() const { return static_cast<int>(buffers_.size()); }
  const std::shared_ptr<Buffer>& buffer(int i) const { return buffers_[static_cast<size_t>(i)]; }
  const std::vector<std::shared_ptr<Buffer>>& buffers() const { return buffers_; }
  int num_children() const { return static_cast<int>(children_.size()); }
  const Array& child(int i) const { return children_[static_cast<size_t>(i)]; }
  const std::vector<Array>& children() const { return children_; }

  // struct: field i's values for this array's rows (the child sliced by offset and length).
  Array field(int i) const;
  // list: the item child as stored; map: the entries struct as stored.
  const Array& list_values() const { return children_[0]; }
  // map: keys and items of the entries child, as stored (offsets() index them).
  Array map_keys() const;
  Array map_items() const;

  // Zero-copy view of elements [offset, offset + length).
  // REQUIRES: 0 <= offset, 0 <= length, offset + length <= this->length().
  Array Slice(int64_t offset, int64_t length) const;
  // Checked variant: InvalidArgument when out of range.
  Result<Array> SliceSafe(int64_t offset, int64_t length) const;

  // Full validation: Make's checks plus offsets monotonic and in range, recursively, and the
  // null count matching the bitmap. O(length).
  Status ValidateFull() const;

  // Debug form: "[1, null, 3]".
  std::string ToString() const;

 private:
  Array(DataType type, int64_t length, int64_t offset, int64_t null_count,
        std::vector<std::shared_ptr<Buffer>> buffers, std::vector<Array> children);
  void CachePointers();

  DataType type_;
  int64_t length_ = 0;
  int64_t offset_ = 0;
  int64_t null_count_ = 0;
  std::vector<std::shared_ptr<Buffer>> buffers_;
  std::vector<Array> children_;
  // Raw pointers into buffers_, cached for the accessors above.
  const uint8_t* validity_ = nullptr;
  const uint8_t* values_ = nullptr;  // values, value bitmap or offsets
  const uint8_t* data_ = nullptr;    // string/binary bytes
};

}  // namespace floe::columnar
