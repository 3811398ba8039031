#include "floe/format/text/csv_reader.h"

#include <unordered_set>

#include "floe/columnar/builder.h"
#include "floe/format/text/byte_source_internal.h"
#include "floe/format/text/csv_parser_internal.h"
#include "floe/format/text/json_values_internal.h"
#include "floe/format/text/text_values_internal.h"

namespace floe::text {

using columnar::DataType;
using columnar::Field;
using columnar::Schema;
using columnar::TypeKind;
using internal::CsvCell;

namespace {

// A batch also ends at about this many fields or bytes of text, so that wide rows keep memory
// bounded whatever batch_size says.
constexpr size_t kMaxBatchCells = size_t{1} << 20;
constexpr size_t kMaxBatchTextBytes = size_t{64} << 20;

std::string_view CellText(const std::string& text, const CsvCell& cell) {
  return std::string_view(text).substr(cell.begin, cell.size);
}

bool IsBlankRecord(const std::vector<CsvCell>& cells, size_t first) {
  return cells.size() - first == 1 && cells[first].size == 0 && !cells[first].quoted;
}

}  // namespace

CsvReader::CsvReader(std::unique_ptr<internal::ByteSource> source, CsvReadOptions options,
                     std::string name)
    : source_(std::move(source)), options_(std::move(options)), name_(std::move(name)) {
  parser_ = std::make_unique<internal::CsvParser>(source_.get(), name_, options_.delimiter,
                                                  options_.chunk_size);
}

CsvReader::~CsvReader() = default;

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path,
                                                   CsvReadOptions options) {
  FLOE_ASSIGN_OR_RETURN(auto source, internal::ByteSource::OpenFile(path));
  return Make(std::move(source), std::move(options), path);
}

Result<std::unique_ptr<CsvReader>> CsvReader::FromString(std::string text, CsvReadOptions options,
                                                         std::string name) {
  return Make(internal::ByteSource::FromString(std::move(text)), std::move(options),
              std::move(name));
}

Result<std::unique_ptr<CsvReader>> CsvReader::Make(std::unique_ptr<internal::ByteSource> source,
                                                   CsvReadOptions options, std::string name) {
  if (options.batch_size <= 0) return InvalidArgument("CSV batch size must be positive");
  if (options.chunk_size == 0) return InvalidArgument("CSV chunk size must be positive");
  std::optional<Schema> schema = std::move(options.schema);
  options.schema.reset();
  std::unique_ptr<CsvReader> reader(
      new CsvReader(std::move(source), std::move(options), std::move(name)));
  FLOE_RETURN_IF_ERROR(reader->ReadHeader());
  if (schema) {
    FLOE_RETURN_IF_ERROR(reader->BindSchema(std::move(*schema)));
  } else {
    FLOE_RETURN_IF_ERROR(reader->InferSchema());
  }
  return reader;
}

Status CsvReader::ReadHeader() {
  std::string text;
  std::vector<CsvCell> cells;
  int64_t line = 0;
  while (true) {
    text.clear();
    cells.clear();
    FLOE_ASSIGN_OR_RETURN(bool found, parser_->NextRecord(&text, &cells, &line));
    if (!found) return InvalidArgument("{}: no header row (the file is empty)", name_);
    if (!IsBlankRecord(cells, 0)) break;
  }
  header_.clear();
  std::unordered_set<std::string> seen;
  for (const CsvCell& cell : cells) {
    std::string name(CellText(text, cell));
    if (name.empty())
      return InvalidArgument("{} line {}: column {} of the header has no name", name_, line,
                             header_.size() + 1);
    if (!seen.insert(name).second)
      return InvalidArgument("{} line {}: duplicate column \"{}\" in the header", name_, line,
                             name);
    header_.push_back(std::move(name));
  }
  return OkStatus();
}

Status CsvReader::InferSchema() {
  std::vector<internal::TextTypeGuess> guesses(header_.size(), internal::TextTypeGuess(true));
  int64_t rows = 0;
  int64_t line = 0;
  while (options_.inference_rows <= 0 || rows < options_.inference_rows) {
    text_.clear();
    cells_.clear();
    FLOE_ASSIGN_OR_RETURN(bool found, parser_->NextRecord(&text_, &cells_, &line));
    if (!found) break;
    if (header_.size() > 1 && IsBlankRecord(cells_, 0)) continue;
    if (cells_.size() != header_.size())
      return InvalidArgument("{} line {}: expected {} fields, found {}", name_, line,
                             header_.size(), cells_.size());
    for (size_t c = 0; c < cells_.size(); ++c) {
      if (cells_[c].size == 0) continue;  // null (or an empty quoted string)
      guesses[c].Observe(CellText(text_, cells_[c]));
    }
    ++rows;
  }
  std::vector<Field> fields;
  for (size_t c = 0; c < header_.size(); ++c)
    fields.emplace_back(header_[c], guesses[c].Decide(), /*nullable=*/true);
  // Start over for the batches: rewind and skip the header again.
  FLOE_RETURN_IF_ERROR(parser_->Rewind());
  FLOE_RETURN_IF_ERROR(ReadHeader());
  return BindSchema(Schema(std::move(fields)));
}

Status CsvReader::BindSchema(Schema schema) {
  for (const std::string& column : header_) {
    if (schema.GetFieldIndex(column) < 0)
      return InvalidArgument("{} line 1: column \"{}\" is not in the table schema", name_, column);
  }
  file_column_.clear();
  builders_.clear();
  for (const Field& field : schema.fields()) {
    int column = -1;
    for (size_t c = 0; c < header_.size(); ++c)
      if (header_[c] == field.name()) column = static_cast<int>(c);
    if (column < 0 && !field.nullable())
      return InvalidArgument("{}: required column \"{}\" is missing from the header", name_,
                             field.name());
    file_column_.push_back(column);
    FLOE_ASSIGN_OR_RETURN(auto builder, columnar::MakeBuilder(field.type()));
    builders_.push_back(std::move(builder));
  }
  schema_ = std::make_shared<const Schema>(std::move(schema));
  return OkStatus();
}

Result<std::optional<columnar::RecordBatch>> CsvReader::Next() {
  if (done_) return std::nullopt;
  text_.clear();
  cells_.clear();
  lines_.clear();
  int64_t rows = 0;
  while (rows < options_.batch_size && cells_.size() < kMaxBatchCells &&
         text_.size() < kMaxBatchTextBytes) {
    size_t first = cells_.size();
    size_t text_mark = text_.size();
    int64_t line = 0;
    auto found = parser_->NextRecord(&text_, &cells_, &line);
    if (!found.has_value()) {
      done_ = true;
      return std::move(found).error();
    }
    if (!*found) {
      done_ = true;
      break;
    }
    if (header_.size() > 1 && IsBlankRecord(cells_, first)) {
      cells_.resize(first);
      text_.resize(text_mark);
      continue;
    }
    if (cells_.size() - first != header_.size()) {
      done_ = true;
      return InvalidArgument("{} line {}: expected {} fields, found {}", name_, line,
                             header_.size(), cells_.size() - first);
    }
    lines_.push_back(line);
    ++rows;
  }
  if (rows == 0) return std::nullopt;
  std::vector<columnar::Array> columns;
  columns.reserve(builders_.size());
  for (int f = 0; f < schema_->num_fields(); ++f) {
    Status converted = ConvertColumn(f, rows);
    if (!converted.has_value()) {
      done_ = true;
      for (auto& builder : builders_) builder->Reset();
      return std::move(converted).error();
    }
  }
  for (auto& builder : builders_) {
    FLOE_ASSIGN_OR_RETURN(columnar::Array array, builder->Finish());
    columns.push_back(std::move(array));
  }
  FLOE_ASSIGN_OR_RETURN(auto batch, columnar::RecordBatch::Make(schema_, std::move(columns), rows));
  return batch;
}

Status CsvReader::ConvertColumn(int field_index, int64_t num_rows) {
  const Field& field = schema_->field(field_index);
  columnar::ArrayBuilder& builder = *builders_[static_cast<size_t>(field_index)];
  const int column = file_column_[static_cast<size_t>(field_index)];
  if (column < 0) return builder.AppendNulls(num_rows);
  FLOE_RETURN_IF_ERROR(builder.Reserve(num_rows));
  const DataType& type = field.type();
  const bool empty_quoted_is_value =
      type.kind() == TypeKind::kString || type.kind() == TypeKind::kBinary;
  const size_t width = header_.size();
  std::string problem;
  internal::JsonProblem json_problem;
  for (int64_t r = 0; r < num_rows; ++r) {
    const CsvCell& cell = cells_[static_cast<size_t>(r) * width + static_cast<size_t>(column)];
    std::string_view value = CellText(text_, cell);
    const int64_t line = lines_[static_cast<size_t>(r)];
    if (value.empty() && !(cell.quoted && empty_quoted_is_value)) {
      if (!field.nullable())
        return InvalidArgument("{} line {}, column \"{}\": empty value in a required column", name_,
                               line, field.name());
      FLOE_RETURN_IF_ERROR(builder.AppendNull());
      continue;
    }
    if (type.is_nested()) {
      internal::Json json = internal::Json::parse(value, nullptr, /*allow_exceptions=*/false);
      if (json.is_discarded())
        return InvalidArgument("{} line {}, column \"{}\": {} is not valid JSON for {}", name_,
                               line, field.name(), internal::QuoteForMessage(value),
                               type.ToString());
      if (!internal::AppendJson(json, field, builder, &json_problem)) {
        std::string shown = json_problem.value.empty() ? "" : json_problem.value + " ";
        return InvalidArgument("{} line {}, column \"{}{}\": {}{}", name_, line, field.name(),
                               json_problem.path, shown, json_problem.problem);
      }
      continue;
    }
    if (!internal::AppendScalarText(value, type, builder, /*base64=*/false, &problem))
      return InvalidArgument("{} line {}, column \"{}\": {} {}", name_, line, field.name(),
                             internal::QuoteForMessage(value), problem);
  }
  return OkStatus();
}

}  // namespace floe::text
