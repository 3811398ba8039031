#include <cerrno>
#include <cstring>

#include "floe/format/text/byte_source_internal.h"

namespace floe::text::internal {

namespace {

class FileSource final : public ByteSource {
 public:
  FileSource(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  ~FileSource() override { std::fclose(file_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  Result<size_t> Read(size_t max_bytes, std::string* out) override {
    size_t old_size = out->size();
    out->resize(old_size + max_bytes);
    size_t n = std::fread(out->data() + old_size, 1, max_bytes, file_);
    out->resize(old_size + n);
    if (n == 0 && std::ferror(file_)) return IoError("reading {}: {}", path_, std::strerror(errno));
    return n;
  }

  Status Rewind() override {
    if (std::fseek(file_, 0, SEEK_SET) != 0)
      return IoError("rewinding {}: {}", path_, std::strerror(errno));
    std::clearerr(file_);
    return OkStatus();
  }

 private:
  std::string path_;
  std::FILE* file_;
};

class StringSource final : public ByteSource {
 public:
  explicit StringSource(std::string text) : text_(std::move(text)) {}

  Result<size_t> Read(size_t max_bytes, std::string* out) override {
    size_t n = std::min(max_bytes, text_.size() - pos_);
    out->append(text_, pos_, n);
    pos_ += n;
    return n;
  }

  Status Rewind() override {
    pos_ = 0;
    return OkStatus();
  }

 private:
  std::string text_;
  size_t pos_ = 0;
};

}  // namespace

Result<std::unique_ptr<ByteSource>> ByteSource::OpenFile(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return IoError("cannot open {}: {}", path, std::strerror(errno));
  return std::unique_ptr<ByteSource>(new FileSource(path, file));
}

std::unique_ptr<ByteSource> ByteSource::FromString(std::string text) {
  return std::make_unique<StringSource>(std::move(text));
}

Status LineReader::Fill() {
  buffer_.erase(0, pos_);
  pos_ = 0;
  FLOE_ASSIGN_OR_RETURN(size_t n, source_->Read(chunk_size_, &buffer_));
  if (n == 0) eof_ = true;
  return OkStatus();
}

Status LineReader::Rewind() {
  FLOE_RETURN_IF_ERROR(source_->Rewind());
  buffer_.clear();
  pos_ = 0;
  eof_ = false;
  at_start_ = true;
  line_ = 0;
  return OkStatus();
}

Result<bool> LineReader::NextLine(std::string_view* line, int64_t* line_number) {
  if (at_start_) {
    while (buffer_.size() - pos_ < 3 && !eof_) FLOE_RETURN_IF_ERROR(Fill());
    if (buffer_.compare(pos_, 3, "\xEF\xBB\xBF") == 0) pos_ += 3;
    at_start_ = false;
  }
  size_t searched = pos_;
  while (true) {
    size_t nl = buffer_.find('\n', searched);
    if (nl != std::string::npos || (eof_ && pos_ < buffer_.size())) {
      size_t end = nl == std::string::npos ? buffer_.size() : nl;
      *line = std::string_view(buffer_).substr(pos_, end - pos_);
      if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
      pos_ = nl == std::string::npos ? buffer_.size() : nl + 1;
      *line_number = ++line_;
      return true;
    }
    if (eof_) return false;
    size_t scanned = buffer_.size() - pos_;
    FLOE_RETURN_IF_ERROR(Fill());
    searched = pos_ + scanned;
  }
}

}  // namespace floe::text::internal
