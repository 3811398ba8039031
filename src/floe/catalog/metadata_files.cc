#include "floe/catalog/metadata_files.h"

#include <fmt/format.h>

#include <charconv>

#include "floe/core/uuid.h"

namespace floe::catalog {

Result<iceberg::TableMetadata> ReadTableMetadata(io::FileIO& io, std::string_view location) {
  FLOE_ASSIGN_OR_RETURN(auto bytes, io.ReadFile(location));
  std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  auto metadata = iceberg::TableMetadata::FromJsonString(text);
  if (!metadata) {
    return CorruptFile("table metadata file {} is not valid: {}", location,
                       metadata.error().message());
  }
  return std::move(metadata).value();
}

std::optional<int> ParseMetadataVersion(std::string_view location) {
  auto slash = location.rfind('/');
  std::string_view name = slash == std::string_view::npos ? location : location.substr(slash + 1);
  if (!name.ends_with(".metadata.json")) return std::nullopt;
  if (name.starts_with('v')) name.remove_prefix(1);
  size_t end = 0;
  while (end < name.size() && name[end] >= '0' && name[end] <= '9') ++end;
  if (end == 0 || (end < name.size() && name[end] != '-' && name[end] != '.')) return std::nullopt;
  int version = 0;
  auto [ptr, ec] = std::from_chars(name.data(), name.data() + end, version);
  if (ec != std::errc() || ptr != name.data() + end) return std::nullopt;
  return version;
}

std::string MetadataFolder(const iceberg::TableMetadata& metadata) {
  auto it = metadata.properties().find(std::string(kMetadataPathProperty));
  std::string folder = it != metadata.properties().end() && !it->second.empty()
                           ? it->second
                           : metadata.location() + "/metadata";
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();
  return folder;
}

std::string NextMetadataLocation(const iceberg::TableMetadata& metadata,
                                 std::optional<std::string_view> previous) {
  int version = 0;
  if (previous) {
    if (auto v = ParseMetadataVersion(*previous)) version = *v + 1;
  }
  return fmt::format("{}/{:05d}-{}.metadata.json", MetadataFolder(metadata), version,
                     Uuid::Random().ToString());
}

Status WriteTableMetadata(io::FileIO& io, std::string_view location,
                          const iceberg::TableMetadata& metadata) {
  return io.WriteFile(location, metadata.ToJsonString(), /*overwrite=*/false);
}

}  // namespace floe::catalog
