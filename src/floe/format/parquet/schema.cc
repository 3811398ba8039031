#include "floe/format/parquet/schema.h"

#include <functional>

namespace floe::parquet {

using columnar::DataType;
using columnar::Field;
using columnar::TypeKind;

int32_t DecimalFixedBytes(int32_t precision) {
  // The smallest n with 2^(8n - 1) > 10^precision.
  for (int32_t n = 1; n <= 16; ++n) {
    long double max = 1;
    for (int i = 0; i < 8 * n - 1; ++i) max *= 2;
    long double ten = 1;
    for (int i = 0; i < precision; ++i) ten *= 10;
    if (max >= ten) return n;
  }
  return 16;
}

namespace {

bool IsUuidField(const Field& f) {
  if (f.type().kind() != TypeKind::kFixedSizeBinary || f.type().byte_width() != 16) return false;
  for (const auto& [k, v] : f.metadata()) {
    if (k == kExtensionNameKey && v == kUuidExtensionName) return true;
  }
  return false;
}

Result<SchemaNode> NodeFromField(const Field& f) {
  SchemaNode n;
  n.name = f.name();
  n.nullable = f.nullable();
  n.field_id = f.field_id();
  n.field = f;
  const DataType& t = f.type();
  switch (t.kind()) {
    case TypeKind::kBoolean:
      n.physical = PhysicalType::kBoolean;
      n.conversion = ValueConversion::kBoolean;
      break;
    case TypeKind::kInt32:
    case TypeKind::kDate32:
      n.physical = PhysicalType::kInt32;
      break;
    case TypeKind::kInt64:
    case TypeKind::kTime64:
    case TypeKind::kTimestamp:
      n.physical = PhysicalType::kInt64;
      break;
    case TypeKind::kFloat32:
      n.physical = PhysicalType::kFloat;
      break;
    case TypeKind::kFloat64:
      n.physical = PhysicalType::kDouble;
      break;
    case TypeKind::kDecimal128:
      if (t.precision() <= 9) {
        n.physical = PhysicalType::kInt32;
        n.conversion = ValueConversion::kDecimalInt32;
      } else if (t.precision() <= 18) {
        n.physical = PhysicalType::kInt64;
        n.conversion = ValueConversion::kDecimalInt64;
      } else {
        n.physical = PhysicalType::kFixedLenByteArray;
        n.type_length = DecimalFixedBytes(t.precision());
        n.conversion = ValueConversion::kDecimalBytes;
      }
      break;
    case TypeKind::kString:
    case TypeKind::kBinary:
      n.physical = PhysicalType::kByteArray;
      n.conversion = ValueConversion::kBinary;
      break;
    case TypeKind::kFixedSizeBinary:
      n.physical = PhysicalType::kFixedLenByteArray;
      n.type_length = t.byte_width();
      n.conversion = ValueConversion::kFixed;
      break;
    case TypeKind::kStruct:
      n.kind = SchemaNode::Kind::kStruct;
      if (t.num_fields() == 0) return NotSupported("parquet: empty struct {}", f.name());
      for (const Field& child : t.fields()) {
        FLOE_ASSIGN_OR_RETURN(SchemaNode c, NodeFromField(child));
        n.children.push_back(std::move(c));
      }
      break;
    case TypeKind::kList: {
      n.kind = SchemaNode::Kind::kList;
      FLOE_ASSIGN_OR_RETURN(SchemaNode c, NodeFromField(t.value_field()));
      c.name = "element";
      n.children.push_back(std::move(c));
      break;
    }
    case TypeKind::kMap: {
      n.kind = SchemaNode::Kind::kMap;
      FLOE_ASSIGN_OR_RETURN(SchemaNode k, NodeFromField(t.key_field()));
      FLOE_ASSIGN_OR_RETURN(SchemaNode v, NodeFromField(t.value_field()));
      k.name = "key";
      k.nullable = false;
      v.name = "value";
      n.children.push_back(std::move(k));
      n.children.push_back(std::move(v));
      break;
    }
  }
  return n;
}

// Assigns levels top-down.
void AssignLevels(SchemaNode& n, int16_t parent_def, int16_t parent_rep) {
  n.def_level = static_cast<int16_t>(parent_def + (n.nullable ? 1 : 0));
  n.rep_level = parent_rep;
  int16_t child_def = n.def_level;
  int16_t child_rep = n.rep_level;
  if (n.kind == SchemaNode::Kind::kList || n.kind == SchemaNode::Kind::kMap) {
    n.repeated_def_level = static_cast<int16_t>(n.def_level + 1);
    n.repeated_rep_level = static_cast<int16_t>(n.rep_level + 1);
    child_def = n.repeated_def_level;
    child_rep = n.repeated_rep_level;
  }
  for (SchemaNode& c : n.children) AssignLevels(c, child_def, child_rep);
}

SchemaElement LeafElement(const SchemaNode& n) {
  SchemaElement e;
  e.name = n.name;
  e.type = n.physical;
  e.repetition_type = n.nullable ? Repetition::kOptional : Repetition::kRequired;
  e.field_id = n.field_id;
  if (n.physical == PhysicalType::kFixedLenByteArray) e.type_length = n.type_length;
  const DataType& t = n.field->type();
  LogicalType& lt = e.logical_type;
  switch (t.kind()) {
    case TypeKind::kDecimal128:
      e.converted_type = ConvertedType::kDecimal;
      e.scale = t.scale();
      e.precision = t.precision();
      lt.kind = LogicalType::Kind::kDecimal;
      lt.scale = t.scale();
      lt.precision = t.precision();
      break;
    case TypeKind::kDate32:
      e.converted_type = ConvertedType::kDate;
      lt.kind = LogicalType::Kind::kDate;
      break;
    case TypeKind::kTime64:
      lt.kind = LogicalType::Kind::kTime;
      lt.unit = TimeUnit::kMicros;
      lt.is_adjusted_to_utc = false;
      break;
    case TypeKind::kTimestamp:
      lt.kind = LogicalType::Kind::kTimestamp;
      lt.unit = TimeUnit::kMicros;
      lt.is_adjusted_to_utc = !t.timezone().empty();
      // The converted type means "UTC-adjusted": only written then.
      if (lt.is_adjusted_to_utc) e.converted_type = ConvertedType::kTimestampMicros;
      break;
    case TypeKind::kString:
      e.converted_type = ConvertedType::kUtf8;
      lt.kind = LogicalType::Kind::kString;
      break;
    case TypeKind::kFixedSizeBinary:
      if (IsUuidField(*n.field)) lt.kind = LogicalType::Kind::kUuid;
      break;
    default:
      break;
  }
  return e;
}

void AppendElements(const SchemaNode& n, std::vector<SchemaElement>& out) {
  if (n.kind == SchemaNode::Kind::kPrimitive) {
    out.push_back(LeafElement(n));
    return;
  }
  SchemaElement e;
  e.name = n.name;
  e.repetition_type = n.nullable ? Repetition::kOptional : Repetition::kRequired;
  e.field_id = n.field_id;
  if (n.kind == SchemaNode::Kind::kStruct) {
    e.num_children = static_cast<int32_t>(n.children.size());
    out.push_back(e);
    for (const SchemaNode& c : n.children) AppendElements(c, out);
    return;
  }
  bool is_list = n.kind == SchemaNode::Kind::kList;
  e.num_children = 1;
  e.converted_type = is_list ? ConvertedType::kList : ConvertedType::kMap;
  e.logical_type.kind = is_list ? LogicalType::Kind::kList : LogicalType::Kind::kMap;
  out.push_back(e);
  SchemaElement repeated;
  repeated.name = is_list ? "list" : "key_value";
  repeated.repetition_type = Repetition::kRepeated;
  repeated.num_children = static_cast<int32_t>(n.children.size());
  out.push_back(repeated);
  for (const SchemaNode& c : n.children) AppendElements(c, out);
}

// ------------------------------------------------------------------------------------------
// Reading

struct ElementTree {
  const SchemaElement* element;
  std::vector<ElementTree> children;
};

Result<ElementTree> BuildTree(const std::vector<SchemaElement>& elements, size_t& pos, int depth) {
  if (depth > 64) return CorruptFile("parquet: schema nested deeper than 64");
  if (pos >= elements.size()) return CorruptFile("parquet: schema ends inside a group");
  ElementTree t{&elements[pos++], {}};
  int32_t n = t.element->num_children.value_or(0);
  if (n < 0 || static_cast<size_t>(n) > elements.size() - pos) {
    return CorruptFile("parquet: schema element {} claims {} children", t.element->name, n);
  }
  if (n == 0 && !t.element->type && depth > 0) {
    return CorruptFile("parquet: group {} without children", t.element->name);
  }
  for (int32_t i = 0; i < n; ++i) {
    FLOE_ASSIGN_OR_RETURN(ElementTree c, BuildTree(elements, pos, depth + 1));
    t.children.push_back(std::move(c));
  }
  return t;
}

bool IsGroup(const ElementTree& t) { return !t.children.empty() || !t.element->type; }

Result<DataType> PrimitiveType(const SchemaElement& e, SchemaNode& n,
                               columnar::KeyValueMetadata& metadata) {
  const LogicalType& lt = e.logical_type;
  using LK = LogicalType::Kind;
  std::optional<ConvertedType> ct = e.converted_type;
  bool is_decimal = lt.kind == LK::kDecimal || ct == ConvertedType::kDecimal;
  int32_t precision = lt.kind == LK::kDecimal ? lt.precision : e.precision.value_or(0);
  int32_t scale = lt.kind == LK::kDecimal ? lt.scale : e.scale.value_or(0);
  if (is_decimal && (precision < 1 || precision > 38 || scale < 0 || scale > precision)) {
    return NotSupported("parquet: decimal({}, {}) of {}", precision, scale, e.name);
  }
  n.physical = *e.type;
  n.type_length = e.type_length.value_or(0);
  switch (*e.type) {
    case PhysicalType::kBoolean:
      n.conversion = ValueConversion::kBoolean;
      return DataType::Boolean();
    case PhysicalType::kInt32:
      if (is_decimal) {
        n.conversion = ValueConversion::kDecimalInt32;
        return DataType::Decimal128(precision, scale);
      }
      if (lt.kind == LK::kDate || ct == ConvertedType::kDate) return DataType::Date32();
      if ((lt.kind == LK::kTime && lt.unit == TimeUnit::kMillis) ||
          ct == ConvertedType::kTimeMillis) {
        n.conversion = ValueConversion::kTimeMillis;
        return DataType::Time64();
      }
      if ((lt.kind == LK::kInteger && !lt.is_signed && lt.bit_width == 32) ||
          ct == ConvertedType::kUint32) {
        n.conversion = ValueConversion::kInt32ToInt64;
        return DataType::Int64();
      }
      return DataType::Int32();
    case PhysicalType::kInt64:
      if (is_decimal) {
        n.conversion = ValueConversion::kDecimalInt64;
        return DataType::Decimal128(precision, scale);
      }
      if (lt.kind == LK::kTimestamp) {
        if (lt.unit == TimeUnit::kMillis) n.conversion = ValueConversion::kTimestampMillis;
        if (lt.unit == TimeUnit::kNanos) n.conversion = ValueConversion::kTimestampNanos;
        return DataType::Timestamp(lt.is_adjusted_to_utc ? "UTC" : "");
      }
      if (ct == ConvertedType::kTimestampMillis || ct == ConvertedType::kTimestampMicros) {
        if (ct == ConvertedType::kTimestampMillis) n.conversion = ValueConversion::kTimestampMillis;
        return DataType::Timestamp("UTC");
      }
      if (lt.kind == LK::kTime || ct == ConvertedType::kTimeMicros) {
        if (lt.kind == LK::kTime && lt.unit == TimeUnit::kNanos) {
          n.conversion = ValueConversion::kTimestampNanos;
        }
        return DataType::Time64();
      }
      return DataType::Int64();
    case PhysicalType::kInt96:
      n.conversion = ValueConversion::kInt96;
      return DataType::Timestamp("UTC");
    case PhysicalType::kFloat:
      return DataType::Float32();
    case PhysicalType::kDouble:
      return DataType::Float64();
    case PhysicalType::kByteArray:
      if (is_decimal) {
        n.conversion = ValueConversion::kDecimalBytes;
        return DataType::Decimal128(precision, scale);
      }
      n.conversion = ValueConversion::kBinary;
      if (lt.kind == LK::kString || lt.kind == LK::kEnum || lt.kind == LK::kJson ||
          ct == ConvertedType::kUtf8 || ct == ConvertedType::kEnum || ct == ConvertedType::kJson) {
        return DataType::String();
      }
      return DataType::Binary();
    case PhysicalType::kFixedLenByteArray:
      if (n.type_length <= 0) {
        return CorruptFile("parquet: fixed column {} has length {}", e.name, n.type_length);
      }
      if (is_decimal) {
        if (n.type_length > 16) return NotSupported("parquet: decimal of {} bytes", n.type_length);
        n.conversion = ValueConversion::kDecimalBytes;
        return DataType::Decimal128(precision, scale);
      }
      n.conversion = ValueConversion::kFixed;
      if (lt.kind == LK::kUuid && n.type_length == 16) {
        metadata.emplace_back(kExtensionNameKey, kUuidExtensionName);
      }
      return DataType::FixedSizeBinary(n.type_length);
  }
  return NotSupported("parquet: physical type {} of {}", static_cast<int>(*e.type), e.name);
}

Result<SchemaNode> NodeFromTree(const ElementTree& t, bool treat_as_required);

// The element of a LIST-annotated group with one repeated child `rep` (Parquet's
// LogicalTypes.md backward-compatibility rules).
Result<SchemaNode> ListElement(const ElementTree& rep, const std::string& list_name) {
  if (!IsGroup(rep)) return NodeFromTree(rep, true);  // 2-level: repeated primitive
  const std::string& rn = rep.element->name;
  if (rep.children.size() > 1 || rn == "array" || rn == list_name + "_tuple") {
    return NodeFromTree(rep, true);  // 2-level: the repeated group is the element
  }
  return NodeFromTree(rep.children[0], false);  // 3-level
}

Result<SchemaNode> NodeFromTree(const ElementTree& t, bool treat_as_required) {
  const SchemaElement& e = *t.element;
  Repetition rep = e.repetition_type.value_or(Repetition::kOptional);
  SchemaNode n;
  n.name = e.name;
  n.field_id = e.field_id;
  if (rep == Repetition::kRepeated && !treat_as_required) {
    // A bare repeated field: a required list of required elements.
    FLOE_ASSIGN_OR_RETURN(SchemaNode element, NodeFromTree(t, true));
    n.kind = SchemaNode::Kind::kList;
    n.nullable = false;
    n.children.push_back(std::move(element));
  } else if (!IsGroup(t)) {
    n.kind = SchemaNode::Kind::kPrimitive;
    n.nullable = !treat_as_required && rep == Repetition::kOptional;
    columnar::KeyValueMetadata metadata;
    FLOE_ASSIGN_OR_RETURN(DataType type, PrimitiveType(e, n, metadata));
    n.field = Field(n.name, type, n.nullable, n.field_id, metadata);
    return n;
  } else {
    n.nullable = !treat_as_required && rep == Repetition::kOptional;
    bool is_list =
        e.logical_type.kind == LogicalType::Kind::kList || e.converted_type == ConvertedType::kList;
    bool is_map = e.logical_type.kind == LogicalType::Kind::kMap ||
                  e.converted_type == ConvertedType::kMap ||
                  e.converted_type == ConvertedType::kMapKeyValue;
    if ((is_list || is_map) && t.children.size() == 1 &&
        t.children[0].element->repetition_type == Repetition::kRepeated) {
      const ElementTree& repeated = t.children[0];
      if (is_map && IsGroup(repeated) && repeated.children.size() == 2) {
        n.kind = SchemaNode::Kind::kMap;
        FLOE_ASSIGN_OR_RETURN(SchemaNode k, NodeFromTree(repeated.children[0], false));
        FLOE_ASSIGN_OR_RETURN(SchemaNode v, NodeFromTree(repeated.children[1], false));
        n.children.push_back(std::move(k));
        n.children.push_back(std::move(v));
      } else {
        n.kind = SchemaNode::Kind::kList;
        FLOE_ASSIGN_OR_RETURN(SchemaNode element, ListElement(repeated, e.name));
        n.children.push_back(std::move(element));
      }
    } else {
      n.kind = SchemaNode::Kind::kStruct;
      for (const ElementTree& c : t.children) {
        FLOE_ASSIGN_OR_RETURN(SchemaNode child, NodeFromTree(c, false));
        n.children.push_back(std::move(child));
      }
    }
  }
  // Columnar field of a group, from its children.
  switch (n.kind) {
    case SchemaNode::Kind::kStruct: {
      std::vector<Field> fields;
      for (const SchemaNode& c : n.children) fields.push_back(*c.field);
      n.field = Field(n.name, DataType::Struct(std::move(fields)), n.nullable, n.field_id);
      break;
    }
    case SchemaNode::Kind::kList:
      n.field = Field(n.name, DataType::List(*n.children[0].field), n.nullable, n.field_id);
      break;
    case SchemaNode::Kind::kMap:
      n.field = Field(n.name, DataType::Map(*n.children[0].field, *n.children[1].field), n.nullable,
                      n.field_id);
      break;
    case SchemaNode::Kind::kPrimitive:
      break;
  }
  return n;
}

}  // namespace

Result<ParquetSchema> ParquetSchema::FromColumnar(const columnar::Schema& schema) {
  ParquetSchema s;
  s.root_.kind = SchemaNode::Kind::kStruct;
  s.root_.name = "schema";
  s.root_.nullable = false;
  for (const Field& f : schema.fields()) {
    FLOE_ASSIGN_OR_RETURN(SchemaNode n, NodeFromField(f));
    s.root_.children.push_back(std::move(n));
  }
  for (SchemaNode& c : s.root_.children) AssignLevels(c, 0, 0);
  s.IndexLeaves();
  return s;
}

Result<ParquetSchema> ParquetSchema::FromElements(const std::vector<SchemaElement>& elements) {
  if (elements.empty()) return CorruptFile("parquet: empty schema");
  size_t pos = 0;
  FLOE_ASSIGN_OR_RETURN(ElementTree tree, BuildTree(elements, pos, 0));
  if (pos != elements.size()) return CorruptFile("parquet: schema has elements past the root");
  ParquetSchema s;
  s.root_.kind = SchemaNode::Kind::kStruct;
  s.root_.name = tree.element->name;
  s.root_.nullable = false;
  for (const ElementTree& c : tree.children) {
    FLOE_ASSIGN_OR_RETURN(SchemaNode n, NodeFromTree(c, false));
    s.root_.children.push_back(std::move(n));
  }
  for (SchemaNode& c : s.root_.children) AssignLevels(c, 0, 0);
  s.IndexLeaves();
  return s;
}

void ParquetSchema::IndexLeaves() {
  leaves_.clear();
  leaf_paths_.clear();
  leaf_top_level_.clear();
  std::vector<std::string> path;
  std::function<void(SchemaNode&, int)> visit = [&](SchemaNode& n, int top) {
    path.push_back(n.name);
    if (n.kind == SchemaNode::Kind::kList) path.push_back("list");
    if (n.kind == SchemaNode::Kind::kMap) path.push_back("key_value");
    if (n.kind == SchemaNode::Kind::kPrimitive) {
      n.leaf_index = static_cast<int>(leaves_.size());
      leaves_.push_back(&n);
      leaf_paths_.push_back(path);
      leaf_top_level_.push_back(top);
    }
    for (SchemaNode& c : n.children) visit(c, top);
    if (n.kind == SchemaNode::Kind::kList || n.kind == SchemaNode::Kind::kMap) path.pop_back();
    path.pop_back();
  };
  for (size_t i = 0; i < root_.children.size(); ++i) visit(root_.children[i], static_cast<int>(i));
}

std::vector<SchemaElement> ParquetSchema::ToElements() const {
  std::vector<SchemaElement> out;
  SchemaElement root;
  root.name = root_.name;
  root.num_children = static_cast<int32_t>(root_.children.size());
  out.push_back(root);
  for (const SchemaNode& c : root_.children) AppendElements(c, out);
  return out;
}

columnar::Schema ParquetSchema::ToColumnar() const {
  std::vector<Field> fields;
  for (const SchemaNode& c : root_.children) fields.push_back(*c.field);
  return columnar::Schema(std::move(fields));
}

}  // namespace floe::parquet
