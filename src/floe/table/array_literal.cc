#include "floe/table/array_literal.h"

#include <cstring>

#include "floe/iceberg/single_value.h"

namespace floe::table {

using columnar::TypeKind;
using iceberg::Literal;
using iceberg::TypeId;

Result<Literal> ArrayValueToLiteral(const columnar::Array& array, int64_t row,
                                    const iceberg::Type& type) {
  if (array.IsNull(row)) return Literal::Null();
  const TypeKind kind = array.kind();
  auto mismatch = [&]() -> Result<Literal> {
    return InvalidArgument("a {} array cannot hold Iceberg {} values",
                           columnar::TypeKindName(kind), type.ToString());
  };
  auto bytes = [&] {
    std::string_view v = array.GetView(row);
    return Literal::Bytes(v.begin(), v.end());
  };
  switch (type.id()) {
    case TypeId::kBoolean:
      if (kind != TypeKind::kBoolean) return mismatch();
      return Literal::Boolean(array.GetBool(row));
    case TypeId::kInt:
      if (kind != TypeKind::kInt32) return mismatch();
      return Literal::Int(array.values<int32_t>()[static_cast<size_t>(row)]);
    case TypeId::kDate:
      if (kind != TypeKind::kDate32 && kind != TypeKind::kInt32) return mismatch();
      return Literal::Date(array.values<int32_t>()[static_cast<size_t>(row)]);
    case TypeId::kLong:
      if (kind == TypeKind::kInt32) return Literal::Long(array.values<int32_t>()[static_cast<size_t>(row)]);
      if (kind != TypeKind::kInt64) return mismatch();
      return Literal::Long(array.values<int64_t>()[static_cast<size_t>(row)]);
    case TypeId::kTime:
      if (kind != TypeKind::kTime64 && kind != TypeKind::kInt64) return mismatch();
      return Literal::Time(array.values<int64_t>()[static_cast<size_t>(row)]);
    case TypeId::kTimestamp:
      if (kind != TypeKind::kTimestamp && kind != TypeKind::kInt64) return mismatch();
      return Literal::Timestamp(array.values<int64_t>()[static_cast<size_t>(row)]);
    case TypeId::kTimestampTz:
      if (kind != TypeKind::kTimestamp && kind != TypeKind::kInt64) return mismatch();
      return Literal::TimestampTz(array.values<int64_t>()[static_cast<size_t>(row)]);
    case TypeId::kFloat:
      if (kind != TypeKind::kFloat32) return mismatch();
      return Literal::Float(array.values<float>()[static_cast<size_t>(row)]);
    case TypeId::kDouble:
      if (kind == TypeKind::kFloat32) return Literal::Double(array.values<float>()[static_cast<size_t>(row)]);
      if (kind != TypeKind::kFloat64) return mismatch();
      return Literal::Double(array.values<double>()[static_cast<size_t>(row)]);
    case TypeId::kDecimal: {
      if (kind != TypeKind::kDecimal128) return mismatch();
      const auto& prim = static_cast<const iceberg::PrimitiveType&>(type);
      iceberg::Int128 unscaled;
      std::memcpy(&unscaled, array.fixed_size_values() + row * 16, 16);
      return Literal::Decimal(unscaled, prim.scale());
    }
    case TypeId::kString:
      if (kind != TypeKind::kString && kind != TypeKind::kBinary) return mismatch();
      return Literal::String(std::string(array.GetView(row)));
    case TypeId::kBinary:
      if (!array.type().is_binary_like() && kind != TypeKind::kFixedSizeBinary) return mismatch();
      return Literal::Binary(bytes());
    case TypeId::kFixed:
      if (kind != TypeKind::kFixedSizeBinary) return mismatch();
      return Literal::Fixed(bytes());
    case TypeId::kUuid: {
      if (kind != TypeKind::kFixedSizeBinary || array.type().byte_width() != 16) return mismatch();
      Literal::UuidBytes u;
      std::memcpy(u.data(), array.GetView(row).data(), 16);
      return Literal::Uuid(u);
    }
    default:
      return NotSupported("cannot make a single value of Iceberg type {}", type.ToString());
  }
}

Status AppendLiteralKey(const Literal& value, std::string& key) {
  if (value.is_null()) {
    key.push_back('\0');
    return OkStatus();
  }
  FLOE_ASSIGN_OR_RETURN(auto bytes, iceberg::SerializeSingleValue(value));
  key.push_back('\1');
  uint32_t n = static_cast<uint32_t>(bytes.size());
  key.append(reinterpret_cast<const char*>(&n), sizeof(n));
  key.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return OkStatus();
}

}  // namespace floe::table
