#include "floe/cli/app.h"

#include <iostream>

#include <CLI/CLI.hpp>

#include "floe/cli/command_context.h"
#include "floe/cli/demo.h"
#include "floe/cli/namespace_commands.h"

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
  }
  if (!status) return Fail(status.error());
  return 0;
}

}  // namespace floe::cli
