// Kernels over whole arrays and record batches: Take (gather rows by index), Filter (rows by a
// byte mask), Concatenate (arrays or batches one after the other) and Cast (lossless widening).
//
// The table layer uses them to fan a batch out by partition (Take with each partition's row
// indices), to apply residual row filters (Filter with RowEvaluator's mask), to gather small
// batches into one (Concatenate) and to read older files under a promoted schema (Cast).
//
//   std::vector<int64_t> rows = {4, 0, 0, 2};
//   FLOE_ASSIGN_OR_RETURN(RecordBatch picked, Take(batch, rows));
//   FLOE_ASSIGN_OR_RETURN(Array wide, Cast(int32_column, DataType::Int64()));
//
// Every kernel handles every type, nested ones included, with nulls and with sliced inputs
// (offset != 0). Results are fresh arrays at offset 0 (Cast reuses buffers where the layout is
// unchanged). The type switch happens once per array; inner loops over fixed-width, boolean and
// binary values make no per-value virtual calls.
#pragma once

#include <cstdint>
#include <span>

#include "floe/columnar/array.h"
#include "floe/columnar/record_batch.h"
#include "floe/columnar/type.h"
#include "floe/core/result.h"

namespace floe::columnar {

// Rows `indices` of `array`, in that order; an index may repeat. InvalidArgument when an index is
// outside [0, array.length()), or when a string/binary result would pass 2 GiB of data.
Result<Array> Take(const Array& array, std::span<const int64_t> indices);
// Take applied to every column; the result keeps the batch's schema.
Result<RecordBatch> Take(const RecordBatch& batch, std::span<const int64_t> indices);

// The rows whose byte in `mask` is non-zero, in order. REQUIRES (checked, InvalidArgument):
// mask.size() == batch.num_rows().
Result<RecordBatch> Filter(const RecordBatch& batch, std::span<const uint8_t> mask);

// The arrays one after the other. They must have one type (DataType::Equals ignoring field ids
// and metadata); the result has the first array's type. InvalidArgument when `arrays` is empty
// or the types differ.
Result<Array> Concatenate(std::span<const Array> arrays);
// The batches' rows one after the other. Their schemas' fields must be equal, field ids and
// metadata included (schema-level metadata is taken from the first batch); InvalidArgument
// naming the first mismatching field otherwise, or when `batches` is empty.
Result<RecordBatch> Concatenate(std::span<const RecordBatch> batches);

// `array` converted to `to` where no value can be lost:
//   int32 -> int64, float32 -> float64, decimal128(P, S) -> decimal128(P2, S) with P2 >= P,
//   date32 -> timestamp without timezone (midnight), timestamp(tz) -> timestamp(other tz),
//   a type to itself (the same array is returned when the types are equal including metadata);
//   struct -> struct, list -> list and map -> map by child position, recursively (child names,
//   ids and metadata may differ; the result carries `to`'s fields).
// Anything else, including between a timestamp with and one without a timezone, is NotSupported
// naming both types.
Result<Array> Cast(const Array& array, const DataType& to);

}  // namespace floe::columnar
