#include <algorithm>
#include <cstring>

#include "floe/format/text/csv_parser_internal.h"

namespace floe::text::internal {

CsvParser::CsvParser(ByteSource* source, std::string name, char delimiter, size_t chunk_size)
    : source_(source), name_(std::move(name)), delimiter_(delimiter), chunk_size_(chunk_size) {}

Status CsvParser::Rewind() {
  FLOE_RETURN_IF_ERROR(source_->Rewind());
  buffer_.clear();
  pos_ = 0;
  eof_ = false;
  at_start_ = true;
  line_ = 1;
  return OkStatus();
}

Status CsvParser::Fill() {
  // Keep only the unconsumed tail, then append a chunk.
  buffer_.erase(0, pos_);
  pos_ = 0;
  FLOE_ASSIGN_OR_RETURN(size_t n, source_->Read(chunk_size_, &buffer_));
  if (n == 0) eof_ = true;
  return OkStatus();
}

Result<bool> CsvParser::NextRecord(std::string* text, std::vector<CsvCell>* cells, int64_t* line) {
  if (at_start_) {
    while (buffer_.size() - pos_ < 3 && !eof_) FLOE_RETURN_IF_ERROR(Fill());
    if (buffer_.compare(pos_, 3, "\xEF\xBB\xBF") == 0) pos_ += 3;
    at_start_ = false;
  }
  const size_t text_mark = text->size();
  const size_t cell_mark = cells->size();
  while (true) {
    if (pos_ == buffer_.size()) {
      if (eof_) return false;
      FLOE_RETURN_IF_ERROR(Fill());
      continue;
    }
    size_t end = 0;
    int64_t newlines = 0;
    std::string error;
    switch (TryParse(eof_, text, cells, &end, &newlines, &error)) {
      case Outcome::kRecord:
        *line = line_;
        line_ += newlines;
        pos_ = end;
        return true;
      case Outcome::kError:
        // The record's first line: where a reader starts looking for the stray quote.
        return InvalidArgument("{} line {}: {}", name_, line_, error);
      case Outcome::kNeedMore:
        // The record runs past the buffer: drop what was unescaped and retry with more bytes.
        text->resize(text_mark);
        cells->resize(cell_mark);
        FLOE_RETURN_IF_ERROR(Fill());
        break;
    }
  }
}

CsvParser::Outcome CsvParser::TryParse(bool at_eof, std::string* text, std::vector<CsvCell>* cells,
                                       size_t* end, int64_t* newlines, std::string* error) {
  const char* buf = buffer_.data();
  const size_t size = buffer_.size();
  size_t p = pos_;
  while (true) {
    // At the start of a field.
    CsvCell cell;
    cell.begin = text->size();
    if (p < size && buf[p] == '"') {
      cell.quoted = true;
      ++p;
      while (true) {
        const void* q = std::memchr(buf + p, '"', size - p);
        size_t stop = q == nullptr ? size : static_cast<size_t>(static_cast<const char*>(q) - buf);
        *newlines += std::count(buf + p, buf + stop, '\n');
        text->append(buf + p, stop - p);
        p = stop;
        if (p == size) {
          if (!at_eof) return Outcome::kNeedMore;
          *error = "unterminated quoted field";
          return Outcome::kError;
        }
        // At a quote: an escaped "" or the closing quote.
        if (p + 1 == size && !at_eof) return Outcome::kNeedMore;
        if (p + 1 < size && buf[p + 1] == '"') {
          text->push_back('"');
          p += 2;
          continue;
        }
        ++p;
        break;
      }
      if (p < size && buf[p] != delimiter_ && buf[p] != '\n' && buf[p] != '\r') {
        *error = std::string("unexpected character '") + buf[p] + "' after a closing quote";
        return Outcome::kError;
      }
    } else {
      size_t start = p;
      while (p < size && buf[p] != delimiter_ && buf[p] != '\n' && buf[p] != '\r') ++p;
      text->append(buf + start, p - start);
    }
    cell.size = static_cast<uint32_t>(text->size() - cell.begin);
    cells->push_back(cell);
    // After a field: a delimiter, an end of line or the end of the input.
    if (p == size) {
      if (!at_eof) return Outcome::kNeedMore;
      *end = p;
      return Outcome::kRecord;
    }
    if (buf[p] == delimiter_) {
      ++p;
      continue;
    }
    if (buf[p] == '\r') {
      if (p + 1 == size && !at_eof) return Outcome::kNeedMore;
      ++p;
      if (p < size && buf[p] == '\n') ++p;
    } else {
      ++p;  // '\n'
    }
    ++*newlines;
    *end = p;
    return Outcome::kRecord;
  }
}

}  // namespace floe::text::internal
