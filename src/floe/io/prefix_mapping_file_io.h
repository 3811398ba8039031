// PrefixMappingFileIO: a FileIO that rewrites location prefixes before handing each call to
// another FileIO, so a table copied out of an object store ("s3://bucket/warehouse/...") reads
// from where it now lives ("/data/copy/warehouse/..."). The longest matching prefix wins;
// locations matching none pass through unchanged. List results are reported with the
// locations as the inner FileIO gives them.
//
//   auto io = std::make_shared<PrefixMappingFileIO>(std::make_shared<LocalFileIO>(),
//       std::map<std::string, std::string>{{"s3://bucket/", "/data/copy/"}});
#pragma once

#include <map>
#include <memory>
#include <string>

#include "floe/io/file_io.h"

namespace floe::io {

class PrefixMappingFileIO final : public FileIO {
 public:
  PrefixMappingFileIO(std::shared_ptr<FileIO> inner, std::map<std::string, std::string> mapping)
      : inner_(std::move(inner)), mapping_(std::move(mapping)) {}

  // `location` with its longest mapped prefix replaced.
  std::string Map(std::string_view location) const;

  Result<std::unique_ptr<InputFile>> NewInputFile(std::string_view location) override {
    return inner_->NewInputFile(Map(location));
  }
  Result<std::unique_ptr<OutputFile>> NewOutputFile(std::string_view location,
                                                    bool overwrite) override {
    return inner_->NewOutputFile(Map(location), overwrite);
  }
  Status DeleteFile(std::string_view location) override { return inner_->DeleteFile(Map(location)); }
  Result<bool> Exists(std::string_view location) override { return inner_->Exists(Map(location)); }
  Result<std::vector<FileInfo>> List(std::string_view prefix) override {
    return inner_->List(Map(prefix));
  }

 private:
  std::shared_ptr<FileIO> inner_;
  std::map<std::string, std::string> mapping_;
};

}  // namespace floe::io
