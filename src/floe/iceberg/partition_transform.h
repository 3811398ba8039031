// PartitionTransformType and PartitionTransform: how a user asks for a table to be partitioned
// (the seed's model): a source column, a transform, its parameter (num_buckets for BUCKET,
// width for TRUNCATE) and an optional partition field name.
//
// Make checks the seed's rules (BUCKET needs num_buckets >= 1, TRUNCATE needs width >= 1) and
// refuses a parameter the transform does not take, which is always a mistake. The spec-level
// transform (bucket[N], truncate[W], ...) is what iceberg_transform() gives.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "floe/core/result.h"

namespace floe::iceberg {

enum class PartitionTransformType { kIdentity, kDay, kMonth, kYear, kHour, kBucket, kTruncate };

// "identity", "day", "month", "year", "hour", "bucket", "truncate".
std::string_view PartitionTransformTypeName(PartitionTransformType t);
Result<PartitionTransformType> ParsePartitionTransformType(std::string_view s);

class PartitionTransform {
 public:
  struct Fields {
    std::string source_column{};
    PartitionTransformType transform_type = PartitionTransformType::kIdentity;
    std::optional<int> num_buckets{};
    std::optional<int> width{};
    std::optional<std::string> name{};
    bool operator==(const Fields&) const = default;
  };

  static Result<PartitionTransform> Make(Fields fields);
  static Result<PartitionTransform> FromJson(const nlohmann::json& json);
  static Result<PartitionTransform> FromYaml(std::string_view yaml);

  const std::string& source_column() const { return f_.source_column; }
  PartitionTransformType transform_type() const { return f_.transform_type; }
  const std::optional<int>& num_buckets() const { return f_.num_buckets; }
  const std::optional<int>& width() const { return f_.width; }
  const std::optional<std::string>& name() const { return f_.name; }

  // The partition field's name: the custom name, else Iceberg's usual one ("ts_day",
  // "id_bucket", "name_trunc", or the source column for identity).
  std::string field_name() const;
  // The spec's transform string: "identity", "day", "bucket[16]", "truncate[4]", ...
  std::string iceberg_transform() const;

  nlohmann::json ToJson() const;
  std::string ToString() const;
  bool operator==(const PartitionTransform& other) const = default;

 private:
  explicit PartitionTransform(Fields fields) : f_(std::move(fields)) {}
  Fields f_;
};

std::ostream& operator<<(std::ostream& os, const PartitionTransform& t);

}  // namespace floe::iceberg
