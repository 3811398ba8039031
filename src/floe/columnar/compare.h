// Value equality of arrays and record batches, for tests and for layers that check what they
// read back.
//
// Arrays are equal when their types are equal (ignoring field ids and metadata), their lengths
// and null positions match, and every valid element is equal; each side's offset is honored and
// the bytes behind nulls are ignored. Floats compare by bit pattern, so NaN equals NaN and 0.0
// differs from -0.0.
#pragma once

#include <string>

#include "floe/columnar/array.h"
#include "floe/columnar/record_batch.h"

namespace floe::columnar {

bool ArrayEquals(const Array& a, const Array& b);

// Equal schemas (including field ids and metadata when check_metadata) and equal columns.
bool RecordBatchEquals(const RecordBatch& a, const RecordBatch& b, bool check_metadata = true);

// Empty when equal; otherwise a message naming the first difference (row, column), for tests.
std::string DescribeArrayDifference(const Array& a, const Array& b);

}  // namespace floe::columnar
