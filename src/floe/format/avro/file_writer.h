// FileWriter: streams records into an Avro object container file (layout in container_format.h).
//
// The header goes to the sink when the writer is made; records collect in a reused block buffer
// that is compressed and sent to the sink, with its count, size and sync marker, whenever it
// passes the block size target, on Flush() and on Close(). The schema is written as its original
// JSON text, custom attributes included.
//
//   std::vector<uint8_t> file;
//   FLOE_ASSIGN_OR_RETURN(auto writer, FileWriter::Make(schema, SinkTo(&file), options));
//   FLOE_RETURN_IF_ERROR(writer->Append(record));        // generic path
//   Encoder& e = writer->StartRecord();                   // fast path: encode fields directly
//   e.WriteLong(42); ...
//   FLOE_RETURN_IF_ERROR(writer->EndRecord());
//   FLOE_RETURN_IF_ERROR(writer->Close());
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/avro/container_format.h"
#include "floe/format/avro/datum.h"
#include "floe/format/avro/encoder.h"
#include "floe/format/avro/schema.h"
#include "floe/format/codec.h"

namespace floe::avro {

// Receives the file's bytes in order. Called once for the header and once per block.
using ByteSink = std::function<Status(std::span<const uint8_t>)>;

// A sink that appends to `out`. REQUIRES: `out` outlives the writer.
ByteSink SinkTo(std::vector<uint8_t>* out);

struct FileWriterOptions {
  // null, deflate (raw), snappy or zstd.
  format::CompressionCodec codec = format::CompressionCodec::kDeflateRaw;
  int compression_level = format::kDefaultCompressionLevel;
  // A block is written once its uncompressed records reach this many bytes.
  size_t block_size = 64 * 1024;
  // Extra header metadata, written in order after avro.schema and avro.codec (Iceberg's
  // "schema", "partition-spec", "format-version", "content", ...). Keys starting with "avro."
  // are reserved and refused.
  std::vector<std::pair<std::string, std::string>> metadata;
  // Fixed sync marker for reproducible files; random when unset.
  std::optional<SyncMarker> sync_marker;
};

class FileWriter {
 public:
  static Result<std::unique_ptr<FileWriter>> Make(std::shared_ptr<const Schema> schema,
                                                  ByteSink sink, FileWriterOptions options = {});

  FileWriter(const FileWriter&) = delete;
  FileWriter& operator=(const FileWriter&) = delete;

  // Encodes one record (a Datum fitting the schema's root). On error nothing is appended.
  Status Append(const Datum& record);

  // Fast path: returns the encoder of the current block; the caller encodes exactly one record
  // in the schema's binary encoding, then calls EndRecord().
  // REQUIRES: the writer is not closed.
  Encoder& StartRecord() { return encoder_; }
  Status EndRecord();

  // Writes the current block now (if it holds records).
  Status Flush();
  // Flushes; the writer accepts nothing afterwards. Closing twice is harmless.
  Status Close();

  const Schema& schema() const { return *schema_; }
  const SyncMarker& sync_marker() const { return sync_; }
  int64_t records_written() const { return records_; }
  // Bytes sent to the sink so far (the file's length once closed).
  uint64_t bytes_written() const { return bytes_; }

 private:
  FileWriter(std::shared_ptr<const Schema> schema, ByteSink sink, FileWriterOptions options);
  Status WriteHeader();
  Status Emit(std::span<const uint8_t> bytes);

  std::shared_ptr<const Schema> schema_;
  ByteSink sink_;
  FileWriterOptions options_;
  SyncMarker sync_{};
  std::vector<uint8_t> block_;       // uncompressed records of the current block
  std::vector<uint8_t> compressed_;  // reused compression output
  std::vector<uint8_t> frame_;       // reused count + size + data + sync
  Encoder encoder_;
  int64_t block_records_ = 0;
  int64_t records_ = 0;
  uint64_t bytes_ = 0;
  bool closed_ = false;
};

}  // namespace floe::avro
