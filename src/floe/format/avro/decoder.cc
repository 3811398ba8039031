#include "floe/format/avro/decoder.h"

#include <bit>
#include <cstring>
#include <limits>

namespace floe::avro {
namespace {

template <typename U>
U LoadLittleEndian(const uint8_t* p) {
  U u;
  std::memcpy(&u, p, sizeof(U));
  if constexpr (std::endian::native == std::endian::big) u = std::byteswap(u);
  return u;
}

}  // namespace

Error Decoder::Truncated(std::string_view what) const {
  return CorruptFile("avro data ends inside a {} at byte {}", what, pos_);
}

Result<uint64_t> Decoder::ReadVarint(int max_bytes) {
  uint64_t value = 0;
  for (int i = 0; i < max_bytes; ++i) {
    if (pos_ >= data_.size()) return Truncated("varint");
    uint8_t b = data_[pos_++];
    value |= static_cast<uint64_t>(b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) return value;
  }
  return CorruptFile("avro varint longer than {} bytes at byte {}", max_bytes, pos_);
}

Result<bool> Decoder::ReadBoolean() {
  if (pos_ >= data_.size()) return Truncated("boolean");
  uint8_t b = data_[pos_++];
  if (b > 1) return CorruptFile("avro boolean byte {} is neither 0 nor 1", b);
  return b == 1;
}

Result<int32_t> Decoder::ReadInt() {
  FLOE_ASSIGN_OR_RETURN(uint64_t z, ReadVarint(5));
  if (z > std::numeric_limits<uint32_t>::max()) return CorruptFile("avro int out of range");
  uint32_t u = static_cast<uint32_t>(z);
  return static_cast<int32_t>((u >> 1) ^ (~(u & 1) + 1));
}

Result<int64_t> Decoder::ReadLong() {
  FLOE_ASSIGN_OR_RETURN(uint64_t z, ReadVarint(10));
  return static_cast<int64_t>((z >> 1) ^ (~(z & 1) + 1));
}

Result<float> Decoder::ReadFloat() {
  if (remaining() < 4) return Truncated("float");
  uint32_t u = LoadLittleEndian<uint32_t>(data_.data() + pos_);
  pos_ += 4;
  return std::bit_cast<float>(u);
}

Result<double> Decoder::ReadDouble() {
  if (remaining() < 8) return Truncated("double");
  uint64_t u = LoadLittleEndian<uint64_t>(data_.data() + pos_);
  pos_ += 8;
  return std::bit_cast<double>(u);
}

Result<std::span<const uint8_t>> Decoder::ReadBytes() {
  FLOE_ASSIGN_OR_RETURN(int64_t n, ReadLong());
  if (n < 0) return CorruptFile("avro length {} is negative", n);
  if (static_cast<uint64_t>(n) > remaining()) {
    return CorruptFile("avro length {} exceeds the {} bytes left", n, remaining());
  }
  std::span<const uint8_t> out = data_.subspan(pos_, static_cast<size_t>(n));
  pos_ += static_cast<size_t>(n);
  return out;
}

Result<std::string_view> Decoder::ReadString() {
  FLOE_ASSIGN_OR_RETURN(std::span<const uint8_t> b, ReadBytes());
  return std::string_view(reinterpret_cast<const char*>(b.data()), b.size());
}

Result<std::span<const uint8_t>> Decoder::ReadFixed(size_t size) {
  if (size > remaining()) return Truncated("fixed");
  std::span<const uint8_t> out = data_.subspan(pos_, size);
  pos_ += size;
  return out;
}

Result<int32_t> Decoder::ReadEnum(size_t symbol_count) {
  FLOE_ASSIGN_OR_RETURN(int32_t i, ReadInt());
  if (i < 0 || static_cast<size_t>(i) >= symbol_count) {
    return CorruptFile("avro enum index {} outside 0..{}", i, symbol_count);
  }
  return i;
}

Result<size_t> Decoder::ReadUnionIndex(size_t branch_count) {
  FLOE_ASSIGN_OR_RETURN(int64_t i, ReadLong());
  if (i < 0 || static_cast<uint64_t>(i) >= branch_count) {
    return CorruptFile("avro union branch {} outside 0..{}", i, branch_count);
  }
  return static_cast<size_t>(i);
}

Result<int64_t> Decoder::ReadBlockCount(bool items_may_be_empty) {
  FLOE_ASSIGN_OR_RETURN(int64_t count, ReadLong());
  if (count < 0) {
    if (count == std::numeric_limits<int64_t>::min()) {
      return CorruptFile("avro block count out of range");
    }
    count = -count;
    FLOE_ASSIGN_OR_RETURN(int64_t size, ReadLong());
    if (size < 0 || static_cast<uint64_t>(size) > remaining()) {
      return CorruptFile("avro block size {} does not fit the {} bytes left", size, remaining());
    }
  }
  if (items_may_be_empty) {
    FLOE_RETURN_IF_ERROR(ChargeEmptyItems(count));
  } else if (static_cast<uint64_t>(count) > remaining()) {
    return CorruptFile("avro block of {} items cannot fit the {} bytes left", count, remaining());
  }
  return count;
}

Status Decoder::ChargeEmptyItems(int64_t count) {
  if (count > empty_item_budget_) {
    return CorruptFile("avro data claims more than {} values that take no bytes",
                       empty_item_budget_);
  }
  empty_item_budget_ -= count;
  return OkStatus();
}

Status Decoder::Skip(size_t n) {
  if (n > remaining()) return Truncated("skipped value");
  pos_ += n;
  return OkStatus();
}

}  // namespace floe::avro
