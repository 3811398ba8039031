#include "floe/format/parquet/column_chunk_reader_internal.h"

#include "floe/format/codec.h"
#include "floe/format/parquet/bit_packing_internal.h"
#include "floe/format/parquet/page_writer_internal.h"
#include "floe/format/parquet/plain_encoding_internal.h"
#include "floe/format/parquet/rle_bit_packed_internal.h"

namespace floe::parquet {

Status ColumnChunkReader::Read(RandomAccessInput& input, int64_t file_size,
                               const ColumnChunk& chunk, const SchemaNode& leaf, LeafData& out) {
  if (!chunk.meta_data) return NotSupported("parquet: column chunk without metadata");
  if (chunk.file_path) return NotSupported("parquet: column chunk in another file");
  const ColumnMetaData& md = *chunk.meta_data;
  if (md.type != leaf.physical) {
    return CorruptFile("parquet: column {} chunk has type {}, the schema {}", leaf.name,
                       static_cast<int>(md.type), static_cast<int>(leaf.physical));
  }
  FLOE_ASSIGN_OR_RETURN(codec_, FromCompressionId(md.codec));
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
  FLOE_RETURN_IF_ERROR(input.ReadAt(start, length, chunk_));
  out.def.clear();
  out.rep.clear();
  out.values.Reset(leaf.physical, PhysicalWidth(leaf.physical, leaf.type_length));
  out.num_slots = 0;
  dictionary_.Reset(leaf.physical, out.values.width);
  has_dictionary_ = false;
  values_left_ = md.num_values;
  size_t pos = 0;
  while (values_left_ > 0) {
    if (pos >= chunk_.size()) {
      return CorruptFile("parquet: column {} chunk ends with {} values missing", leaf.name,
                         values_left_);
    }
    size_t header_size = 0;
    FLOE_ASSIGN_OR_RETURN(
        PageHeader header,
        ParsePageHeader(std::span<const uint8_t>(chunk_).subspan(pos), &header_size));
    pos += header_size;
    auto body_size = static_cast<size_t>(header.compressed_page_size);
    if (body_size > chunk_.size() - pos) {
      return CorruptFile("parquet: page of {} bytes past the end of column {} chunk", body_size,
                         leaf.name);
    }
    FLOE_RETURN_IF_ERROR(
        ReadPage(header, std::span<const uint8_t>(chunk_).subspan(pos, body_size), leaf, out));
    pos += body_size;
  }
  return OkStatus();
}

Status ColumnChunkReader::Decompress(std::span<const uint8_t> in, size_t size,
                                     std::vector<uint8_t>& out) {
  if (codec_ == format::CompressionCodec::kUncompressed) {
    if (in.size() != size) {
      return CorruptFile("parquet: uncompressed page of {} bytes claims {}", in.size(), size);
    }
    out.assign(in.begin(), in.end());
    return OkStatus();
  }
  return format::Decompress(codec_, in, size, out);
}

Status ColumnChunkReader::DecodeLevels(std::span<const uint8_t> data, int bit_width, size_t n,
                                       std::vector<uint16_t>& levels) {
  size_t old = levels.size();
  levels.resize(old + n);
  RleBitPackedDecoder decoder(data, bit_width);
  return decoder.Get(levels.data() + old, n);
}

Status ColumnChunkReader::ReadPage(const PageHeader& header, std::span<const uint8_t> body,
                                   const SchemaNode& leaf, LeafData& out) {
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
      FLOE_RETURN_IF_ERROR(Decompress(body, uncompressed, page_));
      ByteCursor cursor(page_);
      size_t bool_bit = 0;
      FLOE_RETURN_IF_ERROR(
          DecodePlain(cursor, static_cast<size_t>(d.num_values), dictionary_, bool_bit));
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
    FLOE_RETURN_IF_ERROR(Decompress(body, uncompressed, page_));
    ByteCursor cursor(page_);
    const DataPageHeader& d = *header.data_page_header;
    if (leaf.rep_level > 0) {
      if (d.repetition_level_encoding != Encoding::kRle) {
        return NotSupported("parquet: repetition level encoding {}",
                            static_cast<int>(d.repetition_level_encoding));
      }
      FLOE_ASSIGN_OR_RETURN(uint32_t len, cursor.ReadU32LE());
      FLOE_ASSIGN_OR_RETURN(auto bytes, cursor.ReadBytes(len));
      FLOE_RETURN_IF_ERROR(DecodeLevels(bytes, rep_bits, n, out.rep));
    }
    if (leaf.def_level > 0) {
      if (d.definition_level_encoding != Encoding::kRle) {
        return NotSupported("parquet: definition level encoding {}",
                            static_cast<int>(d.definition_level_encoding));
      }
      FLOE_ASSIGN_OR_RETURN(uint32_t len, cursor.ReadU32LE());
      FLOE_ASSIGN_OR_RETURN(auto bytes, cursor.ReadBytes(len));
      FLOE_RETURN_IF_ERROR(DecodeLevels(bytes, def_bits, n, out.def));
    }
    values_section = std::span<const uint8_t>(page_).subspan(cursor.position());
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
      FLOE_RETURN_IF_ERROR(DecodeLevels(body.subspan(0, rep_len), rep_bits, n, out.rep));
    }
    if (leaf.def_level > 0) {
      FLOE_RETURN_IF_ERROR(DecodeLevels(body.subspan(rep_len, def_len), def_bits, n, out.def));
    }
    std::span<const uint8_t> rest = body.subspan(rep_len + def_len);
    if (d.is_compressed) {
      FLOE_RETURN_IF_ERROR(Decompress(rest, uncompressed - rep_len - def_len, page_));
    } else {
      page_.assign(rest.begin(), rest.end());
    }
    values_section = page_;
  }
  size_t present = n;
  if (leaf.def_level > 0) {
    present = 0;
    const uint16_t* def = out.def.data() + out.def.size() - n;
    for (size_t i = 0; i < n; ++i) {
      if (def[i] > leaf.def_level) return CorruptFile("parquet: definition level out of range");
      present += def[i] == leaf.def_level;
    }
  }
  if (leaf.rep_level > 0) {
    const uint16_t* rep = out.rep.data() + out.rep.size() - n;
    for (size_t i = 0; i < n; ++i) {
      if (rep[i] > leaf.rep_level) return CorruptFile("parquet: repetition level out of range");
    }
  }
  FLOE_RETURN_IF_ERROR(decoder_.Reset(encoding, leaf.physical, out.values.width, values_section, n,
                                      has_dictionary_ ? &dictionary_ : nullptr));
  FLOE_RETURN_IF_ERROR(decoder_.Decode(present, out.values));
  out.num_slots += n;
  values_left_ -= num_values;
  return OkStatus();
}

}  // namespace floe::parquet
