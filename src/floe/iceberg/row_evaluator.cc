#include "floe/iceberg/row_evaluator.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <span>
#include <string_view>

#include "floe/columnar/bit_util.h"

namespace floe::iceberg {

namespace {

using columnar::Array;
using columnar::RecordBatch;
using columnar::TypeKind;

// out[i] = test(values[i]) for every row; the caller masks nulls afterwards.
template <typename V, typename Test>
void Fill(std::span<const V> values, Test test, std::span<uint8_t> out) {
  for (size_t i = 0; i < values.size(); ++i) out[i] = test(values[i]) ? 1 : 0;
}

template <typename V, typename L>
Status CompareColumn(Operation op, std::span<const V> values, const std::vector<L>& lits,
                     std::span<uint8_t> out) {
  switch (op) {
    case Operation::kLt:
      Fill(
          values, [l = lits[0]](const V& v) { return v < l; }, out);
      break;
    case Operation::kLtEq:
      Fill(
          values, [l = lits[0]](const V& v) { return v <= l; }, out);
      break;
    case Operation::kGt:
      Fill(
          values, [l = lits[0]](const V& v) { return v > l; }, out);
      break;
    case Operation::kGtEq:
      Fill(
          values, [l = lits[0]](const V& v) { return v >= l; }, out);
      break;
    case Operation::kEq:
      Fill(
          values, [l = lits[0]](const V& v) { return v == l; }, out);
      break;
    case Operation::kNotEq:
      Fill(
          values, [l = lits[0]](const V& v) { return v != l; }, out);
      break;
    case Operation::kIn:
    case Operation::kNotIn: {
      bool in = op == Operation::kIn;
      // Bound sets are sorted. Equality, not equivalence, decides: NaN is in no set.
      Fill(
          values,
          [&](const V& v) {
            auto value = static_cast<L>(v);
            auto it = std::lower_bound(lits.begin(), lits.end(), value);
            return (it != lits.end() && *it == value) == in;
          },
          out);
      break;
    }
    default:
      return Internal("operation {} is not a comparison", OperationName(op));
  }
  return OkStatus();
}

template <typename V, typename L, typename Get>
Status CompareWith(const Expression& pred, std::span<const V> values, Get get,
                   std::span<uint8_t> out) {
  std::vector<L> lits;
  lits.reserve(pred.literals().size());
  for (const Literal& l : pred.literals()) lits.push_back(get(l));
  return CompareColumn<V, L>(pred.op(), values, lits, out);
}

std::vector<std::string_view> Views(const Array& array) {
  std::vector<std::string_view> views(static_cast<size_t>(array.length()));
  for (int64_t i = 0; i < array.length(); ++i) views[static_cast<size_t>(i)] = array.GetView(i);
  return views;
}

std::string_view BytesView(const Literal& l) {
  switch (l.type_id()) {
    case TypeId::kString:
      return l.string_value();
    case TypeId::kUuid:
      return {reinterpret_cast<const char*>(l.uuid_value().data()), l.uuid_value().size()};
    default:
      return {reinterpret_cast<const char*>(l.bytes_value().data()), l.bytes_value().size()};
  }
}

Error Unsupported(const Expression& pred, const Array& array) {
  return NotSupported("column '{}': cannot evaluate a {} predicate over a {} array",
                      pred.ref().name, pred.ref().type->ToString(),
                      columnar::TypeKindName(array.kind()));
}

Status EvalComparison(const Expression& pred, const Array& array, std::span<uint8_t> out) {
  TypeId type = pred.ref().type->id();
  TypeKind kind = array.kind();
  auto as_long = [](const Literal& l) -> int64_t {
    return l.type_id() == TypeId::kInt || l.type_id() == TypeId::kDate ? l.int_value()
                                                                       : l.long_value();
  };
  auto as_double = [](const Literal& l) {
    return l.type_id() == TypeId::kFloat ? double{l.float_value()} : l.double_value();
  };
  switch (type) {
    case TypeId::kInt:
    case TypeId::kDate:
    case TypeId::kLong:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      if (kind == TypeKind::kInt32 || kind == TypeKind::kDate32) {
        return CompareWith<int32_t, int64_t>(pred, array.values<int32_t>(), as_long, out);
      }
      if (kind == TypeKind::kInt64 || kind == TypeKind::kTime64 || kind == TypeKind::kTimestamp) {
        return CompareWith<int64_t, int64_t>(pred, array.values<int64_t>(), as_long, out);
      }
      break;
    case TypeId::kFloat:
    case TypeId::kDouble:
      if (kind == TypeKind::kFloat32) {
        return CompareWith<float, double>(pred, array.values<float>(), as_double, out);
      }
      if (kind == TypeKind::kFloat64) {
        return CompareWith<double, double>(pred, array.values<double>(), as_double, out);
      }
      break;
    case TypeId::kBoolean:
      if (kind == TypeKind::kBoolean) {
        std::vector<uint8_t> bits(static_cast<size_t>(array.length()));
        for (int64_t i = 0; i < array.length(); ++i)
          bits[static_cast<size_t>(i)] = array.GetBool(i);
        return CompareWith<uint8_t, uint8_t>(
            pred, std::span<const uint8_t>(bits),
            [](const Literal& l) -> uint8_t { return l.bool_value() ? 1 : 0; }, out);
      }
      break;
    case TypeId::kDecimal:
      if (kind == TypeKind::kDecimal128) {
        std::vector<Int128> unscaled(static_cast<size_t>(array.length()));
        if (!unscaled.empty()) {
          std::memcpy(unscaled.data(), array.fixed_size_values(), unscaled.size() * 16);
        }
        return CompareWith<Int128, Int128>(
            pred, std::span<const Int128>(unscaled),
            [](const Literal& l) { return l.decimal_value().unscaled; }, out);
      }
      break;
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kFixed:
    case TypeId::kUuid:
      if (kind == TypeKind::kString || kind == TypeKind::kBinary ||
          kind == TypeKind::kFixedSizeBinary) {
        std::vector<std::string_view> views = Views(array);
        std::span<const std::string_view> span(views);
        if (pred.op() == Operation::kStartsWith || pred.op() == Operation::kNotStartsWith) {
          bool starts = pred.op() == Operation::kStartsWith;
          std::string_view prefix = BytesView(pred.literal());
          Fill(
              span, [&](std::string_view v) { return v.starts_with(prefix) == starts; }, out);
          return OkStatus();
        }
        return CompareWith<std::string_view, std::string_view>(pred, span, BytesView, out);
      }
      break;
    default:
      break;
  }
  return Unsupported(pred, array);
}

Result<const Array*> FindColumn(const Reference& ref, const RecordBatch& batch) {
  int index = batch.schema().GetFieldIndexById(ref.field_id);
  if (index >= 0) return &batch.column(index);
  const Array* by_name = batch.GetColumnByName(ref.name);
  if (by_name != nullptr) return by_name;
  return InvalidArgument("no column '{}' (field id {}) in the batch", ref.name, ref.field_id);
}

Status EvalPredicate(const Expression& pred, const RecordBatch& batch, std::span<uint8_t> out) {
  FLOE_ASSIGN_OR_RETURN(const Array* array, FindColumn(pred.ref(), batch));
  const int64_t n = array->length();
  switch (pred.op()) {
    case Operation::kIsNull:
    case Operation::kNotNull: {
      uint8_t when_null = pred.op() == Operation::kIsNull ? 1 : 0;
      for (int64_t i = 0; i < n; ++i) {
        out[static_cast<size_t>(i)] = array->IsNull(i) ? when_null : 1 - when_null;
      }
      return OkStatus();
    }
    case Operation::kIsNan:
    case Operation::kNotNan: {
      bool nan = pred.op() == Operation::kIsNan;
      if (array->kind() == TypeKind::kFloat32) {
        Fill(
            array->values<float>(), [&](float v) { return std::isnan(v) == nan; }, out);
      } else if (array->kind() == TypeKind::kFloat64) {
        Fill(
            array->values<double>(), [&](double v) { return std::isnan(v) == nan; }, out);
      } else {
        return Unsupported(pred, *array);
      }
      break;
    }
    default:
      FLOE_RETURN_IF_ERROR(EvalComparison(pred, *array, out));
      break;
  }
  if (array->null_count() != 0) {
    for (int64_t i = 0; i < n; ++i) {
      if (array->IsNull(i)) out[static_cast<size_t>(i)] = 0;
    }
  }
  return OkStatus();
}

Status Eval(const Expression& e, const RecordBatch& batch, std::span<uint8_t> out) {
  switch (e.op()) {
    case Operation::kTrue:
    case Operation::kFalse:
      std::fill(out.begin(), out.end(), e.op() == Operation::kTrue ? 1 : 0);
      return OkStatus();
    case Operation::kAnd:
    case Operation::kOr: {
      FLOE_RETURN_IF_ERROR(Eval(*e.left(), batch, out));
      std::vector<uint8_t> right(out.size());
      FLOE_RETURN_IF_ERROR(Eval(*e.right(), batch, right));
      if (e.op() == Operation::kAnd) {
        for (size_t i = 0; i < out.size(); ++i) out[i] &= right[i];
      } else {
        for (size_t i = 0; i < out.size(); ++i) out[i] |= right[i];
      }
      return OkStatus();
    }
    case Operation::kNot:
      return Internal("row evaluator: not should have been rewritten");
    default:
      return EvalPredicate(e, batch, out);
  }
}

}  // namespace

Result<RowEvaluator> RowEvaluator::Make(const ExprPtr& bound_filter) {
  if (!bound_filter->IsBound()) {
    return InvalidArgument("row filter is not bound: {}", bound_filter->ToString());
  }
  return RowEvaluator(RewriteNot(bound_filter));
}

Result<std::vector<uint8_t>> RowEvaluator::Evaluate(const RecordBatch& batch) const {
  std::vector<uint8_t> selected(static_cast<size_t>(batch.num_rows()));
  FLOE_RETURN_IF_ERROR(Eval(*expr_, batch, selected));
  return selected;
}

Result<std::vector<int64_t>> RowEvaluator::SelectRows(const RecordBatch& batch) const {
  FLOE_ASSIGN_OR_RETURN(std::vector<uint8_t> selected, Evaluate(batch));
  std::vector<int64_t> rows;
  for (size_t i = 0; i < selected.size(); ++i) {
    if (selected[i]) rows.push_back(static_cast<int64_t>(i));
  }
  return rows;
}

}  // namespace floe::iceberg
