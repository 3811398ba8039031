#include "floe/iceberg/nested_field.h"

#include <fmt/format.h>

#include "floe/iceberg/type.h"

namespace floe::iceberg {

Result<NestedField> NestedField::Make(int32_t id, std::string name, bool required, TypePtr type,
                                      std::optional<std::string> doc) {
  if (name.empty()) return InvalidArgument("field {}: the name is empty", id);
  if (id < 0) return InvalidArgument("field '{}': the id {} is negative", name, id);
  if (type == nullptr) return InvalidArgument("field '{}': no type", name);
  if (required && type->id() == TypeId::kUnknown) {
    return InvalidArgument("field '{}': a field of type unknown must be optional", name);
  }
  return NestedField(id, std::move(name), required, std::move(type), std::move(doc));
}

NestedField NestedField::Required(int32_t id, std::string name, TypePtr type,
                                  std::optional<std::string> doc) {
  return NestedField(id, std::move(name), true, std::move(type), std::move(doc));
}

NestedField NestedField::Optional(int32_t id, std::string name, TypePtr type,
                                  std::optional<std::string> doc) {
  return NestedField(id, std::move(name), false, std::move(type), std::move(doc));
}

NestedField NestedField::WithName(std::string name) const {
  return NestedField(id_, std::move(name), required_, type_, doc_);
}

NestedField NestedField::WithRequired(bool required) const {
  return NestedField(id_, name_, required, type_, doc_);
}

NestedField NestedField::WithType(TypePtr type) const {
  return NestedField(id_, name_, required_, std::move(type), doc_);
}

NestedField NestedField::WithId(int32_t id) const {
  return NestedField(id, name_, required_, type_, doc_);
}

std::string NestedField::ToString() const {
  std::string s = fmt::format("{}: {}: {} {}", id_, name_, required_ ? "required" : "optional",
                              type_ ? type_->ToString() : "<null>");
  if (doc_) s += fmt::format(" ({})", *doc_);
  return s;
}

bool NestedField::operator==(const NestedField& other) const {
  return id_ == other.id_ && name_ == other.name_ && required_ == other.required_ &&
         doc_ == other.doc_ && SameType(type_, other.type_);
}

}  // namespace floe::iceberg
