// BatchReader: a pull stream of RecordBatches sharing one schema.
//
// What table scans and file readers return, and what writers and the Arrow C stream export
// consume. Next() yields batches in order and std::nullopt at the end (and after it); an error
// ends the stream. A reader is used from one thread at a time.
//
//   while (true) {
//     FLOE_ASSIGN_OR_RETURN(auto batch, reader->Next());
//     if (!batch) break;
//     ...
//   }
//
// VectorBatchReader streams batches held in memory (tests, small results, C stream import
// targets).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <vector>

#include "floe/columnar/record_batch.h"
#include "floe/columnar/type.h"
#include "floe/core/result.h"

namespace floe::columnar {

class BatchReader {
 public:
  virtual ~BatchReader() = default;

  // The schema every batch has.
  virtual const Schema& schema() const = 0;
  // The next batch, or std::nullopt at the end of the stream.
  virtual Result<std::optional<RecordBatch>> Next() = 0;

  // Reads the rest of the stream into memory.
  Result<std::vector<RecordBatch>> ReadAll();
};

class VectorBatchReader final : public BatchReader {
 public:
  // InvalidArgument when a batch's schema differs from `schema` (field ids and metadata are
  // compared too).
  static Result<std::unique_ptr<VectorBatchReader>> Make(Schema schema,
                                                         std::vector<RecordBatch> batches);

  const Schema& schema() const override { return schema_; }
  Result<std::optional<RecordBatch>> Next() override;

 private:
  VectorBatchReader(Schema schema, std::vector<RecordBatch> batches)
      : schema_(std::move(schema)), batches_(std::move(batches)) {}

  Schema schema_;
  std::vector<RecordBatch> batches_;
  size_t next_ = 0;
};

}  // namespace floe::columnar
