#include "floe/format/avro/datum_encoding.h"

#include <algorithm>

namespace floe::avro {
namespace {

using Kind = Datum::Kind;

// The kind a value read from `type` has.
bool ExactKind(Type type, Kind kind) {
  switch (type) {
    case Type::kNull:
      return kind == Kind::kNull;
    case Type::kBoolean:
      return kind == Kind::kBoolean;
    case Type::kInt:
      return kind == Kind::kInt;
    case Type::kLong:
      return kind == Kind::kLong;
    case Type::kFloat:
      return kind == Kind::kFloat;
    case Type::kDouble:
      return kind == Kind::kDouble;
    case Type::kBytes:
      return kind == Kind::kBytes;
    case Type::kString:
      return kind == Kind::kString;
    case Type::kFixed:
      return kind == Kind::kFixed;
    case Type::kEnum:
      return kind == Kind::kEnum;
    case Type::kArray:
      return kind == Kind::kArray;
    case Type::kMap:
      return kind == Kind::kMap;
    case Type::kRecord:
      return kind == Kind::kRecord;
    case Type::kUnion:
      return false;
  }
  return false;
}

// Whether `datum` can be written as `node` (allowing int to long, float to double, and bytes of
// the right size to fixed).
bool Fits(const Node& node, const Datum& datum) {
  Kind kind = datum.kind();
  switch (node.type()) {
    case Type::kLong:
      return kind == Kind::kLong || kind == Kind::kInt;
    case Type::kDouble:
      return kind == Kind::kDouble || kind == Kind::kFloat;
    case Type::kFixed:
      return (kind == Kind::kFixed || kind == Kind::kBytes) &&
             datum.bytes_value().size() == node.fixed_size();
    case Type::kEnum:
      return kind == Kind::kEnum && datum.enum_index() >= 0 &&
             static_cast<size_t>(datum.enum_index()) < node.symbols().size();
    case Type::kRecord:
      return kind == Kind::kRecord && datum.fields().size() == node.fields().size();
    default:
      return ExactKind(node.type(), kind);
  }
}

Result<size_t> ChooseBranch(const Node& node, const Datum& datum) {
  if (datum.union_branch() >= 0) {
    size_t b = static_cast<size_t>(datum.union_branch());
    if (b >= node.branch_count()) {
      return InvalidArgument("union branch {} outside 0..{}", b, node.branch_count());
    }
    return b;
  }
  for (size_t i = 0; i < node.branch_count(); ++i) {
    if (ExactKind(node.branch(i).type(), datum.kind()) && Fits(node.branch(i), datum)) return i;
  }
  for (size_t i = 0; i < node.branch_count(); ++i) {
    if (Fits(node.branch(i), datum)) return i;
  }
  return InvalidArgument("a {} value fits no branch of the union", DatumKindName(datum.kind()));
}

Error Mismatch(const Node& node, const Datum& datum) {
  return InvalidArgument("cannot write a {} value as avro {}{}", DatumKindName(datum.kind()),
                         TypeName(node.type()), node.name().empty() ? "" : " " + node.name());
}

Status Write(const Node& node, const Datum& datum, Encoder& e, int depth) {
  if (depth > kMaxDatumDepth) return InvalidArgument("avro value nested too deeply");
  if (node.type() == Type::kUnion) {
    FLOE_ASSIGN_OR_RETURN(size_t branch, ChooseBranch(node, datum));
    e.WriteUnionIndex(static_cast<int64_t>(branch));
    return Write(node.branch(branch), datum, e, depth + 1);
  }
  if (!Fits(node, datum)) return Mismatch(node, datum);
  switch (node.type()) {
    case Type::kNull:
      return OkStatus();
    case Type::kBoolean:
      e.WriteBoolean(datum.boolean_value());
      return OkStatus();
    case Type::kInt:
      e.WriteInt(datum.int_value());
      return OkStatus();
    case Type::kLong:
      e.WriteLong(datum.kind() == Kind::kInt ? datum.int_value() : datum.long_value());
      return OkStatus();
    case Type::kFloat:
      e.WriteFloat(datum.float_value());
      return OkStatus();
    case Type::kDouble:
      e.WriteDouble(datum.kind() == Kind::kFloat ? datum.float_value() : datum.double_value());
      return OkStatus();
    case Type::kBytes:
      e.WriteBytes(datum.bytes_value());
      return OkStatus();
    case Type::kString:
      e.WriteString(datum.string_value());
      return OkStatus();
    case Type::kFixed:
      e.WriteFixed(datum.bytes_value());
      return OkStatus();
    case Type::kEnum:
      e.WriteEnum(datum.enum_index());
      return OkStatus();
    case Type::kArray:
      if (!datum.items().empty()) {
        e.WriteBlockCount(static_cast<int64_t>(datum.items().size()));
        for (const Datum& item : datum.items()) {
          FLOE_RETURN_IF_ERROR(Write(node.items(), item, e, depth + 1));
        }
      }
      e.WriteBlockEnd();
      return OkStatus();
    case Type::kMap:
      if (!datum.map_entries().empty()) {
        e.WriteBlockCount(static_cast<int64_t>(datum.map_entries().size()));
        for (const auto& [key, value] : datum.map_entries()) {
          e.WriteString(key);
          FLOE_RETURN_IF_ERROR(Write(node.values(), value, e, depth + 1));
        }
      }
      e.WriteBlockEnd();
      return OkStatus();
    case Type::kRecord:
      for (size_t i = 0; i < node.fields().size(); ++i) {
        Status s = Write(*node.fields()[i].node, datum.fields()[i], e, depth + 1);
        if (!s.has_value()) return s.error().WithContext("field " + node.fields()[i].name);
      }
      return OkStatus();
    case Type::kUnion:
      break;
  }
  return Internal("unhandled avro type {}", TypeName(node.type()));
}

Result<Datum> Read(const Node& node, Decoder& d, int depth) {
  if (depth > kMaxDatumDepth) return CorruptFile("avro value nested too deeply");
  switch (node.type()) {
    case Type::kNull:
      return Datum::Null();
    case Type::kBoolean: {
      FLOE_ASSIGN_OR_RETURN(bool v, d.ReadBoolean());
      return Datum::Boolean(v);
    }
    case Type::kInt: {
      FLOE_ASSIGN_OR_RETURN(int32_t v, d.ReadInt());
      return Datum::Int(v);
    }
    case Type::kLong: {
      FLOE_ASSIGN_OR_RETURN(int64_t v, d.ReadLong());
      return Datum::Long(v);
    }
    case Type::kFloat: {
      FLOE_ASSIGN_OR_RETURN(float v, d.ReadFloat());
      return Datum::Float(v);
    }
    case Type::kDouble: {
      FLOE_ASSIGN_OR_RETURN(double v, d.ReadDouble());
      return Datum::Double(v);
    }
    case Type::kBytes: {
      FLOE_ASSIGN_OR_RETURN(auto v, d.ReadBytes());
      return Datum::Bytes(std::vector<uint8_t>(v.begin(), v.end()));
    }
    case Type::kString: {
      FLOE_ASSIGN_OR_RETURN(std::string_view v, d.ReadString());
      return Datum::String(std::string(v));
    }
    case Type::kFixed: {
      FLOE_ASSIGN_OR_RETURN(auto v, d.ReadFixed(node.fixed_size()));
      return Datum::Fixed(std::vector<uint8_t>(v.begin(), v.end()));
    }
    case Type::kEnum: {
      FLOE_ASSIGN_OR_RETURN(int32_t v, d.ReadEnum(node.symbols().size()));
      return Datum::Enum(v);
    }
    case Type::kUnion: {
      FLOE_ASSIGN_OR_RETURN(size_t branch, d.ReadUnionIndex(node.branch_count()));
      FLOE_ASSIGN_OR_RETURN(Datum v, Read(node.branch(branch), d, depth + 1));
      v.set_union_branch(static_cast<int32_t>(branch));
      return v;
    }
    case Type::kArray: {
      std::vector<Datum> items;
      while (true) {
        FLOE_ASSIGN_OR_RETURN(int64_t count, d.ReadBlockCount(node.items().may_be_empty()));
        if (count == 0) break;
        if (static_cast<uint64_t>(items.size()) + static_cast<uint64_t>(count) >
            static_cast<uint64_t>(Decoder::kMaxEmptyItems) + d.remaining()) {
          return CorruptFile("avro array longer than its data");
        }
        // Counts come from the file: reserve a little, let push_back grow the rest.
        if (items.empty()) items.reserve(std::min<size_t>(static_cast<size_t>(count), 1024));
        for (int64_t i = 0; i < count; ++i) {
          FLOE_ASSIGN_OR_RETURN(Datum item, Read(node.items(), d, depth + 1));
          items.push_back(std::move(item));
        }
      }
      return Datum::Array(std::move(items));
    }
    case Type::kMap: {
      Datum::MapEntries entries;
      while (true) {
        // Each entry holds at least its key's length byte.
        FLOE_ASSIGN_OR_RETURN(int64_t count, d.ReadBlockCount(false));
        if (count == 0) break;
        if (entries.empty()) entries.reserve(std::min<size_t>(static_cast<size_t>(count), 1024));
        for (int64_t i = 0; i < count; ++i) {
          FLOE_ASSIGN_OR_RETURN(std::string_view key, d.ReadString());
          FLOE_ASSIGN_OR_RETURN(Datum value, Read(node.values(), d, depth + 1));
          entries.emplace_back(std::string(key), std::move(value));
        }
      }
      return Datum::Map(std::move(entries));
    }
    case Type::kRecord: {
      std::vector<Datum> fields;
      fields.reserve(node.fields().size());
      for (const Field& f : node.fields()) {
        FLOE_ASSIGN_OR_RETURN(Datum v, Read(*f.node, d, depth + 1));
        fields.push_back(std::move(v));
      }
      return Datum::Record(std::move(fields));
    }
  }
  return Internal("unhandled avro type {}", TypeName(node.type()));
}

Status Skip(const Node& node, Decoder& d, int depth) {
  if (depth > kMaxDatumDepth) return CorruptFile("avro value nested too deeply");
  switch (node.type()) {
    case Type::kNull:
      return OkStatus();
    case Type::kBoolean:
      FLOE_RETURN_IF_ERROR(d.ReadBoolean());
      return OkStatus();
    case Type::kInt:
      FLOE_RETURN_IF_ERROR(d.ReadInt());
      return OkStatus();
    case Type::kLong:
    case Type::kEnum:
      FLOE_RETURN_IF_ERROR(d.ReadLong());
      return OkStatus();
    case Type::kFloat:
      return d.Skip(4);
    case Type::kDouble:
      return d.Skip(8);
    case Type::kBytes:
    case Type::kString:
      FLOE_RETURN_IF_ERROR(d.ReadBytes());
      return OkStatus();
    case Type::kFixed:
      return d.Skip(node.fixed_size());
    case Type::kUnion: {
      FLOE_ASSIGN_OR_RETURN(size_t branch, d.ReadUnionIndex(node.branch_count()));
      return Skip(node.branch(branch), d, depth + 1);
    }
    case Type::kArray:
    case Type::kMap: {
      const bool map = node.type() == Type::kMap;
      const Node& item = map ? node.values() : node.items();
      uint64_t total = 0;
      while (true) {
        FLOE_ASSIGN_OR_RETURN(int64_t count, d.ReadBlockCount(!map && item.may_be_empty()));
        if (count == 0) return OkStatus();
        total += static_cast<uint64_t>(count);
        if (total > static_cast<uint64_t>(Decoder::kMaxEmptyItems) + d.remaining()) {
          return CorruptFile("avro array longer than its data");
        }
        for (int64_t i = 0; i < count; ++i) {
          if (map) FLOE_RETURN_IF_ERROR(d.ReadBytes());
          FLOE_RETURN_IF_ERROR(Skip(item, d, depth + 1));
        }
      }
    }
    case Type::kRecord:
      for (const Field& f : node.fields()) FLOE_RETURN_IF_ERROR(Skip(*f.node, d, depth + 1));
      return OkStatus();
  }
  return Internal("unhandled avro type {}", TypeName(node.type()));
}

}  // namespace

Status WriteDatum(const Node& node, const Datum& datum, Encoder& encoder) {
  return Write(node, datum, encoder, 0);
}

Result<Datum> ReadDatum(const Node& node, Decoder& decoder) { return Read(node, decoder, 0); }

Status SkipDatum(const Node& node, Decoder& decoder) { return Skip(node, decoder, 0); }

}  // namespace floe::avro
