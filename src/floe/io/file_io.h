// FileIO: the one seam through which tables read and write files (data, manifests, metadata).
//
// Locations are strings: a local path ("/lake/t/metadata/00001-<uuid>.metadata.json"),
// a file URI ("file:///lake/..."), and later object-store URIs. Implementations are safe to
// share between threads.
//
// Writes are all-or-nothing: an OutputFile's bytes become visible at its location only when
// Close() succeeds, and Close() refuses to replace an existing file unless the file was opened
// with overwrite — so a metadata file is never overwritten and a failed write leaves no partial
// file at the location.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "floe/core/result.h"

namespace floe::io {

// A file to read by ranges.
class InputFile {
 public:
  virtual ~InputFile() = default;
  virtual const std::string& location() const = 0;
  virtual Result<int64_t> Size() = 0;
  // Reads exactly `length` bytes at `offset` into `out` (resized; its capacity is reused).
  // A range past the end is kCorruptFile: callers read offsets that files told them.
  virtual Status ReadAt(int64_t offset, int64_t length, std::vector<uint8_t>& out) = 0;
  // The whole file.
  Result<std::vector<uint8_t>> ReadAll();
};

// A file being written; REQUIRES: Close() before the bytes count as written.
class OutputFile {
 public:
  virtual ~OutputFile() = default;
  virtual const std::string& location() const = 0;
  virtual Status Write(std::span<const uint8_t> bytes) = 0;
  // Bytes written so far.
  virtual int64_t position() const = 0;
  // Publishes the file at its location. kAlreadyExists if another file got there first (and
  // overwrite was not asked for); the written bytes are then discarded.
  virtual Status Close() = 0;
  // Discards what was written; the location is untouched. Also done by the destructor when
  // Close() was not called.
  virtual void Abort() = 0;
};

struct FileInfo {
  std::string location;
  int64_t size = 0;
};

class FileIO {
 public:
  virtual ~FileIO() = default;
  virtual Result<std::unique_ptr<InputFile>> NewInputFile(std::string_view location) = 0;
  virtual Result<std::unique_ptr<OutputFile>> NewOutputFile(std::string_view location,
                                                            bool overwrite = false) = 0;
  // kNotFound when there is no such file.
  virtual Status DeleteFile(std::string_view location) = 0;
  virtual Result<bool> Exists(std::string_view location) = 0;
  // Every file whose location starts with `prefix` (a folder: all files below it), sorted.
  virtual Result<std::vector<FileInfo>> List(std::string_view prefix) = 0;

  // Conveniences over the primitives above.
  Result<std::vector<uint8_t>> ReadFile(std::string_view location);
  Status WriteFile(std::string_view location, std::span<const uint8_t> bytes,
                   bool overwrite = false);
  Status WriteFile(std::string_view location, std::string_view text, bool overwrite = false);
};

}  // namespace floe::io
