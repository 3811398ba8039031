// Schema evolution rules (spec "Schema Evolution") as pure functions: each takes a schema and
// returns a new one, or an error saying why the change is not allowed. Field ids are what
// identify columns: a rename keeps the id, a new column takes ids above `last_column_id` (the
// table's highest id ever assigned, so ids of dropped columns are never reused).
//
//   FLOE_ASSIGN_OR_RETURN(auto plan, UnionByName(table_schema, batch_schema, last_column_id));
//   if (!plan.empty()) { ... commit plan.schema and plan.last_column_id ... }
//
// New schemas take the id current.schema_id() + 1 (callers holding a list of schemas may
// renumber with Schema::WithSchemaId). Format v2 rules only: v3's unknown and date->timestamp
// promotions are refused.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "floe/core/result.h"
#include "floe/iceberg/schema.h"

namespace floe::iceberg {

// int -> long, float -> double, decimal(P,S) -> decimal(P',S) with P' > P; and any type to
// itself.
bool IsPromotionAllowed(const Type& from, const Type& to);

// A copy of `schema` whose fields all take fresh ids after *last_column_id (each struct's fields
// first, then their children), which is advanced; identifier fields follow their columns. For
// creating a table from a schema whose ids mean nothing yet (e.g. one converted from Arrow).
Result<Schema> AssignFreshIds(const Schema& schema, int32_t schema_id, int32_t* last_column_id);

// Adds an optional column named `name` to the struct `parent` (a dotted column name; empty for
// the top level). Ids inside `type` are ignored: the column and every nested field get fresh ids
// from *last_column_id, which is advanced.
Result<Schema> AddColumn(const Schema& schema, std::string_view parent, std::string name,
                         const TypePtr& type, int32_t* last_column_id,
                         std::optional<std::string> doc = std::nullopt);
// Keeps the id; the new name must be unused among the column's siblings.
Result<Schema> RenameColumn(const Schema& schema, std::string_view column, std::string new_name);
Result<Schema> MakeColumnOptional(const Schema& schema, std::string_view column);
// REQUIRES: IsPromotionAllowed(current type, new_type), else InvalidArgument.
Result<Schema> PromoteColumn(const Schema& schema, std::string_view column, TypePtr new_type);

struct AddedColumn {
  std::string name;  // full dotted name in the new schema
  int32_t field_id;
  TypePtr type;  // with its fresh nested ids
};

struct PromotedColumn {
  std::string name;
  int32_t field_id;
  TypePtr from;
  TypePtr to;
};

struct OptionalColumn {
  std::string name;
  int32_t field_id;
};

// What UnionByName changes, and the resulting schema.
struct EvolutionPlan {
  Schema schema;
  int32_t last_column_id;
  std::vector<AddedColumn> added;
  std::vector<PromotedColumn> promoted;
  std::vector<OptionalColumn> made_optional;

  bool empty() const { return added.empty() && promoted.empty() && made_optional.empty(); }
};

// Evolves `current` so that data of schema `incoming` (whose ids are ignored) can be written to
// it, matching columns by name (case-sensitive), at every depth:
// - a column only in `incoming` is added as optional (even when required there), fresh ids;
// - a column only in `current` is kept;
// - a primitive is promoted when the rules allow (int column, long data -> long column);
// - a required column that is optional in `incoming` becomes optional.
// Anything else is incompatible: narrowing (long column, int data), unrelated types, or a
// struct/list/map against another kind. Then the error is InvalidArgument and names every such
// column: "column 'x': cannot change long to int; column 'y': cannot change string to long".
// When nothing changes the plan is empty and its schema is `current`.
Result<EvolutionPlan> UnionByName(const Schema& current, const Schema& incoming,
                                  int32_t last_column_id);

}  // namespace floe::iceberg
