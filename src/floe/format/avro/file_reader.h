// FileReader: reads an Avro object container file (layout in container_format.h) held in memory.
//
// Open() parses the header: the metadata map (exposed as is, in file order), the writer's schema
// and the codec. Records then come one at a time as Datum (Next), or a block at a time as
// decompressed bytes for code that decodes its own schema (NextBlock, the manifest fast path).
// Every count and length is checked against the bytes left, a block's sync marker must equal the
// header's, and a block's records must use up its data exactly; any violation is kCorruptFile.
//
//   FLOE_ASSIGN_OR_RETURN(auto reader, FileReader::Open(bytes));
//   reader->FindMetadata("format-version");
//   Datum record;
//   while (true) {
//     FLOE_ASSIGN_OR_RETURN(bool more, reader->Next(&record));
//     if (!more) break;
//     ...
//   }
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/avro/container_format.h"
#include "floe/format/avro/datum.h"
#include "floe/format/avro/decoder.h"
#include "floe/format/avro/schema.h"
#include "floe/format/codec.h"

namespace floe::avro {

struct FileReaderOptions {
  // Largest decompressed block accepted; larger ones are treated as corrupt.
  size_t max_block_size = size_t{256} << 20;
};

// One block's records, decompressed. `data` stays valid until the reader's next call.
struct FileBlock {
  int64_t record_count = 0;
  std::span<const uint8_t> data;
};

class FileReader {
 public:
  // REQUIRES: `file` outlives the reader.
  static Result<std::unique_ptr<FileReader>> Open(std::span<const uint8_t> file,
                                                  FileReaderOptions options = {});

  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;

  const Schema& schema() const { return *schema_; }
  std::shared_ptr<const Schema> shared_schema() const { return schema_; }
  format::CompressionCodec codec() const { return codec_; }
  const SyncMarker& sync_marker() const { return sync_; }
  // Every header metadata entry, avro.* included, in file order.
  const std::vector<std::pair<std::string, std::string>>& metadata() const { return metadata_; }
  std::optional<std::string_view> FindMetadata(std::string_view key) const;

  // Reads the next record into `*record`; false at the end of the file.
  Result<bool> Next(Datum* record);

  // Block-at-a-time: the next block, or nullopt at the end of the file. The caller decodes the
  // records itself. REQUIRES: not mixed with Next() within a block.
  Result<std::optional<FileBlock>> NextBlock();

  int64_t records_read() const { return records_read_; }

 private:
  FileReader(std::span<const uint8_t> file, FileReaderOptions options)
      : file_(file), options_(options), cursor_(file) {}
  Status ReadHeader();

  std::span<const uint8_t> file_;
  FileReaderOptions options_;
  Decoder cursor_;  // over the whole file
  std::shared_ptr<const Schema> schema_;
  format::CompressionCodec codec_ = format::CompressionCodec::kUncompressed;
  SyncMarker sync_{};
  std::vector<std::pair<std::string, std::string>> metadata_;
  std::vector<uint8_t> block_buffer_;  // reused decompression output
  // The block Next() is reading.
  Decoder block_{{}};
  int64_t block_left_ = 0;
  // Records and array items that take no bytes, allowed in the whole file.
  int64_t empty_budget_ = Decoder::kMaxEmptyItems * 16;
  int64_t records_read_ = 0;
};

}  // namespace floe::avro
