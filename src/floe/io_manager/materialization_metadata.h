// MaterializationMetadata: what the IO manager reports after writing an asset (the seed's
// model): the table, rows written, the snapshot floe committed, the write mode, the partition
// key of a partitioned write, and whether the table's schema evolved.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "floe/core/result.h"
#include "floe/io_manager/io_manager_config.h"

namespace floe::iceberg {

class MaterializationMetadata {
 public:
  struct Fields {
    std::string table{};
    int64_t num_rows = 0;
    int64_t snapshot_id = 0;
    WriteMode write_mode = WriteMode::kAppend;
    std::optional<std::string> partition_key{};
    bool schema_evolved = false;
    bool operator==(const Fields&) const = default;
  };

  // Checks num_rows >= 0 and a non-empty table.
  static Result<MaterializationMetadata> Make(Fields fields);
  static Result<MaterializationMetadata> FromJson(const nlohmann::json& json);
  static Result<MaterializationMetadata> FromYaml(std::string_view yaml);

  const std::string& table() const { return f_.table; }
  int64_t num_rows() const { return f_.num_rows; }
  int64_t snapshot_id() const { return f_.snapshot_id; }
  WriteMode write_mode() const { return f_.write_mode; }
  const std::optional<std::string>& partition_key() const { return f_.partition_key; }
  bool schema_evolved() const { return f_.schema_evolved; }

  nlohmann::json ToJson() const;
  std::string ToString() const;
  bool operator==(const MaterializationMetadata& other) const = default;

 private:
  explicit MaterializationMetadata(Fields fields) : f_(std::move(fields)) {}
  Fields f_;
};

std::ostream& operator<<(std::ostream& os, const MaterializationMetadata& m);

}  // namespace floe::iceberg
