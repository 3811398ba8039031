#include "floe/cli/data_io.h"

#include <algorithm>
#include <cctype>

#include "floe/format/parquet/file_reader.h"
#include "floe/format/parquet/file_writer.h"
#include "floe/format/text/csv_reader.h"
#include "floe/format/text/csv_writer.h"
#include "floe/format/text/jsonl_reader.h"
#include "floe/format/text/jsonl_writer.h"
#include "floe/format/text/table_printer.h"

namespace floe::cli {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// A Parquet file's batches with the field ids taken off.
class ParquetInput final : public columnar::BatchReader {
 public:
  explicit ParquetInput(std::unique_ptr<parquet::FileReader> reader)
      : reader_(std::move(reader)), schema_(reader_->schema().WithoutFieldIds()) {}
  const columnar::Schema& schema() const override { return schema_; }
  Result<std::optional<columnar::RecordBatch>> Next() override {
    FLOE_ASSIGN_OR_RETURN(auto batch, reader_->Next());
    if (!batch) return std::nullopt;
    FLOE_ASSIGN_OR_RETURN(auto out, columnar::RecordBatch::Make(schema_, batch->columns(), batch->num_rows()));
    return out;
  }

 private:
  std::unique_ptr<parquet::FileReader> reader_;
  columnar::Schema schema_;
};

class ParquetSink final : public BatchSink {
 public:
  static Result<std::unique_ptr<ParquetSink>> Make(const columnar::Schema& schema,
                                                   const std::string& path) {
    FLOE_ASSIGN_OR_RETURN(auto out, parquet::LocalFileOutput::Create(path));
    FLOE_ASSIGN_OR_RETURN(auto writer, parquet::FileWriter::Make(schema, std::move(out)));
    return std::unique_ptr<ParquetSink>(new ParquetSink(std::move(writer)));
  }
  Status Write(const columnar::RecordBatch& batch) override { return writer_->Write(batch); }
  Status Finish() override {
    auto closed = writer_->Close();
    if (!closed) return closed.error();
    return OkStatus();
  }

 private:
  explicit ParquetSink(std::unique_ptr<parquet::FileWriter> w) : writer_(std::move(w)) {}
  std::unique_ptr<parquet::FileWriter> writer_;
};

class CsvSink final : public BatchSink {
 public:
  CsvSink(std::ostream& out, const columnar::Schema& schema) : writer_(&out, schema) {}
  Status Write(const columnar::RecordBatch& batch) override { return writer_.Write(batch); }
  Status Finish() override { return writer_.Close(); }

 private:
  text::CsvWriter writer_;
};

class JsonlSink final : public BatchSink {
 public:
  JsonlSink(std::ostream& out, const columnar::Schema& schema) : writer_(&out, schema) {}
  Status Write(const columnar::RecordBatch& batch) override { return writer_.Write(batch); }
  Status Finish() override { return writer_.Close(); }

 private:
  text::JsonlWriter writer_;
};

class TableSink final : public BatchSink {
 public:
  TableSink(std::ostream& out, const columnar::Schema& schema) : out_(&out), printer_(schema) {}
  Status Write(const columnar::RecordBatch& batch) override { return printer_.Add(batch); }
  Status Finish() override {
    printer_.Print(*out_);
    out_->flush();
    if (!*out_) return IoError("cannot write the output");
    return OkStatus();
  }

 private:
  std::ostream* out_;
  text::TablePrinter printer_;
};

}  // namespace

Result<InputFormat> ResolveInputFormat(const std::string& path, const std::string& format) {
  std::string f = Lower(format);
  if (f.empty()) {
    std::string lower = Lower(path);
    if (lower.ends_with(".parquet") || lower.ends_with(".pq")) return InputFormat::kParquet;
    if (lower.ends_with(".csv")) return InputFormat::kCsv;
    if (lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".json")) {
      return InputFormat::kJsonl;
    }
    return InvalidArgument("cannot tell the format of {} from its name: give --format parquet|csv|jsonl",
                           path);
  }
  if (f == "parquet") return InputFormat::kParquet;
  if (f == "csv") return InputFormat::kCsv;
  if (f == "jsonl" || f == "json" || f == "ndjson") return InputFormat::kJsonl;
  return InvalidArgument("--format must be parquet, csv or jsonl, not '{}'", format);
}

Result<OutputFormat> ParseOutputFormat(const std::string& format) {
  std::string f = Lower(format);
  if (f == "table" || f.empty()) return OutputFormat::kTable;
  if (f == "csv") return OutputFormat::kCsv;
  if (f == "jsonl" || f == "json" || f == "ndjson") return OutputFormat::kJsonl;
  if (f == "parquet") return OutputFormat::kParquet;
  return InvalidArgument("--format must be table, csv, jsonl or parquet, not '{}'", format);
}

Result<std::unique_ptr<columnar::BatchReader>> OpenInput(const std::string& path,
                                                         InputFormat format,
                                                         const std::optional<columnar::Schema>& schema) {
  switch (format) {
    case InputFormat::kParquet: {
      auto input = parquet::LocalFileInput::Open(path);
      if (!input) return input.error();
      auto reader = parquet::FileReader::Open(std::move(input).value());
      if (!reader) return reader.error().WithContext(path);
      return std::unique_ptr<columnar::BatchReader>(new ParquetInput(std::move(reader).value()));
    }
    case InputFormat::kCsv: {
      text::CsvReadOptions options;
      options.schema = schema;
      FLOE_ASSIGN_OR_RETURN(auto reader, text::CsvReader::Open(path, options));
      return std::unique_ptr<columnar::BatchReader>(std::move(reader));
    }
    case InputFormat::kJsonl: {
      text::JsonlReadOptions options;
      options.schema = schema;
      FLOE_ASSIGN_OR_RETURN(auto reader, text::JsonlReader::Open(path, options));
      return std::unique_ptr<columnar::BatchReader>(std::move(reader));
    }
  }
  return Internal("unknown input format");
}

Result<std::unique_ptr<BatchSink>> MakeOutput(OutputFormat format, const columnar::Schema& schema,
                                              std::ostream& out, const std::string& path) {
  switch (format) {
    case OutputFormat::kParquet: {
      FLOE_ASSIGN_OR_RETURN(auto sink, ParquetSink::Make(schema, path));
      return std::unique_ptr<BatchSink>(std::move(sink));
    }
    case OutputFormat::kCsv:
      return std::unique_ptr<BatchSink>(new CsvSink(out, schema));
    case OutputFormat::kJsonl:
      return std::unique_ptr<BatchSink>(new JsonlSink(out, schema));
    case OutputFormat::kTable:
      return std::unique_ptr<BatchSink>(new TableSink(out, schema));
  }
  return Internal("unknown output format");
}

}  // namespace floe::cli
