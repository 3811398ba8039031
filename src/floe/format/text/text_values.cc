#include <fmt/format.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>

#include "floe/columnar/binary_builder.h"
#include "floe/columnar/fixed_width_builder.h"
#include "floe/format/text/text_values_internal.h"

namespace floe::text::internal {

namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

namespace {

template <typename T>
bool ParseInteger(std::string_view s, T* out) {
  s = TrimSpaces(s);
  if (!s.empty() && s[0] == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

template <typename T>
bool ParseFloating(std::string_view s, T* out) {
  s = TrimSpaces(s);
  bool negative = false;
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    negative = body[0] == '-';
    body.remove_prefix(1);
  }
  if (EqualsIgnoreCase(body, "nan")) {
    *out = std::numeric_limits<T>::quiet_NaN();
    return true;
  }
  if (EqualsIgnoreCase(body, "inf") || EqualsIgnoreCase(body, "infinity")) {
    *out = negative ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::infinity();
    return true;
  }
  if (body.empty() || !((body[0] >= '0' && body[0] <= '9') || body[0] == '.')) return false;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), *out);
  if (ec != std::errc() || ptr != body.data() + body.size()) return false;
  if (negative) *out = -*out;
  return true;
}

// Reads exactly `n` digits at s[*pos].
bool ReadDigits(std::string_view s, size_t* pos, int n, int* out) {
  if (*pos + static_cast<size_t>(n) > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[*pos + static_cast<size_t>(i)];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += static_cast<size_t>(n);
  *out = v;
  return true;
}

bool ReadDate(std::string_view s, size_t* pos, int32_t* days) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (!ReadDigits(s, pos, 4, &y) || *pos >= s.size() || s[*pos] != '-') return false;
  ++*pos;
  if (!ReadDigits(s, pos, 2, &m) || *pos >= s.size() || s[*pos] != '-') return false;
  ++*pos;
  if (!ReadDigits(s, pos, 2, &d)) return false;
  std::chrono::year_month_day ymd{std::chrono::year{y},
                                  std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return false;
  *days = static_cast<int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count());
  return true;
}

// HH:MM[:SS[.f{1,9}]] at s[*pos]; stops before anything else.
bool ReadTime(std::string_view s, size_t* pos, int64_t* micros) {
  int h = 0;
  int m = 0;
  int sec = 0;
  if (!ReadDigits(s, pos, 2, &h) || *pos >= s.size() || s[*pos] != ':') return false;
  ++*pos;
  if (!ReadDigits(s, pos, 2, &m)) return false;
  int64_t fraction = 0;
  if (*pos < s.size() && s[*pos] == ':') {
    ++*pos;
    if (!ReadDigits(s, pos, 2, &sec)) return false;
    if (*pos < s.size() && s[*pos] == '.') {
      ++*pos;
      int digits = 0;
      while (*pos < s.size() && s[*pos] >= '0' && s[*pos] <= '9') {
        // Digits past microseconds are dropped (nanosecond inputs truncate).
        if (digits < 6) fraction = fraction * 10 + (s[*pos] - '0');
        ++digits;
        ++*pos;
      }
      if (digits == 0 || digits > 9) return false;
      for (int i = digits; i < 6; ++i) fraction *= 10;
    }
  }
  // 24:00:00 is not accepted; leap seconds are not representable.
  if (h > 23 || m > 59 || sec > 59) return false;
  *micros = ((h * 60 + m) * 60 + sec) * kMicrosPerSecond + fraction;
  return true;
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

void AppendPadded(int64_t v, int width, std::string* out) {
  fmt::format_to(std::back_inserter(*out), "{:0{}}", v, width);
}

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

int Base64Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;
  if (c == '/' || c == '_') return 63;
  return -1;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool ParseBool(std::string_view s, bool* out) {
  s = TrimSpaces(s);
  if (EqualsIgnoreCase(s, "true") || s == "1") {
    *out = true;
    return true;
  }
  if (EqualsIgnoreCase(s, "false") || s == "0") {
    *out = false;
    return true;
  }
  return false;
}

bool ParseInt32(std::string_view s, int32_t* out) { return ParseInteger(s, out); }
bool ParseInt64(std::string_view s, int64_t* out) { return ParseInteger(s, out); }
bool ParseFloat(std::string_view s, float* out) { return ParseFloating(s, out); }
bool ParseDouble(std::string_view s, double* out) { return ParseFloating(s, out); }

DecimalParse ParseDecimal(std::string_view s, int32_t precision, int32_t scale,
                          columnar::Decimal128* out) {
  s = TrimSpaces(s);
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::string_view whole = s;
  std::string_view fraction;
  if (size_t dot = s.find('.'); dot != std::string_view::npos) {
    whole = s.substr(0, dot);
    fraction = s.substr(dot + 1);
  }
  if (whole.empty() && fraction.empty()) return DecimalParse::kSyntax;
  auto all_digits = [](std::string_view d) {
    for (char c : d)
      if (c < '0' || c > '9') return false;
    return true;
  };
  if (!all_digits(whole) || !all_digits(fraction)) return DecimalParse::kSyntax;
  // Extra fraction digits are fine only when they are zeros: no silent rounding.
  while (fraction.size() > static_cast<size_t>(scale) && fraction.back() == '0')
    fraction.remove_suffix(1);
  if (fraction.size() > static_cast<size_t>(scale)) return DecimalParse::kTooManyFractionDigits;
  while (!whole.empty() && whole.front() == '0') whole.remove_prefix(1);
  if (whole.size() + static_cast<size_t>(scale) > static_cast<size_t>(precision))
    return DecimalParse::kOutOfRange;
  __int128 v = 0;
  for (char c : whole) v = v * 10 + (c - '0');
  for (char c : fraction) v = v * 10 + (c - '0');
  for (size_t i = fraction.size(); i < static_cast<size_t>(scale); ++i) v *= 10;
  *out = columnar::Decimal128::FromInt128(negative ? -v : v);
  return DecimalParse::kOk;
}

bool ParseDate(std::string_view s, int32_t* out) {
  s = TrimSpaces(s);
  size_t pos = 0;
  return ReadDate(s, &pos, out) && pos == s.size();
}

bool ParseTime(std::string_view s, int64_t* out) {
  s = TrimSpaces(s);
  size_t pos = 0;
  return ReadTime(s, &pos, out) && pos == s.size();
}

bool ParseTimestamp(std::string_view s, ParsedTimestamp* out) {
  s = TrimSpaces(s);
  size_t pos = 0;
  int32_t days = 0;
  if (!ReadDate(s, &pos, &days)) return false;
  *out = ParsedTimestamp{};
  if (pos == s.size()) {
    out->micros = days * kMicrosPerDay;
    out->date_only = true;
    return true;
  }
  if (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ') return false;
  ++pos;
  int64_t time = 0;
  if (!ReadTime(s, &pos, &time)) return false;
  int64_t micros = days * kMicrosPerDay + time;
  if (pos < s.size()) {
    if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
      out->has_offset = true;
    } else if (s[pos] == '+' || s[pos] == '-') {
      int sign = s[pos] == '-' ? -1 : 1;
      ++pos;
      int oh = 0;
      int om = 0;
      if (!ReadDigits(s, &pos, 2, &oh)) return false;
      if (pos < s.size() && s[pos] == ':') ++pos;
      if (pos < s.size() && !ReadDigits(s, &pos, 2, &om)) return false;
      if (pos != s.size() || oh > 23 || om > 59) return false;
      // Local time = UTC + offset, so UTC = local - offset.
      micros -= sign * (oh * 60 + om) * 60 * kMicrosPerSecond;
      out->has_offset = true;
    } else {
      return false;
    }
  }
  out->micros = micros;
  return true;
}

void AppendDate(int32_t days, std::string* out) {
  std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{days}}};
  int y = static_cast<int>(ymd.year());
  if (y < 0) {
    out->push_back('-');
    y = -y;
  }
  AppendPadded(y, 4, out);
  out->push_back('-');
  AppendPadded(static_cast<unsigned>(ymd.month()), 2, out);
  out->push_back('-');
  AppendPadded(static_cast<unsigned>(ymd.day()), 2, out);
}

void AppendTime(int64_t micros, std::string* out) {
  int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  int64_t fraction = micros - seconds * kMicrosPerSecond;
  AppendPadded(seconds / 3600, 2, out);
  out->push_back(':');
  AppendPadded(seconds / 60 % 60, 2, out);
  out->push_back(':');
  AppendPadded(seconds % 60, 2, out);
  out->push_back('.');
  AppendPadded(fraction, 6, out);
}

void AppendTimestamp(int64_t micros, bool utc, std::string* out) {
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  AppendDate(static_cast<int32_t>(days), out);
  out->push_back('T');
  AppendTime(micros - days * kMicrosPerDay, out);
  if (utc) out->push_back('Z');
}

void AppendDecimal(columnar::Decimal128 value, int32_t scale, std::string* out) {
  __int128 v = value.ToInt128();
  bool negative = v < 0;
  // Digits of the magnitude, least significant first; unsigned so that -2^127 works.
  unsigned __int128 mag =
      negative ? -static_cast<unsigned __int128>(v) : static_cast<unsigned __int128>(v);
  std::array<char, 48> digits{};
  int n = 0;
  do {
    digits[static_cast<size_t>(n++)] = static_cast<char>('0' + static_cast<int>(mag % 10));
    mag /= 10;
  } while (mag != 0);
  while (n <= scale) digits[static_cast<size_t>(n++)] = '0';
  if (negative) out->push_back('-');
  for (int i = n - 1; i >= 0; --i) {
    out->push_back(digits[static_cast<size_t>(i)]);
    if (i == scale && scale > 0) out->push_back('.');
  }
}

void AppendDouble(double v, std::string* out) {
  if (std::isnan(v)) {
    out->append("NaN");
  } else if (std::isinf(v)) {
    out->append(v < 0 ? "-Infinity" : "Infinity");
  } else {
    fmt::format_to(std::back_inserter(*out), "{}", v);
  }
}

void AppendFloat(float v, std::string* out) {
  if (std::isnan(v) || std::isinf(v)) {
    AppendDouble(static_cast<double>(v), out);
  } else {
    fmt::format_to(std::back_inserter(*out), "{}", v);
  }
}

void AppendHex(std::string_view bytes, std::string* out) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (unsigned char c : bytes) {
    out->push_back(kDigits[c >> 4]);
    out->push_back(kDigits[c & 15]);
  }
}

bool DecodeHex(std::string_view hex, std::string* out) {
  out->clear();
  if (hex.size() % 2 != 0) return false;
  for (size_t i = 0; i < hex.size(); i += 2) {
    int hi = HexValue(hex[i]);
    int lo = HexValue(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out->push_back(static_cast<char>(hi * 16 + lo));
  }
  return true;
}

void AppendBase64(std::string_view bytes, std::string* out) {
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (static_cast<uint8_t>(bytes[i]) << 16) |
                 (static_cast<uint8_t>(bytes[i + 1]) << 8) | static_cast<uint8_t>(bytes[i + 2]);
    out->push_back(kBase64Alphabet[n >> 18]);
    out->push_back(kBase64Alphabet[(n >> 12) & 63]);
    out->push_back(kBase64Alphabet[(n >> 6) & 63]);
    out->push_back(kBase64Alphabet[n & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest == 0) return;
  uint32_t n = static_cast<uint32_t>(static_cast<uint8_t>(bytes[i]) << 16);
  if (rest == 2) n |= static_cast<uint32_t>(static_cast<uint8_t>(bytes[i + 1]) << 8);
  out->push_back(kBase64Alphabet[n >> 18]);
  out->push_back(kBase64Alphabet[(n >> 12) & 63]);
  out->push_back(rest == 2 ? kBase64Alphabet[(n >> 6) & 63] : '=');
  out->push_back('=');
}

bool DecodeBase64(std::string_view b64, std::string* out) {
  out->clear();
  while (!b64.empty() && b64.back() == '=') b64.remove_suffix(1);
  if (b64.size() % 4 == 1) return false;
  uint32_t acc = 0;
  int bits = 0;
  for (char c : b64) {
    int v = Base64Value(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return true;
}

std::string QuoteForMessage(std::string_view s) {
  constexpr size_t kMaxBytes = 80;
  std::string out = "\"";
  size_t i = 0;
  for (; i < s.size() && i < kMaxBytes; ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c == '\n') {
      out.append("\\n");
    } else if (c == '\r') {
      out.append("\\r");
    } else if (c == '\t') {
      out.append("\\t");
    } else if (c < 0x20 || c == 0x7f) {
      fmt::format_to(std::back_inserter(out), "\\x{:02x}", c);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
  if (i < s.size()) out.append("...");
  return out;
}

std::string TypeNoun(const columnar::DataType& type) {
  using columnar::TypeKind;
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return "a boolean (true or false)";
    case TypeKind::kInt32:
      return "an int32";
    case TypeKind::kInt64:
      return "an int64";
    case TypeKind::kFloat32:
      return "a float";
    case TypeKind::kFloat64:
      return "a double";
    case TypeKind::kDecimal128:
      return "a " + type.ToString();
    case TypeKind::kDate32:
      return "a date (YYYY-MM-DD)";
    case TypeKind::kTime64:
      return "a time (HH:MM:SS[.ffffff])";
    case TypeKind::kTimestamp:
      return type.timezone().empty() ? "a timestamp (YYYY-MM-DDTHH:MM:SS[.ffffff])"
                                     : "a timestamp (YYYY-MM-DDTHH:MM:SS[.ffffff][Z|+hh:mm])";
    case TypeKind::kString:
      return "a string";
    case TypeKind::kBinary:
      return "binary";
    case TypeKind::kFixedSizeBinary:
      return type.ToString();
    case TypeKind::kStruct:
      return "an object";
    case TypeKind::kList:
      return "an array";
    case TypeKind::kMap:
      return "a map";
  }
  return type.ToString();
}

bool AppendScalarText(std::string_view text, const columnar::DataType& type,
                      columnar::ArrayBuilder& builder, bool base64, std::string* problem) {
  using columnar::TypeKind;
  auto not_a = [&] {
    *problem = "is not " + TypeNoun(type);
    return false;
  };
  auto appended = [&](Status status) {
    if (status.has_value()) return true;
    *problem = status.error().message();
    return false;
  };
  switch (type.kind()) {
    case TypeKind::kBoolean: {
      bool v = false;
      if (!ParseBool(text, &v)) return not_a();
      return appended(static_cast<columnar::BooleanBuilder&>(builder).Append(v));
    }
    case TypeKind::kInt32: {
      int32_t v = 0;
      if (!ParseInt32(text, &v)) {
        int64_t wide = 0;
        if (ParseInt64(text, &wide)) {
          *problem = "is out of range for int32";
          return false;
        }
        return not_a();
      }
      return appended(static_cast<columnar::FixedWidthBuilder<int32_t>&>(builder).Append(v));
    }
    case TypeKind::kInt64: {
      int64_t v = 0;
      if (!ParseInt64(text, &v)) {
        std::string_view digits = TrimSpaces(text);
        if (!digits.empty() && (digits[0] == '-' || digits[0] == '+')) digits.remove_prefix(1);
        if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos) {
          *problem = "is out of range for int64";
          return false;
        }
        return not_a();
      }
      return appended(static_cast<columnar::FixedWidthBuilder<int64_t>&>(builder).Append(v));
    }
    case TypeKind::kFloat32: {
      float v = 0;
      if (!ParseFloat(text, &v)) return not_a();
      return appended(static_cast<columnar::FixedWidthBuilder<float>&>(builder).Append(v));
    }
    case TypeKind::kFloat64: {
      double v = 0;
      if (!ParseDouble(text, &v)) return not_a();
      return appended(static_cast<columnar::FixedWidthBuilder<double>&>(builder).Append(v));
    }
    case TypeKind::kDecimal128: {
      columnar::Decimal128 v;
      switch (ParseDecimal(text, type.precision(), type.scale(), &v)) {
        case DecimalParse::kOk:
          break;
        case DecimalParse::kSyntax:
          return not_a();
        case DecimalParse::kTooManyFractionDigits:
          *problem =
              fmt::format("has more than {} decimal places for {}", type.scale(), type.ToString());
          return false;
        case DecimalParse::kOutOfRange:
          *problem = "is out of range for " + type.ToString();
          return false;
      }
      return appended(
          static_cast<columnar::FixedWidthBuilder<columnar::Decimal128>&>(builder).Append(v));
    }
    case TypeKind::kDate32: {
      int32_t v = 0;
      if (!ParseDate(text, &v)) return not_a();
      return appended(static_cast<columnar::FixedWidthBuilder<int32_t>&>(builder).Append(v));
    }
    case TypeKind::kTime64: {
      int64_t v = 0;
      if (!ParseTime(text, &v)) return not_a();
      return appended(static_cast<columnar::FixedWidthBuilder<int64_t>&>(builder).Append(v));
    }
    case TypeKind::kTimestamp: {
      ParsedTimestamp v;
      if (!ParseTimestamp(text, &v)) return not_a();
      if (v.has_offset && type.timezone().empty()) {
        *problem = "has a time zone offset but the column is a timestamp without time zone";
        return false;
      }
      return appended(static_cast<columnar::FixedWidthBuilder<int64_t>&>(builder).Append(v.micros));
    }
    case TypeKind::kString:
      return appended(static_cast<columnar::BinaryBuilder&>(builder).Append(text));
    case TypeKind::kBinary:
    case TypeKind::kFixedSizeBinary: {
      std::string bytes;
      if (!(base64 ? DecodeBase64(text, &bytes) : DecodeHex(text, &bytes))) {
        *problem = base64 ? "is not base64" : "is not hex";
        return false;
      }
      if (type.kind() == TypeKind::kBinary)
        return appended(static_cast<columnar::BinaryBuilder&>(builder).Append(bytes));
      if (static_cast<int32_t>(bytes.size()) != type.byte_width()) {
        *problem = fmt::format("has {} byte{}, not the {} of {}", bytes.size(),
                               bytes.size() == 1 ? "" : "s", type.byte_width(), type.ToString());
        return false;
      }
      return appended(static_cast<columnar::FixedSizeBinaryBuilder&>(builder).Append(bytes));
    }
    case TypeKind::kStruct:
    case TypeKind::kList:
    case TypeKind::kMap:
      break;
  }
  *problem = "is not a scalar type";
  return false;
}

}  // namespace floe::text::internal
