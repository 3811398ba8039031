// Forward declarations of the iceberg layer's value types, so that headers can name them
// without pulling in their definitions.
#pragma once

#include <cstdint>
#include <memory>

namespace floe::iceberg {

enum class TypeId : uint8_t;
class Type;
class PrimitiveType;
class StructType;
class ListType;
class MapType;
class NestedField;
class Schema;
class Literal;
class Transform;
class PartitionSpec;
class SortOrder;

// Types are immutable and shared: a schema, its partition type and its evolved successor may
// all point at the same nested type.
using TypePtr = std::shared_ptr<const Type>;

}  // namespace floe::iceberg
