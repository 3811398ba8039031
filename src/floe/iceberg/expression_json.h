// JSON form of expressions, as the REST catalog's OpenAPI document defines them (schemas
// "Predicate", "AndOrPredicate", "NotPredicate", "UnaryPredicate", "ComparisonPredicate",
// "SetPredicate", "Reference", "Literal"), so that scan planning requests can carry filters.
//
//   true                                           always true (also {"type": "true"})
//   {"type": "and", "left": P, "right": P}         and "or"
//   {"type": "not", "child": P}
//   {"type": "is-null", "child": {"type": "reference", "name": "x"}}
//   {"type": "lt", "left": REF, "right": 5}        comparisons and starts-with
//   {"type": "in", "child": REF, "values": [1, 2]}
//
// Written literals are bare JSON values for booleans, ints, longs, doubles and strings, and
// typed objects {"type": "literal", "value": "2024-01-01", "data-type": "date"} otherwise (the
// value in the spec's single-value form; timestamp_ns values as integer nanoseconds). On read,
// bare integers become longs and bare decimals doubles; binding converts them to the column's
// type. The deprecated forms are read too: {"type": "true"}, "term" (a column name string) with
// "value", and {"type": "literals", "values": [...], "data-type": T}. Id references
// {"type": "reference", "id": 3} are resolved to names through the schema when one is given.
// Transform terms and function applications are NotSupported.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "floe/core/result.h"
#include "floe/iceberg/expression.h"
#include "floe/iceberg/schema.h"

namespace floe::iceberg {

// Bound and unbound expressions alike are written with named references.
nlohmann::json ExpressionToJson(const Expression& expr);
// An unbound expression; `schema` (optional) resolves id references.
Result<ExprPtr> ExpressionFromJson(const nlohmann::json& json, const Schema* schema = nullptr);

nlohmann::json LiteralToJson(const Literal& value);
Result<Literal> LiteralFromJson(const nlohmann::json& json);

}  // namespace floe::iceberg
