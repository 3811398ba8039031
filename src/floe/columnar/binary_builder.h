// Builders for variable-length string (UTF-8, not checked) and binary arrays.
//
// Values go to one data buffer, their ends to an int32 offsets buffer (offsets[0] = 0, element i
// spans [offsets[i], offsets[i + 1])). Reserve(n) makes room for n more offsets and
// ReserveData(bytes) for the bytes; UnsafeAppend needs both. The data may not exceed 2 GiB - 1.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "floe/columnar/array_builder.h"

namespace floe::columnar {

// string (UTF-8, not checked) and binary. StringBuilder fixes the string type.
class BinaryBuilder : public ArrayBuilder {
 public:
  // REQUIRES: type is string or binary.
  explicit BinaryBuilder(DataType type = DataType::Binary());

  Status Append(std::string_view value) {
    if (length_ == capacity_) FLOE_RETURN_IF_ERROR(Grow(length_ + 1));
    FLOE_RETURN_IF_ERROR(ReserveData(static_cast<int64_t>(value.size())));
    UnsafeAppend(value);
    return OkStatus();
  }
  // REQUIRES: Reserve(1) and ReserveData(value.size()) room.
  void UnsafeAppend(std::string_view value) {
    if (!value.empty()) std::memcpy(data_.data() + data_length_, value.data(), value.size());
    data_length_ += static_cast<int64_t>(value.size());
    UnsafeAppendValid();
    ++length_;
    offsets()[length_] = static_cast<int32_t>(data_length_);
  }
  void UnsafeAppendNull() {
    UnsafeAppendNullBit();
    ++length_;
    offsets()[length_] = static_cast<int32_t>(data_length_);
  }
  Status AppendNull() override;
  Status AppendNulls(int64_t n) override;
  // Room for `bytes` more value bytes. InvalidArgument past the int32 offset limit (2 GiB - 1).
  Status ReserveData(int64_t bytes) {
    if (data_length_ + bytes <= data_.capacity()) return OkStatus();
    return GrowData(data_length_ + bytes);
  }
  int64_t value_data_length() const { return data_length_; }

  Result<Array> Finish() override;
  void Reset() override;

 protected:
  Status Grow(int64_t min_capacity) override;

 private:
  int32_t* offsets() { return reinterpret_cast<int32_t*>(offsets_.data()); }
  Status GrowData(int64_t min_bytes);

  builder_internal::ReusableBuffer offsets_;
  builder_internal::ReusableBuffer data_;
  int64_t data_length_ = 0;
};

class StringBuilder final : public BinaryBuilder {
 public:
  StringBuilder() : BinaryBuilder(DataType::String()) {}
};

}  // namespace floe::columnar
