// SortOrder: how data within files is sorted (spec "Sorting"): an order id and a list of sort
// fields, applied in order. Order id 0 is reserved for the unsorted order, which has no fields.
// Immutable. Make checks the fields against a schema; FromJson checks only the order itself
// (older orders may name dropped columns), so call Validate(schema) where the schema is known.
//
//   FLOE_ASSIGN_OR_RETURN(auto order, SortOrder::Make(schema, 1, {
//       SortField(2, Transform::Identity(), SortDirection::kAsc, NullOrder::kNullsFirst)}));
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "floe/core/result.h"
#include "floe/iceberg/schema.h"
#include "floe/iceberg/sort_field.h"

namespace floe::iceberg {

class SortOrder {
 public:
  static constexpr int32_t kUnsortedOrderId = 0;

  static Result<SortOrder> Make(const Schema& schema, int32_t order_id,
                                std::vector<SortField> fields);
  // Checks the id rules only: 0 exactly when there are no fields, never negative.
  static Result<SortOrder> MakeUnchecked(int32_t order_id, std::vector<SortField> fields);
  static SortOrder Unsorted() { return SortOrder(kUnsortedOrderId, {}); }

  // {"order-id": 1, "fields": [...]}
  static Result<SortOrder> FromJson(const nlohmann::json& json);
  nlohmann::json ToJson() const;

  int32_t order_id() const { return order_id_; }
  const std::vector<SortField>& fields() const { return fields_; }
  bool is_unsorted() const { return fields_.empty(); }

  Status Validate(const Schema& schema) const;

  // Same fields under any order id.
  bool SameOrder(const SortOrder& other) const { return fields_ == other.fields_; }
  bool operator==(const SortOrder& other) const = default;
  std::string ToString() const;

 private:
  SortOrder(int32_t order_id, std::vector<SortField> fields)
      : order_id_(order_id), fields_(std::move(fields)) {}

  int32_t order_id_;
  std::vector<SortField> fields_;
};

}  // namespace floe::iceberg
