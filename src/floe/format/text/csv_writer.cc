#include "floe/format/text/csv_writer.h"

#include "floe/format/text/json_values_internal.h"

namespace floe::text {

using columnar::TypeKind;

namespace {

// Every column's fields go through the same checks; only these kinds can produce text that needs
// quoting or an explicit "" for empty.
bool MayNeedQuoting(TypeKind kind) {
  return kind == TypeKind::kString || kind == TypeKind::kBinary || kind == TypeKind::kStruct ||
         kind == TypeKind::kList || kind == TypeKind::kMap;
}

}  // namespace

CsvWriter::CsvWriter(std::ostream* out, columnar::Schema schema, CsvWriteOptions options)
    : out_(out), schema_(std::move(schema)), options_(std::move(options)) {}

void CsvWriter::AppendField(std::string_view value, bool always_quote_empty) {
  bool quote = (value.empty() && always_quote_empty) ||
               value.find_first_of(std::string{options_.delimiter, '"', '\r', '\n'}) !=
                   std::string_view::npos;
  if (!quote) {
    line_.append(value);
    return;
  }
  line_.push_back('"');
  for (char c : value) {
    if (c == '"') line_.push_back('"');
    line_.push_back(c);
  }
  line_.push_back('"');
}

Status CsvWriter::Flush() {
  out_->write(line_.data(), static_cast<std::streamsize>(line_.size()));
  line_.clear();
  if (!*out_) return IoError("writing CSV failed");
  return OkStatus();
}

Status CsvWriter::WriteHeaderOnce() {
  if (header_written_) return OkStatus();
  header_written_ = true;
  if (!options_.header) return OkStatus();
  for (int f = 0; f < schema_.num_fields(); ++f) {
    if (f > 0) line_.push_back(options_.delimiter);
    AppendField(schema_.field(f).name(), true);
  }
  line_.append(options_.line_end);
  return Flush();
}

Status CsvWriter::Write(const columnar::RecordBatch& batch) {
  if (!batch.schema().Equals(schema_, /*check_metadata=*/false))
    return InvalidArgument("CSV writer: batch schema {} differs from the writer's {}",
                           batch.schema().ToString(), schema_.ToString());
  FLOE_RETURN_IF_ERROR(WriteHeaderOnce());
  const int num_columns = batch.num_columns();
  std::vector<bool> quotable(static_cast<size_t>(num_columns));
  for (int c = 0; c < num_columns; ++c)
    quotable[static_cast<size_t>(c)] = MayNeedQuoting(batch.column(c).kind());
  // Lines collect into line_ and go to the stream every ~64 KiB.
  constexpr size_t kFlushBytes = 64 * 1024;
  for (int64_t r = 0; r < batch.num_rows(); ++r) {
    for (int c = 0; c < num_columns; ++c) {
      if (c > 0) line_.push_back(options_.delimiter);
      const columnar::Array& column = batch.column(c);
      if (column.IsNull(r)) continue;
      if (!quotable[static_cast<size_t>(c)]) {
        internal::AppendPlainText(column, r, &line_);
        continue;
      }
      cell_.clear();
      internal::AppendPlainText(column, r, &cell_);
      AppendField(cell_, true);
    }
    line_.append(options_.line_end);
    if (line_.size() >= kFlushBytes) FLOE_RETURN_IF_ERROR(Flush());
  }
  return Flush();
}

Status CsvWriter::Close() {
  FLOE_RETURN_IF_ERROR(WriteHeaderOnce());
  out_->flush();
  if (!*out_) return IoError("writing CSV failed");
  return OkStatus();
}

Status WriteCsv(columnar::BatchReader& reader, std::ostream& out, CsvWriteOptions options) {
  CsvWriter writer(&out, reader.schema(), std::move(options));
  while (true) {
    FLOE_ASSIGN_OR_RETURN(auto batch, reader.Next());
    if (!batch) break;
    FLOE_RETURN_IF_ERROR(writer.Write(*batch));
  }
  return writer.Close();
}

}  // namespace floe::text
