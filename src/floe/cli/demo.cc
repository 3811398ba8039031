#include "floe/cli/demo.h"

#include <filesystem>

#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "floe/core/retry_policy.h"
#include "floe/iceberg/partition_transform.h"
#include "floe/iceberg/table_identifier.h"
#include "floe/io_manager/io_manager_config.h"

namespace floe::cli {
namespace {

using iceberg::IcebergIOManagerConfig;
using iceberg::PartitionTransform;
using iceberg::PartitionTransformType;
using iceberg::TableIdentifier;

}  // namespace

Status RunDemo(const DemoOptions& options, std::ostream& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path warehouse = fs::absolute(options.warehouse, ec);
  if (ec) return IoError("cannot resolve warehouse path '{}': {}", options.warehouse, ec.message());
  fs::create_directories(warehouse, ec);
  if (ec) return IoError("cannot create warehouse '{}': {}", warehouse.string(), ec.message());
  const std::string catalog_uri = "sqlite:///" + (warehouse / "catalog.db").string();

  FLOE_ASSIGN_OR_RETURN(auto config,
                        IcebergIOManagerConfig::Make({.catalog_uri = catalog_uri,
                                                      .warehouse = warehouse.string(),
                                                      .default_namespace = "demo"}));

  // The demo pipeline's assets and the tables they map to.
  struct Asset {
    std::vector<std::string> key;
    std::vector<PartitionTransform::Fields> partitioning;
  };
  const std::vector<Asset> assets = {
      {{"bronze", "raw_events"},
       {{.source_column = "ts", .transform_type = PartitionTransformType::kDay},
        {.source_column = "id", .transform_type = PartitionTransformType::kBucket, .num_buckets = 16}}},
      {{"silver", "events", "clean"}, {}},
      {{"daily_totals"}, {}},
  };

  nlohmann::json report;
  report["config"] = config.ToJson();
  for (const auto& asset : assets) {
    FLOE_ASSIGN_OR_RETURN(auto id, TableIdentifier::FromAssetKey(asset.key, config.default_namespace()));
    nlohmann::json a{{"asset_key", asset.key}, {"table", id.full_name()}};
    a["partition_by"] = nlohmann::json::array();
    for (const auto& fields : asset.partitioning) {
      FLOE_ASSIGN_OR_RETURN(auto t, PartitionTransform::Make(fields));
      a["partition_by"].push_back(
          fmt::format("{}({}) as {}", t.iceberg_transform(), t.source_column(), t.field_name()));
    }
    report["assets"].push_back(a);
  }
  ManualClock clock;
  FixedRandom no_jitter(0.0);
  RetryPolicy policy(config.retry(), &clock, &no_jitter);
  for (int retry = 1; retry < config.retry().max_attempts(); ++retry) {
    report["commit_retry_backoff_seconds"].push_back(
        std::chrono::duration<double>(policy.Backoff(retry)).count());
  }

  if (options.json) {
    out << report.dump(2) << "\n";
    return OkStatus();
  }
  fmt::print(out, "floe demo: embedded catalog at {}\n", catalog_uri);
  fmt::print(out, "warehouse: {}\n\n", warehouse.string());
  fmt::print(out, "IO manager configuration:\n  {}\n\n", config.ToString());
  fmt::print(out, "Assets and their tables:\n");
  for (const auto& a : report["assets"]) {
    fmt::print(out, "  {:<32} -> {}", a["asset_key"].dump(), a["table"].get<std::string>());
    for (const auto& p : a["partition_by"]) fmt::print(out, "  [{}]", p.get<std::string>());
    fmt::print(out, "\n");
  }
  fmt::print(out, "\nCommit conflicts retry after (without jitter): {} s\n",
             report["commit_retry_backoff_seconds"].dump());
  return OkStatus();
}

}  // namespace floe::cli
