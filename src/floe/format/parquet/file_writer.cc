#include "floe/format/parquet/file_writer.h"

#include <algorithm>
#include <cstring>

#include "floe/format/parquet/column_writer_internal.h"
#include "floe/format/parquet/row_group_writer_internal.h"

namespace floe::parquet {

namespace {
constexpr uint8_t kMagic[4] = {'P', 'A', 'R', '1'};
}  // namespace

Result<std::unique_ptr<FileWriter>> FileWriter::Make(const columnar::Schema& schema,
                                                     std::unique_ptr<OutputStream> out,
                                                     WriterOptions options) {
  if (out == nullptr) return InvalidArgument("parquet: no output stream");
  if (options.codec == format::CompressionCodec::kDeflateRaw) {
    return InvalidArgument("parquet: raw deflate is not a Parquet codec");
  }
  if (options.slice_rows <= 0 || options.page_size_bytes <= 0) {
    return InvalidArgument("parquet: slice_rows and page_size_bytes must be positive");
  }
  FLOE_ASSIGN_OR_RETURN(ParquetSchema ps, ParquetSchema::FromColumnar(schema));
  auto writer = std::unique_ptr<FileWriter>(
      new FileWriter(std::move(ps), schema, std::move(out), std::move(options)));
  FLOE_RETURN_IF_ERROR(writer->out_->Write(kMagic));
  writer->offset_ = 4;
  return writer;
}

FileWriter::FileWriter(ParquetSchema schema, columnar::Schema columnar_schema,
                       std::unique_ptr<OutputStream> out, WriterOptions options)
    : schema_(std::make_unique<ParquetSchema>(std::move(schema))),
      columnar_schema_(std::move(columnar_schema)),
      out_(std::move(out)),
      options_(std::move(options)) {
  ColumnWriterOptions column_options;
  column_options.codec = options_.codec;
  column_options.compression_level = options_.compression_level;
  column_options.page_size = options_.page_size_bytes;
  column_options.dictionary_size_limit = options_.dictionary_size_limit;
  column_options.enable_dictionary = options_.enable_dictionary;
  row_group_ = std::make_unique<RowGroupWriter>(*schema_, column_options);
  metadata_.version = 1;
  metadata_.schema = schema_->ToElements();
}

FileWriter::~FileWriter() = default;

Status FileWriter::Write(const columnar::RecordBatch& batch) {
  if (closed_) return InvalidArgument("parquet: write after close");
  const columnar::Schema& s = batch.schema();
  if (s.num_fields() != columnar_schema_.num_fields()) {
    return InvalidArgument("parquet: batch has {} columns, the file {}", s.num_fields(),
                           columnar_schema_.num_fields());
  }
  for (int i = 0; i < s.num_fields(); ++i) {
    if (!s.field(i).type().Equals(columnar_schema_.field(i).type(), false)) {
      return InvalidArgument("parquet: column {} is {}, the file expects {}", s.field(i).name(),
                             s.field(i).type().ToString(),
                             columnar_schema_.field(i).type().ToString());
    }
  }
  int64_t done = 0;
  while (done < batch.num_rows()) {
    int64_t room = options_.row_group_max_rows - row_group_->num_rows();
    int64_t n = std::min({options_.slice_rows, batch.num_rows() - done, room});
    FLOE_ASSIGN_OR_RETURN(auto slice, batch.Slice(done, n));
    FLOE_RETURN_IF_ERROR(row_group_->Append(slice));
    done += n;
    if (row_group_->num_rows() >= options_.row_group_max_rows ||
        row_group_->buffered_bytes() >= options_.row_group_size_bytes) {
      FLOE_RETURN_IF_ERROR(FlushRowGroup());
    }
  }
  return OkStatus();
}

Status FileWriter::FlushRowGroup() {
  if (row_group_->num_rows() == 0) return OkStatus();
  if (metadata_.row_groups.size() >= INT16_MAX) {
    return InvalidArgument("parquet: too many row groups");
  }
  RowGroup& rg = metadata_.row_groups.emplace_back();
  FLOE_ASSIGN_OR_RETURN(
      int64_t written,
      row_group_->Flush(*out_, offset_, static_cast<int16_t>(metadata_.row_groups.size() - 1), rg));
  offset_ += written;
  metadata_.num_rows += rg.num_rows;
  return OkStatus();
}

Result<FileMetrics> FileWriter::Close() {
  if (closed_) return InvalidArgument("parquet: writer already closed");
  closed_ = true;
  FLOE_RETURN_IF_ERROR(FlushRowGroup());
  for (const auto& [k, v] : options_.key_value_metadata) {
    metadata_.key_value_metadata.push_back({k, v});
  }
  metadata_.created_by = options_.created_by;
  metadata_.type_defined_column_orders = static_cast<int32_t>(schema_->leaves().size());
  std::vector<uint8_t> footer;
  SerializeFileMetaData(metadata_, footer);
  auto len = static_cast<uint32_t>(footer.size());
  uint8_t tail[8];
  std::memcpy(tail, &len, 4);
  std::memcpy(tail + 4, kMagic, 4);
  footer.insert(footer.end(), tail, tail + 8);
  FLOE_RETURN_IF_ERROR(out_->Write(footer));
  offset_ += static_cast<int64_t>(footer.size());
  FLOE_RETURN_IF_ERROR(out_->Close());

  FileMetrics metrics;
  metrics.row_count = metadata_.num_rows;
  metrics.file_size = offset_;
  for (const RowGroup& rg : metadata_.row_groups) metrics.split_offsets.push_back(*rg.file_offset);
  for (const auto& column : row_group_->columns()) {
    const SchemaNode& leaf = column->leaf();
    if (!leaf.field_id) continue;
    const ColumnStatistics& st = column->file_statistics();
    ColumnMetrics& m = metrics.columns[*leaf.field_id];
    m.field_id = *leaf.field_id;
    m.column_size = column->file_column_size();
    m.value_count = st.value_count();
    m.null_value_count = st.null_count();
    if (st.is_floating()) m.nan_value_count = st.nan_count();
    m.lower_bound = st.IcebergLowerBound();
    m.upper_bound = st.IcebergUpperBound();
  }
  return metrics;
}

}  // namespace floe::parquet
