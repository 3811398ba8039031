#include "floe/cli/table_commands.h"

#include <fmt/ostream.h>

#include <nlohmann/json.hpp>

#include "floe/cli/namespace_commands.h"
#include "floe/iceberg/schema_text.h"
#include "floe/iceberg/snapshot_info.h"
#include "floe/iceberg/table_identifier.h"
#include "floe/table/table.h"

namespace floe::cli {
namespace {

std::string FormatTime(int64_t ms) {
  auto info = iceberg::SnapshotInfo::Make({.snapshot_id = 0, .timestamp_ms = ms, .operation = "x"});
  return info ? info->timestamp_iso() : std::to_string(ms);
}

}  // namespace

Result<iceberg::TableIdentifier> ParseTableArgument(const std::string& text) {
  auto id = iceberg::TableIdentifier::FromString(text);
  if (!id) return InvalidArgument("'{}' is not a table name (write namespace.table)", text);
  if (id->namespace_levels().empty()) {
    return InvalidArgument("table '{}' needs a namespace (write namespace.table)", text);
  }
  return id;
}

Status TableCreate(const CommandContext& ctx, const TableCreateOptions& options) {
  FLOE_ASSIGN_OR_RETURN(auto id, ParseTableArgument(options.table));
  FLOE_ASSIGN_OR_RETURN(auto schema, iceberg::ParseSchemaText(options.schema));
  FLOE_ASSIGN_OR_RETURN(auto terms, iceberg::ParsePartitionExpression(options.partition_by));
  FLOE_ASSIGN_OR_RETURN(auto spec, iceberg::MakePartitionSpec(schema, terms));
  FLOE_ASSIGN_OR_RETURN(auto props, ParseProperties(options.properties));
  FLOE_ASSIGN_OR_RETURN(auto cat, ctx.OpenCatalog());
  FLOE_ASSIGN_OR_RETURN(auto loaded, cat->CreateTable(id, schema,
                                                      {.spec = spec,
                                                       .location = options.location,
                                                       .properties = props,
                                                       .format_version = options.format_version}));
  if (ctx.json) {
    *ctx.out << nlohmann::json{{"table", id.full_name()},
                               {"location", loaded.metadata->location()},
                               {"metadata_location", loaded.metadata_location}}
                    .dump()
             << "\n";
  } else {
    fmt::print(*ctx.out, "created table {} at {}\n", id.full_name(), loaded.metadata->location());
  }
  return OkStatus();
}

Status TableList(const CommandContext& ctx, const std::string& ns) {
  FLOE_ASSIGN_OR_RETURN(auto levels, catalog::ParseNamespace(ns));
  FLOE_ASSIGN_OR_RETURN(auto cat, ctx.OpenCatalog());
  FLOE_ASSIGN_OR_RETURN(auto tables, cat->ListTables(levels));
  if (ctx.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& t : tables) arr.push_back(t.full_name());
    *ctx.out << arr.dump() << "\n";
  } else {
    for (const auto& t : tables) *ctx.out << t.full_name() << "\n";
  }
  return OkStatus();
}

Status TableDescribe(const CommandContext& ctx, const std::string& table) {
  FLOE_ASSIGN_OR_RETURN(auto id, ParseTableArgument(table));
  FLOE_ASSIGN_OR_RETURN(auto cat, ctx.OpenCatalog());
  FLOE_ASSIGN_OR_RETURN(auto loaded, cat->LoadTable(id));
  const auto& m = *loaded.metadata;
  const iceberg::Snapshot* current = m.current_snapshot();
  if (ctx.json) {
    nlohmann::json j{{"table", id.full_name()},
                     {"location", m.location()},
                     {"metadata_location", loaded.metadata_location},
                     {"format_version", m.format_version()},
                     {"table_uuid", m.table_uuid().value_or("")},
                     {"schema", m.current_schema().ToJson()},
                     {"partition_spec", m.default_spec().ToJson()},
                     {"sort_order", m.default_sort_order().ToJson()},
                     {"properties", m.properties()},
                     {"snapshots", m.snapshots().size()}};
    j["current_snapshot_id"] = current ? nlohmann::json(current->snapshot_id()) : nlohmann::json();
    *ctx.out << j.dump(2) << "\n";
    return OkStatus();
  }
  fmt::print(*ctx.out, "table:            {}\n", id.full_name());
  fmt::print(*ctx.out, "location:         {}\n", m.location());
  fmt::print(*ctx.out, "metadata:         {}\n", loaded.metadata_location);
  fmt::print(*ctx.out, "format version:   {}\n", m.format_version());
  fmt::print(*ctx.out, "uuid:             {}\n", m.table_uuid().value_or("(none)"));
  fmt::print(*ctx.out, "schema (id {}):\n", m.current_schema().schema_id());
  for (const auto& f : m.current_schema().fields()) {
    fmt::print(*ctx.out, "  {:>3}  {:<24} {}{}\n", f.id(), f.name(), f.type()->ToString(),
               f.required() ? " not null" : "");
  }
  fmt::print(*ctx.out, "partitioned by:   {}\n",
             m.default_spec().fields().empty() ? "(nothing)" : "");
  for (const auto& f : m.default_spec().fields()) {
    fmt::print(*ctx.out, "  {} = {}({})\n", f.name(), f.transform().ToString(),
               m.current_schema().FindColumnName(f.source_id()));
  }
  fmt::print(*ctx.out, "sort order:       {}\n", m.default_sort_order().ToString());
  fmt::print(*ctx.out, "properties:{}\n", m.properties().empty() ? "       (none)" : "");
  for (const auto& [k, v] : m.properties()) fmt::print(*ctx.out, "  {} = {}\n", k, v);
  if (current != nullptr) {
    fmt::print(*ctx.out, "current snapshot: {} ({}, {})\n", current->snapshot_id(),
               current->operation(), FormatTime(current->timestamp_ms()));
    if (current->summary()) {
      auto it = current->summary()->find("total-records");
      if (it != current->summary()->end()) fmt::print(*ctx.out, "rows:             {}\n", it->second);
    }
  } else {
    fmt::print(*ctx.out, "current snapshot: (none: the table is empty)\n");
  }
  fmt::print(*ctx.out, "snapshots:        {}\n", m.snapshots().size());
  return OkStatus();
}

Status TableDrop(const CommandContext& ctx, const std::string& table, bool purge) {
  FLOE_ASSIGN_OR_RETURN(auto id, ParseTableArgument(table));
  FLOE_ASSIGN_OR_RETURN(auto cat, ctx.OpenCatalog());
  FLOE_RETURN_IF_ERROR(cat->DropTable(id, purge));
  if (ctx.json) {
    *ctx.out << nlohmann::json{{"table", id.full_name()}, {"dropped", true}, {"purged", purge}}.dump()
             << "\n";
  } else {
    fmt::print(*ctx.out, "dropped table {}{}\n", id.full_name(), purge ? " and its files" : "");
  }
  return OkStatus();
}

Status TableRegister(const CommandContext& ctx, const std::string& table,
                     const std::string& metadata_location) {
  FLOE_ASSIGN_OR_RETURN(auto id, ParseTableArgument(table));
  FLOE_ASSIGN_OR_RETURN(auto cat, ctx.OpenCatalog());
  FLOE_ASSIGN_OR_RETURN(auto loaded, cat->RegisterTable(id, metadata_location));
  if (ctx.json) {
    *ctx.out << nlohmann::json{{"table", id.full_name()},
                               {"metadata_location", loaded.metadata_location}}
                    .dump()
             << "\n";
  } else {
    fmt::print(*ctx.out, "registered table {} at {}\n", id.full_name(), loaded.metadata_location);
  }
  return OkStatus();
}

Status Snapshots(const CommandContext& ctx, const std::string& table) {
  FLOE_ASSIGN_OR_RETURN(auto id, ParseTableArgument(table));
  FLOE_ASSIGN_OR_RETURN(auto cat, ctx.OpenCatalog());
  FLOE_ASSIGN_OR_RETURN(auto loaded, cat->LoadTable(id));
  std::vector<iceberg::Snapshot> snapshots = loaded.metadata->snapshots();
  std::stable_sort(snapshots.begin(), snapshots.end(), [](const auto& a, const auto& b) {
    return a.timestamp_ms() < b.timestamp_ms();
  });
  nlohmann::json arr = nlohmann::json::array();
  const iceberg::Snapshot* current = loaded.metadata->current_snapshot();
  for (const auto& s : snapshots) {
    FLOE_ASSIGN_OR_RETURN(auto info, iceberg::SnapshotInfo::FromSnapshot(s));
    if (ctx.json) {
      arr.push_back(info.ToJson());
      continue;
    }
    auto get = [&](const char* key, const char* fallback) {
      auto it = info.summary().find(key);
      return it == info.summary().end() ? std::string(fallback) : it->second;
    };
    fmt::print(*ctx.out, "{}  {:>20}  {:<9}  parent {:>20}  rows +{} -{} = {}{}\n",
               info.timestamp_iso(), info.snapshot_id(), info.operation(),
               info.parent_snapshot_id() ? std::to_string(*info.parent_snapshot_id()) : "-",
               get("added-records", "0"), get("deleted-records", "0"), get("total-records", "?"),
               current && current->snapshot_id() == s.snapshot_id() ? "  (current)" : "");
  }
  if (ctx.json) *ctx.out << arr.dump(2) << "\n";
  if (!ctx.json && snapshots.empty()) fmt::print(*ctx.out, "(no snapshots: the table is empty)\n");
  return OkStatus();
}

}  // namespace floe::cli
