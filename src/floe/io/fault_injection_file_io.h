// FaultInjectionFileIO: wraps a FileIO and makes chosen operations fail, for tests of what a
// table does when storage misbehaves (a data file that cannot be written, a metadata file that
// fails to publish, a read error).
//
//   FaultInjectionFileIO io(std::make_shared<MemoryFileIO>());
//   io.FailNext(FaultInjectionFileIO::Op::kClose, "/data/", Unavailable("disk full"));
//
// A fault matches an operation kind and a location substring, and fires `times` times (then is
// spent). Every operation is counted, faulted or not. Thread-safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "floe/io/file_io.h"

namespace floe::io {

class FaultInjectionFileIO final : public FileIO {
 public:
  enum class Op { kOpenRead, kRead, kOpenWrite, kWrite, kClose, kDelete, kExists, kList };

  explicit FaultInjectionFileIO(std::shared_ptr<FileIO> base) : base_(std::move(base)) {}

  // The next `times` operations of kind `op` on a location containing `substring` fail with
  // `error`.
  void FailNext(Op op, std::string substring, Error error, int times = 1);
  void ClearFaults();
  // How many operations of this kind were attempted (faulted ones included).
  int count(Op op) const;
  // Locations published by a successful Close(), in order.
  std::vector<std::string> published() const;

  Result<std::unique_ptr<InputFile>> NewInputFile(std::string_view location) override;
  Result<std::unique_ptr<OutputFile>> NewOutputFile(std::string_view location,
                                                    bool overwrite) override;
  Status DeleteFile(std::string_view location) override;
  Result<bool> Exists(std::string_view location) override;
  Result<std::vector<FileInfo>> List(std::string_view prefix) override;

  // Counts `op` on `location` and returns the fault to inject, if any. Used by the wrappers.
  std::optional<Error> Check(Op op, std::string_view location);
  void RecordPublished(const std::string& location);

 private:
  struct Fault {
    Op op;
    std::string substring;
    Error error;
    int remaining;
  };
  std::shared_ptr<FileIO> base_;
  mutable std::mutex mu_;
  std::vector<Fault> faults_;
  std::map<Op, int> counts_;
  std::vector<std::string> published_;
};

}  // namespace floe::io
