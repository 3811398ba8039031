// DataWriter: turns RecordBatches into a table's data files: batches are conformed to the
// table's current schema, split by the default partition spec (each row's partition tuple from
// the spec's transforms), and streamed into rolling Parquet files, one open file per partition,
// each closed and replaced when it reaches the target size. Close() returns the DataFiles with
// their partition tuples and column metrics, ready for a commit; nothing is committed here.
//
//   FLOE_ASSIGN_OR_RETURN(auto writer, DataWriter::Make(table.metadata(), table.io()));
//   FLOE_RETURN_IF_ERROR(writer->Write(batch));
//   FLOE_ASSIGN_OR_RETURN(std::vector<iceberg::DataFile> files, writer->Close());
//
// Files go to "<write.data.path or location/data>/<partition path>/<n>-<uuid>-<k>.parquet". The
// table properties write.target-file-size-bytes (default 512 MiB),
// write.parquet.compression-codec (zstd), write.parquet.compression-level,
// write.parquet.row-group-size-bytes (128 MiB) and write.parquet.page-size-bytes (1 MiB) apply.
// Each Parquet file carries the table schema as "iceberg.schema" key-value metadata, and names
// its columns with AvroCompatibleName, as Iceberg Java does (readers that match columns by name
// rather than field id rely on both).
//
// Not thread-safe (Write() and Close() use threads of their own). A writer that is destroyed or aborted before Close() deletes what it wrote.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "floe/columnar/record_batch.h"
#include "floe/core/result.h"
#include "floe/format/parquet/file_writer.h"
#include "floe/iceberg/bound_transform.h"
#include "floe/iceberg/data_file.h"
#include "floe/iceberg/table_metadata.h"
#include "floe/io/file_io.h"

namespace floe::table {

inline constexpr std::string_view kDataPathProperty = "write.data.path";
inline constexpr std::string_view kTargetFileSizeProperty = "write.target-file-size-bytes";
inline constexpr int64_t kDefaultTargetFileSize = int64_t{512} << 20;

struct DataWriterOptions {
  // Overrides write.target-file-size-bytes.
  std::optional<int64_t> target_file_size_bytes;
  // Overrides the Parquet settings the table properties give.
  std::optional<parquet::WriterOptions> parquet;
  // Threads for a partitioned write: the rows of different partitions are encoded into their
  // files side by side, and Close() finishes the open files side by side (each is compressed,
  // written and synced on its own). 0: the machine's cores, at most 4; 1: the caller's thread
  // only.
  int threads = 0;
};

// A column name as a valid Avro name, as Iceberg Java names Parquet columns: names that are
// already valid stay; otherwise a leading digit gets a "_" before it and every other character
// outside [A-Za-z0-9_] becomes "_x" and its hex code ("Breed Name" -> "Breed_x20Name",
// "1a" -> "_1a", "x.y" -> "x_x2Ey").
std::string AvroCompatibleName(std::string_view name);

// Conforms `batch` to `schema` (an Iceberg table schema): columns are matched by field id when
// the batch has field ids, else by name; a missing optional column reads as nulls; a type that
// differs is widened when no value can be lost (int to long, float to double, ...). Errors
// (InvalidArgument) name the column: a missing required column, a column the table does not
// have, a type that cannot be written, nulls in a required column.
Result<columnar::RecordBatch> ConformBatch(const columnar::RecordBatch& batch,
                                           const iceberg::Schema& schema);

class DataWriter {
 public:
  // Writes for `metadata`'s current schema and default spec.
  static Result<std::unique_ptr<DataWriter>> Make(const iceberg::TableMetadata& metadata,
                                                  std::shared_ptr<io::FileIO> io,
                                                  DataWriterOptions options = {});
  ~DataWriter();
  DataWriter(const DataWriter&) = delete;
  DataWriter& operator=(const DataWriter&) = delete;

  Status Write(const columnar::RecordBatch& batch);
  // Closes every open file. REQUIRES: called once; no writes after.
  Result<std::vector<iceberg::DataFile>> Close();
  // Deletes every file written (closed or open). For a commit that certainly failed.
  void Abort();

  int64_t rows_written() const { return rows_written_; }
  // Locations of the files closed so far.
  std::vector<std::string> written_locations() const;

 private:
  struct PartitionState;
  DataWriter(const iceberg::TableMetadata& metadata, std::shared_ptr<io::FileIO> io,
             parquet::WriterOptions parquet_options, int64_t target_file_size);
  Status Init();
  Status WriteToPartition(PartitionState& state, const columnar::RecordBatch& batch);
  Status CloseFile(PartitionState& state);
  // Records the DataFile of a file closed with `metrics`.
  Status RecordClosed(const PartitionState& state, const parquet::FileMetrics& metrics);

  iceberg::Schema schema_;
  iceberg::PartitionSpec spec_;
  std::shared_ptr<io::FileIO> io_;
  parquet::WriterOptions parquet_options_;
  int64_t target_file_size_;
  std::string data_folder_;
  std::string file_prefix_;
  // The table schema as the Parquet files name it (AvroCompatibleName).
  columnar::Schema columnar_schema_;
  bool renamed_ = false;
  // Per partition field: the path of child indices to its source column, its source type.
  std::vector<std::vector<int>> source_paths_;
  std::vector<iceberg::TypePtr> source_types_;
  // Per partition field: its transform bound to the source type (nullopt: value by value).
  std::vector<std::optional<iceberg::BoundTransform>> bound_transforms_;
  std::map<std::string, std::unique_ptr<PartitionState>> partitions_;
  std::vector<iceberg::DataFile> closed_;
  int64_t rows_written_ = 0;
  std::atomic<int> file_count_ = 0;
  int threads_ = 1;
  std::mutex closed_mu_;  // guards closed_ while files roll on several threads
  bool finished_ = false;
};

}  // namespace floe::table
