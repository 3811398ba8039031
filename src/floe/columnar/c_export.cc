#include "floe/columnar/c_export.h"

#include <fmt/format.h>

#include <cstring>
#include <string>
#include <vector>

namespace floe::columnar {

namespace {

// ---- schemas ----

// Everything an exported ArrowSchema points at. Each node (parent and every child) owns its
// own, so a child the consumer moved out stays valid after the parent's release.
struct SchemaPrivate {
  std::string format;
  std::string name;
  std::string metadata;  // empty: no metadata (exported as NULL)
  std::vector<ArrowSchema> children;
  std::vector<ArrowSchema*> child_pointers;
};

void ReleaseSchema(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) return;
  auto* priv = static_cast<SchemaPrivate*>(schema->private_data);
  for (ArrowSchema& child : priv->children) {
    // A child the consumer moved out has release == NULL here; its new home releases it.
    if (child.release != nullptr) child.release(&child);
  }
  delete priv;
  schema->release = nullptr;
  schema->private_data = nullptr;
}

void AppendInt32(std::string* out, int32_t v) {
  char bytes[4];
  std::memcpy(bytes, &v, 4);
  out->append(bytes, 4);
}

std::string EncodeMetadata(const KeyValueMetadata& metadata, const std::optional<int32_t>& id) {
  std::vector<std::pair<std::string_view, std::string_view>> pairs;
  for (const auto& [key, value] : metadata) {
    if (id && key == kFieldIdMetadataKey) continue;  // the field id itself wins
    pairs.emplace_back(key, value);
  }
  const std::string id_text = id ? std::to_string(*id) : std::string();
  if (id) pairs.emplace_back(kFieldIdMetadataKey, id_text);
  if (pairs.empty()) return {};
  std::string out;
  AppendInt32(&out, static_cast<int32_t>(pairs.size()));
  for (const auto& [key, value] : pairs) {
    AppendInt32(&out, static_cast<int32_t>(key.size()));
    out.append(key);
    AppendInt32(&out, static_cast<int32_t>(value.size()));
    out.append(value);
  }
  return out;
}

void FillSchema(const std::string& name, const DataType& type, bool nullable,
                const KeyValueMetadata& metadata, const std::optional<int32_t>& field_id,
                const std::vector<Field>& children, ArrowSchema* out);

void FillSchemaFromField(const Field& field, ArrowSchema* out) {
  FillSchema(field.name(), field.type(), field.nullable(), field.metadata(), field.field_id(),
             field.type().fields(), out);
}

void FillSchema(const std::string& name, const DataType& type, bool nullable,
                const KeyValueMetadata& metadata, const std::optional<int32_t>& field_id,
                const std::vector<Field>& children, ArrowSchema* out) {
  auto* priv = new SchemaPrivate();
  priv->format = ArrowFormatString(type);
  priv->name = name;
  priv->metadata = EncodeMetadata(metadata, field_id);
  priv->children.resize(children.size());
  priv->child_pointers.resize(children.size());
  for (size_t i = 0; i < children.size(); ++i) {
    FillSchemaFromField(children[i], &priv->children[i]);
    priv->child_pointers[i] = &priv->children[i];
  }
  out->format = priv->format.c_str();
  out->name = priv->name.c_str();
  out->metadata = priv->metadata.empty() ? nullptr : priv->metadata.data();
  out->flags =
      (nullable ? ARROW_FLAG_NULLABLE : 0) |
      (type.kind() == TypeKind::kMap && type.keys_sorted() ? ARROW_FLAG_MAP_KEYS_SORTED : 0);
  out->n_children = static_cast<int64_t>(children.size());
  out->children = priv->child_pointers.empty() ? nullptr : priv->child_pointers.data();
  out->dictionary = nullptr;
  out->release = &ReleaseSchema;
  out->private_data = priv;
}

// ---- arrays ----

struct ArrayPrivate {
  // References that keep the exported memory alive until release.
  std::vector<std::shared_ptr<Buffer>> buffers;
  std::vector<const void*> buffer_pointers;
  std::vector<ArrowArray> children;
  std::vector<ArrowArray*> child_pointers;
};

void ReleaseArray(ArrowArray* array) {
  if (array == nullptr || array->release == nullptr) return;
  auto* priv = static_cast<ArrayPrivate*>(array->private_data);
  for (ArrowArray& child : priv->children) {
    if (child.release != nullptr) child.release(&child);
  }
  delete priv;
  array->release = nullptr;
  array->private_data = nullptr;
}

void FillArray(const Array& array, ArrowArray* out) {
  auto* priv = new ArrayPrivate();
  priv->buffers = array.buffers();
  priv->buffer_pointers.resize(priv->buffers.size());
  for (size_t i = 0; i < priv->buffers.size(); ++i) {
    const auto& buffer = priv->buffers[i];
    priv->buffer_pointers[i] = buffer == nullptr ? nullptr : buffer->data();
  }
  // No nulls: no validity bitmap, so the consumer need not look at one.
  if (array.null_count() == 0) priv->buffer_pointers[0] = nullptr;
  priv->children.resize(array.children().size());
  priv->child_pointers.resize(array.children().size());
  for (size_t i = 0; i < array.children().size(); ++i) {
    FillArray(array.children()[i], &priv->children[i]);
    priv->child_pointers[i] = &priv->children[i];
  }
  out->length = array.length();
  out->null_count = array.null_count();
  out->offset = array.offset();
  out->n_buffers = static_cast<int64_t>(priv->buffer_pointers.size());
  out->n_children = static_cast<int64_t>(priv->child_pointers.size());
  out->buffers = priv->buffer_pointers.data();
  out->children = priv->child_pointers.empty() ? nullptr : priv->child_pointers.data();
  out->dictionary = nullptr;
  out->release = &ReleaseArray;
  out->private_data = priv;
}

}  // namespace

std::string ArrowFormatString(const DataType& type) {
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return "b";
    case TypeKind::kInt32:
      return "i";
    case TypeKind::kInt64:
      return "l";
    case TypeKind::kFloat32:
      return "f";
    case TypeKind::kFloat64:
      return "g";
    case TypeKind::kDecimal128:
      return fmt::format("d:{},{}", type.precision(), type.scale());
    case TypeKind::kDate32:
      return "tdD";
    case TypeKind::kTime64:
      return "ttu";
    case TypeKind::kTimestamp:
      return "tsu:" + type.timezone();
    case TypeKind::kString:
      return "u";
    case TypeKind::kBinary:
      return "z";
    case TypeKind::kFixedSizeBinary:
      return fmt::format("w:{}", type.byte_width());
    case TypeKind::kStruct:
      return "+s";
    case TypeKind::kList:
      return "+l";
    case TypeKind::kMap:
      return "+m";
  }
  return "";
}

Status ExportType(const DataType& type, ArrowSchema* out) {
  if (out == nullptr) return InvalidArgument("null ArrowSchema");
  FillSchema("", type, /*nullable=*/true, {}, std::nullopt, type.fields(), out);
  return OkStatus();
}

Status ExportField(const Field& field, ArrowSchema* out) {
  if (out == nullptr) return InvalidArgument("null ArrowSchema");
  FillSchemaFromField(field, out);
  return OkStatus();
}

Status ExportSchema(const Schema& schema, ArrowSchema* out) {
  if (out == nullptr) return InvalidArgument("null ArrowSchema");
  FillSchema("", DataType::Struct(schema.fields()), /*nullable=*/false, schema.metadata(),
             std::nullopt, schema.fields(), out);
  return OkStatus();
}

Status ExportArray(const Array& array, ArrowArray* out) {
  if (out == nullptr) return InvalidArgument("null ArrowArray");
  FillArray(array, out);
  return OkStatus();
}

Status ExportRecordBatch(const RecordBatch& batch, ArrowArray* out, ArrowSchema* out_schema) {
  if (out == nullptr) return InvalidArgument("null ArrowArray");
  FLOE_ASSIGN_OR_RETURN(Array as_struct,
                        Array::Make(DataType::Struct(batch.schema().fields()), batch.num_rows(),
                                    {nullptr}, batch.columns(), 0));
  if (out_schema != nullptr) FLOE_RETURN_IF_ERROR(ExportSchema(batch.schema(), out_schema));
  FillArray(as_struct, out);
  return OkStatus();
}

}  // namespace floe::columnar
