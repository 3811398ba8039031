// Iceberg data types (spec "Schemas and Data Types"): the primitives of format v2 plus v3's
// unknown and nanosecond timestamps, and the nested struct, list and map. Types are immutable and
// shared through TypePtr; primitives without parameters are singletons.
//
//   TypePtr t = PrimitiveType::Long();
//   FLOE_ASSIGN_OR_RETURN(TypePtr d, PrimitiveType::Decimal(9, 2));
//   FLOE_ASSIGN_OR_RETURN(auto s, StructType::Make({NestedField::Required(1, "id", t)}));
//   s->ToString();  // "struct<1: id: required long>"
//
// Equality is structural: same kind, same parameters, same fields (ids, names, requiredness,
// types and docs). JSON forms live in type_json.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "floe/core/result.h"
#include "floe/iceberg/nested_field.h"
#include "floe/iceberg/type_fwd.h"

namespace floe::iceberg {

enum class TypeId : uint8_t {
  kBoolean,
  kInt,
  kLong,
  kFloat,
  kDouble,
  kDecimal,
  kDate,
  kTime,
  kTimestamp,
  kTimestampTz,
  kTimestampNs,    // v3
  kTimestampTzNs,  // v3
  kString,
  kUuid,
  kFixed,
  kBinary,
  kUnknown,  // v3
  kStruct,
  kList,
  kMap,
};

// "boolean", "int", ..., "decimal", "fixed", "struct": the name of the kind, without parameters.
std::string_view TypeIdName(TypeId id);

class Type {
 public:
  virtual ~Type() = default;
  Type(const Type&) = delete;
  Type& operator=(const Type&) = delete;

  TypeId id() const { return id_; }
  bool is_primitive() const { return id_ < TypeId::kStruct; }
  bool is_nested() const { return !is_primitive(); }

  // The spec's type string for primitives ("decimal(9,2)", "fixed[16]"); for nested types a
  // readable form such as "list<string>" or "map<string, double>".
  virtual std::string ToString() const = 0;
  virtual bool Equals(const Type& other) const = 0;
  bool operator==(const Type& other) const { return Equals(other); }

 protected:
  explicit Type(TypeId id) : id_(id) {}

 private:
  TypeId id_;
};

// Compares the pointed-to types (two null pointers are equal).
bool SameType(const TypePtr& a, const TypePtr& b);

class PrimitiveType final : public Type {
 public:
  static TypePtr Boolean();
  static TypePtr Int();
  static TypePtr Long();
  static TypePtr Float();
  static TypePtr Double();
  static TypePtr Date();
  static TypePtr Time();
  static TypePtr Timestamp();
  static TypePtr TimestampTz();
  static TypePtr TimestampNs();
  static TypePtr TimestampTzNs();
  static TypePtr String();
  static TypePtr Uuid();
  static TypePtr Binary();
  static TypePtr Unknown();
  // 1 <= precision <= 38 and 0 <= scale <= precision.
  static Result<TypePtr> Decimal(int32_t precision, int32_t scale);
  // length >= 1.
  static Result<TypePtr> Fixed(int64_t length);
  // The parameterless primitive of `id`. REQUIRES: id is primitive, not decimal or fixed.
  static TypePtr Of(TypeId id);

  // Meaningful only for decimal.
  int32_t precision() const { return precision_; }
  int32_t scale() const { return scale_; }
  // Meaningful only for fixed.
  int32_t length() const { return length_; }

  std::string ToString() const override;
  bool Equals(const Type& other) const override;

  // Public for make_shared; use the factories.
  PrimitiveType(TypeId id, int32_t precision, int32_t scale, int32_t length)
      : Type(id), precision_(precision), scale_(scale), length_(length) {}

 private:
  int32_t precision_;
  int32_t scale_;
  int32_t length_;
};

class StructType final : public Type {
 public:
  // Field names and ids must be unique within the struct.
  static Result<std::shared_ptr<const StructType>> Make(std::vector<NestedField> fields);

  const std::vector<NestedField>& fields() const { return fields_; }
  // The direct child with this id or name (no recursion); nullptr when absent.
  const NestedField* FieldById(int32_t id) const;
  const NestedField* FieldByName(std::string_view name, bool case_sensitive = true) const;

  std::string ToString() const override;
  bool Equals(const Type& other) const override;

  explicit StructType(std::vector<NestedField> fields)
      : Type(TypeId::kStruct), fields_(std::move(fields)) {}

 private:
  std::vector<NestedField> fields_;
};

class ListType final : public Type {
 public:
  static Result<std::shared_ptr<const ListType>> Make(int32_t element_id, TypePtr element_type,
                                                      bool element_required);

  // Named "element".
  const NestedField& element() const { return element_; }

  std::string ToString() const override;
  bool Equals(const Type& other) const override;

  explicit ListType(NestedField element) : Type(TypeId::kList), element_(std::move(element)) {}

 private:
  NestedField element_;
};

class MapType final : public Type {
 public:
  // Map keys are always required.
  static Result<std::shared_ptr<const MapType>> Make(int32_t key_id, TypePtr key_type,
                                                     int32_t value_id, TypePtr value_type,
                                                     bool value_required);

  // Named "key" and "value".
  const NestedField& key() const { return key_; }
  const NestedField& value() const { return value_; }

  std::string ToString() const override;
  bool Equals(const Type& other) const override;

  MapType(NestedField key, NestedField value)
      : Type(TypeId::kMap), key_(std::move(key)), value_(std::move(value)) {}

 private:
  NestedField key_;
  NestedField value_;
};

// The child fields of a nested type, in order (struct fields; list element; map key, value);
// empty for primitives.
std::vector<const NestedField*> ChildFields(const Type& type);

}  // namespace floe::iceberg
