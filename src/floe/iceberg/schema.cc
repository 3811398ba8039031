#include "floe/iceberg/schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "floe/iceberg/json_internal.h"
#include "floe/iceberg/type_json.h"

namespace floe::iceberg {
namespace {

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Join(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

}  // namespace

// Walks the schema once, building the indexes and checking the whole-schema rules.
class SchemaIndexer {
 public:
  explicit SchemaIndexer(Schema& schema) : s_(schema) {}

  Status Index(const Type& type, const std::string& full, const std::string& short_name,
               std::optional<int32_t> parent) {
    for (const NestedField* f : ChildFields(type)) {
      if (f->id() < 0) {
        return InvalidArgument("field '{}': the id {} is negative", Join(full, f->name()), f->id());
      }
      if (f->id() > Schema::kMaxFieldId) {
        return InvalidArgument("field '{}': id {} is in the range reserved for metadata columns",
                               Join(full, f->name()), f->id());
      }
      if (!s_.by_id_.emplace(f->id(), f).second) {
        return InvalidArgument("field id {} is used by both '{}' and '{}'", f->id(),
                               s_.name_of_[f->id()], Join(full, f->name()));
      }
      s_.highest_field_id_ = std::max(s_.highest_field_id_, f->id());
      if (parent) s_.parent_[f->id()] = *parent;
      std::string child_full = Join(full, f->name());
      // The short form skips the list element and map value levels.
      bool skip =
          (type.id() == TypeId::kList) || (type.id() == TypeId::kMap && f->name() == "value");
      std::string child_short = skip ? short_name : Join(short_name, f->name());
      if (!s_.by_name_.emplace(child_full, f->id()).second) {
        return InvalidArgument("two columns are named '{}'", child_full);
      }
      s_.name_of_[f->id()] = child_full;
      if (!skip && child_short != child_full) s_.by_short_name_.emplace(child_short, f->id());
      AddLower(child_full, f->id());
      if (!skip && child_short != child_full) AddLower(child_short, f->id());
      FLOE_RETURN_IF_ERROR(Index(*f->type(), child_full, child_short, f->id()));
    }
    return OkStatus();
  }

 private:
  void AddLower(const std::string& name, int32_t id) {
    auto [it, inserted] = s_.by_lower_name_.emplace(ToLower(name), id);
    if (!inserted && it->second != id) it->second = -1;
  }

  Schema& s_;
};

Result<Schema> Schema::Make(int32_t schema_id, std::vector<NestedField> fields,
                            std::vector<int32_t> identifier_field_ids) {
  if (schema_id < 0) return InvalidArgument("schema id must not be negative, got {}", schema_id);
  Schema s;
  s.schema_id_ = schema_id;
  FLOE_ASSIGN_OR_RETURN(s.struct_, StructType::Make(std::move(fields)));
  SchemaIndexer indexer(s);
  FLOE_RETURN_IF_ERROR(indexer.Index(*s.struct_, "", "", std::nullopt));

  std::unordered_set<int32_t> seen;
  for (int32_t id : identifier_field_ids) {
    if (!seen.insert(id).second) return InvalidArgument("identifier field {} is listed twice", id);
    const NestedField* f = s.FindFieldById(id);
    if (f == nullptr) return InvalidArgument("identifier field {} is not in the schema", id);
    const std::string& name = s.name_of_[id];
    if (!f->type()->is_primitive()) {
      return InvalidArgument("identifier field '{}' must be a primitive, not {}", name,
                             f->type()->ToString());
    }
    if (f->type()->id() == TypeId::kFloat || f->type()->id() == TypeId::kDouble) {
      return InvalidArgument("identifier field '{}' must not be a float or double", name);
    }
    if (!f->required()) return InvalidArgument("identifier field '{}' must be required", name);
    for (auto p = s.ParentId(id); p; p = s.ParentId(*p)) {
      const NestedField* parent = s.FindFieldById(*p);
      if (parent->type()->id() != TypeId::kStruct) {
        return InvalidArgument("identifier field '{}' must not be nested in a list or map", name);
      }
      if (!parent->required()) {
        return InvalidArgument("identifier field '{}' must not be nested in optional struct '{}'",
                               name, s.name_of_[*p]);
      }
    }
  }
  s.identifier_field_ids_ = std::move(identifier_field_ids);
  return s;
}

Result<Schema> Schema::FromJson(const nlohmann::json& json) {
  using namespace internal;  // NOLINT
  FLOE_RETURN_IF_ERROR(ExpectObject(json, "schema"));
  if (json.contains("type")) {
    FLOE_ASSIGN_OR_RETURN(std::string type, GetString(json, "schema", "type"));
    if (type != "struct")
      return InvalidArgument("schema: 'type' must be \"struct\", got \"{}\"", type);
  }
  FLOE_ASSIGN_OR_RETURN(auto id, GetOptionalInt32(json, "schema", "schema-id"));
  std::vector<int32_t> identifiers;
  if (HasNonNull(json, "identifier-field-ids")) {
    FLOE_ASSIGN_OR_RETURN(const nlohmann::json* ids,
                          GetArray(json, "schema", "identifier-field-ids"));
    for (const auto& v : *ids) {
      FLOE_ASSIGN_OR_RETURN(int32_t n, AsInt32(v, "schema", "identifier-field-ids"));
      identifiers.push_back(n);
    }
  }
  FLOE_ASSIGN_OR_RETURN(const nlohmann::json* fields_json, GetArray(json, "schema", "fields"));
  std::vector<NestedField> fields;
  for (const auto& f : *fields_json) {
    FLOE_ASSIGN_OR_RETURN(auto field, FieldFromJson(f));
    fields.push_back(std::move(field));
  }
  return Make(id.value_or(kInitialSchemaId), std::move(fields), std::move(identifiers));
}

nlohmann::json Schema::ToJson() const {
  nlohmann::json j = TypeToJson(*struct_);
  j["schema-id"] = schema_id_;
  if (!identifier_field_ids_.empty()) j["identifier-field-ids"] = identifier_field_ids_;
  return j;
}

const NestedField* Schema::FindFieldById(int32_t id) const {
  auto it = by_id_.find(id);
  return it == by_id_.end() ? nullptr : it->second;
}

Result<const NestedField*> Schema::FindFieldByName(std::string_view name,
                                                   bool case_sensitive) const {
  std::string key(name);
  if (case_sensitive) {
    if (auto it = by_name_.find(key); it != by_name_.end()) return FindFieldById(it->second);
    if (auto it = by_short_name_.find(key); it != by_short_name_.end()) {
      return FindFieldById(it->second);
    }
    return NotFound("no column named '{}'", name);
  }
  auto it = by_lower_name_.find(ToLower(name));
  if (it == by_lower_name_.end()) return NotFound("no column named '{}' (ignoring case)", name);
  if (it->second < 0) {
    // An exact match still decides between names that differ only in case.
    auto exact = by_name_.find(key);
    if (exact != by_name_.end()) return FindFieldById(exact->second);
    return InvalidArgument("column name '{}' is ambiguous ignoring case", name);
  }
  return FindFieldById(it->second);
}

std::string Schema::FindColumnName(int32_t id) const {
  auto it = name_of_.find(id);
  return it == name_of_.end() ? std::string() : it->second;
}

std::optional<int32_t> Schema::ParentId(int32_t id) const {
  auto it = parent_.find(id);
  if (it == parent_.end()) return std::nullopt;
  return it->second;
}

Schema Schema::WithSchemaId(int32_t schema_id) const {
  Schema copy = *this;
  copy.schema_id_ = schema_id;
  return copy;
}

std::string Schema::ToString() const {
  std::string s = "table {\n";
  for (const auto& f : fields()) s += "  " + f.ToString() + "\n";
  return s + "}";
}

bool Schema::SameSchema(const Schema& other) const {
  return struct_->Equals(*other.struct_) && identifier_field_ids_ == other.identifier_field_ids_;
}

bool Schema::operator==(const Schema& other) const {
  return schema_id_ == other.schema_id_ && SameSchema(other);
}

}  // namespace floe::iceberg
