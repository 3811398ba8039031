#include "floe/format/parquet/column_shredder_internal.h"

#include "floe/format/parquet/value_conversion_internal.h"

namespace floe::parquet {

using columnar::Array;

namespace {

struct PathStep {
  const SchemaNode* node;
  Array array;
};

void Emit(const std::vector<PathStep>& path, size_t depth, int64_t idx, int16_t def, int16_t rep,
          LeafSlice& out, bool keep_def, bool keep_rep) {
  const SchemaNode& n = *path[depth].node;
  const Array& a = path[depth].array;
  auto push = [&](int16_t d) {
    if (keep_def) out.def.push_back(static_cast<uint16_t>(d));
    if (keep_rep) out.rep.push_back(static_cast<uint16_t>(rep));
    ++out.num_slots;
  };
  if (n.nullable && a.IsNull(idx)) {
    push(def);
    ++out.null_slots;
    return;
  }
  switch (n.kind) {
    case SchemaNode::Kind::kPrimitive:
      push(n.def_level);
      out.positions.push_back(idx);
      return;
    case SchemaNode::Kind::kStruct:
      Emit(path, depth + 1, idx, n.def_level, rep, out, keep_def, keep_rep);
      return;
    case SchemaNode::Kind::kList:
    case SchemaNode::Kind::kMap: {
      auto offsets = a.offsets();
      int32_t begin = offsets[static_cast<size_t>(idx)];
      int32_t end = offsets[static_cast<size_t>(idx) + 1];
      if (begin == end) {
        push(n.def_level);
        ++out.null_slots;
        return;
      }
      for (int32_t j = begin; j < end; ++j) {
        Emit(path, depth + 1, j, n.repeated_def_level, j == begin ? rep : n.repeated_rep_level, out,
             keep_def, keep_rep);
      }
      return;
    }
  }
}

// Builds the paths to every leaf under `node`, each with the array of every step.
void CollectPaths(const SchemaNode& node, const Array& array, std::vector<PathStep>& prefix,
                  std::vector<std::vector<PathStep>>& paths) {
  prefix.push_back({&node, array});
  switch (node.kind) {
    case SchemaNode::Kind::kPrimitive:
      paths.push_back(prefix);
      break;
    case SchemaNode::Kind::kStruct:
      for (size_t i = 0; i < node.children.size(); ++i) {
        CollectPaths(node.children[i], array.field(static_cast<int>(i)), prefix, paths);
      }
      break;
    case SchemaNode::Kind::kList:
      CollectPaths(node.children[0], array.list_values(), prefix, paths);
      break;
    case SchemaNode::Kind::kMap:
      CollectPaths(node.children[0], array.map_keys(), prefix, paths);
      CollectPaths(node.children[1], array.map_items(), prefix, paths);
      break;
  }
  prefix.pop_back();
}

}  // namespace

Status ShredColumn(const SchemaNode& top, const Array& column, std::vector<LeafSlice*>& leaves) {
  const int64_t n = column.length();
  if (top.kind == SchemaNode::Kind::kPrimitive) {
    LeafSlice& out = *leaves[0];
    out.num_slots += static_cast<size_t>(n);
    if (!top.nullable || column.null_count() == 0) {
      if (top.nullable) out.def.insert(out.def.end(), static_cast<size_t>(n), 1);
      AppendPhysicalRange(top, column, 0, n, out.values);
      return OkStatus();
    }
    out.positions.clear();
    for (int64_t i = 0; i < n; ++i) {
      bool valid = column.IsValid(i);
      out.def.push_back(valid ? 1 : 0);
      if (valid) out.positions.push_back(i);
    }
    out.null_slots += n - static_cast<int64_t>(out.positions.size());
    AppendPhysicalValues(top, column, out.positions, out.values);
    return OkStatus();
  }
  std::vector<PathStep> prefix;
  std::vector<std::vector<PathStep>> paths;
  CollectPaths(top, column, prefix, paths);
  if (paths.size() != leaves.size()) return Internal("parquet: leaf count mismatch");
  for (size_t l = 0; l < paths.size(); ++l) {
    LeafSlice& out = *leaves[l];
    const SchemaNode& leaf = *paths[l].back().node;
    bool keep_def = leaf.def_level > 0;
    bool keep_rep = leaf.rep_level > 0;
    out.positions.clear();
    for (int64_t i = 0; i < n; ++i) Emit(paths[l], 0, i, 0, 0, out, keep_def, keep_rep);
    AppendPhysicalValues(leaf, paths[l].back().array, out.positions, out.values);
  }
  return OkStatus();
}

}  // namespace floe::parquet
