// The floe command: parses the command line and runs one subcommand.
#pragma once

namespace floe::cli {

// Runs the floe command; returns the process exit code.
int Main(int argc, char** argv);

}  // namespace floe::cli
