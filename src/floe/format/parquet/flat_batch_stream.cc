#include <algorithm>

#include "floe/format/parquet/flat_batch_stream_internal.h"
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
  for (int i = 1; i < threads; ++i) helpers_.emplace_back([this] { HelperLoop(); });
}

FlatBatchStream::~FlatBatchStream() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    ++events_;
  }
  work_cv_.notify_all();
  for (std::thread& t : helpers_) t.join();
}

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

size_t FlatBatchStream::PickColumn(int64_t limit) const {
  size_t pick = columns_.size();
  for (size_t c = 0; c < columns_.size(); ++c) {
    const Column& col = columns_[c];
    if (col.busy || col.failed || col.decoded > limit) continue;
    if (col.decoded >= static_cast<int64_t>(plan_.size())) continue;
    if (pick == columns_.size() || col.decoded < columns_[pick].decoded) pick = c;
  }
  return pick;
}

void FlatBatchStream::DecodeNext(size_t c, std::unique_lock<std::mutex>& lock) {
  Column& col = columns_[c];
  col.busy = true;
  const PlannedBatch batch = plan_[static_cast<size_t>(col.decoded)];
  lock.unlock();
  Result<columnar::Array> array = DecodeColumn(c, batch);
  lock.lock();
  col.failed = !array.has_value();
  col.ready.push_back(std::move(array));
  ++col.decoded;
  col.busy = false;
  ++events_;
  if (!helpers_.empty()) {
    done_cv_.notify_all();
    work_cv_.notify_all();
  }
}

bool FlatBatchStream::PrefetchForBusyColumn(int64_t limit, std::unique_lock<std::mutex>& lock) {
  std::vector<ColumnChunkReader*> busy;
  for (Column& col : columns_) {
    if (col.busy && col.decoded <= limit) busy.push_back(col.reader.get());
  }
  if (busy.empty()) return false;
  lock.unlock();
  bool prefetched = false;
  for (ColumnChunkReader* reader : busy) {
    if (reader->TryPrefetch()) {
      prefetched = true;
      break;
    }
  }
  lock.lock();
  return prefetched;
}

bool FlatBatchStream::Decoded(int64_t index) const {
  for (const Column& col : columns_) {
    // A failed column decodes no further; Next reports its error.
    if (col.decoded <= index && !col.failed) return false;
  }
  return true;
}

void FlatBatchStream::HelperLoop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!stop_) {
    // Taken before anything releases the lock: a change after it ends the wait below.
    const uint64_t seen = events_;
    size_t c = PickColumn(window_end_);
    if (c < columns_.size()) {
      DecodeNext(c, lock);
    } else if (!PrefetchForBusyColumn(window_end_, lock)) {
      work_cv_.wait(lock, [&] { return stop_ || events_ != seen; });
    }
  }
}

Result<std::optional<columnar::RecordBatch>> FlatBatchStream::Next() {
  if (failed_) return *failed_;
  const int64_t target = consumed_;
  std::unique_lock<std::mutex> lock(mu_);
  // Planned here, on the caller's thread, so the row-group filter never runs on a helper.
  if (!PlanUpTo(target)) return std::optional<columnar::RecordBatch>();
  if (!helpers_.empty()) {
    PlanUpTo(target + kAhead);
    window_end_ = std::min(target + kAhead, static_cast<int64_t>(plan_.size()) - 1);
    ++events_;
    work_cv_.notify_all();
  }
  // This batch's columns first; then help a column another thread is decoding; then, rather
  // than wait, decode a batch ahead.
  while (!Decoded(target)) {
    // Taken before anything releases the lock: a change after it ends the wait below.
    const uint64_t seen = events_;
    size_t c = PickColumn(target);
    if (c == columns_.size() && !helpers_.empty()) {
      if (PrefetchForBusyColumn(target, lock)) continue;
      c = PickColumn(window_end_);
    }
    if (c < columns_.size()) {
      DecodeNext(c, lock);
    } else {
      done_cv_.wait(lock, [&] { return events_ != seen; });
    }
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
    // Helpers stop here: a column's reader may be in any state after an error.
    window_end_ = -1;
    failed_ = *error;
    return *error;
  }
  lock.unlock();
  FLOE_ASSIGN_OR_RETURN(columnar::RecordBatch out,
                        columnar::RecordBatch::Make(out_schema_, std::move(arrays), batch.rows));
  return std::optional<columnar::RecordBatch>(std::move(out));
}

}  // namespace floe::parquet
