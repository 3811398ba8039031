#include "floe/format/text/jsonl_writer.h"

#include "floe/format/text/json_values_internal.h"

namespace floe::text {

JsonlWriter::JsonlWriter(std::ostream* out, columnar::Schema schema)
    : out_(out), schema_(std::move(schema)) {
  for (const columnar::Field& field : schema_.fields()) {
    std::string key;
    internal::AppendJsonString(field.name(), &key);
    key.push_back(':');
    keys_.push_back(std::move(key));
  }
}

Status JsonlWriter::Flush() {
  out_->write(text_.data(), static_cast<std::streamsize>(text_.size()));
  text_.clear();
  if (!*out_) return IoError("writing JSON Lines failed");
  return OkStatus();
}

Status JsonlWriter::Write(const columnar::RecordBatch& batch) {
  if (!batch.schema().Equals(schema_, /*check_metadata=*/false))
    return InvalidArgument("JSONL writer: batch schema {} differs from the writer's {}",
                           batch.schema().ToString(), schema_.ToString());
  constexpr size_t kFlushBytes = 64 * 1024;
  for (int64_t r = 0; r < batch.num_rows(); ++r) {
    text_.push_back('{');
    for (int c = 0; c < batch.num_columns(); ++c) {
      if (c > 0) text_.push_back(',');
      text_.append(keys_[static_cast<size_t>(c)]);
      internal::AppendJsonValue(batch.column(c), r, &text_);
    }
    text_.append("}\n");
    if (text_.size() >= kFlushBytes) FLOE_RETURN_IF_ERROR(Flush());
  }
  return Flush();
}

Status JsonlWriter::Close() {
  out_->flush();
  if (!*out_) return IoError("writing JSON Lines failed");
  return OkStatus();
}

Status WriteJsonl(columnar::BatchReader& reader, std::ostream& out) {
  JsonlWriter writer(&out, reader.schema());
  while (true) {
    FLOE_ASSIGN_OR_RETURN(auto batch, reader.Next());
    if (!batch) break;
    FLOE_RETURN_IF_ERROR(writer.Write(*batch));
  }
  return writer.Close();
}

}  // namespace floe::text
