#include "floe/iceberg/transform.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "floe/iceberg/murmur3_internal.h"
#include "floe/iceberg/temporal_internal.h"
#include "floe/iceberg/transform_kernels.h"

namespace floe::iceberg {
namespace {

using internal::FloorDiv;
using internal::FloorMod;
using internal::kMicrosPerDay;
using internal::kMicrosPerHour;
using internal::kNanosPerMicro;

bool IsTimestamp(TypeId t) {
  return t == TypeId::kTimestamp || t == TypeId::kTimestampTz || t == TypeId::kTimestampNs ||
         t == TypeId::kTimestampTzNs;
}

bool IsNanos(TypeId t) { return t == TypeId::kTimestampNs || t == TypeId::kTimestampTzNs; }

bool Accepts(TransformKind kind, TypeId t) {
  switch (kind) {
    case TransformKind::kIdentity:
      return t < TypeId::kStruct;
    case TransformKind::kBucket:
      return t == TypeId::kInt || t == TypeId::kLong || t == TypeId::kDecimal ||
             t == TypeId::kDate || t == TypeId::kTime || IsTimestamp(t) || t == TypeId::kString ||
             t == TypeId::kUuid || t == TypeId::kFixed || t == TypeId::kBinary;
    case TransformKind::kTruncate:
      return t == TypeId::kInt || t == TypeId::kLong || t == TypeId::kDecimal ||
             t == TypeId::kString || t == TypeId::kBinary;
    case TransformKind::kYear:
    case TransformKind::kMonth:
    case TransformKind::kDay:
      return t == TypeId::kDate || IsTimestamp(t);
    case TransformKind::kHour:
      return IsTimestamp(t);
    case TransformKind::kVoid:
      return true;
    case TransformKind::kUnknown:
      return false;
  }
  return false;
}

std::string_view KindName(TransformKind kind) {
  switch (kind) {
    case TransformKind::kIdentity:
      return "identity";
    case TransformKind::kBucket:
      return "bucket";
    case TransformKind::kTruncate:
      return "truncate";
    case TransformKind::kYear:
      return "year";
    case TransformKind::kMonth:
      return "month";
    case TransformKind::kDay:
      return "day";
    case TransformKind::kHour:
      return "hour";
    case TransformKind::kVoid:
      return "void";
    case TransformKind::kUnknown:
      return "unknown";
  }
  return "?";
}

std::string_view AsView(const Literal::Bytes& b) {
  return std::string_view(reinterpret_cast<const char*>(b.data()), b.size());
}

int32_t HashOf(const Literal& v) {
  switch (v.type_id()) {
    case TypeId::kInt:
    case TypeId::kDate:
      return internal::HashLong(v.int_value());
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      return internal::HashLong(FloorDiv(v.long_value(), kNanosPerMicro));
    case TypeId::kLong:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return internal::HashLong(v.long_value());
    case TypeId::kDecimal:
      return internal::HashDecimal(v.decimal_value().unscaled);
    case TypeId::kString:
      return internal::HashBytes(v.string_value());
    case TypeId::kUuid: {
      const auto& u = v.uuid_value();
      return internal::Murmur3Hash32(u.data(), u.size());
    }
    default:
      return internal::HashBytes(AsView(v.bytes_value()));
  }
}

// Microseconds from the epoch of a date or timestamp value.
int64_t MicrosOf(const Literal& v) {
  if (v.type_id() == TypeId::kDate) return int64_t{v.int_value()} * kMicrosPerDay;
  if (IsNanos(v.type_id())) return FloorDiv(v.long_value(), kNanosPerMicro);
  return v.long_value();
}

// Java's Float.toString/Double.toString keep a ".0" on whole numbers.
template <typename T>
std::string FloatingToString(T v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  std::string s = fmt::format("{}", v);
  if (s.find_first_of(".e") == std::string::npos) s += ".0";
  return s;
}

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64Encode(const Literal::Bytes& b) {
  std::string out;
  for (size_t i = 0; i < b.size(); i += 3) {
    uint32_t n = uint32_t{b[i]} << 16;
    if (i + 1 < b.size()) n |= uint32_t{b[i + 1]} << 8;
    if (i + 2 < b.size()) n |= b[i + 2];
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += i + 1 < b.size() ? kBase64[(n >> 6) & 63] : '=';
    out += i + 2 < b.size() ? kBase64[n & 63] : '=';
  }
  return out;
}

std::optional<Literal::Bytes> Base64Decode(std::string_view s) {
  if (s.size() % 4 != 0) return std::nullopt;
  Literal::Bytes out;
  for (size_t i = 0; i < s.size(); i += 4) {
    uint32_t n = 0;
    int pad = 0;
    for (size_t j = 0; j < 4; ++j) {
      char c = s[i + j];
      uint32_t d = 0;
      if (c == '=' && j >= 2 && i + 4 == s.size()) {
        ++pad;
      } else {
        if (pad > 0) return std::nullopt;
        const char* p = std::char_traits<char>::find(kBase64, 64, c);
        if (p == nullptr) return std::nullopt;
        d = static_cast<uint32_t>(p - kBase64);
      }
      n = n << 6 | d;
    }
    out.push_back(static_cast<uint8_t>(n >> 16));
    if (pad < 2) out.push_back(static_cast<uint8_t>(n >> 8));
    if (pad < 1) out.push_back(static_cast<uint8_t>(n));
  }
  return out;
}

std::string UuidToString(const Literal::UuidBytes& u) {
  std::string h;
  for (uint8_t b : u) h += fmt::format("{:02x}", b);
  return fmt::format("{}-{}-{}-{}-{}", h.substr(0, 8), h.substr(8, 4), h.substr(12, 4),
                     h.substr(16, 4), h.substr(20));
}

std::optional<Literal::UuidBytes> ParseUuid(std::string_view s) {
  if (s.size() != 36) return std::nullopt;
  Literal::UuidBytes out{};
  size_t k = 0;
  for (size_t i = 0; i < s.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (s[i] != '-') return std::nullopt;
      ++i;
      continue;
    }
    unsigned v = 0;
    auto [p, ec] = std::from_chars(s.data() + i, s.data() + i + 2, v, 16);
    if (ec != std::errc() || p != s.data() + i + 2) return std::nullopt;
    out[k++] = static_cast<uint8_t>(v);
    i += 2;
  }
  return out;
}

std::string NanosTimestampToString(int64_t nanos, bool with_zone) {
  int64_t micros = FloorDiv(nanos, kNanosPerMicro);
  int64_t extra = FloorMod(nanos, kNanosPerMicro);
  std::string s = internal::FormatTimestamp(FloorDiv(micros, 1'000'000) * 1'000'000, false);
  int64_t frac = FloorMod(micros, 1'000'000) * 1000 + extra;
  if (frac != 0) {
    std::string f = fmt::format("{:09d}", frac);
    while (f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return with_zone ? s + "+00:00" : s;
}

template <typename T>
bool ParseInteger(std::string_view s, T& out) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

}  // namespace

Result<Transform> Transform::Bucket(int32_t num_buckets) {
  if (num_buckets < 1) return InvalidArgument("bucket count must be positive, got {}", num_buckets);
  return Transform(TransformKind::kBucket, num_buckets);
}

Result<Transform> Transform::Truncate(int32_t width) {
  if (width < 1) return InvalidArgument("truncate width must be positive, got {}", width);
  return Transform(TransformKind::kTruncate, width);
}

Result<Transform> Transform::FromString(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view t = lower;
  for (auto kind : {TransformKind::kIdentity, TransformKind::kYear, TransformKind::kMonth,
                    TransformKind::kDay, TransformKind::kHour, TransformKind::kVoid}) {
    if (t == KindName(kind)) return Transform(kind, 0);
  }
  for (auto kind : {TransformKind::kBucket, TransformKind::kTruncate}) {
    std::string_view name = KindName(kind);
    if (!t.starts_with(name) || t.size() == name.size() || t[name.size()] != '[') continue;
    std::string_view arg = t.substr(name.size() + 1);
    int32_t n = 0;
    if (!arg.ends_with(']') || !ParseInteger(arg.substr(0, arg.size() - 1), n)) {
      return InvalidArgument("malformed transform '{}': expected {}[<positive int>]", text, name);
    }
    return kind == TransformKind::kBucket ? Bucket(n) : Truncate(n);
  }
  if (text.empty()) return InvalidArgument("empty transform");
  return Transform(TransformKind::kUnknown, 0, std::string(text));
}

std::string Transform::ToString() const {
  switch (kind_) {
    case TransformKind::kBucket:
      return fmt::format("bucket[{}]", param_);
    case TransformKind::kTruncate:
      return fmt::format("truncate[{}]", param_);
    case TransformKind::kUnknown:
      return unknown_name_;
    default:
      return std::string(KindName(kind_));
  }
}

bool Transform::CanTransform(const Type& source) const { return Accepts(kind_, source.id()); }

Result<TypePtr> Transform::ResultType(const TypePtr& source) const {
  if (source == nullptr || !CanTransform(*source)) {
    return InvalidArgument("transform {} cannot be applied to {}", ToString(),
                           source ? source->ToString() : "<null>");
  }
  switch (kind_) {
    case TransformKind::kBucket:
    case TransformKind::kYear:
    case TransformKind::kMonth:
    case TransformKind::kHour:
      return PrimitiveType::Int();
    case TransformKind::kDay:
      return PrimitiveType::Date();
    default:
      return source;
  }
}

Result<Literal> Transform::Apply(const Literal& value) const {
  if (value.is_null()) return Literal::Null();
  TypeId t = value.type_id();
  if (!Accepts(kind_, t)) {
    return InvalidArgument("transform {} cannot be applied to a {} value", ToString(),
                           TypeIdName(t));
  }
  switch (kind_) {
    case TransformKind::kIdentity:
      return value;
    case TransformKind::kVoid:
      return Literal::Null();
    case TransformKind::kBucket:
      return Literal::Int(internal::BucketOf(HashOf(value), param_));
    case TransformKind::kTruncate:
      switch (t) {
        case TypeId::kInt:
          return Literal::Int(kernels::TruncateInt(value.int_value(), param_));
        case TypeId::kLong:
          return Literal::Long(kernels::TruncateInt(value.long_value(), param_));
        case TypeId::kDecimal: {
          const auto& d = value.decimal_value();
          Int128 w = param_;
          return Literal::Decimal(d.unscaled - (((d.unscaled % w) + w) % w), d.scale);
        }
        case TypeId::kString:
          return Literal::String(std::string(kernels::TruncateUtf8(value.string_value(), param_)));
        default: {
          const auto& b = value.bytes_value();
          size_t n = std::min(b.size(), static_cast<size_t>(param_));
          return Literal::Binary(Literal::Bytes(b.begin(), b.begin() + static_cast<ptrdiff_t>(n)));
        }
      }
    case TransformKind::kYear:
      return Literal::Int(kernels::YearFromMicros(MicrosOf(value)));
    case TransformKind::kMonth:
      return Literal::Int(kernels::MonthFromMicros(MicrosOf(value)));
    case TransformKind::kDay:
      if (t == TypeId::kDate) return value;
      return Literal::Date(static_cast<int32_t>(FloorDiv(MicrosOf(value), kMicrosPerDay)));
    case TransformKind::kHour:
      return Literal::Int(static_cast<int32_t>(FloorDiv(MicrosOf(value), kMicrosPerHour)));
    case TransformKind::kUnknown:
      break;
  }
  return NotSupported("transform {} cannot be applied", ToString());
}

std::string Transform::ToHumanString(const Literal& value) const {
  if (value.is_null()) return "null";
  auto as_int = [&]() -> int64_t {
    return value.type_id() == TypeId::kInt || value.type_id() == TypeId::kDate ? value.int_value()
                                                                               : value.long_value();
  };
  switch (kind_) {
    case TransformKind::kYear:
      return internal::FormatYear(1970 + as_int());
    case TransformKind::kMonth: {
      int64_t m = as_int();
      return fmt::format("{}-{:02d}", internal::FormatYear(1970 + FloorDiv(m, 12)),
                         FloorMod(m, 12) + 1);
    }
    case TransformKind::kDay:
      return internal::FormatDate(as_int());
    case TransformKind::kHour: {
      int64_t h = as_int();
      return fmt::format("{}-{:02d}", internal::FormatDate(FloorDiv(h, 24)), FloorMod(h, 24));
    }
    default:
      break;
  }
  switch (value.type_id()) {
    case TypeId::kBoolean:
      return value.bool_value() ? "true" : "false";
    case TypeId::kInt:
      return fmt::format("{}", value.int_value());
    case TypeId::kLong:
      return fmt::format("{}", value.long_value());
    case TypeId::kFloat:
      return FloatingToString(value.float_value());
    case TypeId::kDouble:
      return FloatingToString(value.double_value());
    case TypeId::kDecimal:
      return DecimalToString(value.decimal_value().unscaled, value.decimal_value().scale);
    case TypeId::kDate:
      return internal::FormatDate(value.int_value());
    case TypeId::kTime:
      return internal::FormatTimeOfDay(value.long_value());
    case TypeId::kTimestamp:
      return internal::FormatTimestamp(value.long_value(), false);
    case TypeId::kTimestampTz:
      return internal::FormatTimestamp(value.long_value(), true);
    case TypeId::kTimestampNs:
      return NanosTimestampToString(value.long_value(), false);
    case TypeId::kTimestampTzNs:
      return NanosTimestampToString(value.long_value(), true);
    case TypeId::kString:
      return value.string_value();
    case TypeId::kUuid:
      return UuidToString(value.uuid_value());
    case TypeId::kFixed:
    case TypeId::kBinary:
      return Base64Encode(value.bytes_value());
    default:
      return value.ToString();
  }
}

Result<Literal> Transform::FromHumanString(std::string_view text, const Type& source) const {
  if (text == "null") return Literal::Null();
  if (!CanTransform(source)) {
    return InvalidArgument("transform {} cannot be applied to {}", ToString(), source.ToString());
  }
  auto bad = [&]() {
    return InvalidArgument("'{}' is not a {} partition value of type {}", text, ToString(),
                           source.ToString());
  };
  std::string_view s = text;
  int64_t year = 0, month = 0, hour = 0;
  switch (kind_) {
    case TransformKind::kVoid:
      return Literal::Null();
    case TransformKind::kBucket: {
      int32_t n = 0;
      if (!ParseInteger(s, n) || n < 0 || n >= param_) return bad();
      return Literal::Int(n);
    }
    case TransformKind::kYear:
      if (!internal::TakeYear(s, year) || !s.empty()) return bad();
      return Literal::Int(static_cast<int32_t>(year - 1970));
    case TransformKind::kMonth:
      if (!internal::TakeYear(s, year) || !internal::TakeChar(s, '-') ||
          !internal::TakeDigits(s, 2, month) || !s.empty() || month < 1 || month > 12) {
        return bad();
      }
      return Literal::Int(static_cast<int32_t>((year - 1970) * 12 + month - 1));
    case TransformKind::kDay: {
      auto days = internal::ParseDate(s);
      if (!days) return bad();
      return Literal::Date(static_cast<int32_t>(*days));
    }
    case TransformKind::kHour: {
      size_t dash = s.rfind('-');
      if (dash == std::string_view::npos) return bad();
      auto days = internal::ParseDate(s.substr(0, dash));
      std::string_view h = s.substr(dash + 1);
      if (!days || !internal::TakeDigits(h, 2, hour) || !h.empty() || hour > 23) return bad();
      return Literal::Int(static_cast<int32_t>(*days * 24 + hour));
    }
    case TransformKind::kUnknown:
      return bad();
    default:
      break;
  }
  // identity and truncate: a value of the source type.
  const auto& p = static_cast<const PrimitiveType&>(source);
  switch (source.id()) {
    case TypeId::kBoolean:
      if (s == "true") return Literal::Boolean(true);
      if (s == "false") return Literal::Boolean(false);
      return bad();
    case TypeId::kInt: {
      int32_t v = 0;
      if (!ParseInteger(s, v)) return bad();
      return Literal::Int(v);
    }
    case TypeId::kLong: {
      int64_t v = 0;
      if (!ParseInteger(s, v)) return bad();
      return Literal::Long(v);
    }
    case TypeId::kFloat:
    case TypeId::kDouble: {
      std::string copy(s);
      char* end = nullptr;
      double v = s == "NaN"         ? NAN
                 : s == "Infinity"  ? INFINITY
                 : s == "-Infinity" ? -INFINITY
                                    : std::strtod(copy.c_str(), &end);
      if (end != nullptr && (copy.empty() || *end != '\0')) return bad();
      return source.id() == TypeId::kFloat ? Literal::Float(static_cast<float>(v))
                                           : Literal::Double(v);
    }
    case TypeId::kDecimal: {
      auto d = ParseDecimal(s);
      if (!d || d->decimal_value().scale != p.scale()) return bad();
      return d;
    }
    case TypeId::kDate: {
      auto days = internal::ParseDate(s);
      if (!days) return bad();
      return Literal::Date(static_cast<int32_t>(*days));
    }
    case TypeId::kTime: {
      auto micros = internal::ParseTimeOfDay(s);
      if (!micros) return bad();
      return Literal::Time(*micros);
    }
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz: {
      bool zoned = source.id() == TypeId::kTimestampTz;
      auto micros = internal::ParseTimestamp(s, zoned);
      if (!micros) return bad();
      return zoned ? Literal::TimestampTz(*micros) : Literal::Timestamp(*micros);
    }
    case TypeId::kString:
      return Literal::String(std::string(s));
    case TypeId::kUuid: {
      auto u = ParseUuid(s);
      if (!u) return bad();
      return Literal::Uuid(*u);
    }
    case TypeId::kFixed:
    case TypeId::kBinary: {
      auto b = Base64Decode(s);
      if (!b) return bad();
      return source.id() == TypeId::kFixed ? Literal::Fixed(std::move(*b))
                                           : Literal::Binary(std::move(*b));
    }
    default:
      return NotSupported("reading {} partition values of type {} is not supported", ToString(),
                          source.ToString());
  }
}

}  // namespace floe::iceberg
