// Builders for fixed-width arrays: numbers, decimals, dates, times and timestamps
// (FixedWidthBuilder<T> and its named forms), booleans (bit-packed) and fixed_size_binary.
//
// Hot loops call the non-virtual UnsafeAppend/UnsafeAppendNull after one Reserve(n);
// AppendValues and AppendUninitialized move whole runs at once (a decoder writes straight into
// the span AppendUninitialized returns).
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "floe/columnar/array_builder.h"
#include "floe/columnar/decimal128.h"

namespace floe::columnar {

// Builder for every fixed-width kind stored as a C++ value: int32/date32 (int32_t),
// int64/time64/timestamp (int64_t), float32 (float), float64 (double), decimal128 (Decimal128).
// The named builders below fix the type; use this template directly in generic code.
// REQUIRES: type's byte_width() == sizeof(T) and type is not boolean or fixed_size_binary.
template <typename T>
class FixedWidthBuilder : public ArrayBuilder {
 public:
  using ValueType = T;

  explicit FixedWidthBuilder(DataType type) : ArrayBuilder(std::move(type)) {}

  Status Append(T value) {
    if (length_ == capacity_) FLOE_RETURN_IF_ERROR(Grow(length_ + 1));
    UnsafeAppend(value);
    return OkStatus();
  }
  void UnsafeAppend(T value) {
    reinterpret_cast<T*>(values_.data())[length_] = value;
    UnsafeAppendValid();
    ++length_;
  }
  void UnsafeAppendNull() {
    reinterpret_cast<T*>(values_.data())[length_] = T{};
    UnsafeAppendNullBit();
    ++length_;
  }
  Status AppendNull() override {
    if (length_ == capacity_) FLOE_RETURN_IF_ERROR(Grow(length_ + 1));
    UnsafeAppendNull();
    return OkStatus();
  }
  Status AppendNulls(int64_t n) override {
    FLOE_RETURN_IF_ERROR(Reserve(n));
    std::memset(values_.data() + length_ * static_cast<int64_t>(sizeof(T)), 0,
                static_cast<size_t>(n) * sizeof(T));
    UnsafeAppendNullBits(n);
    length_ += n;
    return OkStatus();
  }
  // Appends values; valid_bytes, when given, has one byte per value (0 = null).
  Status AppendValues(std::span<const T> values, const uint8_t* valid_bytes = nullptr) {
    const auto n = static_cast<int64_t>(values.size());
    FLOE_RETURN_IF_ERROR(Reserve(n));
    if (n > 0)
      std::memcpy(reinterpret_cast<T*>(values_.data()) + length_, values.data(),
                  values.size() * sizeof(T));
    if (valid_bytes == nullptr) {
      if (null_count_ != 0) bit_util::SetBitsTo(validity_.data(), length_, n, true);
      length_ += n;
      return OkStatus();
    }
    for (int64_t i = 0; i < n; ++i) {
      if (valid_bytes[i] == 0) {
        UnsafeAppendNullBit();
      } else {
        UnsafeAppendValid();
      }
      ++length_;
    }
    return OkStatus();
  }
  // Appends `n` valid slots and returns them for the caller to fill (a decoder's target).
  Result<std::span<T>> AppendUninitialized(int64_t n) {
    FLOE_RETURN_IF_ERROR(Reserve(n));
    if (null_count_ != 0) bit_util::SetBitsTo(validity_.data(), length_, n, true);
    std::span<T> out(reinterpret_cast<T*>(values_.data()) + length_, static_cast<size_t>(n));
    length_ += n;
    return out;
  }
  // The value at index i appended so far. REQUIRES: i < length().
  T value(int64_t i) const { return reinterpret_cast<const T*>(values_.data())[i]; }

  Result<Array> Finish() override;
  void Reset() override { ResetBase(); }

 protected:
  Status Grow(int64_t min_capacity) override;

 private:
  builder_internal::ReusableBuffer values_;
};

extern template class FixedWidthBuilder<int32_t>;
extern template class FixedWidthBuilder<int64_t>;
extern template class FixedWidthBuilder<float>;
extern template class FixedWidthBuilder<double>;
extern template class FixedWidthBuilder<Decimal128>;

class Int32Builder final : public FixedWidthBuilder<int32_t> {
 public:
  Int32Builder() : FixedWidthBuilder(DataType::Int32()) {}
};
class Date32Builder final : public FixedWidthBuilder<int32_t> {
 public:
  Date32Builder() : FixedWidthBuilder(DataType::Date32()) {}
};
class Int64Builder final : public FixedWidthBuilder<int64_t> {
 public:
  Int64Builder() : FixedWidthBuilder(DataType::Int64()) {}
};
class Time64Builder final : public FixedWidthBuilder<int64_t> {
 public:
  Time64Builder() : FixedWidthBuilder(DataType::Time64()) {}
};
class TimestampBuilder final : public FixedWidthBuilder<int64_t> {
 public:
  explicit TimestampBuilder(std::string timezone = "")
      : FixedWidthBuilder(DataType::Timestamp(std::move(timezone))) {}
};
class Float32Builder final : public FixedWidthBuilder<float> {
 public:
  Float32Builder() : FixedWidthBuilder(DataType::Float32()) {}
};
class Float64Builder final : public FixedWidthBuilder<double> {
 public:
  Float64Builder() : FixedWidthBuilder(DataType::Float64()) {}
};
class Decimal128Builder final : public FixedWidthBuilder<Decimal128> {
 public:
  Decimal128Builder(int32_t precision, int32_t scale)
      : FixedWidthBuilder(DataType::Decimal128(precision, scale)) {}
};

class BooleanBuilder final : public ArrayBuilder {
 public:
  BooleanBuilder() : ArrayBuilder(DataType::Boolean()) {}

  Status Append(bool value) {
    if (length_ == capacity_) FLOE_RETURN_IF_ERROR(Grow(length_ + 1));
    UnsafeAppend(value);
    return OkStatus();
  }
  void UnsafeAppend(bool value) {
    bit_util::SetBitTo(values_.data(), length_, value);
    UnsafeAppendValid();
    ++length_;
  }
  void UnsafeAppendNull() {
    bit_util::ClearBit(values_.data(), length_);
    UnsafeAppendNullBit();
    ++length_;
  }
  Status AppendNull() override;
  Status AppendNulls(int64_t n) override;
  // valid_bytes as in FixedWidthBuilder::AppendValues; values one byte per value (0 = false).
  Status AppendValues(std::span<const uint8_t> values, const uint8_t* valid_bytes = nullptr);

  Result<Array> Finish() override;
  void Reset() override { ResetBase(); }

 protected:
  Status Grow(int64_t min_capacity) override;

 private:
  builder_internal::ReusableBuffer values_;
};

class FixedSizeBinaryBuilder final : public ArrayBuilder {
 public:
  // REQUIRES: type is fixed_size_binary.
  explicit FixedSizeBinaryBuilder(DataType type)
      : ArrayBuilder(std::move(type)), width_(type_.byte_width()) {}

  int32_t byte_width() const { return width_; }
  // InvalidArgument unless value.size() == byte_width().
  Status Append(std::string_view value);
  // REQUIRES: Reserve room; `value` points at byte_width() bytes.
  void UnsafeAppend(const uint8_t* value) {
    std::memcpy(values_.data() + length_ * width_, value, static_cast<size_t>(width_));
    UnsafeAppendValid();
    ++length_;
  }
  void UnsafeAppendNull() {
    std::memset(values_.data() + length_ * width_, 0, static_cast<size_t>(width_));
    UnsafeAppendNullBit();
    ++length_;
  }
  Status AppendNull() override;
  Status AppendNulls(int64_t n) override;

  Result<Array> Finish() override;
  void Reset() override { ResetBase(); }

 protected:
  Status Grow(int64_t min_capacity) override;

 private:
  int32_t width_;
  builder_internal::ReusableBuffer values_;
};

}  // namespace floe::columnar
