#include "floe/iceberg/sort_field.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "floe/iceberg/json_internal.h"
#include "floe/iceberg/partition_field.h"

namespace floe::iceberg {

std::string_view SortDirectionName(SortDirection d) {
  return d == SortDirection::kAsc ? "asc" : "desc";
}

std::string_view NullOrderName(NullOrder n) {
  return n == NullOrder::kNullsFirst ? "nulls-first" : "nulls-last";
}

Result<SortField> SortField::FromJson(const nlohmann::json& json) {
  using namespace internal;  // NOLINT
  constexpr std::string_view kWhat = "sort field";
  FLOE_ASSIGN_OR_RETURN(int32_t source_id, SourceIdFromJson(json, kWhat));
  FLOE_ASSIGN_OR_RETURN(std::string transform_text, GetString(json, kWhat, "transform"));
  FLOE_ASSIGN_OR_RETURN(Transform transform, Transform::FromString(transform_text));
  FLOE_ASSIGN_OR_RETURN(std::string direction, GetString(json, kWhat, "direction"));
  FLOE_ASSIGN_OR_RETURN(std::string null_order, GetString(json, kWhat, "null-order"));
  SortDirection d;
  if (direction == "asc") {
    d = SortDirection::kAsc;
  } else if (direction == "desc") {
    d = SortDirection::kDesc;
  } else {
    return InvalidArgument("sort field: 'direction' must be \"asc\" or \"desc\", got \"{}\"",
                           direction);
  }
  NullOrder n;
  if (null_order == "nulls-first") {
    n = NullOrder::kNullsFirst;
  } else if (null_order == "nulls-last") {
    n = NullOrder::kNullsLast;
  } else {
    return InvalidArgument(
        "sort field: 'null-order' must be \"nulls-first\" or \"nulls-last\", got \"{}\"",
        null_order);
  }
  return SortField(source_id, std::move(transform), d, n);
}

nlohmann::json SortField::ToJson() const {
  return nlohmann::json{{"transform", transform_.ToString()},
                        {"source-id", source_id_},
                        {"direction", SortDirectionName(direction_)},
                        {"null-order", NullOrderName(null_order_)}};
}

std::string SortField::ToString() const {
  return fmt::format("{}({}) {} {}", transform_.ToString(), source_id_,
                     SortDirectionName(direction_), NullOrderName(null_order_));
}

}  // namespace floe::iceberg
