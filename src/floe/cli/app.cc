#include "floe/cli/app.h"

#include <iostream>

#include <CLI/CLI.hpp>

#include "floe/cli/command_context.h"
#include "floe/cli/data_commands.h"
#include "floe/cli/demo.h"
#include "floe/cli/namespace_commands.h"
#include "floe/cli/table_commands.h"

namespace floe::cli {
namespace {

constexpr const char* kVersion = "0.1.0";

// Prints an error as one line on stderr and returns the exit code for it.
int Fail(const Error& error) {
  std::cerr << "floe: " << error.ToString() << "\n";
  return error.kind() == ErrorKind::kInvalidArgument ? 2 : 1;
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{"floe: Iceberg tables from C++, on an embedded catalog or a Polaris REST catalog",
               "floe"};
  app.require_subcommand(1);
  app.set_version_flag("--version", kVersion);
  // Global flags may also follow the subcommand: `floe namespace list --json`.
  app.fallthrough();

  CommandContext ctx;
  ctx.out = &std::cout;
  std::string config_file, warehouse;
  app.add_option("--catalog", ctx.catalog_name, "Catalog name in floe.yaml / FLOE_CATALOG__<NAME>__*")
      ->capture_default_str();
  app.add_option("--config", config_file, "Configuration file (default: ./floe.yaml if present)");
  app.add_option("--warehouse", warehouse,
                 "Use the embedded catalog in this warehouse folder (default ./warehouse)");
  app.add_flag("--json", ctx.json, "Machine-readable JSON output");

  DemoOptions demo;
  auto* demo_cmd = app.add_subcommand("demo", "Run the demo pipeline on the embedded catalog");

  auto* ns_cmd = app.add_subcommand("namespace", "Create, list, describe and drop namespaces");
  ns_cmd->require_subcommand(1);
  std::string ns_name;
  std::vector<std::string> ns_props;
  auto* ns_create = ns_cmd->add_subcommand("create", "Create a namespace (nested: bronze.raw)");
  ns_create->add_option("NAMESPACE", ns_name, "Namespace")->required();
  ns_create->add_option("--property,-p", ns_props, "A property key=value (repeatable)");
  auto* ns_list = ns_cmd->add_subcommand("list", "List namespaces (children of PARENT if given)");
  ns_list->add_option("PARENT", ns_name, "Parent namespace");
  auto* ns_describe = ns_cmd->add_subcommand("describe", "Show a namespace's properties and tables");
  ns_describe->add_option("NAMESPACE", ns_name, "Namespace")->required();
  auto* ns_drop = ns_cmd->add_subcommand("drop", "Drop an empty namespace");
  ns_drop->add_option("NAMESPACE", ns_name, "Namespace")->required();

  auto* tbl_cmd = app.add_subcommand("table", "Create, list, describe, drop and register tables");
  tbl_cmd->require_subcommand(1);
  TableCreateOptions create;
  std::string table_name, ns_of_tables, metadata_file;
  bool purge = false;
  auto* tbl_create = tbl_cmd->add_subcommand("create", "Create an empty table");
  tbl_create->add_option("TABLE", create.table, "Table (namespace.table)")->required();
  tbl_create->add_option("--schema", create.schema,
                         "Columns: 'id long not null, name string, ts timestamptz'")
      ->required();
  tbl_create->add_option("--partition-by", create.partition_by,
                         "Partition expression: 'day(ts), bucket(16, id)'");
  tbl_create->add_option("--property,-p", create.properties, "A table property key=value (repeatable)");
  std::string location;
  tbl_create->add_option("--location", location, "Table location (default under the warehouse)");
  tbl_create->add_option("--format-version", create.format_version, "Iceberg format version (1 or 2)")
      ->capture_default_str()
      ->check(CLI::Range(1, 2));
  auto* tbl_list = tbl_cmd->add_subcommand("list", "List the tables of a namespace");
  tbl_list->add_option("NAMESPACE", ns_of_tables, "Namespace")->required();
  auto* tbl_describe = tbl_cmd->add_subcommand("describe", "Show a table's schema, partitioning and state");
  tbl_describe->add_option("TABLE", table_name, "Table")->required();
  auto* tbl_drop = tbl_cmd->add_subcommand("drop", "Drop a table");
  tbl_drop->add_option("TABLE", table_name, "Table")->required();
  tbl_drop->add_flag("--purge", purge, "Also delete the table's data and metadata files");
  auto* tbl_register = tbl_cmd->add_subcommand("register", "Add a table from an existing metadata file");
  tbl_register->add_option("TABLE", table_name, "Table")->required();
  tbl_register->add_option("METADATA_FILE", metadata_file, "The table's metadata JSON file")->required();

  auto* snapshots_cmd = app.add_subcommand("snapshots", "List a table's snapshots, newest last");
  snapshots_cmd->add_option("TABLE", table_name, "Table")->required();

  WriteOptions write;
  auto* write_cmd = app.add_subcommand(
      "write", "Write files to a table (created from the first file's schema when missing)");
  write_cmd->add_option("TABLE", write.table, "Table (namespace.table)")->required();
  write_cmd->add_option("FILE", write.files, "Input files")->required();
  write_cmd->add_option("--format", write.format, "parquet, csv or jsonl (default: from the file name)");
  write_cmd->add_option("--mode", write.mode, "append or overwrite")->capture_default_str();
  write_cmd->add_option("--where", write.where,
                        "With --mode overwrite: replace only the rows matching this filter");
  write_cmd->add_option("--partition-by", write.partition_by,
                        "Partitioning of a table floe write creates: 'day(ts), bucket(16, id)'");

  ReadOptions read;
  int64_t read_snapshot = 0, read_limit = 0;
  std::string read_columns;
  auto* read_cmd = app.add_subcommand("read", "Read a table's rows");
  read_cmd->add_option("TABLE", read.table, "Table (namespace.table) or a *.metadata.json file")
      ->required();
  read_cmd->add_option("--columns", read_columns, "Columns to read: a,b,c");
  read_cmd->add_option("--where", read.where, "Row filter: \"id > 5 and name is not null\"");
  auto* snap_opt = read_cmd->add_option("--snapshot", read_snapshot, "Read this snapshot id");
  read_cmd->add_option("--as-of", read.as_of, "Read the table as of a time (ISO 8601 or epoch ms)");
  auto* limit_opt = read_cmd->add_option("--limit", read_limit, "At most this many rows");
  read_cmd->add_option("--format", read.format, "table, csv, jsonl or parquet")->capture_default_str();
  read_cmd->add_option("--output,-o", read.output, "Write to this file instead of stdout");
  read_cmd->add_option("--map-prefix", read.map_prefixes,
                       "FROM=TO: read locations starting with FROM under TO (repeatable)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (!config_file.empty()) ctx.config_file = config_file;
  if (!warehouse.empty()) ctx.warehouse = warehouse;

  Status status;
  if (demo_cmd->parsed()) {
    demo.warehouse = warehouse.empty() ? "warehouse" : warehouse;
    demo.json = ctx.json;
    status = RunDemo(demo, std::cout);
  } else if (ns_create->parsed()) {
    status = NamespaceCreate(ctx, ns_name, ns_props);
  } else if (ns_list->parsed()) {
    status = NamespaceList(ctx, ns_name);
  } else if (ns_describe->parsed()) {
    status = NamespaceDescribe(ctx, ns_name);
  } else if (ns_drop->parsed()) {
    status = NamespaceDrop(ctx, ns_name);
  } else if (tbl_create->parsed()) {
    if (!location.empty()) create.location = location;
    status = TableCreate(ctx, create);
  } else if (tbl_list->parsed()) {
    status = TableList(ctx, ns_of_tables);
  } else if (tbl_describe->parsed()) {
    status = TableDescribe(ctx, table_name);
  } else if (tbl_drop->parsed()) {
    status = TableDrop(ctx, table_name, purge);
  } else if (tbl_register->parsed()) {
    status = TableRegister(ctx, table_name, metadata_file);
  } else if (write_cmd->parsed()) {
    status = Write(ctx, write);
  } else if (read_cmd->parsed()) {
    if (snap_opt->count() > 0) read.snapshot_id = read_snapshot;
    if (limit_opt->count() > 0) read.limit = read_limit;
    for (size_t start = 0; !read_columns.empty() && start <= read_columns.size();) {
      size_t comma = read_columns.find(',', start);
      if (comma == std::string::npos) comma = read_columns.size();
      std::string col = read_columns.substr(start, comma - start);
      while (!col.empty() && col.front() == ' ') col.erase(col.begin());
      while (!col.empty() && col.back() == ' ') col.pop_back();
      if (!col.empty()) read.columns.push_back(col);
      start = comma + 1;
    }
    status = Read(ctx, read);
  } else if (snapshots_cmd->parsed()) {
    status = Snapshots(ctx, table_name);
  }
  if (!status) return Fail(status.error());
  return 0;
}

}  // namespace floe::cli
