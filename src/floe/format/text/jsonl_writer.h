// JsonlWriter: writes RecordBatches as JSON Lines (one JSON object per row) to a std::ostream.
//
// Each row is {"field": value, ...} with the schema's fields in order and nulls written as null.
// Value forms are those of json_values_internal.h, read back by JsonlReader with the same
// schema: int64 as JSON numbers (exact in the text, though some JSON readers hold numbers as
// doubles), NaN and infinities as the strings "NaN", "Infinity", "-Infinity", dates, times and
// timestamps as ISO 8601 strings (Z suffix when UTC-adjusted), binary as base64, structs as
// objects, lists as arrays, maps with string keys as objects.
//
//   JsonlWriter writer(&out, reader->schema());
//   FLOE_RETURN_IF_ERROR(writer.Write(batch));
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "floe/columnar/batch_reader.h"
#include "floe/columnar/record_batch.h"
#include "floe/columnar/type.h"
#include "floe/core/result.h"

namespace floe::text {

class JsonlWriter {
 public:
  // REQUIRES: `out` outlives the writer.
  JsonlWriter(std::ostream* out, columnar::Schema schema);
  JsonlWriter(const JsonlWriter&) = delete;
  JsonlWriter& operator=(const JsonlWriter&) = delete;

  // InvalidArgument when the batch's fields differ from the schema's (names and types); IoError
  // when the stream fails.
  Status Write(const columnar::RecordBatch& batch);
  // Flushes. IoError when the stream fails.
  Status Close();

 private:
  Status Flush();

  std::ostream* out_;
  columnar::Schema schema_;
  // `"name":` for each field, escaped once.
  std::vector<std::string> keys_;
  std::string text_;
};

// Writes every batch of `reader` as JSON Lines.
Status WriteJsonl(columnar::BatchReader& reader, std::ostream& out);

}  // namespace floe::text
