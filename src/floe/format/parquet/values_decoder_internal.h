// ValuesDecoder: decodes the values section of data pages (after the levels) into ColumnValues,
// whatever the page's encoding: PLAIN, PLAIN_DICTIONARY / RLE_DICTIONARY (given the decoded
// dictionary page), RLE (booleans), DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY,
// DELTA_BYTE_ARRAY and BYTE_STREAM_SPLIT.
//
// Byte layout of the dictionary-index section: one byte holding the index bit width, then the
// RLE/bit-packed hybrid (rle_bit_packed_internal.h). BYTE_STREAM_SPLIT: for N values of width W,
// W streams of N bytes; byte b of value i is at b * N + i. RLE booleans: 4-byte LE length, then the
// hybrid at bit width 1.
//
// One decoder serves a whole column: Reset per page keeps its buffers. The switch on the encoding
// runs once a Decode call, never a value.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/parquet/column_values_internal.h"
#include "floe/format/parquet/delta_encoding_internal.h"
#include "floe/format/parquet/rle_bit_packed_internal.h"

namespace floe::parquet {

class ValuesDecoder {
 public:
  // Starts a page. `data` is the values section, `max_values` the page's value count (nulls
  // included), `dictionary` the chunk's decoded dictionary (nullptr when it has none).
  // REQUIRES: `data` and `dictionary` outlive the page's Decode calls.
  Status Reset(Encoding encoding, PhysicalType type, int32_t width, std::span<const uint8_t> data,
               size_t max_values, const ColumnValues* dictionary);

  // Appends `n` values to `out`. REQUIRES: out's type is the page's.
  Status Decode(size_t n, ColumnValues& out);

 private:
  Status DecodeDictionary(size_t n, ColumnValues& out);
  Status DecodeByteStreamSplit(size_t n, ColumnValues& out);

  Encoding encoding_ = Encoding::kPlain;
  PhysicalType type_ = PhysicalType::kInt32;
  int32_t width_ = 0;
  std::span<const uint8_t> data_;
  ByteCursor cursor_{std::span<const uint8_t>()};
  size_t bool_bit_ = 0;
  size_t stream_next_ = 0;
  const ColumnValues* dictionary_ = nullptr;
  RleBitPackedDecoder rle_;
  DeltaBinaryPackedDecoder delta_;
  DeltaLengthByteArrayDecoder delta_length_;
  DeltaByteArrayDecoder delta_bytes_;
  std::vector<uint32_t> indices_;
  std::vector<int32_t> ints32_;
  std::vector<int64_t> ints64_;
};

}  // namespace floe::parquet
