#include "floe/io/memory_file_io.h"

#include <cstring>

namespace floe::io {
namespace {

class MemoryInputFile final : public InputFile {
 public:
  MemoryInputFile(std::string location, std::shared_ptr<const std::vector<uint8_t>> bytes)
      : location_(std::move(location)), bytes_(std::move(bytes)) {}
  const std::string& location() const override { return location_; }
  Result<int64_t> Size() override { return static_cast<int64_t>(bytes_->size()); }
  Status ReadAt(int64_t offset, int64_t length, std::vector<uint8_t>& out) override {
    const auto size = static_cast<int64_t>(bytes_->size());
    if (offset < 0 || length < 0 || offset > size || length > size - offset) {
      return CorruptFile("{}: read of {} bytes at offset {} is past the end ({} bytes)", location_,
                         length, offset, size);
    }
    out.resize(static_cast<size_t>(length));
    if (length > 0) std::memcpy(out.data(), bytes_->data() + offset, static_cast<size_t>(length));
    return OkStatus();
  }

 private:
  std::string location_;
  std::shared_ptr<const std::vector<uint8_t>> bytes_;
};

class MemoryOutputFile final : public OutputFile {
 public:
  MemoryOutputFile(MemoryFileIO* io, std::string location, bool overwrite)
      : io_(io), location_(std::move(location)), overwrite_(overwrite) {}
  const std::string& location() const override { return location_; }
  int64_t position() const override { return static_cast<int64_t>(bytes_.size()); }
  Status Write(std::span<const uint8_t> bytes) override {
    if (closed_) return Internal("{}: write after close", location_);
    bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
    return OkStatus();
  }
  Status Close() override {
    if (closed_) return Internal("{}: closed twice", location_);
    closed_ = true;
    return io_->Publish(location_, std::move(bytes_), overwrite_);
  }
  void Abort() override {
    closed_ = true;
    bytes_.clear();
  }

 private:
  MemoryFileIO* io_;
  std::string location_;
  bool overwrite_;
  bool closed_ = false;
  std::vector<uint8_t> bytes_;
};

}  // namespace

Result<std::unique_ptr<InputFile>> MemoryFileIO::NewInputFile(std::string_view location) {
  std::lock_guard lock(mu_);
  auto it = files_.find(location);
  if (it == files_.end()) return NotFound("opening {}: no such file", location);
  return std::make_unique<MemoryInputFile>(std::string(location), it->second);
}

Result<std::unique_ptr<OutputFile>> MemoryFileIO::NewOutputFile(std::string_view location,
                                                                bool overwrite) {
  if (location.empty()) return InvalidArgument("empty file location");
  std::lock_guard lock(mu_);
  if (!overwrite && files_.count(location)) return AlreadyExists("{} already exists", location);
  return std::make_unique<MemoryOutputFile>(this, std::string(location), overwrite);
}

Status MemoryFileIO::Publish(const std::string& location, std::vector<uint8_t> bytes,
                             bool overwrite) {
  std::lock_guard lock(mu_);
  if (!overwrite && files_.count(location)) {
    return AlreadyExists("publishing {}: file exists", location);
  }
  files_[location] = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
  return OkStatus();
}

Status MemoryFileIO::DeleteFile(std::string_view location) {
  std::lock_guard lock(mu_);
  auto it = files_.find(location);
  if (it == files_.end()) return NotFound("deleting {}: no such file", location);
  files_.erase(it);
  return OkStatus();
}

Result<bool> MemoryFileIO::Exists(std::string_view location) {
  std::lock_guard lock(mu_);
  return files_.count(location) > 0;
}

Result<std::vector<FileInfo>> MemoryFileIO::List(std::string_view prefix) {
  std::lock_guard lock(mu_);
  std::vector<FileInfo> out;
  for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.starts_with(prefix);
       ++it) {
    out.push_back({it->first, static_cast<int64_t>(it->second->size())});
  }
  return out;
}

}  // namespace floe::io
