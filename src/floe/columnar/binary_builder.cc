#include "floe/columnar/binary_builder.h"

#include <limits>

namespace floe::columnar {

BinaryBuilder::BinaryBuilder(DataType type) : ArrayBuilder(std::move(type)) {}

Status BinaryBuilder::Grow(int64_t min_capacity) {
  FLOE_RETURN_IF_ERROR(ArrayBuilder::Grow(min_capacity));
  const bool fresh = offsets_.capacity() == 0;
  FLOE_RETURN_IF_ERROR(offsets_.EnsureCapacity((capacity_ + 1) * 4, (length_ + 1) * 4));
  if (fresh && length_ == 0) offsets()[0] = 0;
  return OkStatus();
}

Status BinaryBuilder::GrowData(int64_t min_bytes) {
  if (min_bytes > std::numeric_limits<int32_t>::max()) {
    return InvalidArgument("{} array data would exceed 2 GiB ({} bytes)", type_.ToString(),
                           min_bytes);
  }
  return data_.EnsureCapacity(min_bytes, data_length_);
}

Status BinaryBuilder::AppendNull() {
  if (length_ == capacity_) FLOE_RETURN_IF_ERROR(Grow(length_ + 1));
  UnsafeAppendNull();
  return OkStatus();
}

Status BinaryBuilder::AppendNulls(int64_t n) {
  FLOE_RETURN_IF_ERROR(Reserve(n));
  UnsafeAppendNullBits(n);
  int32_t* off = offsets();
  for (int64_t i = 1; i <= n; ++i) off[length_ + i] = static_cast<int32_t>(data_length_);
  length_ += n;
  return OkStatus();
}

Result<Array> BinaryBuilder::Finish() {
  if (capacity_ == 0) FLOE_RETURN_IF_ERROR(Grow(1));
  const int64_t length = length_;
  const int64_t null_count = null_count_;
  auto validity = FinishValidity();
  auto offsets = offsets_.Finish((length + 1) * 4);
  auto data = data_.Finish(data_length_);
  ResetBase();
  data_length_ = 0;
  if (offsets == nullptr || data == nullptr) return Internal("cannot allocate an empty buffer");
  return Array::Make(type_, length, {std::move(validity), std::move(offsets), std::move(data)}, {},
                     null_count);
}

void BinaryBuilder::Reset() {
  ResetBase();
  data_length_ = 0;
  if (offsets_.capacity() > 0) offsets()[0] = 0;
}

}  // namespace floe::columnar
