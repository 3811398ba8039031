#include "floe/format/parquet/metadata.h"

#include "floe/format/parquet/thrift_compact_internal.h"

namespace floe::parquet {
namespace {

using thrift::CompactReader;
using thrift::CompactWriter;
using thrift::CType;
using thrift::FieldHeader;

// ---------------------------------------------------------------------------------------------
// Reading

template <typename E>
Status ReadEnum(CompactReader& r, E& out) {
  FLOE_ASSIGN_OR_RETURN(int32_t v, r.ReadI32());
  out = static_cast<E>(v);
  return OkStatus();
}
template <typename E>
Status ReadEnum(CompactReader& r, std::optional<E>& out) {
  FLOE_ASSIGN_OR_RETURN(int32_t v, r.ReadI32());
  out = static_cast<E>(v);
  return OkStatus();
}
Status ReadI32(CompactReader& r, int32_t& out) {
  FLOE_ASSIGN_OR_RETURN(out, r.ReadI32());
  return OkStatus();
}
Status ReadI32(CompactReader& r, std::optional<int32_t>& out) {
  FLOE_ASSIGN_OR_RETURN(out, r.ReadI32());
  return OkStatus();
}
Status ReadI64(CompactReader& r, int64_t& out) {
  FLOE_ASSIGN_OR_RETURN(out, r.ReadI64());
  return OkStatus();
}
Status ReadI64(CompactReader& r, std::optional<int64_t>& out) {
  FLOE_ASSIGN_OR_RETURN(out, r.ReadI64());
  return OkStatus();
}
Status ReadString(CompactReader& r, std::string& out) {
  FLOE_ASSIGN_OR_RETURN(out, r.ReadString());
  return OkStatus();
}
Status ReadString(CompactReader& r, std::optional<std::string>& out) {
  FLOE_ASSIGN_OR_RETURN(out, r.ReadString());
  return OkStatus();
}
bool IsBool(const FieldHeader& f) {
  return f.type == CType::kBoolTrue || f.type == CType::kBoolFalse;
}
bool BoolValue(const FieldHeader& f) { return f.type == CType::kBoolTrue; }

bool IsIntType(CType t) { return t == CType::kI32 || t == CType::kI64 || t == CType::kI16; }

Status ReadStatistics(CompactReader& r, Statistics& s) {
  return thrift::ReadStruct(r, [&](const FieldHeader& f) -> Status {
    if (f.type == CType::kBinary) {
      switch (f.id) {
        case 1:
          return ReadString(r, s.max);
        case 2:
          return ReadString(r, s.min);
        case 5:
          return ReadString(r, s.max_value);
        case 6:
          return ReadString(r, s.min_value);
        default:
          break;
      }
    } else if (f.type == CType::kI64) {
      if (f.id == 3) return ReadI64(r, s.null_count);
      if (f.id == 4) return ReadI64(r, s.distinct_count);
    }
    return r.Skip(f.type);
  });
}

// TimeUnit union: the set field's id is the unit; its value is an empty struct.
Status ReadTimeUnit(CompactReader& r, TimeUnit& unit) {
  return thrift::ReadStruct(r, [&](const FieldHeader& f) -> Status {
    if (f.type == CType::kStruct && f.id >= 1 && f.id <= 3) unit = static_cast<TimeUnit>(f.id);
    return r.Skip(f.type);
  });
}

Status ReadLogicalType(CompactReader& r, LogicalType& lt) {
  return thrift::ReadStruct(r, [&](const FieldHeader& f) -> Status {
    if (f.type != CType::kStruct) return r.Skip(f.type);
    lt.kind = static_cast<LogicalType::Kind>(f.id);
    switch (lt.kind) {
      case LogicalType::Kind::kDecimal:
        return thrift::ReadStruct(r, [&](const FieldHeader& g) -> Status {
          if (g.id == 1 && g.type == CType::kI32) return ReadI32(r, lt.scale);
          if (g.id == 2 && g.type == CType::kI32) return ReadI32(r, lt.precision);
          return r.Skip(g.type);
        });
      case LogicalType::Kind::kTime:
      case LogicalType::Kind::kTimestamp:
        return thrift::ReadStruct(r, [&](const FieldHeader& g) -> Status {
          if (g.id == 1 && IsBool(g)) {
            lt.is_adjusted_to_utc = BoolValue(g);
            return OkStatus();
          }
          if (g.id == 2 && g.type == CType::kStruct) return ReadTimeUnit(r, lt.unit);
          return r.Skip(g.type);
        });
      case LogicalType::Kind::kInteger:
        return thrift::ReadStruct(r, [&](const FieldHeader& g) -> Status {
          if (g.id == 1 && g.type == CType::kByte) {
            FLOE_ASSIGN_OR_RETURN(uint8_t b, r.ReadByte());
            lt.bit_width = static_cast<int8_t>(b);
            return OkStatus();
          }
          if (g.id == 2 && IsBool(g)) {
            lt.is_signed = BoolValue(g);
            return OkStatus();
          }
          return r.Skip(g.type);
        });
      default:
        return r.Skip(f.type);
    }
  });
}

Status ReadSchemaElement(CompactReader& r, SchemaElement& e) {
  bool has_name = false;
  FLOE_RETURN_IF_ERROR(thrift::ReadStruct(r, [&](const FieldHeader& f) -> Status {
    if (f.type == CType::kI32) {
      switch (f.id) {
        case 1:
          return ReadEnum(r, e.type);
        case 2:
          return ReadI32(r, e.type_length);
        case 3:
          return ReadEnum(r, e.repetition_type);
        case 5:
          return ReadI32(r, e.num_children);
        case 6:
          return ReadEnum(r, e.converted_type);
        case 7:
          return ReadI32(r, e.scale);
        case 8:
          return ReadI32(r, e.precision);
        case 9:
          return ReadI32(r, e.field_id);
        default:
          break;
      }
    } else if (f.id == 4 && f.type == CType::kBinary) {
      has_name = true;
      return ReadString(r, e.name);
    } else if (f.id == 10 && f.type == CType::kStruct) {
      return ReadLogicalType(r, e.logical_type);
    }
    return r.Skip(f.type);
  }));
  if (!has_name) return CorruptFile("parquet: schema element without a name");
  return OkStatus();
}

Status ReadKeyValue(CompactReader& r, KeyValue& kv) {
  return thrift::ReadStruct(r, [&](const FieldHeader& f) -> Status {
    if (f.id == 1 && f.type == CType::kBinary) return ReadString(r, kv.key);
    if (f.id == 2 && f.type == CType::kBinary) return ReadString(r, kv.value);
    return r.Skip(f.type);
  });
}

Status ReadKeyValues(CompactReader& r, std::vector<KeyValue>& out) {
  return thrift::ReadList(r, CType::kStruct,
                          [&](CompactReader& rr) { return ReadKeyValue(rr, out.emplace_back()); });
}

Status ReadColumnMetaData(CompactReader& r, ColumnMetaData& m) {
  return thrift::ReadStruct(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        if (f.type == CType::kI32) return ReadEnum(r, m.type);
        break;
      case 2:
        if (f.type == CType::kList) {
          return thrift::ReadList(r, CType::kI32, [&](CompactReader& rr) {
            return ReadEnum(rr, m.encodings.emplace_back());
          });
        }
        break;
      case 3:
        if (f.type == CType::kList) {
          return thrift::ReadList(r, CType::kBinary, [&](CompactReader& rr) {
            return ReadString(rr, m.path_in_schema.emplace_back());
          });
        }
        break;
      case 4:
        if (f.type == CType::kI32) return ReadEnum(r, m.codec);
        break;
      case 5:
        if (IsIntType(f.type)) return ReadI64(r, m.num_values);
        break;
      case 6:
        if (IsIntType(f.type)) return ReadI64(r, m.total_uncompressed_size);
        break;
      case 7:
        if (IsIntType(f.type)) return ReadI64(r, m.total_compressed_size);
        break;
      case 8:
        if (f.type == CType::kList) return ReadKeyValues(r, m.key_value_metadata);
        break;
      case 9:
        if (IsIntType(f.type)) return ReadI64(r, m.data_page_offset);
        break;
      case 10:
        if (IsIntType(f.type)) return ReadI64(r, m.index_page_offset);
        break;
      case 11:
        if (IsIntType(f.type)) return ReadI64(r, m.dictionary_page_offset);
        break;
      case 12:
        if (f.type == CType::kStruct) return ReadStatistics(r, m.statistics.emplace());
        break;
      default:
        break;
    }
    return r.Skip(f.type);
  });
}

Status ReadColumnChunk(CompactReader& r, ColumnChunk& c) {
  return thrift::ReadStruct(r, [&](const FieldHeader& f) -> Status {
    if (f.id == 1 && f.type == CType::kBinary) return ReadString(r, c.file_path);
    if (f.id == 2 && IsIntType(f.type)) return ReadI64(r, c.file_offset);
    if (f.id == 3 && f.type == CType::kStruct) return ReadColumnMetaData(r, c.meta_data.emplace());
    return r.Skip(f.type);
  });
}

Status ReadRowGroup(CompactReader& r, RowGroup& g) {
  return thrift::ReadStruct(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        if (f.type == CType::kList) {
          return thrift::ReadList(r, CType::kStruct, [&](CompactReader& rr) {
            return ReadColumnChunk(rr, g.columns.emplace_back());
          });
        }
        break;
      case 2:
        if (IsIntType(f.type)) return ReadI64(r, g.total_byte_size);
        break;
      case 3:
        if (IsIntType(f.type)) return ReadI64(r, g.num_rows);
        break;
      case 5:
        if (IsIntType(f.type)) return ReadI64(r, g.file_offset);
        break;
      case 6:
        if (IsIntType(f.type)) return ReadI64(r, g.total_compressed_size);
        break;
      case 7:
        if (f.type == CType::kI16) {
          FLOE_ASSIGN_OR_RETURN(g.ordinal, r.ReadI16());
          return OkStatus();
        }
        break;
      default:
        break;
    }
    return r.Skip(f.type);
  });
}

Status ReadStatisticsField(CompactReader& r, const FieldHeader& f, std::optional<Statistics>& s) {
  if (f.type != CType::kStruct) return r.Skip(f.type);
  return ReadStatistics(r, s.emplace());
}

Status ReadDataPageHeader(CompactReader& r, DataPageHeader& h) {
  return thrift::ReadStruct(r, [&](const FieldHeader& f) -> Status {
    if (f.type == CType::kI32) {
      switch (f.id) {
        case 1:
          return ReadI32(r, h.num_values);
        case 2:
          return ReadEnum(r, h.encoding);
        case 3:
          return ReadEnum(r, h.definition_level_encoding);
        case 4:
          return ReadEnum(r, h.repetition_level_encoding);
        default:
          break;
      }
    }
    if (f.id == 5) return ReadStatisticsField(r, f, h.statistics);
    return r.Skip(f.type);
  });
}

Status ReadDictionaryPageHeader(CompactReader& r, DictionaryPageHeader& h) {
  return thrift::ReadStruct(r, [&](const FieldHeader& f) -> Status {
    if (f.id == 1 && f.type == CType::kI32) return ReadI32(r, h.num_values);
    if (f.id == 2 && f.type == CType::kI32) return ReadEnum(r, h.encoding);
    if (f.id == 3 && IsBool(f)) {
      h.is_sorted = BoolValue(f);
      return OkStatus();
    }
    return r.Skip(f.type);
  });
}

Status ReadDataPageHeaderV2(CompactReader& r, DataPageHeaderV2& h) {
  return thrift::ReadStruct(r, [&](const FieldHeader& f) -> Status {
    if (f.type == CType::kI32) {
      switch (f.id) {
        case 1:
          return ReadI32(r, h.num_values);
        case 2:
          return ReadI32(r, h.num_nulls);
        case 3:
          return ReadI32(r, h.num_rows);
        case 4:
          return ReadEnum(r, h.encoding);
        case 5:
          return ReadI32(r, h.definition_levels_byte_length);
        case 6:
          return ReadI32(r, h.repetition_levels_byte_length);
        default:
          break;
      }
    }
    if (f.id == 7 && IsBool(f)) {
      h.is_compressed = BoolValue(f);
      return OkStatus();
    }
    if (f.id == 8) return ReadStatisticsField(r, f, h.statistics);
    return r.Skip(f.type);
  });
}

// ---------------------------------------------------------------------------------------------
// Writing

void WriteStatistics(CompactWriter& w, int16_t id, const Statistics& s) {
  w.BeginStructField(id);
  if (s.max) w.BinaryField(1, *s.max);
  if (s.min) w.BinaryField(2, *s.min);
  if (s.null_count) w.I64Field(3, *s.null_count);
  if (s.distinct_count) w.I64Field(4, *s.distinct_count);
  if (s.max_value) w.BinaryField(5, *s.max_value);
  if (s.min_value) w.BinaryField(6, *s.min_value);
  w.EndStruct();
}

void WriteLogicalType(CompactWriter& w, const LogicalType& lt) {
  w.BeginStructField(10);
  w.BeginStructField(static_cast<int16_t>(lt.kind));
  switch (lt.kind) {
    case LogicalType::Kind::kDecimal:
      w.I32Field(1, lt.scale);
      w.I32Field(2, lt.precision);
      break;
    case LogicalType::Kind::kTime:
    case LogicalType::Kind::kTimestamp:
      w.BoolField(1, lt.is_adjusted_to_utc);
      w.BeginStructField(2);
      w.BeginStructField(static_cast<int16_t>(lt.unit));
      w.EndStruct();
      w.EndStruct();
      break;
    case LogicalType::Kind::kInteger:
      w.ByteField(1, static_cast<uint8_t>(lt.bit_width));
      w.BoolField(2, lt.is_signed);
      break;
    default:
      break;
  }
  w.EndStruct();
  w.EndStruct();
}

void WriteKeyValues(CompactWriter& w, int16_t id, const std::vector<KeyValue>& kvs) {
  w.ListField(id, CType::kStruct, kvs.size());
  for (const KeyValue& kv : kvs) {
    w.BeginStruct();
    w.BinaryField(1, kv.key);
    if (kv.value) w.BinaryField(2, *kv.value);
    w.EndStruct();
  }
}

void WriteSchemaElement(CompactWriter& w, const SchemaElement& e) {
  w.BeginStruct();
  if (e.type) w.I32Field(1, static_cast<int32_t>(*e.type));
  if (e.type_length) w.I32Field(2, *e.type_length);
  if (e.repetition_type) w.I32Field(3, static_cast<int32_t>(*e.repetition_type));
  w.BinaryField(4, e.name);
  if (e.num_children) w.I32Field(5, *e.num_children);
  if (e.converted_type) w.I32Field(6, static_cast<int32_t>(*e.converted_type));
  if (e.scale) w.I32Field(7, *e.scale);
  if (e.precision) w.I32Field(8, *e.precision);
  if (e.field_id) w.I32Field(9, *e.field_id);
  if (e.logical_type.kind != LogicalType::Kind::kNone) WriteLogicalType(w, e.logical_type);
  w.EndStruct();
}

void WriteColumnMetaData(CompactWriter& w, const ColumnMetaData& m) {
  w.BeginStructField(3);
  w.I32Field(1, static_cast<int32_t>(m.type));
  w.ListField(2, CType::kI32, m.encodings.size());
  for (Encoding e : m.encodings) w.WriteZigzag(static_cast<int32_t>(e));
  w.ListField(3, CType::kBinary, m.path_in_schema.size());
  for (const std::string& p : m.path_in_schema) w.WriteBinary(p);
  w.I32Field(4, static_cast<int32_t>(m.codec));
  w.I64Field(5, m.num_values);
  w.I64Field(6, m.total_uncompressed_size);
  w.I64Field(7, m.total_compressed_size);
  if (!m.key_value_metadata.empty()) WriteKeyValues(w, 8, m.key_value_metadata);
  w.I64Field(9, m.data_page_offset);
  if (m.index_page_offset) w.I64Field(10, *m.index_page_offset);
  if (m.dictionary_page_offset) w.I64Field(11, *m.dictionary_page_offset);
  if (m.statistics) WriteStatistics(w, 12, *m.statistics);
  w.EndStruct();
}

}  // namespace

void SerializeFileMetaData(const FileMetaData& md, std::vector<uint8_t>& out) {
  CompactWriter w(out);
  w.BeginStruct();
  w.I32Field(1, md.version);
  w.ListField(2, CType::kStruct, md.schema.size());
  for (const SchemaElement& e : md.schema) WriteSchemaElement(w, e);
  w.I64Field(3, md.num_rows);
  w.ListField(4, CType::kStruct, md.row_groups.size());
  for (const RowGroup& g : md.row_groups) {
    w.BeginStruct();
    w.ListField(1, CType::kStruct, g.columns.size());
    for (const ColumnChunk& c : g.columns) {
      w.BeginStruct();
      if (c.file_path) w.BinaryField(1, *c.file_path);
      w.I64Field(2, c.file_offset);
      if (c.meta_data) WriteColumnMetaData(w, *c.meta_data);
      w.EndStruct();
    }
    w.I64Field(2, g.total_byte_size);
    w.I64Field(3, g.num_rows);
    if (g.file_offset) w.I64Field(5, *g.file_offset);
    if (g.total_compressed_size) w.I64Field(6, *g.total_compressed_size);
    if (g.ordinal) {
      w.FieldHeader(7, CType::kI16);
      w.WriteZigzag(*g.ordinal);
    }
    w.EndStruct();
  }
  if (!md.key_value_metadata.empty()) WriteKeyValues(w, 5, md.key_value_metadata);
  if (md.created_by) w.BinaryField(6, *md.created_by);
  if (md.type_defined_column_orders > 0) {
    w.ListField(7, CType::kStruct, md.type_defined_column_orders);
    for (int32_t i = 0; i < md.type_defined_column_orders; ++i) {
      w.BeginStruct();
      w.BeginStructField(1);
      w.EndStruct();
      w.EndStruct();
    }
  }
  w.EndStruct();
}

void SerializePageHeader(const PageHeader& h, std::vector<uint8_t>& out) {
  CompactWriter w(out);
  w.BeginStruct();
  w.I32Field(1, static_cast<int32_t>(h.type));
  w.I32Field(2, h.uncompressed_page_size);
  w.I32Field(3, h.compressed_page_size);
  if (h.crc) w.I32Field(4, *h.crc);
  if (h.data_page_header) {
    const DataPageHeader& d = *h.data_page_header;
    w.BeginStructField(5);
    w.I32Field(1, d.num_values);
    w.I32Field(2, static_cast<int32_t>(d.encoding));
    w.I32Field(3, static_cast<int32_t>(d.definition_level_encoding));
    w.I32Field(4, static_cast<int32_t>(d.repetition_level_encoding));
    if (d.statistics) WriteStatistics(w, 5, *d.statistics);
    w.EndStruct();
  }
  if (h.dictionary_page_header) {
    const DictionaryPageHeader& d = *h.dictionary_page_header;
    w.BeginStructField(7);
    w.I32Field(1, d.num_values);
    w.I32Field(2, static_cast<int32_t>(d.encoding));
    if (d.is_sorted) w.BoolField(3, *d.is_sorted);
    w.EndStruct();
  }
  if (h.data_page_header_v2) {
    const DataPageHeaderV2& d = *h.data_page_header_v2;
    w.BeginStructField(8);
    w.I32Field(1, d.num_values);
    w.I32Field(2, d.num_nulls);
    w.I32Field(3, d.num_rows);
    w.I32Field(4, static_cast<int32_t>(d.encoding));
    w.I32Field(5, d.definition_levels_byte_length);
    w.I32Field(6, d.repetition_levels_byte_length);
    w.BoolField(7, d.is_compressed);
    if (d.statistics) WriteStatistics(w, 8, *d.statistics);
    w.EndStruct();
  }
  w.EndStruct();
}

Result<FileMetaData> ParseFileMetaData(std::span<const uint8_t> data) {
  CompactReader r(data);
  FileMetaData md;
  bool has_schema = false;
  bool has_num_rows = false;
  FLOE_RETURN_IF_ERROR(thrift::ReadStruct(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        if (f.type == CType::kI32) return ReadI32(r, md.version);
        break;
      case 2:
        if (f.type == CType::kList) {
          has_schema = true;
          return thrift::ReadList(r, CType::kStruct, [&](CompactReader& rr) {
            return ReadSchemaElement(rr, md.schema.emplace_back());
          });
        }
        break;
      case 3:
        if (IsIntType(f.type)) {
          has_num_rows = true;
          return ReadI64(r, md.num_rows);
        }
        break;
      case 4:
        if (f.type == CType::kList) {
          return thrift::ReadList(r, CType::kStruct, [&](CompactReader& rr) {
            return ReadRowGroup(rr, md.row_groups.emplace_back());
          });
        }
        break;
      case 5:
        if (f.type == CType::kList) return ReadKeyValues(r, md.key_value_metadata);
        break;
      case 6:
        if (f.type == CType::kBinary) return ReadString(r, md.created_by);
        break;
      case 7:
        if (f.type == CType::kList) {
          return thrift::ReadList(r, CType::kStruct, [&](CompactReader& rr) -> Status {
            bool type_order = false;
            FLOE_RETURN_IF_ERROR(thrift::ReadStruct(rr, [&](const FieldHeader& g) -> Status {
              if (g.id == 1 && g.type == CType::kStruct) type_order = true;
              return rr.Skip(g.type);
            }));
            if (type_order) ++md.type_defined_column_orders;
            return OkStatus();
          });
        }
        break;
      default:
        break;
    }
    return r.Skip(f.type);
  }));
  if (!has_schema || md.schema.empty()) return CorruptFile("parquet: footer has no schema");
  if (!has_num_rows) return CorruptFile("parquet: footer has no num_rows");
  return md;
}

Result<PageHeader> ParsePageHeader(std::span<const uint8_t> data, size_t* header_size) {
  CompactReader r(data);
  PageHeader h;
  int required = 0;
  FLOE_RETURN_IF_ERROR(thrift::ReadStruct(r, [&](const FieldHeader& f) -> Status {
    switch (f.id) {
      case 1:
        if (f.type == CType::kI32) {
          required |= 1;
          return ReadEnum(r, h.type);
        }
        break;
      case 2:
        if (f.type == CType::kI32) {
          required |= 2;
          return ReadI32(r, h.uncompressed_page_size);
        }
        break;
      case 3:
        if (f.type == CType::kI32) {
          required |= 4;
          return ReadI32(r, h.compressed_page_size);
        }
        break;
      case 4:
        if (f.type == CType::kI32) return ReadI32(r, h.crc);
        break;
      case 5:
        if (f.type == CType::kStruct) return ReadDataPageHeader(r, h.data_page_header.emplace());
        break;
      case 7:
        if (f.type == CType::kStruct) {
          return ReadDictionaryPageHeader(r, h.dictionary_page_header.emplace());
        }
        break;
      case 8:
        if (f.type == CType::kStruct) {
          return ReadDataPageHeaderV2(r, h.data_page_header_v2.emplace());
        }
        break;
      default:
        break;
    }
    return r.Skip(f.type);
  }));
  if (required != 7) return CorruptFile("parquet: page header misses a required field");
  if (h.compressed_page_size < 0 || h.uncompressed_page_size < 0) {
    return CorruptFile("parquet: negative page size");
  }
  *header_size = r.position();
  return h;
}

}  // namespace floe::parquet
