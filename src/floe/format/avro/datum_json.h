// Renders a Datum as JSON for tools, logs and tests.
//
// The mapping follows Avro's JSON encoding except for unions, which show the branch value alone
// (no {"type": value} wrapper), because the dumps are read by people and by tests that compare
// with other readers:
//   null, boolean, numbers   as JSON (longs keep all 64 bits; NaN and infinities become null)
//   string                   a JSON string
//   bytes, fixed             a string with one code point per byte (U+0000..U+00FF)
//   enum                     the symbol
//   array, map, record       array, object, object keyed by field name
#pragma once

#include <nlohmann/json.hpp>

#include "floe/format/avro/datum.h"
#include "floe/format/avro/schema.h"

namespace floe::avro {

// REQUIRES: `datum` was read with `node` or fits it; a mismatch renders as null.
nlohmann::json DatumToJson(const Node& node, const Datum& datum);

}  // namespace floe::avro
