// Transform: a partition (or sort) transform of the spec, "Partition Transforms": identity,
// bucket[N], truncate[W], year, month, day, hour and void. A transform knows which source types
// it accepts, the type it produces, how to apply itself to one value, and how its results are
// written in partition paths ("2024-01-01" for day) and read back.
//
//   FLOE_ASSIGN_OR_RETURN(Transform t, Transform::FromString("bucket[16]"));
//   t.CanTransform(*PrimitiveType::Long());             // true
//   FLOE_ASSIGN_OR_RETURN(Literal b, t.Apply(Literal::Long(34)));  // bucket of 34
//
// Transform names that floe does not know (a newer spec's) are kept as unknown transforms, so
// that their table metadata can still be read and written back; they cannot be applied.
// For columns, BoundTransform (bound_transform.h) applies a transform to spans of values.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "floe/core/result.h"
#include "floe/iceberg/literal.h"
#include "floe/iceberg/type.h"

namespace floe::iceberg {

enum class TransformKind : uint8_t {
  kIdentity,
  kBucket,
  kTruncate,
  kYear,
  kMonth,
  kDay,
  kHour,
  kVoid,
  kUnknown,
};

class Transform {
 public:
  static Transform Identity() { return Transform(TransformKind::kIdentity, 0); }
  static Result<Transform> Bucket(int32_t num_buckets);  // num_buckets >= 1
  static Result<Transform> Truncate(int32_t width);      // width >= 1
  static Transform Year() { return Transform(TransformKind::kYear, 0); }
  static Transform Month() { return Transform(TransformKind::kMonth, 0); }
  static Transform Day() { return Transform(TransformKind::kDay, 0); }
  static Transform Hour() { return Transform(TransformKind::kHour, 0); }
  static Transform Void() { return Transform(TransformKind::kVoid, 0); }

  // Reads the spec's strings ("identity", "bucket[16]", "truncate[4]", "year", ...). A malformed
  // bucket or truncate ("bucket[x]", "bucket[0]") is InvalidArgument; any other unrecognized name
  // becomes an unknown transform that keeps its text.
  static Result<Transform> FromString(std::string_view text);
  std::string ToString() const;

  TransformKind kind() const { return kind_; }
  // N of bucket[N] or W of truncate[W]; 0 otherwise.
  int32_t param() const { return param_; }
  bool is_unknown() const { return kind_ == TransformKind::kUnknown; }

  // Whether the spec allows this transform on `source` (always false for unknown transforms).
  bool CanTransform(const Type& source) const;
  // The partition value type: int for bucket, year, month and hour; date for day; the source
  // type for identity, truncate and void. InvalidArgument when !CanTransform(source).
  Result<TypePtr> ResultType(const TypePtr& source) const;

  // Applies the transform to one value of the source type (the literal's type). Null gives null.
  // InvalidArgument when the transform does not accept that type.
  Result<Literal> Apply(const Literal& value) const;

  // The partition value as written in paths: "2024" (year), "2024-01" (month), "2024-01-01"
  // (day), "2024-01-01-10" (hour), the number for bucket, the value's text for identity and
  // truncate ("null" for null). `value` is a result of Apply.
  std::string ToHumanString(const Literal& value) const;
  // The inverse of ToHumanString, given the partition's source type.
  Result<Literal> FromHumanString(std::string_view text, const Type& source) const;

  // Whether two transforms of a partition field order values the same way (both identity, or
  // the same bucket count, ...): equality of kind and parameter (and name for unknown ones).
  bool operator==(const Transform& other) const = default;

 private:
  Transform(TransformKind kind, int32_t param, std::string unknown_name = {})
      : kind_(kind), param_(param), unknown_name_(std::move(unknown_name)) {}

  TransformKind kind_;
  int32_t param_;
  std::string unknown_name_;
};

}  // namespace floe::iceberg
