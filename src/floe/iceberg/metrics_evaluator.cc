#include "floe/iceberg/metrics_evaluator.h"

#include <cmath>
#include <optional>

#include "floe/iceberg/expression_literal.h"

namespace floe::iceberg {

namespace {

bool IsIntLike(TypeId t) { return t == TypeId::kInt || t == TypeId::kDate; }
bool IsLongLike(TypeId t) {
  return t == TypeId::kLong || t == TypeId::kTime || t == TypeId::kTimestamp ||
         t == TypeId::kTimestampTz || t == TypeId::kTimestampNs || t == TypeId::kTimestampTzNs;
}
bool IsNan(const Literal& v) {
  if (v.type_id() == TypeId::kFloat) return std::isnan(v.float_value());
  if (v.type_id() == TypeId::kDouble) return std::isnan(v.double_value());
  return false;
}

// Order of a bound against a literal; nullopt when they cannot be compared (unknown).
std::optional<int> Compare(const Literal& bound, const Literal& lit) {
  if (bound.is_null() || IsNan(bound)) return std::nullopt;
  TypeId a = bound.type_id(), b = lit.type_id();
  if (a == b) {
    if (a == TypeId::kDecimal && bound.decimal_value().scale != lit.decimal_value().scale) {
      return std::nullopt;
    }
    return CompareLiteralValues(bound, lit);
  }
  if (IsIntLike(a) && IsIntLike(b)) {
    return CompareLiteralValues(Literal::Int(bound.int_value()), Literal::Int(lit.int_value()));
  }
  if (IsLongLike(a) && IsLongLike(b)) {
    return CompareLiteralValues(Literal::Long(bound.long_value()), Literal::Long(lit.long_value()));
  }
  return std::nullopt;
}

// The statistics of one column.
struct Stats {
  std::optional<int64_t> values, nulls, nans;
  const Literal* lower = nullptr;
  const Literal* upper = nullptr;
  bool floating = false;

  bool AllNull() const { return values && nulls && *values == *nulls; }
  bool NoNulls() const { return nulls && *nulls == 0; }
  bool NoNans() const { return !floating || (nans && *nans == 0); }
  bool AllNan() const { return values && nans && *values == *nans; }
};

template <typename M>
std::optional<int64_t> Count(const M& map, int32_t id) {
  auto it = map.find(id);
  if (it == map.end()) return std::nullopt;
  return it->second;
}

Stats StatsOf(const FileMetrics& m, const Reference& ref) {
  Stats s;
  s.values = Count(m.value_counts, ref.field_id);
  s.nulls = Count(m.null_value_counts, ref.field_id);
  s.nans = Count(m.nan_value_counts, ref.field_id);
  auto lo = m.lower_bounds.find(ref.field_id);
  if (lo != m.lower_bounds.end()) s.lower = &lo->second;
  auto hi = m.upper_bounds.find(ref.field_id);
  if (hi != m.upper_bounds.end()) s.upper = &hi->second;
  s.floating = ref.type->id() == TypeId::kFloat || ref.type->id() == TypeId::kDouble;
  return s;
}

// Whether the optional comparison is known and satisfies `test`.
template <typename Test>
bool Known(const Literal* bound, const Literal& lit, Test test) {
  if (bound == nullptr) return false;
  auto c = Compare(*bound, lit);
  return c.has_value() && test(*c);
}

bool StartsWith(const Literal* bound, const std::string& prefix) {
  return bound != nullptr && bound->type_id() == TypeId::kString &&
         bound->string_value().starts_with(prefix);
}

// The bound's first prefix.size() bytes against the prefix; nullopt when unknown.
std::optional<int> ComparePrefix(const Literal* bound, const std::string& prefix) {
  if (bound == nullptr || bound->type_id() != TypeId::kString) return std::nullopt;
  std::string head = bound->string_value().substr(0, prefix.size());
  return CompareLiteralValues(Literal::String(head), Literal::String(prefix));
}

bool MightMatchPredicate(const Expression& p, const FileMetrics& m) {
  Stats s = StatsOf(m, p.ref());
  Operation op = p.op();
  switch (op) {
    case Operation::kIsNull:
      return !(s.nulls && *s.nulls == 0);
    case Operation::kNotNull:
      return !s.AllNull();
    case Operation::kIsNan:
      return !(s.nans && *s.nans == 0) && !s.AllNull();
    case Operation::kNotNan:
      return !s.AllNan() && !s.AllNull();
    case Operation::kNotEq:
    case Operation::kNotIn:
      return !s.AllNull() && !s.AllNan();
    default:
      break;
  }
  if (s.AllNull() || s.AllNan()) return false;
  switch (op) {
    case Operation::kLt:
      return !Known(s.lower, p.literal(), [](int c) { return c >= 0; });
    case Operation::kLtEq:
      return !Known(s.lower, p.literal(), [](int c) { return c > 0; });
    case Operation::kGt:
      return !Known(s.upper, p.literal(), [](int c) { return c <= 0; });
    case Operation::kGtEq:
      return !Known(s.upper, p.literal(), [](int c) { return c < 0; });
    case Operation::kEq:
      return !Known(s.lower, p.literal(), [](int c) { return c > 0; }) &&
             !Known(s.upper, p.literal(), [](int c) { return c < 0; });
    case Operation::kIn:
      for (const Literal& v : p.literals()) {
        if (!Known(s.lower, v, [](int c) { return c > 0; }) &&
            !Known(s.upper, v, [](int c) { return c < 0; })) {
          return true;
        }
      }
      return false;
    case Operation::kStartsWith: {
      const std::string& prefix = p.literal().string_value();
      auto lo = ComparePrefix(s.lower, prefix);
      auto hi = ComparePrefix(s.upper, prefix);
      return !(lo && *lo > 0) && !(hi && *hi < 0);
    }
    case Operation::kNotStartsWith: {
      const std::string& prefix = p.literal().string_value();
      // Nulls never match, so bounds that both start with the prefix leave nothing to match.
      return !(StartsWith(s.lower, prefix) && StartsWith(s.upper, prefix));
    }
    default:
      return true;
  }
}

bool AllMatchPredicate(const Expression& p, const FileMetrics& m) {
  Stats s = StatsOf(m, p.ref());
  Operation op = p.op();
  switch (op) {
    case Operation::kIsNull:
      return s.AllNull();
    case Operation::kNotNull:
      return s.NoNulls();
    case Operation::kIsNan:
      return s.AllNan();
    case Operation::kNotNan:
      return s.NoNulls() && s.nans && *s.nans == 0;
    default:
      break;
  }
  if (!s.NoNulls()) return false;
  switch (op) {
    case Operation::kLt:
      return s.NoNans() && Known(s.upper, p.literal(), [](int c) { return c < 0; });
    case Operation::kLtEq:
      return s.NoNans() && Known(s.upper, p.literal(), [](int c) { return c <= 0; });
    case Operation::kGt:
      return s.NoNans() && Known(s.lower, p.literal(), [](int c) { return c > 0; });
    case Operation::kGtEq:
      return s.NoNans() && Known(s.lower, p.literal(), [](int c) { return c >= 0; });
    case Operation::kEq:
    case Operation::kIn:
      if (!s.NoNans()) return false;
      for (const Literal& v : p.literals()) {
        if (Known(s.lower, v, [](int c) { return c == 0; }) &&
            Known(s.upper, v, [](int c) { return c == 0; })) {
          return true;
        }
      }
      return false;
    case Operation::kNotEq:
    case Operation::kNotIn:
      for (const Literal& v : p.literals()) {
        if (!Known(s.lower, v, [](int c) { return c > 0; }) &&
            !Known(s.upper, v, [](int c) { return c < 0; })) {
          return false;
        }
      }
      return true;
    case Operation::kStartsWith: {
      const std::string& prefix = p.literal().string_value();
      return StartsWith(s.lower, prefix) && StartsWith(s.upper, prefix);
    }
    case Operation::kNotStartsWith: {
      const std::string& prefix = p.literal().string_value();
      auto lo = ComparePrefix(s.lower, prefix);
      auto hi = ComparePrefix(s.upper, prefix);
      return (lo && *lo > 0) || (hi && *hi < 0);
    }
    default:
      return false;
  }
}

bool FileMightMatch(const Expression& e, const FileMetrics& m) {
  switch (e.op()) {
    case Operation::kTrue:
      return true;
    case Operation::kFalse:
      return false;
    case Operation::kAnd:
      return FileMightMatch(*e.left(), m) && FileMightMatch(*e.right(), m);
    case Operation::kOr:
      return FileMightMatch(*e.left(), m) || FileMightMatch(*e.right(), m);
    case Operation::kNot:
      return true;  // rewritten away in Make
    default:
      return MightMatchPredicate(e, m);
  }
}

bool FileAllMatch(const Expression& e, const FileMetrics& m) {
  switch (e.op()) {
    case Operation::kTrue:
      return true;
    case Operation::kFalse:
      return false;
    case Operation::kAnd:
      return FileAllMatch(*e.left(), m) && FileAllMatch(*e.right(), m);
    case Operation::kOr:
      return FileAllMatch(*e.left(), m) || FileAllMatch(*e.right(), m);
    case Operation::kNot:
      return false;  // rewritten away in Make
    default:
      return AllMatchPredicate(e, m);
  }
}

Result<ExprPtr> Prepare(const ExprPtr& bound_filter) {
  if (!bound_filter->IsBound()) {
    return InvalidArgument("metrics evaluation needs a bound filter: {}", bound_filter->ToString());
  }
  return RewriteNot(bound_filter);
}

}  // namespace

Result<InclusiveMetricsEvaluator> InclusiveMetricsEvaluator::Make(const ExprPtr& bound_filter) {
  FLOE_ASSIGN_OR_RETURN(ExprPtr expr, Prepare(bound_filter));
  return InclusiveMetricsEvaluator(std::move(expr));
}

bool InclusiveMetricsEvaluator::MightMatch(const FileMetrics& metrics) const {
  if (metrics.record_count == 0) return false;
  return FileMightMatch(*expr_, metrics);
}

Result<StrictMetricsEvaluator> StrictMetricsEvaluator::Make(const ExprPtr& bound_filter) {
  FLOE_ASSIGN_OR_RETURN(ExprPtr expr, Prepare(bound_filter));
  return StrictMetricsEvaluator(std::move(expr));
}

bool StrictMetricsEvaluator::AllMatch(const FileMetrics& metrics) const {
  if (metrics.record_count == 0) return true;
  return FileAllMatch(*expr_, metrics);
}

}  // namespace floe::iceberg
