#include "floe/iceberg/projection.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "floe/iceberg/expression_literal.h"

namespace floe::iceberg {

namespace {

// `value` moved by `delta` (+1 or -1) in its type's smallest step; nullopt for types without one.
std::optional<Literal> Step(const Literal& value, int delta) {
  switch (value.type_id()) {
    case TypeId::kInt:
      return Literal::Int(value.int_value() + delta);
    case TypeId::kDate:
      return Literal::Date(value.int_value() + delta);
    case TypeId::kLong:
      return Literal::Long(value.long_value() + delta);
    case TypeId::kTime:
      return Literal::Time(value.long_value() + delta);
    case TypeId::kTimestamp:
      return Literal::Timestamp(value.long_value() + delta);
    case TypeId::kTimestampTz:
      return Literal::TimestampTz(value.long_value() + delta);
    case TypeId::kTimestampNs:
      return Literal::TimestampNs(value.long_value() + delta);
    case TypeId::kTimestampTzNs:
      return Literal::TimestampTzNs(value.long_value() + delta);
    case TypeId::kDecimal:
      return Literal::Decimal(value.decimal_value().unscaled + delta, value.decimal_value().scale);
    default:
      return std::nullopt;
  }
}

struct Target {
  Reference ref;
  const Transform* transform;
};

Result<ExprPtr> Predicate(Operation op, const Target& t, std::vector<Literal> values = {}) {
  return MakeBoundPredicate(op, t.ref, std::move(values));
}

Result<Literal> Apply(const Target& t, const Literal& v) { return t.transform->Apply(v); }

Result<std::vector<Literal>> ApplyAll(const Target& t, const std::vector<Literal>& values) {
  std::vector<Literal> out;
  for (const Literal& v : values) {
    FLOE_ASSIGN_OR_RETURN(Literal r, Apply(t, v));
    if (std::none_of(out.begin(), out.end(), [&](const Literal& o) { return o == r; })) {
      out.push_back(std::move(r));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Literal& a, const Literal& b) { return CompareLiteralValues(a, b) < 0; });
  return out;
}

// op(transform(value stepped by delta)); when the value has no step, `fallback` (true or false).
Result<ExprPtr> Through(Operation op, const Target& t, const Literal& v, int delta,
                        const ExprPtr& fallback) {
  Literal stepped = v;
  if (delta != 0) {
    auto s = Step(v, delta);
    if (!s) return fallback;
    stepped = *s;
  }
  FLOE_ASSIGN_OR_RETURN(Literal r, Apply(t, stepped));
  return Predicate(op, t, {std::move(r)});
}

bool IsOrdered(TransformKind k) {
  return k == TransformKind::kTruncate || k == TransformKind::kYear || k == TransformKind::kMonth ||
         k == TransformKind::kDay || k == TransformKind::kHour;
}

Result<ExprPtr> Inclusive(const Expression& pred, const Target& t) {
  Operation op = pred.op();
  TransformKind kind = t.transform->kind();
  if (kind == TransformKind::kIdentity) return Predicate(op, t, pred.literals());
  if (kind == TransformKind::kVoid || kind == TransformKind::kUnknown) return AlwaysTrue();
  if (op == Operation::kIsNull || op == Operation::kNotNull) return Predicate(op, t);
  if (op == Operation::kEq) return Through(op, t, pred.literal(), 0, AlwaysTrue());
  if (op == Operation::kIn) {
    FLOE_ASSIGN_OR_RETURN(std::vector<Literal> values, ApplyAll(t, pred.literals()));
    Operation set_op = values.size() == 1 ? Operation::kEq : op;
    return Predicate(set_op, t, std::move(values));
  }
  if (!IsOrdered(kind)) return AlwaysTrue();
  bool is_string = pred.ref().type->id() == TypeId::kString;
  switch (op) {
    case Operation::kLt:
      return Through(Operation::kLtEq, t, pred.literal(), is_string ? 0 : -1, AlwaysTrue());
    case Operation::kLtEq:
      return Through(Operation::kLtEq, t, pred.literal(), 0, AlwaysTrue());
    case Operation::kGt:
      return Through(Operation::kGtEq, t, pred.literal(), is_string ? 0 : 1, AlwaysTrue());
    case Operation::kGtEq:
      return Through(Operation::kGtEq, t, pred.literal(), 0, AlwaysTrue());
    case Operation::kStartsWith:
      return Through(Operation::kStartsWith, t, pred.literal(), 0, AlwaysTrue());
    default:
      return AlwaysTrue();
  }
}

Result<ExprPtr> Strict(const Expression& pred, const Target& t) {
  Operation op = pred.op();
  TransformKind kind = t.transform->kind();
  if (kind == TransformKind::kIdentity) return Predicate(op, t, pred.literals());
  if (kind == TransformKind::kVoid || kind == TransformKind::kUnknown) return AlwaysFalse();
  if (op == Operation::kIsNull || op == Operation::kNotNull) return Predicate(op, t);
  if (op == Operation::kNotEq) return Through(op, t, pred.literal(), 0, AlwaysFalse());
  if (op == Operation::kNotIn) {
    FLOE_ASSIGN_OR_RETURN(std::vector<Literal> values, ApplyAll(t, pred.literals()));
    Operation set_op = values.size() == 1 ? Operation::kNotEq : op;
    return Predicate(set_op, t, std::move(values));
  }
  if (!IsOrdered(kind)) return AlwaysFalse();
  bool is_string = pred.ref().type->id() == TypeId::kString;
  switch (op) {
    case Operation::kLt:
      return Through(Operation::kLt, t, pred.literal(), 0, AlwaysFalse());
    case Operation::kLtEq:
      return Through(Operation::kLt, t, pred.literal(), is_string ? 0 : 1, AlwaysFalse());
    case Operation::kGt:
      return Through(Operation::kGt, t, pred.literal(), 0, AlwaysFalse());
    case Operation::kGtEq:
      return Through(Operation::kGt, t, pred.literal(), is_string ? 0 : -1, AlwaysFalse());
    case Operation::kStartsWith:
    case Operation::kNotStartsWith:
      // Only a prefix no longer than the width decides the whole value.
      if (static_cast<int64_t>(pred.literal().string_value().size()) > t.transform->param()) {
        return AlwaysFalse();
      }
      return Predicate(op, t, pred.literals());
    default:
      return AlwaysFalse();
  }
}

Result<ExprPtr> Project(const ExprPtr& expr, const PartitionSpec& spec, bool strict) {
  switch (expr->op()) {
    case Operation::kTrue:
    case Operation::kFalse:
      return expr;
    case Operation::kAnd:
    case Operation::kOr: {
      FLOE_ASSIGN_OR_RETURN(ExprPtr left, Project(expr->left(), spec, strict));
      FLOE_ASSIGN_OR_RETURN(ExprPtr right, Project(expr->right(), spec, strict));
      return expr->op() == Operation::kAnd ? And(left, right) : Or(left, right);
    }
    case Operation::kNot:
      return Internal("projection: not should have been rewritten");
    default:
      break;
  }
  ExprPtr result = strict ? AlwaysFalse() : AlwaysTrue();
  for (const PartitionField& field : spec.fields()) {
    if (field.source_id() != expr->ref().field_id) continue;
    const Transform& transform = field.transform();
    TypePtr type = expr->ref().type;
    if (!transform.is_unknown()) {
      auto result_type = transform.ResultType(type);
      if (!result_type.has_value()) {
        return InvalidArgument("partition field '{}': {}", field.name(),
                               result_type.error().message());
      }
      type = *result_type;
    }
    Target target{Reference{field.name(), field.field_id(), type}, &transform};
    FLOE_ASSIGN_OR_RETURN(ExprPtr p, strict ? Strict(*expr, target) : Inclusive(*expr, target));
    result = strict ? Or(result, p) : And(result, p);
  }
  return result;
}

Result<ExprPtr> ProjectChecked(const ExprPtr& bound_filter, const PartitionSpec& spec,
                               bool strict) {
  if (!bound_filter->IsBound()) {
    return InvalidArgument("projection needs a bound filter: {}", bound_filter->ToString());
  }
  return Project(RewriteNot(bound_filter), spec, strict);
}

}  // namespace

Result<ExprPtr> ProjectInclusive(const ExprPtr& bound_filter, const PartitionSpec& spec) {
  return ProjectChecked(bound_filter, spec, false);
}

Result<ExprPtr> ProjectStrict(const ExprPtr& bound_filter, const PartitionSpec& spec) {
  return ProjectChecked(bound_filter, spec, true);
}

}  // namespace floe::iceberg
