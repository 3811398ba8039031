#include "floe/columnar/fixed_width_builder.h"

#include <cstring>

namespace floe::columnar {

template <typename T>
Status FixedWidthBuilder<T>::Grow(int64_t min_capacity) {
  FLOE_RETURN_IF_ERROR(ArrayBuilder::Grow(min_capacity));
  return values_.EnsureCapacity(capacity_ * static_cast<int64_t>(sizeof(T)),
                                length_ * static_cast<int64_t>(sizeof(T)));
}

template <typename T>
Result<Array> FixedWidthBuilder<T>::Finish() {
  const int64_t length = length_;
  const int64_t null_count = null_count_;
  auto validity = FinishValidity();
  auto values = values_.Finish(length * static_cast<int64_t>(sizeof(T)));
  ResetBase();
  if (values == nullptr) return Internal("cannot allocate an empty buffer");
  return Array::Make(type_, length, {std::move(validity), std::move(values)}, {}, null_count);
}

template class FixedWidthBuilder<int32_t>;
template class FixedWidthBuilder<int64_t>;
template class FixedWidthBuilder<float>;
template class FixedWidthBuilder<double>;
template class FixedWidthBuilder<Decimal128>;

Status BooleanBuilder::Grow(int64_t min_capacity) {
  FLOE_RETURN_IF_ERROR(ArrayBuilder::Grow(min_capacity));
  return values_.EnsureCapacity(bit_util::BytesForBits(capacity_), bit_util::BytesForBits(length_));
}

Status BooleanBuilder::AppendNull() {
  if (length_ == capacity_) FLOE_RETURN_IF_ERROR(Grow(length_ + 1));
  UnsafeAppendNull();
  return OkStatus();
}

Status BooleanBuilder::AppendNulls(int64_t n) {
  FLOE_RETURN_IF_ERROR(Reserve(n));
  bit_util::SetBitsTo(values_.data(), length_, n, false);
  UnsafeAppendNullBits(n);
  length_ += n;
  return OkStatus();
}

Status BooleanBuilder::AppendValues(std::span<const uint8_t> values, const uint8_t* valid_bytes) {
  FLOE_RETURN_IF_ERROR(Reserve(static_cast<int64_t>(values.size())));
  for (size_t i = 0; i < values.size(); ++i) {
    if (valid_bytes != nullptr && valid_bytes[i] == 0) {
      UnsafeAppendNull();
    } else {
      UnsafeAppend(values[i] != 0);
    }
  }
  return OkStatus();
}

Result<Array> BooleanBuilder::Finish() {
  const int64_t length = length_;
  const int64_t null_count = null_count_;
  auto validity = FinishValidity();
  auto values = values_.Finish(bit_util::BytesForBits(length));
  ResetBase();
  if (values == nullptr) return Internal("cannot allocate an empty buffer");
  return Array::Make(type_, length, {std::move(validity), std::move(values)}, {}, null_count);
}

Status FixedSizeBinaryBuilder::Grow(int64_t min_capacity) {
  FLOE_RETURN_IF_ERROR(ArrayBuilder::Grow(min_capacity));
  return values_.EnsureCapacity(capacity_ * width_, length_ * width_);
}

Status FixedSizeBinaryBuilder::Append(std::string_view value) {
  if (static_cast<int64_t>(value.size()) != width_) {
    return InvalidArgument("{} value has {} bytes", type_.ToString(), value.size());
  }
  if (length_ == capacity_) FLOE_RETURN_IF_ERROR(Grow(length_ + 1));
  UnsafeAppend(reinterpret_cast<const uint8_t*>(value.data()));
  return OkStatus();
}

Status FixedSizeBinaryBuilder::AppendNull() {
  if (length_ == capacity_) FLOE_RETURN_IF_ERROR(Grow(length_ + 1));
  UnsafeAppendNull();
  return OkStatus();
}

Status FixedSizeBinaryBuilder::AppendNulls(int64_t n) {
  FLOE_RETURN_IF_ERROR(Reserve(n));
  if (n > 0) std::memset(values_.data() + length_ * width_, 0, static_cast<size_t>(n * width_));
  UnsafeAppendNullBits(n);
  length_ += n;
  return OkStatus();
}

Result<Array> FixedSizeBinaryBuilder::Finish() {
  const int64_t length = length_;
  const int64_t null_count = null_count_;
  auto validity = FinishValidity();
  auto values = values_.Finish(length * width_);
  ResetBase();
  if (values == nullptr) return Internal("cannot allocate an empty buffer");
  return Array::Make(type_, length, {std::move(validity), std::move(values)}, {}, null_count);
}

}  // namespace floe::columnar
