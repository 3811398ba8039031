#include "floe/format/parquet/flat_batch_stream_internal.h"

#include <algorithm>

#include "floe/format/parquet/record_assembler_internal.h"

namespace floe::parquet {

FlatBatchStream::FlatBatchStream(RandomAccessInput& input, int64_t file_size,
                                 const FileMetaData& metadata, const ParquetSchema& schema,
                                 std::vector<const SchemaNode*> fields, std::vector<int> leaves,
                                 const columnar::Schema& out_schema, int64_t batch_size,
                                 int threads, std::function<bool(int)> keep_row_group,
                                 std::shared_ptr<BufferPool> pool)
    : input_(input),
      file_size_(file_size),
      metadata_(metadata),
      schema_(schema),
      fields_(std::move(fields)),
      leaves_(std::move(leaves)),
      out_schema_(out_schema),
      batch_size_(batch_size),
      keep_row_group_(std::move(keep_row_group)),
      pool_(std::move(pool)),
      columns_(fields_.size()) {
  for (Column& c : columns_) c.reader = std::make_unique<ColumnChunkReader>();
  threads = std::min(threads, static_cast<int>(fields_.size()));
  if (threads > 1) runner_ = std::make_unique<TaskRunner>(threads);
}

FlatBatchStream::~FlatBatchStream() = default;

bool FlatBatchStream::PlanUpTo(int64_t index) {
  while (static_cast<int64_t>(plan_.size()) <= index) {
    if (next_row_group_ >= static_cast<int>(metadata_.row_groups.size())) return false;
    int rg = next_row_group_++;
    int64_t rows = metadata_.row_groups[static_cast<size_t>(rg)].num_rows;
    if (rows == 0 || (keep_row_group_ && !keep_row_group_(rg))) continue;
    for (int64_t at = 0; at < rows; at += batch_size_) {
      int64_t n = std::min(batch_size_, rows - at);
      plan_.push_back(PlannedBatch{rg, n, at == 0, at + n == rows});
    }
  }
  return true;
}

Result<columnar::Array> FlatBatchStream::DecodeColumn(size_t c, const PlannedBatch& batch) {
  Column& column = columns_[c];
  auto leaf = static_cast<size_t>(leaves_[c]);
  const SchemaNode& leaf_node = *schema_.leaves()[leaf];
  const RowGroup& rg = metadata_.row_groups[static_cast<size_t>(batch.row_group)];
  if (batch.first) {
    FLOE_RETURN_IF_ERROR(column.reader->Start(input_, file_size_, rg.columns[leaf], leaf_node));
  }
  FLOE_RETURN_IF_ERROR(column.reader->ReadSlots(static_cast<size_t>(batch.rows), column.data));
  if (batch.last && !column.reader->done()) {
    return CorruptFile("parquet: column {} has more values than its row group's {} rows",
                       leaf_node.name, rg.num_rows);
  }
  return AssembleFlatColumn(*fields_[c], column.data, batch.rows, *pool_, column.scratch);
}

void FlatBatchStream::Work(int64_t target, int64_t lookahead) {
  while (true) {
    size_t pick = columns_.size();
    std::vector<ColumnChunkReader*> prefetch;
    PlannedBatch batch{};
    {
      std::lock_guard<std::mutex> lock(mu_);
      bool complete = true;
      for (size_t c = 0; c < columns_.size(); ++c) {
        const Column& col = columns_[c];
        if (col.decoded <= target) complete = false;
        if (col.busy || col.decoded > target + lookahead) continue;
        // A column that failed decodes no further: its reader's state is unknown.
        if (!col.ready.empty() && !col.ready.back()) continue;
        if (col.decoded >= static_cast<int64_t>(plan_.size())) continue;
        if (pick == columns_.size() || col.decoded < columns_[pick].decoded) pick = c;
      }
      if (complete) return;
      if (pick == columns_.size()) {
        for (Column& col : columns_) {
          if (col.busy && col.decoded <= target) prefetch.push_back(col.reader.get());
        }
      } else {
        columns_[pick].busy = true;
        batch = plan_[static_cast<size_t>(columns_[pick].decoded)];
      }
    }
    if (pick == columns_.size()) {
      // Every column left is being decoded by another thread: read and decompress a page ahead
      // for one of them, so that the slowest column of a batch costs less.
      bool prefetched = false;
      for (ColumnChunkReader* reader : prefetch) {
        if (reader->TryPrefetch()) {
          prefetched = true;
          break;
        }
      }
      if (!prefetched) return;
      continue;
    }
    Result<columnar::Array> array = DecodeColumn(pick, batch);
    std::lock_guard<std::mutex> lock(mu_);
    Column& col = columns_[pick];
    col.ready.push_back(std::move(array));
    ++col.decoded;
    col.busy = false;
  }
}

Result<std::optional<columnar::RecordBatch>> FlatBatchStream::Next() {
  if (failed_) return *failed_;
  const int64_t target = consumed_;
  {
    // Planned here, on the caller's thread, so the row-group filter never runs on a helper.
    std::lock_guard<std::mutex> lock(mu_);
    if (!PlanUpTo(target)) return std::optional<columnar::RecordBatch>();
    if (runner_) PlanUpTo(target + kLookahead);
  }
  if (runner_) {
    runner_->Run(static_cast<size_t>(runner_->threads()),
                 [&](size_t) { Work(target, kLookahead); });
  } else {
    Work(target, 0);
  }
  const PlannedBatch batch = plan_[static_cast<size_t>(target)];
  std::vector<columnar::Array> arrays;
  arrays.reserve(columns_.size());
  std::optional<Error> error;
  for (Column& col : columns_) {
    if (col.ready.empty()) {
      if (!error) error = Internal("parquet: column batch {} was not decoded", target);
      continue;
    }
    Result<columnar::Array> array = std::move(col.ready.front());
    col.ready.pop_front();
    if (!array) {
      if (!error) error = array.error();
      continue;
    }
    arrays.push_back(std::move(*array));
  }
  ++consumed_;
  if (error) {
    failed_ = *error;
    return *error;
  }
  FLOE_ASSIGN_OR_RETURN(columnar::RecordBatch out,
                        columnar::RecordBatch::Make(out_schema_, std::move(arrays), batch.rows));
  return std::optional<columnar::RecordBatch>(std::move(out));
}

}  // namespace floe::parquet
