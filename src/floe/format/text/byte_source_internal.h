// ByteSource: the bytes of a text file read in chunks, from a local file or from a string, so
// that readers never hold more than a chunk (plus the batch they build) of a large file.
// Rewind() starts over; schema inference reads the head of a file, then rewinds.
#pragma once

#include <cstddef>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "floe/core/result.h"

namespace floe::text::internal {

class ByteSource {
 public:
  // IoError naming the path when the file cannot be opened.
  static Result<std::unique_ptr<ByteSource>> OpenFile(const std::string& path);
  static std::unique_ptr<ByteSource> FromString(std::string text);

  virtual ~ByteSource() = default;
  // Appends up to `max_bytes` bytes to *out; 0 bytes appended means the end of the input.
  virtual Result<size_t> Read(size_t max_bytes, std::string* out) = 0;
  virtual Status Rewind() = 0;
};

// Splits a ByteSource into lines (LF or CRLF ends; a UTF-8 BOM at the start is dropped), holding
// one chunk plus the current line.
class LineReader {
 public:
  LineReader(ByteSource* source, size_t chunk_size) : source_(source), chunk_size_(chunk_size) {}

  // The next line without its end, valid until the next call, and its number (from 1). Returns
  // false at the end of the input.
  Result<bool> NextLine(std::string_view* line, int64_t* line_number);
  Status Rewind();

 private:
  Status Fill();

  ByteSource* source_;
  size_t chunk_size_;
  std::string buffer_;
  size_t pos_ = 0;
  bool eof_ = false;
  bool at_start_ = true;
  int64_t line_ = 0;
};

}  // namespace floe::text::internal
