// FileReader: reads a Parquet file through a RandomAccessInput as a stream of RecordBatches, one
// or more a row group, with projection by field id, nested ids included (or of top-level fields
// by name for files without ids), and a row-group filter hook over the footer statistics.
//
// When every projected field is flat, batches are decoded page by page as they are asked for,
// so memory stays at a page and a batch a column whatever the row group size; a nested field
// makes the reader decode whole row groups and slice them. Either way, the buffers of the
// batches handed out return to the reader's pool once the caller drops them
// (buffer_pool_internal.h).
//
// File layout read: ... | FileMetaData (Thrift compact) | footer length (4 bytes LE) | "PAR1".
// The footer is read with one ranged read of its last 64 KiB (and a second when it is larger);
// column chunks with ranged reads of about 1 MiB.
//
//   FLOE_ASSIGN_OR_RETURN(auto input, LocalFileInput::Open(path));
//   ReaderOptions options;
//   options.field_ids = std::vector<int32_t>{1, 3};
//   FLOE_ASSIGN_OR_RETURN(auto reader, FileReader::Open(std::move(input), options));
//   while (true) {
//     FLOE_ASSIGN_OR_RETURN(auto batch, reader->Next());
//     if (!batch) break;
//   }
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "floe/columnar/batch_reader.h"
#include "floe/columnar/record_batch.h"
#include "floe/core/result.h"
#include "floe/format/parquet/metadata.h"
#include "floe/format/parquet/random_access_input.h"
#include "floe/format/parquet/schema.h"

namespace floe::parquet {

class BufferPool;
class ColumnChunkReader;
class FlatBatchStream;
struct ProjectedField;
struct LeafData;

// What a row-group filter sees.
struct RowGroupInfo {
  int index;
  const RowGroup& row_group;
  const ParquetSchema& schema;

  // The footer statistics of the leaf column with this field id, or nullptr when the file has no
  // such leaf or no statistics for it.
  const Statistics* StatisticsFor(int32_t field_id) const;
};

struct ReaderOptions {
  // Fields to read, by field id; ids the file lacks are skipped. A top-level id reads the field
  // whole; a nested id (struct field, list element or inside one) reads its top-level field
  // pruned to the selected branches (a map is read whole). Top-level fields come out in the
  // order of their first id here.
  std::optional<std::vector<int32_t>> field_ids;
  // The same by name (for files written without field ids). Ignored when field_ids is set.
  std::optional<std::vector<std::string>> column_names;
  // Returns false for row groups that cannot match; they are not read.
  std::function<bool(const RowGroupInfo&)> row_group_filter;
  // Rows per batch.
  int64_t batch_size = 64 * 1024;
  // Threads that decode columns side by side: the caller's (inside Next) and decode_threads - 1
  // helpers the reader starts and keeps, which also decode the next two batches while the
  // caller works on the last one (two batches held ahead). Used when every projected field is
  // flat; the input's ReadAt is then called from several threads at once, between Next calls
  // too. 1: no helper threads, nothing runs outside Next.
  int decode_threads = 1;
};

class FileReader final : public columnar::BatchReader {
 public:
  static Result<std::unique_ptr<FileReader>> Open(std::unique_ptr<RandomAccessInput> input,
                                                  ReaderOptions options = {});
  ~FileReader() override;
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;

  const FileMetaData& metadata() const { return metadata_; }
  const ParquetSchema& file_schema() const { return *schema_; }
  int num_row_groups() const { return static_cast<int>(metadata_.row_groups.size()); }
  int64_t num_rows() const { return metadata_.num_rows; }

  // The projected schema that batches have.
  const columnar::Schema& schema() const override { return projected_schema_; }
  // The next batch of the row groups that pass the filter.
  Result<std::optional<columnar::RecordBatch>> Next() override;

  // Reads row group `index` (projected), ignoring the filter.
  Result<columnar::RecordBatch> ReadRowGroup(int index);

 private:
  FileReader(std::unique_ptr<RandomAccessInput> input, ReaderOptions options);
  Status Init();

  std::unique_ptr<RandomAccessInput> input_;
  ReaderOptions options_;
  int64_t file_size_ = 0;
  FileMetaData metadata_;
  std::unique_ptr<ParquetSchema> schema_;
  // Projected top-level fields (pruned to the nested fields asked for), and their schema.
  std::vector<ProjectedField> projected_;
  columnar::Schema projected_schema_;

  // Whole row groups (ReadRowGroup, and Next when a projected field is nested).
  std::unique_ptr<ColumnChunkReader> chunk_reader_;
  std::vector<LeafData> leaf_data_;
  // Batches when every projected field is flat (nullptr otherwise).
  std::unique_ptr<FlatBatchStream> flat_stream_;
  // Memory of the arrays handed out, recycled once the caller drops them.
  std::shared_ptr<BufferPool> pool_;
  std::vector<uint8_t> validity_scratch_;
  int next_row_group_ = 0;
  std::optional<columnar::RecordBatch> current_;
  int64_t current_offset_ = 0;
};

}  // namespace floe::parquet
