#include "floe/table/file_io_streams.h"

namespace floe::table {

namespace {
constexpr size_t kBufferSize = 1 << 20;
}

FileIOOutputStream::FileIOOutputStream(std::unique_ptr<io::OutputFile> file)
    : file_(std::move(file)) {
  buffer_.reserve(kBufferSize);
}

Status FileIOOutputStream::Write(std::span<const uint8_t> bytes) {
  if (buffer_.size() + bytes.size() > kBufferSize) {
    if (!buffer_.empty()) {
      FLOE_RETURN_IF_ERROR(file_->Write(buffer_));
      buffer_.clear();
    }
    if (bytes.size() >= kBufferSize) return file_->Write(bytes);
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
  return OkStatus();
}

Status FileIOOutputStream::Close() {
  if (!buffer_.empty()) {
    FLOE_RETURN_IF_ERROR(file_->Write(buffer_));
    buffer_.clear();
  }
  return file_->Close();
}

}  // namespace floe::table
