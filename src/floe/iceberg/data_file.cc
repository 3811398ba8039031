#include "floe/iceberg/data_file.h"

#include <algorithm>

namespace floe::iceberg {

std::string_view DataFileContentName(DataFileContent content) {
  switch (content) {
    case DataFileContent::kData:
      return "data";
    case DataFileContent::kPositionDeletes:
      return "position deletes";
    case DataFileContent::kEqualityDeletes:
      return "equality deletes";
  }
  return "unknown";
}

Status DataFile::Validate() const {
  if (file_path.empty()) return InvalidArgument("data file: empty file_path");
  if (file_format.empty()) return InvalidArgument("data file {}: empty file_format", file_path);
  if (record_count < 0 || file_size_in_bytes < 0) {
    return InvalidArgument("data file {}: negative record_count or file_size_in_bytes", file_path);
  }
  if (!std::is_sorted(split_offsets.begin(), split_offsets.end())) {
    return InvalidArgument("data file {}: split_offsets must be sorted ascending", file_path);
  }
  bool equality = content == DataFileContent::kEqualityDeletes;
  if (equality && equality_ids.empty()) {
    return InvalidArgument("data file {}: equality delete file without equality_ids", file_path);
  }
  if (!equality && !equality_ids.empty()) {
    return InvalidArgument("data file {}: equality_ids on a {} file", file_path,
                           DataFileContentName(content));
  }
  return OkStatus();
}

}  // namespace floe::iceberg
