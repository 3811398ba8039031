#include "floe/iceberg/expression_bind.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "floe/iceberg/expression_literal.h"

namespace floe::iceberg {

namespace {

bool IsNanLiteral(const Literal& l) {
  if (l.type_id() == TypeId::kFloat) return std::isnan(l.float_value());
  if (l.type_id() == TypeId::kDouble) return std::isnan(l.double_value());
  return false;
}

Result<ExprPtr> BindPredicate(const Expression& pred, const Schema& schema, bool case_sensitive) {
  const std::string& name = pred.ref().name;
  auto found = schema.FindFieldByName(name, case_sensitive);
  if (!found.has_value()) {
    if (found.error().kind() == ErrorKind::kNotFound) {
      return InvalidArgument("no column '{}' in the table schema", name);
    }
    return InvalidArgument("column '{}': {}", name, found.error().message());
  }
  const NestedField& field = **found;
  const TypePtr& type = field.type();
  Reference ref{schema.FindColumnName(field.id()), field.id(), type};
  if (!type->is_primitive()) {
    return InvalidArgument("column '{}': cannot filter on a {} column", name, type->ToString());
  }
  Operation op = pred.op();
  switch (op) {
    case Operation::kIsNull:
      if (field.required()) return AlwaysFalse();
      return MakeBoundPredicate(op, std::move(ref));
    case Operation::kNotNull:
      if (field.required()) return AlwaysTrue();
      return MakeBoundPredicate(op, std::move(ref));
    case Operation::kIsNan:
    case Operation::kNotNan:
      if (type->id() != TypeId::kFloat && type->id() != TypeId::kDouble) {
        return InvalidArgument("column '{}': {} needs a float or double column, got {}", name,
                               OperationName(op), type->ToString());
      }
      return MakeBoundPredicate(op, std::move(ref));
    case Operation::kStartsWith:
    case Operation::kNotStartsWith:
      if (type->id() != TypeId::kString) {
        return InvalidArgument("column '{}': {} needs a string column, got {}", name,
                               OperationName(op), type->ToString());
      }
      break;
    default:
      break;
  }
  std::vector<Literal> values;
  values.reserve(pred.literals().size());
  for (const Literal& l : pred.literals()) {
    auto converted = ConvertLiteral(l, *type);
    if (!converted.has_value()) {
      return InvalidArgument("column '{}': {}", name, converted.error().message());
    }
    if (IsNanLiteral(*converted)) {
      return InvalidArgument("column '{}': cannot compare with NaN; use is-nan or not-nan", name);
    }
    values.push_back(std::move(converted).value());
  }
  if (IsSetOperation(op)) {
    std::sort(values.begin(), values.end(),
              [](const Literal& a, const Literal& b) { return CompareLiteralValues(a, b) < 0; });
    values.erase(std::unique(values.begin(), values.end(),
                             [](const Literal& a, const Literal& b) {
                               return CompareLiteralValues(a, b) == 0;
                             }),
                 values.end());
    if (values.empty()) return op == Operation::kIn ? AlwaysFalse() : AlwaysTrue();
    if (values.size() == 1) op = op == Operation::kIn ? Operation::kEq : Operation::kNotEq;
  }
  return MakeBoundPredicate(op, std::move(ref), std::move(values));
}

}  // namespace

Result<ExprPtr> Bind(const ExprPtr& expr, const Schema& schema, bool case_sensitive) {
  switch (expr->op()) {
    case Operation::kTrue:
    case Operation::kFalse:
      return expr;
    case Operation::kAnd:
    case Operation::kOr: {
      FLOE_ASSIGN_OR_RETURN(ExprPtr left, Bind(expr->left(), schema, case_sensitive));
      FLOE_ASSIGN_OR_RETURN(ExprPtr right, Bind(expr->right(), schema, case_sensitive));
      return expr->op() == Operation::kAnd ? And(std::move(left), std::move(right))
                                           : Or(std::move(left), std::move(right));
    }
    case Operation::kNot: {
      FLOE_ASSIGN_OR_RETURN(ExprPtr child, Bind(expr->child(), schema, case_sensitive));
      return Not(std::move(child));
    }
    default:
      if (expr->ref().bound()) return expr;
      return BindPredicate(*expr, schema, case_sensitive);
  }
}

}  // namespace floe::iceberg
