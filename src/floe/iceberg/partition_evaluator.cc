#include "floe/iceberg/partition_evaluator.h"

#include <cmath>

#include "floe/iceberg/expression_literal.h"
#include "floe/iceberg/projection.h"

namespace floe::iceberg {

namespace {

bool IsIntLike(TypeId t) { return t == TypeId::kInt || t == TypeId::kDate; }
bool IsLongLike(TypeId t) {
  return t == TypeId::kLong || t == TypeId::kTime || t == TypeId::kTimestamp ||
         t == TypeId::kTimestampTz || t == TypeId::kTimestampNs || t == TypeId::kTimestampTzNs;
}

Result<int> Compare(const Literal& value, const Literal& lit, const Reference& ref) {
  TypeId a = value.type_id(), b = lit.type_id();
  if (a == b) return CompareLiteralValues(value, lit);
  if (IsIntLike(a) && IsIntLike(b))
    return CompareLiteralValues(Literal::Int(value.int_value()), Literal::Int(lit.int_value()));
  if (IsLongLike(a) && IsLongLike(b))
    return CompareLiteralValues(Literal::Long(value.long_value()), Literal::Long(lit.long_value()));
  return InvalidArgument("partition field '{}': cannot compare {} with {}", ref.name, TypeIdName(a),
                         TypeIdName(b));
}

bool IsNanValue(const Literal& v) {
  if (v.type_id() == TypeId::kFloat) return std::isnan(v.float_value());
  if (v.type_id() == TypeId::kDouble) return std::isnan(v.double_value());
  return false;
}

Result<bool> EvalPredicate(const Expression& pred, const Literal& value) {
  Operation op = pred.op();
  if (op == Operation::kIsNull) return value.is_null();
  if (op == Operation::kNotNull) return !value.is_null();
  if (value.is_null()) return false;
  switch (op) {
    case Operation::kIsNan:
      return IsNanValue(value);
    case Operation::kNotNan:
      return !IsNanValue(value);
    case Operation::kStartsWith:
    case Operation::kNotStartsWith: {
      if (value.type_id() != TypeId::kString) {
        return InvalidArgument("partition field '{}': starts-with needs a string", pred.ref().name);
      }
      bool starts = value.string_value().starts_with(pred.literal().string_value());
      return starts == (op == Operation::kStartsWith);
    }
    case Operation::kIn:
    case Operation::kNotIn: {
      bool found = false;
      for (const Literal& l : pred.literals()) {
        FLOE_ASSIGN_OR_RETURN(int c, Compare(value, l, pred.ref()));
        if (c == 0 && !IsNanValue(value)) found = true;
      }
      return found == (op == Operation::kIn);
    }
    default:
      break;
  }
  if (IsNanValue(value)) return op == Operation::kNotEq;
  FLOE_ASSIGN_OR_RETURN(int c, Compare(value, pred.literal(), pred.ref()));
  switch (op) {
    case Operation::kLt:
      return c < 0;
    case Operation::kLtEq:
      return c <= 0;
    case Operation::kGt:
      return c > 0;
    case Operation::kGtEq:
      return c >= 0;
    case Operation::kEq:
      return c == 0;
    case Operation::kNotEq:
      return c != 0;
    default:
      return Internal("partition evaluator: unexpected operation {}", OperationName(op));
  }
}

}  // namespace

Result<PartitionEvaluator> PartitionEvaluator::Make(const ExprPtr& bound_filter,
                                                    const PartitionSpec& spec) {
  FLOE_ASSIGN_OR_RETURN(ExprPtr inclusive, ProjectInclusive(bound_filter, spec));
  FLOE_ASSIGN_OR_RETURN(ExprPtr strict, ProjectStrict(bound_filter, spec));
  return PartitionEvaluator(spec, std::move(inclusive), std::move(strict));
}

Result<bool> PartitionEvaluator::MightMatch(const std::vector<Literal>& partition) const {
  return Evaluate(*inclusive_, spec_, partition);
}

Result<bool> PartitionEvaluator::AllMatch(const std::vector<Literal>& partition) const {
  return Evaluate(*strict_, spec_, partition);
}

Result<bool> PartitionEvaluator::Evaluate(const Expression& e, const PartitionSpec& spec,
                                          const std::vector<Literal>& partition) {
  if (partition.size() != spec.fields().size()) {
    return InvalidArgument("partition tuple has {} values, spec {} has {} fields", partition.size(),
                           spec.spec_id(), spec.fields().size());
  }
  switch (e.op()) {
    case Operation::kTrue:
      return true;
    case Operation::kFalse:
      return false;
    case Operation::kAnd: {
      FLOE_ASSIGN_OR_RETURN(bool left, Evaluate(*e.left(), spec, partition));
      if (!left) return false;
      return Evaluate(*e.right(), spec, partition);
    }
    case Operation::kOr: {
      FLOE_ASSIGN_OR_RETURN(bool left, Evaluate(*e.left(), spec, partition));
      if (left) return true;
      return Evaluate(*e.right(), spec, partition);
    }
    case Operation::kNot: {
      // Not of unknown is false: push the not into the predicates instead of inverting.
      return Evaluate(*Negate(e.child()), spec, partition);
    }
    default:
      break;
  }
  for (size_t i = 0; i < spec.fields().size(); ++i) {
    if (spec.fields()[i].field_id() == e.ref().field_id) {
      return EvalPredicate(e, partition[i]);
    }
  }
  return InvalidArgument("no partition field with id {} ('{}') in spec {}", e.ref().field_id,
                         e.ref().name, spec.spec_id());
}

}  // namespace floe::iceberg
