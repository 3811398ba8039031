#include "floe/columnar/kernels.h"

#include <fmt/format.h>

#include <cstring>
#include <limits>
#include <memory>
#include <vector>

#include "floe/columnar/bit_util.h"
#include "floe/columnar/buffer.h"
#include "floe/columnar/decimal128.h"

namespace floe::columnar {

namespace {

constexpr int64_t kMaxOffset = std::numeric_limits<int32_t>::max();

// A validity bitmap at offset 0 and its null count; a null buffer means no nulls.
struct Validity {
  std::shared_ptr<Buffer> bitmap;
  int64_t null_count = 0;
};

Result<std::shared_ptr<Buffer>> AllocateOffsets(int64_t length) {
  return Buffer::Allocate((length + 1) * static_cast<int64_t>(sizeof(int32_t)));
}

int32_t* MutableOffsets(const std::shared_ptr<Buffer>& buffer) {
  return reinterpret_cast<int32_t*>(buffer->mutable_data());
}

// ---------------------------------------------------------------------------------------------
// Take

Result<Validity> TakeValidity(const Array& array, std::span<const int64_t> indices) {
  if (array.null_count() == 0) return Validity{};
  const auto n = static_cast<int64_t>(indices.size());
  FLOE_ASSIGN_OR_RETURN(auto bitmap, Buffer::Allocate(bit_util::BytesForBits(n)));
  uint8_t* out = bitmap->mutable_data();
  const uint8_t* bits = array.validity_bitmap();
  const int64_t offset = array.offset();
  int64_t valid = 0;
  for (int64_t j = 0; j < n; ++j) {
    if (bit_util::GetBit(bits, offset + indices[static_cast<size_t>(j)])) {
      bit_util::SetBit(out, j);
      ++valid;
    }
  }
  if (valid == n) return Validity{};
  return Validity{std::move(bitmap), n - valid};
}

// Gathers `width`-byte values; a constant width lets the compiler turn memcpy into one move.
template <int64_t kWidth>
void GatherFixed(const uint8_t* src, std::span<const int64_t> indices, uint8_t* dst) {
  for (size_t j = 0; j < indices.size(); ++j) {
    std::memcpy(dst + static_cast<int64_t>(j) * kWidth, src + indices[j] * kWidth, kWidth);
  }
}

void GatherFixed(const uint8_t* src, int64_t width, std::span<const int64_t> indices,
                 uint8_t* dst) {
  switch (width) {
    case 4:
      return GatherFixed<4>(src, indices, dst);
    case 8:
      return GatherFixed<8>(src, indices, dst);
    case 16:
      return GatherFixed<16>(src, indices, dst);
    default:
      for (size_t j = 0; j < indices.size(); ++j) {
        std::memcpy(dst + static_cast<int64_t>(j) * width, src + indices[j] * width,
                    static_cast<size_t>(width));
      }
  }
}

Result<Array> TakeUnchecked(const Array& array, std::span<const int64_t> indices);

Result<std::vector<std::shared_ptr<Buffer>>> TakeBinaryBuffers(const Array& array,
                                                               std::span<const int64_t> indices,
                                                               std::shared_ptr<Buffer> validity) {
  const auto n = static_cast<int64_t>(indices.size());
  const std::span<const int32_t> offsets = array.offsets();
  const bool has_nulls = array.null_count() > 0;
  int64_t total = 0;
  for (int64_t i : indices) {
    if (!has_nulls || array.IsValid(i)) total += offsets[i + 1] - offsets[i];
  }
  if (total > kMaxOffset) {
    return InvalidArgument("take of {} {} values needs {} bytes, past the 2 GiB limit", n,
                           array.type().ToString(), total);
  }
  FLOE_ASSIGN_OR_RETURN(auto out_offsets, AllocateOffsets(n));
  FLOE_ASSIGN_OR_RETURN(auto out_data, Buffer::Allocate(total));
  int32_t* dst_offsets = MutableOffsets(out_offsets);
  uint8_t* dst = out_data->mutable_data();
  const uint8_t* src = array.value_data();
  int32_t position = 0;
  dst_offsets[0] = 0;
  for (int64_t j = 0; j < n; ++j) {
    const int64_t i = indices[static_cast<size_t>(j)];
    if (!has_nulls || array.IsValid(i)) {
      const int32_t size = offsets[i + 1] - offsets[i];
      if (size > 0) std::memcpy(dst + position, src + offsets[i], static_cast<size_t>(size));
      position += size;
    }
    dst_offsets[j + 1] = position;
  }
  return std::vector<std::shared_ptr<Buffer>>{std::move(validity), std::move(out_offsets),
                                              std::move(out_data)};
}

// List and map: new offsets, and the child taken at every item of the chosen rows.
Result<Array> TakeList(const Array& array, std::span<const int64_t> indices, Validity validity) {
  const auto n = static_cast<int64_t>(indices.size());
  const std::span<const int32_t> offsets = array.offsets();
  const bool has_nulls = array.null_count() > 0;
  FLOE_ASSIGN_OR_RETURN(auto out_offsets, AllocateOffsets(n));
  int32_t* dst_offsets = MutableOffsets(out_offsets);
  std::vector<int64_t> child_indices;
  dst_offsets[0] = 0;
  for (int64_t j = 0; j < n; ++j) {
    const int64_t i = indices[static_cast<size_t>(j)];
    if (!has_nulls || array.IsValid(i)) {
      for (int64_t k = offsets[i]; k < offsets[i + 1]; ++k) child_indices.push_back(k);
      if (static_cast<int64_t>(child_indices.size()) > kMaxOffset) {
        return InvalidArgument("take of {} {} values needs more than 2^31 - 1 items", n,
                               array.type().ToString());
      }
    }
    dst_offsets[j + 1] = static_cast<int32_t>(child_indices.size());
  }
  FLOE_ASSIGN_OR_RETURN(Array child, TakeUnchecked(array.list_values(), child_indices));
  return Array::Make(array.type(), n, {std::move(validity.bitmap), std::move(out_offsets)},
                     {std::move(child)}, validity.null_count);
}

// REQUIRES: every index in [0, array.length()).
Result<Array> TakeUnchecked(const Array& array, std::span<const int64_t> indices) {
  const auto n = static_cast<int64_t>(indices.size());
  FLOE_ASSIGN_OR_RETURN(Validity validity, TakeValidity(array, indices));
  const DataType& type = array.type();
  switch (type.kind()) {
    case TypeKind::kBoolean: {
      FLOE_ASSIGN_OR_RETURN(auto values, Buffer::Allocate(bit_util::BytesForBits(n)));
      uint8_t* out = values->mutable_data();
      const uint8_t* bits = array.value_bitmap();
      const int64_t offset = array.offset();
      for (int64_t j = 0; j < n; ++j) {
        if (bit_util::GetBit(bits, offset + indices[static_cast<size_t>(j)])) {
          bit_util::SetBit(out, j);
        }
      }
      return Array::Make(type, n, {std::move(validity.bitmap), std::move(values)}, {},
                         validity.null_count);
    }
    case TypeKind::kString:
    case TypeKind::kBinary: {
      FLOE_ASSIGN_OR_RETURN(auto buffers,
                            TakeBinaryBuffers(array, indices, std::move(validity.bitmap)));
      return Array::Make(type, n, std::move(buffers), {}, validity.null_count);
    }
    case TypeKind::kList:
    case TypeKind::kMap:
      return TakeList(array, indices, std::move(validity));
    case TypeKind::kStruct: {
      std::vector<Array> children;
      children.reserve(static_cast<size_t>(type.num_fields()));
      for (int f = 0; f < type.num_fields(); ++f) {
        FLOE_ASSIGN_OR_RETURN(Array child, TakeUnchecked(array.field(f), indices));
        children.push_back(std::move(child));
      }
      return Array::Make(type, n, {std::move(validity.bitmap)}, std::move(children),
                         validity.null_count);
    }
    default: {
      const int64_t width = type.byte_width();
      FLOE_ASSIGN_OR_RETURN(auto values, Buffer::Allocate(n * width));
      if (n > 0) {
        const uint8_t* src = array.buffer(1)->data() + array.offset() * width;
        GatherFixed(src, width, indices, values->mutable_data());
      }
      return Array::Make(type, n, {std::move(validity.bitmap), std::move(values)}, {},
                         validity.null_count);
    }
  }
}

Status CheckIndices(std::span<const int64_t> indices, int64_t length) {
  for (int64_t i : indices) {
    if (i < 0 || i >= length) {
      return InvalidArgument("take index {} is out of range for {} rows", i, length);
    }
  }
  return OkStatus();
}

// ---------------------------------------------------------------------------------------------
// Concatenate

Result<Validity> ConcatenateValidity(std::span<const Array> arrays, int64_t total) {
  int64_t null_count = 0;
  for (const Array& a : arrays) null_count += a.null_count();
  if (null_count == 0) return Validity{};
  FLOE_ASSIGN_OR_RETURN(auto bitmap, Buffer::Allocate(bit_util::BytesForBits(total)));
  uint8_t* out = bitmap->mutable_data();
  int64_t position = 0;
  for (const Array& a : arrays) {
    if (a.validity_bitmap() != nullptr) {
      bit_util::CopyBitmap(a.validity_bitmap(), a.offset(), a.length(), out, position);
    } else {
      bit_util::SetBitsTo(out, position, a.length(), true);
    }
    position += a.length();
  }
  return Validity{std::move(bitmap), null_count};
}

// Writes the arrays' offsets one after the other, each run rebased to continue the last, and
// returns the end offset. InvalidArgument past the int32 offset range.
Result<std::shared_ptr<Buffer>> ConcatenateOffsets(std::span<const Array> arrays, int64_t total,
                                                   const DataType& type) {
  FLOE_ASSIGN_OR_RETURN(auto buffer, AllocateOffsets(total));
  int32_t* out = MutableOffsets(buffer);
  int64_t position = 0;
  int64_t end = 0;
  out[0] = 0;
  for (const Array& a : arrays) {
    const std::span<const int32_t> offsets = a.offsets();
    if (end + (offsets[a.length()] - offsets[0]) > kMaxOffset) {
      return InvalidArgument("concatenated {} arrays pass the 2^31 - 1 offset limit",
                             type.ToString());
    }
    const int64_t shift = end - offsets[0];
    for (int64_t i = 1; i <= a.length(); ++i) {
      out[position + i] = static_cast<int32_t>(offsets[i] + shift);
    }
    position += a.length();
    end += offsets[a.length()] - offsets[0];
  }
  return buffer;
}

Result<Array> ConcatenateUnchecked(std::span<const Array> arrays) {
  if (arrays.size() == 1) return arrays[0];
  const DataType& type = arrays[0].type();
  int64_t total = 0;
  for (const Array& a : arrays) total += a.length();
  FLOE_ASSIGN_OR_RETURN(Validity validity, ConcatenateValidity(arrays, total));
  switch (type.kind()) {
    case TypeKind::kBoolean: {
      FLOE_ASSIGN_OR_RETURN(auto values, Buffer::Allocate(bit_util::BytesForBits(total)));
      int64_t position = 0;
      for (const Array& a : arrays) {
        if (a.length() > 0) {
          bit_util::CopyBitmap(a.value_bitmap(), a.offset(), a.length(), values->mutable_data(),
                               position);
        }
        position += a.length();
      }
      return Array::Make(type, total, {std::move(validity.bitmap), std::move(values)}, {},
                         validity.null_count);
    }
    case TypeKind::kString:
    case TypeKind::kBinary: {
      FLOE_ASSIGN_OR_RETURN(auto offsets, ConcatenateOffsets(arrays, total, type));
      const int64_t bytes = reinterpret_cast<const int32_t*>(offsets->data())[total];
      FLOE_ASSIGN_OR_RETURN(auto data, Buffer::Allocate(bytes));
      int64_t position = 0;
      for (const Array& a : arrays) {
        const std::span<const int32_t> off = a.offsets();
        const int64_t size = off[a.length()] - off[0];
        if (size > 0) {
          std::memcpy(data->mutable_data() + position, a.value_data() + off[0],
                      static_cast<size_t>(size));
        }
        position += size;
      }
      return Array::Make(type, total,
                         {std::move(validity.bitmap), std::move(offsets), std::move(data)}, {},
                         validity.null_count);
    }
    case TypeKind::kList:
    case TypeKind::kMap: {
      FLOE_ASSIGN_OR_RETURN(auto offsets, ConcatenateOffsets(arrays, total, type));
      std::vector<Array> items;
      items.reserve(arrays.size());
      for (const Array& a : arrays) {
        const std::span<const int32_t> off = a.offsets();
        items.push_back(a.list_values().Slice(off[0], off[a.length()] - off[0]));
      }
      FLOE_ASSIGN_OR_RETURN(Array child, ConcatenateUnchecked(items));
      return Array::Make(type, total, {std::move(validity.bitmap), std::move(offsets)},
                         {std::move(child)}, validity.null_count);
    }
    case TypeKind::kStruct: {
      std::vector<Array> children;
      std::vector<Array> parts(arrays.size(), arrays[0]);
      for (int f = 0; f < type.num_fields(); ++f) {
        for (size_t k = 0; k < arrays.size(); ++k) parts[k] = arrays[k].field(f);
        FLOE_ASSIGN_OR_RETURN(Array child, ConcatenateUnchecked(parts));
        children.push_back(std::move(child));
      }
      return Array::Make(type, total, {std::move(validity.bitmap)}, std::move(children),
                         validity.null_count);
    }
    default: {
      const int64_t width = type.byte_width();
      FLOE_ASSIGN_OR_RETURN(auto values, Buffer::Allocate(total * width));
      int64_t position = 0;
      for (const Array& a : arrays) {
        if (a.length() > 0) {
          std::memcpy(values->mutable_data() + position * width,
                      a.buffer(1)->data() + a.offset() * width,
                      static_cast<size_t>(a.length() * width));
        }
        position += a.length();
      }
      return Array::Make(type, total, {std::move(validity.bitmap), std::move(values)}, {},
                         validity.null_count);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Cast

Error CastNotSupported(const DataType& from, const DataType& to) {
  return NotSupported("cannot cast {} to {} without losing values", from.ToString(), to.ToString());
}

// The array's validity moved to offset 0, for results whose other buffers start at offset 0.
Result<Validity> ValidityAtZero(const Array& array) {
  if (array.null_count() == 0) return Validity{};
  FLOE_ASSIGN_OR_RETURN(auto bitmap, Buffer::Allocate(bit_util::BytesForBits(array.length())));
  bit_util::CopyBitmap(array.validity_bitmap(), array.offset(), array.length(),
                       bitmap->mutable_data(), 0);
  return Validity{std::move(bitmap), array.null_count()};
}

// Converts each value with `convert`, keeping nulls.
template <typename From, typename To, typename Convert>
Result<Array> CastValues(const Array& array, const DataType& to, Convert convert) {
  const int64_t n = array.length();
  FLOE_ASSIGN_OR_RETURN(Validity validity, ValidityAtZero(array));
  FLOE_ASSIGN_OR_RETURN(auto values, Buffer::Allocate(n * static_cast<int64_t>(sizeof(To))));
  if (n > 0) {
    const std::span<const From> in = array.values<From>();
    To* out = reinterpret_cast<To*>(values->mutable_data());
    for (int64_t i = 0; i < n; ++i) out[i] = convert(in[static_cast<size_t>(i)]);
  }
  return Array::Make(to, n, {std::move(validity.bitmap), std::move(values)}, {},
                     validity.null_count);
}

// The same buffers under another type (the layouts are the same).
Result<Array> Relabel(const Array& array, const DataType& to, std::vector<Array> children) {
  return Array::Make(to, array.length(), array.buffers(), std::move(children), array.null_count(),
                     array.offset());
}

Result<Array> CastNested(const Array& array, const DataType& to) {
  const DataType& from = array.type();
  if (from.num_fields() != to.num_fields()) return CastNotSupported(from, to);
  std::vector<Array> children;
  children.reserve(static_cast<size_t>(to.num_fields()));
  for (int f = 0; f < to.num_fields(); ++f) {
    // Children as stored: struct children share the struct's offset, and list offsets index the
    // child as stored, so converting the whole child keeps every index meaningful.
    auto child = Cast(array.child(f), to.field(f).type());
    if (!child.has_value()) {
      if (child.error().kind() == ErrorKind::kNotSupported) return CastNotSupported(from, to);
      return child.error();
    }
    children.push_back(*std::move(child));
  }
  return Relabel(array, to, std::move(children));
}

constexpr int64_t kMicrosPerDay = int64_t{86'400} * 1'000'000;

// Dates more than ~292,000 years from 1970 have no microsecond timestamp.
Status CheckDaysFitTimestamp(const Array& array) {
  constexpr int64_t kMaxDays = std::numeric_limits<int64_t>::max() / kMicrosPerDay;
  const std::span<const int32_t> days = array.values<int32_t>();
  for (int64_t i = 0; i < array.length(); ++i) {
    const int64_t d = days[static_cast<size_t>(i)];
    if ((d > kMaxDays || d < -kMaxDays) && array.IsValid(i)) {
      return InvalidArgument("date {} days from 1970-01-01 is out of the timestamp range", d);
    }
  }
  return OkStatus();
}

}  // namespace

Result<Array> Take(const Array& array, std::span<const int64_t> indices) {
  FLOE_RETURN_IF_ERROR(CheckIndices(indices, array.length()));
  return TakeUnchecked(array, indices);
}

Result<RecordBatch> Take(const RecordBatch& batch, std::span<const int64_t> indices) {
  FLOE_RETURN_IF_ERROR(CheckIndices(indices, batch.num_rows()));
  std::vector<Array> columns;
  columns.reserve(static_cast<size_t>(batch.num_columns()));
  for (const Array& column : batch.columns()) {
    FLOE_ASSIGN_OR_RETURN(Array taken, TakeUnchecked(column, indices));
    columns.push_back(std::move(taken));
  }
  return RecordBatch::Make(batch.shared_schema(), std::move(columns),
                           static_cast<int64_t>(indices.size()));
}

Result<RecordBatch> Filter(const RecordBatch& batch, std::span<const uint8_t> mask) {
  if (static_cast<int64_t>(mask.size()) != batch.num_rows()) {
    return InvalidArgument("filter mask has {} entries for {} rows", mask.size(), batch.num_rows());
  }
  std::vector<int64_t> indices;
  indices.reserve(mask.size());
  for (size_t i = 0; i < mask.size(); ++i) {
    if (mask[i] != 0) indices.push_back(static_cast<int64_t>(i));
  }
  if (static_cast<int64_t>(indices.size()) == batch.num_rows()) return batch;
  return Take(batch, indices);
}

Result<Array> Concatenate(std::span<const Array> arrays) {
  if (arrays.empty()) return InvalidArgument("concatenate needs at least one array");
  const DataType& type = arrays[0].type();
  for (size_t k = 1; k < arrays.size(); ++k) {
    if (!arrays[k].type().Equals(type, /*check_metadata=*/false)) {
      return InvalidArgument("cannot concatenate array {} of type {} with arrays of type {}", k,
                             arrays[k].type().ToString(), type.ToString());
    }
  }
  return ConcatenateUnchecked(arrays);
}

Result<RecordBatch> Concatenate(std::span<const RecordBatch> batches) {
  if (batches.empty()) return InvalidArgument("concatenate needs at least one record batch");
  const Schema& schema = batches[0].schema();
  int64_t total = 0;
  for (size_t k = 0; k < batches.size(); ++k) {
    const Schema& other = batches[k].schema();
    if (other.num_fields() != schema.num_fields()) {
      return InvalidArgument("cannot concatenate batch {} with {} columns with batches of {}", k,
                             other.num_fields(), schema.num_fields());
    }
    for (int i = 0; i < schema.num_fields(); ++i) {
      if (!other.field(i).Equals(schema.field(i), /*check_metadata=*/true)) {
        return InvalidArgument("cannot concatenate batch {}: column {} is {}, batch 0 has {}", k, i,
                               other.field(i).ToString(), schema.field(i).ToString());
      }
    }
    total += batches[k].num_rows();
  }
  if (batches.size() == 1) return batches[0];
  std::vector<Array> columns;
  columns.reserve(static_cast<size_t>(schema.num_fields()));
  std::vector<Array> parts;
  parts.reserve(batches.size());
  for (int i = 0; i < schema.num_fields(); ++i) {
    parts.clear();
    for (const RecordBatch& b : batches) parts.push_back(b.column(i));
    FLOE_ASSIGN_OR_RETURN(Array column, ConcatenateUnchecked(parts));
    columns.push_back(std::move(column));
  }
  return RecordBatch::Make(batches[0].shared_schema(), std::move(columns), total);
}

Result<Array> Cast(const Array& array, const DataType& to) {
  const DataType& from = array.type();
  if (from.Equals(to, /*check_metadata=*/true)) return array;
  switch (from.kind()) {
    case TypeKind::kInt32:
      if (to.kind() == TypeKind::kInt64) {
        return CastValues<int32_t, int64_t>(array, to, [](int32_t v) { return int64_t{v}; });
      }
      break;
    case TypeKind::kFloat32:
      if (to.kind() == TypeKind::kFloat64) {
        return CastValues<float, double>(array, to, [](float v) { return double{v}; });
      }
      break;
    case TypeKind::kDecimal128:
      // Same scale, wider precision: the unscaled integers stay as they are.
      if (to.kind() == TypeKind::kDecimal128 && to.scale() == from.scale() &&
          to.precision() >= from.precision()) {
        return Relabel(array, to, {});
      }
      break;
    case TypeKind::kDate32:
      if (to.kind() == TypeKind::kTimestamp && to.timezone().empty()) {
        FLOE_RETURN_IF_ERROR(CheckDaysFitTimestamp(array));
        // Unsigned so that the garbage behind nulls cannot overflow.
        return CastValues<int32_t, int64_t>(array, to, [](int32_t d) {
          return static_cast<int64_t>(static_cast<uint64_t>(int64_t{d}) *
                                      static_cast<uint64_t>(kMicrosPerDay));
        });
      }
      break;
    case TypeKind::kTimestamp:
      // Both are UTC instants; only the zone used to show them differs.
      if (to.kind() == TypeKind::kTimestamp && !from.timezone().empty() && !to.timezone().empty()) {
        return Relabel(array, to, {});
      }
      break;
    case TypeKind::kStruct:
    case TypeKind::kList:
    case TypeKind::kMap:
      if (to.kind() == from.kind()) return CastNested(array, to);
      break;
    default:
      break;
  }
  return CastNotSupported(from, to);
}

}  // namespace floe::columnar
