// CsvReader: reads RFC 4180 CSV text with a header row as a stream of RecordBatches.
//
// Input: an optional UTF-8 BOM, then a header row of column names, then one record per row
// (quoted fields may hold delimiters, "" escapes and line breaks; CRLF or LF line ends; see
// csv_parser_internal.h for the grammar). An empty unquoted field is null; an empty quoted field
// ("") is an empty string for string columns and null for others. Blank lines are skipped, except
// in a one-column file, where they are nulls (that is how a null is written there).
//
// The columns get their types one of two ways:
//   - from options.schema: header names are matched to fields by name; a header column that is
//     not in the schema, or a non-nullable field the header lacks, is an error naming it; a
//     nullable field the header lacks reads as nulls. Batches have the given schema, field order
//     included. Values are converted in the text forms of text_values_internal.h (binary as hex,
//     nested types as JSON text).
//   - by inference over the first options.inference_rows rows (all rows when <= 0), narrowest
//     first: int64, float64, boolean (true/false), date (YYYY-MM-DD), timestamp (ISO 8601 with 'T'
//     or ' '; UTC when the values carry Z or +hh:mm), else string. Inferred columns are nullable.
//     The file is read twice: once for its head, then from the start for the batches.
//
// Files are read in chunks of options.chunk_size bytes, so memory stays near one chunk plus one
// batch whatever the file size; a batch ends at batch_size rows or earlier, at about a million
// fields or 64 MiB of text, so that wide rows stay bounded too. Errors are InvalidArgument on one
// line naming the file, the line and the column: `data.csv line 3, column "amount": "abc" is not a
// double`.
//
//   CsvReadOptions options;
//   options.schema = schema;  // or leave empty to infer
//   FLOE_ASSIGN_OR_RETURN(auto reader, CsvReader::Open("data.csv", options));
//   while (true) {
//     FLOE_ASSIGN_OR_RETURN(auto batch, reader->Next());
//     if (!batch) break;
//   }
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "floe/columnar/array_builder.h"
#include "floe/columnar/batch_reader.h"
#include "floe/columnar/record_batch.h"
#include "floe/columnar/type.h"
#include "floe/core/result.h"

namespace floe::text {

namespace internal {
class ByteSource;
class CsvParser;
struct CsvCell;
}  // namespace internal

struct CsvReadOptions {
  // The columns to read into; inferred from the file when absent.
  std::optional<columnar::Schema> schema;
  // Rows looked at by inference; <= 0 means the whole file.
  int64_t inference_rows = 10000;
  // Rows per batch (at most). REQUIRES: > 0.
  int64_t batch_size = 64 * 1024;
  char delimiter = ',';
  // Bytes read from the file at a time.
  size_t chunk_size = 1 << 20;
};

class CsvReader final : public columnar::BatchReader {
 public:
  // Opens a local file and reads its header (and, when inferring, its head). IoError when the
  // file cannot be read; InvalidArgument for a missing header or a header that does not fit the
  // schema. Error messages name the file by `path` as given.
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path,
                                                 CsvReadOptions options = {});
  // Reads CSV held in a string; `name` stands for the file name in error messages.
  static Result<std::unique_ptr<CsvReader>> FromString(std::string text,
                                                       CsvReadOptions options = {},
                                                       std::string name = "<string>");

  ~CsvReader() override;
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  const columnar::Schema& schema() const override { return *schema_; }
  Result<std::optional<columnar::RecordBatch>> Next() override;

 private:
  CsvReader(std::unique_ptr<internal::ByteSource> source, CsvReadOptions options, std::string name);
  static Result<std::unique_ptr<CsvReader>> Make(std::unique_ptr<internal::ByteSource> source,
                                                 CsvReadOptions options, std::string name);
  Status ReadHeader();
  Status InferSchema();
  Status BindSchema(columnar::Schema schema);
  Status ConvertColumn(int field_index, int64_t num_rows);

  std::unique_ptr<internal::ByteSource> source_;
  std::unique_ptr<internal::CsvParser> parser_;
  CsvReadOptions options_;
  std::string name_;
  std::vector<std::string> header_;
  std::shared_ptr<const columnar::Schema> schema_;
  // For each schema field, its column in the file, or -1 when the file lacks it.
  std::vector<int> file_column_;
  std::vector<std::unique_ptr<columnar::ArrayBuilder>> builders_;
  // The current batch's rows, row-major: num_rows * header_.size() cells into text_.
  std::string text_;
  std::vector<internal::CsvCell> cells_;
  std::vector<int64_t> lines_;
  bool done_ = false;
};

}  // namespace floe::text
