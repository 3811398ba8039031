// Array elements as JSON text and JSON values into builders: the shared core of the JSONL
// reader and writer, also used for nested columns in CSV and in the table printer.
//
// JSON form of each type (written; the reader accepts these and a little more):
//   boolean true/false; int32/int64 numbers; float32/float64 numbers, or the strings "NaN",
//   "Infinity", "-Infinity" (JSON has no such numbers); decimal128(P, S) a number with exactly S
//   fraction digits when P <= 15 (a double holds it exactly), else a string, so that no JSON
//   reader rounds it; date, time, timestamp strings as in text_values_internal.h; string a
//   string; binary and fixed_size_binary base64 strings; struct an object; list an array; map
//   with string keys an object, with other keys an array of {"key": k, "value": v} objects.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "floe/columnar/array.h"
#include "floe/columnar/array_builder.h"
#include "floe/columnar/type.h"

namespace floe::text::internal {

// Key order matters (struct fields and maps keep the file's order), so readers use ordered_json.
using Json = nlohmann::ordered_json;

// Appends `s` as a JSON string literal (quoted and escaped).
void AppendJsonString(std::string_view s, std::string* out);

// Appends element i of `array` as JSON (null for a null element).
void AppendJsonValue(const columnar::Array& array, int64_t i, std::string* out);

// Appends element i (REQUIRES: not null) in the plain text form of CSV and the table printer:
// scalars as in text_values_internal.h with binary as hex, nested values as JSON.
void AppendPlainText(const columnar::Array& array, int64_t i, std::string* out);

// Why a JSON value did not fit a type: `path` is where below the column ("" for the column
// itself, ".a", "[2]", "[\"k\"]" for a map entry), `value` the offending value as JSON text (""
// when the problem is not a value's), `problem` the reason ("is not an int64").
struct JsonProblem {
  std::string path;
  std::string value;
  std::string problem;
};

// Appends `value` as a value of `field`'s type to `builder` (as MakeBuilder made it for that type).
// JSON null appends a null, unless the field is not nullable. On failure returns false with
// *problem filled in; the builder may then hold a partial value and must be discarded.
bool AppendJson(const Json& value, const columnar::Field& field, columnar::ArrayBuilder& builder,
                JsonProblem* problem);

}  // namespace floe::text::internal
