// ParquetSchema: a Parquet file's schema as a tree, with each leaf column's definition and
// repetition levels, and the mapping between it and a columnar Schema.
//
// Writing maps columnar types to Parquet (Iceberg's Parquet appendix):
//   boolean BOOLEAN; int32 INT32; int64 INT64; float32 FLOAT; float64 DOUBLE
//   decimal128(P,S)  INT32 (P <= 9), INT64 (P <= 18), else FIXED_LEN_BYTE_ARRAY(min bytes for P),
//                    DECIMAL(P,S)
//   date32 INT32 DATE; time64 INT64 TIME(micros, not UTC-adjusted)
//   timestamp INT64 TIMESTAMP(micros, isAdjustedToUTC = timezone not empty)
//   string BYTE_ARRAY STRING; binary BYTE_ARRAY
//   fixed_size_binary(N) FIXED_LEN_BYTE_ARRAY(N); UUID when N == 16 and the field's metadata has
//                    ARROW:extension:name = arrow.uuid
//   struct  group;  list  <rep> group (LIST) { repeated group list { <rep> element } }
//   map     <rep> group (MAP) { repeated group key_value { required key; <rep> value } }
// Every SchemaElement made from a Field carries the Field's id as field_id.
//
// Reading also accepts the legacy forms: converted types without logical types, INT96
// timestamps, 2-level lists (a repeated primitive or repeated group as the element), bare
// repeated fields (a list of required elements) and MAP_KEY_VALUE.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "floe/columnar/type.h"
#include "floe/core/result.h"
#include "floe/format/parquet/metadata.h"

namespace floe::parquet {

// How a leaf's physical values become columnar values (and back).
enum class ValueConversion {
  kBoolean,
  kCopy,             // same width: int32, int64, float, double, date, time/timestamp micros
  kInt32ToInt64,     // UINT_32
  kTimeMillis,       // INT32 millis -> int64 micros
  kTimestampMillis,  // INT64 millis -> micros
  kTimestampNanos,   // INT64 nanos -> micros (also TIME nanos)
  kInt96,            // Julian day + nanos -> micros
  kDecimalInt32,
  kDecimalInt64,
  kDecimalBytes,  // BYTE_ARRAY or FIXED, big-endian two's complement
  kBinary,        // BYTE_ARRAY -> string/binary
  kFixed,         // FIXED -> fixed_size_binary
};

struct SchemaNode {
  enum class Kind { kPrimitive, kStruct, kList, kMap };

  Kind kind = Kind::kPrimitive;
  std::string name;
  bool nullable = true;
  std::optional<int32_t> field_id;
  // The columnar field this node reads as / was written from.
  std::optional<columnar::Field> field;

  // Definition level when this node's value is present; repetition level of its values.
  int16_t def_level = 0;
  int16_t rep_level = 0;
  // list/map: levels of the repeated group (at least one element present).
  int16_t repeated_def_level = 0;
  int16_t repeated_rep_level = 0;

  // primitive
  PhysicalType physical = PhysicalType::kInt32;
  int32_t type_length = 0;
  ValueConversion conversion = ValueConversion::kCopy;
  int leaf_index = -1;

  // struct: fields; list: the element; map: key then value.
  std::vector<SchemaNode> children;
};

class ParquetSchema {
 public:
  // From a columnar schema, for writing. NotSupported for types Parquet cannot hold here.
  static Result<ParquetSchema> FromColumnar(const columnar::Schema& schema);
  // From a file's SchemaElements (depth-first, root first). CorruptFile on a malformed tree.
  static Result<ParquetSchema> FromElements(const std::vector<SchemaElement>& elements);

  // Top-level fields.
  const std::vector<SchemaNode>& fields() const { return root_.children; }
  // Leaves in column-chunk order; pointers stay valid as long as the schema (held in a unique_ptr
  // by users that move it).
  const std::vector<const SchemaNode*>& leaves() const { return leaves_; }
  // Path of names from the top-level field down to leaf i (path_in_schema).
  const std::vector<std::string>& leaf_path(int i) const { return leaf_paths_[i]; }
  // The top-level field each leaf belongs to.
  int leaf_top_level(int i) const { return leaf_top_level_[i]; }

  // The SchemaElements to write (root first).
  std::vector<SchemaElement> ToElements() const;
  // The columnar schema this file reads as.
  columnar::Schema ToColumnar() const;

  ParquetSchema(ParquetSchema&&) = default;
  ParquetSchema& operator=(ParquetSchema&&) = default;

 private:
  ParquetSchema() = default;
  void IndexLeaves();

  SchemaNode root_;
  std::vector<const SchemaNode*> leaves_;
  std::vector<std::vector<std::string>> leaf_paths_;
  std::vector<int> leaf_top_level_;
};

// The metadata key and value that mark a fixed_size_binary(16) field as a UUID.
inline constexpr const char* kExtensionNameKey = "ARROW:extension:name";
inline constexpr const char* kUuidExtensionName = "arrow.uuid";

// Bytes of a FIXED_LEN_BYTE_ARRAY decimal of this precision (Iceberg: the minimum for P).
int32_t DecimalFixedBytes(int32_t precision);

}  // namespace floe::parquet
