// RandomAccessInput: where the Parquet reader gets its bytes. It reads the footer from the end,
// then column chunks by offset, so any store with ranged reads can serve it (local files, memory;
// S3 later through the io layer).
//
//   FLOE_ASSIGN_OR_RETURN(auto input, LocalFileInput::Open("data.parquet"));
//   FLOE_ASSIGN_OR_RETURN(auto reader, FileReader::Open(std::move(input)));
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "floe/core/result.h"

namespace floe::parquet {

class RandomAccessInput {
 public:
  virtual ~RandomAccessInput() = default;
  virtual Result<int64_t> Size() = 0;
  // Reads exactly `length` bytes at `offset` into `buffer` (resized to `length`, capacity reused).
  // A range past the end is kCorruptFile (the caller trusted an offset from the file).
  // May be called from several threads at once (a FileReader with decode_threads > 1), each
  // with its own buffer; the implementations here are stateless (pread, or a copy from memory).
  virtual Status ReadAt(int64_t offset, int64_t length, std::vector<uint8_t>& buffer) = 0;
};

// Bytes held in memory (tests, small files, buffers fetched whole).
class InMemoryInput final : public RandomAccessInput {
 public:
  explicit InMemoryInput(std::vector<uint8_t> bytes) : bytes_(std::move(bytes)) {}
  Result<int64_t> Size() override { return static_cast<int64_t>(bytes_.size()); }
  Status ReadAt(int64_t offset, int64_t length, std::vector<uint8_t>& buffer) override;

 private:
  std::vector<uint8_t> bytes_;
};

// A local file read with pread.
class LocalFileInput final : public RandomAccessInput {
 public:
  static Result<std::unique_ptr<LocalFileInput>> Open(const std::string& path);
  ~LocalFileInput() override;
  LocalFileInput(const LocalFileInput&) = delete;
  LocalFileInput& operator=(const LocalFileInput&) = delete;

  Result<int64_t> Size() override { return size_; }
  Status ReadAt(int64_t offset, int64_t length, std::vector<uint8_t>& buffer) override;

 private:
  LocalFileInput(int fd, int64_t size, std::string path)
      : fd_(fd), size_(size), path_(std::move(path)) {}
  int fd_;
  int64_t size_;
  std::string path_;
};

}  // namespace floe::parquet
