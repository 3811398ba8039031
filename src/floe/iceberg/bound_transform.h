// BoundTransform: a Transform fixed to one source type, applying it to spans of a column's
// physical values. The (transform, source type) pair is checked once, in Bind; each Apply call
// then runs one tight loop (transform_kernels.h) over the span.
//
//   FLOE_ASSIGN_OR_RETURN(auto bt, BoundTransform::Bind(Transform::Day(),
//                                                      PrimitiveType::Timestamp()));
//   std::vector<int32_t> days(micros.size());
//   FLOE_RETURN_IF_ERROR(bt.Apply(std::span<const int64_t>(micros), std::span<int32_t>(days)));
//
// Which overload applies follows from the physical types: int32 values for int and date; int64
// for long, time and timestamps (nanoseconds for the _ns types); string_view for string, binary
// and fixed. Results are int32 for bucket, year, month, day (days) and hour; the source's form
// for identity and truncate. A mismatched overload is InvalidArgument. Void has no values:
// result_is_null() tells callers to emit an all-null column. Null slots follow transform_kernels.h.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "floe/core/result.h"
#include "floe/iceberg/transform.h"

namespace floe::iceberg {

class BoundTransform {
 public:
  // InvalidArgument when the transform does not accept `source`.
  static Result<BoundTransform> Bind(Transform transform, TypePtr source);

  const Transform& transform() const { return transform_; }
  const TypePtr& source_type() const { return source_; }
  const TypePtr& result_type() const { return result_; }
  bool result_is_null() const { return transform_.kind() == TransformKind::kVoid; }

  // REQUIRES for all: out.size() == in.size() (else InvalidArgument).
  Status Apply(std::span<const int32_t> in, std::span<int32_t> out) const;
  Status Apply(std::span<const int64_t> in, std::span<int32_t> out) const;
  Status Apply(std::span<const int64_t> in, std::span<int64_t> out) const;
  // Decimal sources, as unscaled values: bucket only.
  Status Apply(std::span<const __int128> in, std::span<int32_t> out) const;
  Status Apply(std::span<const std::string_view> in, std::span<int32_t> out) const;
  // Outputs view into the inputs.
  Status Apply(std::span<const std::string_view> in, std::span<std::string_view> out) const;

 private:
  BoundTransform(Transform transform, TypePtr source, TypePtr result)
      : transform_(std::move(transform)), source_(std::move(source)), result_(std::move(result)) {}

  Status Mismatch(std::string_view in, std::string_view out) const;

  Transform transform_;
  TypePtr source_;
  TypePtr result_;
};

}  // namespace floe::iceberg
