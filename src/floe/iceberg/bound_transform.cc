#include "floe/iceberg/bound_transform.h"

#include <algorithm>

#include "floe/iceberg/transform_kernels.h"

namespace floe::iceberg {
namespace {

bool IsNanos(TypeId t) { return t == TypeId::kTimestampNs || t == TypeId::kTimestampTzNs; }

template <typename In, typename Out>
Status CheckSizes(std::span<In> in, std::span<Out> out) {
  if (in.size() != out.size()) {
    return InvalidArgument("transform output has {} slots for {} inputs", out.size(), in.size());
  }
  return OkStatus();
}

}  // namespace

Result<BoundTransform> BoundTransform::Bind(Transform transform, TypePtr source) {
  FLOE_ASSIGN_OR_RETURN(TypePtr result, transform.ResultType(source));
  return BoundTransform(std::move(transform), std::move(source), std::move(result));
}

Status BoundTransform::Mismatch(std::string_view in, std::string_view out) const {
  return InvalidArgument("transform {} of {} does not map {} values to {} values",
                         transform_.ToString(), source_->ToString(), in, out);
}

Status BoundTransform::Apply(std::span<const int32_t> in, std::span<int32_t> out) const {
  FLOE_RETURN_IF_ERROR(CheckSizes(in, out));
  TypeId t = source_->id();
  if (t != TypeId::kInt && t != TypeId::kDate) return Mismatch("int32", "int32");
  int32_t p = transform_.param();
  switch (transform_.kind()) {
    case TransformKind::kIdentity:
    case TransformKind::kDay:
      std::copy(in.begin(), in.end(), out.begin());
      return OkStatus();
    case TransformKind::kBucket:
      kernels::BucketIntegers(in, p, out);
      return OkStatus();
    case TransformKind::kTruncate:
      kernels::TruncateIntegers(in, p, out);
      return OkStatus();
    case TransformKind::kYear:
      kernels::Map(in, out, [](int32_t d) { return kernels::YearFromDays(d); });
      return OkStatus();
    case TransformKind::kMonth:
      kernels::Map(in, out, [](int32_t d) { return kernels::MonthFromDays(d); });
      return OkStatus();
    default:
      return Mismatch("int32", "int32");
  }
}

Status BoundTransform::Apply(std::span<const int64_t> in, std::span<int32_t> out) const {
  FLOE_RETURN_IF_ERROR(CheckSizes(in, out));
  TypeId t = source_->id();
  if (t != TypeId::kLong && t != TypeId::kTime && t != TypeId::kTimestamp &&
      t != TypeId::kTimestampTz && !IsNanos(t)) {
    return Mismatch("int64", "int32");
  }
  bool nanos = IsNanos(t);
  auto micros = [nanos](int64_t v) {
    return nanos ? internal::FloorDiv(v, internal::kNanosPerMicro) : v;
  };
  switch (transform_.kind()) {
    case TransformKind::kBucket:
      if (nanos) {
        kernels::BucketNanos(in, transform_.param(), out);
      } else {
        kernels::BucketIntegers(in, transform_.param(), out);
      }
      return OkStatus();
    case TransformKind::kYear:
      kernels::Map(in, out, [&](int64_t v) { return kernels::YearFromMicros(micros(v)); });
      return OkStatus();
    case TransformKind::kMonth:
      kernels::Map(in, out, [&](int64_t v) { return kernels::MonthFromMicros(micros(v)); });
      return OkStatus();
    case TransformKind::kDay:
      kernels::Map(in, out, [&](int64_t v) { return kernels::DayFromMicros(micros(v)); });
      return OkStatus();
    case TransformKind::kHour:
      kernels::Map(in, out, [&](int64_t v) { return kernels::HourFromMicros(micros(v)); });
      return OkStatus();
    default:
      return Mismatch("int64", "int32");
  }
}

Status BoundTransform::Apply(std::span<const int64_t> in, std::span<int64_t> out) const {
  FLOE_RETURN_IF_ERROR(CheckSizes(in, out));
  TypeId t = source_->id();
  bool int64_source = t == TypeId::kLong || t == TypeId::kTime || t == TypeId::kTimestamp ||
                      t == TypeId::kTimestampTz || IsNanos(t);
  if (!int64_source) return Mismatch("int64", "int64");
  switch (transform_.kind()) {
    case TransformKind::kIdentity:
      std::copy(in.begin(), in.end(), out.begin());
      return OkStatus();
    case TransformKind::kTruncate:
      kernels::TruncateIntegers(in, transform_.param(), out);
      return OkStatus();
    default:
      return Mismatch("int64", "int64");
  }
}

Status BoundTransform::Apply(std::span<const __int128> in, std::span<int32_t> out) const {
  FLOE_RETURN_IF_ERROR(CheckSizes(in, out));
  if (source_->id() != TypeId::kDecimal || transform_.kind() != TransformKind::kBucket) {
    return Mismatch("decimal", "int32");
  }
  kernels::BucketDecimals(in, transform_.param(), out);
  return OkStatus();
}

Status BoundTransform::Apply(std::span<const std::string_view> in, std::span<int32_t> out) const {
  FLOE_RETURN_IF_ERROR(CheckSizes(in, out));
  TypeId t = source_->id();
  bool bytes_source =
      t == TypeId::kString || t == TypeId::kBinary || t == TypeId::kFixed || t == TypeId::kUuid;
  if (!bytes_source || transform_.kind() != TransformKind::kBucket) {
    return Mismatch("bytes", "int32");
  }
  kernels::BucketBytes(in, transform_.param(), out);
  return OkStatus();
}

Status BoundTransform::Apply(std::span<const std::string_view> in,
                             std::span<std::string_view> out) const {
  FLOE_RETURN_IF_ERROR(CheckSizes(in, out));
  TypeId t = source_->id();
  switch (transform_.kind()) {
    case TransformKind::kIdentity:
      if (t != TypeId::kString && t != TypeId::kBinary && t != TypeId::kFixed &&
          t != TypeId::kUuid) {
        return Mismatch("bytes", "bytes");
      }
      std::copy(in.begin(), in.end(), out.begin());
      return OkStatus();
    case TransformKind::kTruncate:
      if (t == TypeId::kString) {
        kernels::TruncateStrings(in, transform_.param(), out);
      } else if (t == TypeId::kBinary) {
        kernels::TruncateBinaries(in, transform_.param(), out);
      } else {
        return Mismatch("bytes", "bytes");
      }
      return OkStatus();
    default:
      return Mismatch("bytes", "bytes");
  }
}

}  // namespace floe::iceberg
