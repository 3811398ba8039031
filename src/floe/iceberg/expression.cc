#include "floe/iceberg/expression.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace floe::iceberg {

namespace {

struct OperationInfo {
  Operation op;
  std::string_view name;
  std::string_view symbol;  // how ToString writes a predicate
};

constexpr std::array<OperationInfo, 19> kOperations = {{
    {Operation::kTrue, "true", "true"},
    {Operation::kFalse, "false", "false"},
    {Operation::kAnd, "and", "and"},
    {Operation::kOr, "or", "or"},
    {Operation::kNot, "not", "not"},
    {Operation::kIsNull, "is-null", "is null"},
    {Operation::kNotNull, "not-null", "is not null"},
    {Operation::kIsNan, "is-nan", "is nan"},
    {Operation::kNotNan, "not-nan", "is not nan"},
    {Operation::kLt, "lt", "<"},
    {Operation::kLtEq, "lt-eq", "<="},
    {Operation::kGt, "gt", ">"},
    {Operation::kGtEq, "gt-eq", ">="},
    {Operation::kEq, "eq", "="},
    {Operation::kNotEq, "not-eq", "!="},
    {Operation::kStartsWith, "starts-with", "starts with"},
    {Operation::kNotStartsWith, "not-starts-with", "not starts with"},
    {Operation::kIn, "in", "in"},
    {Operation::kNotIn, "not-in", "not in"},
}};

const OperationInfo& Info(Operation op) { return kOperations[static_cast<size_t>(op)]; }

ExprPtr MakeNode(Operation op, ExprPtr left, ExprPtr right) {
  return std::make_shared<const Expression>(op, std::move(left), std::move(right), Reference{},
                                            std::vector<Literal>{});
}

ExprPtr Unchecked(Operation op, std::string name, std::vector<Literal> literals) {
  return std::make_shared<const Expression>(op, nullptr, nullptr, Reference{std::move(name)},
                                            std::move(literals));
}

Status CheckPredicate(Operation op, const std::vector<Literal>& literals) {
  if (op < Operation::kIsNull) {
    return InvalidArgument("'{}' is not a predicate operation", OperationName(op));
  }
  if (IsUnaryOperation(op) && !literals.empty()) {
    return InvalidArgument("'{}' takes no value, got {}", OperationName(op), literals.size());
  }
  if (!IsUnaryOperation(op) && !IsSetOperation(op) && literals.size() != 1) {
    return InvalidArgument("'{}' takes one value, got {}", OperationName(op), literals.size());
  }
  for (const Literal& l : literals) {
    if (l.is_null()) {
      return InvalidArgument("'{}' cannot take a null value; use is-null or not-null",
                             OperationName(op));
    }
  }
  return OkStatus();
}

}  // namespace

std::string_view OperationName(Operation op) { return Info(op).name; }

Result<Operation> OperationFromName(std::string_view name) {
  for (const OperationInfo& info : kOperations) {
    if (info.name == name) return info.op;
  }
  return InvalidArgument("unknown expression type '{}'", name);
}

Operation NegateOperation(Operation op) {
  switch (op) {
    case Operation::kTrue:
      return Operation::kFalse;
    case Operation::kFalse:
      return Operation::kTrue;
    case Operation::kAnd:
      return Operation::kOr;
    case Operation::kOr:
      return Operation::kAnd;
    case Operation::kIsNull:
      return Operation::kNotNull;
    case Operation::kNotNull:
      return Operation::kIsNull;
    case Operation::kIsNan:
      return Operation::kNotNan;
    case Operation::kNotNan:
      return Operation::kIsNan;
    case Operation::kLt:
      return Operation::kGtEq;
    case Operation::kLtEq:
      return Operation::kGt;
    case Operation::kGt:
      return Operation::kLtEq;
    case Operation::kGtEq:
      return Operation::kLt;
    case Operation::kEq:
      return Operation::kNotEq;
    case Operation::kNotEq:
      return Operation::kEq;
    case Operation::kStartsWith:
      return Operation::kNotStartsWith;
    case Operation::kNotStartsWith:
      return Operation::kStartsWith;
    case Operation::kIn:
      return Operation::kNotIn;
    case Operation::kNotIn:
      return Operation::kIn;
    case Operation::kNot:
      break;
  }
  return op;
}

bool IsUnaryOperation(Operation op) {
  return op == Operation::kIsNull || op == Operation::kNotNull || op == Operation::kIsNan ||
         op == Operation::kNotNan;
}

bool IsSetOperation(Operation op) { return op == Operation::kIn || op == Operation::kNotIn; }

bool Reference::operator==(const Reference& other) const {
  return name == other.name && field_id == other.field_id && SameType(type, other.type);
}

Expression::Expression(Operation op, ExprPtr left, ExprPtr right, Reference ref,
                       std::vector<Literal> literals)
    : op_(op),
      left_(std::move(left)),
      right_(std::move(right)),
      ref_(std::move(ref)),
      literals_(std::move(literals)) {}

bool Expression::IsBound() const {
  if (is_predicate()) return ref_.bound();
  if (left_ && !left_->IsBound()) return false;
  return !right_ || right_->IsBound();
}

std::string Expression::ToString() const {
  switch (op_) {
    case Operation::kTrue:
    case Operation::kFalse:
      return std::string(Info(op_).symbol);
    case Operation::kAnd:
    case Operation::kOr:
      return fmt::format("({} {} {})", left_->ToString(), Info(op_).symbol, right_->ToString());
    case Operation::kNot:
      return fmt::format("not {}", left_->ToString());
    default:
      break;
  }
  const std::string& name = ref_.name;
  if (IsUnaryOperation(op_)) return fmt::format("{} {}", name, Info(op_).symbol);
  if (IsSetOperation(op_)) {
    std::string values;
    for (size_t i = 0; i < literals_.size(); ++i) {
      if (i > 0) values += ", ";
      values += literals_[i].ToString();
    }
    return fmt::format("{} {} ({})", name, Info(op_).symbol, values);
  }
  return fmt::format("{} {} {}", name, Info(op_).symbol, literals_.front().ToString());
}

bool Expression::Equals(const Expression& other) const {
  if (op_ != other.op_ || !(ref_ == other.ref_) || !(literals_ == other.literals_)) return false;
  auto same = [](const ExprPtr& a, const ExprPtr& b) {
    if (!a || !b) return a == b;
    return a->Equals(*b);
  };
  return same(left_, other.left_) && same(right_, other.right_);
}

ExprPtr AlwaysTrue() {
  static const ExprPtr kTrue = MakeNode(Operation::kTrue, nullptr, nullptr);
  return kTrue;
}

ExprPtr AlwaysFalse() {
  static const ExprPtr kFalse = MakeNode(Operation::kFalse, nullptr, nullptr);
  return kFalse;
}

ExprPtr And(ExprPtr left, ExprPtr right) {
  if (left->op() == Operation::kFalse || right->op() == Operation::kFalse) return AlwaysFalse();
  if (left->op() == Operation::kTrue) return right;
  if (right->op() == Operation::kTrue) return left;
  return MakeNode(Operation::kAnd, std::move(left), std::move(right));
}

ExprPtr Or(ExprPtr left, ExprPtr right) {
  if (left->op() == Operation::kTrue || right->op() == Operation::kTrue) return AlwaysTrue();
  if (left->op() == Operation::kFalse) return right;
  if (right->op() == Operation::kFalse) return left;
  return MakeNode(Operation::kOr, std::move(left), std::move(right));
}

ExprPtr Not(ExprPtr child) {
  if (child->op() == Operation::kTrue) return AlwaysFalse();
  if (child->op() == Operation::kFalse) return AlwaysTrue();
  if (child->op() == Operation::kNot) return child->child();
  return MakeNode(Operation::kNot, std::move(child), nullptr);
}

Result<ExprPtr> MakePredicate(Operation op, std::string name, std::vector<Literal> literals) {
  FLOE_RETURN_IF_ERROR(CheckPredicate(op, literals));
  if (name.empty()) return InvalidArgument("a predicate needs a column name");
  return Unchecked(op, std::move(name), std::move(literals));
}

Result<ExprPtr> MakeBoundPredicate(Operation op, Reference ref, std::vector<Literal> literals) {
  FLOE_RETURN_IF_ERROR(CheckPredicate(op, literals));
  if (!ref.bound()) return InvalidArgument("a bound predicate needs a typed reference");
  return std::make_shared<const Expression>(op, nullptr, nullptr, std::move(ref),
                                            std::move(literals));
}

ExprPtr IsNull(std::string name) { return Unchecked(Operation::kIsNull, std::move(name), {}); }
ExprPtr NotNull(std::string name) { return Unchecked(Operation::kNotNull, std::move(name), {}); }
ExprPtr IsNan(std::string name) { return Unchecked(Operation::kIsNan, std::move(name), {}); }
ExprPtr NotNan(std::string name) { return Unchecked(Operation::kNotNan, std::move(name), {}); }
ExprPtr LessThan(std::string name, Literal value) {
  return Unchecked(Operation::kLt, std::move(name), {std::move(value)});
}
ExprPtr LessThanOrEqual(std::string name, Literal value) {
  return Unchecked(Operation::kLtEq, std::move(name), {std::move(value)});
}
ExprPtr GreaterThan(std::string name, Literal value) {
  return Unchecked(Operation::kGt, std::move(name), {std::move(value)});
}
ExprPtr GreaterThanOrEqual(std::string name, Literal value) {
  return Unchecked(Operation::kGtEq, std::move(name), {std::move(value)});
}
ExprPtr Equal(std::string name, Literal value) {
  return Unchecked(Operation::kEq, std::move(name), {std::move(value)});
}
ExprPtr NotEqual(std::string name, Literal value) {
  return Unchecked(Operation::kNotEq, std::move(name), {std::move(value)});
}
ExprPtr StartsWith(std::string name, std::string prefix) {
  return Unchecked(Operation::kStartsWith, std::move(name), {Literal::String(std::move(prefix))});
}
ExprPtr NotStartsWith(std::string name, std::string prefix) {
  return Unchecked(Operation::kNotStartsWith, std::move(name),
                   {Literal::String(std::move(prefix))});
}
ExprPtr In(std::string name, std::vector<Literal> values) {
  return Unchecked(Operation::kIn, std::move(name), std::move(values));
}
ExprPtr NotIn(std::string name, std::vector<Literal> values) {
  return Unchecked(Operation::kNotIn, std::move(name), std::move(values));
}

ExprPtr Negate(const ExprPtr& expr) {
  switch (expr->op()) {
    case Operation::kTrue:
      return AlwaysFalse();
    case Operation::kFalse:
      return AlwaysTrue();
    case Operation::kAnd:
      return Or(Negate(expr->left()), Negate(expr->right()));
    case Operation::kOr:
      return And(Negate(expr->left()), Negate(expr->right()));
    case Operation::kNot:
      return RewriteNot(expr->child());
    default:
      return std::make_shared<const Expression>(NegateOperation(expr->op()), nullptr, nullptr,
                                                expr->ref(), expr->literals());
  }
}

ExprPtr RewriteNot(const ExprPtr& expr) {
  switch (expr->op()) {
    case Operation::kAnd:
      return And(RewriteNot(expr->left()), RewriteNot(expr->right()));
    case Operation::kOr:
      return Or(RewriteNot(expr->left()), RewriteNot(expr->right()));
    case Operation::kNot:
      return Negate(expr->child());
    default:
      return expr;
  }
}

}  // namespace floe::iceberg
