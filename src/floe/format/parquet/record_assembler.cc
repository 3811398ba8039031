#include "floe/format/parquet/record_assembler_internal.h"

#include <cstring>
#include <functional>
#include <vector>

#include "floe/columnar/bit_util.h"
#include "floe/format/parquet/value_conversion_internal.h"

namespace floe::parquet {

using columnar::Array;
using columnar::Buffer;

namespace {

struct LeafCursor {
  const LeafData* data;
  const SchemaNode* leaf;
  uint16_t def(size_t k) const {
    return data->def.empty() ? static_cast<uint16_t>(leaf->def_level) : data->def[k];
  }
  uint16_t rep(size_t k) const { return data->rep.empty() ? 0 : data->rep[k]; }
};

// Element ranges of one node, for one leaf: element e spans level slots [begin[e], end[e]).
struct Ranges {
  std::vector<int32_t> begin;
  std::vector<int32_t> end;
};

int CountLeaves(const SchemaNode& n) {
  if (n.kind == SchemaNode::Kind::kPrimitive) return 1;
  int total = 0;
  for (const SchemaNode& c : n.children) total += CountLeaves(c);
  return total;
}

Result<std::shared_ptr<Buffer>> ValidityBuffer(const std::vector<uint8_t>& valid,
                                               int64_t* null_count, BufferPool& pool) {
  auto length = static_cast<int64_t>(valid.size());
  int64_t nulls = 0;
  for (uint8_t v : valid) nulls += v == 0;
  *null_count = nulls;
  if (nulls == 0) return std::shared_ptr<Buffer>();
  FLOE_ASSIGN_OR_RETURN(PooledBuffer bits,
                        pool.AcquireZeroed(columnar::bit_util::BytesForBits(length)));
  for (int64_t i = 0; i < length; ++i) {
    if (valid[static_cast<size_t>(i)]) columnar::bit_util::SetBit(bits.data, i);
  }
  return bits.buffer;
}

Result<Array> Build(const SchemaNode& node, std::span<LeafCursor> leaves, std::span<Ranges> ranges,
                    int64_t length, BufferPool& pool) {
  const LeafCursor& first = leaves[0];
  const Ranges& r0 = ranges[0];
  std::vector<uint8_t> valid(static_cast<size_t>(length), 1);
  if (node.nullable || node.kind == SchemaNode::Kind::kPrimitive) {
    for (int64_t e = 0; e < length; ++e) {
      valid[static_cast<size_t>(e)] =
          first.def(static_cast<size_t>(r0.begin[static_cast<size_t>(e)])) >= node.def_level;
    }
  }
  switch (node.kind) {
    case SchemaNode::Kind::kPrimitive: {
      int64_t present = 0;
      for (uint8_t v : valid) present += v;
      // Values are consumed in slot order; count those before this node's first element.
      size_t first_value = 0;
      if (length > 0) {
        for (int32_t k = 0; k < r0.begin[0]; ++k) {
          first_value += first.def(static_cast<size_t>(k)) == node.def_level;
        }
      }
      if (first_value + static_cast<size_t>(present) > first.data->values.count) {
        return CorruptFile("parquet: column {} has fewer values than its levels say", node.name);
      }
      return MakeLeafArray(node, first.data->values, first_value, length, valid.data(), pool);
    }
    case SchemaNode::Kind::kStruct: {
      int64_t null_count = 0;
      FLOE_ASSIGN_OR_RETURN(auto validity, ValidityBuffer(valid, &null_count, pool));
      std::vector<Array> children;
      size_t at = 0;
      for (const SchemaNode& c : node.children) {
        auto n = static_cast<size_t>(CountLeaves(c));
        FLOE_ASSIGN_OR_RETURN(Array child,
                              Build(c, leaves.subspan(at, n), ranges.subspan(at, n), length, pool));
        children.push_back(std::move(child));
        at += n;
      }
      return Array::Make(node.field->type(), length, {validity}, std::move(children), null_count);
    }
    case SchemaNode::Kind::kList:
    case SchemaNode::Kind::kMap: {
      std::vector<Ranges> child_ranges(leaves.size());
      FLOE_ASSIGN_OR_RETURN(PooledBuffer offsets_pooled, pool.Acquire((length + 1) * 4));
      std::shared_ptr<Buffer> offsets_buffer = offsets_pooled.buffer;
      auto* offsets = reinterpret_cast<int32_t*>(offsets_pooled.data);
      offsets[0] = 0;
      for (int64_t e = 0; e < length; ++e) {
        auto ue = static_cast<size_t>(e);
        bool nonempty = first.def(static_cast<size_t>(r0.begin[ue])) >= node.repeated_def_level;
        for (size_t l = 0; l < leaves.size(); ++l) {
          const LeafCursor& lc = leaves[l];
          Ranges& cr = child_ranges[l];
          size_t before = cr.begin.size();
          int32_t b = ranges[l].begin[ue];
          int32_t end = ranges[l].end[ue];
          bool leaf_nonempty = lc.def(static_cast<size_t>(b)) >= node.repeated_def_level;
          if (leaf_nonempty != nonempty) {
            return CorruptFile("parquet: columns of {} disagree on its structure", node.name);
          }
          if (!nonempty) continue;
          for (int32_t k = b; k < end; ++k) {
            if (k == b || lc.rep(static_cast<size_t>(k)) <= node.repeated_rep_level) {
              if (!cr.begin.empty() && cr.begin.size() > before) cr.end.back() = k;
              cr.begin.push_back(k);
              cr.end.push_back(end);
            }
          }
          if (l > 0 && cr.begin.size() - before !=
                           child_ranges[0].begin.size() - static_cast<size_t>(offsets[e])) {
            return CorruptFile("parquet: columns of {} disagree on element counts", node.name);
          }
        }
        if (child_ranges[0].begin.size() > static_cast<size_t>(INT32_MAX)) {
          return NotSupported("parquet: more than 2^31 list elements in one batch");
        }
        offsets[e + 1] = static_cast<int32_t>(child_ranges[0].begin.size());
      }
      auto child_length = static_cast<int64_t>(offsets[length]);
      int64_t null_count = 0;
      FLOE_ASSIGN_OR_RETURN(auto validity, ValidityBuffer(valid, &null_count, pool));
      if (node.kind == SchemaNode::Kind::kList) {
        FLOE_ASSIGN_OR_RETURN(Array child,
                              Build(node.children[0], leaves, child_ranges, child_length, pool));
        return Array::Make(node.field->type(), length, {validity, offsets_buffer}, {child},
                           null_count);
      }
      auto key_leaves = static_cast<size_t>(CountLeaves(node.children[0]));
      std::span<Ranges> all(child_ranges);
      FLOE_ASSIGN_OR_RETURN(Array keys, Build(node.children[0], leaves.subspan(0, key_leaves),
                                              all.subspan(0, key_leaves), child_length, pool));
      FLOE_ASSIGN_OR_RETURN(Array items, Build(node.children[1], leaves.subspan(key_leaves),
                                               all.subspan(key_leaves), child_length, pool));
      const columnar::DataType& entries_type = node.field->type().field(0).type();
      FLOE_ASSIGN_OR_RETURN(Array entries,
                            Array::Make(entries_type, child_length, {nullptr}, {keys, items}, 0));
      return Array::Make(node.field->type(), length, {validity, offsets_buffer}, {entries},
                         null_count);
    }
  }
  return Internal("parquet: unknown node kind");
}

}  // namespace

Result<Array> AssembleFlatColumn(const SchemaNode& top, LeafData& data, int64_t num_rows,
                                 BufferPool& pool, std::vector<uint8_t>& scratch) {
  ColumnValues& values = data.values;
  const columnar::DataType& type = top.field->type();
  // Every slot holds a value (ReadSlots decodes one a present slot): hand the value vectors
  // over to the array, when their layout is the array's, instead of copying them.
  const bool dense = top.kind == SchemaNode::Kind::kPrimitive && num_rows > 0 &&
                     data.num_slots == static_cast<size_t>(num_rows) &&
                     values.count == static_cast<size_t>(num_rows) && values.bytes.capacity() > 0;
  if (dense && top.conversion == ValueConversion::kBinary &&
      values.offsets.size() == values.count + 1 && values.offsets[0] == 0) {
    const int64_t size = values.offsets[values.count];
    auto offsets = pool.WrapOffsets(std::move(values.offsets));
    auto bytes = pool.WrapBytes(std::move(values.bytes), size);
    values.offsets = pool.TakeOffsets();
    values.bytes = pool.TakeBytes();
    values.Clear();
    return Array::Make(type, num_rows, {nullptr, offsets, bytes}, {}, 0);
  }
  if (dense &&
      (top.conversion == ValueConversion::kCopy || top.conversion == ValueConversion::kFixed) &&
      type.byte_width() == values.width) {
    auto bytes = pool.WrapBytes(std::move(values.bytes), num_rows * values.width);
    values.bytes = pool.TakeBytes();
    values.Clear();
    return Array::Make(type, num_rows, {nullptr, bytes}, {}, 0);
  }
  const LeafData* leaves[] = {&data};
  return AssembleField(top, leaves, num_rows, pool, scratch);
}

Result<Array> AssembleField(const SchemaNode& top, std::span<const LeafData* const> leaves,
                            int64_t num_rows, BufferPool& pool, std::vector<uint8_t>& scratch) {
  // Flat column: one slot a row.
  if (top.kind == SchemaNode::Kind::kPrimitive) {
    const LeafData& d = *leaves[0];
    if (d.num_slots != static_cast<size_t>(num_rows)) {
      return CorruptFile("parquet: column {} has {} values for {} rows", top.name, d.num_slots,
                         num_rows);
    }
    if (d.def.empty()) {
      if (d.values.count != static_cast<size_t>(num_rows)) {
        return CorruptFile("parquet: column {} has {} values for {} rows", top.name, d.values.count,
                           num_rows);
      }
      return MakeLeafArray(top, d.values, 0, num_rows, nullptr, pool);
    }
    std::vector<uint8_t>& valid = scratch;
    valid.resize(static_cast<size_t>(num_rows));
    const uint16_t* def = d.def.data();
    const auto max_def = static_cast<uint16_t>(top.def_level);
    size_t present = 0;
    for (size_t i = 0; i < valid.size(); ++i) {
      uint8_t v = def[i] == max_def;
      valid[i] = v;
      present += v;
    }
    if (present > d.values.count) {
      return CorruptFile("parquet: column {} has fewer values than its levels say", top.name);
    }
    return MakeLeafArray(top, d.values, 0, num_rows, valid.data(), pool);
  }
  std::vector<LeafCursor> cursors;
  std::vector<const SchemaNode*> leaf_nodes;
  // Leaf nodes in order (depth first).
  std::function<void(const SchemaNode&)> collect = [&](const SchemaNode& n) {
    if (n.kind == SchemaNode::Kind::kPrimitive) {
      leaf_nodes.push_back(&n);
      return;
    }
    for (const SchemaNode& c : n.children) collect(c);
  };
  collect(top);
  if (leaf_nodes.size() != leaves.size()) return Internal("parquet: leaf count mismatch");
  std::vector<Ranges> ranges(leaves.size());
  for (size_t l = 0; l < leaves.size(); ++l) {
    cursors.push_back({leaves[l], leaf_nodes[l]});
    const LeafCursor& c = cursors.back();
    const size_t slots = leaves[l]->num_slots;
    if (slots > static_cast<size_t>(INT32_MAX)) return NotSupported("parquet: too many levels");
    Ranges& r = ranges[l];
    for (size_t k = 0; k < slots; ++k) {
      if (k == 0 || c.rep(k) == 0) {
        if (k == 0 && c.rep(k) != 0) return CorruptFile("parquet: first repetition level not 0");
        if (!r.end.empty()) r.end.back() = static_cast<int32_t>(k);
        r.begin.push_back(static_cast<int32_t>(k));
        r.end.push_back(static_cast<int32_t>(slots));
      }
    }
    if (r.begin.size() != static_cast<size_t>(num_rows)) {
      return CorruptFile("parquet: column {} holds {} rows, the row group {}", leaf_nodes[l]->name,
                         r.begin.size(), num_rows);
    }
  }
  return Build(top, cursors, ranges, num_rows, pool);
}

}  // namespace floe::parquet
