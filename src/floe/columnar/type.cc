#include "floe/columnar/type.h"

#include <fmt/format.h>

namespace floe::columnar {

std::string_view TypeKindName(TypeKind kind) {
  switch (kind) {
    case TypeKind::kBoolean:
      return "boolean";
    case TypeKind::kInt32:
      return "int32";
    case TypeKind::kInt64:
      return "int64";
    case TypeKind::kFloat32:
      return "float32";
    case TypeKind::kFloat64:
      return "float64";
    case TypeKind::kDecimal128:
      return "decimal128";
    case TypeKind::kDate32:
      return "date32";
    case TypeKind::kTime64:
      return "time64";
    case TypeKind::kTimestamp:
      return "timestamp";
    case TypeKind::kString:
      return "string";
    case TypeKind::kBinary:
      return "binary";
    case TypeKind::kFixedSizeBinary:
      return "fixed_size_binary";
    case TypeKind::kStruct:
      return "struct";
    case TypeKind::kList:
      return "list";
    case TypeKind::kMap:
      return "map";
  }
  return "unknown";
}

DataType DataType::Boolean() { return DataType(TypeKind::kBoolean); }
DataType DataType::Int32() { return DataType(TypeKind::kInt32); }
DataType DataType::Int64() { return DataType(TypeKind::kInt64); }
DataType DataType::Float32() { return DataType(TypeKind::kFloat32); }
DataType DataType::Float64() { return DataType(TypeKind::kFloat64); }
DataType DataType::Date32() { return DataType(TypeKind::kDate32); }
DataType DataType::Time64() { return DataType(TypeKind::kTime64); }
DataType DataType::String() { return DataType(TypeKind::kString); }
DataType DataType::Binary() { return DataType(TypeKind::kBinary); }

DataType DataType::Decimal128(int32_t precision, int32_t scale) {
  DataType t(TypeKind::kDecimal128);
  t.precision_ = precision;
  t.scale_ = scale;
  return t;
}

DataType DataType::Timestamp(std::string timezone) {
  DataType t(TypeKind::kTimestamp);
  t.timezone_ = std::move(timezone);
  return t;
}

DataType DataType::FixedSizeBinary(int32_t width) {
  DataType t(TypeKind::kFixedSizeBinary);
  t.width_ = width;
  return t;
}

DataType DataType::Struct(std::vector<Field> fields) {
  DataType t(TypeKind::kStruct);
  t.fields_ = std::make_shared<const std::vector<Field>>(std::move(fields));
  return t;
}

DataType DataType::List(Field item) {
  DataType t(TypeKind::kList);
  t.fields_ = std::make_shared<const std::vector<Field>>(std::vector<Field>{std::move(item)});
  return t;
}

DataType DataType::Map(Field key, Field value, bool keys_sorted) {
  DataType t(TypeKind::kMap);
  t.keys_sorted_ = keys_sorted;
  Field entries("entries", DataType::Struct({key.WithNullable(false), std::move(value)}),
                /*nullable=*/false);
  t.fields_ = std::make_shared<const std::vector<Field>>(std::vector<Field>{std::move(entries)});
  return t;
}

int32_t DataType::byte_width() const {
  switch (kind_) {
    case TypeKind::kInt32:
    case TypeKind::kFloat32:
    case TypeKind::kDate32:
      return 4;
    case TypeKind::kInt64:
    case TypeKind::kFloat64:
    case TypeKind::kTime64:
    case TypeKind::kTimestamp:
      return 8;
    case TypeKind::kDecimal128:
      return 16;
    case TypeKind::kFixedSizeBinary:
      return width_;
    default:
      return 0;
  }
}

bool DataType::is_fixed_width() const {
  return kind_ == TypeKind::kBoolean || byte_width() > 0 || kind_ == TypeKind::kFixedSizeBinary;
}

bool DataType::is_nested() const {
  return kind_ == TypeKind::kStruct || kind_ == TypeKind::kList || kind_ == TypeKind::kMap;
}

const std::vector<Field>& DataType::fields() const {
  static const std::vector<Field> kNoFields;
  return fields_ ? *fields_ : kNoFields;
}

int DataType::num_fields() const { return fields_ ? static_cast<int>(fields_->size()) : 0; }

const Field& DataType::field(int i) const { return (*fields_)[static_cast<size_t>(i)]; }

const Field& DataType::value_field() const {
  if (kind_ == TypeKind::kMap) return field(0).type().field(1);
  return field(0);
}

const Field& DataType::key_field() const { return field(0).type().field(0); }

std::string DataType::ToString() const {
  switch (kind_) {
    case TypeKind::kDecimal128:
      return fmt::format("decimal128({}, {})", precision_, scale_);
    case TypeKind::kTime64:
      return "time64[us]";
    case TypeKind::kTimestamp:
      return timezone_.empty() ? "timestamp[us]" : fmt::format("timestamp[us, tz={}]", timezone_);
    case TypeKind::kFixedSizeBinary:
      return fmt::format("fixed_size_binary[{}]", width_);
    case TypeKind::kStruct: {
      std::string out = "struct<";
      for (size_t i = 0; i < fields().size(); ++i) {
        if (i > 0) out += ", ";
        out += fields()[i].ToString();
      }
      return out + ">";
    }
    case TypeKind::kList:
      return fmt::format("list<{}>", field(0).ToString());
    case TypeKind::kMap:
      return fmt::format("map<{}, {}{}>", key_field().type().ToString(), value_field().ToString(),
                         keys_sorted_ ? ", keys_sorted" : "");
    default:
      return std::string(TypeKindName(kind_));
  }
}

bool DataType::Equals(const DataType& other, bool check_metadata) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case TypeKind::kDecimal128:
      return precision_ == other.precision_ && scale_ == other.scale_;
    case TypeKind::kTimestamp:
      return timezone_ == other.timezone_;
    case TypeKind::kFixedSizeBinary:
      return width_ == other.width_;
    case TypeKind::kMap:
      if (keys_sorted_ != other.keys_sorted_) return false;
      [[fallthrough]];
    case TypeKind::kStruct:
    case TypeKind::kList: {
      const auto& a = fields();
      const auto& b = other.fields();
      if (a.size() != b.size()) return false;
      for (size_t i = 0; i < a.size(); ++i) {
        if (!a[i].Equals(b[i], check_metadata)) return false;
      }
      return true;
    }
    default:
      return true;
  }
}

Field::Field(std::string name, DataType type, bool nullable, std::optional<int32_t> field_id,
             KeyValueMetadata metadata)
    : name_(std::move(name)),
      type_(std::move(type)),
      nullable_(nullable),
      field_id_(field_id),
      metadata_(std::move(metadata)) {}

Field Field::WithName(std::string name) const {
  Field f = *this;
  f.name_ = std::move(name);
  return f;
}
Field Field::WithType(DataType type) const {
  Field f = *this;
  f.type_ = std::move(type);
  return f;
}
Field Field::WithNullable(bool nullable) const {
  Field f = *this;
  f.nullable_ = nullable;
  return f;
}
Field Field::WithFieldId(std::optional<int32_t> field_id) const {
  Field f = *this;
  f.field_id_ = field_id;
  return f;
}
namespace {

Field FieldWithoutIds(const Field& field);

DataType TypeWithoutIds(const DataType& type) {
  switch (type.kind()) {
    case TypeKind::kStruct: {
      std::vector<Field> fields;
      for (const auto& f : type.fields()) fields.push_back(FieldWithoutIds(f));
      return DataType::Struct(std::move(fields));
    }
    case TypeKind::kList:
      return DataType::List(FieldWithoutIds(type.value_field()));
    case TypeKind::kMap:
      return DataType::Map(FieldWithoutIds(type.key_field()), FieldWithoutIds(type.value_field()),
                           type.keys_sorted());
    default:
      return type;
  }
}

Field FieldWithoutIds(const Field& field) {
  return Field(field.name(), TypeWithoutIds(field.type()), field.nullable(), std::nullopt,
               field.metadata());
}

}  // namespace

Schema Schema::WithoutFieldIds() const {
  std::vector<Field> fields;
  for (const auto& f : fields_) fields.push_back(FieldWithoutIds(f));
  return Schema(std::move(fields), metadata_);
}

Field Field::WithMetadata(KeyValueMetadata metadata) const {
  Field f = *this;
  f.metadata_ = std::move(metadata);
  return f;
}

std::string Field::ToString() const {
  std::string out = fmt::format("{}: {}", name_, type_.ToString());
  if (!nullable_) out += " not null";
  if (field_id_) out += fmt::format(" id={}", *field_id_);
  return out;
}

bool Field::Equals(const Field& other, bool check_metadata) const {
  if (name_ != other.name_ || nullable_ != other.nullable_) return false;
  if (check_metadata && (field_id_ != other.field_id_ || metadata_ != other.metadata_)) {
    return false;
  }
  return type_.Equals(other.type_, check_metadata);
}

Schema::Schema(std::vector<Field> fields, KeyValueMetadata metadata)
    : fields_(std::move(fields)), metadata_(std::move(metadata)) {}

int Schema::GetFieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name() == name) return static_cast<int>(i);
  }
  return -1;
}

int Schema::GetFieldIndexById(int32_t field_id) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].field_id() == field_id) return static_cast<int>(i);
  }
  return -1;
}

std::string Schema::ToString() const {
  std::string out;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) out += '\n';
    out += fields_[i].ToString();
  }
  return out;
}

bool Schema::Equals(const Schema& other, bool check_metadata) const {
  if (fields_.size() != other.fields_.size()) return false;
  if (check_metadata && metadata_ != other.metadata_) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!fields_[i].Equals(other.fields_[i], check_metadata)) return false;
  }
  return true;
}

std::ostream& operator<<(std::ostream& os, const DataType& type) { return os << type.ToString(); }
std::ostream& operator<<(std::ostream& os, const Field& field) { return os << field.ToString(); }
std::ostream& operator<<(std::ostream& os, const Schema& schema) { return os << schema.ToString(); }

}  // namespace floe::columnar
