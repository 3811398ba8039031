#include "floe/iceberg/partition_field.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "floe/iceberg/json_internal.h"

namespace floe::iceberg {

Result<int32_t> SourceIdFromJson(const nlohmann::json& json, std::string_view what) {
  using namespace internal;  // NOLINT
  FLOE_RETURN_IF_ERROR(ExpectObject(json, what));
  if (HasNonNull(json, "source-id")) return GetInt32(json, what, "source-id");
  if (HasNonNull(json, "source-ids")) {
    FLOE_ASSIGN_OR_RETURN(const nlohmann::json* ids, GetArray(json, what, "source-ids"));
    if (ids->size() != 1) {
      return NotSupported("{}: transforms of {} source columns are not supported", what,
                          ids->size());
    }
    return AsInt32((*ids)[0], what, "source-ids");
  }
  return InvalidArgument("{}: missing required field 'source-id'", what);
}

Result<PartitionField> PartitionField::FromJson(const nlohmann::json& json,
                                                std::optional<int32_t> default_field_id) {
  using namespace internal;  // NOLINT
  constexpr std::string_view kWhat = "partition field";
  FLOE_ASSIGN_OR_RETURN(int32_t source_id, SourceIdFromJson(json, kWhat));
  int32_t field_id = 0;
  if (default_field_id && !HasNonNull(json, "field-id")) {
    field_id = *default_field_id;
  } else {
    FLOE_ASSIGN_OR_RETURN(field_id, GetInt32(json, kWhat, "field-id"));
  }
  FLOE_ASSIGN_OR_RETURN(std::string name, GetString(json, kWhat, "name"));
  FLOE_ASSIGN_OR_RETURN(std::string transform_text, GetString(json, kWhat, "transform"));
  auto transform = Transform::FromString(transform_text);
  if (!transform) return transform.error().WithContext(fmt::format("partition field '{}'", name));
  return PartitionField(source_id, field_id, std::move(name), std::move(*transform));
}

nlohmann::json PartitionField::ToJson() const {
  return nlohmann::json{{"source-id", source_id_},
                        {"field-id", field_id_},
                        {"name", name_},
                        {"transform", transform_.ToString()}};
}

std::string PartitionField::ToString() const {
  return fmt::format("{}: {}: {}({})", field_id_, name_, transform_.ToString(), source_id_);
}

}  // namespace floe::iceberg
