// FileWriter: writes RecordBatches to one Parquet file, streaming: rows are buffered only for the
// row group being built, which is written out when its estimated size reaches the target.
//
// File layout: "PAR1" | row group ... (column chunks in schema order) | FileMetaData (Thrift
// compact) | footer length (4 bytes LE) | "PAR1". Every SchemaElement made from a field with an
// id carries it as field_id; the schema mapping is in schema.h.
//
//   FLOE_ASSIGN_OR_RETURN(auto out, LocalFileOutput::Create(path));
//   FLOE_ASSIGN_OR_RETURN(auto writer, FileWriter::Make(schema, std::move(out), options));
//   FLOE_RETURN_IF_ERROR(writer->Write(batch));
//   FLOE_ASSIGN_OR_RETURN(FileMetrics metrics, writer->Close());
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "floe/columnar/record_batch.h"
#include "floe/core/result.h"
#include "floe/format/codec.h"
#include "floe/format/parquet/file_metrics.h"
#include "floe/format/parquet/output_stream.h"
#include "floe/format/parquet/schema.h"

namespace floe::parquet {

class RowGroupWriter;

struct WriterOptions {
  format::CompressionCodec codec = format::CompressionCodec::kZstd;
  int compression_level = format::kDefaultCompressionLevel;
  // A row group is closed once its estimated encoded size reaches this...
  int64_t row_group_size_bytes = 128 << 20;
  // ...or it holds this many rows.
  int64_t row_group_max_rows = int64_t{1} << 30;
  int64_t page_size_bytes = 1 << 20;
  int64_t dictionary_size_limit = 1 << 20;
  bool enable_dictionary = true;
  // Rows handed to the column writers at a time; pages and row groups end on these boundaries.
  int64_t slice_rows = 4096;
  std::vector<std::pair<std::string, std::string>> key_value_metadata;
  std::string created_by = "floe version 0.1.0";
};

class FileWriter {
 public:
  static Result<std::unique_ptr<FileWriter>> Make(const columnar::Schema& schema,
                                                  std::unique_ptr<OutputStream> out,
                                                  WriterOptions options = {});
  ~FileWriter();
  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;

  // REQUIRES: batch.schema() has the writer's field types (ids and metadata may differ).
  Status Write(const columnar::RecordBatch& batch);
  // Writes the open row group and the footer, closes the output. No writes after.
  Result<FileMetrics> Close();

  int64_t bytes_written() const { return offset_; }

 private:
  FileWriter(ParquetSchema schema, columnar::Schema columnar_schema,
             std::unique_ptr<OutputStream> out, WriterOptions options);
  Status FlushRowGroup();

  std::unique_ptr<ParquetSchema> schema_;
  columnar::Schema columnar_schema_;
  std::unique_ptr<OutputStream> out_;
  WriterOptions options_;
  std::unique_ptr<RowGroupWriter> row_group_;
  FileMetaData metadata_;
  int64_t offset_ = 0;
  bool closed_ = false;
};

}  // namespace floe::parquet
