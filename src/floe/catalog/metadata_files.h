// Table metadata files: reading them, naming the next one as Iceberg Java does, writing them.
//
//   <table location>/metadata/00000-<uuid>.metadata.json    created by CreateTable
//   <table location>/metadata/00001-<uuid>.metadata.json    the first commit, and so on
//
// The folder is the table property "write.metadata.path" when set. The version is one more than
// the version in the previous file's name (0 when it has none, e.g. "v3.metadata.json" as the
// Hadoop catalog names them, which reads as 3). A metadata file is never overwritten: writing a
// name that exists is kAlreadyExists.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "floe/core/result.h"
#include "floe/iceberg/table_metadata.h"
#include "floe/io/file_io.h"

namespace floe::catalog {

inline constexpr std::string_view kMetadataPathProperty = "write.metadata.path";

// kNotFound when the file is missing; kCorruptFile naming the file when it is not valid
// table metadata.
Result<iceberg::TableMetadata> ReadTableMetadata(io::FileIO& io, std::string_view location);

// The version number in a metadata file name ("00012-<uuid>.metadata.json" -> 12,
// "v3.metadata.json" -> 3), or nullopt.
std::optional<int> ParseMetadataVersion(std::string_view location);

// The folder that holds `metadata`'s metadata files, manifests and manifest lists.
std::string MetadataFolder(const iceberg::TableMetadata& metadata);

// A fresh name for the metadata file that follows `previous` (nullopt for a new table).
std::string NextMetadataLocation(const iceberg::TableMetadata& metadata,
                                 std::optional<std::string_view> previous);

// Writes `metadata` at `location`; kAlreadyExists if a file is there.
Status WriteTableMetadata(io::FileIO& io, std::string_view location,
                          const iceberg::TableMetadata& metadata);

}  // namespace floe::catalog
