// MemoryFileIO: FileIO over a map in memory, for tests and scratch work. Same publishing rules
// as LocalFileIO: bytes appear at Close(), and an existing file is never replaced unless the
// output was opened with overwrite. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "floe/io/file_io.h"

namespace floe::io {

class MemoryFileIO final : public FileIO {
 public:
  Result<std::unique_ptr<InputFile>> NewInputFile(std::string_view location) override;
  Result<std::unique_ptr<OutputFile>> NewOutputFile(std::string_view location,
                                                    bool overwrite) override;
  Status DeleteFile(std::string_view location) override;
  Result<bool> Exists(std::string_view location) override;
  Result<std::vector<FileInfo>> List(std::string_view prefix) override;

  // Used by MemoryOutputFile::Close.
  Status Publish(const std::string& location, std::vector<uint8_t> bytes, bool overwrite);

 private:
  using Bytes = std::shared_ptr<const std::vector<uint8_t>>;
  std::mutex mu_;
  std::map<std::string, Bytes, std::less<>> files_;
};

}  // namespace floe::io
