// Reads and writes a Datum in Avro's binary encoding, guided by its schema node.
//
// The byte layout of each type is described in encoder.h. Writing checks that the datum fits
// the schema (kInvalidArgument if not); reading checks the bytes (kCorruptFile if they are
// wrong) and bounds nesting depth, so that hostile data cannot exhaust the stack.
//
//   FLOE_RETURN_IF_ERROR(WriteDatum(schema->root(), record, encoder));
//   FLOE_ASSIGN_OR_RETURN(Datum back, ReadDatum(schema->root(), decoder));
//
// Writing to a union: a datum whose union_branch() is set goes to that branch; otherwise to the
// first branch its kind fits (null to "null", an int to "int" or else "long", a record to the
// first record branch, and so on).
#pragma once

#include "floe/core/result.h"
#include "floe/format/avro/datum.h"
#include "floe/format/avro/decoder.h"
#include "floe/format/avro/encoder.h"
#include "floe/format/avro/schema.h"

namespace floe::avro {

// Records, arrays, maps and unions nested deeper than this are refused on read and write.
inline constexpr int kMaxDatumDepth = 256;

Status WriteDatum(const Node& node, const Datum& datum, Encoder& encoder);

Result<Datum> ReadDatum(const Node& node, Decoder& decoder);

// Advances past one value without building it.
Status SkipDatum(const Node& node, Decoder& decoder);

}  // namespace floe::avro
