#include "floe/format/avro/schema.h"

#include <algorithm>
#include <limits>
#include <set>

namespace floe::avro {
namespace {

using Json = nlohmann::json;

// Avro names: [A-Za-z_][A-Za-z0-9_]*.
bool IsValidName(std::string_view name) {
  if (name.empty()) return false;
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!alpha(name[0])) return false;
  return std::all_of(name.begin() + 1, name.end(),
                     [&](char c) { return alpha(c) || (c >= '0' && c <= '9'); });
}

bool IsValidFullName(std::string_view name) {
  size_t start = 0;
  while (true) {
    size_t dot = name.find('.', start);
    if (!IsValidName(name.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

std::optional<Type> PrimitiveType(std::string_view name) {
  if (name == "null") return Type::kNull;
  if (name == "boolean") return Type::kBoolean;
  if (name == "int") return Type::kInt;
  if (name == "long") return Type::kLong;
  if (name == "float") return Type::kFloat;
  if (name == "double") return Type::kDouble;
  if (name == "bytes") return Type::kBytes;
  if (name == "string") return Type::kString;
  return std::nullopt;
}

std::optional<int64_t> JsonInt(const Json& j) {
  if (j.is_number_integer()) {
    if (j.is_number_unsigned()) {
      uint64_t u = j.get<uint64_t>();
      if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) return std::nullopt;
      return static_cast<int64_t>(u);
    }
    return j.get<int64_t>();
  }
  return std::nullopt;
}

std::optional<int64_t> IntAttributeOf(const Json& attributes, std::string_view key) {
  auto it = attributes.find(key);
  if (it == attributes.end()) return std::nullopt;
  return JsonInt(*it);
}

// Keys that make up a type's structure; every other key of a type object is an attribute.
bool IsStructuralKey(Type type, std::string_view key) {
  if (key == "type") return true;
  switch (type) {
    case Type::kRecord:
      return key == "name" || key == "namespace" || key == "fields";
    case Type::kEnum:
      return key == "name" || key == "namespace" || key == "symbols";
    case Type::kFixed:
      return key == "name" || key == "namespace" || key == "size";
    case Type::kArray:
      return key == "items";
    case Type::kMap:
      return key == "values";
    default:
      return false;
  }
}

// Sets the node's logical type when it fits the underlying type; otherwise leaves kNone.
LogicalType ResolveLogicalType(std::string_view name, Type type, size_t fixed_size) {
  auto on = [&](Type t, LogicalType l) { return type == t ? l : LogicalType::kNone; };
  if (name == "decimal") {
    return type == Type::kBytes || type == Type::kFixed ? LogicalType::kDecimal
                                                        : LogicalType::kNone;
  }
  if (name == "uuid") {
    if (type == Type::kString || (type == Type::kFixed && fixed_size == 16)) {
      return LogicalType::kUuid;
    }
    return LogicalType::kNone;
  }
  if (name == "date") return on(Type::kInt, LogicalType::kDate);
  if (name == "time-millis") return on(Type::kInt, LogicalType::kTimeMillis);
  if (name == "time-micros") return on(Type::kLong, LogicalType::kTimeMicros);
  if (name == "timestamp-millis") return on(Type::kLong, LogicalType::kTimestampMillis);
  if (name == "timestamp-micros") return on(Type::kLong, LogicalType::kTimestampMicros);
  if (name == "timestamp-nanos") return on(Type::kLong, LogicalType::kTimestampNanos);
  if (name == "local-timestamp-millis") return on(Type::kLong, LogicalType::kLocalTimestampMillis);
  if (name == "local-timestamp-micros") return on(Type::kLong, LogicalType::kLocalTimestampMicros);
  if (name == "local-timestamp-nanos") return on(Type::kLong, LogicalType::kLocalTimestampNanos);
  if (name == "duration") {
    return type == Type::kFixed && fixed_size == 12 ? LogicalType::kDuration : LogicalType::kNone;
  }
  if (name == "map") return on(Type::kArray, LogicalType::kMap);
  return LogicalType::kNone;
}

// Largest decimal precision a fixed of `size` bytes holds: floor(log10(2^(8*size-1) - 1)).
int64_t MaxDecimalPrecision(size_t size) {
  if (size == 0) return 0;
  if (size >= 128) return std::numeric_limits<int64_t>::max();
  // log10(2) * (8 * size - 1), rounded down; exact enough for the sizes that occur.
  return static_cast<int64_t>(0.30102999566398120 * static_cast<double>(8 * size - 1));
}

constexpr int kMaxSchemaDepth = 200;

}  // namespace

// Builds a Schema's node graph from JSON, resolving names in scope as Avro defines them.
class SchemaParser {
 public:
  explicit SchemaParser(Schema* schema) : schema_(schema) {}

  Result<const Node*> ParseNode(const Json& j, const std::string& ns, int depth) {
    if (depth > kMaxSchemaDepth) return InvalidArgument("avro schema nested too deeply");
    if (j.is_string()) return ParseName(j.get_ref<const std::string&>(), ns);
    if (j.is_array()) return ParseUnion(j, ns, depth);
    if (!j.is_object()) return InvalidArgument("avro schema must be a string, array or object");
    auto type_it = j.find("type");
    if (type_it == j.end()) return InvalidArgument("avro schema object has no \"type\"");
    if (!type_it->is_string()) {
      // {"type": {...}} or {"type": [...]}: the nested schema is the type itself.
      return ParseNode(*type_it, ns, depth + 1);
    }
    const std::string& type_name = type_it->get_ref<const std::string&>();
    if (auto primitive = PrimitiveType(type_name)) {
      Node* node = NewNode(*primitive);
      FLOE_RETURN_IF_ERROR(FinishAttributes(node, j));
      return node;
    }
    if (type_name == "record" || type_name == "error") return ParseRecord(j, ns, depth);
    if (type_name == "enum") return ParseEnum(j, ns);
    if (type_name == "fixed") return ParseFixed(j, ns);
    if (type_name == "array" || type_name == "map") {
      const bool array = type_name == "array";
      const char* key = array ? "items" : "values";
      auto it = j.find(key);
      if (it == j.end()) return InvalidArgument("avro {} has no \"{}\"", type_name, key);
      Node* node = NewNode(array ? Type::kArray : Type::kMap);
      FLOE_ASSIGN_OR_RETURN(const Node* child, ParseNode(*it, ns, depth + 1));
      node->children_.push_back(child);
      FLOE_RETURN_IF_ERROR(FinishAttributes(node, j));
      return node;
    }
    // A named type referenced through {"type": "Name"}.
    return ParseName(type_name, ns);
  }

 private:
  Status Register(Node* node, std::string full_name) {
    for (const auto& [name, existing] : schema_->named_) {
      if (name == full_name) return InvalidArgument("avro type {} defined twice", full_name);
    }
    node->name_ = full_name;
    schema_->named_.emplace_back(std::move(full_name), node);
    return OkStatus();
  }

  Node* NewNode(Type type) {
    schema_->nodes_.push_back(std::unique_ptr<Node>(new Node()));
    Node* node = schema_->nodes_.back().get();
    node->type_ = type;
    node->may_be_empty_ = type == Type::kNull;
    return node;
  }

  Result<const Node*> ParseName(const std::string& name, const std::string& ns) {
    if (auto primitive = PrimitiveType(name)) return NewNode(*primitive);
    if (name.find('.') == std::string::npos && !ns.empty()) {
      if (const Node* n = schema_->FindNamed(ns + "." + name)) return n;
    }
    if (const Node* n = schema_->FindNamed(name)) return n;
    return InvalidArgument("avro type {} is not defined", name);
  }

  // Full name and the namespace its children inherit.
  Result<std::pair<std::string, std::string>> FullName(const Json& j, const std::string& ns) {
    auto name_it = j.find("name");
    if (name_it == j.end() || !name_it->is_string()) {
      return InvalidArgument("avro named type has no \"name\"");
    }
    const std::string& name = name_it->get_ref<const std::string&>();
    std::string full;
    if (name.find('.') != std::string::npos) {
      full = name;
    } else {
      std::string space = ns;
      auto ns_it = j.find("namespace");
      if (ns_it != j.end()) {
        if (ns_it->is_string()) {
          space = ns_it->get<std::string>();
        } else if (!ns_it->is_null()) {
          return InvalidArgument("avro namespace of {} is not a string", name);
        }
      }
      full = space.empty() ? name : space + "." + name;
    }
    if (!IsValidFullName(full)) return InvalidArgument("invalid avro name \"{}\"", full);
    size_t dot = full.rfind('.');
    std::string child_ns = dot == std::string::npos ? "" : full.substr(0, dot);
    return std::make_pair(std::move(full), std::move(child_ns));
  }

  Result<const Node*> ParseRecord(const Json& j, const std::string& ns, int depth) {
    FLOE_ASSIGN_OR_RETURN(auto names, FullName(j, ns));
    Node* node = NewNode(Type::kRecord);
    // Registered before its fields, so that a field may refer back to the record.
    FLOE_RETURN_IF_ERROR(Register(node, names.first));
    auto fields_it = j.find("fields");
    if (fields_it == j.end() || !fields_it->is_array()) {
      return InvalidArgument("avro record {} has no \"fields\" array", names.first);
    }
    bool may_be_empty = true;
    for (const Json& fj : *fields_it) {
      if (!fj.is_object())
        return InvalidArgument("avro record {} has a non-object field", node->name_);
      auto name_it = fj.find("name");
      if (name_it == fj.end() || !name_it->is_string() ||
          !IsValidName(name_it->get_ref<const std::string&>())) {
        return InvalidArgument("avro record {} has a field without a valid name", node->name_);
      }
      Field field;
      field.name = name_it->get<std::string>();
      if (node->FieldIndex(field.name) >= 0) {
        return InvalidArgument("avro record {} has two fields named {}", node->name_, field.name);
      }
      auto type_it = fj.find("type");
      if (type_it == fj.end()) {
        return InvalidArgument("avro field {}.{} has no type", node->name_, field.name);
      }
      FLOE_ASSIGN_OR_RETURN(field.node, ParseNode(*type_it, names.second, depth + 1));
      for (auto it = fj.begin(); it != fj.end(); ++it) {
        if (it.key() == "name" || it.key() == "type") continue;
        if (it.key() == "default") {
          field.default_value = it.value();
        } else {
          field.attributes[it.key()] = it.value();
        }
      }
      may_be_empty = may_be_empty && field.node->may_be_empty();
      node->fields_.push_back(std::move(field));
    }
    node->may_be_empty_ = may_be_empty;
    FLOE_RETURN_IF_ERROR(FinishAttributes(node, j));
    return node;
  }

  Result<const Node*> ParseEnum(const Json& j, const std::string& ns) {
    FLOE_ASSIGN_OR_RETURN(auto names, FullName(j, ns));
    Node* node = NewNode(Type::kEnum);
    FLOE_RETURN_IF_ERROR(Register(node, names.first));
    auto it = j.find("symbols");
    if (it == j.end() || !it->is_array()) {
      return InvalidArgument("avro enum {} has no \"symbols\" array", names.first);
    }
    std::set<std::string> seen;
    for (const Json& s : *it) {
      if (!s.is_string() || !IsValidName(s.get_ref<const std::string&>())) {
        return InvalidArgument("avro enum {} has an invalid symbol", names.first);
      }
      if (!seen.insert(s.get<std::string>()).second) {
        return InvalidArgument("avro enum {} repeats symbol {}", names.first, s.get<std::string>());
      }
      node->symbols_.push_back(s.get<std::string>());
    }
    FLOE_RETURN_IF_ERROR(FinishAttributes(node, j));
    return node;
  }

  Result<const Node*> ParseFixed(const Json& j, const std::string& ns) {
    FLOE_ASSIGN_OR_RETURN(auto names, FullName(j, ns));
    Node* node = NewNode(Type::kFixed);
    FLOE_RETURN_IF_ERROR(Register(node, names.first));
    auto it = j.find("size");
    std::optional<int64_t> size = it == j.end() ? std::nullopt : JsonInt(*it);
    if (!size || *size < 0 || *size > std::numeric_limits<int32_t>::max()) {
      return InvalidArgument("avro fixed {} needs a non-negative \"size\"", names.first);
    }
    node->fixed_size_ = static_cast<size_t>(*size);
    node->may_be_empty_ = *size == 0;
    FLOE_RETURN_IF_ERROR(FinishAttributes(node, j));
    return node;
  }

  Result<const Node*> ParseUnion(const Json& j, const std::string& ns, int depth) {
    Node* node = NewNode(Type::kUnion);
    std::set<std::string> seen;
    for (const Json& bj : j) {
      FLOE_ASSIGN_OR_RETURN(const Node* branch, ParseNode(bj, ns, depth + 1));
      if (branch->type() == Type::kUnion) {
        return InvalidArgument("avro union may not directly contain a union");
      }
      // Branches must differ: by type, and named types by name.
      std::string key = branch->name().empty() ? std::string(TypeName(branch->type()))
                                               : "named:" + branch->name();
      if (!seen.insert(key).second) return InvalidArgument("avro union repeats {}", key);
      node->children_.push_back(branch);
    }
    if (node->children_.empty()) return InvalidArgument("avro union has no branches");
    return node;
  }

  // Keeps the non-structural keys and resolves "logicalType".
  Status FinishAttributes(Node* node, const Json& j) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!IsStructuralKey(node->type_, it.key())) node->attributes_[it.key()] = it.value();
    }
    auto lt = j.find("logicalType");
    if (lt == j.end() || !lt->is_string()) return OkStatus();
    node->logical_type_name_ = lt->get<std::string>();
    LogicalType logical =
        ResolveLogicalType(node->logical_type_name_, node->type_, node->fixed_size_);
    if (logical == LogicalType::kDecimal) {
      std::optional<int64_t> precision = IntAttributeOf(node->attributes_, "precision");
      std::optional<int64_t> scale = IntAttributeOf(node->attributes_, "scale");
      if (!scale && node->attributes_.find("scale") == node->attributes_.end()) scale = 0;
      bool valid = precision && scale && *precision > 0 && *scale >= 0 && *scale <= *precision &&
                   *precision <= std::numeric_limits<int32_t>::max();
      if (valid && node->type_ == Type::kFixed) {
        valid = *precision <= MaxDecimalPrecision(node->fixed_size_);
      }
      if (!valid) return OkStatus();  // an invalid decimal is read as its underlying type
      node->precision_ = static_cast<int32_t>(*precision);
      node->scale_ = static_cast<int32_t>(*scale);
    }
    node->logical_type_ = logical;
    return OkStatus();
  }

  Schema* schema_;
};

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::kNull:
      return "null";
    case Type::kBoolean:
      return "boolean";
    case Type::kInt:
      return "int";
    case Type::kLong:
      return "long";
    case Type::kFloat:
      return "float";
    case Type::kDouble:
      return "double";
    case Type::kBytes:
      return "bytes";
    case Type::kString:
      return "string";
    case Type::kRecord:
      return "record";
    case Type::kEnum:
      return "enum";
    case Type::kArray:
      return "array";
    case Type::kMap:
      return "map";
    case Type::kUnion:
      return "union";
    case Type::kFixed:
      return "fixed";
  }
  return "unknown";
}

std::optional<int64_t> Field::IntAttribute(std::string_view key) const {
  return IntAttributeOf(attributes, key);
}

std::optional<int32_t> Field::field_id() const {
  std::optional<int64_t> id = IntAttribute("field-id");
  if (!id || *id < std::numeric_limits<int32_t>::min() ||
      *id > std::numeric_limits<int32_t>::max()) {
    return std::nullopt;
  }
  return static_cast<int32_t>(*id);
}

int Node::FieldIndex(std::string_view name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int Node::NullBranch() const {
  if (type_ != Type::kUnion) return -1;
  for (size_t i = 0; i < children_.size(); ++i) {
    if (children_[i]->type() == Type::kNull) return static_cast<int>(i);
  }
  return -1;
}

std::optional<int64_t> Node::IntAttribute(std::string_view key) const {
  return IntAttributeOf(attributes_, key);
}

Result<std::shared_ptr<const Schema>> Schema::Parse(std::string_view json_text) {
  Json j = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return InvalidArgument("avro schema is not valid JSON");
  std::shared_ptr<Schema> schema(new Schema());
  schema->json_text_ = std::string(json_text);
  SchemaParser parser(schema.get());
  FLOE_ASSIGN_OR_RETURN(schema->root_, parser.ParseNode(j, "", 0));
  return std::shared_ptr<const Schema>(std::move(schema));
}

Result<std::shared_ptr<const Schema>> Schema::FromJson(const nlohmann::json& json) {
  return Parse(json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

const Node* Schema::FindNamed(std::string_view full_name) const {
  for (const auto& [name, node] : named_) {
    if (name == full_name) return node;
  }
  return nullptr;
}

}  // namespace floe::avro
