#include "floe/iceberg/partition_spec.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>

#include "floe/iceberg/json_internal.h"
#include "floe/iceberg/source_column_internal.h"

namespace floe::iceberg {

// A partition or sort source column must be a primitive reachable through structs only.
Status CheckSourceColumn(const Schema& schema, int32_t source_id, const Transform& transform,
                         std::string_view what) {
  const NestedField* source = schema.FindFieldById(source_id);
  if (source == nullptr) {
    return InvalidArgument("{}: source column {} is not in the schema", what, source_id);
  }
  for (auto p = schema.ParentId(source_id); p; p = schema.ParentId(*p)) {
    if (schema.FindFieldById(*p)->type()->id() != TypeId::kStruct) {
      return InvalidArgument("{}: source column '{}' is inside a list or map", what,
                             schema.FindColumnName(source_id));
    }
  }
  if (transform.is_unknown()) return OkStatus();  // read and kept, never applied
  if (transform.kind() != TransformKind::kVoid && !source->type()->is_primitive()) {
    return InvalidArgument("{}: source column '{}' is a {}, not a primitive", what,
                           schema.FindColumnName(source_id), source->type()->ToString());
  }
  if (!transform.CanTransform(*source->type())) {
    return InvalidArgument("{}: transform {} cannot be applied to column '{}' of type {}", what,
                           transform.ToString(), schema.FindColumnName(source_id),
                           source->type()->ToString());
  }
  return OkStatus();
}

Result<PartitionSpec> PartitionSpec::MakeUnchecked(int32_t spec_id,
                                                   std::vector<PartitionField> fields) {
  if (spec_id < 0) return InvalidArgument("partition spec id must not be negative: {}", spec_id);
  std::unordered_set<int32_t> ids;
  std::set<std::string, std::less<>> names;
  for (const auto& f : fields) {
    if (f.name().empty())
      return InvalidArgument("partition field {} has an empty name", f.field_id());
    if (!ids.insert(f.field_id()).second) {
      return InvalidArgument("partition field id {} is used twice", f.field_id());
    }
    if (!names.insert(f.name()).second) {
      return InvalidArgument("partition field name '{}' is used twice", f.name());
    }
  }
  return PartitionSpec(spec_id, std::move(fields));
}

Result<PartitionSpec> PartitionSpec::Make(const Schema& schema, int32_t spec_id,
                                          std::vector<PartitionField> fields) {
  FLOE_ASSIGN_OR_RETURN(PartitionSpec spec, MakeUnchecked(spec_id, std::move(fields)));
  FLOE_RETURN_IF_ERROR(spec.Validate(schema));
  return spec;
}

PartitionSpec PartitionSpec::Unpartitioned() { return PartitionSpec(kInitialSpecId, {}); }

Status PartitionSpec::Validate(const Schema& schema) const {
  for (const auto& f : fields_) {
    FLOE_RETURN_IF_ERROR(CheckSourceColumn(schema, f.source_id(), f.transform(),
                                           fmt::format("partition field '{}'", f.name())));
    // A partition name may equal a column name only for an identity partition of that column,
    // so that the name means the same value in both places.
    auto column = schema.FindFieldByName(f.name());
    if (column &&
        !(f.transform().kind() == TransformKind::kIdentity && (*column)->id() == f.source_id())) {
      return InvalidArgument("partition field '{}' conflicts with the column of that name",
                             f.name());
    }
  }
  return OkStatus();
}

Result<PartitionSpec> PartitionSpec::FromJson(const nlohmann::json& json) {
  using namespace internal;  // NOLINT
  FLOE_ASSIGN_OR_RETURN(int32_t spec_id, GetInt32(json, "partition spec", "spec-id"));
  FLOE_ASSIGN_OR_RETURN(const nlohmann::json* fields, GetArray(json, "partition spec", "fields"));
  return FromFieldsJson(spec_id, *fields);
}

Result<PartitionSpec> PartitionSpec::FromFieldsJson(int32_t spec_id, const nlohmann::json& fields) {
  if (!fields.is_array()) {
    return InvalidArgument("partition spec: 'fields' must be an array, got {}", fields.type_name());
  }
  std::vector<PartitionField> out;
  for (size_t i = 0; i < fields.size(); ++i) {
    FLOE_ASSIGN_OR_RETURN(
        auto f, PartitionField::FromJson(fields[i], kFirstFieldId + static_cast<int32_t>(i)));
    out.push_back(std::move(f));
  }
  return MakeUnchecked(spec_id, std::move(out));
}

nlohmann::json PartitionSpec::ToJson() const {
  return nlohmann::json{{"spec-id", spec_id_}, {"fields", FieldsToJson()}};
}

nlohmann::json PartitionSpec::FieldsToJson() const {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : fields_) fields.push_back(f.ToJson());
  return fields;
}

bool PartitionSpec::is_unpartitioned() const {
  return std::all_of(fields_.begin(), fields_.end(), [](const PartitionField& f) {
    return f.transform().kind() == TransformKind::kVoid;
  });
}

int32_t PartitionSpec::last_assigned_field_id() const {
  int32_t last = kFirstFieldId - 1;
  for (const auto& f : fields_) last = std::max(last, f.field_id());
  return last;
}

Result<std::shared_ptr<const StructType>> PartitionSpec::PartitionType(const Schema& schema) const {
  std::vector<NestedField> fields;
  for (const auto& f : fields_) {
    const NestedField* source = schema.FindFieldById(f.source_id());
    TypePtr type;
    if (f.transform().is_unknown()) {
      type = PrimitiveType::String();
    } else if (source == nullptr) {
      return InvalidArgument("partition field '{}': source column {} is not in the schema",
                             f.name(), f.source_id());
    } else {
      auto result = f.transform().ResultType(source->type());
      if (!result) return result.error().WithContext(fmt::format("partition field '{}'", f.name()));
      type = *result;
    }
    fields.push_back(NestedField::Optional(f.field_id(), f.name(), std::move(type)));
  }
  return StructType::Make(std::move(fields));
}

std::string EscapePartitionPathPart(std::string_view text) {
  std::string out;
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
        c == '-' || c == '*' || c == '_') {
      out += ch;
    } else if (c == ' ') {
      out += '+';
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

Result<std::string> PartitionSpec::PartitionPath(const std::vector<Literal>& values) const {
  if (values.size() != fields_.size()) {
    return InvalidArgument("partition spec {} has {} fields but {} values were given", spec_id_,
                           fields_.size(), values.size());
  }
  std::string path;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i > 0) path += '/';
    path += EscapePartitionPathPart(fields_[i].name());
    path += '=';
    path += EscapePartitionPathPart(fields_[i].transform().ToHumanString(values[i]));
  }
  return path;
}

Result<std::string> UnescapePartitionPathPart(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%') {
      unsigned v = 0;
      if (i + 2 >= text.size()) {
        return InvalidArgument("malformed escape in partition path part '{}'", text);
      }
      auto [p, ec] = std::from_chars(text.data() + i + 1, text.data() + i + 3, v, 16);
      if (ec != std::errc() || p != text.data() + i + 3) {
        return InvalidArgument("malformed escape in partition path part '{}'", text);
      }
      out += static_cast<char>(v);
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::vector<Literal>> PartitionSpec::ParsePartitionPath(std::string_view path,
                                                               const Schema& schema) const {
  std::vector<Literal> values;
  if (fields_.empty()) {
    if (path.empty()) return values;
    return InvalidArgument("partition path '{}' given for an unpartitioned spec", path);
  }
  size_t start = 0;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (start > path.size()) {
      return InvalidArgument("partition path '{}' has fewer than {} parts", path, fields_.size());
    }
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view part = path.substr(start, end - start);
    start = end + 1;
    size_t eq = part.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgument("partition path part '{}' has no '='", part);
    }
    const PartitionField& field = fields_[i];
    FLOE_ASSIGN_OR_RETURN(std::string name, UnescapePartitionPathPart(part.substr(0, eq)));
    if (name != field.name()) {
      return InvalidArgument("partition path part {} is '{}', expected '{}'", i, name,
                             field.name());
    }
    FLOE_ASSIGN_OR_RETURN(std::string text, UnescapePartitionPathPart(part.substr(eq + 1)));
    const NestedField* source = schema.FindFieldById(field.source_id());
    if (source == nullptr) {
      return InvalidArgument("partition field '{}': source column {} is not in the schema",
                             field.name(), field.source_id());
    }
    auto value = field.transform().FromHumanString(text, *source->type());
    if (!value) return value.error().WithContext(fmt::format("partition field '{}'", name));
    values.push_back(std::move(*value));
  }
  if (start <= path.size()) {
    return InvalidArgument("partition path '{}' has more than {} parts", path, fields_.size());
  }
  return values;
}

std::string PartitionSpec::ToString() const {
  std::string s = "[";
  for (size_t i = 0; i < fields_.size(); ++i) {
    s += (i > 0 ? ", " : "") + fields_[i].ToString();
  }
  return s + "]";
}

}  // namespace floe::iceberg
