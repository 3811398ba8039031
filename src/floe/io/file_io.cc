#include "floe/io/file_io.h"

namespace floe::io {

Result<std::vector<uint8_t>> InputFile::ReadAll() {
  FLOE_ASSIGN_OR_RETURN(int64_t size, Size());
  std::vector<uint8_t> bytes;
  FLOE_RETURN_IF_ERROR(ReadAt(0, size, bytes));
  return bytes;
}

Result<std::vector<uint8_t>> FileIO::ReadFile(std::string_view location) {
  FLOE_ASSIGN_OR_RETURN(auto file, NewInputFile(location));
  return file->ReadAll();
}

Status FileIO::WriteFile(std::string_view location, std::span<const uint8_t> bytes,
                         bool overwrite) {
  FLOE_ASSIGN_OR_RETURN(auto file, NewOutputFile(location, overwrite));
  FLOE_RETURN_IF_ERROR(file->Write(bytes));
  return file->Close();
}

Status FileIO::WriteFile(std::string_view location, std::string_view text, bool overwrite) {
  return WriteFile(location,
                   std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()),
                                            text.size()),
                   overwrite);
}

}  // namespace floe::io
