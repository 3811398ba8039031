#include "floe/iceberg/literal.h"

#include <fmt/format.h>

#include "floe/iceberg/temporal_internal.h"

namespace floe::iceberg {
namespace {

std::string Int128ToString(Int128 v) {
  if (v == 0) return "0";
  bool negative = v < 0;
  // Work on the magnitude as unsigned so that the most negative value does not overflow.
  unsigned __int128 m =
      negative ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::string digits;
  while (m > 0) {
    digits.push_back(static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  }
  if (negative) digits.push_back('-');
  return std::string(digits.rbegin(), digits.rend());
}

std::string HexBytes(const uint8_t* data, size_t size) {
  std::string s;
  for (size_t i = 0; i < size; ++i) s += fmt::format("{:02x}", data[i]);
  return s;
}

}  // namespace

Literal::Literal(TypeId type, Value value) : type_(type), value_(std::move(value)) {}
Literal Literal::Null() { return Literal(TypeId::kUnknown, std::monostate()); }
Literal Literal::Boolean(bool v) { return Literal(TypeId::kBoolean, v); }
Literal Literal::Int(int32_t v) { return Literal(TypeId::kInt, v); }
Literal Literal::Long(int64_t v) { return Literal(TypeId::kLong, v); }
Literal Literal::Float(float v) { return Literal(TypeId::kFloat, v); }
Literal Literal::Double(double v) { return Literal(TypeId::kDouble, v); }
Literal Literal::Decimal(Int128 unscaled, int32_t scale) {
  return Literal(TypeId::kDecimal, DecimalValue{unscaled, scale});
}
Literal Literal::Date(int32_t days) { return Literal(TypeId::kDate, days); }
Literal Literal::Time(int64_t micros) { return Literal(TypeId::kTime, micros); }
Literal Literal::Timestamp(int64_t micros) { return Literal(TypeId::kTimestamp, micros); }
Literal Literal::TimestampTz(int64_t micros) { return Literal(TypeId::kTimestampTz, micros); }
Literal Literal::TimestampNs(int64_t nanos) { return Literal(TypeId::kTimestampNs, nanos); }
Literal Literal::TimestampTzNs(int64_t nanos) { return Literal(TypeId::kTimestampTzNs, nanos); }
Literal Literal::String(std::string v) { return Literal(TypeId::kString, std::move(v)); }
Literal Literal::Uuid(UuidBytes v) { return Literal(TypeId::kUuid, v); }
Literal Literal::Fixed(Bytes v) { return Literal(TypeId::kFixed, std::move(v)); }
Literal Literal::Binary(Bytes v) { return Literal(TypeId::kBinary, std::move(v)); }
Literal::Literal(const Literal& other) = default;
Literal::Literal(Literal&& other) noexcept = default;
Literal& Literal::operator=(const Literal& other) = default;
Literal& Literal::operator=(Literal&& other) noexcept = default;
Literal::~Literal() = default;

bool Literal::operator==(const Literal& other) const {
  return type_ == other.type_ && value_ == other.value_;
}

std::string DecimalToString(Int128 unscaled, int32_t scale) {
  std::string digits = Int128ToString(unscaled);
  if (scale <= 0) return digits;
  bool negative = digits.front() == '-';
  if (negative) digits.erase(0, 1);
  if (digits.size() <= static_cast<size_t>(scale)) {
    digits.insert(0, static_cast<size_t>(scale) - digits.size() + 1, '0');
  }
  digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  return negative ? "-" + digits : digits;
}

Result<Literal> ParseDecimal(std::string_view text) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  Int128 unscaled = 0;
  int32_t scale = 0;
  bool point = false;
  int digits = 0;
  for (char c : s) {
    if (c == '.' && !point) {
      point = true;
      continue;
    }
    if (c < '0' || c > '9') return InvalidArgument("malformed decimal '{}'", text);
    if (++digits > 38) return InvalidArgument("decimal '{}' has more than 38 digits", text);
    unscaled = unscaled * 10 + (c - '0');
    if (point) ++scale;
  }
  if (digits == 0) return InvalidArgument("malformed decimal '{}'", text);
  return Literal::Decimal(negative ? -unscaled : unscaled, scale);
}

std::string Literal::ToString() const {
  if (is_null()) return "null";
  switch (type_) {
    case TypeId::kBoolean:
      return bool_value() ? "true" : "false";
    case TypeId::kInt:
      return fmt::format("{}", int_value());
    case TypeId::kLong:
      return fmt::format("{}", long_value());
    case TypeId::kFloat:
      return fmt::format("{}", float_value());
    case TypeId::kDouble:
      return fmt::format("{}", double_value());
    case TypeId::kDecimal:
      return DecimalToString(decimal_value().unscaled, decimal_value().scale);
    case TypeId::kDate:
      return internal::FormatDate(int_value());
    case TypeId::kTime:
      return internal::FormatTimeOfDay(long_value());
    case TypeId::kTimestamp:
      return internal::FormatTimestamp(long_value(), false);
    case TypeId::kTimestampTz:
      return internal::FormatTimestamp(long_value(), true);
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      return fmt::format("{} ns", long_value());
    case TypeId::kString:
      return fmt::format("'{}'", string_value());
    case TypeId::kUuid: {
      const auto& u = uuid_value();
      std::string h = HexBytes(u.data(), u.size());
      return fmt::format("{}-{}-{}-{}-{}", h.substr(0, 8), h.substr(8, 4), h.substr(12, 4),
                         h.substr(16, 4), h.substr(20));
    }
    case TypeId::kFixed:
    case TypeId::kBinary:
      return "X'" + HexBytes(bytes_value().data(), bytes_value().size()) + "'";
    default:
      return "?";
  }
}

}  // namespace floe::iceberg
