// OutputStream: where the Parquet writer puts its bytes, appended in order; in memory or a local
// file. The io layer's FileIO can stand behind it later (an adapter), as RandomAccessInput does
// for reading.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "floe/core/result.h"

namespace floe::parquet {

// Where the writer puts its bytes: appended in order.
class OutputStream {
 public:
  virtual ~OutputStream() = default;
  virtual Status Write(std::span<const uint8_t> bytes) = 0;
  // Flushes and closes; no writes after.
  virtual Status Close() = 0;
};

// Collects the bytes in memory.
class InMemoryOutput final : public OutputStream {
 public:
  Status Write(std::span<const uint8_t> bytes) override {
    bytes_.insert(bytes_.end(), bytes.begin(), bytes.end());
    return OkStatus();
  }
  Status Close() override { return OkStatus(); }
  const std::vector<uint8_t>& bytes() const { return bytes_; }
  std::vector<uint8_t> Release() { return std::move(bytes_); }

 private:
  std::vector<uint8_t> bytes_;
};

// Writes a local file (created or truncated), through a reused buffer.
class LocalFileOutput final : public OutputStream {
 public:
  static Result<std::unique_ptr<LocalFileOutput>> Create(const std::string& path);
  ~LocalFileOutput() override;
  LocalFileOutput(const LocalFileOutput&) = delete;
  LocalFileOutput& operator=(const LocalFileOutput&) = delete;

  Status Write(std::span<const uint8_t> bytes) override;
  Status Close() override;

 private:
  LocalFileOutput(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  Status Flush();
  int fd_;
  std::string path_;
  std::vector<uint8_t> buffer_;
};

}  // namespace floe::parquet
