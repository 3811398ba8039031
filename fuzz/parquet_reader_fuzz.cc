// libFuzzer entry point for floe's Parquet reader: any byte string is opened as a Parquet file and
// read whole, then read again projected to some of its nested field ids with two decode threads
// (the pruning and the parallel, page-by-page path). The reader must return an error, never
// crash, hang or allocate without bound.
//
// Built with FLOE_BUILD_FUZZ=ON under clang (fuzz/CMakeLists.txt); seeds in
// fuzz/corpus/parquet_reader_fuzz/ (small files floe and DuckDB wrote).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "floe/format/parquet/file_reader.h"
#include "floe/format/parquet/random_access_input.h"

namespace {

void ReadAll(const uint8_t* data, size_t size, floe::parquet::ReaderOptions options,
             std::vector<int32_t>* leaf_ids) {
  std::vector<uint8_t> bytes(data, data + size);
  auto reader = floe::parquet::FileReader::Open(
      std::make_unique<floe::parquet::InMemoryInput>(std::move(bytes)), std::move(options));
  if (!reader.has_value()) return;
  if (leaf_ids != nullptr) {
    // Every other leaf's id: nested ids prune their top-level fields.
    const auto& leaves = (*reader)->file_schema().leaves();
    for (size_t i = 0; i < leaves.size(); i += 2) {
      if (leaves[i]->field_id) leaf_ids->push_back(*leaves[i]->field_id);
    }
  }
  while (true) {
    auto batch = (*reader)->Next();
    if (!batch.has_value() || !batch->has_value()) break;
    for (int c = 0; c < (*batch)->num_columns(); ++c) (void)(*batch)->column(c).ValidateFull();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  floe::parquet::ReaderOptions options;
  options.batch_size = 1024;
  std::vector<int32_t> leaf_ids;
  ReadAll(data, size, options, &leaf_ids);
  if (!leaf_ids.empty()) {
    floe::parquet::ReaderOptions projected;
    projected.batch_size = 100;
    projected.decode_threads = 2;
    projected.field_ids = leaf_ids;
    ReadAll(data, size, projected, nullptr);
  }
  return 0;
}
