// The files `floe write` reads and `floe read` writes: Parquet, CSV and JSON lines in, and
// Parquet, CSV, JSON lines or a plain-text table out.
#pragma once

#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "floe/columnar/batch_reader.h"
#include "floe/columnar/record_batch.h"
#include "floe/core/result.h"

namespace floe::cli {

enum class InputFormat { kParquet, kCsv, kJsonl };
enum class OutputFormat { kTable, kCsv, kJsonl, kParquet };

// `format` when given ("parquet", "csv", "jsonl"), else from the extension (.parquet, .csv,
// .jsonl, .ndjson, .json).
Result<InputFormat> ResolveInputFormat(const std::string& path, const std::string& format);
Result<OutputFormat> ParseOutputFormat(const std::string& format);

// Batches of a file. Text is read as `schema` when given (names matched, values converted, bad
// values named by line and column), else with inferred types. Parquet is read as it is, with
// its field ids dropped: columns meet a table by name.
Result<std::unique_ptr<columnar::BatchReader>> OpenInput(const std::string& path,
                                                         InputFormat format,
                                                         const std::optional<columnar::Schema>& schema);

class BatchSink {
 public:
  virtual ~BatchSink() = default;
  virtual Status Write(const columnar::RecordBatch& batch) = 0;
  virtual Status Finish() = 0;
};

// Text formats go to `out`; Parquet to the file `path`.
Result<std::unique_ptr<BatchSink>> MakeOutput(OutputFormat format, const columnar::Schema& schema,
                                              std::ostream& out, const std::string& path);

}  // namespace floe::cli
