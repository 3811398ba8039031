// CsvWriter: writes RecordBatches as RFC 4180 CSV text to a std::ostream.
//
// Output: a header row of field names, then one line per row, fields separated by the
// delimiter and lines ended by "\n" (or options.line_end). Value forms (read back by CsvReader
// with the same schema): booleans true/false; integers; floats in their shortest round-trip
// form, NaN, Infinity, -Infinity; decimals exact with their scale ("12.30"); dates YYYY-MM-DD;
// times HH:MM:SS.ffffff; timestamps YYYY-MM-DDTHH:MM:SS.ffffff with a Z suffix when UTC-adjusted;
// strings as they are; binary and fixed_size_binary as lowercase hex; structs, lists and maps as
// JSON text (json_values_internal.h). A null is an empty field; an empty string is written "" to
// tell the two apart. A field is quoted when it holds the delimiter, a quote, CR or LF, with
// quotes doubled.
//
//   CsvWriter writer(&std::cout, reader->schema());
//   ... FLOE_RETURN_IF_ERROR(writer.Write(batch)); ...
//   FLOE_RETURN_IF_ERROR(writer.Close());
#pragma once

#include <ostream>
#include <string>

#include "floe/columnar/batch_reader.h"
#include "floe/columnar/record_batch.h"
#include "floe/columnar/type.h"
#include "floe/core/result.h"

namespace floe::text {

struct CsvWriteOptions {
  char delimiter = ',';
  bool header = true;
  std::string line_end = "\n";
};

class CsvWriter {
 public:
  // REQUIRES: `out` outlives the writer.
  CsvWriter(std::ostream* out, columnar::Schema schema, CsvWriteOptions options = {});
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  // Writes the header before the first batch, then the batch's rows. InvalidArgument when the
  // batch's fields differ from the schema's (names and types); IoError when the stream fails.
  Status Write(const columnar::RecordBatch& batch);
  // Writes the header when no batch did, and flushes. IoError when the stream fails.
  Status Close();

 private:
  void AppendField(std::string_view value, bool always_quote_empty);
  Status WriteHeaderOnce();
  Status Flush();

  std::ostream* out_;
  columnar::Schema schema_;
  CsvWriteOptions options_;
  bool header_written_ = false;
  std::string line_;
  std::string cell_;
};

// Writes every batch of `reader` as one CSV text (header included).
Status WriteCsv(columnar::BatchReader& reader, std::ostream& out, CsvWriteOptions options = {});

}  // namespace floe::text
