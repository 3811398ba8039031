#include "floe/io/local_file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "floe/core/uuid.h"

namespace floe::io {
namespace {

namespace fs = std::filesystem;

Error ErrnoError(std::string_view what, const std::string& path, int err) {
  if (err == ENOENT) return NotFound("{} {}: no such file", what, path);
  if (err == EEXIST) return AlreadyExists("{} {}: file exists", what, path);
  return IoError("{} {}: {}", what, path, std::strerror(err));
}

class LocalInputFile final : public InputFile {
 public:
  LocalInputFile(std::string location, int fd, int64_t size)
      : location_(std::move(location)), fd_(fd), size_(size) {}
  ~LocalInputFile() override { ::close(fd_); }

  const std::string& location() const override { return location_; }
  Result<int64_t> Size() override { return size_; }

  Status ReadAt(int64_t offset, int64_t length, std::vector<uint8_t>& out) override {
    if (offset < 0 || length < 0 || offset > size_ || length > size_ - offset) {
      return CorruptFile("{}: read of {} bytes at offset {} is past the end ({} bytes)", location_,
                         length, offset, size_);
    }
    out.resize(static_cast<size_t>(length));
    int64_t done = 0;
    while (done < length) {
      ssize_t n = ::pread(fd_, out.data() + done, static_cast<size_t>(length - done), offset + done);
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoError("reading", location_, errno);
      }
      if (n == 0) return CorruptFile("{}: file shrank while reading", location_);
      done += n;
    }
    return OkStatus();
  }

 private:
  std::string location_;
  int fd_;
  int64_t size_;
};

class LocalOutputFile final : public OutputFile {
 public:
  LocalOutputFile(std::string location, std::string path, std::string tmp, int fd, bool overwrite,
                  bool sync)
      : location_(std::move(location)),
        path_(std::move(path)),
        tmp_(std::move(tmp)),
        fd_(fd),
        overwrite_(overwrite),
        sync_(sync) {}
  ~LocalOutputFile() override { Abort(); }

  const std::string& location() const override { return location_; }
  int64_t position() const override { return position_; }

  Status Write(std::span<const uint8_t> bytes) override {
    if (fd_ < 0) return Internal("{}: write after close", location_);
    size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
      if (n < 0) {
        if (errno == EINTR) continue;
        return ErrnoError("writing", location_, errno);
      }
      done += static_cast<size_t>(n);
    }
    position_ += static_cast<int64_t>(bytes.size());
    return OkStatus();
  }

  Status Close() override {
    if (fd_ < 0) return Internal("{}: closed twice", location_);
    if (sync_ && ::fsync(fd_) != 0) {
      int err = errno;
      Abort();
      return ErrnoError("syncing", location_, err);
    }
    ::close(fd_);
    fd_ = -1;
    int rc = overwrite_ ? ::rename(tmp_.c_str(), path_.c_str()) : ::link(tmp_.c_str(), path_.c_str());
    int err = errno;
    if (!overwrite_) ::unlink(tmp_.c_str());
    tmp_.clear();
    if (rc != 0) return ErrnoError("publishing", location_, err);
    if (sync_) SyncParent();
    return OkStatus();
  }

  void Abort() override {
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
    }
    if (!tmp_.empty()) {
      ::unlink(tmp_.c_str());
      tmp_.clear();
    }
  }

 private:
  // Makes the new directory entry durable.
  void SyncParent() {
    int dfd = ::open(fs::path(path_).parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
      (void)::fsync(dfd);
      ::close(dfd);
    }
  }

  std::string location_, path_, tmp_;
  int fd_;
  bool overwrite_, sync_;
  int64_t position_ = 0;
};

}  // namespace

Result<std::string> LocalFileIO::ToPath(std::string_view location) {
  if (location.empty()) return InvalidArgument("empty file location");
  if (location.starts_with("file://")) {
    location.remove_prefix(7);
  } else if (location.starts_with("file:")) {
    location.remove_prefix(5);
  } else if (auto colon = location.find("://"); colon != std::string_view::npos) {
    return NotSupported("location '{}': scheme '{}' is not supported by the local file IO",
                        location, location.substr(0, colon));
  }
  if (location.empty() || location[0] != '/') {
    // Relative paths are resolved against the working directory.
    std::error_code ec;
    auto abs = fs::absolute(fs::path(location), ec);
    if (ec) return IoError("cannot resolve '{}': {}", location, ec.message());
    return abs.lexically_normal().string();
  }
  return fs::path(location).lexically_normal().string();
}

Result<std::unique_ptr<InputFile>> LocalFileIO::NewInputFile(std::string_view location) {
  FLOE_ASSIGN_OR_RETURN(auto path, ToPath(location));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoError("opening", std::string(location), errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return ErrnoError("inspecting", std::string(location), err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return InvalidArgument("{} is a folder, not a file", location);
  }
  return std::make_unique<LocalInputFile>(std::string(location), fd, st.st_size);
}

Result<std::unique_ptr<OutputFile>> LocalFileIO::NewOutputFile(std::string_view location,
                                                               bool overwrite) {
  FLOE_ASSIGN_OR_RETURN(auto path, ToPath(location));
  fs::path p(path);
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  if (ec) return IoError("creating folder {}: {}", p.parent_path().string(), ec.message());
  if (!overwrite && fs::exists(p, ec)) return AlreadyExists("{} already exists", location);
  std::string tmp =
      (p.parent_path() / ("." + p.filename().string() + "." + Uuid::Random().ToString() + ".tmp"))
          .string();
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoError("creating", tmp, errno);
  return std::make_unique<LocalOutputFile>(std::string(location), path, tmp, fd, overwrite, sync_);
}

Status LocalFileIO::DeleteFile(std::string_view location) {
  FLOE_ASSIGN_OR_RETURN(auto path, ToPath(location));
  if (::unlink(path.c_str()) != 0) return ErrnoError("deleting", std::string(location), errno);
  return OkStatus();
}

Result<bool> LocalFileIO::Exists(std::string_view location) {
  FLOE_ASSIGN_OR_RETURN(auto path, ToPath(location));
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return S_ISREG(st.st_mode);
  if (errno == ENOENT || errno == ENOTDIR) return false;
  return ErrnoError("inspecting", std::string(location), errno);
}

Result<std::vector<FileInfo>> LocalFileIO::List(std::string_view prefix) {
  FLOE_ASSIGN_OR_RETURN(auto path, ToPath(prefix));
  std::vector<FileInfo> out;
  std::error_code ec;
  fs::path root(path);
  // A prefix that is a folder lists everything below it; otherwise list its parent and filter.
  fs::path dir = fs::is_directory(root, ec) ? root : root.parent_path();
  if (!fs::exists(dir, ec)) return out;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::end(it);
       it.increment(ec)) {
    if (!it->is_regular_file(ec)) continue;
    std::string p = it->path().string();
    if (!p.starts_with(path)) continue;
    if (it->path().filename().string().starts_with(".") &&
        it->path().filename().string().ends_with(".tmp")) {
      continue;  // an unfinished write
    }
    out.push_back({p, static_cast<int64_t>(it->file_size(ec))});
  }
  if (ec) return IoError("listing {}: {}", prefix, ec.message());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.location < b.location; });
  return out;
}

}  // namespace floe::io
