#include "floe/columnar/compare.h"

#include <fmt/format.h>

#include <cstring>

namespace floe::columnar {

namespace {

// Elements [a_start, a_start + length) of `a` against [b_start, ...) of `b`, as logical
// indexes. REQUIRES: equal types, ranges in bounds.
bool RangeEquals(const Array& a, int64_t a_start, const Array& b, int64_t b_start, int64_t length) {
  const TypeKind kind = a.kind();
  const int64_t width = a.type().byte_width();
  if (width > 0 && a.null_count() == 0 && b.null_count() == 0) {
    return length == 0 || std::memcmp(a.fixed_size_values() + a_start * width,
                                      b.fixed_size_values() + b_start * width,
                                      static_cast<size_t>(length * width)) == 0;
  }
  for (int64_t i = 0; i < length; ++i) {
    const int64_t ai = a_start + i;
    const int64_t bi = b_start + i;
    const bool valid = a.IsValid(ai);
    if (valid != b.IsValid(bi)) return false;
    if (!valid) continue;
    switch (kind) {
      case TypeKind::kBoolean:
        if (a.GetBool(ai) != b.GetBool(bi)) return false;
        break;
      case TypeKind::kString:
      case TypeKind::kBinary:
        if (a.GetView(ai) != b.GetView(bi)) return false;
        break;
      case TypeKind::kStruct:
        for (int f = 0; f < a.num_children(); ++f) {
          if (!RangeEquals(a.child(f), a.offset() + ai, b.child(f), b.offset() + bi, 1)) {
            return false;
          }
        }
        break;
      case TypeKind::kList:
      case TypeKind::kMap: {
        const auto ao = a.offsets();
        const auto bo = b.offsets();
        const int32_t an = ao[static_cast<size_t>(ai) + 1] - ao[static_cast<size_t>(ai)];
        const int32_t bn = bo[static_cast<size_t>(bi) + 1] - bo[static_cast<size_t>(bi)];
        if (an != bn) return false;
        if (!RangeEquals(a.list_values(), ao[static_cast<size_t>(ai)], b.list_values(),
                         bo[static_cast<size_t>(bi)], an)) {
          return false;
        }
        break;
      }
      default:
        if (std::memcmp(a.fixed_size_values() + ai * width, b.fixed_size_values() + bi * width,
                        static_cast<size_t>(width)) != 0) {
          return false;
        }
        break;
    }
  }
  return true;
}

}  // namespace

bool ArrayEquals(const Array& a, const Array& b) {
  if (!a.type().Equals(b.type(), /*check_metadata=*/false)) return false;
  if (a.length() != b.length() || a.null_count() != b.null_count()) return false;
  return RangeEquals(a, 0, b, 0, a.length());
}

bool RecordBatchEquals(const RecordBatch& a, const RecordBatch& b, bool check_metadata) {
  if (!a.schema().Equals(b.schema(), check_metadata)) return false;
  if (a.num_rows() != b.num_rows()) return false;
  for (int i = 0; i < a.num_columns(); ++i) {
    if (!ArrayEquals(a.column(i), b.column(i))) return false;
  }
  return true;
}

std::string DescribeArrayDifference(const Array& a, const Array& b) {
  if (!a.type().Equals(b.type(), /*check_metadata=*/false)) {
    return fmt::format("types differ: {} vs {}", a.type().ToString(), b.type().ToString());
  }
  if (a.length() != b.length()) {
    return fmt::format("lengths differ: {} vs {}", a.length(), b.length());
  }
  for (int64_t i = 0; i < a.length(); ++i) {
    if (!RangeEquals(a, i, b, i, 1)) {
      return fmt::format("element {} differs: {} vs {}", i, a.Slice(i, 1).ToString(),
                         b.Slice(i, 1).ToString());
    }
  }
  if (a.null_count() != b.null_count()) {
    return fmt::format("null counts differ: {} vs {}", a.null_count(), b.null_count());
  }
  return "";
}

}  // namespace floe::columnar
