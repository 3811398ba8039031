#include "floe/iceberg/type.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <limits>
#include <set>
#include <unordered_set>

namespace floe::iceberg {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

TypePtr MakePrimitive(TypeId id) { return std::make_shared<PrimitiveType>(id, 0, 0, 0); }

}  // namespace

std::string_view TypeIdName(TypeId id) {
  switch (id) {
    case TypeId::kBoolean:
      return "boolean";
    case TypeId::kInt:
      return "int";
    case TypeId::kLong:
      return "long";
    case TypeId::kFloat:
      return "float";
    case TypeId::kDouble:
      return "double";
    case TypeId::kDecimal:
      return "decimal";
    case TypeId::kDate:
      return "date";
    case TypeId::kTime:
      return "time";
    case TypeId::kTimestamp:
      return "timestamp";
    case TypeId::kTimestampTz:
      return "timestamptz";
    case TypeId::kTimestampNs:
      return "timestamp_ns";
    case TypeId::kTimestampTzNs:
      return "timestamptz_ns";
    case TypeId::kString:
      return "string";
    case TypeId::kUuid:
      return "uuid";
    case TypeId::kFixed:
      return "fixed";
    case TypeId::kBinary:
      return "binary";
    case TypeId::kUnknown:
      return "unknown";
    case TypeId::kStruct:
      return "struct";
    case TypeId::kList:
      return "list";
    case TypeId::kMap:
      return "map";
  }
  return "?";
}

bool SameType(const TypePtr& a, const TypePtr& b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr) return false;
  return a->Equals(*b);
}

// Singletons: the parameterless primitives are immutable, so one instance each suffices.
#define FLOE_PRIMITIVE_SINGLETON(Name, Id)         \
  TypePtr PrimitiveType::Name() {                  \
    static const TypePtr type = MakePrimitive(Id); \
    return type;                                   \
  }
FLOE_PRIMITIVE_SINGLETON(Boolean, TypeId::kBoolean)
FLOE_PRIMITIVE_SINGLETON(Int, TypeId::kInt)
FLOE_PRIMITIVE_SINGLETON(Long, TypeId::kLong)
FLOE_PRIMITIVE_SINGLETON(Float, TypeId::kFloat)
FLOE_PRIMITIVE_SINGLETON(Double, TypeId::kDouble)
FLOE_PRIMITIVE_SINGLETON(Date, TypeId::kDate)
FLOE_PRIMITIVE_SINGLETON(Time, TypeId::kTime)
FLOE_PRIMITIVE_SINGLETON(Timestamp, TypeId::kTimestamp)
FLOE_PRIMITIVE_SINGLETON(TimestampTz, TypeId::kTimestampTz)
FLOE_PRIMITIVE_SINGLETON(TimestampNs, TypeId::kTimestampNs)
FLOE_PRIMITIVE_SINGLETON(TimestampTzNs, TypeId::kTimestampTzNs)
FLOE_PRIMITIVE_SINGLETON(String, TypeId::kString)
FLOE_PRIMITIVE_SINGLETON(Uuid, TypeId::kUuid)
FLOE_PRIMITIVE_SINGLETON(Binary, TypeId::kBinary)
FLOE_PRIMITIVE_SINGLETON(Unknown, TypeId::kUnknown)
#undef FLOE_PRIMITIVE_SINGLETON

TypePtr PrimitiveType::Of(TypeId id) {
  switch (id) {
    case TypeId::kBoolean:
      return Boolean();
    case TypeId::kInt:
      return Int();
    case TypeId::kLong:
      return Long();
    case TypeId::kFloat:
      return Float();
    case TypeId::kDouble:
      return Double();
    case TypeId::kDate:
      return Date();
    case TypeId::kTime:
      return Time();
    case TypeId::kTimestamp:
      return Timestamp();
    case TypeId::kTimestampTz:
      return TimestampTz();
    case TypeId::kTimestampNs:
      return TimestampNs();
    case TypeId::kTimestampTzNs:
      return TimestampTzNs();
    case TypeId::kString:
      return String();
    case TypeId::kUuid:
      return Uuid();
    case TypeId::kBinary:
      return Binary();
    case TypeId::kUnknown:
      return Unknown();
    default:
      return nullptr;
  }
}

Result<TypePtr> PrimitiveType::Decimal(int32_t precision, int32_t scale) {
  if (precision < 1 || precision > 38) {
    return InvalidArgument("decimal precision must be between 1 and 38, got {}", precision);
  }
  if (scale < 0 || scale > precision) {
    return InvalidArgument("decimal scale must be between 0 and the precision {}, got {}",
                           precision, scale);
  }
  return TypePtr(std::make_shared<PrimitiveType>(TypeId::kDecimal, precision, scale, 0));
}

Result<TypePtr> PrimitiveType::Fixed(int64_t length) {
  if (length < 1 || length > std::numeric_limits<int32_t>::max()) {
    return InvalidArgument("fixed length must be positive and fit an int, got {}", length);
  }
  return TypePtr(
      std::make_shared<PrimitiveType>(TypeId::kFixed, 0, 0, static_cast<int32_t>(length)));
}

std::string PrimitiveType::ToString() const {
  switch (id()) {
    case TypeId::kDecimal:
      return fmt::format("decimal({},{})", precision_, scale_);
    case TypeId::kFixed:
      return fmt::format("fixed[{}]", length_);
    default:
      return std::string(TypeIdName(id()));
  }
}

bool PrimitiveType::Equals(const Type& other) const {
  if (other.id() != id()) return false;
  const auto& o = static_cast<const PrimitiveType&>(other);
  return precision_ == o.precision_ && scale_ == o.scale_ && length_ == o.length_;
}

Result<std::shared_ptr<const StructType>> StructType::Make(std::vector<NestedField> fields) {
  std::unordered_set<int32_t> ids;
  std::set<std::string, std::less<>> names;
  for (const auto& f : fields) {
    if (f.type() == nullptr) return InvalidArgument("struct field '{}' has no type", f.name());
    if (!ids.insert(f.id()).second) {
      return InvalidArgument("struct has two fields with id {}", f.id());
    }
    if (!names.insert(f.name()).second) {
      return InvalidArgument("struct has two fields named '{}'", f.name());
    }
  }
  return std::make_shared<const StructType>(std::move(fields));
}

const NestedField* StructType::FieldById(int32_t id) const {
  for (const auto& f : fields_) {
    if (f.id() == id) return &f;
  }
  return nullptr;
}

const NestedField* StructType::FieldByName(std::string_view name, bool case_sensitive) const {
  for (const auto& f : fields_) {
    if (case_sensitive ? f.name() == name : EqualsIgnoreCase(f.name(), name)) return &f;
  }
  return nullptr;
}

std::string StructType::ToString() const {
  std::string s = "struct<";
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) s += ", ";
    s += fields_[i].ToString();
  }
  return s + ">";
}

bool StructType::Equals(const Type& other) const {
  return other.id() == TypeId::kStruct && fields_ == static_cast<const StructType&>(other).fields_;
}

Result<std::shared_ptr<const ListType>> ListType::Make(int32_t element_id, TypePtr element_type,
                                                       bool element_required) {
  FLOE_ASSIGN_OR_RETURN(auto element, NestedField::Make(element_id, "element", element_required,
                                                        std::move(element_type)));
  return std::make_shared<const ListType>(std::move(element));
}

std::string ListType::ToString() const {
  return fmt::format("list<{}>", element_.type()->ToString());
}

bool ListType::Equals(const Type& other) const {
  return other.id() == TypeId::kList && element_ == static_cast<const ListType&>(other).element_;
}

Result<std::shared_ptr<const MapType>> MapType::Make(int32_t key_id, TypePtr key_type,
                                                     int32_t value_id, TypePtr value_type,
                                                     bool value_required) {
  if (key_id == value_id) return InvalidArgument("map key and value share the id {}", key_id);
  FLOE_ASSIGN_OR_RETURN(auto key, NestedField::Make(key_id, "key", true, std::move(key_type)));
  FLOE_ASSIGN_OR_RETURN(
      auto value, NestedField::Make(value_id, "value", value_required, std::move(value_type)));
  return std::make_shared<const MapType>(std::move(key), std::move(value));
}

std::string MapType::ToString() const {
  return fmt::format("map<{}, {}>", key_.type()->ToString(), value_.type()->ToString());
}

bool MapType::Equals(const Type& other) const {
  if (other.id() != TypeId::kMap) return false;
  const auto& o = static_cast<const MapType&>(other);
  return key_ == o.key_ && value_ == o.value_;
}

std::vector<const NestedField*> ChildFields(const Type& type) {
  std::vector<const NestedField*> out;
  switch (type.id()) {
    case TypeId::kStruct:
      for (const auto& f : static_cast<const StructType&>(type).fields()) out.push_back(&f);
      break;
    case TypeId::kList:
      out.push_back(&static_cast<const ListType&>(type).element());
      break;
    case TypeId::kMap:
      out.push_back(&static_cast<const MapType&>(type).key());
      out.push_back(&static_cast<const MapType&>(type).value());
      break;
    default:
      break;
  }
  return out;
}

}  // namespace floe::iceberg
