// Schema: a table's columns (a top-level struct) with a schema id and the optional identifier
// field ids (the columns that identify a row). Immutable after Make, which checks that field ids
// are unique across the whole schema and within the reserved limit, that full column names are
// unique, and that identifier fields are required primitives (not float or double) outside lists
// and maps and under required structs only.
//
//   FLOE_ASSIGN_OR_RETURN(Schema s, Schema::Make(0, {NestedField::Required(1, "id", long_type)},
//                                               {1}));
//   const NestedField* f = s.FindFieldById(1);
//   FLOE_ASSIGN_OR_RETURN(const NestedField* g, s.FindFieldByName("location.lat"));
//
// Column names are dotted paths from the top: "a.b" is field b of struct a; a list's element is
// "l.element", a map's key and value "m.key" and "m.value". Lookups also accept the short form
// that leaves out "element" and "value" ("points.x" for "points.element.x") when unambiguous.
// Copies are cheap: the fields are shared.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "floe/core/result.h"
#include "floe/iceberg/type.h"

namespace floe::iceberg {

class Schema {
 public:
  static constexpr int32_t kInitialSchemaId = 0;
  // Field ids above this are reserved for metadata columns (spec "Reserved Field IDs").
  static constexpr int32_t kMaxFieldId = 2147483447;

  static Result<Schema> Make(int32_t schema_id, std::vector<NestedField> fields,
                             std::vector<int32_t> identifier_field_ids = {});

  // The spec's JSON object: {"type": "struct", "schema-id": 0, "identifier-field-ids": [1],
  // "fields": [...]}. "schema-id" may be absent (format v1), and then reads as 0.
  static Result<Schema> FromJson(const nlohmann::json& json);
  nlohmann::json ToJson() const;

  int32_t schema_id() const { return schema_id_; }
  const std::vector<NestedField>& fields() const { return struct_->fields(); }
  const std::shared_ptr<const StructType>& as_struct() const { return struct_; }
  const std::vector<int32_t>& identifier_field_ids() const { return identifier_field_ids_; }
  // The largest field id anywhere in the schema (0 for an empty schema).
  int32_t highest_field_id() const { return highest_field_id_; }

  // Any field at any depth, nullptr when absent.
  const NestedField* FindFieldById(int32_t id) const;
  // NotFound when no column has this name; with case_sensitive false, InvalidArgument when the
  // name matches several columns that differ only in case.
  Result<const NestedField*> FindFieldByName(std::string_view name,
                                             bool case_sensitive = true) const;
  // The full dotted name of the field with this id; empty when absent.
  std::string FindColumnName(int32_t id) const;
  // The id of the struct, list or map field directly containing field `id`; nullopt for
  // top-level fields and unknown ids.
  std::optional<int32_t> ParentId(int32_t id) const;

  // The same schema under another id.
  Schema WithSchemaId(int32_t schema_id) const;

  // "table {\n  1: id: required long\n}"
  std::string ToString() const;
  // Same columns and identifier fields, ignoring the schema id.
  bool SameSchema(const Schema& other) const;
  bool operator==(const Schema& other) const;

 private:
  friend class SchemaIndexer;
  Schema() = default;

  int32_t schema_id_ = 0;
  std::shared_ptr<const StructType> struct_;
  std::vector<int32_t> identifier_field_ids_;
  int32_t highest_field_id_ = 0;
  // Point into struct_, which is shared and never changes, so copies may keep them.
  std::unordered_map<int32_t, const NestedField*> by_id_;
  std::unordered_map<int32_t, int32_t> parent_;
  std::unordered_map<int32_t, std::string> name_of_;
  std::unordered_map<std::string, int32_t> by_name_;
  std::unordered_map<std::string, int32_t> by_short_name_;
  // Lowercased full and short names; -1 marks a name shared by several columns.
  std::unordered_map<std::string, int32_t> by_lower_name_;
};

}  // namespace floe::iceberg
