#include "floe/format/parquet/output_stream.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace floe::parquet {

namespace {
constexpr size_t kFileBufferSize = size_t{1} << 20;
}  // namespace

Result<std::unique_ptr<LocalFileOutput>> LocalFileOutput::Create(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return IoError("cannot create {}: {}", path, std::strerror(errno));
  auto out = std::unique_ptr<LocalFileOutput>(new LocalFileOutput(fd, path));
  out->buffer_.reserve(kFileBufferSize);
  return out;
}

LocalFileOutput::~LocalFileOutput() {
  if (fd_ >= 0) ::close(fd_);
}

Status LocalFileOutput::Write(std::span<const uint8_t> bytes) {
  if (fd_ < 0) return Internal("write to closed file {}", path_);
  if (buffer_.size() + bytes.size() > kFileBufferSize) FLOE_RETURN_IF_ERROR(Flush());
  if (bytes.size() >= kFileBufferSize) {
    buffer_.assign(bytes.begin(), bytes.end());
    return Flush();
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
  return OkStatus();
}

Status LocalFileOutput::Flush() {
  size_t done = 0;
  while (done < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("cannot write {}: {}", path_, std::strerror(errno));
    }
    done += static_cast<size_t>(n);
  }
  buffer_.clear();
  return OkStatus();
}

Status LocalFileOutput::Close() {
  if (fd_ < 0) return OkStatus();
  Status st = Flush();
  if (::close(fd_) != 0 && st.has_value()) {
    st = IoError("cannot close {}: {}", path_, std::strerror(errno));
  }
  fd_ = -1;
  return st;
}

}  // namespace floe::parquet
