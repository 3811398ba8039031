#include "floe/columnar/builder.h"

namespace floe::columnar {

Result<std::unique_ptr<ArrayBuilder>> MakeBuilder(const DataType& type) {
  switch (type.kind()) {
    case TypeKind::kBoolean:
      return std::make_unique<BooleanBuilder>();
    case TypeKind::kInt32:
      return std::make_unique<Int32Builder>();
    case TypeKind::kDate32:
      return std::make_unique<Date32Builder>();
    case TypeKind::kInt64:
      return std::make_unique<Int64Builder>();
    case TypeKind::kTime64:
      return std::make_unique<Time64Builder>();
    case TypeKind::kTimestamp:
      return std::make_unique<TimestampBuilder>(type.timezone());
    case TypeKind::kFloat32:
      return std::make_unique<Float32Builder>();
    case TypeKind::kFloat64:
      return std::make_unique<Float64Builder>();
    case TypeKind::kDecimal128:
      return std::make_unique<Decimal128Builder>(type.precision(), type.scale());
    case TypeKind::kString:
      return std::make_unique<StringBuilder>();
    case TypeKind::kBinary:
      return std::make_unique<BinaryBuilder>(type);
    case TypeKind::kFixedSizeBinary:
      return std::make_unique<FixedSizeBinaryBuilder>(type);
    case TypeKind::kStruct: {
      std::vector<std::unique_ptr<ArrayBuilder>> children;
      for (const Field& f : type.fields()) {
        FLOE_ASSIGN_OR_RETURN(auto child, MakeBuilder(f.type()));
        children.push_back(std::move(child));
      }
      return std::make_unique<StructBuilder>(type, std::move(children));
    }
    case TypeKind::kList: {
      FLOE_ASSIGN_OR_RETURN(auto values, MakeBuilder(type.value_field().type()));
      return std::make_unique<ListBuilder>(type, std::move(values));
    }
    case TypeKind::kMap: {
      FLOE_ASSIGN_OR_RETURN(auto keys, MakeBuilder(type.key_field().type()));
      FLOE_ASSIGN_OR_RETURN(auto items, MakeBuilder(type.value_field().type()));
      return std::make_unique<MapBuilder>(type, std::move(keys), std::move(items));
    }
  }
  return NotSupported("no builder for {}", type.ToString());
}

}  // namespace floe::columnar
