// FlatBatchStream: the FileReader's batches when every projected field is a flat column. Each
// column is decoded a batch at a time, page by page (ColumnChunkReader::ReadSlots), so memory
// stays at about a page and a batch a column whatever the row group size.
//
// With more than one thread, the caller's thread and threads - 1 helpers decode column batches
// side by side, and the helpers keep going while the caller is away, up to kAhead batches past
// the one it last asked for. Cutting each batch by column alone would leave a thread idle at the
// end of every batch, because columns differ in cost (in the benchmark, three of five columns
// carry nearly all the work, and a batch that starts a compressed page of each costs several
// times one that does not); running ahead, the threads rarely wait for each other. A thread with
// no column to take reads and decompresses the next page of a column another thread is decoding
// (ColumnChunkReader::TryPrefetch). The row-group filter runs only on the caller's thread: Next
// plans the batches the helpers may decode.
//
// Batch plan: row groups that pass the filter, cut into batches of batch_size rows (the last
// batch of a row group may be shorter); a row group's first batch starts its column chunks.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "floe/columnar/record_batch.h"
#include "floe/core/result.h"
#include "floe/format/parquet/buffer_pool_internal.h"
#include "floe/format/parquet/column_chunk_reader_internal.h"
#include "floe/format/parquet/metadata.h"
#include "floe/format/parquet/random_access_input.h"
#include "floe/format/parquet/schema.h"

namespace floe::parquet {

class FlatBatchStream {
 public:
  // Batches past the one the caller last asked for that helpers may decode meanwhile. Each
  // costs a batch of memory; on the benchmark, 2 read 5-13% faster than 1.
  static constexpr int64_t kAhead = 2;

  // `fields` are the projected top-level fields (each kPrimitive), `leaves` their leaf indices;
  // `keep_row_group` says which row groups to read.
  // REQUIRES: input, metadata, schema, fields and out_schema outlive the stream.
  FlatBatchStream(RandomAccessInput& input, int64_t file_size, const FileMetaData& metadata,
                  const ParquetSchema& schema, std::vector<const SchemaNode*> fields,
                  std::vector<int> leaves, const columnar::Schema& out_schema, int64_t batch_size,
                  int threads, std::function<bool(int)> keep_row_group,
                  std::shared_ptr<BufferPool> pool);
  ~FlatBatchStream();
  FlatBatchStream(const FlatBatchStream&) = delete;
  FlatBatchStream& operator=(const FlatBatchStream&) = delete;

  // The next batch, or nullopt at the end. After an error, returns that error again.
  // REQUIRES: one caller at a time.
  Result<std::optional<columnar::RecordBatch>> Next();

 private:
  struct PlannedBatch {
    int row_group;
    int64_t rows;
    bool first;  // of its row group
    bool last;
  };
  struct Column {
    std::unique_ptr<ColumnChunkReader> reader;
    LeafData data;
    std::vector<uint8_t> scratch;
    std::deque<Result<columnar::Array>> ready;  // batches [consumed, decoded)
    int64_t decoded = 0;
    bool busy = false;    // a thread is decoding batch `decoded`
    bool failed = false;  // its last batch is an error: its reader's state is unknown
  };

  // Extends the plan to hold batch `index`; false when the file has no such batch.
  // REQUIRES: mu_ held, on the caller's thread (it runs the row-group filter).
  bool PlanUpTo(int64_t index);
  // Decodes `batch` of column `c`. REQUIRES: the calling thread marked the column busy.
  Result<columnar::Array> DecodeColumn(size_t c, const PlannedBatch& batch);
  // The free column whose next batch is lowest and at most `limit`, or columns_.size().
  // REQUIRES: mu_ held.
  size_t PickColumn(int64_t limit) const;
  // Decodes the next batch of column `c`, releasing `lock` meanwhile.
  // REQUIRES: `lock` holds mu_; c came from PickColumn under it.
  void DecodeNext(size_t c, std::unique_lock<std::mutex>& lock);
  // Reads a page ahead for a column that another thread is decoding (a batch at most `limit`),
  // releasing `lock` meanwhile; false when there was none to read. REQUIRES: `lock` holds mu_.
  bool PrefetchForBusyColumn(int64_t limit, std::unique_lock<std::mutex>& lock);
  // True when every column has decoded batch `index`. REQUIRES: mu_ held.
  bool Decoded(int64_t index) const;
  // A helper thread: decodes column batches up to window_end_ until stop_.
  void HelperLoop();

  RandomAccessInput& input_;
  const int64_t file_size_;
  const FileMetaData& metadata_;
  const ParquetSchema& schema_;
  const std::vector<const SchemaNode*> fields_;
  const std::vector<int> leaves_;
  const columnar::Schema& out_schema_;
  const int64_t batch_size_;
  std::function<bool(int)> keep_row_group_;
  std::shared_ptr<BufferPool> pool_;

  std::mutex mu_;
  std::condition_variable work_cv_;  // for helpers: the window moved, a column came free, stop
  std::condition_variable done_cv_;  // for the caller: a column batch was decoded
  std::vector<Column> columns_;
  std::vector<PlannedBatch> plan_;
  int next_row_group_ = 0;
  int64_t window_end_ = -1;  // the last batch helpers may decode
  bool stop_ = false;
  uint64_t events_ = 0;  // counts changes that may give a waiting thread work: the waits' guard
  int64_t consumed_ = 0;  // batches handed out (the caller's thread only)
  std::optional<Error> failed_;
  std::vector<std::thread> helpers_;  // last: they start once everything above exists
};

}  // namespace floe::parquet
