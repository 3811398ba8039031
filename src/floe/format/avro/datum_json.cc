#include "floe/format/avro/datum_json.h"

#include <cmath>
#include <string>

namespace floe::avro {
namespace {

using Json = nlohmann::json;
using Kind = Datum::Kind;

// One code point per byte, encoded as UTF-8.
std::string Latin1ToUtf8(const std::vector<uint8_t>& bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (uint8_t b : bytes) {
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
    } else {
      out.push_back(static_cast<char>(0xc0 | (b >> 6)));
      out.push_back(static_cast<char>(0x80 | (b & 0x3f)));
    }
  }
  return out;
}

Json Number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

const Node* BranchFor(const Node& node, const Datum& datum) {
  if (datum.union_branch() >= 0 &&
      static_cast<size_t>(datum.union_branch()) < node.branch_count()) {
    return &node.branch(static_cast<size_t>(datum.union_branch()));
  }
  // Only compound values reach here; pick the first branch of their type.
  for (size_t i = 0; i < node.branch_count(); ++i) {
    const Node& b = node.branch(i);
    bool same = (b.type() == Type::kEnum && datum.kind() == Kind::kEnum) ||
                (b.type() == Type::kArray && datum.kind() == Kind::kArray) ||
                (b.type() == Type::kMap && datum.kind() == Kind::kMap) ||
                (b.type() == Type::kRecord && datum.kind() == Kind::kRecord);
    if (same) return &b;
  }
  return nullptr;
}

}  // namespace

nlohmann::json DatumToJson(const Node& node, const Datum& datum) {
  switch (datum.kind()) {
    case Kind::kNull:
      return nullptr;
    case Kind::kBoolean:
      return datum.boolean_value();
    case Kind::kInt:
      return datum.int_value();
    case Kind::kLong:
      return datum.long_value();
    case Kind::kFloat:
      return Number(datum.float_value());
    case Kind::kDouble:
      return Number(datum.double_value());
    case Kind::kString:
      return datum.string_value();
    case Kind::kBytes:
    case Kind::kFixed:
      return Latin1ToUtf8(datum.bytes_value());
    default:
      break;
  }
  const Node* n = &node;
  if (n->type() == Type::kUnion) {
    n = BranchFor(node, datum);
    if (n == nullptr) return nullptr;
  }
  switch (datum.kind()) {
    case Kind::kEnum: {
      if (n->type() != Type::kEnum) return nullptr;
      size_t i = static_cast<size_t>(datum.enum_index());
      return i < n->symbols().size() ? Json(n->symbols()[i]) : Json(nullptr);
    }
    case Kind::kArray: {
      if (n->type() != Type::kArray) return nullptr;
      Json out = Json::array();
      for (const Datum& item : datum.items()) out.push_back(DatumToJson(n->items(), item));
      return out;
    }
    case Kind::kMap: {
      if (n->type() != Type::kMap) return nullptr;
      Json out = Json::object();
      for (const auto& [key, value] : datum.map_entries())
        out[key] = DatumToJson(n->values(), value);
      return out;
    }
    case Kind::kRecord: {
      if (n->type() != Type::kRecord || n->fields().size() != datum.fields().size()) return nullptr;
      Json out = Json::object();
      for (size_t i = 0; i < datum.fields().size(); ++i) {
        out[n->fields()[i].name] = DatumToJson(*n->fields()[i].node, datum.fields()[i]);
      }
      return out;
    }
    default:
      return nullptr;
  }
}

}  // namespace floe::avro
