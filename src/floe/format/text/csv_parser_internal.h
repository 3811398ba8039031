// CsvParser: splits RFC 4180 text into records of fields, chunk by chunk.
//
// Grammar accepted (RFC 4180 plus common practice):
//   file    = [BOM] record *(EOL record) [EOL]
//   record  = field *(DELIM field)
//   field   = quoted / unquoted
//   quoted  = '"' *(any byte but '"' / '""') '"'     ; may hold DELIM, CR and LF
//   unquoted= *(any byte but DELIM, CR, LF)          ; a '"' inside is taken literally
//   EOL     = CRLF / LF / CR
// Fields are unescaped into a caller's text buffer; a Cell records where each one lies and
// whether it was quoted (an empty unquoted field is a null, an empty quoted one an empty string).
// A blank line is a record of one empty unquoted field. Line numbers count physical lines from 1,
// so a record's line is where it starts even when quoted fields hold newlines.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "floe/core/result.h"
#include "floe/format/text/byte_source_internal.h"

namespace floe::text::internal {

struct CsvCell {
  uint64_t begin = 0;  // into the text buffer
  uint32_t size = 0;
  bool quoted = false;
};

class CsvParser {
 public:
  // `name` is the file name used in error messages.
  CsvParser(ByteSource* source, std::string name, char delimiter, size_t chunk_size);

  // Appends the next record's fields to *text and *cells and sets *line to its first line.
  // Returns false at the end of the input. InvalidArgument on an unterminated quoted field or a
  // stray character after a closing quote.
  Result<bool> NextRecord(std::string* text, std::vector<CsvCell>* cells, int64_t* line);

  // Starts over from the beginning of the source.
  Status Rewind();

 private:
  enum class Outcome { kRecord, kNeedMore, kError };
  Outcome TryParse(bool at_eof, std::string* text, std::vector<CsvCell>* cells, size_t* end,
                   int64_t* newlines, std::string* error);
  Status Fill();

  ByteSource* source_;
  std::string name_;
  char delimiter_;
  size_t chunk_size_;
  std::string buffer_;
  size_t pos_ = 0;
  bool eof_ = false;
  bool at_start_ = true;
  int64_t line_ = 1;
};

}  // namespace floe::text::internal
