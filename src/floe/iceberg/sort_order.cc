#include "floe/iceberg/sort_order.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "floe/iceberg/json_internal.h"
#include "floe/iceberg/source_column_internal.h"

namespace floe::iceberg {

Result<SortOrder> SortOrder::MakeUnchecked(int32_t order_id, std::vector<SortField> fields) {
  if (order_id < 0) return InvalidArgument("sort order id must not be negative: {}", order_id);
  if (order_id == kUnsortedOrderId && !fields.empty()) {
    return InvalidArgument("sort order id 0 is reserved for the unsorted order");
  }
  if (order_id != kUnsortedOrderId && fields.empty()) {
    return InvalidArgument("sort order {} has no fields; only order 0 may be unsorted", order_id);
  }
  return SortOrder(order_id, std::move(fields));
}

Result<SortOrder> SortOrder::Make(const Schema& schema, int32_t order_id,
                                  std::vector<SortField> fields) {
  FLOE_ASSIGN_OR_RETURN(SortOrder order, MakeUnchecked(order_id, std::move(fields)));
  FLOE_RETURN_IF_ERROR(order.Validate(schema));
  return order;
}

Status SortOrder::Validate(const Schema& schema) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    FLOE_RETURN_IF_ERROR(CheckSourceColumn(schema, fields_[i].source_id(), fields_[i].transform(),
                                           fmt::format("sort field {}", i)));
  }
  return OkStatus();
}

Result<SortOrder> SortOrder::FromJson(const nlohmann::json& json) {
  using namespace internal;  // NOLINT
  FLOE_ASSIGN_OR_RETURN(int32_t order_id, GetInt32(json, "sort order", "order-id"));
  FLOE_ASSIGN_OR_RETURN(const nlohmann::json* fields_json, GetArray(json, "sort order", "fields"));
  std::vector<SortField> fields;
  for (const auto& f : *fields_json) {
    FLOE_ASSIGN_OR_RETURN(auto field, SortField::FromJson(f));
    fields.push_back(std::move(field));
  }
  return MakeUnchecked(order_id, std::move(fields));
}

nlohmann::json SortOrder::ToJson() const {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : fields_) fields.push_back(f.ToJson());
  return nlohmann::json{{"order-id", order_id_}, {"fields", std::move(fields)}};
}

std::string SortOrder::ToString() const {
  std::string s = fmt::format("{}: [", order_id_);
  for (size_t i = 0; i < fields_.size(); ++i) s += (i > 0 ? ", " : "") + fields_[i].ToString();
  return s + "]";
}

}  // namespace floe::iceberg
