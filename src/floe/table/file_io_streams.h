// Adapters between the io layer's files and the Parquet codec's byte streams, so data files are
// written and read through a table's FileIO (local today, object stores later).
#pragma once

#include <memory>
#include <vector>

#include "floe/format/parquet/output_stream.h"
#include "floe/format/parquet/random_access_input.h"
#include "floe/io/file_io.h"

namespace floe::table {

// Buffers writes (1 MiB, reused) into an io::OutputFile; Close() publishes the file.
class FileIOOutputStream final : public parquet::OutputStream {
 public:
  explicit FileIOOutputStream(std::unique_ptr<io::OutputFile> file);
  Status Write(std::span<const uint8_t> bytes) override;
  Status Close() override;

 private:
  std::unique_ptr<io::OutputFile> file_;
  std::vector<uint8_t> buffer_;
};

// Ranged reads of an io::InputFile.
class FileIOInput final : public parquet::RandomAccessInput {
 public:
  explicit FileIOInput(std::unique_ptr<io::InputFile> file) : file_(std::move(file)) {}
  Result<int64_t> Size() override { return file_->Size(); }
  Status ReadAt(int64_t offset, int64_t length, std::vector<uint8_t>& buffer) override {
    return file_->ReadAt(offset, length, buffer);
  }

 private:
  std::unique_ptr<io::InputFile> file_;
};

}  // namespace floe::table
