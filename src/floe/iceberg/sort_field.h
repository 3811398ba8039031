// SortField: one key of a sort order: a transform of a source column, ascending or descending,
// with nulls first or last (spec "Sorting"). Immutable.
//
// JSON: {"transform": "identity", "source-id": 2, "direction": "asc", "null-order": "nulls-first"}
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "floe/core/result.h"
#include "floe/iceberg/transform.h"

namespace floe::iceberg {

enum class SortDirection : uint8_t { kAsc, kDesc };
enum class NullOrder : uint8_t { kNullsFirst, kNullsLast };

std::string_view SortDirectionName(SortDirection d);  // "asc", "desc"
std::string_view NullOrderName(NullOrder n);          // "nulls-first", "nulls-last"

class SortField {
 public:
  SortField(int32_t source_id, Transform transform, SortDirection direction, NullOrder null_order)
      : source_id_(source_id),
        transform_(std::move(transform)),
        direction_(direction),
        null_order_(null_order) {}

  static Result<SortField> FromJson(const nlohmann::json& json);
  nlohmann::json ToJson() const;

  int32_t source_id() const { return source_id_; }
  const Transform& transform() const { return transform_; }
  SortDirection direction() const { return direction_; }
  NullOrder null_order() const { return null_order_; }

  // "identity(2) asc nulls-first"
  std::string ToString() const;
  bool operator==(const SortField& other) const = default;

 private:
  int32_t source_id_;
  Transform transform_;
  SortDirection direction_;
  NullOrder null_order_;
};

}  // namespace floe::iceberg
