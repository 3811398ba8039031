#include "floe/iceberg/partition_transform.h"

#include <nlohmann/json.hpp>

#include "floe/core/model_fields_internal.h"
#include "floe/core/yaml.h"

namespace floe::iceberg {

std::string_view PartitionTransformTypeName(PartitionTransformType t) {
  switch (t) {
    case PartitionTransformType::kIdentity: return "identity";
    case PartitionTransformType::kDay: return "day";
    case PartitionTransformType::kMonth: return "month";
    case PartitionTransformType::kYear: return "year";
    case PartitionTransformType::kHour: return "hour";
    case PartitionTransformType::kBucket: return "bucket";
    case PartitionTransformType::kTruncate: return "truncate";
  }
  return "?";
}

Result<PartitionTransformType> ParsePartitionTransformType(std::string_view s) {
  for (auto t : {PartitionTransformType::kIdentity, PartitionTransformType::kDay,
                 PartitionTransformType::kMonth, PartitionTransformType::kYear,
                 PartitionTransformType::kHour, PartitionTransformType::kBucket,
                 PartitionTransformType::kTruncate}) {
    if (PartitionTransformTypeName(t) == s) return t;
  }
  return InvalidArgument(
      "unknown partition transform type '{}' (expected identity, day, month, year, hour, bucket "
      "or truncate)",
      s);
}

Result<PartitionTransform> PartitionTransform::Make(Fields f) {
  if (f.source_column.empty()) {
    return InvalidArgument("PartitionTransform.source_column must not be empty");
  }
  if (f.num_buckets) {
    FLOE_RETURN_IF_ERROR(
        internal::CheckAtLeast("PartitionTransform", "num_buckets", *f.num_buckets, 1));
  }
  if (f.width) FLOE_RETURN_IF_ERROR(internal::CheckAtLeast("PartitionTransform", "width", *f.width, 1));
  if (f.name && f.name->empty()) {
    return InvalidArgument("PartitionTransform.name must not be empty when given");
  }
  const bool bucket = f.transform_type == PartitionTransformType::kBucket;
  const bool truncate = f.transform_type == PartitionTransformType::kTruncate;
  if (bucket && !f.num_buckets) return InvalidArgument("num_buckets required for BUCKET transform");
  if (truncate && !f.width) return InvalidArgument("width required for TRUNCATE transform");
  if (!bucket && f.num_buckets) {
    return InvalidArgument("num_buckets applies only to BUCKET, not to {}",
                           PartitionTransformTypeName(f.transform_type));
  }
  if (!truncate && f.width) {
    return InvalidArgument("width applies only to TRUNCATE, not to {}",
                           PartitionTransformTypeName(f.transform_type));
  }
  return PartitionTransform(std::move(f));
}

Result<PartitionTransform> PartitionTransform::FromJson(const nlohmann::json& json) {
  internal::ModelReader r("PartitionTransform", json);
  Fields f;
  std::string type;
  r.Required("source_column", f.source_column);
  r.Required("transform_type", type);
  r.Optional("num_buckets", f.num_buckets);
  r.Optional("width", f.width);
  r.Optional("name", f.name);
  FLOE_RETURN_IF_ERROR(r.Finish());
  auto parsed = ParsePartitionTransformType(type);
  if (!parsed) return parsed.error().WithContext("PartitionTransform.transform_type");
  f.transform_type = *parsed;
  return Make(std::move(f));
}

Result<PartitionTransform> PartitionTransform::FromYaml(std::string_view yaml) {
  return ParseYamlModel<PartitionTransform>(yaml);
}

std::string PartitionTransform::field_name() const {
  if (f_.name) return *f_.name;
  switch (f_.transform_type) {
    case PartitionTransformType::kIdentity: return f_.source_column;
    case PartitionTransformType::kBucket: return f_.source_column + "_bucket";
    case PartitionTransformType::kTruncate: return f_.source_column + "_trunc";
    default:
      return fmt::format("{}_{}", f_.source_column, PartitionTransformTypeName(f_.transform_type));
  }
}

std::string PartitionTransform::iceberg_transform() const {
  switch (f_.transform_type) {
    case PartitionTransformType::kBucket: return fmt::format("bucket[{}]", *f_.num_buckets);
    case PartitionTransformType::kTruncate: return fmt::format("truncate[{}]", *f_.width);
    default: return std::string(PartitionTransformTypeName(f_.transform_type));
  }
}

nlohmann::json PartitionTransform::ToJson() const {
  auto opt = [](const auto& o) { return o ? nlohmann::json(*o) : nlohmann::json(nullptr); };
  return nlohmann::json{{"source_column", f_.source_column},
                        {"transform_type", PartitionTransformTypeName(f_.transform_type)},
                        {"num_buckets", opt(f_.num_buckets)},
                        {"width", opt(f_.width)},
                        {"name", opt(f_.name)}};
}

std::string PartitionTransform::ToString() const {
  return fmt::format("PartitionTransform({} of {} as {})", iceberg_transform(), f_.source_column,
                     field_name());
}

std::ostream& operator<<(std::ostream& os, const PartitionTransform& t) {
  return os << t.ToString();
}

}  // namespace floe::iceberg
