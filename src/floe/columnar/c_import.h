// Import of types, schemas, arrays and record batches through the Arrow C Data Interface.
//
// Import consumes the given struct: its contents are moved out and the caller's struct is
// marked released (release = NULL), on success and on error alike, so the caller never
// releases it again. ArrowSchema is copied into floe types and released at once. ArrowArray is
// imported zero-copy: the Array's buffers point at the producer's memory and share one owner
// that calls the producer's release exactly once, when the last buffer referring to it goes.
//
// Malformed input (unknown or ill-formed format strings, wrong buffer or child counts, negative
// lengths, a missing required buffer, offsets out of range) gives InvalidArgument, never a
// crash. Dictionary-encoded arrays and types outside floe's set give NotSupported. Field
// metadata "PARQUET:field_id" becomes Field::field_id() and is removed from the metadata.
#pragma once

#include "floe/columnar/array.h"
#include "floe/columnar/c_abi.h"
#include "floe/columnar/record_batch.h"
#include "floe/columnar/type.h"
#include "floe/core/result.h"

namespace floe::columnar {

// Parses an Arrow format string of a non-nested type ("i", "d:10,2", "w:16", "tsu:UTC").
Result<DataType> ParseArrowFormatString(std::string_view format);

Result<DataType> ImportType(ArrowSchema* schema);
Result<Field> ImportField(ArrowSchema* schema);
// REQUIRES of the input: a struct ("+s") schema; its children become the fields.
Result<Schema> ImportSchema(ArrowSchema* schema);

Result<Array> ImportArray(ArrowArray* array, const DataType& type);
// Consumes both structs.
Result<Array> ImportArray(ArrowArray* array, ArrowSchema* schema);
// The array must be a struct array without nulls whose children match the schema's fields.
Result<RecordBatch> ImportRecordBatch(ArrowArray* array, const Schema& schema);
Result<RecordBatch> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema);

}  // namespace floe::columnar
