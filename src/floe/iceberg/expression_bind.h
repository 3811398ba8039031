// Binding: resolves an unbound expression's column names against a table Schema, giving a bound
// expression whose predicates carry the field id, full column name and type, and whose literals
// are converted to that type (expression_literal.h).
//
//   FLOE_ASSIGN_OR_RETURN(ExprPtr bound, Bind(Equal("ID", Literal::Int(5)), schema,
//                                             /*case_sensitive=*/false));
//
// Binding also simplifies what the schema decides: "is null" on a required column is false and
// "not null" true; "in" with one value becomes "=", with none false; duplicate set values go.
// Errors (InvalidArgument) name the column: "no column 'x' in the table schema",
// "column 'ts': cannot compare timestamptz with 'abc'", "column 'id': is-nan needs a float or
// double column, got long".
#pragma once

#include "floe/core/result.h"
#include "floe/iceberg/expression.h"
#include "floe/iceberg/schema.h"

namespace floe::iceberg {

// Already bound predicates are kept as they are.
Result<ExprPtr> Bind(const ExprPtr& expr, const Schema& schema, bool case_sensitive = true);

}  // namespace floe::iceberg
