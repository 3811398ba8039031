// Scalar values as text: the parsers and formatters the CSV and JSONL readers, writers and the
// table printer share.
//
// Text forms (what the writers produce; the parsers accept them and a little more):
//   boolean     true | false            (parser: any case, and 1 | 0)
//   int         [+-]digits              (parser: surrounding spaces allowed)
//   float       shortest round-trip decimal, NaN, Infinity, -Infinity (parser: also inf, nan)
//   decimal     [-]digits[.digits], exactly `scale` fraction digits
//   date        YYYY-MM-DD
//   time        HH:MM:SS.ffffff          (parser: seconds and fraction optional)
//   timestamp   YYYY-MM-DDTHH:MM:SS.ffffff, with a Z suffix when UTC-adjusted (parser: 'T' or
//               ' ' between date and time, fraction of 1-9 digits truncated to microseconds,
//               offsets Z, +hh:mm, +hhmm or +hh; a bare date means midnight)
//   binary      lowercase hex (CSV, table) or base64 (JSONL)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "floe/columnar/array_builder.h"
#include "floe/columnar/decimal128.h"
#include "floe/columnar/type.h"

namespace floe::text::internal {

std::string_view TrimSpaces(std::string_view s);
// ASCII case-insensitive equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

bool ParseBool(std::string_view s, bool* out);
bool ParseInt32(std::string_view s, int32_t* out);
bool ParseInt64(std::string_view s, int64_t* out);
bool ParseFloat(std::string_view s, float* out);
bool ParseDouble(std::string_view s, double* out);

enum class DecimalParse { kOk, kSyntax, kTooManyFractionDigits, kOutOfRange };
// REQUIRES: 1 <= precision <= 38, 0 <= scale <= precision.
DecimalParse ParseDecimal(std::string_view s, int32_t precision, int32_t scale,
                          columnar::Decimal128* out);

// Days since 1970-01-01.
bool ParseDate(std::string_view s, int32_t* out);
// Microseconds since midnight.
bool ParseTime(std::string_view s, int64_t* out);

struct ParsedTimestamp {
  int64_t micros = 0;       // since the epoch; UTC when has_offset, else wall-clock
  bool has_offset = false;  // a Z or +hh:mm suffix was given (and applied)
  bool date_only = false;   // the text was a bare date
};
bool ParseTimestamp(std::string_view s, ParsedTimestamp* out);

// Appenders of the writers' text forms.
void AppendDate(int32_t days, std::string* out);
void AppendTime(int64_t micros, std::string* out);
// `utc` adds the Z suffix.
void AppendTimestamp(int64_t micros, bool utc, std::string* out);
void AppendDecimal(columnar::Decimal128 value, int32_t scale, std::string* out);
// Shortest text that reads back to the same value; NaN, Infinity, -Infinity.
void AppendDouble(double v, std::string* out);
void AppendFloat(float v, std::string* out);

void AppendHex(std::string_view bytes, std::string* out);
bool DecodeHex(std::string_view hex, std::string* out);
void AppendBase64(std::string_view bytes, std::string* out);
bool DecodeBase64(std::string_view b64, std::string* out);

// "an int64", "a double", "a decimal128(10, 2)": the type named in "is not ..." messages.
std::string TypeNoun(const columnar::DataType& type);

// Parses `text` as a value of the scalar `type` in the text forms above (binary as hex, unless
// `base64`) and appends it to `builder` (as MakeBuilder made it for `type`). On failure returns
// false with *problem set to the reason, e.g. "is not a double". REQUIRES: type is not nested.
bool AppendScalarText(std::string_view text, const columnar::DataType& type,
                      columnar::ArrayBuilder& builder, bool base64, std::string* problem);

// Infers a column's type from its text values, narrowest first: (int64, float64, boolean
// (true/false only), when numbers_and_booleans) then date, timestamp (UTC when every value has an
// offset, without zone when none has; mixed is string; dates mixed with timestamps give
// timestamp), else string. Null values are not observed; a column with none is string.
class TextTypeGuess {
 public:
  explicit TextTypeGuess(bool numbers_and_booleans)
      : can_int_(numbers_and_booleans),
        can_double_(numbers_and_booleans),
        can_bool_(numbers_and_booleans) {}

  void Observe(std::string_view value);
  columnar::DataType Decide() const;

 private:
  bool any_ = false;
  bool can_int_;
  bool can_double_;
  bool can_bool_;
  bool can_date_ = true;
  bool can_timestamp_ = true;
  bool seen_offset_ = false;
  bool seen_no_offset_ = false;
};

// `s` quoted for an error message on one line: "..." with quotes, backslashes and control
// characters escaped, cut after about 80 bytes.
std::string QuoteForMessage(std::string_view s);

}  // namespace floe::text::internal
