// SqlCatalog's tables: the Catalog interface's table half, over the table entries of
// sql_catalog.cc and the metadata files of metadata_files.h.
#include <set>

#include "floe/catalog/metadata_files.h"
#include "floe/catalog/sql_catalog.h"
#include "floe/core/logging.h"
#include "floe/iceberg/manifest_list.h"
#include "floe/iceberg/manifest_reader.h"
#include "floe/iceberg/table_metadata_builder.h"

namespace floe::catalog {
namespace {

// Every file a table's metadata reaches, for purging: the data and delete files of every
// snapshot, their manifests and manifest lists, and the metadata files of the metadata log.
// Files that cannot be read are skipped (a purge removes what it can find).
std::set<std::string> ReachableFiles(io::FileIO& io, const iceberg::TableMetadata& metadata) {
  std::set<std::string> files;
  std::set<std::string> manifests;
  for (const auto& snapshot : metadata.snapshots()) {
    if (snapshot.manifests()) manifests.insert(snapshot.manifests()->begin(), snapshot.manifests()->end());
    if (!snapshot.manifest_list()) continue;
    files.insert(*snapshot.manifest_list());
    auto bytes = io.ReadFile(*snapshot.manifest_list());
    if (!bytes) continue;
    auto list = iceberg::ManifestListReader::Open(*bytes);
    if (!list) continue;
    auto all = (*list)->ReadAll();
    if (!all) continue;
    for (const auto& m : *all) manifests.insert(m.manifest_path);
  }
  for (const auto& path : manifests) {
    files.insert(path);
    auto bytes = io.ReadFile(path);
    if (!bytes) continue;
    auto reader = iceberg::ManifestReader::Open(*bytes);
    if (!reader) continue;
    auto entries = (*reader)->ReadRawEntries();
    if (!entries) continue;
    for (const auto& e : *entries) files.insert(e.data_file.file_path);
  }
  for (const auto& log : metadata.fields().metadata_log) files.insert(log.metadata_file);
  return files;
}

}  // namespace

Result<std::string> SqlCatalog::DefaultTableLocation(const iceberg::TableIdentifier& id) {
  FLOE_ASSIGN_OR_RETURN(auto info, LoadNamespace(id.namespace_levels()));
  auto it = info.properties().find("location");
  if (it != info.properties().end() && !it->second.empty()) {
    std::string base = it->second;
    while (base.size() > 1 && base.back() == '/') base.pop_back();
    return base + "/" + id.name();
  }
  if (options_.warehouse.empty()) {
    return InvalidArgument(
        "table {}: no location given, and catalog {} has no warehouse to put it in",
        id.full_name(), options_.catalog_name);
  }
  return options_.warehouse + "/" + NamespaceName(id.namespace_levels()) + ".db/" + id.name();
}

Result<LoadedTable> SqlCatalog::CreateTable(const iceberg::TableIdentifier& id,
                                            const iceberg::Schema& schema,
                                            const CreateTableOptions& options) {
  FLOE_ASSIGN_OR_RETURN(bool ns_exists, NamespaceExists(id.namespace_levels()));
  if (!ns_exists) {
    return NotFound("namespace {} does not exist", NamespaceName(id.namespace_levels()));
  }
  FLOE_ASSIGN_OR_RETURN(bool exists, TableExists(id));
  if (exists) return AlreadyExists("table {} already exists", id.full_name());
  std::string location;
  if (options.location) {
    location = *options.location;
    while (location.size() > 1 && location.back() == '/') location.pop_back();
  } else {
    FLOE_ASSIGN_OR_RETURN(location, DefaultTableLocation(id));
  }
  FLOE_ASSIGN_OR_RETURN(auto builder, iceberg::TableMetadataBuilder::ForNewTable(
                                          schema, options.spec, options.sort_order, location,
                                          options.properties, options.format_version));
  FLOE_ASSIGN_OR_RETURN(auto metadata, builder.Build());
  std::string metadata_location = NextMetadataLocation(metadata, std::nullopt);
  FLOE_RETURN_IF_ERROR(WriteTableMetadata(*options_.file_io, metadata_location, metadata));
  if (auto created = CreateTableEntry(id, metadata_location); !created) {
    (void)options_.file_io->DeleteFile(metadata_location);
    return created.error();
  }
  return LoadedTable{id, std::move(metadata_location),
                     std::make_shared<const iceberg::TableMetadata>(std::move(metadata))};
}

Result<LoadedTable> SqlCatalog::LoadTable(const iceberg::TableIdentifier& id) {
  FLOE_ASSIGN_OR_RETURN(auto entry, LoadTableEntry(id));
  auto metadata = ReadTableMetadata(*options_.file_io, entry.metadata_location);
  if (!metadata) {
    if (metadata.error().kind() == ErrorKind::kNotFound) {
      return CorruptFile("table {}: its metadata file {} is missing", id.full_name(),
                         entry.metadata_location);
    }
    return metadata.error();
  }
  return LoadedTable{id, std::move(entry.metadata_location),
                     std::make_shared<const iceberg::TableMetadata>(std::move(metadata).value())};
}

Result<bool> SqlCatalog::TableExists(const iceberg::TableIdentifier& id) {
  auto entry = LoadTableEntry(id);
  if (entry) return true;
  if (entry.error().kind() == ErrorKind::kNotFound) return false;
  return entry.error();
}

Status SqlCatalog::DropTable(const iceberg::TableIdentifier& id, bool purge) {
  std::optional<LoadedTable> table;
  if (purge) {
    auto loaded = LoadTable(id);
    if (!loaded && loaded.error().kind() == ErrorKind::kNotFound) return loaded.error();
    if (loaded) table = std::move(loaded).value();
  }
  FLOE_RETURN_IF_ERROR(DropTableEntry(id));
  if (!table) return OkStatus();
  // The entry is gone, so no reader can reach these files through the catalog any more.
  auto files = ReachableFiles(*options_.file_io, *table->metadata);
  files.insert(table->metadata_location);
  int failed = 0;
  for (const auto& file : files) {
    auto deleted = options_.file_io->DeleteFile(file);
    if (!deleted && deleted.error().kind() != ErrorKind::kNotFound) ++failed;
  }
  if (failed > 0) {
    return IoError("table {} dropped, but {} of its {} files could not be deleted",
                   id.full_name(), failed, files.size());
  }
  return OkStatus();
}

Status SqlCatalog::RenameTable(const iceberg::TableIdentifier& from,
                               const iceberg::TableIdentifier& to) {
  return RenameTableEntry(from, to);
}

Result<LoadedTable> SqlCatalog::RegisterTable(const iceberg::TableIdentifier& id,
                                              std::string_view metadata_location) {
  FLOE_ASSIGN_OR_RETURN(auto metadata, ReadTableMetadata(*options_.file_io, metadata_location));
  FLOE_RETURN_IF_ERROR(CreateTableEntry(id, metadata_location));
  return LoadedTable{id, std::string(metadata_location),
                     std::make_shared<const iceberg::TableMetadata>(std::move(metadata))};
}

Result<LoadedTable> SqlCatalog::CommitTable(
    const iceberg::TableIdentifier& id, std::span<const iceberg::TableRequirement> requirements,
    std::span<const iceberg::TableUpdate> updates) {
  FLOE_ASSIGN_OR_RETURN(auto current, LoadTable(id));
  if (updates.empty()) {
    // Still check the requirements: a caller may use them to assert a state.
    auto checked = iceberg::ApplyCommit(current.metadata.get(), requirements, updates);
    if (!checked) return checked.error();
    return current;
  }
  FLOE_ASSIGN_OR_RETURN(
      auto next, iceberg::ApplyCommit(current.metadata.get(), requirements, updates,
                                      {.previous_metadata_location = current.metadata_location}));
  std::string next_location = NextMetadataLocation(next, current.metadata_location);
  FLOE_RETURN_IF_ERROR(WriteTableMetadata(*options_.file_io, next_location, next));
  auto swapped = SwapMetadataLocation(id, current.metadata_location, next_location);
  if (!swapped) {
    // SQLite statements are atomic: whatever the error, the swap did not happen, so the new
    // metadata file is an orphan.
    if (auto removed = options_.file_io->DeleteFile(next_location); !removed) {
      Log().warn("could not remove unused metadata file {}: {}", next_location,
                 removed.error().message());
    }
    return swapped.error();
  }
  return LoadedTable{id, std::move(next_location),
                     std::make_shared<const iceberg::TableMetadata>(std::move(next))};
}

}  // namespace floe::catalog
