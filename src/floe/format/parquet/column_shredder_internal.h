// Shredding: turns a top-level columnar array into each of its Parquet leaf columns' definition
// levels, repetition levels and dense physical values (Dremel striping).
//
// For a leaf at max definition level D and max repetition level R, every value slot of the leaf
// (a present value, or a null or empty list on the way down) produces one level pair:
//   def  how many optional or repeated nodes on the path are present (D when the value is)
//   rep  the depth of the list that repeats at this slot (0 at the start of a row)
// Levels are omitted (left empty) when D or R is 0.
#pragma once

#include <cstdint>
#include <vector>

#include "floe/columnar/array.h"
#include "floe/core/result.h"
#include "floe/format/parquet/column_values_internal.h"
#include "floe/format/parquet/schema.h"

namespace floe::parquet {

// One leaf's share of a slice of rows. Reused across slices: Clear keeps capacity.
struct LeafSlice {
  std::vector<uint16_t> def;
  std::vector<uint16_t> rep;
  ColumnValues values;
  // Number of level slots (values and nulls); equals def.size() when D > 0.
  size_t num_slots = 0;
  int64_t null_slots = 0;
  // Scratch: logical indices of present values in the leaf array.
  std::vector<int64_t> positions;

  void Clear() {
    def.clear();
    rep.clear();
    values.Clear();
    num_slots = 0;
    null_slots = 0;
    positions.clear();
  }
};

// Shreds `column`, the array of top-level field `top`, into `leaves` (one per leaf under `top`,
// in leaf order; each already Reset to its leaf's physical type). Appends to the slices.
Status ShredColumn(const SchemaNode& top, const columnar::Array& column,
                   std::vector<LeafSlice*>& leaves);

}  // namespace floe::parquet
