#include "floe/io_manager/partition_filter.h"

#include <fmt/format.h>

#include <vector>

#include "floe/iceberg/temporal_internal.h"

namespace floe::iceberg {
namespace {

using internal::kMicrosPerDay;
using internal::kMicrosPerHour;

bool IsTimeTransform(TransformKind k) {
  return k == TransformKind::kYear || k == TransformKind::kMonth || k == TransformKind::kDay ||
         k == TransformKind::kHour;
}

bool IsTemporal(TypeId id) {
  return id == TypeId::kDate || id == TypeId::kTimestamp || id == TypeId::kTimestampTz ||
         id == TypeId::kTimestampNs || id == TypeId::kTimestampTzNs;
}

// A partition key's text as an instant (microseconds, UTC): "YYYY", "YYYY-MM", "YYYY-MM-DD",
// "YYYY-MM-DD-HH", "YYYY-MM-DD-HH:MM" (Dagster's hourly keys) or an ISO timestamp with or
// without a zone.
std::optional<int64_t> ParseInstant(std::string_view s) {
  if (auto days = internal::ParseDate(s)) return *days * kMicrosPerDay;
  if (auto us = internal::ParseTimestamp(s, true)) return *us;
  if (auto us = internal::ParseTimestamp(s, false)) return *us;
  std::string_view rest = s;
  int64_t year = 0, month = 0, hour = 0, minute = 0;
  if (!internal::TakeYear(rest, year)) return std::nullopt;
  if (rest.empty()) return internal::DaysFromCivil(year, 1, 1) * kMicrosPerDay;
  if (!internal::TakeChar(rest, '-') || !internal::TakeDigits(rest, 2, month) || month < 1 ||
      month > 12) {
    return std::nullopt;
  }
  if (rest.empty()) {
    return internal::DaysFromCivil(year, static_cast<int32_t>(month), 1) * kMicrosPerDay;
  }
  // "YYYY-MM-DD-HH[:MM]"
  if (s.size() < 10) return std::nullopt;
  auto days = internal::ParseDate(s.substr(0, 10));
  rest = s.substr(10);
  if (!days || !internal::TakeChar(rest, '-') || !internal::TakeDigits(rest, 2, hour) ||
      hour > 23) {
    return std::nullopt;
  }
  if (internal::TakeChar(rest, ':') && (!internal::TakeDigits(rest, 2, minute) || minute > 59)) {
    return std::nullopt;
  }
  if (!rest.empty()) return std::nullopt;
  return *days * kMicrosPerDay + hour * kMicrosPerHour + minute * 60'000'000;
}

// The period of `kind` that starts at `key`'s instant.
Result<TimeWindow> PeriodOf(const std::string& key, TransformKind kind, const std::string& column) {
  auto start = ParseInstant(key);
  const char* unit = kind == TransformKind::kYear    ? "year"
                     : kind == TransformKind::kMonth ? "month"
                     : kind == TransformKind::kDay   ? "day"
                                                     : "hour";
  if (!start) {
    return InvalidArgument("partition key '{}' is not a {} of column '{}' (expected {})", key, unit,
                           column,
                           kind == TransformKind::kYear    ? "YYYY"
                           : kind == TransformKind::kMonth ? "YYYY-MM or YYYY-MM-01"
                           : kind == TransformKind::kDay   ? "YYYY-MM-DD"
                                                         : "YYYY-MM-DD-HH:00 or an ISO timestamp");
  }
  const int64_t day = internal::FloorDiv(*start, kMicrosPerDay);
  const internal::CivilDate civil = internal::CivilFromDays(day);
  const bool midnight = internal::FloorMod(*start, kMicrosPerDay) == 0;
  int64_t end = 0;
  bool aligned = false;
  switch (kind) {
    case TransformKind::kHour:
      aligned = internal::FloorMod(*start, kMicrosPerHour) == 0;
      end = *start + kMicrosPerHour;
      break;
    case TransformKind::kDay:
      aligned = midnight;
      end = *start + kMicrosPerDay;
      break;
    case TransformKind::kMonth:
      aligned = midnight && civil.day == 1;
      end = (civil.month == 12 ? internal::DaysFromCivil(civil.year + 1, 1, 1)
                               : internal::DaysFromCivil(civil.year, civil.month + 1, 1)) *
            kMicrosPerDay;
      break;
    default:
      aligned = midnight && civil.day == 1 && civil.month == 1;
      end = internal::DaysFromCivil(civil.year + 1, 1, 1) * kMicrosPerDay;
      break;
  }
  if (!aligned) {
    return InvalidArgument(
        "partition key '{}' is not the start of a {} (column '{}' is partitioned "
        "by {})",
        key, unit, column, unit);
  }
  return TimeWindow{*start, end};
}

Result<ExprPtr> WindowFilter(const std::string& column, const Type& type, const TimeWindow& w) {
  auto range = [&](Literal lo, Literal hi) {
    return And(GreaterThanOrEqual(column, std::move(lo)), LessThan(column, std::move(hi)));
  };
  switch (type.id()) {
    case TypeId::kTimestampTz:
      return range(Literal::TimestampTz(w.start_us), Literal::TimestampTz(w.end_us));
    case TypeId::kTimestamp:
      return range(Literal::Timestamp(w.start_us), Literal::Timestamp(w.end_us));
    case TypeId::kTimestampTzNs:
      return range(Literal::TimestampTzNs(w.start_us * 1000),
                   Literal::TimestampTzNs(w.end_us * 1000));
    case TypeId::kTimestampNs:
      return range(Literal::TimestampNs(w.start_us * 1000), Literal::TimestampNs(w.end_us * 1000));
    case TypeId::kDate:
      if (internal::FloorMod(w.start_us, kMicrosPerDay) != 0 ||
          internal::FloorMod(w.end_us, kMicrosPerDay) != 0) {
        return InvalidArgument(
            "time window {} does not start and end at midnight, as it must for "
            "the date column '{}'",
            w.ToString(), column);
      }
      return range(Literal::Date(static_cast<int32_t>(w.start_us / kMicrosPerDay)),
                   Literal::Date(static_cast<int32_t>(w.end_us / kMicrosPerDay)));
    default:
      return InvalidArgument(
          "partition column '{}' is {}, not a date or timestamp: it cannot take "
          "a time window",
          column, type.ToString());
  }
}

std::string DescribeSpec(const Schema& schema, const PartitionSpec& spec) {
  if (spec.fields().empty()) return "the table is unpartitioned";
  std::string out = "the table is partitioned by ";
  for (size_t i = 0; i < spec.fields().size(); ++i) {
    const auto& f = spec.fields()[i];
    if (i > 0) out += ", ";
    out += fmt::format("{}({})", f.transform().ToString(), schema.FindColumnName(f.source_id()));
  }
  return out;
}

}  // namespace

Result<PartitionFilter> PartitionRowFilter(const PartitionKey& key, const Schema& schema,
                                           const PartitionSpec& spec,
                                           const std::optional<std::string>& column) {
  const bool is_window = std::holds_alternative<TimeWindow>(key);
  // The spec fields on the chosen column (or candidates for it).
  const PartitionField* field = nullptr;
  std::string name;
  TypePtr type;
  if (column) {
    auto found = schema.FindFieldByName(*column);
    if (!found) {
      return InvalidArgument("partition column '{}' is not in the table schema", *column);
    }
    name = *column;
    type = (*found)->type();
    for (const auto& f : spec.fields()) {
      if (f.source_id() != (*found)->id()) continue;
      if (field == nullptr || IsTimeTransform(f.transform().kind())) field = &f;
    }
  } else {
    std::vector<const PartitionField*> identity, time;
    for (const auto& f : spec.fields()) {
      if (f.transform().kind() == TransformKind::kIdentity) {
        const NestedField* src = schema.FindFieldById(f.source_id());
        if (!is_window || (src != nullptr && IsTemporal(src->type()->id()))) identity.push_back(&f);
      } else if (IsTimeTransform(f.transform().kind())) {
        time.push_back(&f);
      }
    }
    const auto& first = is_window ? time : identity;
    const auto& second = is_window ? identity : time;
    if (first.size() == 1) {
      field = first[0];
    } else if (first.empty() && second.size() == 1) {
      field = second[0];
    } else {
      return InvalidArgument(
          "cannot tell which column partition key '{}' applies to ({}): set the "
          "partition column",
          PartitionKeyText(key), DescribeSpec(schema, spec));
    }
    name = schema.FindColumnName(field->source_id());
    const NestedField* src = schema.FindFieldById(field->source_id());
    if (src == nullptr) {
      return InvalidArgument("partition field {} names column id {}, which the schema lacks",
                             field->name(), field->source_id());
    }
    type = src->type();
  }

  PartitionFilter out{nullptr, name};
  if (const auto* window = std::get_if<TimeWindow>(&key)) {
    FLOE_ASSIGN_OR_RETURN(out.filter, WindowFilter(name, *type, *window));
    return out;
  }
  const std::string& value = std::get<std::string>(key);
  if (field != nullptr && IsTimeTransform(field->transform().kind())) {
    FLOE_ASSIGN_OR_RETURN(TimeWindow period, PeriodOf(value, field->transform().kind(), name));
    FLOE_ASSIGN_OR_RETURN(out.filter, WindowFilter(name, *type, period));
    return out;
  }
  out.filter = Equal(name, Literal::String(value));
  return out;
}

}  // namespace floe::iceberg
