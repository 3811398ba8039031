#include "floe/table/table_scan.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <unordered_set>

#include "floe/columnar/kernels.h"
#include "floe/format/parquet/file_reader.h"
#include "floe/iceberg/columnar_schema.h"
#include "floe/iceberg/expression_bind.h"
#include "floe/iceberg/manifest_list.h"
#include "floe/iceberg/manifest_reader.h"
#include "floe/iceberg/metrics_evaluator.h"
#include "floe/iceberg/partition_evaluator.h"
#include "floe/iceberg/row_evaluator.h"
#include "floe/iceberg/single_value.h"
#include "floe/table/array_literal.h"
#include "floe/table/data_writer.h"
#include "floe/table/file_io_streams.h"

namespace floe::table {
namespace {

using iceberg::DataFileContent;
using iceberg::ExprPtr;
using iceberg::Literal;

constexpr int32_t kDeleteFilePathId = 2147483546;
constexpr int32_t kDeletePosId = 2147483545;

void CollectFieldIds(const iceberg::Expression& expr, std::set<int32_t>& ids) {
  if (expr.is_predicate()) {
    ids.insert(expr.ref().field_id);
    return;
  }
  if (expr.left()) CollectFieldIds(*expr.left(), ids);
  if (expr.right()) CollectFieldIds(*expr.right(), ids);
}

bool IsAlwaysTrue(const ExprPtr& e) { return !e || e->op() == iceberg::Operation::kTrue; }

Result<std::vector<iceberg::ManifestFile>> ManifestsOf(io::FileIO& io,
                                                      const iceberg::Snapshot& snapshot) {
  if (snapshot.manifest_list()) {
    FLOE_ASSIGN_OR_RETURN(auto bytes, io.ReadFile(*snapshot.manifest_list()));
    FLOE_ASSIGN_OR_RETURN(auto list, iceberg::ManifestListReader::Open(bytes));
    return list->ReadAll();
  }
  // Format v1 snapshots may list manifest paths directly.
  std::vector<iceberg::ManifestFile> out;
  if (snapshot.manifests()) {
    for (const auto& path : *snapshot.manifests()) {
      iceberg::ManifestFile m;
      m.manifest_path = path;
      m.sequence_number = 0;
      m.min_sequence_number = 0;
      m.added_snapshot_id = snapshot.snapshot_id();
      out.push_back(std::move(m));
    }
  }
  return out;
}

bool SamePartition(const iceberg::ManifestEntry& del, int32_t del_spec, const FileScanTask& task,
                   const iceberg::TableMetadata& metadata) {
  const iceberg::PartitionSpec* spec = metadata.SpecById(del_spec);
  if (spec != nullptr && spec->is_unpartitioned()) return true;
  return del_spec == task.spec_id && del.data_file.partition == task.file.partition;
}

Result<std::unique_ptr<parquet::FileReader>> OpenParquet(io::FileIO& io, const std::string& path,
                                                        const std::vector<int32_t>& ids,
                                                        const std::vector<std::string>& names) {
  auto open = [&](parquet::ReaderOptions options) -> Result<std::unique_ptr<parquet::FileReader>> {
    FLOE_ASSIGN_OR_RETURN(auto input, io.NewInputFile(path));
    auto reader = parquet::FileReader::Open(std::make_unique<FileIOInput>(std::move(input)),
                                            std::move(options));
    if (!reader) return reader.error().WithContext(fmt::format("reading data file {}", path));
    return reader;
  };
  parquet::ReaderOptions options;
  options.field_ids = ids;
  FLOE_ASSIGN_OR_RETURN(auto reader, open(options));
  bool has_ids = false;
  for (const auto& f : reader->file_schema().fields()) has_ids |= f.field_id.has_value();
  if (has_ids) return reader;
  // Written without field ids: match by name.
  parquet::ReaderOptions by_name;
  by_name.column_names = names;
  return open(by_name);
}

// Positions deleted from `data_path` by the position delete files among `deletes`.
Result<std::unordered_set<int64_t>> ReadPositionDeletes(io::FileIO& io,
                                                       const std::string& data_path,
                                                       const std::vector<iceberg::ManifestEntry>& deletes) {
  std::unordered_set<int64_t> positions;
  for (const auto& d : deletes) {
    if (d.data_file.content != DataFileContent::kPositionDeletes) continue;
    FLOE_ASSIGN_OR_RETURN(auto reader, OpenParquet(io, d.data_file.file_path,
                                                   {kDeleteFilePathId, kDeletePosId},
                                                   {"file_path", "pos"}));
    int path_col = reader->schema().GetFieldIndex("file_path");
    int pos_col = reader->schema().GetFieldIndex("pos");
    if (path_col < 0 || pos_col < 0) {
      return CorruptFile("position delete file {} lacks file_path or pos", d.data_file.file_path);
    }
    while (true) {
      FLOE_ASSIGN_OR_RETURN(auto batch, reader->Next());
      if (!batch) break;
      const auto& paths = batch->column(path_col);
      const auto& pos = batch->column(pos_col);
      if (pos.kind() != columnar::TypeKind::kInt64 || !paths.type().is_binary_like()) {
        return CorruptFile("position delete file {} has unexpected column types",
                           d.data_file.file_path);
      }
      auto values = pos.values<int64_t>();
      for (int64_t i = 0; i < batch->num_rows(); ++i) {
        if (paths.IsValid(i) && pos.IsValid(i) && paths.GetView(i) == data_path) {
          positions.insert(values[static_cast<size_t>(i)]);
        }
      }
    }
  }
  return positions;
}

struct EqualityDeleteSet {
  std::vector<int32_t> ids;
  std::unordered_set<std::string> keys;
};

Result<std::vector<EqualityDeleteSet>> ReadEqualityDeletes(
    io::FileIO& io, const iceberg::Schema& schema,
    const std::vector<iceberg::ManifestEntry>& deletes) {
  std::vector<EqualityDeleteSet> sets;
  for (const auto& d : deletes) {
    if (d.data_file.content != DataFileContent::kEqualityDeletes) continue;
    EqualityDeleteSet set;
    set.ids = d.data_file.equality_ids;
    std::vector<std::string> names;
    std::vector<iceberg::TypePtr> types;
    for (int32_t id : set.ids) {
      const iceberg::NestedField* f = schema.FindFieldById(id);
      if (f == nullptr) {
        return NotSupported("equality delete file {} uses column id {}, which is not in the schema",
                            d.data_file.file_path, id);
      }
      names.push_back(f->name());
      types.push_back(f->type());
    }
    FLOE_ASSIGN_OR_RETURN(auto reader, OpenParquet(io, d.data_file.file_path, set.ids, names));
    std::vector<int> cols;
    for (size_t k = 0; k < set.ids.size(); ++k) {
      int c = reader->schema().GetFieldIndexById(set.ids[k]);
      if (c < 0) c = reader->schema().GetFieldIndex(names[k]);
      if (c < 0) {
        return CorruptFile("equality delete file {} lacks column {}", d.data_file.file_path,
                           names[k]);
      }
      cols.push_back(c);
    }
    std::string key;
    while (true) {
      FLOE_ASSIGN_OR_RETURN(auto batch, reader->Next());
      if (!batch) break;
      for (int64_t row = 0; row < batch->num_rows(); ++row) {
        key.clear();
        for (size_t k = 0; k < cols.size(); ++k) {
          FLOE_ASSIGN_OR_RETURN(auto v, ArrayValueToLiteral(batch->column(cols[k]), row, *types[k]));
          FLOE_RETURN_IF_ERROR(AppendLiteralKey(v, key));
        }
        set.keys.insert(key);
      }
    }
    sets.push_back(std::move(set));
  }
  return sets;
}

// Reads one data file as `read_schema` (internal: output columns plus those the filter and
// equality deletes need), applies deletes and the filter, and keeps the `output` columns.
class TaskReader final : public columnar::BatchReader {
 public:
  static Result<std::unique_ptr<TaskReader>> Make(std::shared_ptr<io::FileIO> io,
                                                  const FileScanTask& task,
                                                  const iceberg::Schema& table_schema,
                                                  const iceberg::Schema& output,
                                                  const ExprPtr& bound_filter) {
    std::unique_ptr<TaskReader> r(new TaskReader());
    FLOE_ASSIGN_OR_RETURN(r->output_schema_, iceberg::ToColumnarSchema(output));
    // Columns to read: the output's, then the top-level columns holding the filter's and the
    // equality deletes' columns.
    std::vector<iceberg::NestedField> fields = output.fields();
    std::set<int32_t> needed;
    if (!IsAlwaysTrue(bound_filter)) CollectFieldIds(*bound_filter, needed);
    for (const auto& d : task.deletes) {
      if (d.data_file.content == DataFileContent::kEqualityDeletes) {
        needed.insert(d.data_file.equality_ids.begin(), d.data_file.equality_ids.end());
      }
    }
    for (int32_t id : needed) {
      int32_t top = id;
      while (auto parent = table_schema.ParentId(top)) top = *parent;
      bool present = std::any_of(fields.begin(), fields.end(),
                                 [&](const iceberg::NestedField& f) { return f.id() == top; });
      if (present) continue;
      const iceberg::NestedField* f = table_schema.FindFieldById(top);
      if (f == nullptr) return InvalidArgument("column id {} is not in the table schema", id);
      fields.push_back(*f);
    }
    FLOE_ASSIGN_OR_RETURN(r->read_iceberg_, iceberg::Schema::Make(output.schema_id(), fields));
    FLOE_ASSIGN_OR_RETURN(r->read_schema_, iceberg::ToColumnarSchema(r->read_iceberg_));
    std::vector<int32_t> ids;
    std::vector<std::string> names;
    for (const auto& f : fields) {
      ids.push_back(f.id());
      names.push_back(f.name());
      // Files named by Iceberg Java's rules (data_writer.h) but without field ids.
      if (std::string avro = AvroCompatibleName(f.name()); avro != f.name()) names.push_back(avro);
    }
    FLOE_ASSIGN_OR_RETURN(r->reader_, OpenParquet(*io, task.file.file_path, ids, names));
    if (!IsAlwaysTrue(bound_filter)) {
      FLOE_ASSIGN_OR_RETURN(auto eval, iceberg::RowEvaluator::Make(bound_filter));
      r->filter_.emplace(std::move(eval));
    }
    FLOE_ASSIGN_OR_RETURN(r->deleted_positions_,
                          ReadPositionDeletes(*io, task.file.file_path, task.deletes));
    FLOE_ASSIGN_OR_RETURN(r->equality_deletes_,
                          ReadEqualityDeletes(*io, table_schema, task.deletes));
    r->path_ = task.file.file_path;
    r->identity_values_ = task.identity_values;
    return r;
  }

  const columnar::Schema& schema() const override { return output_schema_; }

  Result<std::optional<columnar::RecordBatch>> Next() override {
    while (true) {
      FLOE_ASSIGN_OR_RETURN(auto raw, reader_->Next());
      if (!raw) return std::nullopt;
      const int64_t base = position_;
      position_ += raw->num_rows();
      FLOE_ASSIGN_OR_RETURN(auto batch, Conform(*raw));
      std::vector<uint8_t> keep(static_cast<size_t>(batch.num_rows()), 1);
      bool dropped = false;
      if (!deleted_positions_.empty()) {
        for (int64_t i = 0; i < batch.num_rows(); ++i) {
          if (deleted_positions_.contains(base + i)) {
            keep[static_cast<size_t>(i)] = 0;
            dropped = true;
          }
        }
      }
      for (const auto& set : equality_deletes_) {
        FLOE_RETURN_IF_ERROR(ApplyEqualityDeletes(batch, set, keep, dropped));
      }
      if (filter_) {
        FLOE_ASSIGN_OR_RETURN(auto match, filter_->Evaluate(batch));
        for (size_t i = 0; i < keep.size(); ++i) {
          if (keep[i] && !match[i]) {
            keep[i] = 0;
            dropped = true;
          }
        }
      }
      if (dropped) {
        FLOE_ASSIGN_OR_RETURN(batch, columnar::Filter(batch, keep));
      }
      if (batch.num_rows() == 0) continue;
      std::vector<columnar::Array> columns(batch.columns().begin(),
                                           batch.columns().begin() + output_schema_.num_fields());
      FLOE_ASSIGN_OR_RETURN(auto out, columnar::RecordBatch::Make(output_schema_, std::move(columns),
                                                                  batch.num_rows()));
      return out;
    }
  }

 private:
  TaskReader() = default;

  // The file's columns in read-schema order: found by field id (or by name), missing ones as
  // nulls, other types widened.
  Result<columnar::RecordBatch> Conform(const columnar::RecordBatch& raw) const {
    std::vector<columnar::Array> columns;
    for (const auto& field : read_schema_.fields()) {
      int index = field.field_id() ? raw.schema().GetFieldIndexById(*field.field_id()) : -1;
      if (index < 0) index = raw.schema().GetFieldIndex(field.name());
      if (index < 0) index = raw.schema().GetFieldIndex(AvroCompatibleName(field.name()));
      if (index < 0) {
        // Not in the file: an identity partition's value, else null.
        const auto value = field.field_id() ? identity_values_.find(*field.field_id())
                                            : identity_values_.end();
        auto filled = value != identity_values_.end()
                          ? RepeatLiteral(value->second, field.type(), raw.num_rows())
                          : columnar::Array::MakeAllNull(field.type(), raw.num_rows());
        if (!filled) {
          return filled.error().WithContext(
              fmt::format("data file {}: filling column '{}'", path_, field.name()));
        }
        columns.push_back(std::move(filled).value());
        continue;
      }
      const columnar::Array& column = raw.column(index);
      if (column.type().Equals(field.type(), /*check_metadata=*/false)) {
        columns.push_back(column);
        continue;
      }
      auto cast = columnar::Cast(column, field.type());
      if (!cast) {
        return CorruptFile("data file {}: column '{}' holds {}, which cannot be read as {}", path_,
                           field.name(), column.type().ToString(), field.type().ToString());
      }
      columns.push_back(std::move(cast).value());
    }
    return columnar::RecordBatch::Make(read_schema_, std::move(columns), raw.num_rows());
  }

  Status ApplyEqualityDeletes(const columnar::RecordBatch& batch, const EqualityDeleteSet& set,
                              std::vector<uint8_t>& keep, bool& dropped) const {
    std::vector<columnar::Array> cols;
    std::vector<iceberg::TypePtr> types;
    for (int32_t id : set.ids) {
      // Top-level columns only (nested equality columns are rare; refuse them plainly).
      int index = batch.schema().GetFieldIndexById(id);
      const iceberg::NestedField* f = read_iceberg_.FindFieldById(id);
      if (index < 0 || f == nullptr) {
        return NotSupported("equality deletes on nested column id {} are not supported", id);
      }
      cols.push_back(batch.column(index));
      types.push_back(f->type());
    }
    std::string key;
    for (int64_t row = 0; row < batch.num_rows(); ++row) {
      if (!keep[static_cast<size_t>(row)]) continue;
      key.clear();
      for (size_t k = 0; k < cols.size(); ++k) {
        FLOE_ASSIGN_OR_RETURN(auto v, ArrayValueToLiteral(cols[k], row, *types[k]));
        FLOE_RETURN_IF_ERROR(AppendLiteralKey(v, key));
      }
      if (set.keys.contains(key)) {
        keep[static_cast<size_t>(row)] = 0;
        dropped = true;
      }
    }
    return OkStatus();
  }

  std::string path_;
  std::map<int32_t, iceberg::Literal> identity_values_;
  columnar::Schema output_schema_;
  iceberg::Schema read_iceberg_ = iceberg::Schema::Make(0, {}).value();
  columnar::Schema read_schema_;
  std::unique_ptr<parquet::FileReader> reader_;
  std::optional<iceberg::RowEvaluator> filter_;
  std::unordered_set<int64_t> deleted_positions_;
  std::vector<EqualityDeleteSet> equality_deletes_;
  int64_t position_ = 0;
};

// The tasks one after the other.
class ScanReader final : public columnar::BatchReader {
 public:
  ScanReader(std::shared_ptr<io::FileIO> io, std::vector<FileScanTask> tasks,
             iceberg::Schema table_schema, iceberg::Schema output, ExprPtr filter,
             columnar::Schema schema)
      : io_(std::move(io)),
        tasks_(std::move(tasks)),
        table_schema_(std::move(table_schema)),
        output_(std::move(output)),
        filter_(std::move(filter)),
        schema_(std::move(schema)) {}

  const columnar::Schema& schema() const override { return schema_; }

  Result<std::optional<columnar::RecordBatch>> Next() override {
    while (true) {
      if (!current_) {
        if (next_task_ >= tasks_.size()) return std::nullopt;
        FLOE_ASSIGN_OR_RETURN(current_, TaskReader::Make(io_, tasks_[next_task_++], table_schema_,
                                                         output_, filter_));
      }
      FLOE_ASSIGN_OR_RETURN(auto batch, current_->Next());
      if (batch) return batch;
      current_.reset();
    }
  }

 private:
  std::shared_ptr<io::FileIO> io_;
  std::vector<FileScanTask> tasks_;
  iceberg::Schema table_schema_;
  iceberg::Schema output_;
  ExprPtr filter_;
  columnar::Schema schema_;
  size_t next_task_ = 0;
  std::unique_ptr<TaskReader> current_;
};

}  // namespace

Result<const iceberg::Snapshot*> TableScan::ResolveSnapshot() const {
  const auto& m = *metadata_;
  if (snapshot_id_) {
    const iceberg::Snapshot* s = m.SnapshotById(*snapshot_id_);
    if (s == nullptr) return NotFound("table has no snapshot {}", *snapshot_id_);
    return s;
  }
  if (as_of_ms_) {
    std::optional<int64_t> found;
    for (const auto& entry : m.fields().snapshot_log) {
      if (entry.timestamp_ms <= *as_of_ms_) found = entry.snapshot_id;
    }
    if (m.fields().snapshot_log.empty()) {
      int64_t best = -1;
      for (const auto& s : m.snapshots()) {
        if (s.timestamp_ms() <= *as_of_ms_ && s.timestamp_ms() >= best) {
          best = s.timestamp_ms();
          found = s.snapshot_id();
        }
      }
    }
    if (!found) return NotFound("table has no snapshot as of {} ms (it is older than the first)", *as_of_ms_);
    const iceberg::Snapshot* s = m.SnapshotById(*found);
    if (s == nullptr) return NotFound("snapshot {} (current as of {} ms) has expired", *found, *as_of_ms_);
    return s;
  }
  return m.current_snapshot();
}

Result<iceberg::Schema> TableScan::ScanSchema() const {
  FLOE_ASSIGN_OR_RETURN(const iceberg::Snapshot* snapshot, ResolveSnapshot());
  if ((snapshot_id_ || as_of_ms_) && snapshot != nullptr && snapshot->schema_id()) {
    if (const iceberg::Schema* s = metadata_->SchemaById(*snapshot->schema_id())) return *s;
  }
  return metadata_->current_schema();
}

Result<iceberg::Schema> TableScan::ProjectedSchema() const {
  FLOE_ASSIGN_OR_RETURN(iceberg::Schema schema, ScanSchema());
  if (!columns_) return schema;
  std::vector<iceberg::NestedField> fields;
  for (const auto& name : *columns_) {
    auto lower = [](std::string s) {
      std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
      return s;
    };
    auto it = std::find_if(schema.fields().begin(), schema.fields().end(),
                           [&](const iceberg::NestedField& f) {
                             return case_sensitive_ ? f.name() == name : lower(f.name()) == lower(name);
                           });
    if (it == schema.fields().end()) {
      std::string known;
      for (const auto& f : schema.fields()) known += (known.empty() ? "" : ", ") + f.name();
      return InvalidArgument("no column '{}' in the table (columns: {})", name, known);
    }
    if (std::any_of(fields.begin(), fields.end(),
                    [&](const iceberg::NestedField& f) { return f.id() == it->id(); })) {
      return InvalidArgument("column '{}' is selected twice", name);
    }
    fields.push_back(*it);
  }
  return iceberg::Schema::Make(schema.schema_id(), std::move(fields));
}

Result<std::vector<FileScanTask>> TableScan::PlanFiles() const {
  FLOE_ASSIGN_OR_RETURN(const iceberg::Snapshot* snapshot, ResolveSnapshot());
  if (snapshot == nullptr) return std::vector<FileScanTask>{};
  FLOE_ASSIGN_OR_RETURN(iceberg::Schema schema, ScanSchema());
  ExprPtr bound = iceberg::AlwaysTrue();
  if (filter_) {
    FLOE_ASSIGN_OR_RETURN(bound, iceberg::Bind(filter_, schema, case_sensitive_));
  }
  FLOE_ASSIGN_OR_RETURN(auto metrics_eval, iceberg::InclusiveMetricsEvaluator::Make(bound));
  std::map<int32_t, std::optional<iceberg::PartitionEvaluator>> partition_evals;

  FLOE_ASSIGN_OR_RETURN(auto manifests, ManifestsOf(*io_, *snapshot));
  std::vector<FileScanTask> tasks;
  std::vector<std::pair<iceberg::ManifestEntry, int32_t>> deletes;
  for (const auto& manifest : manifests) {
    FLOE_ASSIGN_OR_RETURN(auto bytes, io_->ReadFile(manifest.manifest_path));
    auto reader = iceberg::ManifestReader::Open(bytes);
    if (!reader) return reader.error().WithContext("reading manifest " + manifest.manifest_path);
    int32_t spec_id = (*reader)->partition_spec_id().value_or(manifest.partition_spec_id);
    auto entries = (*reader)->ReadEntries(manifest);
    if (!entries) return entries.error().WithContext("reading manifest " + manifest.manifest_path);
    const bool is_delete = (*reader)->content() == iceberg::ManifestContent::kDeletes;
    // Partition pruning with this manifest's spec (when the table still knows it).
    auto& eval = partition_evals[spec_id];
    if (!eval && !IsAlwaysTrue(bound)) {
      if (const iceberg::PartitionSpec* spec = metadata_->SpecById(spec_id)) {
        auto made = iceberg::PartitionEvaluator::Make(bound, *spec);
        if (made) eval.emplace(std::move(made).value());
      }
    }
    for (auto& entry : *entries) {
      if (!entry.is_live()) continue;
      if (is_delete || entry.data_file.content != DataFileContent::kData) {
        deletes.emplace_back(std::move(entry), spec_id);
        continue;
      }
      if (eval) {
        auto might = eval->MightMatch(entry.data_file.partition);
        if (might && !*might) continue;
      }
      if (!metrics_eval.MightMatch(FileMetricsOf(entry.data_file, schema))) continue;
      FileScanTask task;
      task.spec_id = spec_id;
      task.data_sequence_number = entry.sequence_number.value_or(0);
      task.file = std::move(entry.data_file);
      if (const iceberg::PartitionSpec* spec = metadata_->SpecById(spec_id)) {
        const auto& fields = spec->fields();
        for (size_t i = 0; i < fields.size() && i < task.file.partition.size(); ++i) {
          if (fields[i].transform().kind() == iceberg::TransformKind::kIdentity) {
            task.identity_values.emplace(fields[i].source_id(), task.file.partition[i]);
          }
        }
      }
      tasks.push_back(std::move(task));
    }
  }
  for (auto& task : tasks) {
    for (const auto& [d, spec_id] : deletes) {
      int64_t seq = d.sequence_number.value_or(0);
      bool applies = d.data_file.content == DataFileContent::kPositionDeletes
                         ? seq >= task.data_sequence_number
                         : seq > task.data_sequence_number;
      if (!applies || !SamePartition(d, spec_id, task, *metadata_)) continue;
      if (d.data_file.referenced_data_file &&
          *d.data_file.referenced_data_file != task.file.file_path) {
        continue;
      }
      task.deletes.push_back(d);
    }
  }
  return tasks;
}

Result<std::unique_ptr<columnar::BatchReader>> TableScan::Open() const {
  FLOE_ASSIGN_OR_RETURN(iceberg::Schema schema, ScanSchema());
  FLOE_ASSIGN_OR_RETURN(iceberg::Schema output, ProjectedSchema());
  ExprPtr bound = iceberg::AlwaysTrue();
  if (filter_) {
    FLOE_ASSIGN_OR_RETURN(bound, iceberg::Bind(filter_, schema, case_sensitive_));
  }
  FLOE_ASSIGN_OR_RETURN(auto tasks, PlanFiles());
  FLOE_ASSIGN_OR_RETURN(auto columnar_schema, iceberg::ToColumnarSchema(output));
  return std::unique_ptr<columnar::BatchReader>(
      new ScanReader(io_, std::move(tasks), std::move(schema), std::move(output), std::move(bound),
                     std::move(columnar_schema)));
}

iceberg::FileMetrics FileMetricsOf(const iceberg::DataFile& file, const iceberg::Schema& schema) {
  iceberg::FileMetrics m;
  m.record_count = file.record_count;
  m.value_counts.insert(file.value_counts.begin(), file.value_counts.end());
  m.null_value_counts.insert(file.null_value_counts.begin(), file.null_value_counts.end());
  m.nan_value_counts.insert(file.nan_value_counts.begin(), file.nan_value_counts.end());
  auto convert = [&](const std::map<int32_t, std::vector<uint8_t>>& in,
                     std::unordered_map<int32_t, Literal>& out) {
    for (const auto& [id, bytes] : in) {
      const iceberg::NestedField* field = schema.FindFieldById(id);
      if (field == nullptr || !field->type()->is_primitive()) continue;
      auto value = iceberg::DeserializeSingleValue(*field->type(), bytes);
      if (value) out.emplace(id, std::move(value).value());
    }
  };
  convert(file.lower_bounds, m.lower_bounds);
  convert(file.upper_bounds, m.upper_bounds);
  return m;
}

Result<std::unique_ptr<columnar::BatchReader>> ReadTask(std::shared_ptr<io::FileIO> io,
                                                        const FileScanTask& task,
                                                        const iceberg::Schema& read_schema,
                                                        const iceberg::ExprPtr& bound_filter) {
  FLOE_ASSIGN_OR_RETURN(auto reader,
                        TaskReader::Make(std::move(io), task, read_schema, read_schema, bound_filter));
  return std::unique_ptr<columnar::BatchReader>(std::move(reader));
}

}  // namespace floe::table
