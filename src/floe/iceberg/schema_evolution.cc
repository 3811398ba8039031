#include "floe/iceberg/schema_evolution.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <functional>

namespace floe::iceberg {
namespace {

using FieldEdit = std::function<Result<NestedField>(const NestedField&)>;

std::string Join(std::string_view prefix, std::string_view name) {
  return prefix.empty() ? std::string(name) : fmt::format("{}.{}", prefix, name);
}

// Rebuilds `type` with `edit` applied to the field with id `target` (at any depth).
Result<TypePtr> EditField(const TypePtr& type, int32_t target, const FieldEdit& edit) {
  auto edit_child = [&](const NestedField& f) -> Result<NestedField> {
    if (f.id() == target) return edit(f);
    FLOE_ASSIGN_OR_RETURN(TypePtr t, EditField(f.type(), target, edit));
    return t == f.type() ? f : f.WithType(std::move(t));
  };
  switch (type->id()) {
    case TypeId::kStruct: {
      std::vector<NestedField> fields;
      bool changed = false;
      for (const auto& f : static_cast<const StructType&>(*type).fields()) {
        FLOE_ASSIGN_OR_RETURN(auto nf, edit_child(f));
        changed = changed || !(nf == f);
        fields.push_back(std::move(nf));
      }
      if (!changed) return type;
      FLOE_ASSIGN_OR_RETURN(auto st, StructType::Make(std::move(fields)));
      return TypePtr(std::move(st));
    }
    case TypeId::kList: {
      const auto& e = static_cast<const ListType&>(*type).element();
      FLOE_ASSIGN_OR_RETURN(auto ne, edit_child(e));
      if (ne == e) return type;
      FLOE_ASSIGN_OR_RETURN(auto lt, ListType::Make(ne.id(), ne.type(), ne.required()));
      return TypePtr(std::move(lt));
    }
    case TypeId::kMap: {
      const auto& m = static_cast<const MapType&>(*type);
      FLOE_ASSIGN_OR_RETURN(auto nk, edit_child(m.key()));
      FLOE_ASSIGN_OR_RETURN(auto nv, edit_child(m.value()));
      if (nk == m.key() && nv == m.value()) return type;
      if (!nk.required()) return InvalidArgument("map key '{}' must stay required", nk.name());
      FLOE_ASSIGN_OR_RETURN(auto mt,
                            MapType::Make(nk.id(), nk.type(), nv.id(), nv.type(), nv.required()));
      return TypePtr(std::move(mt));
    }
    default:
      return type;
  }
}

Result<Schema> EditColumn(const Schema& schema, std::string_view column, const FieldEdit& edit) {
  FLOE_ASSIGN_OR_RETURN(const NestedField* field, schema.FindFieldByName(column));
  FLOE_ASSIGN_OR_RETURN(TypePtr edited, EditField(schema.as_struct(), field->id(), edit));
  const auto& st = static_cast<const StructType&>(*edited);
  return Schema::Make(schema.schema_id() + 1, st.fields(), schema.identifier_field_ids());
}

// A copy of `type` whose nested fields carry fresh ids from *last (each struct's fields first,
// then their children, as ids are assigned when a column is added).
Result<TypePtr> AssignFreshIds(const TypePtr& type, int32_t* last) {
  switch (type->id()) {
    case TypeId::kStruct: {
      const auto& fields = static_cast<const StructType&>(*type).fields();
      std::vector<int32_t> ids;
      for (size_t i = 0; i < fields.size(); ++i) ids.push_back(++*last);
      std::vector<NestedField> out;
      for (size_t i = 0; i < fields.size(); ++i) {
        FLOE_ASSIGN_OR_RETURN(TypePtr t, AssignFreshIds(fields[i].type(), last));
        out.push_back(fields[i].WithId(ids[i]).WithType(std::move(t)));
      }
      FLOE_ASSIGN_OR_RETURN(auto st, StructType::Make(std::move(out)));
      return TypePtr(std::move(st));
    }
    case TypeId::kList: {
      const auto& e = static_cast<const ListType&>(*type).element();
      int32_t id = ++*last;
      FLOE_ASSIGN_OR_RETURN(TypePtr t, AssignFreshIds(e.type(), last));
      FLOE_ASSIGN_OR_RETURN(auto lt, ListType::Make(id, std::move(t), e.required()));
      return TypePtr(std::move(lt));
    }
    case TypeId::kMap: {
      const auto& m = static_cast<const MapType&>(*type);
      int32_t key_id = ++*last;
      int32_t value_id = ++*last;
      FLOE_ASSIGN_OR_RETURN(TypePtr k, AssignFreshIds(m.key().type(), last));
      FLOE_ASSIGN_OR_RETURN(TypePtr v, AssignFreshIds(m.value().type(), last));
      FLOE_ASSIGN_OR_RETURN(auto mt, MapType::Make(key_id, std::move(k), value_id, std::move(v),
                                                   m.value().required()));
      return TypePtr(std::move(mt));
    }
    default:
      return type;
  }
}

// Merges `incoming` into `current`, recording changes and incompatibilities.
class UnionVisitor {
 public:
  UnionVisitor(int32_t last_column_id, EvolutionPlan* plan) : last_(last_column_id), plan_(plan) {}

  int32_t last() const { return last_; }
  const std::vector<std::string>& problems() const { return problems_; }

  // Returns the merged field; on incompatibility records a problem and returns `current`.
  Result<NestedField> Field(const NestedField& current, const NestedField& incoming,
                            const std::string& path) {
    FLOE_ASSIGN_OR_RETURN(TypePtr type, MergeType(current, incoming.type(), path));
    NestedField out = type == current.type() ? current : current.WithType(type);
    if (current.required() && incoming.optional()) {
      out = out.WithRequired(false);
      plan_->made_optional.push_back({path, current.id()});
    }
    return out;
  }

  // Merges the fields of two structs (matched by name); new fields are appended.
  Result<TypePtr> MergeStruct(const StructType& cur, const StructType& incoming,
                              const std::string& path, const TypePtr& cur_ptr) {
    std::vector<NestedField> fields;
    bool changed = false;
    for (const auto& f : cur.fields()) {
      const NestedField* match = incoming.FieldByName(f.name());
      if (match == nullptr) {
        fields.push_back(f);
        continue;
      }
      FLOE_ASSIGN_OR_RETURN(auto merged, Field(f, *match, Join(path, f.name())));
      changed = changed || !(merged == f);
      fields.push_back(std::move(merged));
    }
    for (const auto& f : incoming.fields()) {
      if (cur.FieldByName(f.name()) != nullptr) continue;
      int32_t id = ++last_;
      FLOE_ASSIGN_OR_RETURN(TypePtr type, AssignFreshIds(f.type(), &last_));
      NestedField added = NestedField::Optional(id, f.name(), type, f.doc());
      plan_->added.push_back({Join(path, f.name()), id, type});
      fields.push_back(std::move(added));
      changed = true;
    }
    if (!changed) return cur_ptr;
    FLOE_ASSIGN_OR_RETURN(auto st, StructType::Make(std::move(fields)));
    return TypePtr(std::move(st));
  }

 private:
  Result<TypePtr> MergeType(const NestedField& current, const TypePtr& incoming,
                            const std::string& path) {
    const TypePtr& cur = current.type();
    if (cur->is_primitive() && incoming->is_primitive()) {
      if (cur->Equals(*incoming)) return cur;
      if (IsPromotionAllowed(*cur, *incoming)) {
        plan_->promoted.push_back({path, current.id(), cur, incoming});
        return incoming;
      }
      return Incompatible(path, cur, *incoming);
    }
    if (cur->id() != incoming->id()) return Incompatible(path, cur, *incoming);
    switch (cur->id()) {
      case TypeId::kStruct:
        return MergeStruct(static_cast<const StructType&>(*cur),
                           static_cast<const StructType&>(*incoming), path, cur);
      case TypeId::kList: {
        const auto& c = static_cast<const ListType&>(*cur).element();
        const auto& i = static_cast<const ListType&>(*incoming).element();
        FLOE_ASSIGN_OR_RETURN(auto e, Field(c, i, Join(path, c.name())));
        if (e == c) return cur;
        FLOE_ASSIGN_OR_RETURN(auto lt, ListType::Make(e.id(), e.type(), e.required()));
        return TypePtr(std::move(lt));
      }
      case TypeId::kMap: {
        const auto& c = static_cast<const MapType&>(*cur);
        const auto& i = static_cast<const MapType&>(*incoming);
        FLOE_ASSIGN_OR_RETURN(auto k, Field(c.key(), i.key(), Join(path, "key")));
        FLOE_ASSIGN_OR_RETURN(auto v, Field(c.value(), i.value(), Join(path, "value")));
        if (k == c.key() && v == c.value()) return cur;
        FLOE_ASSIGN_OR_RETURN(auto mt,
                              MapType::Make(k.id(), k.type(), v.id(), v.type(), v.required()));
        return TypePtr(std::move(mt));
      }
      default:
        return cur;
    }
  }

  // Records the problem and keeps the current type, so that the walk goes on and reports every
  // incompatible column.
  Result<TypePtr> Incompatible(const std::string& path, const TypePtr& from, const Type& to) {
    problems_.push_back(
        fmt::format("column '{}': cannot change {} to {}", path, from->ToString(), to.ToString()));
    return from;
  }

  int32_t last_;
  EvolutionPlan* plan_;
  std::vector<std::string> problems_;
};

}  // namespace

bool IsPromotionAllowed(const Type& from, const Type& to) {
  if (from.Equals(to)) return true;
  if (!from.is_primitive() || !to.is_primitive()) return false;
  switch (from.id()) {
    case TypeId::kInt:
      return to.id() == TypeId::kLong;
    case TypeId::kFloat:
      return to.id() == TypeId::kDouble;
    case TypeId::kDecimal: {
      if (to.id() != TypeId::kDecimal) return false;
      const auto& f = static_cast<const PrimitiveType&>(from);
      const auto& t = static_cast<const PrimitiveType&>(to);
      return t.scale() == f.scale() && t.precision() > f.precision();
    }
    default:
      return false;
  }
}

Result<Schema> AddColumn(const Schema& schema, std::string_view parent, std::string name,
                         const TypePtr& type, int32_t* last_column_id,
                         std::optional<std::string> doc) {
  if (type == nullptr) return InvalidArgument("column '{}': no type", Join(parent, name));
  if (name.empty()) return InvalidArgument("a new column needs a name");
  if (*last_column_id < schema.highest_field_id()) {
    return InvalidArgument("last column id {} is below the schema's highest field id {}",
                           *last_column_id, schema.highest_field_id());
  }
  int32_t last = *last_column_id;
  int32_t id = ++last;
  FLOE_ASSIGN_OR_RETURN(TypePtr fresh, AssignFreshIds(type, &last));
  FLOE_ASSIGN_OR_RETURN(NestedField field,
                        NestedField::Make(id, std::move(name), false, std::move(fresh), doc));
  auto append = [&](const StructType& st) -> Result<TypePtr> {
    if (st.FieldByName(field.name()) != nullptr) {
      return InvalidArgument("column '{}' already exists", Join(parent, field.name()));
    }
    std::vector<NestedField> fields = st.fields();
    fields.push_back(field);
    FLOE_ASSIGN_OR_RETURN(auto out, StructType::Make(std::move(fields)));
    return TypePtr(std::move(out));
  };
  std::vector<NestedField> top;
  if (parent.empty()) {
    FLOE_ASSIGN_OR_RETURN(TypePtr t, append(*schema.as_struct()));
    top = static_cast<const StructType&>(*t).fields();
  } else {
    FLOE_ASSIGN_OR_RETURN(const NestedField* p, schema.FindFieldByName(parent));
    // The short name "points" of a list of structs means the element struct.
    const NestedField* target = p;
    if (p->type()->id() == TypeId::kList)
      target = &static_cast<const ListType&>(*p->type()).element();
    if (p->type()->id() == TypeId::kMap) target = &static_cast<const MapType&>(*p->type()).value();
    if (target->type()->id() != TypeId::kStruct) {
      return InvalidArgument("cannot add column '{}' to '{}', which is not a struct", field.name(),
                             parent);
    }
    FLOE_ASSIGN_OR_RETURN(
        TypePtr t, EditField(schema.as_struct(), target->id(),
                             [&](const NestedField& f) -> Result<NestedField> {
                               FLOE_ASSIGN_OR_RETURN(
                                   TypePtr nt, append(static_cast<const StructType&>(*f.type())));
                               return f.WithType(std::move(nt));
                             }));
    top = static_cast<const StructType&>(*t).fields();
  }
  FLOE_ASSIGN_OR_RETURN(Schema out, Schema::Make(schema.schema_id() + 1, std::move(top),
                                                 schema.identifier_field_ids()));
  *last_column_id = last;
  return out;
}

Result<Schema> AssignFreshIds(const Schema& schema, int32_t schema_id, int32_t* last_column_id) {
  int32_t last = *last_column_id;
  FLOE_ASSIGN_OR_RETURN(TypePtr fresh, AssignFreshIds(schema.as_struct(), &last));
  std::vector<NestedField> fields = static_cast<const StructType&>(*fresh).fields();
  FLOE_ASSIGN_OR_RETURN(Schema unkeyed, Schema::Make(schema_id, fields));
  std::vector<int32_t> identifiers;
  for (int32_t id : schema.identifier_field_ids()) {
    FLOE_ASSIGN_OR_RETURN(const NestedField* f, unkeyed.FindFieldByName(schema.FindColumnName(id)));
    identifiers.push_back(f->id());
  }
  FLOE_ASSIGN_OR_RETURN(Schema out, Schema::Make(schema_id, std::move(fields), identifiers));
  *last_column_id = last;
  return out;
}

Result<Schema> RenameColumn(const Schema& schema, std::string_view column, std::string new_name) {
  if (new_name.empty()) return InvalidArgument("column '{}': the new name is empty", column);
  return EditColumn(schema, column, [&](const NestedField& f) -> Result<NestedField> {
    return f.WithName(new_name);
  });
}

Result<Schema> MakeColumnOptional(const Schema& schema, std::string_view column) {
  return EditColumn(schema, column, [&](const NestedField& f) -> Result<NestedField> {
    return f.WithRequired(false);
  });
}

Result<Schema> PromoteColumn(const Schema& schema, std::string_view column, TypePtr new_type) {
  if (new_type == nullptr) return InvalidArgument("column '{}': no type", column);
  return EditColumn(schema, column, [&](const NestedField& f) -> Result<NestedField> {
    if (!IsPromotionAllowed(*f.type(), *new_type)) {
      return InvalidArgument("column '{}': cannot change {} to {}", column, f.type()->ToString(),
                             new_type->ToString());
    }
    return f.WithType(new_type);
  });
}

Result<EvolutionPlan> UnionByName(const Schema& current, const Schema& incoming,
                                  int32_t last_column_id) {
  if (last_column_id < current.highest_field_id()) {
    return InvalidArgument("last column id {} is below the schema's highest field id {}",
                           last_column_id, current.highest_field_id());
  }
  EvolutionPlan plan{current, last_column_id, {}, {}, {}};
  UnionVisitor visitor(last_column_id, &plan);
  FLOE_ASSIGN_OR_RETURN(
      TypePtr merged,
      visitor.MergeStruct(*current.as_struct(), *incoming.as_struct(), "", current.as_struct()));
  if (!visitor.problems().empty()) {
    return InvalidArgument("{}", fmt::join(visitor.problems(), "; "));
  }
  if (plan.empty()) return plan;
  const auto& fields = static_cast<const StructType&>(*merged).fields();
  auto schema = Schema::Make(current.schema_id() + 1, fields, current.identifier_field_ids());
  if (!schema) return schema.error().WithContext("evolving the schema");
  plan.schema = std::move(*schema);
  plan.last_column_id = visitor.last();
  return plan;
}

}  // namespace floe::iceberg
