#include "floe/iceberg/expression_literal.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <string_view>

#include "floe/iceberg/temporal_internal.h"

namespace floe::iceberg {

namespace {

Error CannotCompare(const Literal& value, const Type& type) {
  return InvalidArgument("cannot compare {} with {}", type.ToString(), value.ToString());
}

std::optional<int64_t> ParseInteger(std::string_view s) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<double> ParseFloating(std::string_view s) {
  double v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<Literal::UuidBytes> ParseUuid(std::string_view s) {
  Literal::UuidBytes out{};
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '-') continue;
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0 || n >= 32) return std::nullopt;
    out[n / 2] = static_cast<uint8_t>(out[n / 2] | (n % 2 == 0 ? d << 4 : d));
    ++n;
  }
  if (n != 32) return std::nullopt;
  return out;
}

double DecimalToDouble(const Literal::DecimalValue& d) {
  return static_cast<double>(d.unscaled) / std::pow(10.0, d.scale);
}

// The decimal rescaled to `scale` without loss, if possible.
std::optional<Int128> Rescale(Int128 unscaled, int32_t from, int32_t to) {
  if (from > to) return std::nullopt;
  for (int32_t i = from; i < to; ++i) {
    if (unscaled > Int128{1} << 122 || unscaled < -(Int128{1} << 122)) return std::nullopt;
    unscaled *= 10;
  }
  return unscaled;
}

Result<Literal> ToInteger(const Literal& value, const Type& type, int64_t v) {
  if (type.id() == TypeId::kInt) {
    if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("cannot compare int with {}: out of range", value.ToString());
    }
    return Literal::Int(static_cast<int32_t>(v));
  }
  return Literal::Long(v);
}

Result<Literal> ToDecimal(const Literal& value, const Type& type, Int128 unscaled, int32_t scale) {
  const auto& decimal = static_cast<const PrimitiveType&>(type);
  auto rescaled = Rescale(unscaled, scale, decimal.scale());
  if (!rescaled) return CannotCompare(value, type);
  return Literal::Decimal(*rescaled, decimal.scale());
}

std::optional<int64_t> NumberOf(const Literal& value) {
  if (value.type_id() == TypeId::kInt) return value.int_value();
  if (value.type_id() == TypeId::kLong) return value.long_value();
  return std::nullopt;
}

std::optional<double> FloatingOf(const Literal& value) {
  switch (value.type_id()) {
    case TypeId::kInt:
      return value.int_value();
    case TypeId::kLong:
      return static_cast<double>(value.long_value());
    case TypeId::kFloat:
      return value.float_value();
    case TypeId::kDouble:
      return value.double_value();
    case TypeId::kDecimal:
      return DecimalToDouble(value.decimal_value());
    default:
      return std::nullopt;
  }
}

Result<Literal> FromString(const Literal& value, const Type& type) {
  const std::string& s = value.string_value();
  switch (type.id()) {
    case TypeId::kBoolean:
      if (s == "true") return Literal::Boolean(true);
      if (s == "false") return Literal::Boolean(false);
      break;
    case TypeId::kInt:
    case TypeId::kLong:
      if (auto v = ParseInteger(s)) return ToInteger(value, type, *v);
      break;
    case TypeId::kFloat:
      if (auto v = ParseFloating(s)) return Literal::Float(static_cast<float>(*v));
      break;
    case TypeId::kDouble:
      if (auto v = ParseFloating(s)) return Literal::Double(*v);
      break;
    case TypeId::kDecimal: {
      auto d = ParseDecimal(s);
      if (d.has_value()) {
        return ToDecimal(value, type, d->decimal_value().unscaled, d->decimal_value().scale);
      }
      break;
    }
    case TypeId::kDate:
      if (auto v = internal::ParseDate(s)) return Literal::Date(static_cast<int32_t>(*v));
      break;
    case TypeId::kTime:
      if (auto v = internal::ParseTimeOfDay(s)) return Literal::Time(*v);
      break;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs: {
      bool zoned = type.id() == TypeId::kTimestampTz || type.id() == TypeId::kTimestampTzNs;
      // A zoned column accepts a local form too, read as UTC; a date alone means midnight.
      std::optional<int64_t> micros = internal::ParseTimestamp(s, zoned);
      if (!micros && zoned) micros = internal::ParseTimestamp(s, false);
      if (!micros) {
        if (auto days = internal::ParseDate(s)) micros = *days * internal::kMicrosPerDay;
      }
      if (!micros) break;
      switch (type.id()) {
        case TypeId::kTimestamp:
          return Literal::Timestamp(*micros);
        case TypeId::kTimestampTz:
          return Literal::TimestampTz(*micros);
        case TypeId::kTimestampNs:
          return Literal::TimestampNs(*micros * internal::kNanosPerMicro);
        default:
          return Literal::TimestampTzNs(*micros * internal::kNanosPerMicro);
      }
    }
    case TypeId::kString:
      return value;
    case TypeId::kUuid:
      if (auto v = ParseUuid(s)) return Literal::Uuid(*v);
      break;
    default:
      break;
  }
  return CannotCompare(value, type);
}

bool IsTimestamp(TypeId id) {
  return id == TypeId::kTimestamp || id == TypeId::kTimestampTz || id == TypeId::kTimestampNs ||
         id == TypeId::kTimestampTzNs;
}
bool IsNanos(TypeId id) { return id == TypeId::kTimestampNs || id == TypeId::kTimestampTzNs; }

Literal TimestampOf(TypeId id, int64_t v) {
  switch (id) {
    case TypeId::kTimestamp:
      return Literal::Timestamp(v);
    case TypeId::kTimestampTz:
      return Literal::TimestampTz(v);
    case TypeId::kTimestampNs:
      return Literal::TimestampNs(v);
    default:
      return Literal::TimestampTzNs(v);
  }
}

template <typename T>
int Order(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

template <typename F>
int OrderFloating(F a, F b) {
  bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) {
    // NaNs with the sign bit set order first, the others last.
    int ra = na ? (std::signbit(a) ? -2 : 2) : 0;
    int rb = nb ? (std::signbit(b) ? -2 : 2) : 0;
    return Order(ra, rb);
  }
  return Order(a, b);
}

int OrderBytes(const uint8_t* a, size_t na, const uint8_t* b, size_t nb) {
  int c = std::memcmp(a, b, std::min(na, nb));
  if (c != 0) return c < 0 ? -1 : 1;
  return Order(na, nb);
}

}  // namespace

Result<Literal> ConvertLiteral(const Literal& value, const Type& type) {
  TypeId from = value.type_id();
  TypeId to = type.id();
  if (!type.is_primitive()) return CannotCompare(value, type);
  if (from == TypeId::kString) return FromString(value, type);
  if (from == to && to != TypeId::kDecimal && to != TypeId::kFixed) return value;
  switch (to) {
    case TypeId::kInt:
    case TypeId::kLong:
      if (auto v = NumberOf(value)) return ToInteger(value, type, *v);
      break;
    case TypeId::kFloat:
      if (from == TypeId::kDouble) {
        double d = value.double_value();
        auto f = static_cast<float>(d);
        if (static_cast<double>(f) == d || std::isnan(d)) return Literal::Float(f);
        return InvalidArgument("cannot compare float with {}: not exact as a float",
                               value.ToString());
      }
      if (auto v = FloatingOf(value)) return Literal::Float(static_cast<float>(*v));
      break;
    case TypeId::kDouble:
      if (auto v = FloatingOf(value)) return Literal::Double(*v);
      break;
    case TypeId::kDecimal:
      if (auto v = NumberOf(value)) return ToDecimal(value, type, *v, 0);
      if (from == TypeId::kDecimal) {
        return ToDecimal(value, type, value.decimal_value().unscaled, value.decimal_value().scale);
      }
      break;
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      if (from == TypeId::kDate) {
        int64_t micros = int64_t{value.int_value()} * internal::kMicrosPerDay;
        return TimestampOf(to, IsNanos(to) ? micros * internal::kNanosPerMicro : micros);
      }
      if (IsTimestamp(from)) {
        int64_t v = value.long_value();
        if (IsNanos(from) && !IsNanos(to)) {
          v = internal::FloorDiv(v, internal::kNanosPerMicro);
        } else if (!IsNanos(from) && IsNanos(to)) {
          v *= internal::kNanosPerMicro;
        }
        return TimestampOf(to, v);
      }
      break;
    case TypeId::kFixed: {
      if (from != TypeId::kFixed && from != TypeId::kBinary) break;
      const auto& fixed = static_cast<const PrimitiveType&>(type);
      if (static_cast<int64_t>(value.bytes_value().size()) != fixed.length()) break;
      return Literal::Fixed(value.bytes_value());
    }
    case TypeId::kBinary:
      if (from == TypeId::kFixed) return Literal::Binary(value.bytes_value());
      break;
    default:
      break;
  }
  return CannotCompare(value, type);
}

int CompareLiteralValues(const Literal& a, const Literal& b) {
  switch (a.type_id()) {
    case TypeId::kBoolean:
      return Order(a.bool_value(), b.bool_value());
    case TypeId::kInt:
    case TypeId::kDate:
      return Order(a.int_value(), b.int_value());
    case TypeId::kLong:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      return Order(a.long_value(), b.long_value());
    case TypeId::kFloat:
      return OrderFloating(a.float_value(), b.float_value());
    case TypeId::kDouble:
      return OrderFloating(a.double_value(), b.double_value());
    case TypeId::kDecimal:
      return Order(a.decimal_value().unscaled, b.decimal_value().unscaled);
    case TypeId::kString: {
      const std::string& x = a.string_value();
      const std::string& y = b.string_value();
      return OrderBytes(reinterpret_cast<const uint8_t*>(x.data()), x.size(),
                        reinterpret_cast<const uint8_t*>(y.data()), y.size());
    }
    case TypeId::kUuid:
      return OrderBytes(a.uuid_value().data(), 16, b.uuid_value().data(), 16);
    case TypeId::kFixed:
    case TypeId::kBinary:
      return OrderBytes(a.bytes_value().data(), a.bytes_value().size(), b.bytes_value().data(),
                        b.bytes_value().size());
    default:
      return 0;
  }
}

}  // namespace floe::iceberg
