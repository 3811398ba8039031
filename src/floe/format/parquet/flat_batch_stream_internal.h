// FlatBatchStream: the FileReader's batches when every projected field is a flat column. Each
// column is decoded a batch at a time, page by page (ColumnChunkReader::ReadSlots), so memory
// stays at about a page and a batch a column whatever the row group size.
//
// With more than one thread, columns decode side by side, and a column may run up to
// kLookahead batches ahead of the batch being returned, so that threads need not wait for the
// slowest column of each batch. Decoding is bound by memory bandwidth on our 2-core machines,
// where a lookahead of 1 measured slower (more data in flight) than none, hence 0. Instead, a
// thread left with no column to take reads and decompresses the next page of a column another
// thread is decoding (ColumnChunkReader::TryPrefetch), which evens out batches whose columns
// differ in cost. Work runs only inside Next (on the caller's thread and the TaskRunner's
// helpers), never between calls.
//
// Batch plan: row groups that pass the filter, cut into batches of batch_size rows (the last
// batch of a row group may be shorter); a row group's first batch starts its column chunks.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "floe/columnar/record_batch.h"
#include "floe/core/result.h"
#include "floe/format/parquet/buffer_pool_internal.h"
#include "floe/format/parquet/column_chunk_reader_internal.h"
#include "floe/format/parquet/metadata.h"
#include "floe/format/parquet/random_access_input.h"
#include "floe/format/parquet/schema.h"
#include "floe/format/parquet/task_runner_internal.h"

namespace floe::parquet {

class FlatBatchStream {
 public:
  static constexpr int64_t kLookahead = 0;

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
    bool busy = false;
  };

  // Extends the plan to hold batch `index`; false when the file has no such batch.
  // REQUIRES: mu_ held, on the caller's thread (it runs the row-group filter).
  bool PlanUpTo(int64_t index);
  // Decodes `batch` of column `c`.
  Result<columnar::Array> DecodeColumn(size_t c, const PlannedBatch& batch);
  // A worker of Next: takes column batches, lowest first, until batch `target` is complete.
  void Work(int64_t target, int64_t lookahead);

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
  std::unique_ptr<TaskRunner> runner_;

  std::mutex mu_;
  std::vector<Column> columns_;
  std::vector<PlannedBatch> plan_;
  int next_row_group_ = 0;
  int64_t consumed_ = 0;
  std::optional<Error> failed_;
};

}  // namespace floe::parquet
