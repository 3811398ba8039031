// RecordBatch: a schema plus one Array per field, all with the same number of rows.
//
// The unit that flows between layers: the Parquet reader yields batches, writers consume them.
// Built by Make, which checks the column count, each column's type against its field's type
// (ignoring field ids and metadata) and each column's length against num_rows. Immutable;
// copies share the schema and the column buffers; Slice is zero-copy.
//
//   FLOE_ASSIGN_OR_RETURN(auto batch, RecordBatch::Make(schema, {ids, names}));
//   const Array* names = batch.GetColumnByName("name");
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "floe/columnar/array.h"
#include "floe/columnar/type.h"
#include "floe/core/result.h"

namespace floe::columnar {

class RecordBatch {
 public:
  // num_rows is taken from the first column (0 when there are no columns).
  static Result<RecordBatch> Make(Schema schema, std::vector<Array> columns);
  static Result<RecordBatch> Make(Schema schema, std::vector<Array> columns, int64_t num_rows);
  static Result<RecordBatch> Make(std::shared_ptr<const Schema> schema, std::vector<Array> columns,
                                  int64_t num_rows);

  const Schema& schema() const { return *schema_; }
  const std::shared_ptr<const Schema>& shared_schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  int num_columns() const { return static_cast<int>(columns_.size()); }
  const Array& column(int i) const { return columns_[static_cast<size_t>(i)]; }
  const std::vector<Array>& columns() const { return columns_; }

  // The column of the first top-level field with this name, or nullptr.
  const Array* GetColumnByName(std::string_view name) const;

  // Rows [offset, offset + length), zero-copy. InvalidArgument when out of range.
  Result<RecordBatch> Slice(int64_t offset, int64_t length) const;
  // Rows [offset, num_rows()).
  Result<RecordBatch> Slice(int64_t offset) const { return Slice(offset, num_rows_ - offset); }

  // Schema and one line per column.
  std::string ToString() const;

 private:
  RecordBatch(std::shared_ptr<const Schema> schema, std::vector<Array> columns, int64_t num_rows)
      : schema_(std::move(schema)), columns_(std::move(columns)), num_rows_(num_rows) {}

  std::shared_ptr<const Schema> schema_;
  std::vector<Array> columns_;
  int64_t num_rows_ = 0;
};

}  // namespace floe::columnar
