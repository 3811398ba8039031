// Literal conversion and ordering for expressions: binding converts a filter's literals to the
// type of the column they are compared with ("2024-01-01" to a date, 5 to a long, "1.50" to a
// decimal(9,2)); evaluators then order values of one type with CompareLiteralValues.
//
//   FLOE_ASSIGN_OR_RETURN(Literal d, ConvertLiteral(Literal::String("2024-01-01"),
//                                                   *PrimitiveType::Date()));
//   CompareLiteralValues(Literal::Int(1), Literal::Int(2));  // < 0
#pragma once

#include "floe/core/result.h"
#include "floe/iceberg/literal.h"
#include "floe/iceberg/type.h"

namespace floe::iceberg {

// `value` as a literal of primitive type `type`. Allowed: widening numbers (int to long, float
// or double; long to double; decimal to float, double or a decimal of no smaller scale), long to
// int and double to float when exact, int and long to decimal, strings parsed as the target
// (numbers, booleans, "YYYY-MM-DD" dates, "HH:MM:SS[.f]" times, ISO timestamps with an optional
// "+00:00"/"Z", uuids, decimals), dates to timestamps at midnight, timestamps between micro- and
// nanosecond precision, fixed and binary when the lengths fit. Else InvalidArgument
// "cannot compare <type> with <value>". REQUIRES: value is not null.
Result<Literal> ConvertLiteral(const Literal& value, const Type& type);

// Negative, zero or positive as a orders before, with, or after b. REQUIRES: both are non-null
// and of the same type id (decimals of the same scale). Floats order -NaN < -inf < ... < inf
// < NaN, as Iceberg's bounds do; strings, binary and uuids order by unsigned bytes.
int CompareLiteralValues(const Literal& a, const Literal& b);

}  // namespace floe::iceberg
