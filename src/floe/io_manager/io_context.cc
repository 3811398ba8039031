#include "floe/io_manager/io_context.h"

#include "floe/iceberg/temporal_internal.h"

namespace floe::iceberg {
namespace {

Result<int64_t> ParseBound(std::string_view text) {
  if (auto days = internal::ParseDate(text)) return *days * internal::kMicrosPerDay;
  if (auto us = internal::ParseTimestamp(text, true)) return *us;
  if (auto us = internal::ParseTimestamp(text, false)) return *us;
  return InvalidArgument(
      "time window bound '{}' is not YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS[.ffffff][Z|+00:00]", text);
}

}  // namespace

Result<TimeWindow> TimeWindow::FromIso(std::string_view start, std::string_view end) {
  FLOE_ASSIGN_OR_RETURN(int64_t s, ParseBound(start));
  FLOE_ASSIGN_OR_RETURN(int64_t e, ParseBound(end));
  if (s >= e)
    return InvalidArgument("time window [{}, {}) is empty: start must be before end", start, end);
  return TimeWindow{s, e};
}

std::string TimeWindow::ToString() const {
  return internal::FormatTimestamp(start_us, true) + "/" + internal::FormatTimestamp(end_us, true);
}

std::string PartitionKeyText(const PartitionKey& key) {
  if (const auto* s = std::get_if<std::string>(&key)) return *s;
  return std::get<TimeWindow>(key).ToString();
}

}  // namespace floe::iceberg
