#include "floe/columnar/c_import.h"

#include <charconv>
#include <cstring>
#include <limits>
#include <string>

#include "floe/columnar/c_export.h"

namespace floe::columnar {

namespace {

// Deeper nesting than this is treated as malformed, so hostile input cannot exhaust the stack.
constexpr int kMaxDepth = 64;

// Releases a moved-out ArrowSchema when it goes out of scope.
struct SchemaGuard {
  ArrowSchema schema;
  ~SchemaGuard() {
    if (schema.release != nullptr) schema.release(&schema);
  }
};

// Moves *in into a guard and marks the caller's struct released.
Status TakeSchema(ArrowSchema* in, SchemaGuard* guard) {
  guard->schema.release = nullptr;
  if (in == nullptr) return InvalidArgument("null ArrowSchema");
  if (in->release == nullptr) return InvalidArgument("ArrowSchema is already released");
  guard->schema = *in;
  in->release = nullptr;
  return OkStatus();
}

Result<int32_t> ParseInt(std::string_view text, std::string_view format) {
  int32_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) {
    return InvalidArgument("malformed number '{}' in Arrow format '{}'", text, format);
  }
  return value;
}

bool IsKnownArrowFormat(std::string_view f) {
  static constexpr std::string_view kExact[] = {"n",   "c",   "C",   "s",   "S",   "I",   "L",
                                                "e",   "U",   "Z",   "vu",  "vz",  "tdm", "tts",
                                                "ttm", "ttn", "tDs", "tDm", "tDu", "tDn", "tiM",
                                                "tiD", "tin", "+L",  "+vl", "+vL", "+r"};
  for (std::string_view e : kExact) {
    if (f == e) return true;
  }
  static constexpr std::string_view kPrefixes[] = {"tss:", "tsm:", "tsn:", "+w:", "+ud:", "+us:"};
  for (std::string_view p : kPrefixes) {
    if (f.starts_with(p)) return true;
  }
  return false;
}

Result<std::vector<std::pair<std::string, std::string>>> ParseMetadata(const char* metadata) {
  KeyValueMetadata out;
  if (metadata == nullptr) return out;
  auto read_int32 = [&metadata]() {
    int32_t v;
    std::memcpy(&v, metadata, 4);
    metadata += 4;
    return v;
  };
  const int32_t pairs = read_int32();
  if (pairs < 0) return InvalidArgument("ArrowSchema metadata has {} pairs", pairs);
  for (int32_t i = 0; i < pairs; ++i) {
    const int32_t key_length = read_int32();
    if (key_length < 0) return InvalidArgument("ArrowSchema metadata key of length {}", key_length);
    std::string key(metadata, static_cast<size_t>(key_length));
    metadata += key_length;
    const int32_t value_length = read_int32();
    if (value_length < 0) {
      return InvalidArgument("ArrowSchema metadata value of length {}", value_length);
    }
    std::string value(metadata, static_cast<size_t>(value_length));
    metadata += value_length;
    out.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

Result<Field> ParseField(const ArrowSchema* schema, int depth);

Result<std::vector<Field>> ParseChildren(const ArrowSchema* schema, int depth) {
  if (schema->n_children < 0) {
    return InvalidArgument("ArrowSchema has {} children", schema->n_children);
  }
  if (schema->n_children > 0 && schema->children == nullptr) {
    return InvalidArgument("ArrowSchema has {} children but no children array", schema->n_children);
  }
  std::vector<Field> fields;
  fields.reserve(static_cast<size_t>(schema->n_children));
  for (int64_t i = 0; i < schema->n_children; ++i) {
    FLOE_ASSIGN_OR_RETURN(auto field, ParseField(schema->children[i], depth + 1));
    fields.push_back(std::move(field));
  }
  return fields;
}

Result<DataType> ParseType(const ArrowSchema* schema, int depth) {
  if (schema->format == nullptr) return InvalidArgument("ArrowSchema without a format string");
  if (schema->dictionary != nullptr) {
    return NotSupported("dictionary-encoded arrays are not supported");
  }
  const std::string_view format = schema->format;
  if (!format.starts_with("+")) {
    if (schema->n_children != 0) {
      return InvalidArgument("Arrow format '{}' cannot have {} children", format,
                             schema->n_children);
    }
    return ParseArrowFormatString(format);
  }
  FLOE_ASSIGN_OR_RETURN(auto children, ParseChildren(schema, depth));
  if (format == "+s") return DataType::Struct(std::move(children));
  if (format == "+l") {
    if (children.size() != 1) {
      return InvalidArgument("Arrow list has {} children, needs 1", children.size());
    }
    return DataType::List(std::move(children[0]));
  }
  if (format == "+m") {
    if (children.size() != 1 || children[0].type().kind() != TypeKind::kStruct ||
        children[0].type().num_fields() != 2) {
      return InvalidArgument("Arrow map needs one struct child of two fields");
    }
    const DataType& entries = children[0].type();
    return DataType::Map(entries.field(0), entries.field(1),
                         (schema->flags & ARROW_FLAG_MAP_KEYS_SORTED) != 0);
  }
  if (IsKnownArrowFormat(format)) return NotSupported("Arrow format '{}' is not supported", format);
  return InvalidArgument("malformed Arrow format string '{}'", format);
}

Result<Field> ParseField(const ArrowSchema* schema, int depth) {
  if (schema == nullptr) return InvalidArgument("null ArrowSchema child");
  if (depth > kMaxDepth) return InvalidArgument("ArrowSchema nests deeper than {}", kMaxDepth);
  FLOE_ASSIGN_OR_RETURN(DataType type, ParseType(schema, depth));
  FLOE_ASSIGN_OR_RETURN(KeyValueMetadata metadata, ParseMetadata(schema->metadata));
  std::optional<int32_t> field_id;
  for (auto it = metadata.begin(); it != metadata.end(); ++it) {
    if (it->first == kFieldIdMetadataKey) {
      FLOE_ASSIGN_OR_RETURN(field_id, ParseInt(it->second, kFieldIdMetadataKey));
      metadata.erase(it);
      break;
    }
  }
  return Field(schema->name == nullptr ? "" : schema->name, std::move(type),
               (schema->flags & ARROW_FLAG_NULLABLE) != 0, field_id, std::move(metadata));
}

// ---- arrays ----

// The moved-out producer array; its release runs when the last Buffer sharing it goes.
struct ImportedArray {
  ArrowArray array;
  ~ImportedArray() {
    if (array.release != nullptr) array.release(&array);
  }
};

const std::shared_ptr<Buffer>& ZeroOffsets() {
  static const std::shared_ptr<Buffer> kZeros = [] {
    static const int32_t zero[2] = {0, 0};
    return Buffer::Wrap(reinterpret_cast<const uint8_t*>(zero), sizeof(zero), nullptr);
  }();
  return kZeros;
}

// A Buffer over `size` bytes of producer memory, copied when misaligned for `alignment`.
Result<std::shared_ptr<Buffer>> WrapBuffer(const void* pointer, int64_t size, size_t alignment,
                                           const std::shared_ptr<const void>& owner,
                                           const char* what, const DataType& type) {
  if (size == 0) return std::shared_ptr<Buffer>();
  if (pointer == nullptr) {
    return InvalidArgument("imported {} array has no {} buffer", type.ToString(), what);
  }
  const auto* bytes = static_cast<const uint8_t*>(pointer);
  if (reinterpret_cast<uintptr_t>(bytes) % alignment != 0) {
    return Buffer::CopyFrom(std::span<const uint8_t>(bytes, static_cast<size_t>(size)));
  }
  return Buffer::Wrap(bytes, size, owner);
}

Result<Array> ImportNode(const ArrowArray* in, const DataType& type,
                         const std::shared_ptr<const void>& owner, int depth) {
  if (in == nullptr) return InvalidArgument("null ArrowArray child");
  if (depth > kMaxDepth) return InvalidArgument("ArrowArray nests deeper than {}", kMaxDepth);
  const std::string name = type.ToString();
  if (in->length < 0 || in->offset < 0 || in->null_count < -1) {
    return InvalidArgument("imported {} array has length {}, offset {}, null count {}", name,
                           in->length, in->offset, in->null_count);
  }
  // Bounds far beyond any real array keep the size arithmetic below from overflowing.
  constexpr int64_t kMaxElements = int64_t{1} << 48;
  if (in->offset > kMaxElements || in->length > kMaxElements) {
    return InvalidArgument("imported {} array is too long", name);
  }
  if (in->dictionary != nullptr) return NotSupported("dictionary-encoded arrays are not supported");
  const TypeKind kind = type.kind();
  const int64_t want_buffers = kind == TypeKind::kStruct ? 1 : (type.is_binary_like() ? 3 : 2);
  if (in->n_buffers != want_buffers) {
    return InvalidArgument("imported {} array has {} buffers, needs {}", name, in->n_buffers,
                           want_buffers);
  }
  if (in->buffers == nullptr) return InvalidArgument("imported {} array has no buffers", name);
  const int64_t want_children = kind == TypeKind::kStruct ? type.num_fields()
                                : (kind == TypeKind::kList || kind == TypeKind::kMap) ? 1
                                                                                      : 0;
  if (in->n_children != want_children) {
    return InvalidArgument("imported {} array has {} children, needs {}", name, in->n_children,
                           want_children);
  }
  if (want_children > 0 && in->children == nullptr) {
    return InvalidArgument("imported {} array has no children array", name);
  }

  const int64_t end = in->offset + in->length;
  std::vector<std::shared_ptr<Buffer>> buffers(static_cast<size_t>(want_buffers));
  int64_t null_count = in->null_count;
  if (null_count != 0 && in->buffers[0] != nullptr) {
    FLOE_ASSIGN_OR_RETURN(buffers[0], WrapBuffer(in->buffers[0], bit_util::BytesForBits(end), 1,
                                                 owner, "validity", type));
  } else if (null_count > 0) {
    return InvalidArgument("imported {} array has {} nulls but no validity bitmap", name,
                           null_count);
  } else {
    null_count = 0;
  }

  std::vector<Array> children;
  switch (kind) {
    case TypeKind::kStruct:
      break;
    case TypeKind::kBoolean: {
      FLOE_ASSIGN_OR_RETURN(buffers[1], WrapBuffer(in->buffers[1], bit_util::BytesForBits(end), 1,
                                                   owner, "values", type));
      break;
    }
    case TypeKind::kString:
    case TypeKind::kBinary:
    case TypeKind::kList:
    case TypeKind::kMap: {
      if (in->buffers[1] == nullptr && in->length == 0) {
        buffers[1] = ZeroOffsets();
        if (in->offset > 0) return InvalidArgument("imported {} array has no offsets", name);
      } else {
        FLOE_ASSIGN_OR_RETURN(buffers[1],
                              WrapBuffer(in->buffers[1], (end + 1) * 4, 4, owner, "offsets", type));
      }
      if (type.is_binary_like()) {
        const int32_t last = reinterpret_cast<const int32_t*>(buffers[1]->data())[end];
        if (last < 0) return InvalidArgument("imported {} array has offset {}", name, last);
        if (last == 0 && in->buffers[2] == nullptr) {
          buffers[2] = ZeroOffsets();
        } else {
          FLOE_ASSIGN_OR_RETURN(buffers[2],
                                WrapBuffer(in->buffers[2], last, 1, owner, "data", type));
        }
      }
      break;
    }
    default: {
      const int32_t width = type.byte_width();
      const size_t alignment = kind == TypeKind::kFixedSizeBinary ? 1
                               : width >= 8                       ? 8
                                                                  : static_cast<size_t>(width);
      int64_t size = 0;
      if (__builtin_mul_overflow(end, int64_t{width}, &size)) {
        return InvalidArgument("imported {} array is too long", name);
      }
      FLOE_ASSIGN_OR_RETURN(buffers[1],
                            WrapBuffer(in->buffers[1], size, alignment, owner, "values", type));
      break;
    }
  }
  for (int64_t i = 0; i < want_children; ++i) {
    FLOE_ASSIGN_OR_RETURN(
        auto child,
        ImportNode(in->children[i], type.field(static_cast<int>(i)).type(), owner, depth + 1));
    children.push_back(std::move(child));
  }
  return Array::Make(type, in->length, std::move(buffers), std::move(children),
                     in->null_count == -1 ? Array::kUnknownNullCount : null_count, in->offset);
}

}  // namespace

Result<DataType> ParseArrowFormatString(std::string_view format) {
  if (format == "b") return DataType::Boolean();
  if (format == "i") return DataType::Int32();
  if (format == "l") return DataType::Int64();
  if (format == "f") return DataType::Float32();
  if (format == "g") return DataType::Float64();
  if (format == "u") return DataType::String();
  if (format == "z") return DataType::Binary();
  if (format == "tdD") return DataType::Date32();
  if (format == "ttu") return DataType::Time64();
  if (format.starts_with("tsu:")) return DataType::Timestamp(std::string(format.substr(4)));
  if (format.starts_with("d:")) {
    std::string_view rest = format.substr(2);
    const size_t comma = rest.find(',');
    if (comma == std::string_view::npos) {
      return InvalidArgument("malformed Arrow format string '{}'", format);
    }
    FLOE_ASSIGN_OR_RETURN(int32_t precision, ParseInt(rest.substr(0, comma), format));
    rest = rest.substr(comma + 1);
    const size_t second = rest.find(',');
    FLOE_ASSIGN_OR_RETURN(int32_t scale, ParseInt(rest.substr(0, second), format));
    if (second != std::string_view::npos) {
      FLOE_ASSIGN_OR_RETURN(int32_t bits, ParseInt(rest.substr(second + 1), format));
      if (bits != 128) return NotSupported("decimal of {} bits is not supported", bits);
    }
    if (precision < 1 || precision > 38) {
      return InvalidArgument("decimal precision {} outside 1..38 in '{}'", precision, format);
    }
    return DataType::Decimal128(precision, scale);
  }
  if (format.starts_with("w:")) {
    FLOE_ASSIGN_OR_RETURN(int32_t width, ParseInt(format.substr(2), format));
    if (width < 1) return InvalidArgument("fixed-size binary width {} in '{}'", width, format);
    return DataType::FixedSizeBinary(width);
  }
  if (IsKnownArrowFormat(format) || format == "+s" || format == "+l" || format == "+m") {
    return NotSupported("Arrow format '{}' is not supported here", format);
  }
  return InvalidArgument("malformed Arrow format string '{}'", format);
}

Result<DataType> ImportType(ArrowSchema* schema) {
  SchemaGuard guard;
  FLOE_RETURN_IF_ERROR(TakeSchema(schema, &guard));
  return ParseType(&guard.schema, 0);
}

Result<Field> ImportField(ArrowSchema* schema) {
  SchemaGuard guard;
  FLOE_RETURN_IF_ERROR(TakeSchema(schema, &guard));
  return ParseField(&guard.schema, 0);
}

Result<Schema> ImportSchema(ArrowSchema* schema) {
  SchemaGuard guard;
  FLOE_RETURN_IF_ERROR(TakeSchema(schema, &guard));
  if (guard.schema.format == nullptr || std::string_view(guard.schema.format) != "+s") {
    return InvalidArgument("an imported schema must be a struct ('+s'), got '{}'",
                           guard.schema.format == nullptr ? "" : guard.schema.format);
  }
  FLOE_ASSIGN_OR_RETURN(auto fields, ParseChildren(&guard.schema, 0));
  FLOE_ASSIGN_OR_RETURN(auto metadata, ParseMetadata(guard.schema.metadata));
  return Schema(std::move(fields), std::move(metadata));
}

Result<Array> ImportArray(ArrowArray* array, const DataType& type) {
  if (array == nullptr) return InvalidArgument("null ArrowArray");
  if (array->release == nullptr) return InvalidArgument("ArrowArray is already released");
  auto owner = std::make_shared<ImportedArray>();
  owner->array = *array;
  array->release = nullptr;
  return ImportNode(&owner->array, type, owner, 0);
}

Result<Array> ImportArray(ArrowArray* array, ArrowSchema* schema) {
  auto type = ImportType(schema);
  if (!type) {
    if (array != nullptr && array->release != nullptr) array->release(array);
    return type.error();
  }
  return ImportArray(array, *type);
}

Result<RecordBatch> ImportRecordBatch(ArrowArray* array, const Schema& schema) {
  FLOE_ASSIGN_OR_RETURN(Array as_struct, ImportArray(array, DataType::Struct(schema.fields())));
  if (as_struct.null_count() != 0) {
    return InvalidArgument("an imported record batch has {} null rows", as_struct.null_count());
  }
  std::vector<Array> columns;
  columns.reserve(static_cast<size_t>(as_struct.num_children()));
  for (int i = 0; i < as_struct.num_children(); ++i) columns.push_back(as_struct.field(i));
  return RecordBatch::Make(schema, std::move(columns), as_struct.length());
}

Result<RecordBatch> ImportRecordBatch(ArrowArray* array, ArrowSchema* schema) {
  auto imported = ImportSchema(schema);
  if (!imported) {
    if (array != nullptr && array->release != nullptr) array->release(array);
    return imported.error();
  }
  return ImportRecordBatch(array, *imported);
}

}  // namespace floe::columnar
