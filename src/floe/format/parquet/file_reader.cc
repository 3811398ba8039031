#include "floe/format/parquet/file_reader.h"

#include <algorithm>
#include <cstring>

#include "floe/format/parquet/buffer_pool_internal.h"
#include "floe/format/parquet/column_chunk_reader_internal.h"
#include "floe/format/parquet/flat_batch_stream_internal.h"
#include "floe/format/parquet/record_assembler_internal.h"
#include "floe/format/parquet/schema_projection_internal.h"

namespace floe::parquet {

namespace {
constexpr int64_t kFooterGuess = 64 * 1024;
}  // namespace

const Statistics* RowGroupInfo::StatisticsFor(int32_t field_id) const {
  const auto& leaves = schema.leaves();
  for (size_t i = 0; i < leaves.size() && i < row_group.columns.size(); ++i) {
    if (leaves[i]->field_id == field_id) {
      const auto& md = row_group.columns[i].meta_data;
      if (md && md->statistics) return &*md->statistics;
      return nullptr;
    }
  }
  return nullptr;
}

FileReader::FileReader(std::unique_ptr<RandomAccessInput> input, ReaderOptions options)
    : input_(std::move(input)),
      options_(std::move(options)),
      chunk_reader_(std::make_unique<ColumnChunkReader>()),
      pool_(BufferPool::Make()) {}

FileReader::~FileReader() = default;

Result<std::unique_ptr<FileReader>> FileReader::Open(std::unique_ptr<RandomAccessInput> input,
                                                     ReaderOptions options) {
  if (input == nullptr) return InvalidArgument("parquet: no input");
  if (options.batch_size <= 0) return InvalidArgument("parquet: batch_size must be positive");
  if (options.decode_threads < 1 || options.decode_threads > 64) {
    return InvalidArgument("parquet: decode_threads must be in 1..64, not {}",
                           options.decode_threads);
  }
  auto reader = std::unique_ptr<FileReader>(new FileReader(std::move(input), std::move(options)));
  FLOE_RETURN_IF_ERROR(reader->Init());
  return reader;
}

Status FileReader::Init() {
  FLOE_ASSIGN_OR_RETURN(file_size_, input_->Size());
  if (file_size_ < 12) return CorruptFile("parquet: file of {} bytes is too small", file_size_);
  std::vector<uint8_t> tail;
  int64_t guess = std::min(file_size_, kFooterGuess);
  FLOE_RETURN_IF_ERROR(input_->ReadAt(file_size_ - guess, guess, tail));
  if (std::memcmp(tail.data() + tail.size() - 4, "PAR1", 4) != 0) {
    return CorruptFile("parquet: no PAR1 magic at the end of the file");
  }
  uint32_t footer_len;
  std::memcpy(&footer_len, tail.data() + tail.size() - 8, 4);
  if (static_cast<int64_t>(footer_len) > file_size_ - 12) {
    return CorruptFile("parquet: footer of {} bytes in a file of {}", footer_len, file_size_);
  }
  std::span<const uint8_t> footer;
  std::vector<uint8_t> big;
  if (static_cast<int64_t>(footer_len) + 8 <= guess) {
    footer = std::span<const uint8_t>(tail).subspan(tail.size() - 8 - footer_len, footer_len);
  } else {
    FLOE_RETURN_IF_ERROR(input_->ReadAt(file_size_ - 8 - footer_len, footer_len, big));
    footer = big;
  }
  FLOE_ASSIGN_OR_RETURN(metadata_, ParseFileMetaData(footer));
  FLOE_ASSIGN_OR_RETURN(ParquetSchema schema, ParquetSchema::FromElements(metadata_.schema));
  schema_ = std::make_unique<ParquetSchema>(std::move(schema));
  const auto& leaves = schema_->leaves();
  for (const RowGroup& rg : metadata_.row_groups) {
    if (rg.columns.size() != leaves.size()) {
      return CorruptFile("parquet: row group has {} columns, the schema {} leaves",
                         rg.columns.size(), leaves.size());
    }
    if (rg.num_rows < 0 || rg.num_rows > INT32_MAX) {
      return CorruptFile("parquet: row group of {} rows", rg.num_rows);
    }
  }
  leaf_data_.resize(leaves.size());

  if (options_.field_ids) {
    projected_ = ProjectByFieldIds(*schema_, *options_.field_ids);
  } else if (options_.column_names) {
    projected_ = ProjectByNames(*schema_, *options_.column_names);
  } else {
    projected_ = ProjectAll(*schema_);
  }
  std::vector<columnar::Field> projected;
  bool flat = true;
  std::vector<const SchemaNode*> flat_fields;
  std::vector<int> flat_leaves;
  for (const ProjectedField& p : projected_) {
    projected.push_back(*p.node.field);
    if (p.node.kind != SchemaNode::Kind::kPrimitive) flat = false;
    flat_fields.push_back(&p.node);
    flat_leaves.push_back(p.leaves.empty() ? -1 : p.leaves[0]);
  }
  projected_schema_ = columnar::Schema(std::move(projected));
  if (flat) {
    std::function<bool(int)> keep;
    if (options_.row_group_filter) {
      keep = [this](int index) {
        const RowGroup& rg = metadata_.row_groups[static_cast<size_t>(index)];
        return options_.row_group_filter(RowGroupInfo{index, rg, *schema_});
      };
    }
    flat_stream_ = std::make_unique<FlatBatchStream>(
        *input_, file_size_, metadata_, *schema_, std::move(flat_fields), std::move(flat_leaves),
        projected_schema_, options_.batch_size, options_.decode_threads, std::move(keep), pool_);
  }
  return OkStatus();
}

Result<columnar::RecordBatch> FileReader::ReadRowGroup(int index) {
  if (index < 0 || index >= num_row_groups()) {
    return InvalidArgument("parquet: no row group {}", index);
  }
  const RowGroup& rg = metadata_.row_groups[static_cast<size_t>(index)];
  std::vector<columnar::Array> columns;
  for (const ProjectedField& p : projected_) {
    std::vector<const LeafData*> leaves;
    for (int l : p.leaves) {
      auto ul = static_cast<size_t>(l);
      FLOE_RETURN_IF_ERROR(chunk_reader_->Read(*input_, file_size_, rg.columns[ul],
                                               *schema_->leaves()[ul], leaf_data_[ul]));
      leaves.push_back(&leaf_data_[ul]);
    }
    FLOE_ASSIGN_OR_RETURN(columnar::Array array,
                          AssembleField(p.node, leaves, rg.num_rows, *pool_, validity_scratch_));
    columns.push_back(std::move(array));
  }
  return columnar::RecordBatch::Make(projected_schema_, std::move(columns), rg.num_rows);
}

Result<std::optional<columnar::RecordBatch>> FileReader::Next() {
  if (flat_stream_) return flat_stream_->Next();
  while (!current_ || current_offset_ >= current_->num_rows()) {
    current_.reset();
    current_offset_ = 0;
    if (next_row_group_ >= num_row_groups()) return std::optional<columnar::RecordBatch>();
    int index = next_row_group_++;
    const RowGroup& rg = metadata_.row_groups[static_cast<size_t>(index)];
    if (options_.row_group_filter &&
        !options_.row_group_filter(RowGroupInfo{index, rg, *schema_})) {
      continue;
    }
    FLOE_ASSIGN_OR_RETURN(columnar::RecordBatch batch, ReadRowGroup(index));
    current_ = std::move(batch);
  }
  int64_t n = std::min(options_.batch_size, current_->num_rows() - current_offset_);
  if (current_offset_ == 0 && n == current_->num_rows()) {
    current_offset_ = n;
    return std::optional<columnar::RecordBatch>(*current_);
  }
  FLOE_ASSIGN_OR_RETURN(columnar::RecordBatch slice, current_->Slice(current_offset_, n));
  current_offset_ += n;
  return std::optional<columnar::RecordBatch>(std::move(slice));
}

}  // namespace floe::parquet
