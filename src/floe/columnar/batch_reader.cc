#include "floe/columnar/batch_reader.h"

namespace floe::columnar {

Result<std::vector<RecordBatch>> BatchReader::ReadAll() {
  std::vector<RecordBatch> batches;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(auto batch, Next());
    if (!batch) break;
    batches.push_back(*std::move(batch));
  }
  return batches;
}

Result<std::unique_ptr<VectorBatchReader>> VectorBatchReader::Make(
    Schema schema, std::vector<RecordBatch> batches) {
  for (size_t i = 0; i < batches.size(); ++i) {
    if (!batches[i].schema().Equals(schema)) {
      return InvalidArgument("batch {} has schema\n{}\nexpected\n{}", i,
                             batches[i].schema().ToString(), schema.ToString());
    }
  }
  return std::unique_ptr<VectorBatchReader>(
      new VectorBatchReader(std::move(schema), std::move(batches)));
}

Result<std::optional<RecordBatch>> VectorBatchReader::Next() {
  if (next_ >= batches_.size()) return std::optional<RecordBatch>();
  return std::optional<RecordBatch>(std::move(batches_[next_++]));
}

}  // namespace floe::columnar
