#include "floe/iceberg/expression_json.h"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "floe/iceberg/expression_literal.h"
#include "floe/iceberg/json_internal.h"
#include "floe/iceberg/temporal_internal.h"
#include "floe/iceberg/type_json.h"

namespace floe::iceberg {

namespace {

using nlohmann::json;

constexpr std::string_view kWhat = "expression";

std::string Hex(const Literal::Bytes& bytes) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
  }
  return out;
}

Result<Literal::Bytes> Unhex(std::string_view s) {
  if (s.size() % 2 != 0) return InvalidArgument("literal: odd-length hex string '{}'", s);
  Literal::Bytes out;
  out.reserve(s.size() / 2);
  auto digit = [](char c) {
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
  };
  for (size_t i = 0; i < s.size(); i += 2) {
    int hi = digit(s[i]), lo = digit(s[i + 1]);
    if (hi < 0 || lo < 0) return InvalidArgument("literal: malformed hex string '{}'", s);
    out.push_back(static_cast<uint8_t>(hi << 4 | lo));
  }
  return out;
}

// The spec's single-value JSON form of a non-bare literal.
json SingleValue(const Literal& value) {
  switch (value.type_id()) {
    case TypeId::kFloat:
      return value.float_value();
    case TypeId::kDate:
      return internal::FormatDate(value.int_value());
    case TypeId::kTime:
      return internal::FormatTimeOfDay(value.long_value());
    case TypeId::kTimestamp:
      return internal::FormatTimestamp(value.long_value(), false);
    case TypeId::kTimestampTz:
      return internal::FormatTimestamp(value.long_value(), true);
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      return value.long_value();
    case TypeId::kDecimal:
      return DecimalToString(value.decimal_value().unscaled, value.decimal_value().scale);
    case TypeId::kUuid:
      return value.ToString();
    case TypeId::kFixed:
    case TypeId::kBinary:
      return Hex(value.bytes_value());
    default:
      return nullptr;
  }
}

TypePtr TypeOf(const Literal& value) {
  switch (value.type_id()) {
    case TypeId::kDecimal:
      return PrimitiveType::Decimal(38, value.decimal_value().scale).value();
    case TypeId::kFixed:
      return PrimitiveType::Fixed(static_cast<int64_t>(value.bytes_value().size())).value();
    default:
      return PrimitiveType::Of(value.type_id());
  }
}

Result<Literal> BareFromJson(const json& j) {
  if (j.is_boolean()) return Literal::Boolean(j.get<bool>());
  if (j.is_number_integer()) {
    FLOE_ASSIGN_OR_RETURN(int64_t v, internal::AsInt64(j, "literal", "value"));
    return Literal::Long(v);
  }
  if (j.is_number_float()) return Literal::Double(j.get<double>());
  if (j.is_string()) return Literal::String(j.get<std::string>());
  return InvalidArgument("literal: expected a boolean, number or string, got {}", j.type_name());
}

Result<Literal> TypedFromJson(const json& value, const Type& type) {
  TypeId id = type.id();
  if ((id == TypeId::kTimestampNs || id == TypeId::kTimestampTzNs) && value.is_number_integer()) {
    FLOE_ASSIGN_OR_RETURN(int64_t v, internal::AsInt64(value, "literal", "value"));
    return id == TypeId::kTimestampNs ? Literal::TimestampNs(v) : Literal::TimestampTzNs(v);
  }
  if (id == TypeId::kFixed || id == TypeId::kBinary) {
    if (!value.is_string())
      return InvalidArgument("literal: {} values are hex strings", type.ToString());
    FLOE_ASSIGN_OR_RETURN(Literal::Bytes bytes, Unhex(value.get<std::string>()));
    if (id == TypeId::kBinary) return Literal::Binary(std::move(bytes));
    return ConvertLiteral(Literal::Fixed(std::move(bytes)), type);
  }
  FLOE_ASSIGN_OR_RETURN(Literal bare, BareFromJson(value));
  return ConvertLiteral(bare, type);
}

Result<TypePtr> DataType(const json& j) {
  FLOE_ASSIGN_OR_RETURN(const json* t, internal::Member(j, "literal", "data-type"));
  return TypeFromJson(*t);
}

Result<std::vector<Literal>> LiteralsFromJson(const json& j) {
  std::vector<Literal> out;
  if (j.is_array()) {
    for (const json& v : j) {
      FLOE_ASSIGN_OR_RETURN(Literal l, LiteralFromJson(v));
      out.push_back(std::move(l));
    }
    return out;
  }
  if (!j.is_object() || j.value("type", "") != "literals") {
    return InvalidArgument("expression: 'values' must be an array or a typed literals object");
  }
  FLOE_ASSIGN_OR_RETURN(TypePtr type, DataType(j));
  FLOE_ASSIGN_OR_RETURN(const json* values, internal::Member(j, "literals", "values"));
  if (!values->is_array()) return InvalidArgument("literals: 'values' must be an array");
  for (const json& v : *values) {
    FLOE_ASSIGN_OR_RETURN(Literal l, TypedFromJson(v, *type));
    out.push_back(std::move(l));
  }
  return out;
}

json ReferenceToJson(const Reference& ref) { return {{"type", "reference"}, {"name", ref.name}}; }

Result<std::string> ReferenceFromJson(const json& j, const Schema* schema) {
  if (j.is_string()) return j.get<std::string>();
  if (!j.is_object()) {
    return InvalidArgument("expression: a term must be a reference, got {}", j.type_name());
  }
  std::string type = j.value("type", "");
  if (type == "transform" || type == "apply") {
    return NotSupported("expression: '{}' terms are not supported", type);
  }
  if (type != "reference") return InvalidArgument("expression: unknown term type '{}'", type);
  if (j.contains("name")) return internal::GetString(j, "reference", "name");
  FLOE_ASSIGN_OR_RETURN(int32_t id, internal::GetInt32(j, "reference", "id"));
  if (schema == nullptr) {
    return InvalidArgument("expression: reference to field id {} needs a schema", id);
  }
  std::string name = schema->FindColumnName(id);
  if (name.empty()) return InvalidArgument("expression: no field with id {} in the schema", id);
  return name;
}

// The operand of a predicate: "child" (or "left" for comparisons), else the deprecated "term".
Result<const json*> Operand(const json& j, const char* key) {
  auto it = j.find(key);
  if (it != j.end()) return &*it;
  return internal::Member(j, kWhat, "term");
}

}  // namespace

json LiteralToJson(const Literal& value) {
  switch (value.type_id()) {
    case TypeId::kBoolean:
      return value.bool_value();
    case TypeId::kInt:
      return value.int_value();
    case TypeId::kLong:
      return value.long_value();
    case TypeId::kDouble:
      return value.double_value();
    case TypeId::kString:
      return value.string_value();
    default:
      return {{"type", "literal"},
              {"value", SingleValue(value)},
              {"data-type", TypeToJson(*TypeOf(value))}};
  }
}

Result<Literal> LiteralFromJson(const json& j) {
  if (!j.is_object()) return BareFromJson(j);
  if (j.value("type", "") != "literal") {
    return InvalidArgument("literal: expected a value or {{\"type\": \"literal\", ...}}");
  }
  FLOE_ASSIGN_OR_RETURN(const json* value, internal::Member(j, "literal", "value"));
  if (!j.contains("data-type")) return BareFromJson(*value);
  FLOE_ASSIGN_OR_RETURN(TypePtr type, DataType(j));
  if (!type->is_primitive()) return InvalidArgument("literal: 'data-type' must be primitive");
  return TypedFromJson(*value, *type);
}

json ExpressionToJson(const Expression& expr) {
  Operation op = expr.op();
  std::string type(OperationName(op));
  switch (op) {
    case Operation::kTrue:
      return true;
    case Operation::kFalse:
      return false;
    case Operation::kAnd:
    case Operation::kOr:
      return {{"type", type},
              {"left", ExpressionToJson(*expr.left())},
              {"right", ExpressionToJson(*expr.right())}};
    case Operation::kNot:
      return {{"type", type}, {"child", ExpressionToJson(*expr.child())}};
    default:
      break;
  }
  if (IsUnaryOperation(op)) return {{"type", type}, {"child", ReferenceToJson(expr.ref())}};
  if (IsSetOperation(op)) {
    json values = json::array();
    for (const Literal& l : expr.literals()) values.push_back(LiteralToJson(l));
    return {{"type", type}, {"child", ReferenceToJson(expr.ref())}, {"values", values}};
  }
  return {{"type", type},
          {"left", ReferenceToJson(expr.ref())},
          {"right", LiteralToJson(expr.literal())}};
}

Result<ExprPtr> ExpressionFromJson(const json& j, const Schema* schema) {
  if (j.is_boolean()) return j.get<bool>() ? AlwaysTrue() : AlwaysFalse();
  FLOE_ASSIGN_OR_RETURN(std::string type, internal::GetString(j, kWhat, "type"));
  FLOE_ASSIGN_OR_RETURN(Operation op, OperationFromName(type));
  switch (op) {
    case Operation::kTrue:
      return AlwaysTrue();
    case Operation::kFalse:
      return AlwaysFalse();
    case Operation::kAnd:
    case Operation::kOr: {
      FLOE_ASSIGN_OR_RETURN(const json* l, internal::Member(j, kWhat, "left"));
      FLOE_ASSIGN_OR_RETURN(const json* r, internal::Member(j, kWhat, "right"));
      FLOE_ASSIGN_OR_RETURN(ExprPtr left, ExpressionFromJson(*l, schema));
      FLOE_ASSIGN_OR_RETURN(ExprPtr right, ExpressionFromJson(*r, schema));
      return op == Operation::kAnd ? And(std::move(left), std::move(right))
                                   : Or(std::move(left), std::move(right));
    }
    case Operation::kNot: {
      FLOE_ASSIGN_OR_RETURN(const json* c, internal::Member(j, kWhat, "child"));
      FLOE_ASSIGN_OR_RETURN(ExprPtr child, ExpressionFromJson(*c, schema));
      return Not(std::move(child));
    }
    default:
      break;
  }
  std::vector<Literal> literals;
  const json* term = nullptr;
  if (IsUnaryOperation(op)) {
    FLOE_ASSIGN_OR_RETURN(term, Operand(j, "child"));
  } else if (IsSetOperation(op)) {
    FLOE_ASSIGN_OR_RETURN(term, Operand(j, "child"));
    FLOE_ASSIGN_OR_RETURN(const json* values, internal::Member(j, kWhat, "values"));
    FLOE_ASSIGN_OR_RETURN(literals, LiteralsFromJson(*values));
  } else {
    FLOE_ASSIGN_OR_RETURN(term, Operand(j, "left"));
    auto it = j.find("right");
    if (it == j.end()) it = j.find("value");
    if (it == j.end()) return InvalidArgument("expression: '{}' needs a 'right' value", type);
    FLOE_ASSIGN_OR_RETURN(Literal value, LiteralFromJson(*it));
    literals.push_back(std::move(value));
  }
  FLOE_ASSIGN_OR_RETURN(std::string name, ReferenceFromJson(*term, schema));
  return MakePredicate(op, std::move(name), std::move(literals));
}

}  // namespace floe::iceberg
