// `floe table create|list|describe|drop|register` and `floe snapshots`: tables of the selected
// catalog. TABLE arguments are dotted identifiers ("bronze.raw.events": namespace bronze.raw,
// table events).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "floe/cli/command_context.h"
#include "floe/iceberg/table_identifier.h"

namespace floe::cli {

struct TableCreateOptions {
  std::string table;
  std::string schema;  // "id long not null, name string, ts timestamptz"
  std::string partition_by;
  std::vector<std::string> properties;
  std::optional<std::string> location;
  int format_version = 2;
};

// A TABLE argument: "namespace.table" (nested namespaces allowed); errors say what to write.
Result<iceberg::TableIdentifier> ParseTableArgument(const std::string& text);

Status TableCreate(const CommandContext& ctx, const TableCreateOptions& options);
Status TableList(const CommandContext& ctx, const std::string& ns);
Status TableDescribe(const CommandContext& ctx, const std::string& table);
Status TableDrop(const CommandContext& ctx, const std::string& table, bool purge);
Status TableRegister(const CommandContext& ctx, const std::string& table,
                     const std::string& metadata_location);
// The seed's SnapshotInfo for each snapshot, oldest first (newest last).
Status Snapshots(const CommandContext& ctx, const std::string& table);

}  // namespace floe::cli
