// ColumnChunkReader: reads one leaf column's chunk of a row group, page by page (dictionary page,
// data pages v1 and v2, every codec), into its definition levels, repetition levels and dense
// physical values (LeafData), which the RecordAssembler turns into arrays.
//
// Byte layout of a data page v1 body (after decompression): [rep levels: 4-byte LE length + RLE
// hybrid] [def levels: the same] values. Data page v2: rep levels (RLE hybrid, no length prefix,
// repetition_levels_byte_length bytes) | def levels (likewise) | values, compressed apart from
// the levels when is_compressed. Every size is checked against the chunk; a page claiming more
// values than the chunk has left is corrupt.
#pragma once

#include <cstdint>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/codec.h"
#include "floe/format/parquet/column_values_internal.h"
#include "floe/format/parquet/metadata.h"
#include "floe/format/parquet/random_access_input.h"
#include "floe/format/parquet/schema.h"
#include "floe/format/parquet/values_decoder_internal.h"

namespace floe::parquet {

// A leaf's decoded chunk. Levels are empty when the leaf's max level is 0.
struct LeafData {
  std::vector<uint16_t> def;
  std::vector<uint16_t> rep;
  ColumnValues values;
  size_t num_slots = 0;
};

class ColumnChunkReader {
 public:
  // Reads the chunk of `leaf` described by `chunk` into `out` (replacing its contents).
  Status Read(RandomAccessInput& input, int64_t file_size, const ColumnChunk& chunk,
              const SchemaNode& leaf, LeafData& out);

 private:
  Status ReadPage(const PageHeader& header, std::span<const uint8_t> body, const SchemaNode& leaf,
                  LeafData& out);
  Status Decompress(std::span<const uint8_t> in, size_t size, std::vector<uint8_t>& out);
  Status DecodeLevels(std::span<const uint8_t> data, int bit_width, size_t n,
                      std::vector<uint16_t>& levels);

  std::vector<uint8_t> chunk_;
  std::vector<uint8_t> page_;
  ColumnValues dictionary_;
  bool has_dictionary_ = false;
  format::CompressionCodec codec_ = format::CompressionCodec::kUncompressed;
  ValuesDecoder decoder_;
  int64_t values_left_ = 0;
};

}  // namespace floe::parquet
