#include "floe/catalog/catalog.h"

#include <fmt/ranges.h>

namespace floe::catalog {

Result<Namespace> ParseNamespace(std::string_view dotted) {
  if (dotted.empty()) return InvalidArgument("namespace must not be empty");
  Namespace ns;
  size_t start = 0;
  while (true) {
    size_t dot = dotted.find('.', start);
    ns.emplace_back(dotted.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (ns.back().empty()) return InvalidArgument("namespace '{}' has an empty level", dotted);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return ns;
}

std::string NamespaceName(const Namespace& ns) { return fmt::format("{}", fmt::join(ns, ".")); }

}  // namespace floe::catalog
