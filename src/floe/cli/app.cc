#include "floe/cli/app.h"

#include <iostream>

#include <CLI/CLI.hpp>

#include "floe/cli/demo.h"

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

  DemoOptions demo;
  auto* demo_cmd = app.add_subcommand("demo", "Run the demo pipeline on the embedded catalog");
  demo_cmd->add_option("--warehouse", demo.warehouse, "Warehouse folder")->capture_default_str();
  demo_cmd->add_flag("--json", demo.json, "Print machine-readable JSON");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }

  if (demo_cmd->parsed()) {
    auto status = RunDemo(demo, std::cout);
    if (!status) return Fail(status.error());
  }
  return 0;
}

}  // namespace floe::cli
