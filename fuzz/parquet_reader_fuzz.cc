// libFuzzer entry point for floe's Parquet reader: any byte string is opened as a Parquet file and
// read whole. The reader must return an error, never crash, hang or allocate without bound.
//
// Built with FLOE_BUILD_FUZZ=ON under clang (fuzz/CMakeLists.txt); seeds in
// fuzz/corpus/parquet_reader_fuzz/ (small files floe wrote).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "floe/format/parquet/file_reader.h"
#include "floe/format/parquet/random_access_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint8_t> bytes(data, data + size);
  floe::parquet::ReaderOptions options;
  options.batch_size = 1024;
  auto reader = floe::parquet::FileReader::Open(
      std::make_unique<floe::parquet::InMemoryInput>(std::move(bytes)), options);
  if (!reader.has_value()) return 0;
  while (true) {
    auto batch = (*reader)->Next();
    if (!batch.has_value() || !batch->has_value()) break;
    if ((*batch)->num_columns() > 0) (void)(*batch)->column(0).ValidateFull();
  }
  return 0;
}
