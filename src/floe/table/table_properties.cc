#include "floe/table/table_properties.h"

#include <charconv>

namespace floe::table {

std::string TableProperty(const iceberg::TableMetadata& metadata, std::string_view key,
                          std::string fallback) {
  auto it = metadata.properties().find(std::string(key));
  return it == metadata.properties().end() ? std::move(fallback) : it->second;
}

Result<int64_t> TableIntProperty(const iceberg::TableMetadata& metadata, std::string_view key,
                                 int64_t fallback, int64_t min_value) {
  auto it = metadata.properties().find(std::string(key));
  if (it == metadata.properties().end()) return fallback;
  const std::string& text = it->second;
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < min_value) {
    return InvalidArgument("table property {} must be an integer >= {}, got '{}'", key, min_value,
                           text);
  }
  return value;
}

}  // namespace floe::table
