// LocalFileIO: FileIO on the local file system.
//
// Accepts plain paths and file: URIs ("file:/a", "file:///a"). Output goes to a hidden
// temporary file beside the target ("<dir>/.<name>.<uuid>.tmp"), which Close() flushes,
// fsyncs and then links into place: link(2) fails if the target exists, so two writers of the
// same metadata file cannot both win and nothing is ever replaced (rename(2) is used only with
// overwrite). Parent folders are created as needed.
#pragma once

#include <string>
#include <string_view>

#include "floe/io/file_io.h"

namespace floe::io {

class LocalFileIO final : public FileIO {
 public:
  // When false, Close() skips fsync (tests and scratch data; never for a warehouse).
  explicit LocalFileIO(bool sync = true) : sync_(sync) {}

  Result<std::unique_ptr<InputFile>> NewInputFile(std::string_view location) override;
  Result<std::unique_ptr<OutputFile>> NewOutputFile(std::string_view location,
                                                    bool overwrite) override;
  Status DeleteFile(std::string_view location) override;
  Result<bool> Exists(std::string_view location) override;
  Result<std::vector<FileInfo>> List(std::string_view prefix) override;

  // The file-system path of a location: strips "file:" / "file://"; other schemes are errors.
  static Result<std::string> ToPath(std::string_view location);

 private:
  bool sync_;
};

}  // namespace floe::io
