// The Avro object container file format: constants and block codecs shared by FileReader and
// FileWriter.
//
// Byte layout (Avro 1.11 "Object Container Files"):
//   file    := header block*
//   header  := "Obj" 0x01
//              metadata: a map<bytes> in the binary encoding (blocks of long count, each entry a
//                string key and a bytes value, ended by a 0 count); it always holds
//                "avro.schema" (the schema's JSON text) and usually "avro.codec"
//              sync: 16 bytes, chosen at random per file
//   block   := long record count
//              long byte size of the (compressed) data that follows
//              data: the records in the binary encoding, compressed as a whole with the codec
//              sync: the header's 16 bytes again
//
// Codecs (the "avro.codec" value; absent means "null"):
//   null       data as is
//   deflate    RAW deflate (RFC 1951), no zlib or gzip wrapper
//   snappy     a raw snappy block followed by the 4-byte big-endian CRC-32 of the uncompressed data
//   zstandard  one zstd frame
// bzip2 and xz are defined by Avro but not supported here.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/codec.h"

namespace floe::avro {

inline constexpr std::array<uint8_t, 4> kMagic = {'O', 'b', 'j', 1};
inline constexpr size_t kSyncSize = 16;
using SyncMarker = std::array<uint8_t, kSyncSize>;

inline constexpr std::string_view kSchemaKey = "avro.schema";
inline constexpr std::string_view kCodecKey = "avro.codec";

// The codec named by an "avro.codec" value: "null", "deflate", "snappy", "zstandard".
Result<format::CompressionCodec> CodecFromAvroName(std::string_view name);
// The "avro.codec" value for a codec; kNotSupported for gzip and lz4, which Avro does not define.
Result<std::string_view> AvroCodecName(format::CompressionCodec codec);

// Compresses one block's data as the container format stores it (adding snappy's CRC).
Status CompressBlock(format::CompressionCodec codec, std::span<const uint8_t> data,
                     std::vector<uint8_t>& out, int level);
// The reverse; a wrong CRC is kCorruptFile, and so is output beyond `max_size` bytes.
Status DecompressBlock(format::CompressionCodec codec, std::span<const uint8_t> data,
                       std::vector<uint8_t>& out, size_t max_size);

}  // namespace floe::avro
