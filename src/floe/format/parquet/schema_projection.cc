#include "floe/format/parquet/schema_projection_internal.h"

#include <algorithm>
#include <optional>
#include <unordered_set>

namespace floe::parquet {

namespace {

using IdSet = std::unordered_set<int32_t>;

void CollectLeaves(const SchemaNode& node, std::vector<int>& out) {
  if (node.kind == SchemaNode::Kind::kPrimitive) {
    out.push_back(node.leaf_index);
    return;
  }
  for (const SchemaNode& c : node.children) CollectLeaves(c, out);
}

bool Contains(const SchemaNode& node, const IdSet& ids) {
  if (node.field_id && ids.contains(*node.field_id)) return true;
  return std::any_of(node.children.begin(), node.children.end(),
                     [&](const SchemaNode& c) { return Contains(c, ids); });
}

// `node` keeping only the branches that hold a selected id; nullopt when none does.
std::optional<SchemaNode> Prune(const SchemaNode& node, const IdSet& ids) {
  if (node.field_id && ids.contains(*node.field_id)) return node;
  switch (node.kind) {
    case SchemaNode::Kind::kPrimitive:
      return std::nullopt;
    case SchemaNode::Kind::kMap:
      if (Contains(node, ids)) return node;
      return std::nullopt;
    case SchemaNode::Kind::kStruct: {
      SchemaNode pruned = node;
      pruned.children.clear();
      std::vector<columnar::Field> fields;
      for (const SchemaNode& c : node.children) {
        std::optional<SchemaNode> kept = Prune(c, ids);
        if (!kept) continue;
        fields.push_back(*kept->field);
        pruned.children.push_back(std::move(*kept));
      }
      if (pruned.children.empty()) return std::nullopt;
      pruned.field = node.field->WithType(columnar::DataType::Struct(std::move(fields)));
      return pruned;
    }
    case SchemaNode::Kind::kList: {
      std::optional<SchemaNode> element = Prune(node.children[0], ids);
      if (!element) return std::nullopt;
      SchemaNode pruned = node;
      pruned.field = node.field->WithType(columnar::DataType::List(*element->field));
      pruned.children[0] = std::move(*element);
      return pruned;
    }
  }
  return std::nullopt;
}

ProjectedField Whole(const SchemaNode& node) {
  ProjectedField p{node, {}};
  CollectLeaves(p.node, p.leaves);
  return p;
}

}  // namespace

std::vector<ProjectedField> ProjectByFieldIds(const ParquetSchema& schema,
                                              std::span<const int32_t> ids) {
  const IdSet selected(ids.begin(), ids.end());
  const auto& fields = schema.fields();
  std::vector<size_t> order;
  for (int32_t id : ids) {
    const IdSet one{id};
    for (size_t i = 0; i < fields.size(); ++i) {
      if (Contains(fields[i], one) && std::find(order.begin(), order.end(), i) == order.end()) {
        order.push_back(i);
      }
    }
  }
  std::vector<ProjectedField> out;
  for (size_t i : order) {
    std::optional<SchemaNode> pruned = Prune(fields[i], selected);
    if (!pruned) continue;
    ProjectedField p{std::move(*pruned), {}};
    CollectLeaves(p.node, p.leaves);
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<ProjectedField> ProjectByNames(const ParquetSchema& schema,
                                           std::span<const std::string> names) {
  std::vector<ProjectedField> out;
  for (const std::string& name : names) {
    for (const SchemaNode& f : schema.fields()) {
      if (f.name == name) {
        out.push_back(Whole(f));
        break;
      }
    }
  }
  return out;
}

std::vector<ProjectedField> ProjectAll(const ParquetSchema& schema) {
  std::vector<ProjectedField> out;
  for (const SchemaNode& f : schema.fields()) out.push_back(Whole(f));
  return out;
}

}  // namespace floe::parquet
