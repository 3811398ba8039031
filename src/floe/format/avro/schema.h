// An Avro schema, parsed from its JSON text and kept whole.
//
// Avro schemas are JSON: a primitive name ("long"), a union (a JSON array of schemas), or an object
// whose "type" says what it is (record, enum, array, map, fixed, or a primitive with attributes).
// Iceberg hangs its own attributes on these objects: "field-id" on record fields, "element-id" on
// arrays, "key-id"/"value-id" on maps, and it writes maps with non-string keys as arrays of
// key/value records marked {"logicalType": "map"}. This model keeps every attribute it does not
// interpret, and the original JSON text, so that a writer puts the schema back byte for byte.
//
//   FLOE_ASSIGN_OR_RETURN(auto schema, Schema::Parse(text));
//   const Node& root = schema->root();                 // usually a record
//   for (const Field& f : root.fields()) f.field_id(); // Iceberg's field ids
//
// Nodes are owned by their Schema and refer to each other by pointer (a recursive record points
// back at itself); they live as long as the Schema.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "floe/core/result.h"

namespace floe::avro {

enum class Type : uint8_t {
  kNull,
  kBoolean,
  kInt,
  kLong,
  kFloat,
  kDouble,
  kBytes,
  kString,
  kRecord,
  kEnum,
  kArray,
  kMap,
  kUnion,
  kFixed,
};

// "null", "boolean", ..., "record", "union".
std::string_view TypeName(Type type);

// Logical types this library knows. A "logicalType" that is unknown or does not fit its type
// (e.g. "date" on a string) is ignored as the Avro spec asks: the node reads as kNone, and its
// name stays visible through Node::logical_type_name().
enum class LogicalType : uint8_t {
  kNone,
  kDecimal,               // bytes or fixed; precision(), scale()
  kUuid,                  // string, or fixed(16)
  kDate,                  // int: days since 1970-01-01
  kTimeMillis,            // int
  kTimeMicros,            // long
  kTimestampMillis,       // long, UTC
  kTimestampMicros,       // long, UTC
  kTimestampNanos,        // long, UTC
  kLocalTimestampMillis,  // long
  kLocalTimestampMicros,  // long
  kLocalTimestampNanos,   // long
  kDuration,              // fixed(12)
  kMap,                   // Iceberg: array of {key, value} records standing for a map
};

class Node;

// One field of a record.
struct Field {
  std::string name;
  const Node* node = nullptr;
  // The "default" value as written, if any.
  std::optional<nlohmann::json> default_value;
  // Every key of the field object except "name", "type" and "default" (field-id, doc, aliases...).
  nlohmann::json attributes = nlohmann::json::object();

  // An integer attribute such as "field-id"; nullopt when absent or not an integer.
  std::optional<int64_t> IntAttribute(std::string_view key) const;
  // Iceberg's "field-id", when present and within int32.
  std::optional<int32_t> field_id() const;
};

class Node {
 public:
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  Type type() const { return type_; }
  LogicalType logical_type() const { return logical_type_; }
  // The "logicalType" string as written ("" when none), including ones that are ignored.
  const std::string& logical_type_name() const { return logical_type_name_; }

  // Full name ("namespace.name") of a record, enum or fixed; empty for other types.
  const std::string& name() const { return name_; }
  // Decimal precision and scale (0 unless logical_type() is kDecimal).
  int32_t precision() const { return precision_; }
  int32_t scale() const { return scale_; }
  // REQUIRES: type() == kFixed.
  size_t fixed_size() const { return fixed_size_; }
  // REQUIRES: type() == kRecord.
  const std::vector<Field>& fields() const { return fields_; }
  // Index of the field called `name`, or -1.
  int FieldIndex(std::string_view name) const;
  // REQUIRES: type() == kEnum.
  const std::vector<std::string>& symbols() const { return symbols_; }
  // REQUIRES: type() == kArray (items) or kMap (values).
  const Node& items() const { return *children_[0]; }
  const Node& values() const { return *children_[0]; }
  // REQUIRES: type() == kUnion.
  size_t branch_count() const { return children_.size(); }
  const Node& branch(size_t i) const { return *children_[i]; }
  // Index of the "null" branch of a union, or -1.
  int NullBranch() const;

  // Every key of this type's JSON object that is not part of the type's structure ("logicalType",
  // "element-id", "key-id", "doc", ...). Empty for a type written as a plain string.
  const nlohmann::json& attributes() const { return attributes_; }
  std::optional<int64_t> IntAttribute(std::string_view key) const;

  // True when a value of this type can encode to zero bytes (null, a record of nulls, fixed(0)).
  // Readers use it to bound item counts by the bytes left.
  bool may_be_empty() const { return may_be_empty_; }

 private:
  friend class SchemaParser;
  Node() = default;

  Type type_ = Type::kNull;
  LogicalType logical_type_ = LogicalType::kNone;
  bool may_be_empty_ = false;
  std::string logical_type_name_;
  std::string name_;
  int32_t precision_ = 0;
  int32_t scale_ = 0;
  size_t fixed_size_ = 0;
  std::vector<Field> fields_;
  std::vector<std::string> symbols_;
  std::vector<const Node*> children_;
  nlohmann::json attributes_ = nlohmann::json::object();
};

class Schema {
 public:
  // Parses and validates a schema; `json_text` is kept exactly as given.
  static Result<std::shared_ptr<const Schema>> Parse(std::string_view json_text);
  // Same, from a JSON value; the text kept is its compact dump.
  static Result<std::shared_ptr<const Schema>> FromJson(const nlohmann::json& json);

  Schema(const Schema&) = delete;
  Schema& operator=(const Schema&) = delete;

  const Node& root() const { return *root_; }
  // The schema text as given to Parse.
  const std::string& json_text() const { return json_text_; }
  // The named type (record, enum, fixed) with this full name, or nullptr.
  const Node* FindNamed(std::string_view full_name) const;

 private:
  friend class SchemaParser;
  Schema() = default;

  std::string json_text_;
  const Node* root_ = nullptr;
  std::vector<std::unique_ptr<Node>> nodes_;
  std::vector<std::pair<std::string, const Node*>> named_;
};

}  // namespace floe::avro
