// Conversion between columnar arrays and Parquet physical values (ColumnValues), one leaf column
// at a time, following the leaf's ValueConversion (schema.h).
//
// Physical forms:
//   decimal  INT32 / INT64 unscaled value; FIXED_LEN_BYTE_ARRAY and BYTE_ARRAY big-endian two's
//            complement (sign-extended to 16 bytes when read)
//   INT96    8 bytes nanoseconds of the day (LE) then 4 bytes Julian day (LE); read as micros
//   time/timestamp millis and nanos are scaled to micros when read; floe writes micros
// The switch on the conversion runs once per call; the loops inside are per value.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "floe/columnar/array.h"
#include "floe/core/result.h"
#include "floe/format/parquet/buffer_pool_internal.h"
#include "floe/format/parquet/column_values_internal.h"
#include "floe/format/parquet/schema.h"

namespace floe::parquet {

// Appends the values of `array` at `positions` (logical indices, all non-null) to `out`.
// REQUIRES: out was Reset to the leaf's physical type; array's type is the leaf's.
void AppendPhysicalValues(const SchemaNode& leaf, const columnar::Array& array,
                          std::span<const int64_t> positions, ColumnValues& out);
// The same for the contiguous non-null range [begin, end).
void AppendPhysicalRange(const SchemaNode& leaf, const columnar::Array& array, int64_t begin,
                         int64_t end, ColumnValues& out);

// Builds the leaf's columnar array of `length` elements: element i is null when `valid` is given
// and valid[i] == 0, else the next value of `values` (consumed in order from `first_value`).
// The array's buffers come from `pool`.
// REQUIRES: values holds enough values (checked by the caller).
Result<columnar::Array> MakeLeafArray(const SchemaNode& leaf, const ColumnValues& values,
                                      size_t first_value, int64_t length, const uint8_t* valid,
                                      BufferPool& pool);

}  // namespace floe::parquet
