#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "floe/iceberg/manifest_datum_internal.h"
#include "floe/iceberg/manifest_schema.h"
#include "floe/iceberg/single_value.h"

namespace floe::iceberg::internal {
namespace {

using avro::Datum;
using avro::LogicalType;
using avro::Node;

// A present, non-null field value with its schema node (union resolved to its branch).
struct FieldValue {
  const Node* node;
  const Datum* datum;
};

// Resolves a union to the branch the datum came from; nullopt for null values.
Result<std::optional<FieldValue>> Resolve(const Node& node, const Datum& datum) {
  if (datum.is_null()) return std::optional<FieldValue>();
  const Node* n = &node;
  if (n->type() == avro::Type::kUnion) {
    int32_t b = datum.union_branch();
    if (b < 0 || static_cast<size_t>(b) >= n->branch_count()) {
      return Internal("union value without a valid branch");
    }
    n = &n->branch(static_cast<size_t>(b));
  }
  return std::optional<FieldValue>(FieldValue{n, &datum});
}

// The fields of one record datum, looked up by Iceberg field id.
class RecordView {
 public:
  static Result<RecordView> Make(const Node& node, const Datum& datum, std::string_view what) {
    if (node.type() != avro::Type::kRecord || datum.kind() != Datum::Kind::kRecord ||
        datum.fields().size() != node.fields().size()) {
      return CorruptFile("{}: expected a record", what);
    }
    return RecordView(node, datum, what);
  }

  Result<std::optional<FieldValue>> Get(int32_t id) const {
    const auto& fields = node_->fields();
    for (size_t i = 0; i < fields.size(); ++i) {
      if (fields[i].field_id() == id) return Resolve(*fields[i].node, datum_->fields()[i]);
    }
    return std::optional<FieldValue>();
  }

  Result<FieldValue> Require(int32_t id) const {
    FLOE_ASSIGN_OR_RETURN(auto v, Get(id));
    if (!v) return CorruptFile("{}: missing required field {}", what_, id);
    return *v;
  }

  Result<std::optional<int64_t>> OptionalLong(int32_t id) const {
    FLOE_ASSIGN_OR_RETURN(auto v, Get(id));
    if (!v) return std::optional<int64_t>();
    if (v->datum->kind() == Datum::Kind::kLong)
      return std::optional<int64_t>(v->datum->long_value());
    if (v->datum->kind() == Datum::Kind::kInt) return std::optional<int64_t>(v->datum->int_value());
    return CorruptFile("{}: field {} must be an int or long", what_, id);
  }

  Result<int64_t> RequireLong(int32_t id) const {
    FLOE_ASSIGN_OR_RETURN(auto v, OptionalLong(id));
    if (!v) return CorruptFile("{}: missing required field {}", what_, id);
    return *v;
  }

  Result<std::optional<int32_t>> OptionalInt(int32_t id) const {
    FLOE_ASSIGN_OR_RETURN(auto v, OptionalLong(id));
    if (!v) return std::optional<int32_t>();
    if (*v < INT32_MIN || *v > INT32_MAX)
      return CorruptFile("{}: field {} out of range", what_, id);
    return std::optional<int32_t>(static_cast<int32_t>(*v));
  }

  Result<std::optional<std::string>> OptionalString(int32_t id) const {
    FLOE_ASSIGN_OR_RETURN(auto v, Get(id));
    if (!v) return std::optional<std::string>();
    if (v->datum->kind() != Datum::Kind::kString) {
      return CorruptFile("{}: field {} must be a string", what_, id);
    }
    return std::optional<std::string>(v->datum->string_value());
  }

  Result<std::optional<std::vector<uint8_t>>> OptionalBytes(int32_t id) const {
    FLOE_ASSIGN_OR_RETURN(auto v, Get(id));
    if (!v) return std::optional<std::vector<uint8_t>>();
    if (v->datum->kind() != Datum::Kind::kBytes && v->datum->kind() != Datum::Kind::kFixed) {
      return CorruptFile("{}: field {} must be bytes", what_, id);
    }
    return std::optional<std::vector<uint8_t>>(v->datum->bytes_value());
  }

  Result<std::optional<bool>> OptionalBool(int32_t id) const {
    FLOE_ASSIGN_OR_RETURN(auto v, Get(id));
    if (!v) return std::optional<bool>();
    if (v->datum->kind() != Datum::Kind::kBoolean) {
      return CorruptFile("{}: field {} must be a boolean", what_, id);
    }
    return std::optional<bool>(v->datum->boolean_value());
  }

  // An Iceberg map with int keys: an array of {key, value} records.
  template <typename V, typename Convert>
  Status IntKeyMap(int32_t id, std::map<int32_t, V>* out, Convert convert) const {
    FLOE_ASSIGN_OR_RETURN(auto v, Get(id));
    if (!v) return OkStatus();
    if (v->node->type() != avro::Type::kArray) {
      return CorruptFile("{}: field {} must be an array of key/value records", what_, id);
    }
    const Node& item = v->node->items();
    for (const Datum& kv : v->datum->items()) {
      FLOE_ASSIGN_OR_RETURN(RecordView r, RecordView::Make(item, kv, what_));
      if (r.datum_->fields().size() != 2) return CorruptFile("{}: bad map entry", what_);
      const Datum& key = r.datum_->fields()[0];
      const Datum& value = r.datum_->fields()[1];
      if (key.kind() != Datum::Kind::kInt) return CorruptFile("{}: map key must be int", what_);
      FLOE_ASSIGN_OR_RETURN(V converted, convert(value));
      (*out)[key.int_value()] = std::move(converted);
    }
    return OkStatus();
  }

  template <typename T>
  Status List(int32_t id, std::vector<T>* out) const {
    FLOE_ASSIGN_OR_RETURN(auto v, Get(id));
    if (!v) return OkStatus();
    if (v->node->type() != avro::Type::kArray) {
      return CorruptFile("{}: field {} must be an array", what_, id);
    }
    for (const Datum& item : v->datum->items()) {
      if (item.kind() == Datum::Kind::kLong) {
        out->push_back(static_cast<T>(item.long_value()));
      } else if (item.kind() == Datum::Kind::kInt) {
        out->push_back(static_cast<T>(item.int_value()));
      } else {
        return CorruptFile("{}: field {} must hold numbers", what_, id);
      }
    }
    return OkStatus();
  }

 private:
  RecordView(const Node& node, const Datum& datum, std::string_view what)
      : node_(&node), datum_(&datum), what_(what) {}

  const Node* node_;
  const Datum* datum_;
  std::string_view what_;
};

Result<int64_t> AsLong(const Datum& d) {
  if (d.kind() == Datum::Kind::kLong) return d.long_value();
  if (d.kind() == Datum::Kind::kInt) return int64_t{d.int_value()};
  return CorruptFile("map value must be a long");
}

Result<std::vector<uint8_t>> AsBytes(const Datum& d) {
  if (d.kind() == Datum::Kind::kBytes || d.kind() == Datum::Kind::kFixed) return d.bytes_value();
  return CorruptFile("map value must be bytes");
}

template <typename V, typename ToDatum>
Datum IntKeyMapDatum(const std::map<int32_t, V>& map, ToDatum to_datum) {
  if (map.empty()) return Datum::Null();
  std::vector<Datum> items;
  items.reserve(map.size());
  for (const auto& [k, v] : map) items.push_back(Datum::Record({Datum::Int(k), to_datum(v)}));
  return Datum::Array(std::move(items));
}

Datum OptionalLongDatum(const std::optional<int64_t>& v) {
  return v ? Datum::Long(*v) : Datum::Null();
}

bool AdjustToUtc(const Node& node) {
  auto it = node.attributes().find("adjust-to-utc");
  return it != node.attributes().end() && it->is_boolean() && it->get<bool>();
}

}  // namespace

Result<Datum> PartitionValueToDatum(const Literal& value, const Type& type) {
  if (value.is_null()) return Datum::Null();
  if (value.type_id() != type.id()) {
    return InvalidArgument("partition value {} does not have type {}", value.ToString(),
                           type.ToString());
  }
  switch (type.id()) {
    case TypeId::kBoolean:
      return Datum::Boolean(value.bool_value());
    case TypeId::kInt:
    case TypeId::kDate:
      return Datum::Int(value.int_value());
    case TypeId::kLong:
    case TypeId::kTime:
    case TypeId::kTimestamp:
    case TypeId::kTimestampTz:
    case TypeId::kTimestampNs:
    case TypeId::kTimestampTzNs:
      return Datum::Long(value.long_value());
    case TypeId::kFloat:
      return Datum::Float(value.float_value());
    case TypeId::kDouble:
      return Datum::Double(value.double_value());
    case TypeId::kString:
      return Datum::String(value.string_value());
    case TypeId::kBinary:
      return Datum::Bytes(value.bytes_value());
    case TypeId::kUuid:
      return Datum::Fixed(
          std::vector<uint8_t>(value.uuid_value().begin(), value.uuid_value().end()));
    case TypeId::kFixed: {
      const auto& p = static_cast<const PrimitiveType&>(type);
      if (value.bytes_value().size() != static_cast<size_t>(p.length())) {
        return InvalidArgument("partition value of {} has {} bytes", type.ToString(),
                               value.bytes_value().size());
      }
      return Datum::Fixed(value.bytes_value());
    }
    case TypeId::kDecimal: {
      const auto& p = static_cast<const PrimitiveType&>(type);
      if (value.decimal_value().scale != p.scale()) {
        return InvalidArgument("partition value {} does not have the scale of {}", value.ToString(),
                               type.ToString());
      }
      auto size = static_cast<size_t>(DecimalFixedSize(p.precision()));
      if (DecimalToMinimalBytes(value.decimal_value().unscaled).size() > size) {
        return InvalidArgument("partition value {} does not fit {}", value.ToString(),
                               type.ToString());
      }
      return Datum::Fixed(DecimalToFixedBytes(value.decimal_value().unscaled, size));
    }
    default:
      break;
  }
  return NotSupported("partition values of type {}", type.ToString());
}

Result<Literal> PartitionValueFromDatum(const Node& node, const Datum& datum) {
  FLOE_ASSIGN_OR_RETURN(auto resolved, Resolve(node, datum));
  if (!resolved) return Literal::Null();
  const Node& n = *resolved->node;
  LogicalType logical = n.logical_type();
  switch (datum.kind()) {
    case Datum::Kind::kBoolean:
      return Literal::Boolean(datum.boolean_value());
    case Datum::Kind::kInt:
      return logical == LogicalType::kDate ? Literal::Date(datum.int_value())
                                           : Literal::Int(datum.int_value());
    case Datum::Kind::kLong: {
      int64_t v = datum.long_value();
      switch (logical) {
        case LogicalType::kTimeMicros:
          return Literal::Time(v);
        case LogicalType::kTimestampMicros:
          return AdjustToUtc(n) ? Literal::TimestampTz(v) : Literal::Timestamp(v);
        case LogicalType::kLocalTimestampMicros:
          return Literal::Timestamp(v);
        case LogicalType::kTimestampNanos:
          return AdjustToUtc(n) ? Literal::TimestampTzNs(v) : Literal::TimestampNs(v);
        case LogicalType::kLocalTimestampNanos:
          return Literal::TimestampNs(v);
        default:
          return Literal::Long(v);
      }
    }
    case Datum::Kind::kFloat:
      return Literal::Float(datum.float_value());
    case Datum::Kind::kDouble:
      return Literal::Double(datum.double_value());
    case Datum::Kind::kString:
      return Literal::String(datum.string_value());
    case Datum::Kind::kBytes:
    case Datum::Kind::kFixed: {
      const auto& bytes = datum.bytes_value();
      if (logical == LogicalType::kDecimal) {
        FLOE_ASSIGN_OR_RETURN(Int128 unscaled, DecimalFromBytes(bytes));
        return Literal::Decimal(unscaled, n.scale());
      }
      if (logical == LogicalType::kUuid && bytes.size() == 16) {
        Literal::UuidBytes uuid;
        std::memcpy(uuid.data(), bytes.data(), 16);
        return Literal::Uuid(uuid);
      }
      return datum.kind() == Datum::Kind::kFixed ? Literal::Fixed(bytes) : Literal::Binary(bytes);
    }
    default:
      break;
  }
  return CorruptFile("partition value of Avro kind {} is not supported",
                     avro::DatumKindName(datum.kind()));
}

Result<Datum> ManifestEntryToDatum(int format_version, const ManifestEntry& entry,
                                   const StructType& partition_type) {
  const DataFile& f = entry.data_file;
  bool v2 = format_version >= 2;
  if (f.partition.size() != partition_type.fields().size()) {
    return InvalidArgument("data file {}: {} partition values for {} partition fields", f.file_path,
                           f.partition.size(), partition_type.fields().size());
  }
  std::vector<Datum> partition;
  for (size_t i = 0; i < f.partition.size(); ++i) {
    FLOE_ASSIGN_OR_RETURN(
        Datum d, PartitionValueToDatum(f.partition[i], *partition_type.fields()[i].type()));
    partition.push_back(std::move(d));
  }
  auto to_long = [](int64_t v) { return Datum::Long(v); };
  auto to_bytes = [](const std::vector<uint8_t>& v) { return Datum::Bytes(v); };
  std::vector<Datum> df;
  if (v2) df.push_back(Datum::Int(static_cast<int32_t>(f.content)));
  df.push_back(Datum::String(f.file_path));
  df.push_back(Datum::String(f.file_format));
  df.push_back(Datum::Record(std::move(partition)));
  df.push_back(Datum::Long(f.record_count));
  df.push_back(Datum::Long(f.file_size_in_bytes));
  // v1 requires the deprecated block size; Iceberg's writers always put 64 MiB.
  if (!v2) df.push_back(Datum::Long(int64_t{64} << 20));
  df.push_back(IntKeyMapDatum(f.column_sizes, to_long));
  df.push_back(IntKeyMapDatum(f.value_counts, to_long));
  df.push_back(IntKeyMapDatum(f.null_value_counts, to_long));
  df.push_back(IntKeyMapDatum(f.nan_value_counts, to_long));
  df.push_back(IntKeyMapDatum(f.lower_bounds, to_bytes));
  df.push_back(IntKeyMapDatum(f.upper_bounds, to_bytes));
  df.push_back(f.key_metadata ? Datum::Bytes(*f.key_metadata) : Datum::Null());
  std::vector<Datum> offsets;
  for (int64_t o : f.split_offsets) offsets.push_back(Datum::Long(o));
  df.push_back(offsets.empty() ? Datum::Null() : Datum::Array(std::move(offsets)));
  if (v2) {
    std::vector<Datum> ids;
    for (int32_t id : f.equality_ids) ids.push_back(Datum::Int(id));
    df.push_back(ids.empty() ? Datum::Null() : Datum::Array(std::move(ids)));
  }
  df.push_back(f.sort_order_id ? Datum::Int(*f.sort_order_id) : Datum::Null());
  if (v2) {
    df.push_back(f.referenced_data_file ? Datum::String(*f.referenced_data_file) : Datum::Null());
  }

  std::vector<Datum> e;
  e.push_back(Datum::Int(static_cast<int32_t>(entry.status)));
  if (v2) {
    e.push_back(OptionalLongDatum(entry.snapshot_id));
    e.push_back(OptionalLongDatum(entry.sequence_number));
    e.push_back(OptionalLongDatum(entry.file_sequence_number));
  } else {
    if (!entry.snapshot_id) {
      return InvalidArgument("data file {}: v1 manifest entries need a snapshot id", f.file_path);
    }
    e.push_back(Datum::Long(*entry.snapshot_id));
  }
  e.push_back(Datum::Record(std::move(df)));
  return Datum::Record(std::move(e));
}

Result<ManifestEntry> ManifestEntryFromDatum(const Node& node, const Datum& datum) {
  FLOE_ASSIGN_OR_RETURN(RecordView entry, RecordView::Make(node, datum, "manifest entry"));
  ManifestEntry out;
  FLOE_ASSIGN_OR_RETURN(int64_t status, entry.RequireLong(0));
  if (status < 0 || status > 2) return CorruptFile("manifest entry: bad status {}", status);
  out.status = static_cast<ManifestEntryStatus>(status);
  FLOE_ASSIGN_OR_RETURN(out.snapshot_id, entry.OptionalLong(1));
  FLOE_ASSIGN_OR_RETURN(out.sequence_number, entry.OptionalLong(3));
  FLOE_ASSIGN_OR_RETURN(out.file_sequence_number, entry.OptionalLong(4));

  FLOE_ASSIGN_OR_RETURN(FieldValue df_value, entry.Require(2));
  FLOE_ASSIGN_OR_RETURN(RecordView df,
                        RecordView::Make(*df_value.node, *df_value.datum, "data file"));
  DataFile& f = out.data_file;
  FLOE_ASSIGN_OR_RETURN(auto content, df.OptionalLong(134));
  if (content && (*content < 0 || *content > 2)) {
    return CorruptFile("data file: bad content {}", *content);
  }
  f.content = static_cast<DataFileContent>(content.value_or(0));
  FLOE_ASSIGN_OR_RETURN(auto path, df.OptionalString(100));
  FLOE_ASSIGN_OR_RETURN(auto format, df.OptionalString(101));
  if (!path || !format) return CorruptFile("data file: missing file_path or file_format");
  f.file_path = std::move(*path);
  f.file_format = std::move(*format);
  FLOE_ASSIGN_OR_RETURN(FieldValue partition, df.Require(102));
  if (partition.node->type() != avro::Type::kRecord ||
      partition.datum->kind() != Datum::Kind::kRecord) {
    return CorruptFile("data file {}: partition must be a record", f.file_path);
  }
  for (size_t i = 0; i < partition.node->fields().size(); ++i) {
    FLOE_ASSIGN_OR_RETURN(Literal v, PartitionValueFromDatum(*partition.node->fields()[i].node,
                                                             partition.datum->fields()[i]));
    f.partition.push_back(std::move(v));
  }
  FLOE_ASSIGN_OR_RETURN(f.record_count, df.RequireLong(103));
  FLOE_ASSIGN_OR_RETURN(f.file_size_in_bytes, df.RequireLong(104));
  FLOE_RETURN_IF_ERROR(df.IntKeyMap(108, &f.column_sizes, AsLong));
  FLOE_RETURN_IF_ERROR(df.IntKeyMap(109, &f.value_counts, AsLong));
  FLOE_RETURN_IF_ERROR(df.IntKeyMap(110, &f.null_value_counts, AsLong));
  FLOE_RETURN_IF_ERROR(df.IntKeyMap(137, &f.nan_value_counts, AsLong));
  FLOE_RETURN_IF_ERROR(df.IntKeyMap(125, &f.lower_bounds, AsBytes));
  FLOE_RETURN_IF_ERROR(df.IntKeyMap(128, &f.upper_bounds, AsBytes));
  FLOE_ASSIGN_OR_RETURN(f.key_metadata, df.OptionalBytes(131));
  FLOE_RETURN_IF_ERROR(df.List(132, &f.split_offsets));
  FLOE_RETURN_IF_ERROR(df.List(135, &f.equality_ids));
  FLOE_ASSIGN_OR_RETURN(f.sort_order_id, df.OptionalInt(140));
  FLOE_ASSIGN_OR_RETURN(f.referenced_data_file, df.OptionalString(143));
  return out;
}

Datum ManifestFileToDatum(int format_version, const ManifestFile& m) {
  bool v2 = format_version >= 2;
  auto opt_int = [](const std::optional<int32_t>& v) { return v ? Datum::Int(*v) : Datum::Null(); };
  std::vector<Datum> fields;
  fields.push_back(Datum::String(m.manifest_path));
  fields.push_back(Datum::Long(m.manifest_length));
  fields.push_back(Datum::Int(m.partition_spec_id));
  if (v2) {
    fields.push_back(Datum::Int(static_cast<int32_t>(m.content)));
    fields.push_back(Datum::Long(m.sequence_number));
    fields.push_back(Datum::Long(m.min_sequence_number));
  }
  fields.push_back(Datum::Long(m.added_snapshot_id));
  if (v2) {
    // v2 requires the counts; a manifest written by this library always has them.
    fields.push_back(Datum::Int(m.added_files_count.value_or(0)));
    fields.push_back(Datum::Int(m.existing_files_count.value_or(0)));
    fields.push_back(Datum::Int(m.deleted_files_count.value_or(0)));
    fields.push_back(Datum::Long(m.added_rows_count.value_or(0)));
    fields.push_back(Datum::Long(m.existing_rows_count.value_or(0)));
    fields.push_back(Datum::Long(m.deleted_rows_count.value_or(0)));
  } else {
    fields.push_back(opt_int(m.added_files_count));
    fields.push_back(opt_int(m.existing_files_count));
    fields.push_back(opt_int(m.deleted_files_count));
    fields.push_back(OptionalLongDatum(m.added_rows_count));
    fields.push_back(OptionalLongDatum(m.existing_rows_count));
    fields.push_back(OptionalLongDatum(m.deleted_rows_count));
  }
  std::vector<Datum> summaries;
  for (const PartitionFieldSummary& s : m.partitions) {
    summaries.push_back(Datum::Record({
        Datum::Boolean(s.contains_null),
        s.contains_nan ? Datum::Boolean(*s.contains_nan) : Datum::Null(),
        s.lower_bound ? Datum::Bytes(*s.lower_bound) : Datum::Null(),
        s.upper_bound ? Datum::Bytes(*s.upper_bound) : Datum::Null(),
    }));
  }
  fields.push_back(Datum::Array(std::move(summaries)));
  fields.push_back(m.key_metadata ? Datum::Bytes(*m.key_metadata) : Datum::Null());
  return Datum::Record(std::move(fields));
}

Result<ManifestFile> ManifestFileFromDatum(const Node& node, const Datum& datum) {
  FLOE_ASSIGN_OR_RETURN(RecordView r, RecordView::Make(node, datum, "manifest file"));
  ManifestFile m;
  FLOE_ASSIGN_OR_RETURN(auto path, r.OptionalString(500));
  if (!path) return CorruptFile("manifest file: missing manifest_path");
  m.manifest_path = std::move(*path);
  FLOE_ASSIGN_OR_RETURN(m.manifest_length, r.RequireLong(501));
  FLOE_ASSIGN_OR_RETURN(int64_t spec_id, r.RequireLong(502));
  m.partition_spec_id = static_cast<int32_t>(spec_id);
  FLOE_ASSIGN_OR_RETURN(auto content, r.OptionalLong(517));
  if (content && (*content < 0 || *content > 1)) {
    return CorruptFile("manifest file: bad content {}", *content);
  }
  m.content = static_cast<ManifestContent>(content.value_or(0));
  // v1 lists have no sequence numbers: they read as 0.
  FLOE_ASSIGN_OR_RETURN(auto seq, r.OptionalLong(515));
  FLOE_ASSIGN_OR_RETURN(auto min_seq, r.OptionalLong(516));
  m.sequence_number = seq.value_or(0);
  m.min_sequence_number = min_seq.value_or(0);
  FLOE_ASSIGN_OR_RETURN(m.added_snapshot_id, r.RequireLong(503));
  FLOE_ASSIGN_OR_RETURN(m.added_files_count, r.OptionalInt(504));
  FLOE_ASSIGN_OR_RETURN(m.existing_files_count, r.OptionalInt(505));
  FLOE_ASSIGN_OR_RETURN(m.deleted_files_count, r.OptionalInt(506));
  FLOE_ASSIGN_OR_RETURN(m.added_rows_count, r.OptionalLong(512));
  FLOE_ASSIGN_OR_RETURN(m.existing_rows_count, r.OptionalLong(513));
  FLOE_ASSIGN_OR_RETURN(m.deleted_rows_count, r.OptionalLong(514));
  FLOE_ASSIGN_OR_RETURN(auto partitions, r.Get(507));
  if (partitions) {
    if (partitions->node->type() != avro::Type::kArray) {
      return CorruptFile("manifest file: partitions must be an array");
    }
    for (const Datum& item : partitions->datum->items()) {
      FLOE_ASSIGN_OR_RETURN(RecordView s,
                            RecordView::Make(partitions->node->items(), item, "field summary"));
      PartitionFieldSummary summary;
      FLOE_ASSIGN_OR_RETURN(auto contains_null, s.OptionalBool(509));
      summary.contains_null = contains_null.value_or(false);
      FLOE_ASSIGN_OR_RETURN(summary.contains_nan, s.OptionalBool(518));
      FLOE_ASSIGN_OR_RETURN(summary.lower_bound, s.OptionalBytes(510));
      FLOE_ASSIGN_OR_RETURN(summary.upper_bound, s.OptionalBytes(511));
      m.partitions.push_back(std::move(summary));
    }
  }
  FLOE_ASSIGN_OR_RETURN(m.key_metadata, r.OptionalBytes(519));
  return m;
}

}  // namespace floe::iceberg::internal
