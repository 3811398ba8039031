#include "floe/table/data_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <thread>
#include <unordered_map>

#include "floe/columnar/kernels.h"
#include "floe/core/uuid.h"
#include "floe/iceberg/bound_transform.h"
#include "floe/iceberg/columnar_schema.h"
#include "floe/iceberg/single_value.h"
#include "floe/table/array_literal.h"
#include "floe/table/file_io_streams.h"
#include "floe/table/table_properties.h"

namespace floe::table {
namespace {

Result<parquet::WriterOptions> ParquetOptionsFromProperties(const iceberg::TableMetadata& m) {
  parquet::WriterOptions options;
  std::string codec = TableProperty(m, "write.parquet.compression-codec", "zstd");
  std::transform(codec.begin(), codec.end(), codec.begin(), ::tolower);
  if (codec == "zstd") {
    options.codec = format::CompressionCodec::kZstd;
  } else if (codec == "snappy") {
    options.codec = format::CompressionCodec::kSnappy;
  } else if (codec == "gzip") {
    options.codec = format::CompressionCodec::kGzip;
  } else if (codec == "lz4" || codec == "lz4_raw") {
    options.codec = format::CompressionCodec::kLz4Raw;
  } else if (codec == "uncompressed" || codec == "none") {
    options.codec = format::CompressionCodec::kUncompressed;
  } else {
    return InvalidArgument(
        "table property write.parquet.compression-codec: unknown codec '{}' (zstd, snappy, gzip, "
        "lz4, uncompressed)", codec);
  }
  if (m.properties().contains("write.parquet.compression-level")) {
    FLOE_ASSIGN_OR_RETURN(int64_t level, TableIntProperty(m, "write.parquet.compression-level", 1, -131072));
    options.compression_level = static_cast<int>(level);
  }
  FLOE_ASSIGN_OR_RETURN(options.row_group_size_bytes,
                        TableIntProperty(m, "write.parquet.row-group-size-bytes", int64_t{128} << 20));
  FLOE_ASSIGN_OR_RETURN(options.page_size_bytes,
                        TableIntProperty(m, "write.parquet.page-size-bytes", int64_t{1} << 20));
  return options;
}

bool IsAvroName(std::string_view name) {
  if (name.empty()) return false;
  auto first = static_cast<unsigned char>(name[0]);
  if (!(std::isalpha(first) || first == '_')) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '_';
  });
}

columnar::Field WithAvroNames(const columnar::Field& field);

columnar::DataType TypeWithAvroNames(const columnar::DataType& type) {
  switch (type.kind()) {
    case columnar::TypeKind::kStruct: {
      std::vector<columnar::Field> fields;
      for (const auto& f : type.fields()) fields.push_back(WithAvroNames(f));
      return columnar::DataType::Struct(std::move(fields));
    }
    case columnar::TypeKind::kList:
      return columnar::DataType::List(WithAvroNames(type.value_field()));
    case columnar::TypeKind::kMap:
      return columnar::DataType::Map(WithAvroNames(type.key_field()),
                                     WithAvroNames(type.value_field()), type.keys_sorted());
    default:
      return type;
  }
}

columnar::Field WithAvroNames(const columnar::Field& field) {
  return columnar::Field(AvroCompatibleName(field.name()), TypeWithAvroNames(field.type()),
                         field.nullable(), field.field_id(), field.metadata());
}

}  // namespace

std::string AvroCompatibleName(std::string_view name) {
  if (IsAvroName(name)) return std::string(name);
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    const bool keep = std::isalpha(c) || c == '_' || (i > 0 && std::isdigit(c));
    if (keep) {
      out.push_back(static_cast<char>(c));
    } else if (i == 0 && std::isdigit(c)) {
      out.push_back('_');
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("_x{:X}", c);
    }
  }
  return out;
}

Result<columnar::RecordBatch> ConformBatch(const columnar::RecordBatch& batch,
                                           const iceberg::Schema& schema) {
  FLOE_ASSIGN_OR_RETURN(columnar::Schema target, iceberg::ToColumnarSchema(schema));
  const columnar::Schema& source = batch.schema();
  bool has_ids = false;
  for (const auto& f : source.fields()) has_ids |= f.field_id().has_value();
  std::vector<bool> used(source.fields().size(), false);
  std::vector<columnar::Array> columns;
  columns.reserve(target.fields().size());
  for (const auto& field : target.fields()) {
    int index = -1;
    for (size_t i = 0; i < source.fields().size(); ++i) {
      const auto& f = source.fields()[i];
      if (has_ids ? f.field_id() == field.field_id() : f.name() == field.name()) {
        index = static_cast<int>(i);
        break;
      }
    }
    if (index < 0) {
      if (!field.nullable()) {
        return InvalidArgument("column '{}' is required by the table but missing from the data",
                               field.name());
      }
      FLOE_ASSIGN_OR_RETURN(auto nulls, columnar::Array::MakeAllNull(field.type(), batch.num_rows()));
      columns.push_back(std::move(nulls));
      continue;
    }
    used[static_cast<size_t>(index)] = true;
    const columnar::Array& column = batch.column(index);
    columnar::Array conformed = column;
    if (!column.type().Equals(field.type(), /*check_metadata=*/false)) {
      auto cast = columnar::Cast(column, field.type());
      if (!cast) {
        return InvalidArgument("column '{}': cannot write {} data into a column of type {}",
                               field.name(), column.type().ToString(), field.type().ToString());
      }
      conformed = std::move(cast).value();
    }
    if (!field.nullable() && conformed.null_count() > 0) {
      return InvalidArgument("column '{}' is required but the data has {} null value(s) in it",
                             field.name(), conformed.null_count());
    }
    columns.push_back(std::move(conformed));
  }
  for (size_t i = 0; i < used.size(); ++i) {
    if (!used[i]) {
      return InvalidArgument("column '{}' is not in the table schema", source.fields()[i].name());
    }
  }
  return columnar::RecordBatch::Make(std::move(target), std::move(columns), batch.num_rows());
}

namespace {

// Calls task(i) for each i in [0, n) on up to `threads` threads (the caller's among them), and
// returns the first error by index, after every task has run.
template <typename Task>
Status RunSideBySide(size_t n, int threads, Task task) {
  std::vector<Status> results(n);
  std::atomic<size_t> next{0};
  auto run = [&] {
    for (size_t i = next++; i < n; i = next++) results[i] = task(i);
  };
  {
    std::vector<std::jthread> helpers;
    for (size_t t = 1; t < std::min(static_cast<size_t>(threads), n); ++t) helpers.emplace_back(run);
    run();
  }
  for (auto& r : results) {
    if (!r) return r;
  }
  return OkStatus();
}

}  // namespace

struct DataWriter::PartitionState {
  std::vector<iceberg::Literal> partition;
  std::string folder;
  std::unique_ptr<parquet::FileWriter> writer;
  std::string location;
};

DataWriter::DataWriter(const iceberg::TableMetadata& metadata, std::shared_ptr<io::FileIO> io,
                       parquet::WriterOptions parquet_options, int64_t target_file_size)
    : schema_(metadata.current_schema()),
      spec_(metadata.default_spec()),
      io_(std::move(io)),
      parquet_options_(std::move(parquet_options)),
      target_file_size_(target_file_size) {
  data_folder_ = TableProperty(metadata, kDataPathProperty, metadata.location() + "/data");
  while (data_folder_.size() > 1 && data_folder_.back() == '/') data_folder_.pop_back();
  file_prefix_ = Uuid::Random().ToString();
}

DataWriter::~DataWriter() {
  if (!finished_) Abort();
}

Result<std::unique_ptr<DataWriter>> DataWriter::Make(const iceberg::TableMetadata& metadata,
                                                     std::shared_ptr<io::FileIO> io,
                                                     DataWriterOptions options) {
  if (!io) return InvalidArgument("DataWriter needs a FileIO");
  parquet::WriterOptions parquet_options;
  if (options.parquet) {
    parquet_options = *options.parquet;
  } else {
    FLOE_ASSIGN_OR_RETURN(parquet_options, ParquetOptionsFromProperties(metadata));
  }
  int64_t target = 0;
  if (options.target_file_size_bytes) {
    if (*options.target_file_size_bytes <= 0) {
      return InvalidArgument("target file size must be positive");
    }
    target = *options.target_file_size_bytes;
  } else {
    FLOE_ASSIGN_OR_RETURN(target,
                          TableIntProperty(metadata, kTargetFileSizeProperty, kDefaultTargetFileSize));
  }
  if (options.threads < 0) return InvalidArgument("DataWriter threads must not be negative");
  std::unique_ptr<DataWriter> writer(
      new DataWriter(metadata, std::move(io), std::move(parquet_options), target));
  writer->threads_ = options.threads > 0
                        ? options.threads
                        : static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
  FLOE_RETURN_IF_ERROR(writer->Init());
  return writer;
}

Status DataWriter::Init() {
  FLOE_ASSIGN_OR_RETURN(columnar::Schema table_schema, iceberg::ToColumnarSchema(schema_));
  // Parquet column names as Iceberg Java writes them (readers that match by name expect them).
  std::vector<columnar::Field> fields;
  for (const auto& f : table_schema.fields()) fields.push_back(WithAvroNames(f));
  columnar_schema_ = columnar::Schema(std::move(fields), table_schema.metadata());
  renamed_ = !columnar_schema_.Equals(table_schema, /*check_metadata=*/false);
  parquet_options_.key_value_metadata.emplace_back("iceberg.schema", schema_.ToJson().dump());
  FLOE_RETURN_IF_ERROR(spec_.Validate(schema_));
  for (const auto& field : spec_.fields()) {
    // The path from the top-level struct down to the source column (through structs only).
    std::vector<int32_t> ids{field.source_id()};
    while (auto parent = schema_.ParentId(ids.back())) ids.push_back(*parent);
    std::reverse(ids.begin(), ids.end());
    std::vector<int> path;
    const std::vector<iceberg::NestedField>* level = &schema_.fields();
    iceberg::TypePtr type;
    for (int32_t id : ids) {
      auto it = std::find_if(level->begin(), level->end(),
                             [&](const iceberg::NestedField& f) { return f.id() == id; });
      if (it == level->end()) {
        return InvalidArgument("partition field '{}': its source column {} is inside a list or map",
                               field.name(), schema_.FindColumnName(field.source_id()));
      }
      path.push_back(static_cast<int>(it - level->begin()));
      type = it->type();
      if (type->id() == iceberg::TypeId::kStruct) {
        level = &static_cast<const iceberg::StructType&>(*type).fields();
      }
    }
    source_paths_.push_back(std::move(path));
    auto bound = iceberg::BoundTransform::Bind(field.transform(), type);
    bound_transforms_.push_back(bound ? std::optional(std::move(bound).value()) : std::nullopt);
    source_types_.push_back(std::move(type));
  }
  return OkStatus();
}

Status DataWriter::Write(const columnar::RecordBatch& input) {
  if (finished_) return Internal("DataWriter: write after close");
  if (input.num_rows() == 0) return OkStatus();
  FLOE_ASSIGN_OR_RETURN(columnar::RecordBatch batch, ConformBatch(input, schema_));
  rows_written_ += batch.num_rows();
  if (spec_.fields().empty()) {
    auto& state = partitions_[""];
    if (!state) {
      state = std::make_unique<PartitionState>();
      state->folder = data_folder_;
    }
    return WriteToPartition(*state, batch);
  }
  // Each row's partition tuple, grouped.
  const auto& fields = spec_.fields();
  std::vector<columnar::Array> sources;
  for (const auto& path : source_paths_) {
    columnar::Array array = batch.column(path[0]);
    for (size_t i = 1; i < path.size(); ++i) array = array.field(path[i]);
    sources.push_back(std::move(array));
  }
  // Each row's partition key: the transforms run over whole columns (BoundTransform's kernels)
  // where the column's layout allows, else value by value; a key is the bytes of the row's
  // results, so rows group without making Literals. A group's tuple is made once, from its
  // first row.
  const int64_t n = batch.num_rows();
  struct KeyColumn {
    int kind = 0;  // 0: int32 results, 1: int64, 2: strings, 3: value by value
    std::vector<int32_t> i32;
    std::vector<int64_t> i64;
    std::vector<std::string_view> in_sv, sv;
  };
  std::vector<KeyColumn> keys(fields.size());
  for (size_t f = 0; f < fields.size(); ++f) {
    KeyColumn& k = keys[f];
    const columnar::Array& src = sources[f];
    const auto& bound = bound_transforms_[f];
    const columnar::TypeKind kind = src.kind();
    k.kind = 3;
    if (!bound || bound->result_is_null()) continue;
    const iceberg::TypeId result = bound->result_type()->id();
    const bool int_result = result == iceberg::TypeId::kInt || result == iceberg::TypeId::kDate;
    if (kind == columnar::TypeKind::kInt32 || kind == columnar::TypeKind::kDate32) {
      k.i32.resize(static_cast<size_t>(n));
      if (bound->Apply(src.values<int32_t>(), std::span<int32_t>(k.i32))) k.kind = 0;
    } else if (kind == columnar::TypeKind::kInt64 || kind == columnar::TypeKind::kTime64 ||
               kind == columnar::TypeKind::kTimestamp) {
      if (int_result) {
        k.i32.resize(static_cast<size_t>(n));
        if (bound->Apply(src.values<int64_t>(), std::span<int32_t>(k.i32))) k.kind = 0;
      } else {
        k.i64.resize(static_cast<size_t>(n));
        if (bound->Apply(src.values<int64_t>(), std::span<int64_t>(k.i64))) k.kind = 1;
      }
    } else if (kind == columnar::TypeKind::kString || kind == columnar::TypeKind::kBinary) {
      k.in_sv.resize(static_cast<size_t>(n));
      for (int64_t i = 0; i < n; ++i) k.in_sv[static_cast<size_t>(i)] = src.GetView(i);
      if (int_result) {
        k.i32.resize(static_cast<size_t>(n));
        if (bound->Apply(std::span<const std::string_view>(k.in_sv), std::span<int32_t>(k.i32))) k.kind = 0;
      } else {
        k.sv.resize(static_cast<size_t>(n));
        if (bound->Apply(std::span<const std::string_view>(k.in_sv), std::span<std::string_view>(k.sv))) {
          k.kind = 2;
        }
      }
    }
  }
  auto tuple_of = [&](int64_t row) -> Result<std::vector<iceberg::Literal>> {
    std::vector<iceberg::Literal> tuple;
    for (size_t f = 0; f < fields.size(); ++f) {
      FLOE_ASSIGN_OR_RETURN(auto value, ArrayValueToLiteral(sources[f], row, *source_types_[f]));
      if (value.is_null()) {
        tuple.push_back(iceberg::Literal::Null());
      } else {
        FLOE_ASSIGN_OR_RETURN(auto t, fields[f].transform().Apply(value));
        tuple.push_back(std::move(t));
      }
    }
    return tuple;
  };
  // A row's key: for each field a null flag, then its transform result's bytes.
  auto append_key = [&](int64_t row, std::string& key) -> Status {
    const auto r = static_cast<size_t>(row);
    for (size_t f = 0; f < fields.size(); ++f) {
      const KeyColumn& k = keys[f];
      if (sources[f].IsNull(row)) {
        key.push_back('\0');
        continue;
      }
      key.push_back('\1');
      switch (k.kind) {
        case 0:
          key.append(reinterpret_cast<const char*>(&k.i32[r]), sizeof(int32_t));
          break;
        case 1:
          key.append(reinterpret_cast<const char*>(&k.i64[r]), sizeof(int64_t));
          break;
        case 2: {
          uint32_t len = static_cast<uint32_t>(k.sv[r].size());
          key.append(reinterpret_cast<const char*>(&len), sizeof(len));
          key.append(k.sv[r]);
          break;
        }
        default: {
          FLOE_ASSIGN_OR_RETURN(auto value, ArrayValueToLiteral(sources[f], row, *source_types_[f]));
          FLOE_ASSIGN_OR_RETURN(auto t, fields[f].transform().Apply(value));
          FLOE_RETURN_IF_ERROR(AppendLiteralKey(t, key));
        }
      }
    }
    return OkStatus();
  };
  // Rows grouped by key, groups in first-seen order.
  std::vector<std::string> order;
  std::vector<std::vector<int64_t>> groups;
  std::vector<int64_t> first_row;
  const bool vectorized =
      std::all_of(keys.begin(), keys.end(), [](const KeyColumn& k) { return k.kind != 3; });
  if (vectorized) {
    // Every key column is computed: hash each row's results into an open-addressing table of
    // group numbers and compare results, not key strings.
    auto hash_of = [&](int64_t row) {
      const auto r = static_cast<size_t>(row);
      uint64_t h = 0x9e3779b97f4a7c15ULL;
      for (size_t f = 0; f < fields.size(); ++f) {
        const KeyColumn& k = keys[f];
        uint64_t v = 0x5bd1e995;
        if (!sources[f].IsNull(row)) {
          v = k.kind == 0   ? static_cast<uint64_t>(static_cast<uint32_t>(k.i32[r]))
              : k.kind == 1 ? static_cast<uint64_t>(k.i64[r])
                            : std::hash<std::string_view>()(k.sv[r]);
        }
        h = (h ^ v) * 0xff51afd7ed558ccdULL;
        h ^= h >> 32;
      }
      return h;
    };
    auto same_key = [&](int64_t a, int64_t b) {
      const auto ra = static_cast<size_t>(a);
      const auto rb = static_cast<size_t>(b);
      for (size_t f = 0; f < fields.size(); ++f) {
        const KeyColumn& k = keys[f];
        const bool null_a = sources[f].IsNull(a);
        if (null_a != sources[f].IsNull(b)) return false;
        if (null_a) continue;
        const bool same = k.kind == 0   ? k.i32[ra] == k.i32[rb]
                          : k.kind == 1 ? k.i64[ra] == k.i64[rb]
                                        : k.sv[ra] == k.sv[rb];
        if (!same) return false;
      }
      return true;
    };
    constexpr int32_t kFree = -1;
    std::vector<int32_t> slots(64, kFree);
    std::vector<uint64_t> group_hash;
    for (int64_t row = 0; row < n; ++row) {
      const uint64_t h = hash_of(row);
      size_t mask = slots.size() - 1;
      size_t slot = h & mask;
      while (slots[slot] != kFree &&
             (group_hash[static_cast<size_t>(slots[slot])] != h ||
              !same_key(first_row[static_cast<size_t>(slots[slot])], row))) {
        slot = (slot + 1) & mask;
      }
      if (slots[slot] == kFree) {
        slots[slot] = static_cast<int32_t>(groups.size());
        groups.emplace_back();
        first_row.push_back(row);
        group_hash.push_back(h);
        if (groups.size() * 2 > slots.size()) {
          slots.assign(slots.size() * 2, kFree);
          mask = slots.size() - 1;
          for (size_t g = 0; g < group_hash.size(); ++g) {
            size_t at = group_hash[g] & mask;
            while (slots[at] != kFree) at = (at + 1) & mask;
            slots[at] = static_cast<int32_t>(g);
          }
          slot = SIZE_MAX;  // found again below
        }
      }
      const size_t group = slot == SIZE_MAX ? groups.size() - 1 : static_cast<size_t>(slots[slot]);
      groups[group].push_back(row);
    }
    for (int64_t row : first_row) {
      std::string& key = order.emplace_back();
      FLOE_RETURN_IF_ERROR(append_key(row, key));
    }
  } else {
    std::unordered_map<std::string, size_t> group_of;
    std::string key;
    for (int64_t row = 0; row < n; ++row) {
      key.clear();
      FLOE_RETURN_IF_ERROR(append_key(row, key));
      auto [it, inserted] = group_of.try_emplace(key, groups.size());
      if (inserted) {
        order.push_back(key);
        groups.emplace_back();
        first_row.push_back(row);
      }
      groups[it->second].push_back(row);
    }
  }
  std::vector<PartitionState*> states(order.size());
  for (size_t g = 0; g < order.size(); ++g) {
    auto& state = partitions_[order[g]];
    if (!state) {
      state = std::make_unique<PartitionState>();
      FLOE_ASSIGN_OR_RETURN(state->partition, tuple_of(first_row[g]));
      FLOE_ASSIGN_OR_RETURN(auto path, spec_.PartitionPath(state->partition));
      state->folder = data_folder_ + "/" + path;
    }
    states[g] = state.get();
  }
  // Partitions are independent files: their rows are gathered and encoded side by side.
  return RunSideBySide(order.size(), threads_, [&](size_t g) -> Status {
    const auto& rows = groups[g];
    if (static_cast<int64_t>(rows.size()) == batch.num_rows()) {
      return WriteToPartition(*states[g], batch);
    }
    FLOE_ASSIGN_OR_RETURN(auto part, columnar::Take(batch, rows));
    return WriteToPartition(*states[g], part);
  });
}

Status DataWriter::WriteToPartition(PartitionState& state, const columnar::RecordBatch& batch) {
  if (!state.writer) {
    state.location = fmt::format("{}/{:05d}-0-{}-{:05d}.parquet", state.folder, 0, file_prefix_,
                                 ++file_count_);
    FLOE_ASSIGN_OR_RETURN(auto out, io_->NewOutputFile(state.location, /*overwrite=*/false));
    FLOE_ASSIGN_OR_RETURN(state.writer,
                          parquet::FileWriter::Make(columnar_schema_,
                                                    std::make_unique<FileIOOutputStream>(std::move(out)),
                                                    parquet_options_));
  }
  if (renamed_) {
    std::vector<columnar::Array> columns;
    for (int i = 0; i < batch.num_columns(); ++i) {
      FLOE_ASSIGN_OR_RETURN(auto column, columnar::Cast(batch.column(i), columnar_schema_.field(i).type()));
      columns.push_back(std::move(column));
    }
    FLOE_ASSIGN_OR_RETURN(auto renamed, columnar::RecordBatch::Make(columnar_schema_, std::move(columns),
                                                                    batch.num_rows()));
    FLOE_RETURN_IF_ERROR(state.writer->Write(renamed));
  } else {
    FLOE_RETURN_IF_ERROR(state.writer->Write(batch));
  }
  if (state.writer->bytes_written() >= target_file_size_) return CloseFile(state);
  return OkStatus();
}

Status DataWriter::CloseFile(PartitionState& state) {
  auto writer = std::move(state.writer);
  FLOE_ASSIGN_OR_RETURN(parquet::FileMetrics metrics, writer->Close());
  return RecordClosed(state, metrics);
}

Status DataWriter::RecordClosed(const PartitionState& state, const parquet::FileMetrics& metrics) {
  iceberg::DataFile file;
  file.file_path = state.location;
  file.file_format = "PARQUET";
  file.partition = state.partition;
  file.record_count = metrics.row_count;
  file.file_size_in_bytes = metrics.file_size;
  file.split_offsets = metrics.split_offsets;
  for (const auto& [id, c] : metrics.columns) {
    file.column_sizes[id] = c.column_size;
    file.value_counts[id] = c.value_count;
    file.null_value_counts[id] = c.null_value_count;
    if (c.nan_value_count) file.nan_value_counts[id] = *c.nan_value_count;
    if (c.lower_bound) file.lower_bounds[id] = {c.lower_bound->begin(), c.lower_bound->end()};
    if (c.upper_bound) file.upper_bounds[id] = {c.upper_bound->begin(), c.upper_bound->end()};
  }
  if (auto valid = file.Validate(); !valid) {
    (void)io_->DeleteFile(state.location);
    return valid.error();
  }
  std::lock_guard lock(closed_mu_);
  closed_.push_back(std::move(file));
  return OkStatus();
}

Result<std::vector<iceberg::DataFile>> DataWriter::Close() {
  if (finished_) return Internal("DataWriter: closed twice");
  std::vector<PartitionState*> open;
  for (auto& [key, state] : partitions_) {
    if (state->writer) open.push_back(state.get());
  }
  // The files are independent: close them side by side, then record them in partition order.
  std::vector<std::optional<Result<parquet::FileMetrics>>> results(open.size());
  (void)RunSideBySide(open.size(), threads_, [&](size_t i) -> Status {
    auto writer = std::move(open[i]->writer);
    results[i] = writer->Close();
    return OkStatus();
  });
  std::optional<Error> failure;
  for (size_t i = 0; i < open.size(); ++i) {
    Status recorded = *results[i] ? RecordClosed(*open[i], **results[i]) : Status(results[i]->error());
    if (!recorded && !failure) failure = recorded.error();
  }
  if (failure) {
    Abort();
    return *failure;
  }
  finished_ = true;
  return closed_;
}

void DataWriter::Abort() {
  for (auto& [key, state] : partitions_) state->writer.reset();  // discards unpublished bytes
  for (const auto& file : closed_) (void)io_->DeleteFile(file.file_path);
  closed_.clear();
  finished_ = true;
}

std::vector<std::string> DataWriter::written_locations() const {
  std::vector<std::string> out;
  for (const auto& f : closed_) out.push_back(f.file_path);
  return out;
}

}  // namespace floe::table
