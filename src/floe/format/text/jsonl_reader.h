// JsonlReader: reads JSON Lines (one JSON object per line) as a stream of RecordBatches.
//
// Input: UTF-8 text, an optional BOM, one object per line (LF or CRLF), blank lines skipped.
// Each top-level key is a column; a missing key or a JSON null is a null. Value forms per type
// are those of json_values_internal.h (numbers, "NaN"/"Infinity" strings for floats, ISO 8601
// strings for dates, times and timestamps, base64 for binary, objects for structs, arrays for
// lists, objects or [{"key", "value"}] arrays for maps).
//
// The columns get their types one of two ways:
//   - from options.schema: keys are matched to fields by name; a key that is not a field (at any
//     depth) is an error naming it, as is a null or missing value for a non-nullable field.
//     Batches have the given schema.
//   - by inference over the first options.inference_rows lines (all when <= 0): booleans, int64
//     (float64 when any value has a fraction or exponent, or is "NaN", "Infinity" or
//     "-Infinity", the writer's spelling of non-finite floats), strings (date32 or timestamp when
//     every value is an ISO 8601 date or timestamp, as for CSV), objects as structs (keys in order
//     of first appearance), arrays as lists; a column whose values mix kinds is a string holding
//     each value's JSON text, and a column that is only ever null is a string. Everything is
//     nullable. The file is read twice: once for its head, then from the start for the batches.
//
// Errors are InvalidArgument on one line naming the file, the line and the column (with a path
// into nested values): `events.jsonl line 7, column "user.id": "x" is not an int64`.
//
//   FLOE_ASSIGN_OR_RETURN(auto reader, JsonlReader::Open("events.jsonl"));
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "floe/columnar/array_builder.h"
#include "floe/columnar/batch_reader.h"
#include "floe/columnar/record_batch.h"
#include "floe/columnar/type.h"
#include "floe/core/result.h"

namespace floe::text {

namespace internal {
class ByteSource;
class LineReader;
struct JsonlRows;
}  // namespace internal

struct JsonlReadOptions {
  // The columns to read into; inferred from the file when absent.
  std::optional<columnar::Schema> schema;
  // Lines looked at by inference; <= 0 means the whole file.
  int64_t inference_rows = 10000;
  // Rows per batch (at most; a batch also ends after about 16 MiB of JSON text). REQUIRES: > 0.
  // Smaller than CSV's: parsed JSON is held per row.
  int64_t batch_size = 16 * 1024;
  // Bytes read from the file at a time.
  size_t chunk_size = 1 << 20;
};

class JsonlReader final : public columnar::BatchReader {
 public:
  // Opens a local file (and, when inferring, reads its head). IoError when the file cannot be
  // read; InvalidArgument when inference meets a bad line.
  static Result<std::unique_ptr<JsonlReader>> Open(const std::string& path,
                                                   JsonlReadOptions options = {});
  // Reads JSON Lines held in a string; `name` stands for the file name in error messages.
  static Result<std::unique_ptr<JsonlReader>> FromString(std::string text,
                                                         JsonlReadOptions options = {},
                                                         std::string name = "<string>");

  ~JsonlReader() override;
  JsonlReader(const JsonlReader&) = delete;
  JsonlReader& operator=(const JsonlReader&) = delete;

  const columnar::Schema& schema() const override { return *schema_; }
  Result<std::optional<columnar::RecordBatch>> Next() override;

 private:
  JsonlReader(std::unique_ptr<internal::ByteSource> source, JsonlReadOptions options,
              std::string name);
  static Result<std::unique_ptr<JsonlReader>> Make(std::unique_ptr<internal::ByteSource> source,
                                                   JsonlReadOptions options, std::string name);
  // Parses the next non-blank line into rows_ (appending); false at the end.
  Result<bool> ReadRow();
  Status InferSchema();
  Status BindSchema(columnar::Schema schema);
  Status ConvertRows();

  std::unique_ptr<internal::ByteSource> source_;
  std::unique_ptr<internal::LineReader> lines_;
  JsonlReadOptions options_;
  std::string name_;
  std::shared_ptr<const columnar::Schema> schema_;
  std::vector<std::unique_ptr<columnar::ArrayBuilder>> builders_;
  std::unordered_map<std::string, size_t> field_index_;
  std::unique_ptr<internal::JsonlRows> rows_;
  bool done_ = false;
};

}  // namespace floe::text
