#include "floe/iceberg/single_value.h"

#include <bit>
#include <cstring>

namespace floe::iceberg {
namespace {

template <typename U>
void AppendLittleEndian(U u, std::vector<uint8_t>& out) {
  for (size_t i = 0; i < sizeof(U); ++i) out.push_back(static_cast<uint8_t>(u >> (8 * i)));
}

template <typename U>
U ReadLittleEndian(std::span<const uint8_t> bytes) {
  U u = 0;
  for (size_t i = 0; i < sizeof(U); ++i) u |= static_cast<U>(static_cast<U>(bytes[i]) << (8 * i));
  return u;
}

Status ExpectSize(const Type& type, std::span<const uint8_t> bytes, size_t size) {
  if (bytes.size() != size) {
    return InvalidArgument("single value of type {}: expected {} bytes, got {}", type.ToString(),
                           size, bytes.size());
  }
  return OkStatus();
}

}  // namespace

std::vector<uint8_t> DecimalToMinimalBytes(Int128 unscaled) {
  std::vector<uint8_t> full = DecimalToFixedBytes(unscaled, 16);
  // Drop leading bytes that only repeat the sign of the byte after them.
  size_t start = 0;
  while (start + 1 < full.size()) {
    uint8_t b = full[start];
    bool next_negative = (full[start + 1] & 0x80) != 0;
    if ((b == 0x00 && !next_negative) || (b == 0xFF && next_negative)) {
      ++start;
    } else {
      break;
    }
  }
  return std::vector<uint8_t>(full.begin() + static_cast<std::ptrdiff_t>(start), full.end());
}

std::vector<uint8_t> DecimalToFixedBytes(Int128 unscaled, size_t size) {
  auto u = static_cast<unsigned __int128>(unscaled);
  std::vector<uint8_t> out(size);
  for (size_t i = 0; i < size; ++i) {
    size_t shift = 8 * (size - 1 - i);
    out[i] = shift >= 128 ? (unscaled < 0 ? 0xFF : 0x00) : static_cast<uint8_t>(u >> shift);
  }
  return out;
}

Result<Int128> DecimalFromBytes(std::span<const uint8_t> bytes) {
  if (bytes.empty() || bytes.size() > 16) {
    return InvalidArgument("decimal: expected 1 to 16 bytes, got {}", bytes.size());
  }
  unsigned __int128 u = (bytes[0] & 0x80) != 0 ? ~static_cast<unsigned __int128>(0) : 0;
  for (uint8_t b : bytes) u = (u << 8) | b;
  return static_cast<Int128>(u);
}

Result<std::vector<uint8_t>> SerializeSingleValue(const Literal& value) {
  std::vector<uint8_t> out;
  switch (value.type_id()) {
    case TypeId::kBoolean:
      out.push_back(value.bool_value() ? 1 : 0);
      return out;
    case TypeId::kInt:
    case TypeId::kDate:
      AppendLittleEndian(static_cast<uint32_t>(value.int_value()), out);
      return out;
    case TypeId::kLong:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      AppendLittleEndian(static_cast<uint64_t>(value.long_value()), out);
      return out;
    case TypeId::kFloat:
      AppendLittleEndian(std::bit_cast<uint32_t>(value.float_value()), out);
      return out;
    case TypeId::kDouble:
      AppendLittleEndian(std::bit_cast<uint64_t>(value.double_value()), out);
      return out;
    case TypeId::kDecimal:
      return DecimalToMinimalBytes(value.decimal_value().unscaled);
    case TypeId::kString:
      out.assign(value.string_value().begin(), value.string_value().end());
      return out;
    case TypeId::kUuid:
      out.assign(value.uuid_value().begin(), value.uuid_value().end());
      return out;
    case TypeId::kFixed:
    case TypeId::kBinary:
      return value.bytes_value();
    case TypeId::kUnknown:
      return InvalidArgument("cannot serialize a null value");
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap:
      break;
  }
  return NotSupported("single-value serialization of {}", TypeIdName(value.type_id()));
}

Result<Literal> DeserializeSingleValue(const Type& type, std::span<const uint8_t> bytes) {
  switch (type.id()) {
    case TypeId::kBoolean:
      FLOE_RETURN_IF_ERROR(ExpectSize(type, bytes, 1));
      return Literal::Boolean(bytes[0] != 0);
    case TypeId::kInt:
    case TypeId::kDate: {
      FLOE_RETURN_IF_ERROR(ExpectSize(type, bytes, 4));
      auto v = static_cast<int32_t>(ReadLittleEndian<uint32_t>(bytes));
      return type.id() == TypeId::kInt ? Literal::Int(v) : Literal::Date(v);
    }
    case TypeId::kLong:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs: {
      FLOE_RETURN_IF_ERROR(ExpectSize(type, bytes, 8));
      auto v = static_cast<int64_t>(ReadLittleEndian<uint64_t>(bytes));
      switch (type.id()) {
        case TypeId::kLong:
          return Literal::Long(v);
        case TypeId::kTime:
          return Literal::Time(v);
        case TypeId::kTimestamp:
          return Literal::Timestamp(v);
        case TypeId::kTimestampTz:
          return Literal::TimestampTz(v);
        case TypeId::kTimestampNs:
          return Literal::TimestampNs(v);
        default:
          return Literal::TimestampTzNs(v);
      }
    }
    case TypeId::kFloat:
      FLOE_RETURN_IF_ERROR(ExpectSize(type, bytes, 4));
      return Literal::Float(std::bit_cast<float>(ReadLittleEndian<uint32_t>(bytes)));
    case TypeId::kDouble:
      FLOE_RETURN_IF_ERROR(ExpectSize(type, bytes, 8));
      return Literal::Double(std::bit_cast<double>(ReadLittleEndian<uint64_t>(bytes)));
    case TypeId::kDecimal: {
      FLOE_ASSIGN_OR_RETURN(Int128 unscaled, DecimalFromBytes(bytes));
      return Literal::Decimal(unscaled, static_cast<const PrimitiveType&>(type).scale());
    }
    case TypeId::kString:
      return Literal::String(std::string(bytes.begin(), bytes.end()));
    case TypeId::kUuid: {
      FLOE_RETURN_IF_ERROR(ExpectSize(type, bytes, 16));
      Literal::UuidBytes uuid;
      std::memcpy(uuid.data(), bytes.data(), 16);
      return Literal::Uuid(uuid);
    }
    case TypeId::kFixed: {
      auto length = static_cast<size_t>(static_cast<const PrimitiveType&>(type).length());
      FLOE_RETURN_IF_ERROR(ExpectSize(type, bytes, length));
      return Literal::Fixed(Literal::Bytes(bytes.begin(), bytes.end()));
    }
    case TypeId::kBinary:
      return Literal::Binary(Literal::Bytes(bytes.begin(), bytes.end()));
    case TypeId::kUnknown:
    case TypeId::kStruct:
    case TypeId::kList:
    case TypeId::kMap:
      break;
  }
  return NotSupported("single-value serialization of {}", type.ToString());
}

}  // namespace floe::iceberg
