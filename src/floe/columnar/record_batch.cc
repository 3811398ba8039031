#include "floe/columnar/record_batch.h"

#include <fmt/format.h>

namespace floe::columnar {

Result<RecordBatch> RecordBatch::Make(Schema schema, std::vector<Array> columns) {
  const int64_t num_rows = columns.empty() ? 0 : columns[0].length();
  return Make(std::make_shared<const Schema>(std::move(schema)), std::move(columns), num_rows);
}

Result<RecordBatch> RecordBatch::Make(Schema schema, std::vector<Array> columns, int64_t num_rows) {
  return Make(std::make_shared<const Schema>(std::move(schema)), std::move(columns), num_rows);
}

Result<RecordBatch> RecordBatch::Make(std::shared_ptr<const Schema> schema,
                                      std::vector<Array> columns, int64_t num_rows) {
  if (schema == nullptr) return InvalidArgument("record batch without a schema");
  if (num_rows < 0) return InvalidArgument("record batch with {} rows", num_rows);
  if (static_cast<int>(columns.size()) != schema->num_fields()) {
    return InvalidArgument("record batch has {} columns for {} fields", columns.size(),
                           schema->num_fields());
  }
  for (int i = 0; i < schema->num_fields(); ++i) {
    const Field& field = schema->field(i);
    const Array& column = columns[static_cast<size_t>(i)];
    if (!column.type().Equals(field.type(), /*check_metadata=*/false)) {
      return InvalidArgument("column {} ({}) has type {}, the schema says {}", i, field.name(),
                             column.type().ToString(), field.type().ToString());
    }
    if (column.length() != num_rows) {
      return InvalidArgument("column {} ({}) has {} rows, the batch {}", i, field.name(),
                             column.length(), num_rows);
    }
    if (!field.nullable() && column.null_count() > 0) {
      return InvalidArgument("column {} ({}) is not nullable but has {} nulls", i, field.name(),
                             column.null_count());
    }
  }
  return RecordBatch(std::move(schema), std::move(columns), num_rows);
}

const Array* RecordBatch::GetColumnByName(std::string_view name) const {
  const int i = schema_->GetFieldIndex(name);
  return i < 0 ? nullptr : &columns_[static_cast<size_t>(i)];
}

Result<RecordBatch> RecordBatch::Slice(int64_t offset, int64_t length) const {
  if (offset < 0 || length < 0 || offset > num_rows_ || length > num_rows_ - offset) {
    return InvalidArgument("slice [{}, {}) out of range for {} rows", offset, offset + length,
                           num_rows_);
  }
  std::vector<Array> columns;
  columns.reserve(columns_.size());
  for (const Array& column : columns_) columns.push_back(column.Slice(offset, length));
  return RecordBatch(schema_, std::move(columns), length);
}

std::string RecordBatch::ToString() const {
  std::string out = fmt::format("{} rows\n", num_rows_);
  for (int i = 0; i < num_columns(); ++i) {
    out += fmt::format("{}: {}\n", schema_->field(i).ToString(), column(i).ToString());
  }
  return out;
}

}  // namespace floe::columnar
