// `floe write` and `floe read`: data into and out of a table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "floe/cli/command_context.h"

namespace floe::cli {

struct WriteOptions {
  std::string table;
  std::vector<std::string> files;
  // parquet, csv or jsonl; empty: from each file's extension.
  std::string format;
  std::string mode = "append";  // or overwrite
  // With overwrite: replace only the rows matching this filter.
  std::string where;
  // Used when the table is created.
  std::string partition_by;
};

// Creates the table (and its namespace) from the first file's schema when missing, writes every
// file, commits one snapshot, and prints the seed's MaterializationMetadata.
Status Write(const CommandContext& ctx, const WriteOptions& options);

struct ReadOptions {
  // A table name, or the path of a table metadata file (*.metadata.json).
  std::string table;
  std::vector<std::string> columns;
  std::string where;
  std::optional<int64_t> snapshot_id;
  // Milliseconds since the epoch or an ISO 8601 timestamp.
  std::string as_of;
  std::optional<int64_t> limit;
  std::string format = "table";  // table, csv, jsonl, parquet
  std::string output;             // file; default stdout (not for parquet)
  // FROM=TO location prefix rewrites, for tables copied out of object stores.
  std::vector<std::string> map_prefixes;
};

Status Read(const CommandContext& ctx, const ReadOptions& options);

}  // namespace floe::cli
