#include "floe/format/avro/datum.h"

#include <string_view>

namespace floe::avro {

bool Datum::operator==(const Datum& other) const {
  return kind_ == other.kind_ && value_ == other.value_;
}

std::string_view DatumKindName(Datum::Kind kind) {
  switch (kind) {
    case Datum::Kind::kNull:
      return "null";
    case Datum::Kind::kBoolean:
      return "boolean";
    case Datum::Kind::kInt:
      return "int";
    case Datum::Kind::kLong:
      return "long";
    case Datum::Kind::kFloat:
      return "float";
    case Datum::Kind::kDouble:
      return "double";
    case Datum::Kind::kBytes:
      return "bytes";
    case Datum::Kind::kString:
      return "string";
    case Datum::Kind::kFixed:
      return "fixed";
    case Datum::Kind::kEnum:
      return "enum";
    case Datum::Kind::kArray:
      return "array";
    case Datum::Kind::kMap:
      return "map";
    case Datum::Kind::kRecord:
      return "record";
  }
  return "unknown";
}

}  // namespace floe::avro
