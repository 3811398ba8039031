#include "floe/io/prefix_mapping_file_io.h"

namespace floe::io {

std::string PrefixMappingFileIO::Map(std::string_view location) const {
  const std::pair<const std::string, std::string>* best = nullptr;
  for (const auto& entry : mapping_) {
    if (location.starts_with(entry.first) &&
        (best == nullptr || entry.first.size() > best->first.size())) {
      best = &entry;
    }
  }
  if (best == nullptr) return std::string(location);
  return best->second + std::string(location.substr(best->first.size()));
}

}  // namespace floe::io
