// Expression: a row filter as an immutable tree: always-true and always-false, and/or/not, and
// predicates on one column (comparisons, in and not in, null and NaN tests, starts with).
//
// An expression is unbound while its predicates name columns ("ts"); Bind (expression_bind.h)
// resolves the names against a Schema, giving bound predicates that carry the field id and type,
// with their literals converted to that type. Scans, evaluators and projections take bound ones.
//
//   ExprPtr e = And(GreaterThanOrEqual("id", Literal::Long(10)), NotNull("name"));
//   FLOE_ASSIGN_OR_RETURN(ExprPtr p, MakePredicate(Operation::kIn, "id", {Literal::Int(1)}));
//   e->ToString();  // "(id >= 10 and name is not null)"
//
// The factories simplify as they build: And(x, false) is false, Not(Not(x)) is x, and so on.
// Negate gives the logical complement with nots pushed down to the predicates.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "floe/core/result.h"
#include "floe/iceberg/literal.h"
#include "floe/iceberg/type.h"

namespace floe::iceberg {

enum class Operation : uint8_t {
  kTrue,
  kFalse,
  kAnd,
  kOr,
  kNot,
  kIsNull,
  kNotNull,
  kIsNan,
  kNotNan,
  kLt,
  kLtEq,
  kGt,
  kGtEq,
  kEq,
  kNotEq,
  kStartsWith,
  kNotStartsWith,
  kIn,
  kNotIn,
};

// The REST names: "true", "and", "lt-eq", "not-in", "starts-with", ...
std::string_view OperationName(Operation op);
Result<Operation> OperationFromName(std::string_view name);
// The complement of a predicate's operation (lt <-> gt-eq, in <-> not-in, ...), and and <-> or,
// true <-> false. REQUIRES: op != kNot.
Operation NegateOperation(Operation op);
// Whether the operation takes no literal, one literal, or a set of literals.
bool IsUnaryOperation(Operation op);
bool IsSetOperation(Operation op);

// The column a predicate tests: a name when unbound; when bound, also the field id and type.
struct Reference {
  std::string name;
  int32_t field_id = -1;
  TypePtr type;  // null while unbound

  bool bound() const { return type != nullptr; }
  bool operator==(const Reference& other) const;
};

class Expression;
using ExprPtr = std::shared_ptr<const Expression>;

class Expression {
 public:
  Operation op() const { return op_; }
  bool is_predicate() const { return op_ >= Operation::kIsNull; }
  bool is_constant() const { return op_ == Operation::kTrue || op_ == Operation::kFalse; }
  // Children: left and right for and/or; child (== left) for not. Null otherwise.
  const ExprPtr& left() const { return left_; }
  const ExprPtr& right() const { return right_; }
  const ExprPtr& child() const { return left_; }
  // Predicates only.
  const Reference& ref() const { return ref_; }
  // One literal for comparisons and starts-with, the set for in/not-in, none for unary tests.
  const std::vector<Literal>& literals() const { return literals_; }
  const Literal& literal() const { return literals_.front(); }

  // Whether every predicate in the tree is bound (constants are bound).
  bool IsBound() const;

  // "(id >= 10 and not name is null)", "id in (1, 2)", "name starts with 'x'".
  std::string ToString() const;
  // Structural equality (same shape, operations, references and literals in order).
  bool Equals(const Expression& other) const;

  // Public for make_shared; use the factories below.
  Expression(Operation op, ExprPtr left, ExprPtr right, Reference ref,
             std::vector<Literal> literals);

 private:
  Operation op_;
  ExprPtr left_;
  ExprPtr right_;
  Reference ref_;
  std::vector<Literal> literals_;
};

ExprPtr AlwaysTrue();
ExprPtr AlwaysFalse();
ExprPtr And(ExprPtr left, ExprPtr right);
ExprPtr Or(ExprPtr left, ExprPtr right);
ExprPtr Not(ExprPtr child);

// A predicate on the column `name`. Checks the literal count for the operation (none for unary
// tests, one for comparisons and starts-with, any number for in/not-in) and that no literal is
// null. REQUIRES: op is a predicate operation (else InvalidArgument).
Result<ExprPtr> MakePredicate(Operation op, std::string name, std::vector<Literal> literals = {});
// The same for a bound reference; literals must already be of the reference's type.
Result<ExprPtr> MakeBoundPredicate(Operation op, Reference ref, std::vector<Literal> literals = {});

// Shorthands for predicates whose arity is known good. REQUIRES: literals are not null.
ExprPtr IsNull(std::string name);
ExprPtr NotNull(std::string name);
ExprPtr IsNan(std::string name);
ExprPtr NotNan(std::string name);
ExprPtr LessThan(std::string name, Literal value);
ExprPtr LessThanOrEqual(std::string name, Literal value);
ExprPtr GreaterThan(std::string name, Literal value);
ExprPtr GreaterThanOrEqual(std::string name, Literal value);
ExprPtr Equal(std::string name, Literal value);
ExprPtr NotEqual(std::string name, Literal value);
ExprPtr StartsWith(std::string name, std::string prefix);
ExprPtr NotStartsWith(std::string name, std::string prefix);
ExprPtr In(std::string name, std::vector<Literal> values);
ExprPtr NotIn(std::string name, std::vector<Literal> values);

// The complement of `expr`, with the negation pushed down to the predicates (de Morgan).
ExprPtr Negate(const ExprPtr& expr);
// `expr` with every not removed by pushing it down (used before evaluating with metrics).
ExprPtr RewriteNot(const ExprPtr& expr);

}  // namespace floe::iceberg
