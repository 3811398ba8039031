// RowGroupWriter: the open row group of a FileWriter. It shreds each slice of rows into its leaf
// columns and feeds their ColumnWriters; Flush writes every column chunk in schema order and
// describes them in a RowGroup. The writer and its buffers live for the whole file.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "floe/columnar/record_batch.h"
#include "floe/core/result.h"
#include "floe/format/parquet/column_shredder_internal.h"
#include "floe/format/parquet/column_writer_internal.h"
#include "floe/format/parquet/metadata.h"
#include "floe/format/parquet/output_stream.h"
#include "floe/format/parquet/schema.h"

namespace floe::parquet {

class RowGroupWriter {
 public:
  RowGroupWriter(const ParquetSchema& schema, const ColumnWriterOptions& options);

  // Adds a slice of rows. REQUIRES: the batch matches the schema.
  Status Append(const columnar::RecordBatch& slice);

  int64_t num_rows() const { return num_rows_; }
  int64_t buffered_bytes() const;

  // Writes the row group's chunks to `out` starting at `offset`; describes them in `row_group`.
  // Returns the bytes written. The writer then starts a new row group.
  Result<int64_t> Flush(OutputStream& out, int64_t offset, int16_t ordinal, RowGroup& row_group);

  const std::vector<std::unique_ptr<ColumnWriter>>& columns() const { return columns_; }

 private:
  const ParquetSchema& schema_;
  std::vector<std::unique_ptr<ColumnWriter>> columns_;
  std::vector<LeafSlice> slices_;
  // Leaves of each top-level field: [first, first + count).
  std::vector<std::pair<int, int>> top_level_leaves_;
  std::vector<LeafSlice*> scratch_;
  int64_t num_rows_ = 0;
};

}  // namespace floe::parquet
