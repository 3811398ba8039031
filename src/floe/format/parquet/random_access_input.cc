#include "floe/format/parquet/random_access_input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace floe::parquet {

Status InMemoryInput::ReadAt(int64_t offset, int64_t length, std::vector<uint8_t>& buffer) {
  auto size = static_cast<int64_t>(bytes_.size());
  if (offset < 0 || length < 0 || offset > size || length > size - offset) {
    return CorruptFile("parquet: range [{}, +{}) past the end of {} bytes", offset, length, size);
  }
  buffer.assign(bytes_.begin() + offset, bytes_.begin() + offset + length);
  return OkStatus();
}

Result<std::unique_ptr<LocalFileInput>> LocalFileInput::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return NotFound("no file {}", path);
    return IoError("cannot open {}: {}", path, std::strerror(errno));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return IoError("cannot stat {}: {}", path, std::strerror(err));
  }
  return std::unique_ptr<LocalFileInput>(new LocalFileInput(fd, st.st_size, path));
}

LocalFileInput::~LocalFileInput() { ::close(fd_); }

Status LocalFileInput::ReadAt(int64_t offset, int64_t length, std::vector<uint8_t>& buffer) {
  if (offset < 0 || length < 0 || offset > size_ || length > size_ - offset) {
    return CorruptFile("parquet: range [{}, +{}) past the end of {} ({} bytes)", offset, length,
                       path_, size_);
  }
  buffer.resize(static_cast<size_t>(length));
  int64_t done = 0;
  while (done < length) {
    ssize_t n = ::pread(fd_, buffer.data() + done, static_cast<size_t>(length - done),
                        static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return IoError("cannot read {}: {}", path_, std::strerror(errno));
    }
    if (n == 0) return IoError("{} shrank while being read", path_);
    done += n;
  }
  return OkStatus();
}

}  // namespace floe::parquet
