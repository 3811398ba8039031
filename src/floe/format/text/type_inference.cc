#include "floe/format/text/text_values_internal.h"

namespace floe::text::internal {

void TextTypeGuess::Observe(std::string_view value) {
  any_ = true;
  if (can_int_) {
    int64_t v = 0;
    can_int_ = ParseInt64(value, &v);
  }
  if (can_double_) {
    double v = 0;
    can_double_ = ParseDouble(value, &v);
  }
  if (can_bool_) {
    std::string_view t = TrimSpaces(value);
    can_bool_ = EqualsIgnoreCase(t, "true") || EqualsIgnoreCase(t, "false");
  }
  if (can_date_ || can_timestamp_) {
    ParsedTimestamp ts;
    if (!ParseTimestamp(value, &ts)) {
      can_date_ = false;
      can_timestamp_ = false;
    } else {
      if (!ts.date_only) {
        can_date_ = false;
        (ts.has_offset ? seen_offset_ : seen_no_offset_) = true;
      }
      if (seen_offset_ && seen_no_offset_) can_timestamp_ = false;
    }
  } else {
    can_date_ = false;
  }
}

columnar::DataType TextTypeGuess::Decide() const {
  using columnar::DataType;
  if (!any_) return DataType::String();
  if (can_int_) return DataType::Int64();
  if (can_double_) return DataType::Float64();
  if (can_bool_) return DataType::Boolean();
  if (can_date_) return DataType::Date32();
  if (can_timestamp_) return DataType::Timestamp(seen_offset_ ? "UTC" : "");
  return DataType::String();
}

}  // namespace floe::text::internal
