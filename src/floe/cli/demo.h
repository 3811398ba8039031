// `floe demo`: the main job on the embedded default (a SQLite catalog and a local warehouse
// folder), as a small asset pipeline through the IO manager: raw events materialized one day
// partition at a time (and one day re-run, replacing exactly that partition), a cleaned table
// that gains a column on a later run (schema evolution), and daily totals computed from two
// columns of it. It prints each materialization's metadata, a time-travel read and each table's
// snapshot history. Each run starts the demo tables afresh.
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
