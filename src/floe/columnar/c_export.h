// Export of types, schemas, arrays and record batches through the Arrow C Data Interface.
//
// Export fills caller-provided structs; the consumer owns them afterwards and must call their
// release callbacks (exactly once each). Release frees everything the export allocated and
// drops this side's references to the buffers, and copes with children the consumer moved out
// (their release set to NULL). Arrays are exported zero-copy: the exported buffers are the
// Array's own, kept alive until release.
//
// Format strings: boolean "b", int32 "i", int64 "l", float32 "f", float64 "g",
// decimal128 "d:P,S", date32 "tdD", time64 "ttu", timestamp "tsu:" (no zone) or "tsu:<zone>",
// string "u", binary "z", fixed_size_binary "w:N", struct "+s", list "+l", map "+m" (one child
// "entries", a struct of key and value; flag ARROW_FLAG_MAP_KEYS_SORTED when keys_sorted).
// Nullable fields carry ARROW_FLAG_NULLABLE. A field id travels as field metadata
// "PARQUET:field_id" (decimal string), after the field's own metadata.
// A record batch is exported as a struct array with no validity, and its schema as "+s".
#pragma once

#include "floe/columnar/array.h"
#include "floe/columnar/c_abi.h"
#include "floe/columnar/record_batch.h"
#include "floe/columnar/type.h"
#include "floe/core/result.h"

namespace floe::columnar {

// The metadata key under which Parquet and Arrow carry Iceberg field ids.
inline constexpr std::string_view kFieldIdMetadataKey = "PARQUET:field_id";

// The Arrow format string of a type ("i", "d:10,2", "tsu:UTC", "+s", ...).
std::string ArrowFormatString(const DataType& type);

// `out` must be uninitialized or released; on error nothing is left to release.
Status ExportType(const DataType& type, ArrowSchema* out);
Status ExportField(const Field& field, ArrowSchema* out);
Status ExportSchema(const Schema& schema, ArrowSchema* out);

Status ExportArray(const Array& array, ArrowArray* out);
// Exports the batch as a struct array; when out_schema is given, the schema too.
Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out,
                         ArrowSchema* out_schema = nullptr);

}  // namespace floe::columnar
