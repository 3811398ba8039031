#include "floe/format/parquet/values_decoder_internal.h"

#include <algorithm>
#include <cstring>

#include "floe/format/parquet/plain_encoding_internal.h"

namespace floe::parquet {

namespace {
constexpr size_t kShortValueBytes = 16;
}  // namespace

Status ValuesDecoder::Reset(Encoding encoding, PhysicalType type, int32_t width,
                            std::span<const uint8_t> data, size_t max_values,
                            const ColumnValues* dictionary) {
  encoding_ = encoding;
  type_ = type;
  width_ = width;
  data_ = data;
  cursor_ = ByteCursor(data);
  bool_bit_ = 0;
  stream_next_ = 0;
  dictionary_ = dictionary;
  switch (encoding) {
    case Encoding::kPlain:
      return OkStatus();
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary: {
      if (data.empty()) {
        // A page of nulls only may have no index bytes at all.
        rle_ = RleBitPackedDecoder(data, 0);
        return OkStatus();
      }
      int bit_width = data[0];
      if (bit_width > 32) return CorruptFile("parquet: dictionary index width {}", bit_width);
      rle_ = RleBitPackedDecoder(data.subspan(1), bit_width);
      return OkStatus();
    }
    case Encoding::kRle: {
      if (type != PhysicalType::kBoolean) return NotSupported("parquet: RLE for non-booleans");
      FLOE_ASSIGN_OR_RETURN(uint32_t len, cursor_.ReadU32LE());
      FLOE_ASSIGN_OR_RETURN(auto body, cursor_.ReadBytes(len));
      rle_ = RleBitPackedDecoder(body, 1);
      return OkStatus();
    }
    case Encoding::kDeltaBinaryPacked:
      if (type != PhysicalType::kInt32 && type != PhysicalType::kInt64) {
        return CorruptFile("parquet: DELTA_BINARY_PACKED for a non-integer column");
      }
      return delta_.Init(data, max_values);
    case Encoding::kDeltaLengthByteArray:
      if (type != PhysicalType::kByteArray) {
        return CorruptFile("parquet: DELTA_LENGTH_BYTE_ARRAY for a non-binary column");
      }
      return delta_length_.Init(data, max_values);
    case Encoding::kDeltaByteArray:
      if (type != PhysicalType::kByteArray && type != PhysicalType::kFixedLenByteArray) {
        return CorruptFile("parquet: DELTA_BYTE_ARRAY for a non-binary column");
      }
      return delta_bytes_.Init(data, max_values);
    case Encoding::kByteStreamSplit:
      if (type == PhysicalType::kBoolean || type == PhysicalType::kByteArray || width <= 0 ||
          data.size() % static_cast<size_t>(width) != 0) {
        return CorruptFile("parquet: bad BYTE_STREAM_SPLIT page");
      }
      return OkStatus();
    default:
      return NotSupported("parquet: encoding {} not supported", static_cast<int>(encoding));
  }
}

Status ValuesDecoder::Decode(size_t n, ColumnValues& out) {
  if (n == 0) return OkStatus();
  switch (encoding_) {
    case Encoding::kPlain:
      return DecodePlain(cursor_, n, out, bool_bit_);
    case Encoding::kPlainDictionary:
    case Encoding::kRleDictionary:
      return DecodeDictionary(n, out);
    case Encoding::kRle: {
      size_t old = out.bytes.size();
      out.bytes.resize(old + n);
      FLOE_RETURN_IF_ERROR(rle_.Get(out.bytes.data() + old, n));
      for (size_t i = old; i < old + n; ++i) out.bytes[i] &= 1;
      out.count += n;
      return OkStatus();
    }
    case Encoding::kDeltaBinaryPacked: {
      size_t old = out.bytes.size();
      out.bytes.resize(old + n * out.width);
      if (type_ == PhysicalType::kInt32) {
        ints32_.resize(n);
        FLOE_RETURN_IF_ERROR(delta_.Get(ints32_.data(), n));
        std::memcpy(out.bytes.data() + old, ints32_.data(), n * 4);
      } else {
        ints64_.resize(n);
        FLOE_RETURN_IF_ERROR(delta_.Get(ints64_.data(), n));
        std::memcpy(out.bytes.data() + old, ints64_.data(), n * 8);
      }
      out.count += n;
      return OkStatus();
    }
    case Encoding::kDeltaLengthByteArray:
      for (size_t i = 0; i < n; ++i) {
        FLOE_ASSIGN_OR_RETURN(std::string_view v, delta_length_.Next());
        out.AppendBinary(v);
      }
      return OkStatus();
    case Encoding::kDeltaByteArray:
      for (size_t i = 0; i < n; ++i) {
        FLOE_ASSIGN_OR_RETURN(std::string_view v, delta_bytes_.Next());
        if (out.is_byte_array()) {
          out.AppendBinary(v);
        } else {
          if (v.size() != static_cast<size_t>(out.width)) {
            return CorruptFile("parquet: fixed value of {} bytes, expected {}", v.size(),
                               out.width);
          }
          out.AppendFixed(v.data());
        }
      }
      return OkStatus();
    case Encoding::kByteStreamSplit:
      return DecodeByteStreamSplit(n, out);
    default:
      return NotSupported("parquet: encoding {} not supported", static_cast<int>(encoding_));
  }
}

Status ValuesDecoder::DecodeDictionary(size_t n, ColumnValues& out) {
  if (dictionary_ == nullptr) return CorruptFile("parquet: dictionary page missing");
  indices_.resize(n);
  FLOE_RETURN_IF_ERROR(rle_.Get(indices_.data(), n));
  const size_t dict_size = dictionary_->count;
  uint32_t max_index = 0;
  for (size_t i = 0; i < n; ++i) max_index = std::max(max_index, indices_[i]);
  if (max_index >= dict_size) {
    return CorruptFile("parquet: dictionary index {} past {} entries", max_index, dict_size);
  }
  if (out.is_byte_array()) {
    // Sizes first, so the bytes and offsets grow once a call, then a gather without checks.
    const int32_t* dict_offsets = dictionary_->offsets.data();
    const uint8_t* dict_bytes = dictionary_->bytes.data();
    size_t total = 0;
    for (size_t i = 0; i < n; ++i) {
      total += static_cast<size_t>(dict_offsets[indices_[i] + 1] - dict_offsets[indices_[i]]);
    }
    size_t old_bytes = out.bytes.size();
    if (old_bytes + total > static_cast<size_t>(INT32_MAX)) {
      return NotSupported("parquet: more than 2 GiB of byte arrays in one column chunk");
    }
    size_t old_offsets = out.offsets.size();
    // Short values are copied as 16 fixed bytes (one move, no call) when the dictionary has
    // that much padding after its last value; the output gets the same slack, cut off after.
    const bool padded = dictionary_->bytes.size() >=
                        static_cast<size_t>(dict_offsets[dict_size]) + kShortValueBytes;
    out.bytes.resize(old_bytes + total + kShortValueBytes);
    out.offsets.resize(old_offsets + n);
    uint8_t* dst = out.bytes.data();
    int32_t* offsets = out.offsets.data() + old_offsets;
    auto pos = static_cast<int32_t>(old_bytes);
    for (size_t i = 0; i < n; ++i) {
      int32_t begin = dict_offsets[indices_[i]];
      int32_t len = dict_offsets[indices_[i] + 1] - begin;
      if (padded && len <= static_cast<int32_t>(kShortValueBytes)) {
        std::memcpy(dst + pos, dict_bytes + begin, kShortValueBytes);
      } else if (len > 0) {
        std::memcpy(dst + pos, dict_bytes + begin, static_cast<size_t>(len));
      }
      pos += len;
      offsets[i] = pos;
    }
    out.bytes.resize(old_bytes + total);
    out.count += n;
    return OkStatus();
  }
  const size_t w = static_cast<size_t>(out.width);
  size_t old = out.bytes.size();
  out.bytes.resize(old + n * w);
  uint8_t* dst = out.bytes.data() + old;
  const uint8_t* src = dictionary_->bytes.data();
  if (w == 4) {
    for (size_t i = 0; i < n; ++i) std::memcpy(dst + i * 4, src + indices_[i] * 4, 4);
  } else if (w == 8) {
    for (size_t i = 0; i < n; ++i) std::memcpy(dst + i * 8, src + indices_[i] * 8, 8);
  } else {
    for (size_t i = 0; i < n; ++i) std::memcpy(dst + i * w, src + indices_[i] * w, w);
  }
  out.count += n;
  return OkStatus();
}

Status ValuesDecoder::DecodeByteStreamSplit(size_t n, ColumnValues& out) {
  const size_t w = static_cast<size_t>(width_);
  const size_t total = data_.size() / w;
  if (stream_next_ + n > total) {
    return CorruptFile("parquet: BYTE_STREAM_SPLIT has {} values, {} wanted", total,
                       stream_next_ + n);
  }
  size_t old = out.bytes.size();
  out.bytes.resize(old + n * w);
  uint8_t* dst = out.bytes.data() + old;
  for (size_t i = 0; i < n; ++i) {
    for (size_t b = 0; b < w; ++b) dst[i * w + b] = data_[b * total + stream_next_ + i];
  }
  stream_next_ += n;
  out.count += n;
  return OkStatus();
}

}  // namespace floe::parquet
