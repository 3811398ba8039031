#include "floe/iceberg/manifest_schema.h"

#include <fmt/format.h>

#include <string>

namespace floe::iceberg {
namespace {

using nlohmann::json;

json Field(std::string_view name, json type, int32_t field_id) {
  return json{{"name", std::string(name)}, {"type", std::move(type)}, {"field-id", field_id}};
}

json OptionalField(std::string_view name, json type, int32_t field_id) {
  return json{{"name", std::string(name)},
              {"type", json::array({"null", std::move(type)})},
              {"default", nullptr},
              {"field-id", field_id}};
}

json IntKeyMap(int32_t key_id, int32_t value_id, std::string_view value_type) {
  json record = {{"type", "record"},
                 {"name", fmt::format("k{}_v{}", key_id, value_id)},
                 {"fields", json::array({Field("key", "int", key_id),
                                         Field("value", std::string(value_type), value_id)})}};
  return json{{"type", "array"}, {"items", std::move(record)}, {"logicalType", "map"}};
}

json List(std::string_view item_type, int32_t element_id) {
  return json{{"type", "array"}, {"items", std::string(item_type)}, {"element-id", element_id}};
}

}  // namespace

int32_t DecimalFixedSize(int32_t precision) {
  int32_t size = 1;
  // 2^(8*size - 1) must exceed 10^precision.
  while (static_cast<double>(8 * size - 1) * 0.30102999566398120 < precision) ++size;
  return size;
}

std::string SanitizeAvroName(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    if (letter || (digit && i > 0)) {
      out += static_cast<char>(c);
    } else if (digit) {
      out += fmt::format("_{}", static_cast<char>(c));
    } else {
      out += fmt::format("_x{:X}", c);
    }
  }
  return out.empty() ? "_" : out;
}

Result<json> PartitionValueAvroType(const Type& type) {
  const auto& p = static_cast<const PrimitiveType&>(type);
  switch (type.id()) {
    case TypeId::kBoolean:
      return json("boolean");
    case TypeId::kInt:
      return json("int");
    case TypeId::kLong:
      return json("long");
    case TypeId::kFloat:
      return json("float");
    case TypeId::kDouble:
      return json("double");
    case TypeId::kString:
      return json("string");
    case TypeId::kBinary:
      return json("bytes");
    case TypeId::kDate:
      return json{{"type", "int"}, {"logicalType", "date"}};
    case TypeId::kTime:
      return json{{"type", "long"}, {"logicalType", "time-micros"}};
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
      return json{{"type", "long"},
                  {"logicalType", "timestamp-micros"},
                  {"adjust-to-utc", type.id() == TypeId::kTimestampTz}};
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      return json{{"type", "long"},
                  {"logicalType", "timestamp-nanos"},
                  {"adjust-to-utc", type.id() == TypeId::kTimestampTzNs}};
    case TypeId::kUuid:
      return json{{"type", "fixed"}, {"name", "uuid_fixed"}, {"size", 16}, {"logicalType", "uuid"}};
    case TypeId::kFixed:
      return json{
          {"type", "fixed"}, {"name", fmt::format("fixed_{}", p.length())}, {"size", p.length()}};
    case TypeId::kDecimal:
      return json{{"type", "fixed"},
                  {"name", fmt::format("decimal_{}_{}", p.precision(), p.scale())},
                  {"size", DecimalFixedSize(p.precision())},
                  {"logicalType", "decimal"},
                  {"precision", p.precision()},
                  {"scale", p.scale()}};
    default:
      break;
  }
  return NotSupported("partition values of type {} in a manifest", type.ToString());
}

Result<json> ManifestEntryAvroSchema(int format_version, const StructType& partition_type) {
  bool v2 = format_version >= 2;
  json partition_fields = json::array();
  for (const NestedField& f : partition_type.fields()) {
    FLOE_ASSIGN_OR_RETURN(json avro_type, PartitionValueAvroType(*f.type()));
    partition_fields.push_back(OptionalField(SanitizeAvroName(f.name()), avro_type, f.id()));
  }
  json df = json::array();
  if (v2) df.push_back(Field("content", "int", 134));
  df.push_back(Field("file_path", "string", 100));
  df.push_back(Field("file_format", "string", 101));
  df.push_back(Field(
      "partition", json{{"type", "record"}, {"name", "r102"}, {"fields", partition_fields}}, 102));
  df.push_back(Field("record_count", "long", 103));
  df.push_back(Field("file_size_in_bytes", "long", 104));
  if (!v2) df.push_back(Field("block_size_in_bytes", "long", 105));
  df.push_back(OptionalField("column_sizes", IntKeyMap(117, 118, "long"), 108));
  df.push_back(OptionalField("value_counts", IntKeyMap(119, 120, "long"), 109));
  df.push_back(OptionalField("null_value_counts", IntKeyMap(121, 122, "long"), 110));
  df.push_back(OptionalField("nan_value_counts", IntKeyMap(138, 139, "long"), 137));
  df.push_back(OptionalField("lower_bounds", IntKeyMap(126, 127, "bytes"), 125));
  df.push_back(OptionalField("upper_bounds", IntKeyMap(129, 130, "bytes"), 128));
  df.push_back(OptionalField("key_metadata", "bytes", 131));
  df.push_back(OptionalField("split_offsets", List("long", 133), 132));
  if (v2) df.push_back(OptionalField("equality_ids", List("int", 136), 135));
  df.push_back(OptionalField("sort_order_id", "int", 140));
  if (v2) df.push_back(OptionalField("referenced_data_file", "string", 143));

  json entry = json::array();
  entry.push_back(Field("status", "int", 0));
  if (v2) {
    entry.push_back(OptionalField("snapshot_id", "long", 1));
    entry.push_back(OptionalField("sequence_number", "long", 3));
    entry.push_back(OptionalField("file_sequence_number", "long", 4));
  } else {
    entry.push_back(Field("snapshot_id", "long", 1));
  }
  entry.push_back(Field("data_file", json{{"type", "record"}, {"name", "r2"}, {"fields", df}}, 2));
  return json{{"type", "record"}, {"name", "manifest_entry"}, {"fields", entry}};
}

json ManifestFileAvroSchema(int format_version) {
  bool v2 = format_version >= 2;
  auto counted = [&](std::string_view name, std::string_view type, int32_t id) {
    return v2 ? Field(name, std::string(type), id) : OptionalField(name, std::string(type), id);
  };
  json summary = {{"type", "record"},
                  {"name", "r508"},
                  {"fields", json::array({Field("contains_null", "boolean", 509),
                                          OptionalField("contains_nan", "boolean", 518),
                                          OptionalField("lower_bound", "bytes", 510),
                                          OptionalField("upper_bound", "bytes", 511)})}};
  json fields = json::array();
  fields.push_back(Field("manifest_path", "string", 500));
  fields.push_back(Field("manifest_length", "long", 501));
  fields.push_back(Field("partition_spec_id", "int", 502));
  if (v2) {
    fields.push_back(Field("content", "int", 517));
    fields.push_back(Field("sequence_number", "long", 515));
    fields.push_back(Field("min_sequence_number", "long", 516));
  }
  fields.push_back(Field("added_snapshot_id", "long", 503));
  fields.push_back(counted("added_files_count", "int", 504));
  fields.push_back(counted("existing_files_count", "int", 505));
  fields.push_back(counted("deleted_files_count", "int", 506));
  fields.push_back(counted("added_rows_count", "long", 512));
  fields.push_back(counted("existing_rows_count", "long", 513));
  fields.push_back(counted("deleted_rows_count", "long", 514));
  fields.push_back(OptionalField(
      "partitions", json{{"type", "array"}, {"items", summary}, {"element-id", 508}}, 507));
  fields.push_back(OptionalField("key_metadata", "bytes", 519));
  return json{{"type", "record"}, {"name", "manifest_file"}, {"fields", fields}};
}

}  // namespace floe::iceberg
