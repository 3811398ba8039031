// `floe demo`: the main job on the embedded default (a SQLite catalog and a local warehouse
// folder). For now it lays out the warehouse and shows the configuration models that drive
// the IO manager; it grows into a full asset pipeline as tables land.
#pragma once

#include <ostream>
#include <string>

#include "floe/core/result.h"

namespace floe::cli {

struct DemoOptions {
  std::string warehouse = "warehouse";
  bool json = false;
};

Status RunDemo(const DemoOptions& options, std::ostream& out);

}  // namespace floe::cli
