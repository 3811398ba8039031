#include "floe/format/text/jsonl_reader.h"

#include <utility>

#include "floe/columnar/builder.h"
#include "floe/format/text/byte_source_internal.h"
#include "floe/format/text/json_values_internal.h"
#include "floe/format/text/text_values_internal.h"

namespace floe::text {

using columnar::DataType;
using columnar::Field;
using columnar::Schema;
using internal::Json;

namespace {

// A batch also ends after about this much JSON text, so that large objects keep memory bounded
// whatever batch_size says (parsed JSON takes several times its text).
constexpr size_t kMaxBatchTextBytes = size_t{16} << 20;

}  // namespace

namespace internal {

// The parsed lines of the batch being built, with their line numbers.
struct JsonlRows {
  std::vector<Json> values;
  std::vector<int64_t> lines;
  // values[r]'s value for field f at r * num_fields + f (a null when the key is missing).
  std::vector<const Json*> cells;
  // Bytes of JSON text behind values.
  size_t bytes = 0;
};

namespace {

// What inference has seen of one value position (a column, a struct field, a list's items).
class JsonGuess {
 public:
  void Observe(const Json& v) {
    switch (v.type()) {
      case Json::value_t::null:
      case Json::value_t::discarded:
        return;
      case Json::value_t::boolean:
        booleans_ = true;
        return;
      case Json::value_t::number_integer:
      case Json::value_t::number_unsigned:
        integers_ = true;
        return;
      case Json::value_t::number_float:
        floats_ = true;
        return;
      case Json::value_t::string: {
        // The writers' spelling of non-finite floats (JSON has no such numbers).
        const std::string& s = v.get_ref<const std::string&>();
        if (s == "NaN" || s == "Infinity" || s == "-Infinity") {
          non_finite_ = true;
        } else {
          strings_ = true;
          string_guess_.Observe(s);
        }
        return;
      }
      case Json::value_t::binary:
        strings_ = true;
        return;
      case Json::value_t::object:
        objects_ = true;
        for (const auto& [key, child] : v.items()) Child(key).Observe(child);
        return;
      case Json::value_t::array:
        arrays_ = true;
        if (!element_) element_ = std::make_unique<JsonGuess>();
        for (const Json& item : v) element_->Observe(item);
        return;
    }
  }

  DataType Decide() const {
    int kinds = int{booleans_} + int{integers_ || floats_ || non_finite_} + int{strings_} +
                int{objects_} + int{arrays_};
    if (kinds != 1) return DataType::String();  // nothing seen, or mixed kinds
    if (booleans_) return DataType::Boolean();
    if (floats_ || non_finite_) return DataType::Float64();
    if (integers_) return DataType::Int64();
    if (strings_) return string_guess_.Decide();
    if (arrays_) {
      return DataType::List(
          Field("element", element_ ? element_->Decide() : DataType::String(), true));
    }
    if (fields_.empty()) return DataType::String();  // only {}: no struct without fields
    return DataType::Struct(Fields());
  }

  std::vector<Field> Fields() const {
    std::vector<Field> fields;
    for (const auto& [name, guess] : fields_) fields.emplace_back(name, guess->Decide(), true);
    return fields;
  }

  JsonGuess& Child(const std::string& key) {
    for (auto& [name, guess] : fields_)
      if (name == key) return *guess;
    fields_.emplace_back(key, std::make_unique<JsonGuess>());
    return *fields_.back().second;
  }

 private:
  bool booleans_ = false;
  bool integers_ = false;
  bool floats_ = false;
  bool non_finite_ = false;
  bool strings_ = false;
  bool objects_ = false;
  bool arrays_ = false;
  TextTypeGuess string_guess_{/*numbers_and_booleans=*/false};
  std::vector<std::pair<std::string, std::unique_ptr<JsonGuess>>> fields_;
  std::unique_ptr<JsonGuess> element_;
};

}  // namespace
}  // namespace internal

JsonlReader::JsonlReader(std::unique_ptr<internal::ByteSource> source, JsonlReadOptions options,
                         std::string name)
    : source_(std::move(source)),
      lines_(std::make_unique<internal::LineReader>(source_.get(), options.chunk_size)),
      options_(std::move(options)),
      name_(std::move(name)),
      rows_(std::make_unique<internal::JsonlRows>()) {}

JsonlReader::~JsonlReader() = default;

Result<std::unique_ptr<JsonlReader>> JsonlReader::Open(const std::string& path,
                                                       JsonlReadOptions options) {
  FLOE_ASSIGN_OR_RETURN(auto source, internal::ByteSource::OpenFile(path));
  return Make(std::move(source), std::move(options), path);
}

Result<std::unique_ptr<JsonlReader>> JsonlReader::FromString(std::string text,
                                                             JsonlReadOptions options,
                                                             std::string name) {
  return Make(internal::ByteSource::FromString(std::move(text)), std::move(options),
              std::move(name));
}

Result<std::unique_ptr<JsonlReader>> JsonlReader::Make(std::unique_ptr<internal::ByteSource> source,
                                                       JsonlReadOptions options, std::string name) {
  if (options.batch_size <= 0) return InvalidArgument("JSONL batch size must be positive");
  if (options.chunk_size == 0) return InvalidArgument("JSONL chunk size must be positive");
  std::optional<Schema> schema = std::move(options.schema);
  options.schema.reset();
  std::unique_ptr<JsonlReader> reader(
      new JsonlReader(std::move(source), std::move(options), std::move(name)));
  if (schema) {
    FLOE_RETURN_IF_ERROR(reader->BindSchema(std::move(*schema)));
  } else {
    FLOE_RETURN_IF_ERROR(reader->InferSchema());
  }
  return reader;
}

Result<bool> JsonlReader::ReadRow() {
  std::string_view line;
  int64_t number = 0;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(bool found, lines_->NextLine(&line, &number));
    if (!found) return false;
    if (internal::TrimSpaces(line).empty()) continue;
    break;
  }
  Json value;
  try {
    value = Json::parse(line);
  } catch (const Json::parse_error& e) {
    // nlohmann reports where parsing stopped; its exceptions stay inside this function.
    return InvalidArgument("{} line {}: invalid JSON at byte {}: {}", name_, number, e.byte,
                           internal::QuoteForMessage(line));
  } catch (const Json::exception&) {
    return InvalidArgument("{} line {}: invalid JSON: {}", name_, number,
                           internal::QuoteForMessage(line));
  }
  if (!value.is_object())
    return InvalidArgument("{} line {}: not a JSON object: {}", name_, number,
                           internal::QuoteForMessage(line));
  rows_->bytes += line.size();
  rows_->values.push_back(std::move(value));
  rows_->lines.push_back(number);
  return true;
}

Status JsonlReader::InferSchema() {
  internal::JsonGuess guess;
  int64_t rows = 0;
  while (options_.inference_rows <= 0 || rows < options_.inference_rows) {
    rows_->values.clear();
    rows_->lines.clear();
    FLOE_ASSIGN_OR_RETURN(bool found, ReadRow());
    if (!found) break;
    guess.Observe(rows_->values.back());
    ++rows;
  }
  rows_->values.clear();
  rows_->lines.clear();
  FLOE_RETURN_IF_ERROR(lines_->Rewind());
  return BindSchema(Schema(guess.Fields()));
}

Status JsonlReader::BindSchema(Schema schema) {
  builders_.clear();
  field_index_.clear();
  for (const Field& field : schema.fields()) {
    // The first field of a name wins, as in Schema::GetFieldIndex.
    field_index_.emplace(field.name(), builders_.size());
    FLOE_ASSIGN_OR_RETURN(auto builder, columnar::MakeBuilder(field.type()));
    builders_.push_back(std::move(builder));
  }
  schema_ = std::make_shared<const Schema>(std::move(schema));
  return OkStatus();
}

Result<std::optional<columnar::RecordBatch>> JsonlReader::Next() {
  if (done_) return std::nullopt;
  rows_->values.clear();
  rows_->lines.clear();
  rows_->bytes = 0;
  while (static_cast<int64_t>(rows_->values.size()) < options_.batch_size &&
         rows_->bytes < kMaxBatchTextBytes) {
    auto found = ReadRow();
    if (!found.has_value()) {
      done_ = true;
      return std::move(found).error();
    }
    if (!*found) {
      done_ = true;
      break;
    }
  }
  const auto num_rows = static_cast<int64_t>(rows_->values.size());
  if (num_rows == 0) return std::nullopt;
  Status converted = ConvertRows();
  if (!converted.has_value()) {
    done_ = true;
    for (auto& builder : builders_) builder->Reset();
    return std::move(converted).error();
  }
  std::vector<columnar::Array> columns;
  columns.reserve(builders_.size());
  for (auto& builder : builders_) {
    FLOE_ASSIGN_OR_RETURN(columnar::Array array, builder->Finish());
    columns.push_back(std::move(array));
  }
  FLOE_ASSIGN_OR_RETURN(auto batch,
                        columnar::RecordBatch::Make(schema_, std::move(columns), num_rows));
  return batch;
}

Status JsonlReader::ConvertRows() {
  const Schema& schema = *schema_;
  const size_t num_fields = static_cast<size_t>(schema.num_fields());
  const size_t num_rows = rows_->values.size();
  static const Json kNull;
  // Each row's values by field, found with one pass over its keys (objects are small vectors,
  // so a lookup per field would cost fields x keys a row).
  std::vector<const Json*>& cells = rows_->cells;
  cells.assign(num_rows * num_fields, &kNull);
  for (size_t r = 0; r < num_rows; ++r) {
    for (const auto& [key, value] : rows_->values[r].items()) {
      auto it = field_index_.find(key);
      if (it == field_index_.end())
        return InvalidArgument("{} line {}, column \"{}\": not in the table schema", name_,
                               rows_->lines[r], key);
      cells[r * num_fields + it->second] = &value;
    }
  }
  // Column by column, so that each builder's appends run together.
  internal::JsonProblem problem;
  for (size_t f = 0; f < num_fields; ++f) {
    const Field& field = schema.field(static_cast<int>(f));
    columnar::ArrayBuilder& builder = *builders_[f];
    FLOE_RETURN_IF_ERROR(builder.Reserve(static_cast<int64_t>(num_rows)));
    for (size_t r = 0; r < num_rows; ++r) {
      if (!internal::AppendJson(*cells[r * num_fields + f], field, builder, &problem)) {
        std::string shown = problem.value.empty() ? "" : problem.value + " ";
        return InvalidArgument("{} line {}, column \"{}{}\": {}{}", name_, rows_->lines[r],
                               field.name(), problem.path, shown, problem.problem);
      }
    }
  }
  return OkStatus();
}

}  // namespace floe::text
