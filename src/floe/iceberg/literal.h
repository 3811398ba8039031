// Literal: one Iceberg value tagged with its primitive type: the input and output of partition
// transforms and, later, of expression evaluation. Values use the spec's physical forms: dates
// as days from 1970-01-01, times as microseconds from midnight, timestamps as microseconds (or
// nanoseconds for the _ns types) from the epoch, decimals as an unscaled 128-bit integer with
// the scale, uuids as 16 big-endian bytes.
//
//   Literal v = Literal::Date(17486);          // 2017-11-16
//   Literal d = Literal::Decimal(1420, 2);     // 14.20
//   v.type_id() == TypeId::kDate; v.int_value() == 17486;
//
// A null literal has type unknown. Accessors REQUIRE the matching kind.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "floe/iceberg/type.h"

namespace floe::iceberg {

// A 128-bit signed integer, enough for any decimal(38, S).
using Int128 = __int128;

class Literal {
 public:
  using Bytes = std::vector<uint8_t>;
  using UuidBytes = std::array<uint8_t, 16>;
  struct DecimalValue {
    Int128 unscaled;
    int32_t scale;
    bool operator==(const DecimalValue&) const = default;
  };

  static Literal Null();
  static Literal Boolean(bool v);
  static Literal Int(int32_t v);
  static Literal Long(int64_t v);
  static Literal Float(float v);
  static Literal Double(double v);
  static Literal Decimal(Int128 unscaled, int32_t scale);
  static Literal Date(int32_t days);
  static Literal Time(int64_t micros);
  static Literal Timestamp(int64_t micros);
  static Literal TimestampTz(int64_t micros);
  static Literal TimestampNs(int64_t nanos);
  static Literal TimestampTzNs(int64_t nanos);
  static Literal String(std::string v);
  static Literal Uuid(UuidBytes v);
  static Literal Fixed(Bytes v);
  static Literal Binary(Bytes v);

  // Out of line, as are the factories: inlining the variant's construction and destruction into
  // callers makes GCC 12 report false -Wfree-nonheap-object / -Wmaybe-uninitialized warnings.
  Literal(const Literal& other);
  Literal(Literal&& other) noexcept;
  Literal& operator=(const Literal& other);
  Literal& operator=(Literal&& other) noexcept;
  ~Literal();

  TypeId type_id() const { return type_; }
  bool is_null() const { return std::holds_alternative<std::monostate>(value_); }

  bool bool_value() const { return std::get<bool>(value_); }
  // int and date.
  int32_t int_value() const { return std::get<int32_t>(value_); }
  // long, time and the timestamps.
  int64_t long_value() const { return std::get<int64_t>(value_); }
  float float_value() const { return std::get<float>(value_); }
  double double_value() const { return std::get<double>(value_); }
  const DecimalValue& decimal_value() const { return std::get<DecimalValue>(value_); }
  const std::string& string_value() const { return std::get<std::string>(value_); }
  const UuidBytes& uuid_value() const { return std::get<UuidBytes>(value_); }
  // fixed and binary.
  const Bytes& bytes_value() const { return std::get<Bytes>(value_); }

  // A readable form for messages and tests: "34", "14.20", "2017-11-16", "'iceberg'", "null".
  std::string ToString() const;
  bool operator==(const Literal& other) const;

 private:
  using Value = std::variant<std::monostate, bool, int32_t, int64_t, float, double, DecimalValue,
                             std::string, UuidBytes, Bytes>;
  Literal(TypeId type, Value value);

  TypeId type_;
  Value value_;
};

// "14.20" for unscaled 1420 at scale 2; "-0.05"; "120" at scale 0.
std::string DecimalToString(Int128 unscaled, int32_t scale);
// Parses "14.20" (scale 2), "-3", ".5"; the scale is the number of digits after the point.
Result<Literal> ParseDecimal(std::string_view text);

}  // namespace floe::iceberg
