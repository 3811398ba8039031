#include "floe/columnar/c_stream.h"

#include <cerrno>
#include <string>

#include "floe/columnar/c_export.h"
#include "floe/columnar/c_import.h"

namespace floe::columnar {

namespace {

struct StreamPrivate {
  std::unique_ptr<BatchReader> reader;
  std::string last_error;
};

StreamPrivate* PrivateOf(ArrowArrayStream* stream) {
  if (stream == nullptr || stream->release == nullptr) return nullptr;
  return static_cast<StreamPrivate*>(stream->private_data);
}

int ReportError(StreamPrivate* priv, const Error& error) {
  priv->last_error = error.ToString();
  return EIO;
}

int StreamGetSchema(ArrowArrayStream* stream, ArrowSchema* out) {
  StreamPrivate* priv = PrivateOf(stream);
  if (priv == nullptr || out == nullptr) return EINVAL;
  auto status = ExportSchema(priv->reader->schema(), out);
  if (!status) return ReportError(priv, status.error());
  return 0;
}

int StreamGetNext(ArrowArrayStream* stream, ArrowArray* out) {
  StreamPrivate* priv = PrivateOf(stream);
  if (priv == nullptr || out == nullptr) return EINVAL;
  auto next = priv->reader->Next();
  if (!next) return ReportError(priv, next.error());
  if (!next->has_value()) {
    out->release = nullptr;  // end of stream
    return 0;
  }
  auto status = ExportRecordBatch(**next, out);
  if (!status) return ReportError(priv, status.error());
  return 0;
}

const char* StreamGetLastError(ArrowArrayStream* stream) {
  StreamPrivate* priv = PrivateOf(stream);
  if (priv == nullptr || priv->last_error.empty()) return nullptr;
  return priv->last_error.c_str();
}

void StreamRelease(ArrowArrayStream* stream) {
  if (stream == nullptr || stream->release == nullptr) return;
  delete static_cast<StreamPrivate*>(stream->private_data);
  stream->private_data = nullptr;
  stream->release = nullptr;
}

// A BatchReader over a consumed ArrowArrayStream.
class CStreamBatchReader final : public BatchReader {
 public:
  explicit CStreamBatchReader(ArrowArrayStream stream) : stream_(stream) {}
  ~CStreamBatchReader() override {
    if (stream_.release != nullptr) stream_.release(&stream_);
  }

  Status Open() {
    ArrowSchema schema;
    schema.release = nullptr;
    const int rc = stream_.get_schema(&stream_, &schema);
    if (rc != 0) return StreamError("get_schema", rc);
    FLOE_ASSIGN_OR_RETURN(schema_, ImportSchema(&schema));
    return OkStatus();
  }

  const Schema& schema() const override { return schema_; }

  Result<std::optional<RecordBatch>> Next() override {
    if (done_) return std::optional<RecordBatch>();
    ArrowArray array;
    array.release = nullptr;
    const int rc = stream_.get_next(&stream_, &array);
    if (rc != 0) {
      done_ = true;
      return StreamError("get_next", rc);
    }
    if (array.release == nullptr) {
      done_ = true;
      return std::optional<RecordBatch>();
    }
    FLOE_ASSIGN_OR_RETURN(auto batch, ImportRecordBatch(&array, schema_));
    return std::optional<RecordBatch>(std::move(batch));
  }

 private:
  Error StreamError(const char* call, int rc) {
    const char* message =
        stream_.get_last_error != nullptr ? stream_.get_last_error(&stream_) : nullptr;
    return IoError("Arrow stream {} failed with code {}: {}", call, rc,
                   message != nullptr ? message : "no message");
  }

  ArrowArrayStream stream_;
  Schema schema_;
  bool done_ = false;
};

}  // namespace

Status ExportBatchReader(std::unique_ptr<BatchReader> reader, ArrowArrayStream* out) {
  if (out == nullptr) return InvalidArgument("null ArrowArrayStream");
  if (reader == nullptr) return InvalidArgument("null BatchReader");
  auto* priv = new StreamPrivate{std::move(reader), {}};
  out->get_schema = &StreamGetSchema;
  out->get_next = &StreamGetNext;
  out->get_last_error = &StreamGetLastError;
  out->release = &StreamRelease;
  out->private_data = priv;
  return OkStatus();
}

Result<std::unique_ptr<BatchReader>> ImportBatchReader(ArrowArrayStream* stream) {
  if (stream == nullptr) return InvalidArgument("null ArrowArrayStream");
  if (stream->release == nullptr) return InvalidArgument("ArrowArrayStream is already released");
  auto reader = std::make_unique<CStreamBatchReader>(*stream);
  stream->release = nullptr;
  FLOE_RETURN_IF_ERROR(reader->Open());
  return std::unique_ptr<BatchReader>(std::move(reader));
}

}  // namespace floe::columnar
