#include "floe/cli/app.h"

#include <cstdio>

namespace floe::cli {

int Main(int, char**) {
  std::puts("floe");
  return 0;
}

}  // namespace floe::cli
