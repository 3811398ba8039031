// Builders: append values one at a time or in bulk, then Finish() into an Array.
//
// One builder per physical layout (fixed_width_builder.h, binary_builder.h, nested_builder.h);
// the value-appending methods are not virtual, so hot loops make direct calls. ArrayBuilder's
// virtual methods serve generic code (nested builders, MakeBuilder) and are not meant for per-value
// hot loops.
//
//   Int64Builder b;                       // FixedWidthBuilder<int64_t> over int64
//   FLOE_RETURN_IF_ERROR(b.Reserve(n));
//   for (...) valid ? b.UnsafeAppend(v) : b.UnsafeAppendNull();
//   FLOE_ASSIGN_OR_RETURN(Array a, b.Finish());  // b is now empty and ready for reuse
//
// Append* check capacity and grow; UnsafeAppend* REQUIRE prior Reserve (and ReserveData for
// string/binary). Finish hands the builder's buffers to the Array and keeps a reference; when
// the builder next grows and holds the last reference (every Array using them is gone), it
// reuses the same memory instead of allocating (fresh memory is slow; see INTEROP.md). Reset()
// drops the contents and keeps the capacity. The validity bitmap is only written once a null
// has been appended; arrays without nulls get no validity buffer.
//
// Nested builders own their child builders. StructBuilder: append each child's value, then
// Append() the struct slot (AppendNull() also appends a null to every child). ListBuilder:
// Append() opens a list, then append its items to value_builder(). MapBuilder: Append() opens a
// map, then append equal numbers of keys and items.
//
// A builder is not thread-safe; Arrays it produced may be read from any thread.
#pragma once

#include <memory>

#include "floe/columnar/array_builder.h"
#include "floe/columnar/binary_builder.h"
#include "floe/columnar/fixed_width_builder.h"
#include "floe/columnar/nested_builder.h"
#include "floe/columnar/type.h"
#include "floe/core/result.h"

namespace floe::columnar {

// A builder for any supported type, nested builders with their children. The result's dynamic
// type is the named builder (Int32Builder, Date32Builder, TimestampBuilder, StringBuilder, ...),
// so it may be cast to that or to its base (FixedWidthBuilder<int32_t>, BinaryBuilder).
Result<std::unique_ptr<ArrayBuilder>> MakeBuilder(const DataType& type);

}  // namespace floe::columnar
