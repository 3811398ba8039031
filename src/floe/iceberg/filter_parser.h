// ParseFilter: reads the CLI's --where text into an unbound Expression.
//
//   ts >= '2024-01-01T00:00:00' and id in (1, 2, 3)
//       and not (name is null or name starts with 'tmp')
//
// Grammar (keywords case-insensitive; `or` binds loosest, then `and`, then `not`):
//   filter     := or
//   or         := and ("or" and)*
//   and        := unary ("and" unary)*
//   unary      := "not" unary | "(" or ")" | "true" | "false" | predicate
//   predicate  := column op value | column "is" ["not"] ("null" | "nan")
//               | column ["not"] "in" "(" value ("," value)* ")"
//               | column ["not"] "starts" "with" string
//   op         := "=" | "==" | "!=" | "<>" | "<" | "<=" | ">" | ">="
//   column     := name ("." name)* | "\"quoted name\"" | `quoted name`
//   value      := ["-"] number | 'string' ('' escapes a quote) | "true" | "false"
// Integers become longs, other numbers exact decimals ("1.50") or, with an exponent, doubles;
// binding converts them, and strings, to the column's type.
// Errors are InvalidArgument naming the 1-based character position and the problem:
// "filter: at position 9: expected a value, got end of input".
#pragma once

#include <string_view>

#include "floe/core/result.h"
#include "floe/iceberg/expression.h"

namespace floe::iceberg {

Result<ExprPtr> ParseFilter(std::string_view text);

}  // namespace floe::iceberg
