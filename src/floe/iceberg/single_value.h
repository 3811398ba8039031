// Binary single-value serialization (spec Appendix D): how one Iceberg value is stored as bytes
// in a manifest's lower_bounds / upper_bounds maps and a manifest list's partition summaries.
//
// Byte layout by type:
//   boolean                 one byte, 0x00 false, 0x01 true (any non-zero byte reads as true)
//   int, date               4 bytes little-endian
//   long, time, timestamp*  8 bytes little-endian (micros, or nanos for the _ns types)
//   float, double           4 / 8 bytes IEEE 754 little-endian
//   string                  UTF-8 bytes, no length
//   uuid                    16 bytes big-endian
//   fixed(L), binary        the bytes as they are (fixed: exactly L)
//   decimal(P, S)           unscaled value, two's complement big-endian, fewest bytes that hold it
// Nested types and unknown are not supported.
//
//   FLOE_ASSIGN_OR_RETURN(auto bytes, SerializeSingleValue(Literal::Int(1)));  // 01 00 00 00
//   FLOE_ASSIGN_OR_RETURN(Literal v, DeserializeSingleValue(*PrimitiveType::Int(), bytes));
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "floe/core/result.h"
#include "floe/iceberg/literal.h"
#include "floe/iceberg/type.h"

namespace floe::iceberg {

// REQUIRES nothing; a null or unknown literal is InvalidArgument.
Result<std::vector<uint8_t>> SerializeSingleValue(const Literal& value);

// Reads `bytes` as a value of `type`; a wrong length is InvalidArgument, nested types and
// unknown NotSupported. Decimals take the scale of `type`.
Result<Literal> DeserializeSingleValue(const Type& type, std::span<const uint8_t> bytes);

// The unscaled value in two's complement big-endian, in the fewest bytes (at least one).
std::vector<uint8_t> DecimalToMinimalBytes(Int128 unscaled);
// The same, sign-extended to exactly `size` bytes (Avro's decimal as fixed).
// REQUIRES: the value fits in `size` bytes, 1 <= size <= 16.
std::vector<uint8_t> DecimalToFixedBytes(Int128 unscaled, size_t size);
// Reads 1 to 16 big-endian two's complement bytes; InvalidArgument otherwise.
Result<Int128> DecimalFromBytes(std::span<const uint8_t> bytes);

}  // namespace floe::iceberg
