// RecordAssembler: turns the levels and dense values of a top-level field's leaves (LeafData)
// back into one columnar array (Dremel record assembly).
//
// Each array node's elements are tracked, per leaf, as ranges of level slots: a top-level element
// (a row) starts at each repetition level 0; inside a list or map element, a child element starts
// at each slot whose repetition level is the list's own. An element is null when the definition
// level at its first slot is below the node's; a list is empty when it is below the list's
// repeated level. Leaves that disagree about the structure make the file corrupt.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "floe/columnar/array.h"
#include "floe/core/result.h"
#include "floe/format/parquet/buffer_pool_internal.h"
#include "floe/format/parquet/column_chunk_reader_internal.h"
#include "floe/format/parquet/schema.h"

namespace floe::parquet {

// `leaves` holds the data of every leaf under `top`, in leaf order. The arrays' buffers come from
// `pool`; `scratch` is working memory kept by the caller across calls.
Result<columnar::Array> AssembleField(const SchemaNode& top,
                                      std::span<const LeafData* const> leaves, int64_t num_rows,
                                      BufferPool& pool, std::vector<uint8_t>& scratch);

// The same for a flat top-level field (one leaf, one slot a row); when every row holds a value,
// the decoded value vectors become the array's buffers without a copy and `data` gets idle
// vectors from the pool in their place.
Result<columnar::Array> AssembleFlatColumn(const SchemaNode& top, LeafData& data, int64_t num_rows,
                                           BufferPool& pool, std::vector<uint8_t>& scratch);

}  // namespace floe::parquet
