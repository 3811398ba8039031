// ColumnStatistics: min, max, null and NaN counts of one leaf column, gathered while writing, and
// their two serialized forms.
//
// Byte layout of a bound:
//   Parquet min_value/max_value  the PLAIN encoding of the value without a length prefix
//                                (BOOLEAN one byte 0/1; FIXED decimals big-endian full width)
//   Iceberg lower/upper bound    Iceberg's single-value serialization: the same little-endian
//                                bytes for boolean, int, long, float, double, date, time and
//                                timestamp; raw bytes for string, binary, fixed and uuid; decimals
//                                as the minimal big-endian two's complement unscaled value
// Order: signed for integers and decimals, IEEE for floats with NaN left out (and counted), false
// before true, unsigned bytewise for byte arrays and fixed.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "floe/format/parquet/column_values_internal.h"
#include "floe/format/parquet/metadata.h"
#include "floe/format/parquet/schema.h"

namespace floe::parquet {

class ColumnStatistics {
 public:
  void Reset(const SchemaNode& leaf) {
    leaf_ = &leaf;
    has_min_max_ = false;
    min_.clear();
    max_.clear();
    null_count_ = 0;
    nan_count_ = 0;
    value_count_ = 0;
  }

  int64_t null_count() const { return null_count_; }
  int64_t nan_count() const { return nan_count_; }
  int64_t value_count() const { return value_count_; }
  bool has_min_max() const { return has_min_max_; }
  bool is_floating() const {
    return leaf_->physical == PhysicalType::kFloat || leaf_->physical == PhysicalType::kDouble;
  }

  void AddNulls(int64_t n) {
    null_count_ += n;
    value_count_ += n;
  }

  // Adds values [begin, end) of `values` (non-null).
  void Update(const ColumnValues& values, size_t begin, size_t end) {
    value_count_ += static_cast<int64_t>(end - begin);
    switch (leaf_->physical) {
      case PhysicalType::kBoolean:
        return UpdateTyped<uint8_t>(values, begin, end);
      case PhysicalType::kInt32:
        return UpdateTyped<int32_t>(values, begin, end);
      case PhysicalType::kInt64:
        return UpdateTyped<int64_t>(values, begin, end);
      case PhysicalType::kFloat:
        return UpdateTyped<float>(values, begin, end);
      case PhysicalType::kDouble:
        return UpdateTyped<double>(values, begin, end);
      case PhysicalType::kInt96:
        return;  // no defined order
      case PhysicalType::kByteArray:
      case PhysicalType::kFixedLenByteArray:
        for (size_t i = begin; i < end; ++i) UpdateBytes(values.View(i));
        return;
    }
  }

  // Folds in another chunk's statistics of the same leaf.
  void Merge(const ColumnStatistics& other) {
    null_count_ += other.null_count_;
    nan_count_ += other.nan_count_;
    value_count_ += other.value_count_;
    if (!other.has_min_max_) return;
    if (!has_min_max_ || Less(other.min_, min_)) min_ = other.min_;
    if (!has_min_max_ || Less(max_, other.max_)) max_ = other.max_;
    has_min_max_ = true;
  }

  Statistics ToParquet() const {
    Statistics s;
    s.null_count = null_count_;
    if (has_min_max_) {
      s.min_value = min_;
      s.max_value = max_;
    }
    return s;
  }

  std::optional<std::string> IcebergLowerBound() const { return IcebergBound(min_); }
  std::optional<std::string> IcebergUpperBound() const { return IcebergBound(max_); }

 private:
  template <typename T>
  void UpdateTyped(const ColumnValues& values, size_t begin, size_t end) {
    if (begin == end) return;
    T lo{}, hi{};
    bool have = has_min_max_;
    if (have) {
      std::memcpy(&lo, min_.data(), sizeof(T));
      std::memcpy(&hi, max_.data(), sizeof(T));
    }
    for (size_t i = begin; i < end; ++i) {
      T v = values.Get<T>(i);
      if constexpr (std::is_floating_point_v<T>) {
        if (v != v) {
          ++nan_count_;
          continue;
        }
      }
      if (!have) {
        lo = hi = v;
        have = true;
        continue;
      }
      if (v < lo) lo = v;
      if (hi < v) hi = v;
    }
    if (!have) return;
    if constexpr (std::is_floating_point_v<T>) {
      // Parquet's rule for readers: a zero min may hide -0.0 and a zero max +0.0; write the
      // safe signs.
      if (lo == 0) lo = -T{0};
      if (hi == 0) hi = T{0};
    }
    has_min_max_ = true;
    min_.assign(reinterpret_cast<const char*>(&lo), sizeof(T));
    max_.assign(reinterpret_cast<const char*>(&hi), sizeof(T));
  }

  void UpdateBytes(std::string_view v) {
    if (!has_min_max_) {
      min_.assign(v);
      max_.assign(v);
      has_min_max_ = true;
      return;
    }
    if (Less(v, min_)) min_.assign(v);
    if (Less(max_, v)) max_.assign(v);
  }

  bool SignedDecimalBytes() const { return leaf_->conversion == ValueConversion::kDecimalBytes; }

  // Order of two serialized values of this leaf.
  bool Less(std::string_view a, std::string_view b) const {
    switch (leaf_->physical) {
      case PhysicalType::kBoolean:
        return a[0] < b[0];
      case PhysicalType::kInt32:
        return Load<int32_t>(a) < Load<int32_t>(b);
      case PhysicalType::kInt64:
        return Load<int64_t>(a) < Load<int64_t>(b);
      case PhysicalType::kFloat:
        return Load<float>(a) < Load<float>(b);
      case PhysicalType::kDouble:
        return Load<double>(a) < Load<double>(b);
      default:
        break;
    }
    if (SignedDecimalBytes() && !a.empty() && !b.empty()) {
      bool na = static_cast<uint8_t>(a[0]) & 0x80;
      bool nb = static_cast<uint8_t>(b[0]) & 0x80;
      if (na != nb) return na;
    }
    return std::string_view(a).compare(b) < 0 ? true : false;
  }

  template <typename T>
  static T Load(std::string_view s) {
    T v;
    std::memcpy(&v, s.data(), sizeof(T));
    return v;
  }

  std::optional<std::string> IcebergBound(const std::string& v) const {
    if (!has_min_max_) return std::nullopt;
    switch (leaf_->conversion) {
      case ValueConversion::kDecimalInt32:
        return MinimalBigEndian(Load<int32_t>(v));
      case ValueConversion::kDecimalInt64:
        return MinimalBigEndian(Load<int64_t>(v));
      case ValueConversion::kDecimalBytes: {
        // Strip sign-extension bytes.
        size_t i = 0;
        while (i + 1 < v.size() &&
               ((v[i] == 0 && !(static_cast<uint8_t>(v[i + 1]) & 0x80)) ||
                (static_cast<uint8_t>(v[i]) == 0xff && (static_cast<uint8_t>(v[i + 1]) & 0x80)))) {
          ++i;
        }
        return v.substr(i);
      }
      default:
        return v;
    }
  }

  static std::string MinimalBigEndian(int64_t x) {
    std::string be(8, '\0');
    for (int i = 0; i < 8; ++i) be[7 - i] = static_cast<char>(static_cast<uint64_t>(x) >> (8 * i));
    size_t i = 0;
    while (i + 1 < be.size() &&
           ((be[i] == 0 && !(static_cast<uint8_t>(be[i + 1]) & 0x80)) ||
            (static_cast<uint8_t>(be[i]) == 0xff && (static_cast<uint8_t>(be[i + 1]) & 0x80)))) {
      ++i;
    }
    return be.substr(i);
  }

  const SchemaNode* leaf_ = nullptr;
  bool has_min_max_ = false;
  std::string min_;
  std::string max_;
  int64_t null_count_ = 0;
  int64_t nan_count_ = 0;
  int64_t value_count_ = 0;
};

}  // namespace floe::parquet
