#include "floe/format/parquet/column_writer_internal.h"

#include <algorithm>

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

// Encoded page bodies are scratch: one buffer a thread serves every column writer on it, so a
// fanout over many files touches one page's worth of fresh memory, not one a column a file.
std::vector<uint8_t>& PageBodyScratch() {
  thread_local std::vector<uint8_t> body;
  return body;
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

void ColumnWriter::DropDictionary() {
  dictionary_mode_ = false;
  page_indices_ = {};
  // Pages already written refer to the dictionary: it is written at the chunk's end.
  if (!used_dictionary_) dictionary_.Release();
}

void ColumnWriter::IndexPage() {
  // The whole page goes through the dictionary in one pass, when it is closed: the table stays
  // in cache for the pass, however many writers (a partition fanout's files) take turns.
  const size_t n = page_values_.count;
  const auto limit = static_cast<size_t>(options_.dictionary_size_limit);
  page_indices_.clear();
  size_t at = 0;
  if (!dictionary_probed_) {
    // A column whose values are nearly all distinct gains nothing from a dictionary (entries
    // plus indices outweigh the plain values) and costs a hash probe per value: it is given up
    // once more than 90% of the chunk's first kDictionaryProbeValues values are distinct.
    const size_t probe_end = std::min(
        n, static_cast<size_t>(kDictionaryProbeValues - chunk_dictionary_values_));
    at = dictionary_.Add(page_values_, 0, probe_end, page_indices_, limit);
    chunk_dictionary_values_ += static_cast<int64_t>(at);
    if (at != probe_end) return DropDictionary();  // full
    if (chunk_dictionary_values_ >= kDictionaryProbeValues) {
      dictionary_probed_ = true;
      if (static_cast<int64_t>(dictionary_.size()) * 10 > chunk_dictionary_values_ * 9) {
        return DropDictionary();
      }
    }
  }
  const size_t added = dictionary_.Add(page_values_, at, n, page_indices_, limit);
  chunk_dictionary_values_ += static_cast<int64_t>(added - at);
  // A full dictionary sends this page and the rest of the chunk PLAIN.
  if (added != n) return DropDictionary();
  if (!used_dictionary_) {
    // The chunk's first page decides whether the dictionary pays: if the dictionary page plus
    // this page's indices are no smaller than the plain values, the chunk goes PLAIN. (Small
    // chunks, such as a partition's file, end before the probe and are decided here.)
    const auto index_bytes = static_cast<int64_t>(
        (n * static_cast<size_t>(dictionary_.index_bit_width()) + 7) / 8);
    if (static_cast<int64_t>(dictionary_.plain_bytes()) + index_bytes >= page_plain_bytes_) {
      DropDictionary();
    }
  }
}

int64_t ColumnWriter::page_estimate() const {
  int64_t levels = static_cast<int64_t>(
      (page_def_.size() * level_bits_def_ + page_rep_.size() * level_bits_rep_) / 8);
  // Values are indexed when the page closes. Once a page of the chunk has used the dictionary,
  // a page is sized by its indices; until then by its plain values.
  int64_t values = dictionary_mode_ && used_dictionary_
                       ? static_cast<int64_t>(page_values_.count) *
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
  page_values_.AppendAll(values);
  page_plain_bytes_ += static_cast<int64_t>(PlainEncodedSize(values, 0, values.count));
  page_slots_ += static_cast<int64_t>(slice.num_slots);
  chunk_slots_ += static_cast<int64_t>(slice.num_slots);
  if (page_estimate() >= options_.page_size) FLOE_RETURN_IF_ERROR(FlushPage());
  return OkStatus();
}

Status ColumnWriter::FlushPage() {
  if (page_slots_ == 0) return OkStatus();
  if (page_slots_ > INT32_MAX) return InvalidArgument("parquet: too many values in one page");
  std::vector<uint8_t>& body = PageBodyScratch();
  body.clear();
  if (leaf_.rep_level > 0) AppendLevels(page_rep_, level_bits_rep_, body);
  if (leaf_.def_level > 0) AppendLevels(page_def_, level_bits_def_, body);
  if (dictionary_mode_ && page_values_.count > 0) IndexPage();
  Encoding encoding = Encoding::kPlain;
  if (dictionary_mode_ && page_values_.count > 0) {
    encoding = Encoding::kRleDictionary;
    int bits = dictionary_.index_bit_width();
    body.push_back(static_cast<uint8_t>(bits));
    EncodeRleBitPacked(std::span<const uint32_t>(page_indices_), bits, body);
    used_dictionary_ = true;
  } else {
    EncodePlain(page_values_, 0, page_values_.count, body);
    used_plain_ = true;
  }
  FLOE_RETURN_IF_ERROR(pages_.WriteDataPage(body, static_cast<int32_t>(page_slots_), encoding));
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
    std::vector<uint8_t>& body = PageBodyScratch();
    body.clear();
    const ColumnValues& dict = dictionary_.dictionary();
    EncodePlain(dict, 0, dict.count, body);
    FLOE_RETURN_IF_ERROR(pages_.WriteDictionaryPage(body, static_cast<int32_t>(dict.count)));
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
