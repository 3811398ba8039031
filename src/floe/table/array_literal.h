// One value of a columnar array as an Iceberg Literal, read as the Iceberg type of its column:
// what partitioning (one transform per partition field) and equality deletes work with.
#pragma once

#include <cstdint>
#include <string>

#include "floe/columnar/array.h"
#include "floe/core/result.h"
#include "floe/iceberg/literal.h"
#include "floe/iceberg/type.h"

namespace floe::table {

// Literal::Null() for a null slot. InvalidArgument when the array's layout cannot hold `type`;
// NotSupported for nested types.
Result<iceberg::Literal> ArrayValueToLiteral(const columnar::Array& array, int64_t row,
                                             const iceberg::Type& type);

// An array of `length` copies of `value` as columnar `type` (all null for a null value): an
// identity partition's value standing in for a column its data file lacks. An int value fills a
// long column and a float a double one (promoted columns); another mismatch is InvalidArgument,
// nested types NotSupported.
Result<columnar::Array> RepeatLiteral(const iceberg::Literal& value, const columnar::DataType& type,
                                      int64_t length);

// Appends `value` to a grouping key: a null marker, or a marker, the length and the value's
// single-value bytes (single_value.h). Equal tuples make equal keys, so rows group by them.
Status AppendLiteralKey(const iceberg::Literal& value, std::string& key);

}  // namespace floe::table
