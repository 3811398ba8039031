#include "floe/format/text/table_printer.h"

#include <algorithm>

#include "floe/format/text/json_values_internal.h"

namespace floe::text {

using columnar::TypeKind;

namespace {

constexpr std::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026

bool IsNumeric(TypeKind kind) {
  return kind == TypeKind::kInt32 || kind == TypeKind::kInt64 || kind == TypeKind::kFloat32 ||
         kind == TypeKind::kFloat64 || kind == TypeKind::kDecimal128;
}

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

void AppendPadding(int n, std::string* out) {
  if (n > 0) out->append(static_cast<size_t>(n), ' ');
}

}  // namespace

TablePrinter::TablePrinter(columnar::Schema schema, TablePrintOptions options)
    : schema_(std::move(schema)), options_(options) {
  options_.max_column_width = std::max(options_.max_column_width, 2);
  for (const columnar::Field& field : schema_.fields()) {
    Column column;
    column.header = Fit(field.name(), &column.width);
    column.right_aligned = IsNumeric(field.type().kind());
    columns_.push_back(std::move(column));
  }
  widths_.resize(columns_.size());
}

std::string TablePrinter::Fit(std::string_view text, int* width) const {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '\n':
        escaped.append("\\n");
        break;
      case '\r':
        escaped.append("\\r");
        break;
      case '\t':
        escaped.append("\\t");
        break;
      default:
        escaped.push_back(c);
    }
  }
  const int max = options_.max_column_width;
  int w = 0;
  size_t keep = 0;  // bytes of the first max - 1 code points
  for (size_t i = 0; i < escaped.size(); ++i) {
    if (IsContinuationByte(escaped[i])) continue;
    if (w == max - 1) keep = i;
    ++w;
  }
  if (w <= max) {
    *width = w;
    return escaped;
  }
  escaped.resize(keep);
  escaped.append(kEllipsis);
  *width = max;
  return escaped;
}

Status TablePrinter::Add(const columnar::RecordBatch& batch) {
  if (!batch.schema().Equals(schema_, /*check_metadata=*/false))
    return InvalidArgument("table printer: batch schema {} differs from {}",
                           batch.schema().ToString(), schema_.ToString());
  std::string text;
  for (int c = 0; c < batch.num_columns(); ++c) {
    const columnar::Array& array = batch.column(c);
    Column& column = columns_[static_cast<size_t>(c)];
    std::vector<int>& widths = widths_[static_cast<size_t>(c)];
    for (int64_t r = 0; r < batch.num_rows(); ++r) {
      text.clear();
      if (array.IsNull(r)) {
        text = "null";
      } else {
        internal::AppendPlainText(array, r, &text);
      }
      int width = 0;
      column.cells.push_back(Fit(text, &width));
      widths.push_back(width);
      column.width = std::max(column.width, width);
    }
  }
  num_rows_ += batch.num_rows();
  return OkStatus();
}

void TablePrinter::Print(std::ostream& out) const {
  std::string line;
  const size_t n = columns_.size();
  auto append_cell = [&](size_t c, const std::string& text, int width) {
    const Column& column = columns_[c];
    if (c > 0) line.append(" | ");
    int pad = column.width - width;
    if (column.right_aligned) AppendPadding(pad, &line);
    line.append(text);
    // No trailing spaces after the last column.
    if (!column.right_aligned && c + 1 < n) AppendPadding(pad, &line);
  };
  if (n > 0) {
    for (size_t c = 0; c < n; ++c) {
      int header_width = 0;
      std::string header = Fit(schema_.field(static_cast<int>(c)).name(), &header_width);
      append_cell(c, header, header_width);
    }
    line.push_back('\n');
    for (size_t c = 0; c < n; ++c) {
      if (c > 0) line.append("-+-");
      line.append(static_cast<size_t>(columns_[c].width), '-');
    }
    line.push_back('\n');
    out << line;
    for (int64_t r = 0; r < num_rows_; ++r) {
      line.clear();
      for (size_t c = 0; c < n; ++c)
        append_cell(c, columns_[c].cells[static_cast<size_t>(r)],
                    widths_[c][static_cast<size_t>(r)]);
      line.push_back('\n');
      out << line;
    }
  }
  if (options_.row_count_footer)
    out << "(" << num_rows_ << (num_rows_ == 1 ? " row)" : " rows)") << "\n";
}

Status PrintTable(columnar::BatchReader& reader, std::ostream& out, TablePrintOptions options) {
  TablePrinter printer(reader.schema(), options);
  while (true) {
    FLOE_ASSIGN_OR_RETURN(auto batch, reader.Next());
    if (!batch) break;
    FLOE_RETURN_IF_ERROR(printer.Add(*batch));
  }
  printer.Print(out);
  return OkStatus();
}

}  // namespace floe::text
