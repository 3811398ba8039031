#include "floe/table/table.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <random>
#include <set>
#include <thread>

#include "floe/catalog/metadata_files.h"
#include "floe/columnar/kernels.h"
#include "floe/iceberg/row_evaluator.h"
#include "floe/core/logging.h"
#include "floe/core/uuid.h"
#include "floe/iceberg/expression_bind.h"
#include "floe/iceberg/manifest_list.h"
#include "floe/iceberg/manifest_reader.h"
#include "floe/iceberg/manifest_writer.h"
#include "floe/iceberg/metrics_evaluator.h"
#include "floe/iceberg/partition_evaluator.h"
#include "floe/iceberg/single_value.h"
#include "floe/table/table_properties.h"
#include "floe/table/table_scan.h"

namespace floe::table {
namespace {

using iceberg::DataFile;
using iceberg::ManifestEntry;
using iceberg::ManifestFile;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t RandomSnapshotId() {
  // Positive 63-bit ids from a UUID's bits, as Iceberg Java does.
  Uuid u = Uuid::Random();
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | u.bytes()[static_cast<size_t>(i)];
  for (int i = 8; i < 16; ++i) v ^= uint64_t{u.bytes()[static_cast<size_t>(i)]} << ((i - 8) * 8);
  int64_t id = static_cast<int64_t>(v & 0x7fffffffffffffffULL);
  return id == 0 ? 1 : id;
}

std::optional<int64_t> SummaryLong(const iceberg::Snapshot* s, const std::string& key) {
  if (s == nullptr) return 0;
  if (!s->summary()) return std::nullopt;
  auto it = s->summary()->find(key);
  if (it == s->summary()->end()) return std::nullopt;
  try {
    return std::stoll(it->second);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// A found live entry of the base snapshot that the operation removes.
struct RemovedFile {
  ManifestEntry entry;
};

}  // namespace

// Makes one snapshot out of added and removed data files, and commits it with retries.
class SnapshotProducer {
 public:
  SnapshotProducer(Table* table, std::string operation, std::vector<DataFile> added,
                   std::set<std::string> removed_paths, CommitOptions options)
      : table_(table),
        operation_(std::move(operation)),
        added_(std::move(added)),
        removed_paths_(std::move(removed_paths)),
        options_(std::move(options)),
        snapshot_id_(RandomSnapshotId()) {}

  Result<CommitResult> Commit() {
    const auto& props = table_->metadata();
    FLOE_ASSIGN_OR_RETURN(int64_t num_retries,
                          TableIntProperty(props, "commit.retry.num-retries", 4, 0));
    FLOE_ASSIGN_OR_RETURN(int64_t min_wait_ms,
                          TableIntProperty(props, "commit.retry.min-wait-ms", 100, 0));
    FLOE_ASSIGN_OR_RETURN(int64_t max_wait_ms,
                          TableIntProperty(props, "commit.retry.max-wait-ms", 60'000, 0));
    const int retries = options_.num_retries.value_or(static_cast<int>(num_retries));
    const int64_t min_wait = options_.min_wait_ms.value_or(min_wait_ms);
    const int64_t max_wait = options_.max_wait_ms.value_or(max_wait_ms);
    std::mt19937_64 rng(static_cast<uint64_t>(snapshot_id_));
    for (int attempt = 1;; ++attempt) {
      std::vector<std::string> attempt_files;
      auto prepared = Prepare(table_->metadata(), attempt, attempt_files);
      if (!prepared) {
        DeleteAll(attempt_files);
        DeleteAll(shared_files_);
        return prepared.error();
      }
      auto& [snapshot, requirements, updates] = *prepared;
      auto committed = table_->catalog().CommitTable(table_->id(), requirements, updates);
      if (committed) {
        table_->loaded_ = std::move(committed).value();
        CommitResult result{snapshot, added_, {}, attempt};
        for (const auto& r : removed_) result.removed_files.push_back(r.entry.data_file);
        return result;
      }
      const Error& error = committed.error();
      if (error.kind() == ErrorKind::kCommitStateUnknown) {
        // Did it land? Only a reload can tell; until then nothing may be deleted.
        if (table_->Refresh()) {
          if (table_->metadata().SnapshotById(snapshot_id_) != nullptr) {
            CommitResult result{snapshot, added_, {}, attempt};
            for (const auto& r : removed_) result.removed_files.push_back(r.entry.data_file);
            return result;
          }
          // It did not land: as safe to retry as a lost race (Iceberg Java does the same).
          DeleteAll(attempt_files);
          if (attempt > retries) {
            DeleteAll(shared_files_);
            return CommitFailed("commit to {} did not land (its state was unknown: {})",
                                table_->id().full_name(), error.message())
                .WithRetryCount(attempt - 1);
          }
        } else {
          return error;
        }
      }
      DeleteAll(attempt_files);
      if (error.kind() != ErrorKind::kCommitFailed &&
          error.kind() != ErrorKind::kCommitStateUnknown) {
        DeleteAll(shared_files_);
        return error.WithRetryCount(attempt - 1);
      }
      if (attempt > retries) {
        DeleteAll(shared_files_);
        return error.WithRetryCount(attempt - 1);
      }
      const double base = std::min<double>(static_cast<double>(max_wait),
                                           static_cast<double>(min_wait) * std::pow(2.0, attempt - 1));
      std::uniform_real_distribution<double> jitter(0.5, 1.0);
      auto wait = std::chrono::milliseconds(static_cast<int64_t>(base * jitter(rng)));
      Log().info("commit to {} lost a race (attempt {}), retrying in {} ms",
                 table_->id().full_name(), attempt, wait.count());
      std::this_thread::sleep_for(wait);
      FLOE_RETURN_IF_ERROR(table_->Refresh());
      if (options_.before_retry) {
        if (auto checked = options_.before_retry(attempt, table_->metadata()); !checked) {
          DeleteAll(shared_files_);
          return checked.error().WithRetryCount(attempt);
        }
      }
    }
  }

 private:
  using Prepared = std::tuple<iceberg::Snapshot, std::vector<iceberg::TableRequirement>,
                              std::vector<iceberg::TableUpdate>>;

  void DeleteAll(std::vector<std::string>& files) {
    for (const auto& f : files) {
      if (auto deleted = table_->io()->DeleteFile(f); !deleted) {
        Log().warn("could not remove unused file {}: {}", f, deleted.error().message());
      }
    }
    files.clear();
  }

  Result<ManifestFile> WriteManifest(const iceberg::TableMetadata& base,
                                     const iceberg::PartitionSpec& spec,
                                     const std::function<Status(iceberg::ManifestWriter&)>& fill,
                                     std::vector<std::string>& written) {
    std::vector<uint8_t> bytes;
    FLOE_ASSIGN_OR_RETURN(auto writer,
                          iceberg::ManifestWriter::Make(base.current_schema(), spec,
                                                        avro::SinkTo(&bytes),
                                                        {.format_version = base.format_version(),
                                                         .snapshot_id = snapshot_id_}));
    FLOE_RETURN_IF_ERROR(fill(*writer));
    std::string path = fmt::format("{}/{}-m{}.avro", catalog::MetadataFolder(base),
                                   Uuid::Random().ToString(), manifest_count_++);
    FLOE_ASSIGN_OR_RETURN(ManifestFile manifest, writer->Close(path));
    manifest.manifest_length = static_cast<int64_t>(bytes.size());
    FLOE_RETURN_IF_ERROR(table_->io()->WriteFile(path, bytes));
    written.push_back(path);
    return manifest;
  }

  Result<Prepared> Prepare(const iceberg::TableMetadata& base, int attempt,
                           std::vector<std::string>& attempt_files) {
    const iceberg::Snapshot* parent = base.current_snapshot();
    const bool v2 = base.format_version() >= 2;
    const int64_t sequence_number = v2 ? base.last_sequence_number() + 1 : 0;

    // The new files' manifest is written once and reused by every attempt.
    if (!added_.empty() && !added_manifest_) {
      FLOE_ASSIGN_OR_RETURN(added_manifest_,
                            WriteManifest(base, base.default_spec(), [&](iceberg::ManifestWriter& w) -> Status {
                              for (const auto& f : added_) FLOE_RETURN_IF_ERROR(w.WriteAdded(f));
                              return OkStatus();
                            }, shared_files_));
    }
    std::vector<ManifestFile> manifests;
    if (added_manifest_) manifests.push_back(*added_manifest_);

    // The parent's manifests: kept as they are, or rewritten without the removed files.
    removed_.clear();
    std::set<std::string> found;
    if (parent != nullptr) {
      std::vector<ManifestFile> parent_manifests;
      if (parent->manifest_list()) {
        FLOE_ASSIGN_OR_RETURN(auto bytes, table_->io()->ReadFile(*parent->manifest_list()));
        FLOE_ASSIGN_OR_RETURN(auto list, iceberg::ManifestListReader::Open(bytes));
        FLOE_ASSIGN_OR_RETURN(parent_manifests, list->ReadAll());
      } else if (parent->manifests()) {
        return NotSupported("table {}: committing on a format v1 snapshot without a manifest list",
                            table_->id().full_name());
      }
      for (const auto& m : parent_manifests) {
        if (removed_paths_.empty() || m.content != iceberg::ManifestContent::kData) {
          manifests.push_back(m);
          continue;
        }
        FLOE_ASSIGN_OR_RETURN(auto bytes, table_->io()->ReadFile(m.manifest_path));
        FLOE_ASSIGN_OR_RETURN(auto reader, iceberg::ManifestReader::Open(bytes));
        FLOE_ASSIGN_OR_RETURN(auto entries, reader->ReadEntries(m));
        bool hit = false;
        for (const auto& e : entries) {
          if (e.is_live() && removed_paths_.contains(e.data_file.file_path)) hit = true;
        }
        if (!hit) {
          manifests.push_back(m);
          continue;
        }
        const iceberg::PartitionSpec* spec = base.SpecById(m.partition_spec_id);
        if (spec == nullptr) {
          return CorruptFile("manifest {} names partition spec {}, which the table lacks",
                             m.manifest_path, m.partition_spec_id);
        }
        FLOE_ASSIGN_OR_RETURN(auto rewritten,
                              WriteManifest(base, *spec, [&](iceberg::ManifestWriter& w) -> Status {
                                for (const auto& e : entries) {
                                  if (!e.is_live()) continue;
                                  const int64_t seq = e.sequence_number.value_or(0);
                                  const int64_t file_seq = e.file_sequence_number.value_or(seq);
                                  if (removed_paths_.contains(e.data_file.file_path)) {
                                    found.insert(e.data_file.file_path);
                                    removed_.push_back({e});
                                    FLOE_RETURN_IF_ERROR(w.WriteDeleted(e.data_file, seq, file_seq));
                                  } else {
                                    FLOE_RETURN_IF_ERROR(w.WriteExisting(
                                        e.data_file, e.snapshot_id.value_or(m.added_snapshot_id),
                                        seq, file_seq));
                                  }
                                }
                                return OkStatus();
                              }, attempt_files));
        manifests.push_back(std::move(rewritten));
      }
    }
    for (const auto& path : removed_paths_) {
      if (!found.contains(path)) {
        return CommitFailed(
            "table {}: data file {} is no longer in the table (a concurrent commit removed it)",
            table_->id().full_name(), path);
      }
    }

    // The manifest list.
    std::vector<uint8_t> list_bytes;
    FLOE_ASSIGN_OR_RETURN(auto list_writer, iceberg::ManifestListWriter::Make(
                                                avro::SinkTo(&list_bytes),
                                                {.format_version = base.format_version(),
                                                 .snapshot_id = snapshot_id_,
                                                 .parent_snapshot_id = parent ? std::optional(parent->snapshot_id())
                                                                              : std::nullopt,
                                                 .sequence_number = sequence_number}));
    for (const auto& m : manifests) FLOE_RETURN_IF_ERROR(list_writer->Add(m));
    FLOE_RETURN_IF_ERROR(list_writer->Close());
    std::string list_path = fmt::format("{}/snap-{}-{}-{}.avro", catalog::MetadataFolder(base),
                                        snapshot_id_, attempt, Uuid::Random().ToString());
    FLOE_RETURN_IF_ERROR(table_->io()->WriteFile(list_path, list_bytes));
    attempt_files.push_back(list_path);

    // The summary (spec "Snapshot Summary"), totals carried from the parent's.
    std::map<std::string, std::string> summary = options_.summary;
    int64_t added_records = 0, added_size = 0, removed_records = 0, removed_size = 0;
    std::set<std::vector<uint8_t>> partitions;
    auto partition_key = [](const DataFile& f) {
      std::vector<uint8_t> key;
      for (const auto& v : f.partition) {
        auto bytes = v.is_null() ? Result<std::vector<uint8_t>>(std::vector<uint8_t>{0xff})
                                 : iceberg::SerializeSingleValue(v);
        if (bytes) key.insert(key.end(), bytes->begin(), bytes->end());
        key.push_back(0);
      }
      return key;
    };
    for (const auto& f : added_) {
      added_records += f.record_count;
      added_size += f.file_size_in_bytes;
      partitions.insert(partition_key(f));
    }
    for (const auto& r : removed_) {
      removed_records += r.entry.data_file.record_count;
      removed_size += r.entry.data_file.file_size_in_bytes;
      partitions.insert(partition_key(r.entry.data_file));
    }
    summary["operation"] = operation_;
    if (!added_.empty()) {
      summary["added-data-files"] = std::to_string(added_.size());
      summary["added-records"] = std::to_string(added_records);
      summary["added-files-size"] = std::to_string(added_size);
    }
    if (!removed_.empty()) {
      summary["deleted-data-files"] = std::to_string(removed_.size());
      summary["deleted-records"] = std::to_string(removed_records);
      summary["removed-files-size"] = std::to_string(removed_size);
    }
    summary["changed-partition-count"] = std::to_string(partitions.size());
    auto total = [&](const std::string& key, int64_t delta) {
      if (auto before = SummaryLong(parent, key)) summary[key] = std::to_string(*before + delta);
    };
    total("total-records", added_records - removed_records);
    total("total-files-size", added_size - removed_size);
    total("total-data-files",
          static_cast<int64_t>(added_.size()) - static_cast<int64_t>(removed_.size()));
    total("total-delete-files", 0);
    total("total-position-deletes", 0);
    total("total-equality-deletes", 0);

    iceberg::Snapshot::Fields fields;
    fields.snapshot_id = snapshot_id_;
    if (parent) fields.parent_snapshot_id = parent->snapshot_id();
    if (v2) fields.sequence_number = sequence_number;
    fields.timestamp_ms = std::max(NowMs(), base.last_updated_ms());
    fields.manifest_list = list_path;
    fields.summary = std::move(summary);
    fields.schema_id = base.current_schema().schema_id();
    FLOE_ASSIGN_OR_RETURN(auto snapshot, iceberg::Snapshot::Make(std::move(fields)));

    std::vector<iceberg::TableRequirement> requirements;
    if (base.table_uuid()) requirements.push_back(iceberg::AssertTableUuid{*base.table_uuid()});
    requirements.push_back(iceberg::AssertRefSnapshotId{
        "main", parent ? std::optional(parent->snapshot_id()) : std::nullopt});
    std::vector<iceberg::TableUpdate> updates;
    updates.push_back(iceberg::AddSnapshotUpdate{snapshot});
    updates.push_back(iceberg::SetSnapshotRefUpdate{"main", iceberg::SnapshotRef::Branch(snapshot_id_)});
    return Prepared{std::move(snapshot), std::move(requirements), std::move(updates)};
  }

  Table* table_;
  std::string operation_;
  std::vector<DataFile> added_;
  std::set<std::string> removed_paths_;
  CommitOptions options_;
  int64_t snapshot_id_;
  std::optional<ManifestFile> added_manifest_;
  // Files every attempt uses (the new files' manifest): removed only when the commit fails.
  std::vector<std::string> shared_files_;
  std::vector<RemovedFile> removed_;
  int manifest_count_ = 0;
};

Result<Table> Table::Load(catalog::Catalog& catalog, const iceberg::TableIdentifier& id) {
  FLOE_ASSIGN_OR_RETURN(auto loaded, catalog.LoadTable(id));
  return Table(&catalog, std::move(loaded));
}

Status Table::Refresh() {
  FLOE_ASSIGN_OR_RETURN(loaded_, catalog_->LoadTable(loaded_.id));
  return OkStatus();
}

Result<std::unique_ptr<DataWriter>> Table::NewDataWriter(DataWriterOptions options) const {
  return DataWriter::Make(metadata(), io(), std::move(options));
}

Result<CommitResult> Table::Append(std::vector<DataFile> files, CommitOptions options) {
  for (const auto& f : files) FLOE_RETURN_IF_ERROR(f.Validate());
  SnapshotProducer producer(this, std::string(iceberg::kOperationAppend), std::move(files), {},
                            std::move(options));
  return producer.Commit();
}

Status Table::CommitUpdates(std::vector<iceberg::TableRequirement> requirements,
                            std::vector<iceberg::TableUpdate> updates) {
  FLOE_ASSIGN_OR_RETURN(loaded_, catalog_->CommitTable(id(), requirements, updates));
  return OkStatus();
}

TableScan Table::NewScan() const { return TableScan(shared_metadata(), io()); }

Result<CommitResult> Table::Overwrite(const iceberg::ExprPtr& filter, std::vector<DataFile> files,
                                      CommitOptions options) {
  for (const auto& f : files) FLOE_RETURN_IF_ERROR(f.Validate());
  const iceberg::Schema& schema = this->schema();
  iceberg::ExprPtr bound = iceberg::AlwaysTrue();
  if (filter) {
    FLOE_ASSIGN_OR_RETURN(bound, iceberg::Bind(filter, schema));
  }
  const bool everything = bound->op() == iceberg::Operation::kTrue;

  // Which live files the filter touches: whole files go, partly matching ones are rewritten.
  std::set<std::string> removed;
  std::vector<FileScanTask> rewrite;
  if (bound->op() != iceberg::Operation::kFalse) {
    FLOE_ASSIGN_OR_RETURN(auto tasks, TableScan(shared_metadata(), io()).Filter(bound).PlanFiles());
    FLOE_ASSIGN_OR_RETURN(auto strict, iceberg::StrictMetricsEvaluator::Make(bound));
    for (auto& task : tasks) {
      bool all = everything;
      if (!all && task.deletes.empty()) {
        if (const iceberg::PartitionSpec* spec = metadata().SpecById(task.spec_id)) {
          auto eval = iceberg::PartitionEvaluator::Make(bound, *spec);
          if (eval) {
            auto all_match = eval->AllMatch(task.file.partition);
            all = all_match && *all_match;
          }
        }
        if (!all) {
          all = strict.AllMatch(FileMetricsOf(task.file, schema));
        }
      }
      removed.insert(task.file.file_path);
      if (!all || !task.deletes.empty()) {
        if (!everything) rewrite.push_back(std::move(task));
      }
    }
  }
  // Rewrite partly matching files: their rows that do not match (deletes applied).
  std::unique_ptr<DataWriter> writer;
  if (!rewrite.empty()) {
    FLOE_ASSIGN_OR_RETURN(writer, NewDataWriter());
    for (const auto& task : rewrite) {
      // Rows where the filter is null (a comparison with a null column) do not match it and
      // must be kept: read them with "not filter or filter is unknown" = rows the filter rejects.
      FLOE_ASSIGN_OR_RETURN(auto reader, ReadTask(io(), task, schema, iceberg::AlwaysTrue()));
      FLOE_ASSIGN_OR_RETURN(auto eval, iceberg::RowEvaluator::Make(bound));
      while (true) {
        FLOE_ASSIGN_OR_RETURN(auto batch, reader->Next());
        if (!batch) break;
        FLOE_ASSIGN_OR_RETURN(auto match, eval.Evaluate(*batch));
        for (auto& m : match) m = m ? 0 : 1;
        FLOE_ASSIGN_OR_RETURN(auto kept, columnar::Filter(*batch, match));
        FLOE_RETURN_IF_ERROR(writer->Write(kept));
      }
    }
    FLOE_ASSIGN_OR_RETURN(auto rewritten, writer->Close());
    files.insert(files.end(), rewritten.begin(), rewritten.end());
  }
  std::string operation(files.empty() ? iceberg::kOperationDelete : iceberg::kOperationOverwrite);
  if (removed.empty() && !files.empty()) operation = std::string(iceberg::kOperationAppend);
  SnapshotProducer producer(this, operation, files, std::move(removed), std::move(options));
  auto result = producer.Commit();
  if (!result && writer && result.error().kind() != ErrorKind::kCommitStateUnknown) {
    writer->Abort();
  }
  return result;
}

}  // namespace floe::table
