// Conversions between the manifest model (DataFile, ManifestEntry, ManifestFile, partition
// Literals) and generic Avro Datums laid out as in manifest_schema.h. Writers build Datums in
// the schema order of their format version; readers look fields up by field id in the file's
// own schema, so that v1, v2 and files from other writers (extra or reordered fields) all read.
#pragma once

#include <cstdint>

#include "floe/core/result.h"
#include "floe/format/avro/datum.h"
#include "floe/format/avro/schema.h"
#include "floe/iceberg/literal.h"
#include "floe/iceberg/manifest_entry.h"
#include "floe/iceberg/manifest_file.h"
#include "floe/iceberg/type.h"

namespace floe::iceberg::internal {

// A null literal becomes an Avro null. REQUIRES: the literal has `type` (or is null).
Result<avro::Datum> PartitionValueToDatum(const Literal& value, const Type& type);
// `node` is the field's schema (a union with null, or the value type itself).
Result<Literal> PartitionValueFromDatum(const avro::Node& node, const avro::Datum& datum);

Result<avro::Datum> ManifestEntryToDatum(int format_version, const ManifestEntry& entry,
                                         const StructType& partition_type);
// `node` is the manifest_entry record of the file's schema. Unset fields stay unset: no
// inheritance happens here.
Result<ManifestEntry> ManifestEntryFromDatum(const avro::Node& node, const avro::Datum& datum);

avro::Datum ManifestFileToDatum(int format_version, const ManifestFile& manifest);
// v1 records (no content or sequence numbers) read with content data and sequence numbers 0.
Result<ManifestFile> ManifestFileFromDatum(const avro::Node& node, const avro::Datum& datum);

}  // namespace floe::iceberg::internal
