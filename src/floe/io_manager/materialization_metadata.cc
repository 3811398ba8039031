#include "floe/io_manager/materialization_metadata.h"

#include <nlohmann/json.hpp>

#include "floe/core/model_fields_internal.h"
#include "floe/core/yaml.h"

namespace floe::iceberg {

Result<MaterializationMetadata> MaterializationMetadata::Make(Fields f) {
  if (f.table.empty()) return InvalidArgument("MaterializationMetadata.table must not be empty");
  FLOE_RETURN_IF_ERROR(
      internal::CheckAtLeast("MaterializationMetadata", "num_rows", f.num_rows, int64_t{0}));
  return MaterializationMetadata(std::move(f));
}

Result<MaterializationMetadata> MaterializationMetadata::FromJson(const nlohmann::json& json) {
  internal::ModelReader r("MaterializationMetadata", json);
  Fields f;
  std::string mode;
  r.Required("table", f.table);
  r.Required("num_rows", f.num_rows);
  r.Required("snapshot_id", f.snapshot_id);
  r.Required("write_mode", mode);
  r.Optional("partition_key", f.partition_key);
  r.Optional("schema_evolved", f.schema_evolved);
  FLOE_RETURN_IF_ERROR(r.Finish());
  auto parsed = ParseWriteMode(mode);
  if (!parsed) return parsed.error().WithContext("MaterializationMetadata.write_mode");
  f.write_mode = *parsed;
  return Make(std::move(f));
}

Result<MaterializationMetadata> MaterializationMetadata::FromYaml(std::string_view yaml) {
  return ParseYamlModel<MaterializationMetadata>(yaml);
}

nlohmann::json MaterializationMetadata::ToJson() const {
  return nlohmann::json{
      {"table", f_.table},
      {"num_rows", f_.num_rows},
      {"snapshot_id", f_.snapshot_id},
      {"write_mode", WriteModeName(f_.write_mode)},
      {"partition_key", f_.partition_key ? nlohmann::json(*f_.partition_key) : nlohmann::json(nullptr)},
      {"schema_evolved", f_.schema_evolved}};
}

std::string MaterializationMetadata::ToString() const {
  return fmt::format(
      "MaterializationMetadata(table={}, num_rows={}, snapshot_id={}, write_mode={}, "
      "partition_key={}, schema_evolved={})",
      f_.table, f_.num_rows, f_.snapshot_id, WriteModeName(f_.write_mode),
      f_.partition_key.value_or("None"), f_.schema_evolved);
}

std::ostream& operator<<(std::ostream& os, const MaterializationMetadata& m) {
  return os << m.ToString();
}

}  // namespace floe::iceberg
