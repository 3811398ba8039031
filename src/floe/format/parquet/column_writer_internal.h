// ColumnWriter: writes one leaf column's chunk in each row group: it buffers levels and values
// into pages (data page v1); as a page closes, its values are dictionary-encoded while the
// dictionary pays and stays under its limit (RLE_DICTIONARY pages, then PLAIN for the rest of
// the chunk); it compresses through its PageWriter and keeps statistics per chunk and per file.
//
// Chunk layout: [dictionary page: PLAIN values] data page ... (see page_writer.h for a page).
// The writer's buffers live as long as it and are reused for every page and row group; encoded
// page bodies go through a scratch buffer shared by the writers of a thread.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/codec.h"
#include "floe/format/parquet/column_shredder_internal.h"
#include "floe/format/parquet/column_statistics_internal.h"
#include "floe/format/parquet/dictionary_encoder_internal.h"
#include "floe/format/parquet/metadata.h"
#include "floe/format/parquet/output_stream.h"
#include "floe/format/parquet/page_writer_internal.h"
#include "floe/format/parquet/schema.h"

namespace floe::parquet {

struct ColumnWriterOptions {
  format::CompressionCodec codec = format::CompressionCodec::kZstd;
  int compression_level = format::kDefaultCompressionLevel;
  // A page is closed once its estimated encoded size reaches this.
  int64_t page_size = 1 << 20;
  // Past this PLAIN size the dictionary is abandoned for the rest of the chunk.
  int64_t dictionary_size_limit = 1 << 20;
  bool enable_dictionary = true;
};

class ColumnWriter {
 public:
  ColumnWriter(const SchemaNode& leaf, std::vector<std::string> path,
               const ColumnWriterOptions& options);

  const SchemaNode& leaf() const { return leaf_; }

  // Adds a slice of rows (their levels and dense values); closes pages as they fill.
  Status Append(const LeafSlice& slice);

  // Bytes buffered for the current chunk (compressed pages plus the open page's estimate).
  int64_t buffered_bytes() const;

  // Closes the chunk: writes [dictionary page] data pages to `out` at file offset `offset` and
  // fills `chunk`. The writer is then ready for the next row group.
  Status FinishChunk(OutputStream& out, int64_t offset, ColumnChunk& chunk);

  // Over all chunks written so far.
  const ColumnStatistics& file_statistics() const { return file_stats_; }
  int64_t file_column_size() const { return file_column_size_; }

 private:
  void StartChunk();
  // Writes the rest of the chunk PLAIN.
  void DropDictionary();
  // Maps the open page's values to dictionary indices, or drops the dictionary.
  void IndexPage();
  Status FlushPage();
  int64_t page_estimate() const;

  const SchemaNode& leaf_;
  std::vector<std::string> path_;
  ColumnWriterOptions options_;
  int level_bits_def_;
  int level_bits_rep_;
  PageWriter pages_;
  DictionaryEncoder dictionary_;
  bool dictionary_mode_ = false;
  bool used_dictionary_ = false;
  // Values indexed this chunk; after kDictionaryProbeValues the dictionary is dropped if more
  // than 90% of them were distinct.
  static constexpr int64_t kDictionaryProbeValues = 16384;
  bool dictionary_probed_ = false;
  int64_t chunk_dictionary_values_ = 0;
  bool used_plain_ = false;

  // The open page.
  std::vector<uint16_t> page_def_;
  std::vector<uint16_t> page_rep_;
  ColumnValues page_values_;
  std::vector<uint32_t> page_indices_;
  int64_t page_slots_ = 0;
  int64_t page_plain_bytes_ = 0;

  int64_t chunk_slots_ = 0;
  ColumnStatistics chunk_stats_;
  ColumnStatistics file_stats_;
  int64_t file_column_size_ = 0;
};

}  // namespace floe::parquet
