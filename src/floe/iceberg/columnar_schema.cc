#include "floe/iceberg/columnar_schema.h"

#include <fmt/format.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace floe::iceberg {

namespace {

using columnar::DataType;
using columnar::KeyValueMetadata;
using columnar::TypeKind;

std::string ChildPath(const std::string& parent, const std::string& name) {
  return parent.empty() ? name : parent + "." + name;
}

// ---------------------------------------------------------------------------------------------
// Iceberg -> columnar

Result<DataType> ToColumnarTypeAt(const Type& type, const std::string& path);

Result<columnar::Field> ToColumnarField(const NestedField& field, const std::string& path) {
  FLOE_ASSIGN_OR_RETURN(DataType type, ToColumnarTypeAt(*field.type(), path));
  KeyValueMetadata metadata;
  if (field.type()->id() == TypeId::kUuid) {
    metadata.emplace_back(kArrowExtensionNameKey, kArrowUuidExtensionName);
  }
  if (field.doc().has_value()) metadata.emplace_back(kFieldDocKey, *field.doc());
  return columnar::Field(field.name(), std::move(type), field.optional(), field.id(),
                         std::move(metadata));
}

Result<DataType> ToColumnarTypeAt(const Type& type, const std::string& path) {
  switch (type.id()) {
    case TypeId::kBoolean:
      return DataType::Boolean();
    case TypeId::kInt:
      return DataType::Int32();
    case TypeId::kLong:
      return DataType::Int64();
    case TypeId::kFloat:
      return DataType::Float32();
    case TypeId::kDouble:
      return DataType::Float64();
    case TypeId::kDecimal: {
      const auto& decimal = static_cast<const PrimitiveType&>(type);
      return DataType::Decimal128(decimal.precision(), decimal.scale());
    }
    case TypeId::kDate:
      return DataType::Date32();
    case TypeId::kTime:
      return DataType::Time64();
    case TypeId::kTimestamp:
      return DataType::Timestamp("");
    case TypeId::kTimestampTz:
      return DataType::Timestamp("UTC");
    case TypeId::kString:
      return DataType::String();
    case TypeId::kUuid:
      return DataType::FixedSizeBinary(16);
    case TypeId::kFixed:
      return DataType::FixedSizeBinary(static_cast<const PrimitiveType&>(type).length());
    case TypeId::kBinary:
      return DataType::Binary();
    case TypeId::kStruct: {
      std::vector<columnar::Field> fields;
      for (const NestedField& f : static_cast<const StructType&>(type).fields()) {
        FLOE_ASSIGN_OR_RETURN(columnar::Field field, ToColumnarField(f, ChildPath(path, f.name())));
        fields.push_back(std::move(field));
      }
      return DataType::Struct(std::move(fields));
    }
    case TypeId::kList: {
      const NestedField& element = static_cast<const ListType&>(type).element();
      FLOE_ASSIGN_OR_RETURN(columnar::Field item,
                            ToColumnarField(element, ChildPath(path, element.name())));
      return DataType::List(std::move(item));
    }
    case TypeId::kMap: {
      const auto& map = static_cast<const MapType&>(type);
      FLOE_ASSIGN_OR_RETURN(columnar::Field key,
                            ToColumnarField(map.key(), ChildPath(path, map.key().name())));
      FLOE_ASSIGN_OR_RETURN(columnar::Field value,
                            ToColumnarField(map.value(), ChildPath(path, map.value().name())));
      return DataType::Map(std::move(key), std::move(value));
    }
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
    case TypeId::kUnknown:
      break;
  }
  if (path.empty()) {
    return NotSupported("Iceberg type {} has no columnar form", type.ToString());
  }
  return NotSupported("column '{}' has Iceberg type {}, which has no columnar form", path,
                      type.ToString());
}

// ---------------------------------------------------------------------------------------------
// columnar -> Iceberg

std::optional<std::string> FindMetadata(const columnar::Field& field, std::string_view key) {
  for (const auto& [k, v] : field.metadata()) {
    if (k == key) return v;
  }
  return std::nullopt;
}

// Calls visit(field, path) on every field that stands for an Iceberg field, parents first.
template <typename Visit>
void VisitIcebergFields(const columnar::Field& field, const std::string& path, Visit& visit) {
  visit(field, path);
  const DataType& type = field.type();
  switch (type.kind()) {
    case TypeKind::kStruct:
    case TypeKind::kList:
      for (const columnar::Field& child : type.fields()) {
        VisitIcebergFields(child, ChildPath(path, child.name()), visit);
      }
      break;
    case TypeKind::kMap:
      // The "entries" struct between a map and its key and value is not an Iceberg field.
      VisitIcebergFields(type.key_field(), ChildPath(path, type.key_field().name()), visit);
      VisitIcebergFields(type.value_field(), ChildPath(path, type.value_field().name()), visit);
      break;
    default:
      break;
  }
}

class FromColumnarConverter {
 public:
  explicit FromColumnarConverter(bool fresh_ids) : fresh_ids_(fresh_ids) {}

  // A struct's fields get their ids before any of their children, as Iceberg's fresh-id
  // assignment does.
  Result<std::vector<NestedField>> ConvertFields(const std::vector<columnar::Field>& fields,
                                                 const std::string& path) {
    std::vector<int32_t> ids;
    ids.reserve(fields.size());
    for (const columnar::Field& f : fields) ids.push_back(IdOf(f));
    std::vector<NestedField> out;
    out.reserve(fields.size());
    for (size_t i = 0; i < fields.size(); ++i) {
      FLOE_ASSIGN_OR_RETURN(NestedField field,
                            ConvertField(ids[i], fields[i], ChildPath(path, fields[i].name())));
      out.push_back(std::move(field));
    }
    return out;
  }

 private:
  int32_t IdOf(const columnar::Field& field) { return fresh_ids_ ? next_id_++ : *field.field_id(); }

  Result<NestedField> ConvertField(int32_t id, const columnar::Field& field,
                                   const std::string& path) {
    FLOE_ASSIGN_OR_RETURN(TypePtr type, ConvertType(field, path));
    auto result = NestedField::Make(id, field.name(), !field.nullable(), std::move(type),
                                    FindMetadata(field, kFieldDocKey));
    if (!result.has_value()) {
      return InvalidArgument("column '{}': {}", path, result.error().message());
    }
    return result;
  }

  Result<TypePtr> ConvertType(const columnar::Field& field, const std::string& path) {
    const DataType& type = field.type();
    switch (type.kind()) {
      case TypeKind::kBoolean:
        return PrimitiveType::Boolean();
      case TypeKind::kInt32:
        return PrimitiveType::Int();
      case TypeKind::kInt64:
        return PrimitiveType::Long();
      case TypeKind::kFloat32:
        return PrimitiveType::Float();
      case TypeKind::kFloat64:
        return PrimitiveType::Double();
      case TypeKind::kDecimal128:
        return WithPath(PrimitiveType::Decimal(type.precision(), type.scale()), path);
      case TypeKind::kDate32:
        return PrimitiveType::Date();
      case TypeKind::kTime64:
        return PrimitiveType::Time();
      case TypeKind::kTimestamp:
        return type.timezone().empty() ? PrimitiveType::Timestamp() : PrimitiveType::TimestampTz();
      case TypeKind::kString:
        return PrimitiveType::String();
      case TypeKind::kBinary:
        return PrimitiveType::Binary();
      case TypeKind::kFixedSizeBinary:
        if (type.byte_width() == 16 &&
            FindMetadata(field, kArrowExtensionNameKey) == kArrowUuidExtensionName) {
          return PrimitiveType::Uuid();
        }
        return WithPath(PrimitiveType::Fixed(type.byte_width()), path);
      case TypeKind::kStruct: {
        FLOE_ASSIGN_OR_RETURN(auto fields, ConvertFields(type.fields(), path));
        FLOE_ASSIGN_OR_RETURN(auto result, WithPath(StructType::Make(std::move(fields)), path));
        return TypePtr(std::move(result));
      }
      case TypeKind::kList: {
        const columnar::Field& item = type.value_field();
        const int32_t element_id = IdOf(item);
        FLOE_ASSIGN_OR_RETURN(TypePtr element, ConvertType(item, ChildPath(path, item.name())));
        FLOE_ASSIGN_OR_RETURN(
            auto result,
            WithPath(ListType::Make(element_id, std::move(element), !item.nullable()), path));
        return TypePtr(std::move(result));
      }
      case TypeKind::kMap: {
        const columnar::Field& key = type.key_field();
        const columnar::Field& value = type.value_field();
        const int32_t key_id = IdOf(key);
        const int32_t value_id = IdOf(value);
        FLOE_ASSIGN_OR_RETURN(TypePtr key_type, ConvertType(key, ChildPath(path, key.name())));
        FLOE_ASSIGN_OR_RETURN(TypePtr value_type,
                              ConvertType(value, ChildPath(path, value.name())));
        FLOE_ASSIGN_OR_RETURN(auto result,
                              WithPath(MapType::Make(key_id, std::move(key_type), value_id,
                                                     std::move(value_type), !value.nullable()),
                                       path));
        return TypePtr(std::move(result));
      }
    }
    return NotSupported("column '{}' has columnar type {}, which has no Iceberg form", path,
                        type.ToString());
  }

  // Names the column in an error from a type factory.
  template <typename T>
  static Result<T> WithPath(Result<T> result, const std::string& path) {
    if (result.has_value()) return result;
    return Error(result.error().kind(),
                 fmt::format("column '{}': {}", path, result.error().message()));
  }

  bool fresh_ids_;
  int32_t next_id_ = 1;
};

}  // namespace

Result<columnar::Schema> ToColumnarSchema(const Schema& schema) {
  std::vector<columnar::Field> fields;
  fields.reserve(schema.fields().size());
  for (const NestedField& f : schema.fields()) {
    FLOE_ASSIGN_OR_RETURN(columnar::Field field, ToColumnarField(f, f.name()));
    fields.push_back(std::move(field));
  }
  return columnar::Schema(std::move(fields));
}

Result<columnar::DataType> ToColumnarType(const Type& type) { return ToColumnarTypeAt(type, ""); }

Result<Schema> FromColumnarSchema(const columnar::Schema& schema, int32_t schema_id) {
  // Ids are all given or all absent; a mix would make fresh ids collide with given ones.
  std::optional<std::string> with_id;
  std::optional<std::string> without_id;
  auto check = [&](const columnar::Field& field, const std::string& path) {
    auto& slot = field.field_id().has_value() ? with_id : without_id;
    if (!slot.has_value()) slot = path;
  };
  for (const columnar::Field& f : schema.fields()) VisitIcebergFields(f, f.name(), check);
  if (with_id.has_value() && without_id.has_value()) {
    return InvalidArgument(
        "columnar schema mixes fields with ids ('{}') and without ('{}'): give every field an "
        "id, or none to have ids assigned",
        *with_id, *without_id);
  }
  FromColumnarConverter converter(/*fresh_ids=*/!with_id.has_value());
  FLOE_ASSIGN_OR_RETURN(auto fields, converter.ConvertFields(schema.fields(), ""));
  return Schema::Make(schema_id, std::move(fields));
}

}  // namespace floe::iceberg
