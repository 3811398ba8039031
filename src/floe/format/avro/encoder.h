// Encoder: appends Avro binary encodings of primitives to a reused byte buffer.
//
// This is the fast path for code that knows its schema (manifest writers): it writes values
// straight into a file writer's block buffer with no intermediate Datum.
//
// Byte layout (Avro 1.11 binary encoding):
//   null          nothing
//   boolean       one byte, 0 or 1
//   int, long     zigzag ((n << 1) ^ (n >> 63)), then a base-128 varint, low 7 bits first,
//                 high bit set on every byte but the last: 0 -> 00, -1 -> 01, 1 -> 02, 64 -> 80 01
//   float, double 4 or 8 bytes, IEEE 754, little-endian
//   bytes, string a long length, then that many bytes (strings are UTF-8)
//   fixed         exactly the declared size, no length
//   enum          the symbol's index as an int
//   union         the branch index as a long, then the value in that branch's encoding
//   array, map    blocks: a long item count, then the items (map items are a string key and the
//                 value); a count of 0 ends the list. A negative count -n means n items preceded
//                 by the block's size in bytes (a long), so that readers can skip it.
//
//   Encoder e(&buffer);
//   e.WriteLong(snapshot_id);
//   e.WriteUnionIndex(1); e.WriteString(path);
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>
#include <vector>

namespace floe::avro {

class Encoder {
 public:
  // REQUIRES: `out` outlives the encoder. Bytes are appended; existing contents are kept.
  explicit Encoder(std::vector<uint8_t>* out) : out_(out) {}

  void WriteNull() {}
  void WriteBoolean(bool v) { out_->push_back(v ? 1 : 0); }
  void WriteInt(int32_t v) { WriteLong(v); }  // an int's zigzag varint equals the long's
  void WriteLong(int64_t v) {
    uint64_t z = (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
    uint8_t bytes[10];
    size_t n = 0;
    while (z >= 0x80) {
      bytes[n++] = static_cast<uint8_t>(z | 0x80);
      z >>= 7;
    }
    bytes[n++] = static_cast<uint8_t>(z);
    out_->insert(out_->end(), bytes, bytes + n);
  }
  void WriteFloat(float v) { WriteLittleEndian(std::bit_cast<uint32_t>(v)); }
  void WriteDouble(double v) { WriteLittleEndian(std::bit_cast<uint64_t>(v)); }
  void WriteBytes(std::span<const uint8_t> v) {
    WriteLong(static_cast<int64_t>(v.size()));
    out_->insert(out_->end(), v.begin(), v.end());
  }
  void WriteString(std::string_view v) {
    WriteLong(static_cast<int64_t>(v.size()));
    out_->insert(out_->end(), v.begin(), v.end());
  }
  // REQUIRES: v.size() is the fixed type's declared size.
  void WriteFixed(std::span<const uint8_t> v) { out_->insert(out_->end(), v.begin(), v.end()); }
  void WriteEnum(int32_t index) { WriteInt(index); }
  void WriteUnionIndex(int64_t branch) { WriteLong(branch); }
  // Starts a block of `count` array items or map entries; REQUIRES: count > 0.
  void WriteBlockCount(int64_t count) { WriteLong(count); }
  // Ends an array or a map (also the whole encoding of an empty one).
  void WriteBlockEnd() { out_->push_back(0); }

  size_t size() const { return out_->size(); }
  std::vector<uint8_t>* buffer() const { return out_; }

 private:
  template <typename U>
  void WriteLittleEndian(U u) {
    if constexpr (std::endian::native == std::endian::big) u = std::byteswap(u);
    uint8_t bytes[sizeof(U)];
    std::memcpy(bytes, &u, sizeof(U));
    out_->insert(out_->end(), bytes, bytes + sizeof(U));
  }

  std::vector<uint8_t>* out_;
};

}  // namespace floe::avro
