// TableIdentifier: where a table lives in a catalog (the seed's model): a namespace path and a
// name. full_name() joins them with dots.
//
//   TableIdentifier::Make({"bronze"}, "customers")->full_name()        // "bronze.customers"
//   TableIdentifier::FromString("gold.metrics.daily")                  // ("gold","metrics"), "daily"
//   TableIdentifier::FromAssetKey({"bronze", "raw_events"})            // "bronze.raw_events"
//   TableIdentifier::FromAssetKey({"events"}, "public")                // "public.events"
//
// An empty name or an empty namespace level is an error. The namespace may be empty (a bare
// "events" parses to no namespace), as in the seed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "floe/core/result.h"

namespace floe::iceberg {

class TableIdentifier {
 public:
  static Result<TableIdentifier> Make(std::vector<std::string> namespace_levels, std::string name);
  // Splits on '.': every part before the last is a namespace level, the last is the name.
  static Result<TableIdentifier> FromString(std::string_view identifier);
  // A Dagster-style asset key: with two or more parts, the first is the namespace and the rest,
  // joined by '_', the name; with one part, the table is that part in default_namespace.
  static Result<TableIdentifier> FromAssetKey(const std::vector<std::string>& asset_key,
                                              std::string_view default_namespace = "public");
  static Result<TableIdentifier> FromJson(const nlohmann::json& json);
  static Result<TableIdentifier> FromYaml(std::string_view yaml);

  const std::vector<std::string>& namespace_levels() const { return namespace_; }
  const std::string& name() const { return name_; }
  // "bronze.raw.events".
  std::string full_name() const;
  // The namespace joined with dots ("bronze.raw"); empty when there is none.
  std::string namespace_name() const;

  nlohmann::json ToJson() const;
  std::string ToString() const { return full_name(); }
  bool operator==(const TableIdentifier& other) const = default;
  auto operator<=>(const TableIdentifier& other) const = default;

 private:
  TableIdentifier(std::vector<std::string> ns, std::string name)
      : namespace_(std::move(ns)), name_(std::move(name)) {}
  std::vector<std::string> namespace_;
  std::string name_;
};

std::ostream& operator<<(std::ostream& os, const TableIdentifier& id);

}  // namespace floe::iceberg
