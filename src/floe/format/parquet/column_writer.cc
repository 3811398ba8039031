#include "floe/format/parquet/column_writer_internal.h"

#include "floe/format/parquet/plain_encoding_internal.h"
#include "floe/format/parquet/rle_bit_packed_internal.h"

namespace floe::parquet {

namespace {

// Appends a v1 level section: 4-byte LE length, then the RLE hybrid.
void AppendLevels(const std::vector<uint16_t>& levels, int bit_width, std::vector<uint8_t>& out) {
  size_t at = out.size();
  out.resize(at + 4);
  EncodeRleBitPacked(std::span<const uint16_t>(levels), bit_width, out);
  auto len = static_cast<uint32_t>(out.size() - at - 4);
  std::memcpy(out.data() + at, &len, 4);
}

}  // namespace

ColumnWriter::ColumnWriter(const SchemaNode& leaf, std::vector<std::string> path,
                           const ColumnWriterOptions& options)
    : leaf_(leaf),
      path_(std::move(path)),
      options_(options),
      level_bits_def_(BitWidthOf(static_cast<uint64_t>(leaf.def_level))),
      level_bits_rep_(BitWidthOf(static_cast<uint64_t>(leaf.rep_level))),
      pages_(options.codec, options.compression_level) {
  page_values_.Reset(leaf.physical, PhysicalWidth(leaf.physical, leaf.type_length));
  file_stats_.Reset(leaf_);
  StartChunk();
}

void ColumnWriter::StartChunk() {
  pages_.Reset();
  dictionary_.Reset(leaf_.physical, PhysicalWidth(leaf_.physical, leaf_.type_length));
  dictionary_mode_ = options_.enable_dictionary && leaf_.physical != PhysicalType::kBoolean;
  used_dictionary_ = false;
  used_plain_ = false;
  dictionary_probed_ = false;
  chunk_dictionary_values_ = 0;
  chunk_slots_ = 0;
  chunk_stats_.Reset(leaf_);
}

int64_t ColumnWriter::page_estimate() const {
  int64_t levels = static_cast<int64_t>(
      (page_def_.size() * level_bits_def_ + page_rep_.size() * level_bits_rep_) / 8);
  int64_t values = dictionary_mode_ ? static_cast<int64_t>(page_indices_.size()) *
                                          dictionary_.index_bit_width() / 8
                                    : page_plain_bytes_;
  return levels + values;
}

int64_t ColumnWriter::buffered_bytes() const {
  return pages_.total_compressed_size() + page_estimate() +
         (dictionary_mode_ ? static_cast<int64_t>(dictionary_.plain_bytes()) : 0);
}

Status ColumnWriter::Append(const LeafSlice& slice) {
  const ColumnValues& values = slice.values;
  chunk_stats_.Update(values, 0, values.count);
  chunk_stats_.AddNulls(slice.null_slots);
  page_def_.insert(page_def_.end(), slice.def.begin(), slice.def.end());
  page_rep_.insert(page_rep_.end(), slice.rep.begin(), slice.rep.end());
  size_t first = page_values_.count;
  if (values.is_byte_array()) {
    for (size_t i = 0; i < values.count; ++i) page_values_.AppendBinary(values.View(i));
  } else {
    page_values_.bytes.insert(page_values_.bytes.end(), values.bytes.begin(), values.bytes.end());
    page_values_.count += values.count;
  }
  page_plain_bytes_ += static_cast<int64_t>(PlainEncodedSize(values, 0, values.count));
  if (dictionary_mode_) {
    size_t added = dictionary_.Add(page_values_, first, page_values_.count, page_indices_,
                                   static_cast<size_t>(options_.dictionary_size_limit));
    chunk_dictionary_values_ += static_cast<int64_t>(added - first);
    if (added != page_values_.count) {
      // The dictionary is full: this page and the rest of the chunk go PLAIN.
      dictionary_mode_ = false;
      page_indices_.clear();
    } else if (!dictionary_probed_ && chunk_dictionary_values_ >= kDictionaryProbeValues) {
      // A column whose values are nearly all distinct gains nothing from a dictionary (entries
      // plus indices outweigh the plain values) and costs a hash probe per value: give it up
      // early rather than at the size limit, which small files never reach.
      dictionary_probed_ = true;
      if (static_cast<int64_t>(dictionary_.size()) * 10 > chunk_dictionary_values_ * 9) {
        dictionary_mode_ = false;
        page_indices_.clear();
      }
    }
  }
  page_slots_ += static_cast<int64_t>(slice.num_slots);
  chunk_slots_ += static_cast<int64_t>(slice.num_slots);
  if (page_estimate() >= options_.page_size) FLOE_RETURN_IF_ERROR(FlushPage());
  return OkStatus();
}

Status ColumnWriter::FlushPage() {
  if (page_slots_ == 0) return OkStatus();
  if (page_slots_ > INT32_MAX) return InvalidArgument("parquet: too many values in one page");
  body_.clear();
  if (leaf_.rep_level > 0) AppendLevels(page_rep_, level_bits_rep_, body_);
  if (leaf_.def_level > 0) AppendLevels(page_def_, level_bits_def_, body_);
  Encoding encoding = Encoding::kPlain;
  if (dictionary_mode_ && page_values_.count > 0) {
    encoding = Encoding::kRleDictionary;
    int bits = dictionary_.index_bit_width();
    body_.push_back(static_cast<uint8_t>(bits));
    EncodeRleBitPacked(std::span<const uint32_t>(page_indices_), bits, body_);
    used_dictionary_ = true;
  } else {
    EncodePlain(page_values_, 0, page_values_.count, body_);
    used_plain_ = true;
  }
  FLOE_RETURN_IF_ERROR(pages_.WriteDataPage(body_, static_cast<int32_t>(page_slots_), encoding));
  page_def_.clear();
  page_rep_.clear();
  page_values_.Clear();
  page_indices_.clear();
  page_slots_ = 0;
  page_plain_bytes_ = 0;
  return OkStatus();
}

Status ColumnWriter::FinishChunk(OutputStream& out, int64_t offset, ColumnChunk& chunk) {
  FLOE_RETURN_IF_ERROR(FlushPage());
  if (used_dictionary_) {
    dictionary_body_.clear();
    const ColumnValues& dict = dictionary_.dictionary();
    EncodePlain(dict, 0, dict.count, dictionary_body_);
    FLOE_RETURN_IF_ERROR(
        pages_.WriteDictionaryPage(dictionary_body_, static_cast<int32_t>(dict.count)));
  }
  ColumnMetaData& md = chunk.meta_data.emplace();
  md.type = leaf_.physical;
  if (used_dictionary_) md.encodings.push_back(Encoding::kPlain);
  if (leaf_.def_level > 0 || leaf_.rep_level > 0) md.encodings.push_back(Encoding::kRle);
  if (used_dictionary_) md.encodings.push_back(Encoding::kRleDictionary);
  if (used_plain_ && !used_dictionary_) md.encodings.push_back(Encoding::kPlain);
  md.path_in_schema = path_;
  md.codec = ToCompressionId(options_.codec);
  md.num_values = chunk_slots_;
  md.total_uncompressed_size = pages_.total_uncompressed_size();
  md.total_compressed_size = pages_.total_compressed_size();
  const auto& dict_bytes = pages_.dictionary_bytes();
  const auto& data_bytes = pages_.data_bytes();
  if (!dict_bytes.empty()) md.dictionary_page_offset = offset;
  md.data_page_offset = offset + static_cast<int64_t>(dict_bytes.size());
  md.statistics = chunk_stats_.ToParquet();
  chunk.file_offset = offset;
  FLOE_RETURN_IF_ERROR(out.Write(dict_bytes));
  FLOE_RETURN_IF_ERROR(out.Write(data_bytes));
  file_stats_.Merge(chunk_stats_);
  file_column_size_ += md.total_compressed_size;
  StartChunk();
  return OkStatus();
}

}  // namespace floe::parquet
