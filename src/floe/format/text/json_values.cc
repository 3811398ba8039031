#include <fmt/format.h>

#include <cmath>
#include <iterator>

#include "floe/columnar/binary_builder.h"
#include "floe/columnar/fixed_width_builder.h"
#include "floe/columnar/nested_builder.h"
#include "floe/format/text/json_values_internal.h"
#include "floe/format/text/text_values_internal.h"

namespace floe::text::internal {

namespace {

using columnar::Array;
using columnar::ArrayBuilder;
using columnar::DataType;
using columnar::Field;
using columnar::TypeKind;

// Decimals up to this precision travel as JSON numbers: a double holds 15 significant digits.
constexpr int32_t kMaxDecimalPrecisionAsNumber = 15;

void AppendFloatingJson(double v, bool is_float32, std::string* out) {
  if (std::isnan(v) || std::isinf(v)) {
    out->push_back('"');
    AppendDouble(v, out);
    out->push_back('"');
  } else if (is_float32) {
    AppendFloat(static_cast<float>(v), out);
  } else {
    AppendDouble(v, out);
  }
}

bool Fail(JsonProblem* problem, const Json& value, std::string reason) {
  problem->path.clear();
  problem->value = value.dump(-1, ' ', false, Json::error_handler_t::replace);
  // Messages stay short: one line, a value cut after 80 bytes.
  constexpr size_t kMaxShown = 80;
  if (problem->value.size() > kMaxShown)
    problem->value = problem->value.substr(0, kMaxShown) + "...";
  problem->problem = std::move(reason);
  return false;
}

bool AppendStatus(Status status, const Json& value, JsonProblem* problem) {
  if (status.has_value()) return true;
  return Fail(problem, value, status.error().message());
}

// "1.5e-07" as "0.00000015": the shortest round-trip text of a double may use an exponent, which
// the decimal parser does not read.
std::string WithoutExponent(const std::string& text) {
  size_t e = text.find_first_of("eE");
  if (e == std::string::npos) return text;
  std::string mantissa = text.substr(0, e);
  int exponent = std::stoi(text.substr(e + 1));
  bool negative = !mantissa.empty() && mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  size_t dot = mantissa.find('.');
  std::string digits = mantissa;
  int point = static_cast<int>(mantissa.size());  // digits before the decimal point
  if (dot != std::string::npos) {
    digits.erase(dot, 1);
    point = static_cast<int>(dot);
  }
  point += exponent;
  std::string out = negative ? "-" : "";
  if (point <= 0) {
    out += "0." + std::string(static_cast<size_t>(-point), '0') + digits;
  } else if (point >= static_cast<int>(digits.size())) {
    out += digits + std::string(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    out += digits.substr(0, static_cast<size_t>(point)) + "." +
           digits.substr(static_cast<size_t>(point));
  }
  return out;
}

// Text of a JSON number exactly as a decimal literal reads it: integers as they are, doubles in
// their shortest round-trip form (exact for up to 15 significant digits).
std::string NumberText(const Json& value) {
  if (value.is_number_integer() || value.is_number_unsigned()) return value.dump();
  std::string out;
  fmt::format_to(std::back_inserter(out), "{}", value.get<double>());
  return WithoutExponent(out);
}

bool AppendScalarJson(const Json& value, const Field& field, ArrayBuilder& builder,
                      JsonProblem* problem) {
  const DataType& type = field.type();
  std::string reason;
  auto scalar_text = [&](std::string_view text, bool base64) {
    if (AppendScalarText(text, type, builder, base64, &reason)) return true;
    return Fail(problem, value, reason);
  };
  switch (type.kind()) {
    case TypeKind::kBoolean:
      if (!value.is_boolean()) return Fail(problem, value, "is not " + TypeNoun(type));
      return AppendStatus(static_cast<columnar::BooleanBuilder&>(builder).Append(value.get<bool>()),
                          value, problem);
    case TypeKind::kInt32:
    case TypeKind::kInt64:
      if (!value.is_number_integer()) return Fail(problem, value, "is not " + TypeNoun(type));
      return scalar_text(value.dump(), false);
    case TypeKind::kFloat32:
    case TypeKind::kFloat64:
      if (value.is_number()) {
        double d = value.get<double>();
        if (type.kind() == TypeKind::kFloat32)
          return AppendStatus(static_cast<columnar::FixedWidthBuilder<float>&>(builder).Append(
                                  static_cast<float>(d)),
                              value, problem);
        return AppendStatus(static_cast<columnar::FixedWidthBuilder<double>&>(builder).Append(d),
                            value, problem);
      }
      if (value.is_string()) return scalar_text(value.get_ref<const std::string&>(), false);
      return Fail(problem, value, "is not " + TypeNoun(type));
    case TypeKind::kDecimal128:
      if (value.is_number()) return scalar_text(NumberText(value), false);
      if (value.is_string()) return scalar_text(value.get_ref<const std::string&>(), false);
      return Fail(problem, value, "is not " + TypeNoun(type));
    case TypeKind::kString:
      // Mixed columns infer as string, so any scalar is taken as its JSON text.
      if (value.is_string()) return scalar_text(value.get_ref<const std::string&>(), false);
      return scalar_text(value.dump(-1, ' ', false, Json::error_handler_t::replace), false);
    case TypeKind::kDate32:
    case TypeKind::kTime64:
    case TypeKind::kTimestamp:
    case TypeKind::kBinary:
    case TypeKind::kFixedSizeBinary:
      if (!value.is_string()) return Fail(problem, value, "is not " + TypeNoun(type));
      return scalar_text(value.get_ref<const std::string&>(), true);
    case TypeKind::kStruct:
    case TypeKind::kList:
    case TypeKind::kMap:
      break;
  }
  return Fail(problem, value, "is not a scalar");
}

void PrefixPath(JsonProblem* problem, std::string prefix) {
  problem->path = std::move(prefix) + problem->path;
}

bool AppendStructJson(const Json& value, const Field& field, columnar::StructBuilder& builder,
                      JsonProblem* problem) {
  const DataType& type = field.type();
  if (!value.is_object()) return Fail(problem, value, "is not an object");
  for (const auto& [key, _] : value.items()) {
    bool known = false;
    for (const Field& child : type.fields()) known = known || child.name() == key;
    if (!known) {
      Fail(problem, value, "unknown key");
      problem->path = "." + key;
      problem->value = "";
      return false;
    }
  }
  static const Json kNull;
  for (int i = 0; i < type.num_fields(); ++i) {
    const Field& child = type.field(i);
    auto it = value.find(child.name());
    const Json& v = it == value.end() ? kNull : *it;
    if (!AppendJson(v, child, *builder.child(i), problem)) {
      PrefixPath(problem, "." + child.name());
      return false;
    }
  }
  return AppendStatus(builder.Append(), value, problem);
}

bool AppendListJson(const Json& value, const Field& field, columnar::ListBuilder& builder,
                    JsonProblem* problem) {
  if (!value.is_array()) return Fail(problem, value, "is not an array");
  if (!AppendStatus(builder.Append(), value, problem)) return false;
  const Field& item = field.type().value_field();
  for (size_t i = 0; i < value.size(); ++i) {
    if (!AppendJson(value[i], item, *builder.value_builder(), problem)) {
      PrefixPath(problem, fmt::format("[{}]", i));
      return false;
    }
  }
  return true;
}

bool AppendMapJson(const Json& value, const Field& field, columnar::MapBuilder& builder,
                   JsonProblem* problem) {
  const Field& key_field = field.type().key_field();
  const Field& item_field = field.type().value_field();
  if (value.is_object()) {
    if (!AppendStatus(builder.Append(), value, problem)) return false;
    for (const auto& [key, item] : value.items()) {
      std::string reason;
      bool key_ok =
          key_field.type().kind() == TypeKind::kString
              ? AppendStatus(
                    static_cast<columnar::BinaryBuilder&>(*builder.key_builder()).Append(key),
                    value, problem)
          : key_field.type().is_nested()
              ? Fail(problem, Json(key), "is not a valid map key")
              : (AppendScalarText(key, key_field.type(), *builder.key_builder(), true, &reason) ||
                 Fail(problem, Json(key), reason));
      if (!key_ok) {
        PrefixPath(problem, ".key");
        return false;
      }
      if (!AppendJson(item, item_field, *builder.item_builder(), problem)) {
        PrefixPath(problem, "[" + Json(key).dump() + "]");
        return false;
      }
    }
    return true;
  }
  if (!value.is_array()) return Fail(problem, value, "is not an object or an array of entries");
  if (!AppendStatus(builder.Append(), value, problem)) return false;
  for (size_t i = 0; i < value.size(); ++i) {
    const Json& entry = value[i];
    if (!entry.is_object() || entry.size() != 2 || !entry.contains("key") ||
        !entry.contains("value")) {
      Fail(problem, entry, "is not a {\"key\": ..., \"value\": ...} entry");
      PrefixPath(problem, fmt::format("[{}]", i));
      return false;
    }
    if (entry["key"].is_null()) {
      Fail(problem, entry, "has a null key");
      PrefixPath(problem, fmt::format("[{}]", i));
      return false;
    }
    if (!AppendJson(entry["key"], key_field, *builder.key_builder(), problem) ||
        !AppendJson(entry["value"], item_field, *builder.item_builder(), problem)) {
      PrefixPath(problem, fmt::format("[{}]", i));
      return false;
    }
  }
  return true;
}

void AppendStructValue(const Array& array, int64_t i, std::string* out) {
  out->push_back('{');
  const DataType& type = array.type();
  for (int f = 0; f < type.num_fields(); ++f) {
    if (f > 0) out->push_back(',');
    AppendJsonString(type.field(f).name(), out);
    out->push_back(':');
    AppendJsonValue(array.field(f), i, out);
  }
  out->push_back('}');
}

void AppendListValue(const Array& array, int64_t i, std::string* out) {
  auto offsets = array.offsets();
  const Array& items = array.list_values();
  out->push_back('[');
  for (int32_t j = offsets[static_cast<size_t>(i)]; j < offsets[static_cast<size_t>(i) + 1]; ++j) {
    if (j > offsets[static_cast<size_t>(i)]) out->push_back(',');
    AppendJsonValue(items, j, out);
  }
  out->push_back(']');
}

void AppendMapValue(const Array& array, int64_t i, std::string* out) {
  auto offsets = array.offsets();
  Array keys = array.map_keys();
  Array items = array.map_items();
  bool string_keys = keys.kind() == TypeKind::kString;
  out->push_back(string_keys ? '{' : '[');
  for (int32_t j = offsets[static_cast<size_t>(i)]; j < offsets[static_cast<size_t>(i) + 1]; ++j) {
    if (j > offsets[static_cast<size_t>(i)]) out->push_back(',');
    if (string_keys) {
      AppendJsonString(keys.GetView(j), out);
      out->push_back(':');
      AppendJsonValue(items, j, out);
    } else {
      out->append("{\"key\":");
      AppendJsonValue(keys, j, out);
      out->append(",\"value\":");
      AppendJsonValue(items, j, out);
      out->push_back('}');
    }
  }
  out->push_back(string_keys ? '}' : ']');
}

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        if (c < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(ch);
        }
    }
  }
  out->push_back('"');
}

void AppendJsonValue(const Array& array, int64_t i, std::string* out) {
  if (array.IsNull(i)) {
    out->append("null");
    return;
  }
  const DataType& type = array.type();
  auto idx = static_cast<size_t>(i);
  switch (type.kind()) {
    case TypeKind::kBoolean:
      out->append(array.GetBool(i) ? "true" : "false");
      return;
    case TypeKind::kInt32:
      fmt::format_to(std::back_inserter(*out), "{}", array.values<int32_t>()[idx]);
      return;
    case TypeKind::kInt64:
      fmt::format_to(std::back_inserter(*out), "{}", array.values<int64_t>()[idx]);
      return;
    case TypeKind::kFloat32:
      AppendFloatingJson(array.values<float>()[idx], true, out);
      return;
    case TypeKind::kFloat64:
      AppendFloatingJson(array.values<double>()[idx], false, out);
      return;
    case TypeKind::kDecimal128: {
      bool as_number = type.precision() <= kMaxDecimalPrecisionAsNumber;
      if (!as_number) out->push_back('"');
      AppendDecimal(array.values<columnar::Decimal128>()[idx], type.scale(), out);
      if (!as_number) out->push_back('"');
      return;
    }
    case TypeKind::kDate32:
      out->push_back('"');
      AppendDate(array.values<int32_t>()[idx], out);
      out->push_back('"');
      return;
    case TypeKind::kTime64:
      out->push_back('"');
      AppendTime(array.values<int64_t>()[idx], out);
      out->push_back('"');
      return;
    case TypeKind::kTimestamp:
      out->push_back('"');
      AppendTimestamp(array.values<int64_t>()[idx], !type.timezone().empty(), out);
      out->push_back('"');
      return;
    case TypeKind::kString:
      AppendJsonString(array.GetView(i), out);
      return;
    case TypeKind::kBinary:
    case TypeKind::kFixedSizeBinary:
      out->push_back('"');
      AppendBase64(array.GetView(i), out);
      out->push_back('"');
      return;
    case TypeKind::kStruct:
      AppendStructValue(array, i, out);
      return;
    case TypeKind::kList:
      AppendListValue(array, i, out);
      return;
    case TypeKind::kMap:
      AppendMapValue(array, i, out);
      return;
  }
}

void AppendPlainText(const Array& array, int64_t i, std::string* out) {
  const DataType& type = array.type();
  auto idx = static_cast<size_t>(i);
  switch (type.kind()) {
    case TypeKind::kFloat32:
      AppendFloat(array.values<float>()[idx], out);
      return;
    case TypeKind::kFloat64:
      AppendDouble(array.values<double>()[idx], out);
      return;
    case TypeKind::kDecimal128:
      AppendDecimal(array.values<columnar::Decimal128>()[idx], type.scale(), out);
      return;
    case TypeKind::kDate32:
      AppendDate(array.values<int32_t>()[idx], out);
      return;
    case TypeKind::kTime64:
      AppendTime(array.values<int64_t>()[idx], out);
      return;
    case TypeKind::kTimestamp:
      AppendTimestamp(array.values<int64_t>()[idx], !type.timezone().empty(), out);
      return;
    case TypeKind::kString:
      out->append(array.GetView(i));
      return;
    case TypeKind::kBinary:
    case TypeKind::kFixedSizeBinary:
      AppendHex(array.GetView(i), out);
      return;
    case TypeKind::kBoolean:
    case TypeKind::kInt32:
    case TypeKind::kInt64:
    case TypeKind::kStruct:
    case TypeKind::kList:
    case TypeKind::kMap:
      AppendJsonValue(array, i, out);
      return;
  }
}

bool AppendJson(const Json& value, const Field& field, ArrayBuilder& builder,
                JsonProblem* problem) {
  if (value.is_null()) {
    if (!field.nullable()) return Fail(problem, value, "in a required column");
    return AppendStatus(builder.AppendNull(), value, problem);
  }
  switch (field.type().kind()) {
    case TypeKind::kStruct:
      return AppendStructJson(value, field, static_cast<columnar::StructBuilder&>(builder),
                              problem);
    case TypeKind::kList:
      return AppendListJson(value, field, static_cast<columnar::ListBuilder&>(builder), problem);
    case TypeKind::kMap:
      return AppendMapJson(value, field, static_cast<columnar::MapBuilder&>(builder), problem);
    default:
      return AppendScalarJson(value, field, builder, problem);
  }
}

}  // namespace floe::text::internal
