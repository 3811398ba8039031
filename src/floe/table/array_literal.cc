#include "floe/table/array_literal.h"

#include <cstring>

#include "floe/columnar/builder.h"
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

namespace {

template <typename Builder, typename Value>
Result<columnar::Array> Repeat(Builder& builder, const Value& value, int64_t length) {
  FLOE_RETURN_IF_ERROR(builder.Reserve(length));
  for (int64_t i = 0; i < length; ++i) {
    FLOE_RETURN_IF_ERROR(builder.Append(value));
  }
  return builder.Finish();
}

std::string_view AsView(const Literal::Bytes& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

}  // namespace

Result<columnar::Array> RepeatLiteral(const Literal& value, const columnar::DataType& type,
                                      int64_t length) {
  if (value.is_null()) return columnar::Array::MakeAllNull(type, length);
  const TypeId id = value.type_id();
  auto mismatch = [&]() -> Result<columnar::Array> {
    return InvalidArgument("a {} value cannot fill a {} column", value.ToString(), type.ToString());
  };
  switch (type.kind()) {
    case TypeKind::kBoolean: {
      if (id != TypeId::kBoolean) return mismatch();
      columnar::BooleanBuilder b;
      return Repeat(b, value.bool_value(), length);
    }
    case TypeKind::kInt32: {
      if (id != TypeId::kInt) return mismatch();
      columnar::Int32Builder b;
      return Repeat(b, value.int_value(), length);
    }
    case TypeKind::kDate32: {
      if (id != TypeId::kDate) return mismatch();
      columnar::Date32Builder b;
      return Repeat(b, value.int_value(), length);
    }
    case TypeKind::kInt64: {
      if (id != TypeId::kLong && id != TypeId::kInt) return mismatch();
      columnar::Int64Builder b;
      return Repeat(b, id == TypeId::kInt ? int64_t{value.int_value()} : value.long_value(), length);
    }
    case TypeKind::kTime64: {
      if (id != TypeId::kTime) return mismatch();
      columnar::Time64Builder b;
      return Repeat(b, value.long_value(), length);
    }
    case TypeKind::kTimestamp: {
      if (id != TypeId::kTimestamp && id != TypeId::kTimestampTz) return mismatch();
      columnar::TimestampBuilder b(type.timezone());
      return Repeat(b, value.long_value(), length);
    }
    case TypeKind::kFloat32: {
      if (id != TypeId::kFloat) return mismatch();
      columnar::Float32Builder b;
      return Repeat(b, value.float_value(), length);
    }
    case TypeKind::kFloat64: {
      if (id != TypeId::kDouble && id != TypeId::kFloat) return mismatch();
      columnar::Float64Builder b;
      return Repeat(b, id == TypeId::kFloat ? double{value.float_value()} : value.double_value(),
                    length);
    }
    case TypeKind::kDecimal128: {
      if (id != TypeId::kDecimal || value.decimal_value().scale != type.scale()) return mismatch();
      columnar::Decimal128Builder b(type.precision(), type.scale());
      return Repeat(b, columnar::Decimal128::FromInt128(value.decimal_value().unscaled), length);
    }
    case TypeKind::kString: {
      if (id != TypeId::kString) return mismatch();
      columnar::StringBuilder b;
      return Repeat(b, std::string_view(value.string_value()), length);
    }
    case TypeKind::kBinary: {
      if (id != TypeId::kBinary && id != TypeId::kFixed) return mismatch();
      columnar::BinaryBuilder b;
      return Repeat(b, AsView(value.bytes_value()), length);
    }
    case TypeKind::kFixedSizeBinary: {
      std::string_view bytes;
      if (id == TypeId::kUuid) {
        bytes = {reinterpret_cast<const char*>(value.uuid_value().data()), 16};
      } else if (id == TypeId::kFixed) {
        bytes = AsView(value.bytes_value());
      } else {
        return mismatch();
      }
      if (static_cast<int32_t>(bytes.size()) != type.byte_width()) return mismatch();
      columnar::FixedSizeBinaryBuilder b(type);
      return Repeat(b, bytes, length);
    }
    default:
      return NotSupported("a {} column cannot be filled from a partition value", type.ToString());
  }
}

}  // namespace floe::table
