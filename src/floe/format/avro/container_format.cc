#include "floe/format/avro/container_format.h"

#include <libdeflate.h>

namespace floe::avro {

using format::CompressionCodec;

Result<CompressionCodec> CodecFromAvroName(std::string_view name) {
  if (name == "null") return CompressionCodec::kUncompressed;
  if (name == "deflate") return CompressionCodec::kDeflateRaw;
  if (name == "snappy") return CompressionCodec::kSnappy;
  if (name == "zstandard") return CompressionCodec::kZstd;
  return NotSupported("avro codec \"{}\" is not supported", name);
}

Result<std::string_view> AvroCodecName(CompressionCodec codec) {
  switch (codec) {
    case CompressionCodec::kUncompressed:
      return std::string_view("null");
    case CompressionCodec::kDeflateRaw:
      return std::string_view("deflate");
    case CompressionCodec::kSnappy:
      return std::string_view("snappy");
    case CompressionCodec::kZstd:
      return std::string_view("zstandard");
    default:
      return NotSupported("avro files cannot use the {} codec",
                          format::CompressionCodecName(codec));
  }
}

Status CompressBlock(CompressionCodec codec, std::span<const uint8_t> data,
                     std::vector<uint8_t>& out, int level) {
  FLOE_RETURN_IF_ERROR(format::Compress(codec, data, out, level));
  if (codec == CompressionCodec::kSnappy) {
    uint32_t crc = libdeflate_crc32(0, data.data(), data.size());
    out.push_back(static_cast<uint8_t>(crc >> 24));
    out.push_back(static_cast<uint8_t>(crc >> 16));
    out.push_back(static_cast<uint8_t>(crc >> 8));
    out.push_back(static_cast<uint8_t>(crc));
  }
  return OkStatus();
}

Status DecompressBlock(CompressionCodec codec, std::span<const uint8_t> data,
                       std::vector<uint8_t>& out, size_t max_size) {
  if (codec != CompressionCodec::kSnappy) {
    return format::Decompress(codec, data, std::nullopt, out, max_size);
  }
  if (data.size() < 4) return CorruptFile("avro snappy block of {} bytes has no CRC", data.size());
  const uint8_t* c = data.data() + data.size() - 4;
  uint32_t expected = uint32_t{c[0]} << 24 | uint32_t{c[1]} << 16 | uint32_t{c[2]} << 8 | c[3];
  FLOE_RETURN_IF_ERROR(
      format::Decompress(codec, data.first(data.size() - 4), std::nullopt, out, max_size));
  uint32_t actual = libdeflate_crc32(0, out.data(), out.size());
  if (actual != expected) {
    return CorruptFile("avro snappy block CRC {:08x} does not match the data's {:08x}", expected,
                       actual);
  }
  return OkStatus();
}

}  // namespace floe::avro
