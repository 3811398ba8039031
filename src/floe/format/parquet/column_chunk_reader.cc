#include "floe/format/parquet/column_chunk_reader_internal.h"

#include <algorithm>
#include <cstdint>

#include "floe/format/codec.h"
#include "floe/format/parquet/bit_packing_internal.h"
#include "floe/format/parquet/page_writer_internal.h"
#include "floe/format/parquet/plain_encoding_internal.h"
#include "floe/format/parquet/rle_bit_packed_internal.h"

namespace floe::parquet {

namespace {

// Bytes read at a time from the chunk; a page larger than this is read whole.
constexpr size_t kWindowBytes = size_t{1} << 20;
// Bytes a page header usually fits in; more is read when it does not.
constexpr size_t kHeaderGuess = 1024;

}  // namespace

Status ColumnChunkReader::Start(RandomAccessInput& input, int64_t file_size,
                                const ColumnChunk& chunk, const SchemaNode& leaf) {
  if (!chunk.meta_data) return NotSupported("parquet: column chunk without metadata");
  if (chunk.file_path) return NotSupported("parquet: column chunk in another file");
  const ColumnMetaData& md = *chunk.meta_data;
  if (md.type != leaf.physical) {
    return CorruptFile("parquet: column {} chunk has type {}, the schema {}", leaf.name,
                       static_cast<int>(md.type), static_cast<int>(leaf.physical));
  }
  FLOE_ASSIGN_OR_RETURN(format::CompressionCodec codec, FromCompressionId(md.codec));
  int64_t start = md.data_page_offset;
  if (md.dictionary_page_offset && *md.dictionary_page_offset > 0 &&
      *md.dictionary_page_offset < start) {
    start = *md.dictionary_page_offset;
  }
  int64_t length = md.total_compressed_size;
  if (start < 0 || length < 0 || start > file_size || length > file_size - start) {
    return CorruptFile("parquet: column {} chunk [{}, +{}) outside the file of {} bytes", leaf.name,
                       start, length, file_size);
  }
  if (md.num_values < 0 || md.num_values > INT32_MAX) {
    return CorruptFile("parquet: column {} chunk has {} values", leaf.name, md.num_values);
  }
  std::lock_guard<std::mutex> lock(prefetch_mu_);
  ahead_state_ = AheadState::kNone;
  input_ = &input;
  leaf_ = &leaf;
  chunk_start_ = start;
  chunk_size_ = static_cast<size_t>(length);
  codec_ = codec;
  pos_ = 0;
  window_.clear();
  window_begin_ = 0;
  dictionary_.Reset(leaf.physical, PhysicalWidth(leaf.physical, leaf.type_length));
  has_dictionary_ = false;
  values_left_ = md.num_values;
  page_def_.clear();
  page_rep_.clear();
  page_slots_ = 0;
  page_next_ = 0;
  return OkStatus();
}

Status ColumnChunkReader::Read(RandomAccessInput& input, int64_t file_size,
                               const ColumnChunk& chunk, const SchemaNode& leaf, LeafData& out) {
  FLOE_RETURN_IF_ERROR(Start(input, file_size, chunk, leaf));
  return ReadSlots(SIZE_MAX, out);
}

Status ColumnChunkReader::ReadSlots(size_t max_slots, LeafData& out) {
  if (leaf_ == nullptr) return Internal("parquet: ReadSlots before Start");
  const SchemaNode& leaf = *leaf_;
  out.def.clear();
  out.rep.clear();
  out.values.Reset(leaf.physical, PhysicalWidth(leaf.physical, leaf.type_length));
  out.num_slots = 0;
  const auto max_def = static_cast<uint16_t>(leaf.def_level);
  while (out.num_slots < max_slots) {
    if (page_next_ == page_slots_) {
      if (values_left_ == 0) break;
      FLOE_RETURN_IF_ERROR(NextPage());
      continue;
    }
    size_t k = std::min(max_slots - out.num_slots, page_slots_ - page_next_);
    size_t present = k;
    if (leaf.def_level > 0) {
      const uint16_t* def = page_def_.data() + page_next_;
      out.def.insert(out.def.end(), def, def + k);
      present = 0;
      for (size_t i = 0; i < k; ++i) present += def[i] == max_def;
    }
    if (leaf.rep_level > 0) {
      const uint16_t* rep = page_rep_.data() + page_next_;
      out.rep.insert(out.rep.end(), rep, rep + k);
    }
    FLOE_RETURN_IF_ERROR(decoder_.Decode(present, out.values));
    page_next_ += k;
    out.num_slots += k;
  }
  return OkStatus();
}

Status ColumnChunkReader::EnsureWindow(size_t pos, size_t len) {
  if (pos > chunk_size_ || len > chunk_size_ - pos) {
    return CorruptFile("parquet: page of {} bytes past the end of column {} chunk", len,
                       leaf_->name);
  }
  if (pos >= window_begin_ && pos + len <= window_begin_ + window_.size()) return OkStatus();
  size_t want = std::min(chunk_size_ - pos, std::max(len, kWindowBytes));
  FLOE_RETURN_IF_ERROR(input_->ReadAt(chunk_start_ + static_cast<int64_t>(pos),
                                      static_cast<int64_t>(want), window_));
  if (window_.size() != want) return IoError("parquet: short read of column {}", leaf_->name);
  window_begin_ = pos;
  return OkStatus();
}

Status ColumnChunkReader::NextPage() {
  std::lock_guard<std::mutex> lock(prefetch_mu_);
  if (ahead_state_ == AheadState::kReady && ahead_pos_ == pos_) {
    ahead_state_ = AheadState::kNone;
    pos_ = ahead_next_pos_;
    // The prefetched page becomes the current one; the old page's buffer serves the next.
    std::swap(page_, ahead_page_);
    page_slots_ = 0;
    page_next_ = 0;
    const std::span<const uint8_t> page(page_);
    FLOE_RETURN_IF_ERROR(LoadPage(ahead_header_, {}, &page));
    if (page_slots_ > 0 || values_left_ == 0) return OkStatus();
  }
  ahead_state_ = AheadState::kNone;
  return NextPageLocked();
}

bool ColumnChunkReader::TryPrefetch() {
  std::unique_lock<std::mutex> lock(prefetch_mu_, std::try_to_lock);
  if (!lock.owns_lock() || leaf_ == nullptr || ahead_state_ != AheadState::kNone ||
      values_left_ == 0 || pos_ >= chunk_size_ ||
      codec_ == format::CompressionCodec::kUncompressed) {
    return false;
  }
  // Any failure declines: the owner reads the page itself and reports what is wrong.
  ahead_state_ = AheadState::kDeclined;
  ahead_pos_ = pos_;
  size_t guess = std::min(kHeaderGuess, chunk_size_ - pos_);
  if (!input_->ReadAt(chunk_start_ + static_cast<int64_t>(pos_), static_cast<int64_t>(guess),
                      ahead_raw_)) {
    return true;
  }
  size_t header_size = 0;
  auto header = ParsePageHeader(std::span<const uint8_t>(ahead_raw_), &header_size);
  if (!header || header->type != PageType::kDataPage || !header->data_page_header ||
      header->compressed_page_size < 0 || header->uncompressed_page_size < 0) {
    return true;
  }
  auto body_size = static_cast<size_t>(header->compressed_page_size);
  if (body_size > chunk_size_ - pos_ - header_size) return true;
  if (!input_->ReadAt(chunk_start_ + static_cast<int64_t>(pos_ + header_size),
                      static_cast<int64_t>(body_size), ahead_raw_)) {
    return true;
  }
  if (!format::Decompress(codec_, ahead_raw_, static_cast<size_t>(header->uncompressed_page_size),
                          ahead_page_)) {
    return true;
  }
  ahead_header_ = std::move(*header);
  ahead_next_pos_ = pos_ + header_size + body_size;
  ahead_state_ = AheadState::kReady;
  return true;
}

Status ColumnChunkReader::NextPageLocked() {
  while (true) {
    if (pos_ >= chunk_size_) {
      return CorruptFile("parquet: column {} chunk ends with {} values missing", leaf_->name,
                         values_left_);
    }
    // Parse the header from what the window holds, reading more when it is cut short.
    size_t guess = std::min(kHeaderGuess, chunk_size_ - pos_);
    PageHeader header;
    size_t header_size = 0;
    while (true) {
      FLOE_RETURN_IF_ERROR(EnsureWindow(pos_, guess));
      size_t available = window_begin_ + window_.size() - pos_;
      auto parsed = ParsePageHeader(
          std::span<const uint8_t>(window_).subspan(pos_ - window_begin_, available), &header_size);
      if (parsed) {
        header = std::move(*parsed);
        break;
      }
      if (pos_ + available >= chunk_size_) return parsed.error();
      guess = std::min(chunk_size_ - pos_, available * 2);
    }
    if (header.compressed_page_size < 0) {
      return CorruptFile("parquet: page of {} bytes", header.compressed_page_size);
    }
    auto body_size = static_cast<size_t>(header.compressed_page_size);
    if (body_size > chunk_size_ - pos_ - header_size) {
      return CorruptFile("parquet: page of {} bytes past the end of column {} chunk", body_size,
                         leaf_->name);
    }
    FLOE_RETURN_IF_ERROR(EnsureWindow(pos_, header_size + body_size));
    auto body =
        std::span<const uint8_t>(window_).subspan(pos_ - window_begin_ + header_size, body_size);
    pos_ += header_size + body_size;
    page_slots_ = 0;
    page_next_ = 0;
    FLOE_RETURN_IF_ERROR(LoadPage(header, body));
    if (page_slots_ > 0) return OkStatus();
    if (values_left_ == 0) return OkStatus();
  }
}

Result<std::span<const uint8_t>> ColumnChunkReader::Decompress(std::span<const uint8_t> in,
                                                               size_t size) {
  if (codec_ == format::CompressionCodec::kUncompressed) {
    if (in.size() != size) {
      return CorruptFile("parquet: uncompressed page of {} bytes claims {}", in.size(), size);
    }
    return in;  // read in place from the chunk: no copy
  }
  FLOE_RETURN_IF_ERROR(format::Decompress(codec_, in, size, page_));
  return std::span<const uint8_t>(page_);
}

Status ColumnChunkReader::DecodeLevels(std::span<const uint8_t> data, int bit_width, size_t n,
                                       std::vector<uint16_t>& levels) {
  levels.resize(n);
  RleBitPackedDecoder decoder(data, bit_width);
  return decoder.Get(levels.data(), n);
}

Status ColumnChunkReader::LoadPage(const PageHeader& header, std::span<const uint8_t> body,
                                   const std::span<const uint8_t>* decompressed) {
  const SchemaNode& leaf = *leaf_;
  const int def_bits = BitWidthOf(static_cast<uint64_t>(leaf.def_level));
  const int rep_bits = BitWidthOf(static_cast<uint64_t>(leaf.rep_level));
  const auto uncompressed = static_cast<size_t>(header.uncompressed_page_size);
  switch (header.type) {
    case PageType::kDictionaryPage: {
      if (!header.dictionary_page_header) return CorruptFile("parquet: dictionary page header");
      if (has_dictionary_) return CorruptFile("parquet: second dictionary page in a chunk");
      const DictionaryPageHeader& d = *header.dictionary_page_header;
      if (d.encoding != Encoding::kPlain && d.encoding != Encoding::kPlainDictionary) {
        return NotSupported("parquet: dictionary page encoding {}", static_cast<int>(d.encoding));
      }
      if (d.num_values < 0) return CorruptFile("parquet: dictionary of {} values", d.num_values);
      FLOE_ASSIGN_OR_RETURN(std::span<const uint8_t> page, Decompress(body, uncompressed));
      ByteCursor cursor(page);
      size_t bool_bit = 0;
      FLOE_RETURN_IF_ERROR(
          DecodePlain(cursor, static_cast<size_t>(d.num_values), dictionary_, bool_bit));
      // Padding past the last value lets the dictionary gather copy short values in one move.
      if (dictionary_.is_byte_array()) dictionary_.bytes.resize(dictionary_.bytes.size() + 16);
      has_dictionary_ = true;
      return OkStatus();
    }
    case PageType::kDataPage:
    case PageType::kDataPageV2:
      break;
    default:
      return OkStatus();  // index pages and unknown pages are skipped
  }
  bool v2 = header.type == PageType::kDataPageV2;
  if (v2 ? !header.data_page_header_v2 : !header.data_page_header) {
    return CorruptFile("parquet: data page without its header");
  }
  int32_t num_values =
      v2 ? header.data_page_header_v2->num_values : header.data_page_header->num_values;
  Encoding encoding = v2 ? header.data_page_header_v2->encoding : header.data_page_header->encoding;
  if (num_values < 0 || num_values > values_left_) {
    return CorruptFile("parquet: page of {} values, {} left in the chunk", num_values,
                       values_left_);
  }
  const auto n = static_cast<size_t>(num_values);
  std::span<const uint8_t> values_section;
  if (!v2) {
    std::span<const uint8_t> page;
    if (decompressed != nullptr) {
      page = *decompressed;
    } else {
      FLOE_ASSIGN_OR_RETURN(page, Decompress(body, uncompressed));
    }
    ByteCursor cursor(page);
    const DataPageHeader& d = *header.data_page_header;
    if (leaf.rep_level > 0) {
      if (d.repetition_level_encoding != Encoding::kRle) {
        return NotSupported("parquet: repetition level encoding {}",
                            static_cast<int>(d.repetition_level_encoding));
      }
      FLOE_ASSIGN_OR_RETURN(uint32_t len, cursor.ReadU32LE());
      FLOE_ASSIGN_OR_RETURN(auto bytes, cursor.ReadBytes(len));
      FLOE_RETURN_IF_ERROR(DecodeLevels(bytes, rep_bits, n, page_rep_));
    }
    if (leaf.def_level > 0) {
      if (d.definition_level_encoding != Encoding::kRle) {
        return NotSupported("parquet: definition level encoding {}",
                            static_cast<int>(d.definition_level_encoding));
      }
      FLOE_ASSIGN_OR_RETURN(uint32_t len, cursor.ReadU32LE());
      FLOE_ASSIGN_OR_RETURN(auto bytes, cursor.ReadBytes(len));
      FLOE_RETURN_IF_ERROR(DecodeLevels(bytes, def_bits, n, page_def_));
    }
    values_section = page.subspan(cursor.position());
  } else {
    const DataPageHeaderV2& d = *header.data_page_header_v2;
    if (d.repetition_levels_byte_length < 0 || d.definition_levels_byte_length < 0) {
      return CorruptFile("parquet: negative level length");
    }
    auto rep_len = static_cast<size_t>(d.repetition_levels_byte_length);
    auto def_len = static_cast<size_t>(d.definition_levels_byte_length);
    if (rep_len + def_len > body.size() || rep_len + def_len > uncompressed) {
      return CorruptFile("parquet: v2 page levels of {} bytes in a page of {}", rep_len + def_len,
                         body.size());
    }
    if (leaf.rep_level > 0) {
      FLOE_RETURN_IF_ERROR(DecodeLevels(body.subspan(0, rep_len), rep_bits, n, page_rep_));
    }
    if (leaf.def_level > 0) {
      FLOE_RETURN_IF_ERROR(DecodeLevels(body.subspan(rep_len, def_len), def_bits, n, page_def_));
    }
    std::span<const uint8_t> rest = body.subspan(rep_len + def_len);
    if (d.is_compressed) {
      FLOE_ASSIGN_OR_RETURN(values_section, Decompress(rest, uncompressed - rep_len - def_len));
    } else {
      values_section = rest;
    }
  }
  if (leaf.def_level > 0) {
    const uint16_t* def = page_def_.data();
    uint16_t max_seen = 0;
    for (size_t i = 0; i < n; ++i) max_seen = std::max(max_seen, def[i]);
    if (max_seen > leaf.def_level) return CorruptFile("parquet: definition level out of range");
  }
  if (leaf.rep_level > 0) {
    const uint16_t* rep = page_rep_.data();
    uint16_t max_seen = 0;
    for (size_t i = 0; i < n; ++i) max_seen = std::max(max_seen, rep[i]);
    if (max_seen > leaf.rep_level) return CorruptFile("parquet: repetition level out of range");
  }
  FLOE_RETURN_IF_ERROR(decoder_.Reset(encoding, leaf.physical,
                                      PhysicalWidth(leaf.physical, leaf.type_length),
                                      values_section, n, has_dictionary_ ? &dictionary_ : nullptr));
  page_slots_ = n;
  page_next_ = 0;
  values_left_ -= num_values;
  return OkStatus();
}

}  // namespace floe::parquet
