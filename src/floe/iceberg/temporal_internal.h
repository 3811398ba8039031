// Calendar arithmetic for Iceberg's date and time values (proleptic Gregorian calendar, UTC):
// days from 1970-01-01 to and from year/month/day, floor division for negative instants, and
// the ISO-8601 text forms used in partition paths and messages.
#pragma once

#include <fmt/format.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace floe::iceberg::internal {

inline constexpr int64_t kMicrosPerSecond = 1'000'000;
inline constexpr int64_t kMicrosPerHour = 3600 * kMicrosPerSecond;
inline constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;
inline constexpr int64_t kNanosPerMicro = 1000;

// Rounds toward negative infinity, so that instants before 1970 fall in the right day or hour.
inline constexpr int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

inline constexpr int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

struct CivilDate {
  int64_t year;
  int32_t month;  // 1..12
  int32_t day;    // 1..31
};

// The civil date `days` after 1970-01-01, by counting 400-year eras that start on March 1st
// (so that the leap day ends each year of the era).
inline constexpr CivilDate CivilFromDays(int64_t days) {
  int64_t z = days + 719468;  // days from 0000-03-01
  int64_t era = FloorDiv(z, 146097);
  int64_t doe = z - era * 146097;                                       // [0, 146096]
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  int64_t mp = (5 * doy + 2) / 153;                                     // March = 0
  int32_t day = static_cast<int32_t>(doy - (153 * mp + 2) / 5 + 1);
  int32_t month = static_cast<int32_t>(mp < 10 ? mp + 3 : mp - 9);
  return CivilDate{yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

inline constexpr int64_t DaysFromCivil(int64_t year, int32_t month, int32_t day) {
  year -= month <= 2 ? 1 : 0;
  int64_t era = FloorDiv(year, 400);
  int64_t yoe = year - era * 400;
  int64_t mp = month > 2 ? month - 3 : month + 9;
  int64_t doy = (153 * mp + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

inline bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

inline int32_t DaysInMonth(int64_t year, int32_t month) {
  static constexpr int32_t kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// "2017-11-16"; years outside 0..9999 get a sign as in ISO-8601's expanded form.
inline std::string FormatYear(int64_t year) {
  if (year >= 0 && year <= 9999) return fmt::format("{:04d}", year);
  return fmt::format("{}{:04d}", year < 0 ? "-" : "+", year < 0 ? -year : year);
}

inline std::string FormatDate(int64_t days) {
  CivilDate d = CivilFromDays(days);
  return fmt::format("{}-{:02d}-{:02d}", FormatYear(d.year), d.month, d.day);
}

// "22:31:08", or "22:31:08.000001" when there are microseconds (trailing zeros dropped).
inline std::string FormatTimeOfDay(int64_t micros) {
  int64_t secs = micros / kMicrosPerSecond;
  int64_t frac = micros % kMicrosPerSecond;
  std::string s = fmt::format("{:02d}:{:02d}:{:02d}", secs / 3600, secs / 60 % 60, secs % 60);
  if (frac != 0) {
    std::string f = fmt::format("{:06d}", frac);
    while (f.back() == '0') f.pop_back();
    s += "." + f;
  }
  return s;
}

inline std::string FormatTimestamp(int64_t micros, bool with_zone) {
  int64_t days = FloorDiv(micros, kMicrosPerDay);
  std::string s = FormatDate(days) + "T" + FormatTimeOfDay(FloorMod(micros, kMicrosPerDay));
  return with_zone ? s + "+00:00" : s;
}

// Parses exactly `width` digits (or, with width 0, one or more) at the front of `s`.
inline bool TakeDigits(std::string_view& s, size_t width, int64_t& out) {
  size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9' && (width == 0 || n < width)) ++n;
  if (n == 0 || (width != 0 && n != width)) return false;
  std::from_chars(s.data(), s.data() + n, out);
  s.remove_prefix(n);
  return true;
}

inline bool TakeChar(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

// Reads "[+-]YYYY" (four or more digits) from the front of `s`.
inline bool TakeYear(std::string_view& s, int64_t& year) {
  bool negative = TakeChar(s, '-');
  if (!negative) TakeChar(s, '+');
  size_t digits = 0;
  while (digits < s.size() && s[digits] >= '0' && s[digits] <= '9') ++digits;
  if (digits < 4) return false;
  if (!TakeDigits(s, digits, year)) return false;
  if (negative) year = -year;
  return true;
}

// "YYYY-MM-DD" to days from the epoch; nullopt when malformed or not a real date.
inline std::optional<int64_t> ParseDate(std::string_view s) {
  int64_t y = 0, m = 0, d = 0;
  if (!TakeYear(s, y) || !TakeChar(s, '-') || !TakeDigits(s, 2, m) || !TakeChar(s, '-') ||
      !TakeDigits(s, 2, d) || !s.empty()) {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, static_cast<int32_t>(m))) return std::nullopt;
  return DaysFromCivil(y, static_cast<int32_t>(m), static_cast<int32_t>(d));
}

// "HH:MM:SS[.ffffff]" to microseconds from midnight.
inline std::optional<int64_t> ParseTimeOfDay(std::string_view s) {
  int64_t h = 0, m = 0, sec = 0, frac = 0;
  if (!TakeDigits(s, 2, h) || !TakeChar(s, ':') || !TakeDigits(s, 2, m) || !TakeChar(s, ':') ||
      !TakeDigits(s, 2, sec)) {
    return std::nullopt;
  }
  if (TakeChar(s, '.')) {
    size_t n = 0;
    while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
    if (n == 0 || n > 6) return std::nullopt;
    std::string digits(s.substr(0, n));
    digits.resize(6, '0');
    frac = std::stoll(digits);
    s.remove_prefix(n);
  }
  if (!s.empty() || h > 23 || m > 59 || sec > 59) return std::nullopt;
  return ((h * 60 + m) * 60 + sec) * kMicrosPerSecond + frac;
}

// "YYYY-MM-DDTHH:MM:SS[.ffffff]" with "+00:00" (or "Z") required exactly when `with_zone`.
inline std::optional<int64_t> ParseTimestamp(std::string_view s, bool with_zone) {
  size_t t = s.find('T');
  if (t == std::string_view::npos) return std::nullopt;
  std::string_view time = s.substr(t + 1);
  if (with_zone) {
    if (time.ends_with("+00:00")) {
      time.remove_suffix(6);
    } else if (time.ends_with("Z")) {
      time.remove_suffix(1);
    } else {
      return std::nullopt;
    }
  }
  auto days = ParseDate(s.substr(0, t));
  auto micros = ParseTimeOfDay(time);
  if (!days || !micros) return std::nullopt;
  return *days * kMicrosPerDay + *micros;
}

}  // namespace floe::iceberg::internal
