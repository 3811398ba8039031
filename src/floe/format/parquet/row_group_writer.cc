#include "floe/format/parquet/row_group_writer_internal.h"

namespace floe::parquet {

RowGroupWriter::RowGroupWriter(const ParquetSchema& schema, const ColumnWriterOptions& options)
    : schema_(schema) {
  const auto& leaves = schema.leaves();
  slices_.resize(leaves.size());
  top_level_leaves_.assign(schema.fields().size(), {0, 0});
  for (size_t i = 0; i < leaves.size(); ++i) {
    columns_.push_back(
        std::make_unique<ColumnWriter>(*leaves[i], schema.leaf_path(static_cast<int>(i)), options));
    slices_[i].values.Reset(leaves[i]->physical,
                            PhysicalWidth(leaves[i]->physical, leaves[i]->type_length));
    auto& range =
        top_level_leaves_[static_cast<size_t>(schema.leaf_top_level(static_cast<int>(i)))];
    if (range.second == 0) range.first = static_cast<int>(i);
    ++range.second;
  }
}

Status RowGroupWriter::Append(const columnar::RecordBatch& slice) {
  for (int f = 0; f < slice.num_columns(); ++f) {
    auto [first, count] = top_level_leaves_[static_cast<size_t>(f)];
    scratch_.clear();
    for (int l = first; l < first + count; ++l) {
      slices_[static_cast<size_t>(l)].Clear();
      scratch_.push_back(&slices_[static_cast<size_t>(l)]);
    }
    FLOE_RETURN_IF_ERROR(
        ShredColumn(schema_.fields()[static_cast<size_t>(f)], slice.column(f), scratch_));
    for (int l = first; l < first + count; ++l) {
      FLOE_RETURN_IF_ERROR(
          columns_[static_cast<size_t>(l)]->Append(slices_[static_cast<size_t>(l)]));
    }
  }
  num_rows_ += slice.num_rows();
  return OkStatus();
}

int64_t RowGroupWriter::buffered_bytes() const {
  int64_t total = 0;
  for (const auto& c : columns_) total += c->buffered_bytes();
  return total;
}

Result<int64_t> RowGroupWriter::Flush(OutputStream& out, int64_t offset, int16_t ordinal,
                                      RowGroup& row_group) {
  int64_t start = offset;
  row_group.columns.resize(columns_.size());
  int64_t total_uncompressed = 0;
  for (size_t i = 0; i < columns_.size(); ++i) {
    ColumnChunk& chunk = row_group.columns[i];
    FLOE_RETURN_IF_ERROR(columns_[i]->FinishChunk(out, offset, chunk));
    offset += chunk.meta_data->total_compressed_size;
    total_uncompressed += chunk.meta_data->total_uncompressed_size;
  }
  row_group.num_rows = num_rows_;
  row_group.total_byte_size = total_uncompressed;
  row_group.total_compressed_size = offset - start;
  row_group.file_offset = start;
  row_group.ordinal = ordinal;
  num_rows_ = 0;
  return offset - start;
}

}  // namespace floe::parquet
