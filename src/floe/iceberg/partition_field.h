// PartitionField: one field of a partition spec: the source column (by id), the partition
// field's own id (1000 and up, unique across a table's specs), its name, and the transform that
// makes partition values from source values. Immutable.
//
// JSON (spec Appendix C): {"source-id": 4, "field-id": 1000, "name": "ts_day",
// "transform": "day"}. Format v1 specs may omit "field-id"; the reader then passes the id to
// use (1000 + position, as the reference implementation assigned them). v3's "source-ids" is
// read when it holds a single id; multi-argument transforms are refused with NotSupported.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "floe/core/result.h"
#include "floe/iceberg/transform.h"

namespace floe::iceberg {

class PartitionField {
 public:
  PartitionField(int32_t source_id, int32_t field_id, std::string name, Transform transform)
      : source_id_(source_id),
        field_id_(field_id),
        name_(std::move(name)),
        transform_(std::move(transform)) {}

  // `default_field_id` is used when the JSON has no "field-id" (format v1).
  static Result<PartitionField> FromJson(const nlohmann::json& json,
                                         std::optional<int32_t> default_field_id = std::nullopt);
  nlohmann::json ToJson() const;

  int32_t source_id() const { return source_id_; }
  int32_t field_id() const { return field_id_; }
  const std::string& name() const { return name_; }
  const Transform& transform() const { return transform_; }

  // "1000: ts_day: day(4)"
  std::string ToString() const;
  bool operator==(const PartitionField& other) const = default;

 private:
  int32_t source_id_;
  int32_t field_id_;
  std::string name_;
  Transform transform_;
};

// Reads "source-id", or a single-element "source-ids" (format v3). Shared with sort fields.
Result<int32_t> SourceIdFromJson(const nlohmann::json& json, std::string_view what);

}  // namespace floe::iceberg
