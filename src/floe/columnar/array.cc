#include "floe/columnar/array.h"

#include <fmt/format.h>

#include <cstring>

#include "floe/columnar/decimal128.h"

namespace floe::columnar {

namespace {

int ExpectedBufferCount(TypeKind kind) {
  switch (kind) {
    case TypeKind::kStruct:
      return 1;
    case TypeKind::kString:
    case TypeKind::kBinary:
      return 3;
    default:
      return 2;
  }
}

int ExpectedChildCount(const DataType& type) {
  switch (type.kind()) {
    case TypeKind::kStruct:
      return type.num_fields();
    case TypeKind::kList:
    case TypeKind::kMap:
      return 1;
    default:
      return 0;
  }
}

Status CheckBufferSize(const std::shared_ptr<Buffer>& buffer, int64_t needed, const char* what,
                       const DataType& type) {
  if (needed == 0) return OkStatus();
  if (buffer == nullptr)
    return InvalidArgument("{} array is missing its {} buffer", type.ToString(), what);
  if (buffer->size() < needed) {
    return InvalidArgument("{} array's {} buffer has {} bytes, needs {}", type.ToString(), what,
                           buffer->size(), needed);
  }
  return OkStatus();
}

}  // namespace

Array::Array(DataType type, int64_t length, int64_t offset, int64_t null_count,
             std::vector<std::shared_ptr<Buffer>> buffers, std::vector<Array> children)
    : type_(std::move(type)),
      length_(length),
      offset_(offset),
      null_count_(null_count),
      buffers_(std::move(buffers)),
      children_(std::move(children)) {
  CachePointers();
}

void Array::CachePointers() {
  validity_ = (null_count_ > 0 && buffers_[0] != nullptr) ? buffers_[0]->data() : nullptr;
  values_ = (buffers_.size() > 1 && buffers_[1] != nullptr) ? buffers_[1]->data() : nullptr;
  data_ = (buffers_.size() > 2 && buffers_[2] != nullptr) ? buffers_[2]->data() : nullptr;
}

Result<Array> Array::Make(DataType type, int64_t length,
                          std::vector<std::shared_ptr<Buffer>> buffers, std::vector<Array> children,
                          int64_t null_count, int64_t offset) {
  if (length < 0 || offset < 0) {
    return InvalidArgument("{} array has negative length {} or offset {}", type.ToString(), length,
                           offset);
  }
  const TypeKind kind = type.kind();
  const int expected_buffers = ExpectedBufferCount(kind);
  if (static_cast<int>(buffers.size()) != expected_buffers) {
    return InvalidArgument("{} array needs {} buffers, got {}", type.ToString(), expected_buffers,
                           buffers.size());
  }
  const int expected_children = ExpectedChildCount(type);
  if (static_cast<int>(children.size()) != expected_children) {
    return InvalidArgument("{} array needs {} children, got {}", type.ToString(), expected_children,
                           children.size());
  }
  const int64_t end = offset + length;
  if (buffers[0] != nullptr) {
    FLOE_RETURN_IF_ERROR(
        CheckBufferSize(buffers[0], bit_util::BytesForBits(end), "validity", type));
  }
  if (null_count == kUnknownNullCount) {
    null_count = (buffers[0] == nullptr || length == 0)
                     ? 0
                     : length - bit_util::CountSetBits(buffers[0]->data(), offset, length);
  } else if (null_count < 0 || null_count > length) {
    return InvalidArgument("{} array has null count {} for length {}", type.ToString(), null_count,
                           length);
  } else if (null_count > 0 && buffers[0] == nullptr) {
    return InvalidArgument("{} array has {} nulls but no validity buffer", type.ToString(),
                           null_count);
  }

  switch (kind) {
    case TypeKind::kBoolean:
      FLOE_RETURN_IF_ERROR(
          CheckBufferSize(buffers[1], bit_util::BytesForBits(end), "values", type));
      break;
    case TypeKind::kString:
    case TypeKind::kBinary:
    case TypeKind::kList:
    case TypeKind::kMap: {
      FLOE_RETURN_IF_ERROR(CheckBufferSize(buffers[1], (end + 1) * 4, "offsets", type));
      const auto* offsets = reinterpret_cast<const int32_t*>(buffers[1]->data());
      const int32_t first = offsets[offset];
      const int32_t last = offsets[end];
      if (first < 0 || last < first) {
        return InvalidArgument("{} array has offsets from {} to {}", type.ToString(), first, last);
      }
      if (type.is_binary_like()) {
        FLOE_RETURN_IF_ERROR(CheckBufferSize(buffers[2], last, "data", type));
      } else {
        if (last > children[0].length()) {
          return InvalidArgument("{} array's offsets reach {} past its child's length {}",
                                 type.ToString(), last, children[0].length());
        }
      }
      break;
    }
    case TypeKind::kStruct:
      for (const Array& child : children) {
        if (child.length() < end) {
          return InvalidArgument("{} array of length {} (offset {}) has a child of length {}",
                                 type.ToString(), length, offset, child.length());
        }
      }
      break;
    default:
      FLOE_RETURN_IF_ERROR(CheckBufferSize(buffers[1], end * type.byte_width(), "values", type));
      break;
  }
  for (size_t i = 0; i < children.size(); ++i) {
    const DataType& want = type.field(static_cast<int>(i)).type();
    if (!children[i].type().Equals(want, /*check_metadata=*/false)) {
      return InvalidArgument("{} array's child {} has type {}", type.ToString(), i,
                             children[i].type().ToString());
    }
  }
  return Array(std::move(type), length, offset, null_count, std::move(buffers),
               std::move(children));
}

Result<Array> Array::MakeAllNull(const DataType& type, int64_t length) {
  if (length < 0) return InvalidArgument("negative length {}", length);
  // Buffer::Allocate zeroes: all bits null, all offsets 0, all values 0.
  FLOE_ASSIGN_OR_RETURN(auto validity, Buffer::Allocate(bit_util::BytesForBits(length)));
  std::vector<std::shared_ptr<Buffer>> buffers{validity};
  std::vector<Array> children;
  auto zeroed = [](int64_t size) { return Buffer::Allocate(size); };
  switch (type.kind()) {
    case TypeKind::kBoolean: {
      FLOE_ASSIGN_OR_RETURN(auto values, zeroed(bit_util::BytesForBits(length)));
      buffers.push_back(std::move(values));
      break;
    }
    case TypeKind::kString:
    case TypeKind::kBinary:
    case TypeKind::kList:
    case TypeKind::kMap: {
      FLOE_ASSIGN_OR_RETURN(auto offsets, zeroed((length + 1) * 4));
      buffers.push_back(std::move(offsets));
      if (type.is_binary_like()) {
        FLOE_ASSIGN_OR_RETURN(auto data, zeroed(0));
        buffers.push_back(std::move(data));
      } else {
        FLOE_ASSIGN_OR_RETURN(auto child, MakeAllNull(type.field(0).type(), 0));
        children.push_back(std::move(child));
      }
      break;
    }
    case TypeKind::kStruct:
      for (const Field& f : type.fields()) {
        FLOE_ASSIGN_OR_RETURN(auto child, MakeAllNull(f.type(), length));
        children.push_back(std::move(child));
      }
      break;
    default: {
      FLOE_ASSIGN_OR_RETURN(auto values, zeroed(length * type.byte_width()));
      buffers.push_back(std::move(values));
      break;
    }
  }
  return Make(type, length, std::move(buffers), std::move(children), length, 0);
}

std::string_view Array::GetView(int64_t i) const {
  if (type_.kind() == TypeKind::kFixedSizeBinary) {
    const int64_t w = type_.byte_width();
    return {reinterpret_cast<const char*>(fixed_size_values() + i * w), static_cast<size_t>(w)};
  }
  const auto off = offsets();
  const int32_t begin = off[static_cast<size_t>(i)];
  const int32_t end = off[static_cast<size_t>(i) + 1];
  return {reinterpret_cast<const char*>(data_) + begin, static_cast<size_t>(end - begin)};
}

Array Array::field(int i) const { return child(i).Slice(offset_, length_); }

Array Array::map_keys() const { return children_[0].field(0); }
Array Array::map_items() const { return children_[0].field(1); }

Array Array::Slice(int64_t offset, int64_t length) const {
  int64_t null_count = 0;
  if (null_count_ > 0 && length > 0) {
    null_count = null_count_ == length_ ? length
                                        : length - bit_util::CountSetBits(buffers_[0]->data(),
                                                                          offset_ + offset, length);
  }
  return Array(type_, length, offset_ + offset, null_count, buffers_, children_);
}

Result<Array> Array::SliceSafe(int64_t offset, int64_t length) const {
  if (offset < 0 || length < 0 || offset > length_ || length > length_ - offset) {
    return InvalidArgument("slice [{}, {}+{}) out of range for length {}", offset, offset, length,
                           length_);
  }
  return Slice(offset, length);
}

Status Array::ValidateFull() const {
  // Re-run Make's structural checks over this array.
  auto remade = Make(type_, length_, buffers_, children_, kUnknownNullCount, offset_);
  if (!remade) return remade.error();
  const int64_t counted =
      (buffers_[0] == nullptr || length_ == 0)
          ? 0
          : length_ - bit_util::CountSetBits(buffers_[0]->data(), offset_, length_);
  if (counted != null_count_) {
    return InvalidArgument("{} array says {} nulls, bitmap has {}", type_.ToString(), null_count_,
                           counted);
  }
  if (type_.is_binary_like() || type_.kind() == TypeKind::kList || type_.kind() == TypeKind::kMap) {
    const auto off = offsets();
    for (size_t i = 0; i + 1 < off.size(); ++i) {
      if (off[i + 1] < off[i]) {
        return InvalidArgument("{} array's offsets decrease at {}", type_.ToString(), i);
      }
    }
  }
  if (type_.kind() == TypeKind::kMap) {
    const Array keys = map_keys();
    if (keys.null_count() > 0) return InvalidArgument("map array has null keys");
  }
  for (const Array& child : children_) FLOE_RETURN_IF_ERROR(child.ValidateFull());
  return OkStatus();
}

namespace {

void AppendElement(const Array& a, int64_t i, std::string* out);

void AppendRange(const Array& a, int64_t begin, int64_t end, std::string* out) {
  for (int64_t i = begin; i < end; ++i) {
    if (i > begin) *out += ", ";
    AppendElement(a, i, out);
  }
}

void AppendElement(const Array& a, int64_t i, std::string* out) {
  if (a.IsNull(i)) {
    *out += "null";
    return;
  }
  switch (a.kind()) {
    case TypeKind::kBoolean:
      *out += a.GetBool(i) ? "true" : "false";
      break;
    case TypeKind::kInt32:
    case TypeKind::kDate32:
      *out += fmt::format("{}", a.values<int32_t>()[static_cast<size_t>(i)]);
      break;
    case TypeKind::kInt64:
    case TypeKind::kTime64:
    case TypeKind::kTimestamp:
      *out += fmt::format("{}", a.values<int64_t>()[static_cast<size_t>(i)]);
      break;
    case TypeKind::kFloat32:
      *out += fmt::format("{}", a.values<float>()[static_cast<size_t>(i)]);
      break;
    case TypeKind::kFloat64:
      *out += fmt::format("{}", a.values<double>()[static_cast<size_t>(i)]);
      break;
    case TypeKind::kDecimal128: {
      const Decimal128 d = a.values<Decimal128>()[static_cast<size_t>(i)];
      *out += fmt::format("0x{:016x}{:016x}", static_cast<uint64_t>(d.high), d.low);
      break;
    }
    case TypeKind::kString:
      *out += fmt::format("\"{}\"", a.GetView(i));
      break;
    case TypeKind::kBinary:
    case TypeKind::kFixedSizeBinary:
      *out += "x'";
      for (char c : a.GetView(i)) *out += fmt::format("{:02x}", static_cast<uint8_t>(c));
      *out += "'";
      break;
    case TypeKind::kStruct:
      *out += "{";
      for (int f = 0; f < a.num_children(); ++f) {
        if (f > 0) *out += ", ";
        *out += a.type().field(f).name() + ": ";
        AppendElement(a.child(f), a.offset() + i, out);
      }
      *out += "}";
      break;
    case TypeKind::kList: {
      const auto off = a.offsets();
      *out += "[";
      AppendRange(a.list_values(), off[static_cast<size_t>(i)], off[static_cast<size_t>(i) + 1],
                  out);
      *out += "]";
      break;
    }
    case TypeKind::kMap: {
      const auto off = a.offsets();
      const Array keys = a.map_keys();
      const Array items = a.map_items();
      *out += "{";
      for (int32_t j = off[static_cast<size_t>(i)]; j < off[static_cast<size_t>(i) + 1]; ++j) {
        if (j > off[static_cast<size_t>(i)]) *out += ", ";
        AppendElement(keys, j, out);
        *out += ": ";
        AppendElement(items, j, out);
      }
      *out += "}";
      break;
    }
  }
}

}  // namespace

std::string Array::ToString() const {
  std::string out = "[";
  AppendRange(*this, 0, length_, &out);
  return out + "]";
}

}  // namespace floe::columnar
