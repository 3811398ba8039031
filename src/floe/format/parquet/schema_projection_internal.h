// Projection of a file's schema for the reader: which top-level fields to read, pruned to the
// nested fields asked for, and the leaf columns each one needs.
//
// By field id, an id may name a top-level field (read whole) or a nested one: a struct field,
// a list's element (or a field inside it). The top-level field holding it is read with only the
// selected branches: structs keep the children that hold a selected id, lists keep their
// element, pruned the same way. A map is read whole when any id inside it is selected (a map's
// keys are never dropped). Top-level fields come out in the order their first id appears in
// the request; ids the file lacks are skipped.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "floe/format/parquet/schema.h"

namespace floe::parquet {

struct ProjectedField {
  // The top-level node, pruned; its `field` is the columnar field it reads as.
  SchemaNode node;
  // Leaf indices (column chunk order) under `node`, depth first.
  std::vector<int> leaves;
};

std::vector<ProjectedField> ProjectByFieldIds(const ParquetSchema& schema,
                                              std::span<const int32_t> ids);
// Top-level fields by name, in the order asked for (the first of duplicates).
std::vector<ProjectedField> ProjectByNames(const ParquetSchema& schema,
                                           std::span<const std::string> names);
std::vector<ProjectedField> ProjectAll(const ParquetSchema& schema);

}  // namespace floe::parquet
