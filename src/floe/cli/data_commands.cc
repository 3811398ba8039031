#include "floe/cli/data_commands.h"

#include <fmt/ostream.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "floe/catalog/metadata_files.h"
#include "floe/cli/table_commands.h"
#include "floe/cli/data_io.h"
#include "floe/iceberg/columnar_schema.h"
#include "floe/iceberg/expression_bind.h"
#include "floe/iceberg/expression_literal.h"
#include "floe/iceberg/filter_parser.h"
#include "floe/iceberg/schema_text.h"
#include "floe/iceberg/table_identifier.h"
#include "floe/io/local_file_io.h"
#include "floe/io/prefix_mapping_file_io.h"
#include "floe/io_manager/materialization_metadata.h"
#include "floe/table/table.h"
#include "floe/table/table_scan.h"

namespace floe::cli {
namespace {

// Rows so far on stderr, redrawn at most ten times a second, only when stderr is a terminal.
class Progress {
 public:
  explicit Progress(std::string verb) : verb_(std::move(verb)), enabled_(::isatty(STDERR_FILENO) == 1) {}
  ~Progress() { Done(); }
  void Add(int64_t rows) {
    rows_ += rows;
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    std::cerr << "\r" << verb_ << " " << rows_ << " rows..." << std::flush;
    drawn_ = true;
  }
  void Done() {
    if (drawn_) std::cerr << "\r\033[K" << std::flush;
    drawn_ = false;
  }

 private:
  std::string verb_;
  bool enabled_;
  bool drawn_ = false;
  int64_t rows_ = 0;
  std::chrono::steady_clock::time_point last_{};
};

Result<int64_t> ParseAsOf(const std::string& text) {
  if (!text.empty() && std::all_of(text.begin(), text.end(), ::isdigit)) {
    try {
      return std::stoll(text);
    } catch (const std::exception&) {
    }
  }
  auto ts = iceberg::ConvertLiteral(iceberg::Literal::String(text), *iceberg::PrimitiveType::TimestampTz());
  if (!ts) {
    return InvalidArgument("--as-of '{}' is not a time (milliseconds, or 2024-01-31T12:00:00Z)", text);
  }
  int64_t micros = ts->long_value();
  return micros / 1000;
}

}  // namespace

Status Write(const CommandContext& ctx, const WriteOptions& options) {
  if (options.files.empty()) return InvalidArgument("floe write needs at least one input file");
  if (options.mode != "append" && options.mode != "overwrite") {
    return InvalidArgument("--mode must be append or overwrite, not '{}'", options.mode);
  }
  if (!options.where.empty() && options.mode != "overwrite") {
    return InvalidArgument("--where applies to --mode overwrite (it picks the rows to replace)");
  }
  FLOE_ASSIGN_OR_RETURN(auto id, ParseTableArgument(options.table));
  iceberg::ExprPtr where;
  if (!options.where.empty()) {
    FLOE_ASSIGN_OR_RETURN(where, iceberg::ParseFilter(options.where));
  }
  std::vector<InputFormat> formats;
  for (const auto& f : options.files) {
    FLOE_ASSIGN_OR_RETURN(auto format, ResolveInputFormat(f, options.format));
    formats.push_back(format);
  }
  FLOE_ASSIGN_OR_RETURN(auto cat, ctx.OpenCatalog());
  FLOE_ASSIGN_OR_RETURN(bool exists, cat->TableExists(id));
  std::optional<table::Table> table;
  if (exists) {
    if (!options.partition_by.empty()) {
      return InvalidArgument("table {} exists: --partition-by only applies when floe write creates it",
                             id.full_name());
    }
    FLOE_ASSIGN_OR_RETURN(auto loaded, cat->LoadTable(id));
    table.emplace(cat.get(), std::move(loaded));
  } else {
    // The table takes the first file's schema (and the partitioning asked for).
    FLOE_ASSIGN_OR_RETURN(auto probe, OpenInput(options.files[0], formats[0], std::nullopt));
    FLOE_ASSIGN_OR_RETURN(auto schema, iceberg::FromColumnarSchema(probe->schema()));
    FLOE_ASSIGN_OR_RETURN(auto terms, iceberg::ParsePartitionExpression(options.partition_by));
    FLOE_ASSIGN_OR_RETURN(auto spec, iceberg::MakePartitionSpec(schema, terms));
    FLOE_ASSIGN_OR_RETURN(bool ns_exists, cat->NamespaceExists(id.namespace_levels()));
    if (!ns_exists) {
      FLOE_RETURN_IF_ERROR(cat->CreateNamespace(id.namespace_levels(), {}));
    }
    FLOE_ASSIGN_OR_RETURN(auto loaded, cat->CreateTable(id, schema, {.spec = spec}));
    table.emplace(cat.get(), std::move(loaded));
  }
  if (where) {
    // Checked now, so that a filter on a missing column fails before anything is written.
    auto bound = iceberg::Bind(where, table->schema());
    if (!bound) return bound.error();
  }
  FLOE_ASSIGN_OR_RETURN(auto table_schema, iceberg::ToColumnarSchema(table->schema()));
  FLOE_ASSIGN_OR_RETURN(auto writer, table->NewDataWriter());
  Progress progress("writing");
  for (size_t i = 0; i < options.files.size(); ++i) {
    // Text is read straight into the table's types, so a bad value is named by line and column.
    std::optional<columnar::Schema> as = formats[i] == InputFormat::kParquet
                                             ? std::nullopt
                                             : std::optional(table_schema);
    FLOE_ASSIGN_OR_RETURN(auto input, OpenInput(options.files[i], formats[i], as));
    while (true) {
      FLOE_ASSIGN_OR_RETURN(auto batch, input->Next());
      if (!batch) break;
      if (auto written = writer->Write(*batch); !written) {
        return written.error().WithContext(options.files[i]);
      }
      progress.Add(batch->num_rows());
    }
  }
  const int64_t rows = writer->rows_written();
  FLOE_ASSIGN_OR_RETURN(auto files, writer->Close());
  progress.Done();
  table::CommitOptions commit;
  commit.summary["floe.source-files"] = std::to_string(options.files.size());
  Result<table::CommitResult> result =
      options.mode == "append" ? table->Append(files, commit) : table->Overwrite(where, files, commit);
  if (!result) {
    if (result.error().kind() != ErrorKind::kCommitStateUnknown) {
      for (const auto& f : files) (void)table->io()->DeleteFile(f.file_path);
    }
    return result.error();
  }
  FLOE_ASSIGN_OR_RETURN(
      auto metadata,
      iceberg::MaterializationMetadata::Make(
          {.table = id.full_name(),
           .num_rows = rows,
           .snapshot_id = result->snapshot.snapshot_id(),
           .write_mode = options.mode == "append" ? iceberg::WriteMode::kAppend
                                                  : iceberg::WriteMode::kOverwrite}));
  if (ctx.json) {
    *ctx.out << metadata.ToJson().dump() << "\n";
  } else {
    fmt::print(*ctx.out, "{} {} rows to {} in snapshot {} ({} data file{})\n",
               options.mode == "append" ? "appended" : "overwrote with", rows, id.full_name(),
               result->snapshot.snapshot_id(), result->added_files.size(),
               result->added_files.size() == 1 ? "" : "s");
    if (!result->removed_files.empty()) {
      fmt::print(*ctx.out, "replaced {} data file{} ({} rows)\n", result->removed_files.size(),
                 result->removed_files.size() == 1 ? "" : "s",
                 result->snapshot.summary()->count("deleted-records")
                     ? result->snapshot.summary()->at("deleted-records")
                     : "0");
    }
    fmt::print(*ctx.out, "{}\n", metadata.ToString());
  }
  return OkStatus();
}

Status Read(const CommandContext& ctx, const ReadOptions& options) {
  FLOE_ASSIGN_OR_RETURN(auto format, ParseOutputFormat(options.format));
  if (format == OutputFormat::kParquet && options.output.empty()) {
    return InvalidArgument("--format parquet needs --output FILE");
  }
  if (options.snapshot_id && !options.as_of.empty()) {
    return InvalidArgument("give --snapshot or --as-of, not both");
  }
  if (options.limit && *options.limit < 0) return InvalidArgument("--limit must not be negative");
  std::unique_ptr<catalog::Catalog> cat;
  std::optional<table::TableScan> scan;
  if (options.table.ends_with(".metadata.json")) {
    std::map<std::string, std::string> mapping;
    for (const auto& m : options.map_prefixes) {
      auto eq = m.find('=');
      if (eq == std::string::npos || eq == 0) {
        return InvalidArgument("--map-prefix '{}' must look like FROM=TO", m);
      }
      mapping[m.substr(0, eq)] = m.substr(eq + 1);
    }
    auto io = std::make_shared<io::PrefixMappingFileIO>(std::make_shared<io::LocalFileIO>(),
                                                        std::move(mapping));
    FLOE_ASSIGN_OR_RETURN(auto metadata, catalog::ReadTableMetadata(*io, options.table));
    scan.emplace(std::make_shared<const iceberg::TableMetadata>(std::move(metadata)), io);
  } else {
    FLOE_ASSIGN_OR_RETURN(auto id, ParseTableArgument(options.table));
    FLOE_ASSIGN_OR_RETURN(cat, ctx.OpenCatalog());
    FLOE_ASSIGN_OR_RETURN(auto loaded, cat->LoadTable(id));
    scan.emplace(loaded.metadata, cat->file_io());
  }
  if (!options.columns.empty()) scan->Select(options.columns);
  if (!options.where.empty()) {
    FLOE_ASSIGN_OR_RETURN(auto filter, iceberg::ParseFilter(options.where));
    scan->Filter(filter);
  }
  if (options.snapshot_id) scan->UseSnapshot(*options.snapshot_id);
  if (!options.as_of.empty()) {
    FLOE_ASSIGN_OR_RETURN(int64_t ms, ParseAsOf(options.as_of));
    scan->AsOfTime(ms);
  }
  FLOE_ASSIGN_OR_RETURN(auto reader, scan->Open());

  std::ofstream file;
  std::ostream* out = ctx.out;
  if (!options.output.empty() && format != OutputFormat::kParquet) {
    file.open(options.output, std::ios::binary | std::ios::trunc);
    if (!file) return IoError("cannot write {}", options.output);
    out = &file;
  }
  FLOE_ASSIGN_OR_RETURN(auto sink, MakeOutput(format, reader->schema(), *out, options.output));
  Progress progress("reading");
  int64_t remaining = options.limit.value_or(std::numeric_limits<int64_t>::max());
  while (remaining > 0) {
    FLOE_ASSIGN_OR_RETURN(auto batch, reader->Next());
    if (!batch) break;
    if (batch->num_rows() > remaining) {
      FLOE_ASSIGN_OR_RETURN(batch, batch->Slice(0, remaining));
    }
    remaining -= batch->num_rows();
    FLOE_RETURN_IF_ERROR(sink->Write(*batch));
    progress.Add(batch->num_rows());
  }
  progress.Done();
  FLOE_RETURN_IF_ERROR(sink->Finish());
  if (file.is_open()) {
    file.close();
    if (!file) return IoError("cannot write {}", options.output);
  }
  return OkStatus();
}

}  // namespace floe::cli
