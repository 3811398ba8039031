// ColumnChunkReader: reads one leaf column's chunk of a row group, page by page (dictionary page,
// data pages v1 and v2, every codec), into its definition levels, repetition levels and dense
// physical values (LeafData), which the RecordAssembler turns into arrays; whole, or a batch of
// rows at a time.
//
// Byte layout of a data page v1 body (after decompression): [rep levels: 4-byte LE length + RLE
// hybrid] [def levels: the same] values. Data page v2: rep levels (RLE hybrid, no length prefix,
// repetition_levels_byte_length bytes) | def levels (likewise) | values, compressed apart from
// the levels when is_compressed. Every size is checked against the chunk; a page claiming more
// values than the chunk has left is corrupt.
#pragma once

#include <cstdint>
#include <mutex>
#include <span>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/codec.h"
#include "floe/format/parquet/column_values_internal.h"
#include "floe/format/parquet/metadata.h"
#include "floe/format/parquet/random_access_input.h"
#include "floe/format/parquet/schema.h"
#include "floe/format/parquet/values_decoder_internal.h"

namespace floe::parquet {

// A leaf's decoded slots (the whole chunk, or a run of rows of it). Levels are empty when the
// leaf's max level is 0.
struct LeafData {
  std::vector<uint16_t> def;
  std::vector<uint16_t> rep;
  ColumnValues values;
  size_t num_slots = 0;
};

// Reads one chunk as a stream of pages: the chunk's bytes come through a window of about 1 MiB
// (one ranged read a window), each page is decompressed into a buffer kept across pages, and
// ReadSlots hands out the next slots, so a reader of batches holds one page a column, not the
// whole row group, and every buffer is reused from batch to batch and row group to row group.
class ColumnChunkReader {
 public:
  // Starts the chunk of `leaf` described by `chunk`.
  // REQUIRES: input, chunk and leaf outlive the ReadSlots calls.
  Status Start(RandomAccessInput& input, int64_t file_size, const ColumnChunk& chunk,
               const SchemaNode& leaf);
  // Replaces the contents of `out` with the next `max_slots` level slots (fewer only at the end
  // of the chunk); for a leaf without repetition, a slot is a row.
  Status ReadSlots(size_t max_slots, LeafData& out);
  // True when the chunk's values are all read.
  bool done() const { return page_next_ == page_slots_ && values_left_ == 0; }

  // Reads and decompresses the page after the current one, for the next NextPage to take,
  // while the owner of this reader decodes the current page: called by another thread that has
  // nothing else to do. Returns at once (false) when the owner is between pages, a page is
  // already waiting, or the next page is not a compressed v1 data page.
  bool TryPrefetch();

  // Reads the whole chunk into `out` (Start, then every slot).
  Status Read(RandomAccessInput& input, int64_t file_size, const ColumnChunk& chunk,
              const SchemaNode& leaf, LeafData& out);

 private:
  // Loads the next data page (reading a dictionary page on the way) and decodes its levels.
  Status NextPage();
  // Makes chunk bytes [pos, pos + len) available in window_.
  Status EnsureWindow(size_t pos, size_t len);
  // `decompressed`: the body of a v1 data page already decompressed (by TryPrefetch), or null.
  Status LoadPage(const PageHeader& header, std::span<const uint8_t> body,
                  const std::span<const uint8_t>* decompressed = nullptr);
  // NextPage's work, with prefetch_mu_ held.
  Status NextPageLocked();
  // The page body uncompressed: `in` itself when the chunk is uncompressed, else page_.
  Result<std::span<const uint8_t>> Decompress(std::span<const uint8_t> in, size_t size);
  Status DecodeLevels(std::span<const uint8_t> data, int bit_width, size_t n,
                      std::vector<uint16_t>& levels);

  RandomAccessInput* input_ = nullptr;
  const SchemaNode* leaf_ = nullptr;
  int64_t chunk_start_ = 0;
  size_t chunk_size_ = 0;
  size_t pos_ = 0;  // of the next page header, from the chunk's start
  std::vector<uint8_t> window_;
  size_t window_begin_ = 0;
  std::vector<uint8_t> page_;
  ColumnValues dictionary_;
  bool has_dictionary_ = false;
  format::CompressionCodec codec_ = format::CompressionCodec::kUncompressed;
  ValuesDecoder decoder_;
  int64_t values_left_ = 0;  // in pages not loaded yet
  // The loaded page: its levels, its slot count, and the slots already handed out.
  std::vector<uint16_t> page_def_;
  std::vector<uint16_t> page_rep_;
  size_t page_slots_ = 0;
  size_t page_next_ = 0;

  // The page read ahead by TryPrefetch. prefetch_mu_ guards it and everything TryPrefetch reads
  // (pos_, values_left_, the chunk's range and codec); the owner holds it while it changes them.
  enum class AheadState { kNone, kReady, kDeclined };
  std::mutex prefetch_mu_;
  AheadState ahead_state_ = AheadState::kNone;
  size_t ahead_pos_ = 0;       // where the page starts
  size_t ahead_next_pos_ = 0;  // where the page after it starts
  PageHeader ahead_header_;
  std::vector<uint8_t> ahead_raw_;
  std::vector<uint8_t> ahead_page_;
};

}  // namespace floe::parquet
