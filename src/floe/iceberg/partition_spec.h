// PartitionSpec: how a table's rows map to partitions (spec "Partitioning"): a spec id and a
// list of partition fields. Immutable. Make checks the spec against a schema (each source column
// exists, is a primitive outside lists and maps, and its type is accepted by the transform;
// partition field ids and names are unique). FromJson checks only the spec itself, because a
// table's older specs may name columns that its current schema dropped; call Validate(schema)
// where the schema is known.
//
//   FLOE_ASSIGN_OR_RETURN(auto spec, PartitionSpec::Make(schema, 0, {
//       PartitionField(4, 1000, "ts_day", Transform::Day()),
//       PartitionField(1, 1001, "id_bucket", bucket16)}));
//   FLOE_ASSIGN_OR_RETURN(auto path, spec.PartitionPath({Literal::Date(19723), Literal::Int(3)}));
//   // "ts_day=2024-01-01/id_bucket=3"
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "floe/core/result.h"
#include "floe/iceberg/literal.h"
#include "floe/iceberg/partition_field.h"
#include "floe/iceberg/schema.h"

namespace floe::iceberg {

class PartitionSpec {
 public:
  static constexpr int32_t kInitialSpecId = 0;
  // Partition field ids start here (and v1 specs numbered their fields from here).
  static constexpr int32_t kFirstFieldId = 1000;

  static Result<PartitionSpec> Make(const Schema& schema, int32_t spec_id,
                                    std::vector<PartitionField> fields);
  // Checks only what needs no schema: unique, non-empty names and unique field ids.
  static Result<PartitionSpec> MakeUnchecked(int32_t spec_id, std::vector<PartitionField> fields);
  // Spec id 0, no fields.
  static PartitionSpec Unpartitioned();

  // {"spec-id": 0, "fields": [...]}.
  static Result<PartitionSpec> FromJson(const nlohmann::json& json);
  // The bare field list of v1 metadata's "partition-spec", with ids defaulting to 1000, 1001...
  static Result<PartitionSpec> FromFieldsJson(int32_t spec_id, const nlohmann::json& fields);
  nlohmann::json ToJson() const;
  nlohmann::json FieldsToJson() const;

  int32_t spec_id() const { return spec_id_; }
  const std::vector<PartitionField>& fields() const { return fields_; }
  // No fields, or only void ones.
  bool is_unpartitioned() const;
  // The highest partition field id, or kFirstFieldId - 1 when there are none.
  int32_t last_assigned_field_id() const;

  Status Validate(const Schema& schema) const;

  // The struct of partition values: one optional field per partition field, with the partition
  // field's id and name and the transform's result type (string for unknown transforms).
  Result<std::shared_ptr<const StructType>> PartitionType(const Schema& schema) const;

  // "ts_day=2024-01-01/id_bucket=3": each field's name and the human string of its value, both
  // escaped as in an HTML form (letters, digits and ".-*_" kept, space as "+", other bytes
  // "%XX"). REQUIRES: one value per field, each a result of the field's transform.
  Result<std::string> PartitionPath(const std::vector<Literal>& values) const;

  // The inverse of PartitionPath: one value per field, read with each field's transform from
  // the source column types in `schema`. The names must be the spec's, in order.
  Result<std::vector<Literal>> ParsePartitionPath(std::string_view path,
                                                  const Schema& schema) const;

  // Same fields (source ids, transforms, names; field ids too) under any spec id.
  bool CompatibleWith(const PartitionSpec& other) const { return fields_ == other.fields_; }
  bool operator==(const PartitionSpec& other) const = default;
  std::string ToString() const;

 private:
  PartitionSpec(int32_t spec_id, std::vector<PartitionField> fields)
      : spec_id_(spec_id), fields_(std::move(fields)) {}

  int32_t spec_id_;
  std::vector<PartitionField> fields_;
};

// application/x-www-form-urlencoded escaping, as Java's URLEncoder with UTF-8.
std::string EscapePartitionPathPart(std::string_view text);
// The inverse: "+" is a space, "%XX" a byte. InvalidArgument on a malformed escape.
Result<std::string> UnescapePartitionPathPart(std::string_view text);

}  // namespace floe::iceberg
