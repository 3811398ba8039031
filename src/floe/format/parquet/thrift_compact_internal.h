// Thrift compact protocol: the one place that knows how Parquet's footer and page headers are
// serialized. Only metadata.cc includes this header.
//
// Byte layout (Thrift compact protocol):
//   varint      unsigned LEB128, 7 bits a byte, low group first
//   i16/i32/i64 zigzag ((n << 1) ^ (n >> 63)) then varint
//   double      8 bytes little-endian
//   binary      varint length, then the bytes
//   field       header byte (id delta << 4 | type); delta 0 means a zigzag i16 id follows
//               bool fields carry the value in the type (1 true, 2 false)
//   struct      fields, then a 0 byte (stop)
//   list/set    header byte (size << 4 | element type) when size < 15, else 0xF0 | type and a
//               varint size; then the elements (bools one byte each)
//   map         varint size; when size > 0, a byte (key type << 4 | value type); then pairs
//
// The reader checks every length against its input and limits nesting, so any byte sequence gives
// either a value or kCorruptFile. Unknown fields of any type are skipped.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "floe/core/result.h"

namespace floe::parquet::thrift {

enum class CType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

struct FieldHeader {
  CType type;
  int16_t id;
};

struct ListHeader {
  CType element_type;
  uint32_t size;
};

class CompactReader {
 public:
  static constexpr int kMaxDepth = 64;

  explicit CompactReader(std::span<const uint8_t> data) : data_(data) {}

  size_t position() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }

  Result<uint64_t> ReadVarint() {
    uint64_t result = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (pos_ >= data_.size()) return CorruptFile("thrift: truncated varint");
      uint8_t byte = data_[pos_++];
      if (shift == 63 && byte > 1) return CorruptFile("thrift: varint overflows 64 bits");
      result |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return result;
    }
    return CorruptFile("thrift: varint too long");
  }

  Result<int64_t> ReadI64() {
    FLOE_ASSIGN_OR_RETURN(uint64_t v, ReadVarint());
    return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }

  Result<int32_t> ReadI32() {
    FLOE_ASSIGN_OR_RETURN(int64_t v, ReadI64());
    if (v < INT32_MIN || v > INT32_MAX) return CorruptFile("thrift: i32 out of range");
    return static_cast<int32_t>(v);
  }

  Result<int16_t> ReadI16() {
    FLOE_ASSIGN_OR_RETURN(int64_t v, ReadI64());
    if (v < INT16_MIN || v > INT16_MAX) return CorruptFile("thrift: i16 out of range");
    return static_cast<int16_t>(v);
  }

  Result<uint8_t> ReadByte() {
    if (pos_ >= data_.size()) return CorruptFile("thrift: truncated byte");
    return data_[pos_++];
  }

  Result<double> ReadDouble() {
    if (remaining() < 8) return CorruptFile("thrift: truncated double");
    double d;
    std::memcpy(&d, data_.data() + pos_, 8);
    pos_ += 8;
    return d;
  }

  // The view points into the input.
  Result<std::string_view> ReadBinary() {
    FLOE_ASSIGN_OR_RETURN(uint64_t len, ReadVarint());
    if (len > remaining()) return CorruptFile("thrift: binary length {} past end", len);
    std::string_view s(reinterpret_cast<const char*>(data_.data() + pos_), len);
    pos_ += len;
    return s;
  }

  Result<std::string> ReadString() {
    FLOE_ASSIGN_OR_RETURN(std::string_view s, ReadBinary());
    return std::string(s);
  }

  // `last_id` is the previous field id of the struct being read; updated here.
  Result<FieldHeader> ReadFieldHeader(int16_t& last_id) {
    FLOE_ASSIGN_OR_RETURN(uint8_t byte, ReadByte());
    auto type = static_cast<CType>(byte & 0x0f);
    if (type == CType::kStop) return FieldHeader{CType::kStop, 0};
    if (static_cast<uint8_t>(type) > static_cast<uint8_t>(CType::kStruct)) {
      return CorruptFile("thrift: bad field type {}", byte & 0x0f);
    }
    int delta = byte >> 4;
    int16_t id;
    if (delta == 0) {
      FLOE_ASSIGN_OR_RETURN(id, ReadI16());
    } else {
      id = static_cast<int16_t>(last_id + delta);
    }
    last_id = id;
    return FieldHeader{type, id};
  }

  Result<ListHeader> ReadListHeader() {
    FLOE_ASSIGN_OR_RETURN(uint8_t byte, ReadByte());
    auto type = static_cast<CType>(byte & 0x0f);
    uint64_t size = byte >> 4;
    if (size == 15) {
      FLOE_ASSIGN_OR_RETURN(size, ReadVarint());
    }
    // Every element takes at least one byte, so a larger count cannot be honest.
    if (size > remaining()) return CorruptFile("thrift: list of {} past end", size);
    return ListHeader{type, static_cast<uint32_t>(size)};
  }

  // A bool that is a list element (one byte) rather than a field (in the header).
  Result<bool> ReadListBool() {
    FLOE_ASSIGN_OR_RETURN(uint8_t b, ReadByte());
    return b == 1;
  }

  // Struct nesting guard: Enter before reading a struct's fields, Leave after.
  Status Enter() {
    if (++depth_ > kMaxDepth) return CorruptFile("thrift: nesting deeper than {}", kMaxDepth);
    return OkStatus();
  }
  void Leave() { --depth_; }

  Status Skip(CType type) {
    switch (type) {
      case CType::kBoolTrue:
      case CType::kBoolFalse:
        return OkStatus();
      case CType::kByte:
        return Advance(1);
      case CType::kI16:
      case CType::kI32:
      case CType::kI64:
        return Discard(ReadVarint());
      case CType::kDouble:
        return Advance(8);
      case CType::kBinary:
        return Discard(ReadBinary());
      case CType::kList:
      case CType::kSet: {
        FLOE_ASSIGN_OR_RETURN(ListHeader h, ReadListHeader());
        FLOE_RETURN_IF_ERROR(Enter());
        for (uint32_t i = 0; i < h.size; ++i) FLOE_RETURN_IF_ERROR(SkipElement(h.element_type));
        Leave();
        return OkStatus();
      }
      case CType::kMap: {
        FLOE_ASSIGN_OR_RETURN(uint64_t size, ReadVarint());
        if (size == 0) return OkStatus();
        if (size > remaining()) return CorruptFile("thrift: map of {} past end", size);
        FLOE_ASSIGN_OR_RETURN(uint8_t kv, ReadByte());
        FLOE_RETURN_IF_ERROR(Enter());
        for (uint64_t i = 0; i < size; ++i) {
          FLOE_RETURN_IF_ERROR(SkipElement(static_cast<CType>(kv >> 4)));
          FLOE_RETURN_IF_ERROR(SkipElement(static_cast<CType>(kv & 0x0f)));
        }
        Leave();
        return OkStatus();
      }
      case CType::kStruct: {
        FLOE_RETURN_IF_ERROR(Enter());
        int16_t last = 0;
        while (true) {
          FLOE_ASSIGN_OR_RETURN(FieldHeader f, ReadFieldHeader(last));
          if (f.type == CType::kStop) break;
          FLOE_RETURN_IF_ERROR(Skip(f.type));
        }
        Leave();
        return OkStatus();
      }
      case CType::kStop:
        break;
    }
    return CorruptFile("thrift: cannot skip type {}", static_cast<int>(type));
  }

 private:
  // Elements of lists and maps: bools are one byte there.
  Status SkipElement(CType type) {
    if (type == CType::kBoolTrue || type == CType::kBoolFalse) return Advance(1);
    if (static_cast<uint8_t>(type) > static_cast<uint8_t>(CType::kStruct) || type == CType::kStop) {
      return CorruptFile("thrift: bad element type {}", static_cast<int>(type));
    }
    return Skip(type);
  }

  Status Advance(size_t n) {
    if (n > remaining()) return CorruptFile("thrift: truncated value");
    pos_ += n;
    return OkStatus();
  }
  template <typename T>
  static Status Discard(const Result<T>& r) {
    if (!r.has_value()) return r.error();
    return OkStatus();
  }

  std::span<const uint8_t> data_;
  size_t pos_ = 0;
  int depth_ = 0;
};

// Reads the fields of one struct, calling `on_field(FieldHeader)` for each; the callback reads the
// value or calls reader.Skip(header.type).
template <typename OnField>
Status ReadStruct(CompactReader& reader, OnField&& on_field) {
  FLOE_RETURN_IF_ERROR(reader.Enter());
  int16_t last = 0;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(FieldHeader f, reader.ReadFieldHeader(last));
    if (f.type == CType::kStop) break;
    FLOE_RETURN_IF_ERROR(on_field(f));
  }
  reader.Leave();
  return OkStatus();
}

// Reads a list whose elements are read by `on_element(reader)`.
template <typename OnElement>
Status ReadList(CompactReader& reader, CType expected, OnElement&& on_element) {
  FLOE_ASSIGN_OR_RETURN(ListHeader h, reader.ReadListHeader());
  bool bool_list = expected == CType::kBoolTrue &&
                   (h.element_type == CType::kBoolTrue || h.element_type == CType::kBoolFalse);
  if (h.element_type != expected && !bool_list) {
    if (h.size == 0) return OkStatus();
    return CorruptFile("thrift: list element type {}, expected {}",
                       static_cast<int>(h.element_type), static_cast<int>(expected));
  }
  for (uint32_t i = 0; i < h.size; ++i) FLOE_RETURN_IF_ERROR(on_element(reader));
  return OkStatus();
}

class CompactWriter {
 public:
  // Appends to `out`.
  explicit CompactWriter(std::vector<uint8_t>& out) : out_(out) {}

  void WriteVarint(uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<uint8_t>(v));
  }
  void WriteZigzag(int64_t v) {
    WriteVarint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void WriteBinary(std::string_view s) {
    WriteVarint(s.size());
    out_.insert(out_.end(), s.begin(), s.end());
  }

  void FieldHeader(int16_t id, CType type) {
    int delta = id - last_id_;
    if (delta > 0 && delta <= 15) {
      out_.push_back(static_cast<uint8_t>(delta << 4 | static_cast<uint8_t>(type)));
    } else {
      out_.push_back(static_cast<uint8_t>(type));
      WriteZigzag(id);
    }
    last_id_ = id;
  }

  void I32Field(int16_t id, int32_t v) {
    FieldHeader(id, CType::kI32);
    WriteZigzag(v);
  }
  void I64Field(int16_t id, int64_t v) {
    FieldHeader(id, CType::kI64);
    WriteZigzag(v);
  }
  void BinaryField(int16_t id, std::string_view v) {
    FieldHeader(id, CType::kBinary);
    WriteBinary(v);
  }
  void ByteField(int16_t id, uint8_t v) {
    FieldHeader(id, CType::kByte);
    out_.push_back(v);
  }
  void BoolField(int16_t id, bool v) { FieldHeader(id, v ? CType::kBoolTrue : CType::kBoolFalse); }

  void ListHeader(CType element_type, size_t size) {
    if (size < 15) {
      out_.push_back(static_cast<uint8_t>(size << 4 | static_cast<uint8_t>(element_type)));
    } else {
      out_.push_back(static_cast<uint8_t>(0xF0 | static_cast<uint8_t>(element_type)));
      WriteVarint(size);
    }
  }
  void ListField(int16_t id, CType element_type, size_t size) {
    FieldHeader(id, CType::kList);
    ListHeader(element_type, size);
  }

  // A nested struct: as a field (BeginStructField) or as a list element (BeginStruct).
  void BeginStructField(int16_t id) {
    FieldHeader(id, CType::kStruct);
    BeginStruct();
  }
  void BeginStruct() {
    id_stack_.push_back(last_id_);
    last_id_ = 0;
  }
  void EndStruct() {
    out_.push_back(0);
    last_id_ = id_stack_.back();
    id_stack_.pop_back();
  }

 private:
  std::vector<uint8_t>& out_;
  int16_t last_id_ = 0;
  std::vector<int16_t> id_stack_;
};

}  // namespace floe::parquet::thrift
