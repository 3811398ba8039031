// DataType, Field and Schema: the logical types of columnar arrays, in Arrow's type system.
//
// A DataType is a small immutable value: a kind, the kind's parameters (decimal precision and
// scale, fixed-size width, timestamp timezone, map key ordering) and, for nested kinds, child
// Fields. Copies are cheap (children are shared). A Field names a type and adds nullability, an
// optional Iceberg/Parquet field id and key/value metadata. A Schema is the list of top-level
// Fields of a RecordBatch plus schema-level metadata.
//
//   Schema schema({Field("id", DataType::Int64(), /*nullable=*/false, /*field_id=*/1),
//                  Field("tags", DataType::List(Field("element", DataType::String())), true, 2)});
//
// Physical storage per kind (see array.h): boolean bits; int32/date32 4 bytes; int64/time64(us)/
// timestamp(us) 8 bytes; float32 4; float64 8; decimal128 16; fixed_size_binary(N) N bytes;
// string/binary int32 offsets + bytes; list/map int32 offsets + one child; struct one child per
// field. Map's single child is a non-nullable struct "entries" of fields "key" (non-nullable)
// and "value".
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "floe/columnar/type_fwd.h"

namespace floe::columnar {

enum class TypeKind : uint8_t {
  kBoolean,
  kInt32,
  kInt64,
  kFloat32,
  kFloat64,
  kDecimal128,
  kDate32,     // days since 1970-01-01, int32
  kTime64,     // microseconds since midnight, int64
  kTimestamp,  // microseconds since the epoch, int64; UTC-adjusted when timezone() is non-empty
  kString,     // UTF-8
  kBinary,
  kFixedSizeBinary,
  kStruct,
  kList,
  kMap,
};

// "boolean", "int32", ... "map".
std::string_view TypeKindName(TypeKind kind);

// Ordered key/value pairs, as in Arrow's field and schema metadata.
using KeyValueMetadata = std::vector<std::pair<std::string, std::string>>;

class DataType {
 public:
  static DataType Boolean();
  static DataType Int32();
  static DataType Int64();
  static DataType Float32();
  static DataType Float64();
  // REQUIRES: 1 <= precision <= 38 (import checks and reports InvalidArgument instead).
  static DataType Decimal128(int32_t precision, int32_t scale);
  static DataType Date32();
  // time64 in microseconds.
  static DataType Time64();
  // timestamp in microseconds; "" for a local (wall-clock) timestamp, "UTC" for Iceberg
  // timestamptz. Other zone names are kept as given.
  static DataType Timestamp(std::string timezone = "");
  static DataType String();
  static DataType Binary();
  // REQUIRES: width >= 1. Iceberg uuid is FixedSizeBinary(16).
  static DataType FixedSizeBinary(int32_t width);
  static DataType Struct(std::vector<Field> fields);
  static DataType List(Field item);
  // Builds the "entries" struct child from `key` and `value`. The key field is made non-nullable.
  static DataType Map(Field key, Field value, bool keys_sorted = false);

  TypeKind kind() const { return kind_; }
  int32_t precision() const { return precision_; }           // decimal128
  int32_t scale() const { return scale_; }                   // decimal128
  const std::string& timezone() const { return timezone_; }  // timestamp
  bool keys_sorted() const { return keys_sorted_; }          // map

  // Bytes per value for fixed-width kinds (decimal 16, fixed_size_binary N, ...), 0 for boolean
  // (bit-packed) and for variable-width and nested kinds.
  int32_t byte_width() const;
  bool is_fixed_width() const;  // boolean, numeric, decimal, temporal, fixed_size_binary
  bool is_binary_like() const { return kind_ == TypeKind::kString || kind_ == TypeKind::kBinary; }
  bool is_nested() const;  // struct, list, map

  // Children: struct fields; list's one item; map's one "entries" struct.
  const std::vector<Field>& fields() const;
  int num_fields() const;
  const Field& field(int i) const;
  // list: the item field; map: the entries struct's "value" field.
  const Field& value_field() const;
  // map: the entries struct's "key" field.
  const Field& key_field() const;

  // "int32", "decimal128(10, 2)", "timestamp[us, tz=UTC]", "struct<a: int32 not null>", ...
  std::string ToString() const;

  // Structural equality. With check_metadata, child field ids and metadata must also match.
  bool Equals(const DataType& other, bool check_metadata = true) const;
  bool operator==(const DataType& other) const { return Equals(other, true); }

 private:
  explicit DataType(TypeKind kind) : kind_(kind) {}

  TypeKind kind_;
  bool keys_sorted_ = false;
  int32_t precision_ = 0;
  int32_t scale_ = 0;
  int32_t width_ = 0;
  std::string timezone_;
  std::shared_ptr<const std::vector<Field>> fields_;
};

class Field {
 public:
  Field(std::string name, DataType type, bool nullable = true,
        std::optional<int32_t> field_id = std::nullopt, KeyValueMetadata metadata = {});

  const std::string& name() const { return name_; }
  const DataType& type() const { return type_; }
  bool nullable() const { return nullable_; }
  // The Iceberg field id; travels as "PARQUET:field_id" metadata through the C data interface.
  const std::optional<int32_t>& field_id() const { return field_id_; }
  const KeyValueMetadata& metadata() const { return metadata_; }

  Field WithName(std::string name) const;
  Field WithType(DataType type) const;
  Field WithNullable(bool nullable) const;
  Field WithFieldId(std::optional<int32_t> field_id) const;
  Field WithMetadata(KeyValueMetadata metadata) const;

  // "name: type", with " not null" and " id=N" when they apply.
  std::string ToString() const;

  bool Equals(const Field& other, bool check_metadata = true) const;
  bool operator==(const Field& other) const { return Equals(other, true); }

 private:
  std::string name_;
  DataType type_;
  bool nullable_;
  std::optional<int32_t> field_id_;
  KeyValueMetadata metadata_;
};

class Schema {
 public:
  Schema() = default;
  explicit Schema(std::vector<Field> fields, KeyValueMetadata metadata = {});

  int num_fields() const { return static_cast<int>(fields_.size()); }
  const Field& field(int i) const { return fields_[static_cast<size_t>(i)]; }
  const std::vector<Field>& fields() const { return fields_; }
  const KeyValueMetadata& metadata() const { return metadata_; }

  // Index of the first top-level field with this name, or -1.
  int GetFieldIndex(std::string_view name) const;
  // Index of the top-level field with this field id, or -1.
  int GetFieldIndexById(int32_t field_id) const;

  // One line per field.
  std::string ToString() const;

  bool Equals(const Schema& other, bool check_metadata = true) const;
  bool operator==(const Schema& other) const { return Equals(other, true); }

  // The same fields with no field ids at any depth (columns then meet a table by name).
  Schema WithoutFieldIds() const;

 private:
  std::vector<Field> fields_;
  KeyValueMetadata metadata_;
};

std::ostream& operator<<(std::ostream& os, const DataType& type);
std::ostream& operator<<(std::ostream& os, const Field& field);
std::ostream& operator<<(std::ostream& os, const Schema& schema);

}  // namespace floe::columnar
