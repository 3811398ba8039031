// The mapping between Iceberg schemas and columnar (Arrow) schemas, the bridge the table layer
// crosses when it writes batches into a table or reads a table's files into batches.
//
//   FLOE_ASSIGN_OR_RETURN(columnar::Schema arrow, ToColumnarSchema(table_schema));
//   FLOE_ASSIGN_OR_RETURN(Schema iceberg, FromColumnarSchema(batch.schema()));
//
// Types, Iceberg -> columnar:
//   boolean -> boolean         int -> int32            long -> int64
//   float -> float32           double -> float64       decimal(P,S) -> decimal128(P, S)
//   date -> date32             time -> time64 (us)     timestamp -> timestamp[us]
//   timestamptz -> timestamp[us, tz=UTC]               string -> string
//   uuid -> fixed_size_binary(16) with field metadata ARROW:extension:name = arrow.uuid
//   fixed[L] -> fixed_size_binary(L)                   binary -> binary
//   struct, list (item field "element"), map (fields "key" and "value") -> the same, recursively
// Every columnar Field carries its Iceberg field id; required fields are non-nullable; a field's
// doc travels as field metadata "doc" (as PyIceberg does). timestamp_ns, timestamptz_ns and
// unknown have no columnar form and are NotSupported.
//
// Columnar -> Iceberg is the inverse: a timestamp with any non-empty timezone is timestamptz, a
// fixed_size_binary(16) with the uuid extension metadata is uuid. Field ids are kept when every
// field carries one (list items, map keys and values included; the map's "entries" struct is
// structural and needs none), and assigned fresh when no field does, the way Iceberg assigns
// ids to a new table: a struct's own fields first (1..n at the top level), then, field by
// field, their children. Identifier field ids are not part of a columnar schema and come back
// empty.
#pragma once

#include <cstdint>

#include "floe/columnar/type.h"
#include "floe/core/result.h"
#include "floe/iceberg/schema.h"
#include "floe/iceberg/type.h"

namespace floe::iceberg {

// Field metadata that marks a fixed_size_binary(16) field as an Iceberg uuid.
inline constexpr const char* kArrowExtensionNameKey = "ARROW:extension:name";
inline constexpr const char* kArrowUuidExtensionName = "arrow.uuid";
// Field metadata carrying an Iceberg field's doc.
inline constexpr const char* kFieldDocKey = "doc";

// NotSupported naming the column when a type has no columnar form.
Result<columnar::Schema> ToColumnarSchema(const Schema& schema);
// The columnar type of one Iceberg type (nested fields carry their ids). The uuid extension
// metadata belongs to a field, so a bare uuid type maps to plain fixed_size_binary(16).
Result<columnar::DataType> ToColumnarType(const Type& type);

// InvalidArgument when some fields have ids and others do not, when a decimal's scale is
// outside [0, precision], or when the result breaks Schema::Make's rules (duplicate ids or
// names, empty names).
Result<Schema> FromColumnarSchema(const columnar::Schema& schema, int32_t schema_id = 0);

}  // namespace floe::iceberg
