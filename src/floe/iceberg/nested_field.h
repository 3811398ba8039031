// NestedField: a named, typed member of a struct, or the element of a list, or the key or value
// of a map. Its integer id is what identifies the column across renames and files; the name is
// only a label. Immutable; built by Make (validating) or by Required/Optional for code whose
// arguments are known good.
//
//   auto id = NestedField::Required(1, "id", PrimitiveType::Long());
//   FLOE_ASSIGN_OR_RETURN(auto f, NestedField::Make(2, "data", false, type, "a comment"));
//
// Format v3 default values (initial-default, write-default) are not supported yet: a non-null
// default in JSON is refused with NotSupported rather than dropped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "floe/core/result.h"
#include "floe/iceberg/type_fwd.h"

namespace floe::iceberg {

class NestedField {
 public:
  // Rules: a non-empty name, a type, a non-negative id, and an `unknown` type only when optional.
  static Result<NestedField> Make(int32_t id, std::string name, bool required, TypePtr type,
                                  std::optional<std::string> doc = std::nullopt);
  // REQUIRES: the arguments satisfy Make's rules.
  static NestedField Required(int32_t id, std::string name, TypePtr type,
                              std::optional<std::string> doc = std::nullopt);
  static NestedField Optional(int32_t id, std::string name, TypePtr type,
                              std::optional<std::string> doc = std::nullopt);

  int32_t id() const { return id_; }
  const std::string& name() const { return name_; }
  bool required() const { return required_; }
  bool optional() const { return !required_; }
  const TypePtr& type() const { return type_; }
  const std::optional<std::string>& doc() const { return doc_; }

  // Copies with one attribute changed, for schema evolution. The new values must satisfy Make.
  NestedField WithName(std::string name) const;
  NestedField WithRequired(bool required) const;
  NestedField WithType(TypePtr type) const;
  NestedField WithId(int32_t id) const;

  // "1: id: required long" (with " (doc)" appended when there is a doc).
  std::string ToString() const;
  bool operator==(const NestedField& other) const;

 private:
  NestedField(int32_t id, std::string name, bool required, TypePtr type,
              std::optional<std::string> doc)
      : id_(id),
        name_(std::move(name)),
        required_(required),
        type_(std::move(type)),
        doc_(std::move(doc)) {}

  int32_t id_;
  std::string name_;
  bool required_;
  TypePtr type_;
  std::optional<std::string> doc_;
};

}  // namespace floe::iceberg
