#include "floe/io_manager/io_manager.h"

#include <fmt/format.h>

#include <filesystem>
#include <functional>

#include "floe/catalog/catalog_factory.h"
#include "floe/catalog/sql_catalog.h"
#include "floe/core/logging.h"
#include "floe/core/state_machine.h"
#include "floe/iceberg/columnar_schema.h"
#include "floe/iceberg/expression_bind.h"
#include "floe/iceberg/row_evaluator.h"
#include "floe/iceberg/schema_evolution.h"
#include "floe/iceberg/schema_text.h"
#include "floe/io_manager/partition_filter.h"
#include "floe/table/data_writer.h"
#include "floe/table/table.h"
#include "floe/table/table_scan.h"

namespace floe::iceberg {
namespace {

// Drives one write's state machine and logs each move with the table and the attempt.
class WriteTracker {
 public:
  WriteTracker(WriteStateMachine* external, std::string table)
      : own_("write " + table, WriteState::kPending),
        machine_(external != nullptr ? external : &own_),
        table_(std::move(table)) {}

  int attempt() const { return attempt_; }
  WriteState state() const { return machine_->state(); }
  void set_attempt(int attempt) { attempt_ = attempt; }

  Status Move(WriteState to, std::string_view why = {}) {
    const WriteState from = machine_->state();
    FLOE_RETURN_IF_ERROR(machine_->TransitionTo(to));
    const auto level = to == WriteState::kRetrying || to == WriteState::kFailed
                           ? spdlog::level::warn
                           : spdlog::level::info;
    Log().log(level, "write to {}: {} -> {} (attempt {}){}{}", table_, StateName(from),
              StateName(to), attempt_, why.empty() ? "" : ": ", why);
    return OkStatus();
  }

  // Moves to Failed (when not final yet) and returns `error` with the table named.
  Error Fail(const Error& error) {
    if (!IsFinal(machine_->state())) (void)Move(WriteState::kFailed, error.ToString());
    return error.WithTable(table_);
  }

 private:
  WriteStateMachine own_;
  WriteStateMachine* machine_;
  std::string table_;
  int attempt_ = 1;
};

Status EnsureNamespace(catalog::Catalog& catalog, const TableIdentifier& id) {
  const catalog::Namespace& ns = id.namespace_levels();
  if (ns.empty()) return OkStatus();
  FLOE_ASSIGN_OR_RETURN(bool exists, catalog.NamespaceExists(ns));
  if (exists) return OkStatus();
  auto created = catalog.CreateNamespace(ns, {});
  // Another writer may have created it meanwhile.
  if (!created && created.error().kind() != ErrorKind::kAlreadyExists) return created.error();
  return OkStatus();
}

// Loads the table, or creates it from `incoming` and the output's partition expression.
Result<table::Table> LoadOrCreate(catalog::Catalog& catalog, const TableIdentifier& id,
                                  const Schema& incoming, const OutputMetadata& meta,
                                  bool* created) {
  auto loaded = table::Table::Load(catalog, id);
  if (loaded || loaded.error().kind() != ErrorKind::kNotFound) return loaded;
  catalog::CreateTableOptions options;
  options.properties = meta.table_properties;
  if (meta.partition_expression &&
      meta.partition_expression->find_first_not_of(" \t") != std::string::npos) {
    FLOE_ASSIGN_OR_RETURN(auto transforms, ParsePartitionExpression(*meta.partition_expression));
    FLOE_ASSIGN_OR_RETURN(options.spec, MakePartitionSpec(incoming, transforms));
  }
  auto made = catalog.CreateTable(id, incoming, options);
  if (made) {
    *created = true;
    return table::Table(&catalog, std::move(made).value());
  }
  // Another writer created it first: write into theirs.
  if (made.error().kind() == ErrorKind::kAlreadyExists) return table::Table::Load(catalog, id);
  return made.error();
}

// What an evolution would change, one phrase per column.
std::string DescribeEvolution(const EvolutionPlan& plan) {
  std::vector<std::string> parts;
  for (const auto& a : plan.added) {
    parts.push_back(fmt::format("column '{}' is new ({})", a.name, a.type->ToString()));
  }
  for (const auto& p : plan.promoted) {
    parts.push_back(fmt::format("column '{}' would change {} to {}", p.name, p.from->ToString(),
                                p.to->ToString()));
  }
  for (const auto& o : plan.made_optional) {
    parts.push_back(fmt::format("column '{}' would become optional", o.name));
  }
  return fmt::format("{}", fmt::join(parts, "; "));
}

// Whether data files written with `written` (and spec `spec_id`) can still be committed to a
// table whose metadata is now `now`: every required column is in them, no column they hold was
// changed to a type theirs cannot be read as, and their spec still exists (and, with
// `same_default_spec`, is still the default one: a commit planned afresh writes its new files'
// manifest for the default spec).
Status CheckFilesStillFit(const Schema& written, int32_t spec_id, const TableMetadata& now,
                          bool same_default_spec) {
  std::vector<std::string> problems;
  if (now.SpecById(spec_id) == nullptr) {
    problems.push_back(fmt::format("partition spec {} is gone", spec_id));
  } else if (same_default_spec && now.default_spec().spec_id() != spec_id) {
    problems.push_back(fmt::format("the partition spec changed from {} to {}", spec_id,
                                   now.default_spec().spec_id()));
  }
  const Schema& current = now.current_schema();
  std::function<void(const std::vector<NestedField>&)> walk = [&](const auto& fields) {
    for (const auto& f : fields) {
      const NestedField* w = written.FindFieldById(f.id());
      const std::string name = current.FindColumnName(f.id());
      if (w == nullptr) {
        if (f.required()) problems.push_back(fmt::format("column '{}' is required now", name));
        continue;
      }
      if (f.required() && w->optional()) {
        problems.push_back(fmt::format("column '{}' became required", name));
      }
      if (w->type()->is_primitive() != f.type()->is_primitive() ||
          (f.type()->is_primitive() && !(*w->type() == *f.type()) &&
           !IsPromotionAllowed(*w->type(), *f.type()))) {
        problems.push_back(fmt::format("column '{}' changed from {} to {}", name,
                                       w->type()->ToString(), f.type()->ToString()));
      }
      if (const auto* st = dynamic_cast<const StructType*>(f.type().get())) walk(st->fields());
    }
  };
  walk(current.fields());
  if (problems.empty()) return OkStatus();
  return CommitFailed("the table changed under this write and its data files no longer fit: {}",
                      fmt::join(problems, "; "));
}

// The batch's columns without field ids: the IO manager matches columns by name.
Result<columnar::RecordBatch> WithoutFieldIds(const columnar::RecordBatch& batch) {
  bool any = false;
  for (const auto& f : batch.schema().fields()) any |= f.field_id().has_value();
  if (!any) return batch;
  return columnar::RecordBatch::Make(batch.schema().WithoutFieldIds(), batch.columns(),
                                     batch.num_rows());
}

}  // namespace

IcebergIOManager::IcebergIOManager(IcebergIOManagerConfig config, catalog::Catalog& catalog)
    : config_(std::move(config)),
      catalog_(std::shared_ptr<catalog::Catalog>(&catalog, [](catalog::Catalog*) {})) {}

Result<std::unique_ptr<IcebergIOManager>> IcebergIOManager::Open(IcebergIOManagerConfig config) {
  const std::string& uri = config.catalog_uri();
  if (uri.starts_with("http://") || uri.starts_with("https://")) {
    return NotSupported(
        "catalog_uri '{}' is a REST catalog, which floe cannot open yet (floe-polaris is not "
        "built); use an empty catalog_uri or sqlite:///path/catalog.db for the embedded catalog",
        uri);
  }
  std::string path;
  if (uri.empty()) {
    path = (std::filesystem::path(config.warehouse()) / "catalog.db").string();
  } else {
    FLOE_ASSIGN_OR_RETURN(path, catalog::SqlitePathFromUri(uri));
  }
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return IoError("cannot create folder {}: {}", parent.string(), ec.message());
  if (config.warehouse().find("://") == std::string::npos) {
    std::filesystem::create_directories(config.warehouse(), ec);
    if (ec) return IoError("cannot create warehouse {}: {}", config.warehouse(), ec.message());
  }
  FLOE_ASSIGN_OR_RETURN(auto sql,
                        catalog::SqlCatalog::Open({.path = path, .warehouse = config.warehouse()}));
  return std::make_unique<IcebergIOManager>(std::move(config),
                                            std::shared_ptr<catalog::Catalog>(std::move(sql)));
}

Result<TableIdentifier> IcebergIOManager::TableFor(
    const std::vector<std::string>& asset_key) const {
  if (asset_key.empty()) return InvalidArgument("asset key is empty");
  return TableIdentifier::FromAssetKey(asset_key, config_.default_namespace());
}

Result<MaterializationMetadata> IcebergIOManager::HandleOutput(const OutputContext& context,
                                                               columnar::BatchReader& batches) {
  FLOE_ASSIGN_OR_RETURN(TableIdentifier id, TableFor(context.asset_key));
  const std::string name = id.full_name();
  WriteTracker tracker(context.state, name);
  const WriteMode mode = context.metadata.write_mode.value_or(config_.write_mode());
  const polaris::RetryConfig& retry = config_.retry();

  // Validating: the table, and the data's schema against it.
  FLOE_RETURN_IF_ERROR(tracker.Move(WriteState::kValidating));
  auto incoming = FromColumnarSchema(batches.schema());
  if (!incoming) return tracker.Fail(incoming.error().WithContext("the data's schema"));
  if (auto ns = EnsureNamespace(*catalog_, id); !ns) return tracker.Fail(ns.error());
  bool created = false;
  auto opened = LoadOrCreate(*catalog_, id, *incoming, context.metadata, &created);
  if (!opened) return tracker.Fail(opened.error());
  table::Table table = std::move(opened).value();
  if (created) Log().info("write to {}: created the table", name);

  bool evolved = false;
  for (int attempt = 1;; ++attempt) {
    auto plan = UnionByName(table.schema(), *incoming, table.metadata().last_column_id());
    if (!plan) {
      return tracker.Fail(
          InvalidArgument("table {}: the data cannot be written, its schema is incompatible: {}",
                          name, plan.error().message()));
    }
    if (plan->empty()) break;
    const bool structural = !plan->added.empty() || !plan->promoted.empty();
    if (!config_.schema_evolution_enabled()) {
      if (!structural) break;  // optional data into a required column: checked row by row
      return tracker.Fail(InvalidArgument(
          "table {}: the data's schema differs and schema evolution is disabled: {}", name,
          DescribeEvolution(*plan)));
    }
    if (attempt == 1) {
      FLOE_RETURN_IF_ERROR(tracker.Move(WriteState::kEvolvingSchema, DescribeEvolution(*plan)));
    }
    std::vector<TableRequirement> requirements{AssertCurrentSchemaId{table.schema().schema_id()}};
    std::vector<TableUpdate> updates{AddSchemaUpdate{plan->schema, plan->last_column_id},
                                     SetCurrentSchemaUpdate{kLastAdded}};
    auto committed = table.CommitUpdates(std::move(requirements), std::move(updates));
    if (committed) {
      evolved = true;
      Log().info("write to {}: schema evolved to id {}: {}", name, table.schema().schema_id(),
                 DescribeEvolution(*plan));
      break;
    }
    const ErrorKind kind = committed.error().kind();
    if ((kind != ErrorKind::kCommitFailed && kind != ErrorKind::kCommitStateUnknown) ||
        attempt >= retry.max_attempts()) {
      return tracker.Fail(committed.error().WithRetryCount(attempt - 1));
    }
    // Another writer changed the schema first (or the outcome is unknown): plan again on theirs.
    Log().warn("write to {}: schema update attempt {} did not land ({}); reloading", name, attempt,
               committed.error().ToString());
    if (auto refreshed = table.Refresh(); !refreshed) return tracker.Fail(refreshed.error());
  }

  // Writing: conform, check the partition, fan out into data files.
  FLOE_RETURN_IF_ERROR(tracker.Move(WriteState::kWriting));
  const Schema written_schema = table.schema();
  const int32_t spec_id = table.metadata().default_spec().spec_id();
  std::optional<std::string> key_text;
  ExprPtr partition_filter;
  std::optional<RowEvaluator> in_partition;
  if (context.partition_key) {
    key_text = PartitionKeyText(*context.partition_key);
    auto pf =
        PartitionRowFilter(*context.partition_key, written_schema, table.metadata().default_spec(),
                           context.metadata.partition_column);
    if (!pf) return tracker.Fail(pf.error().WithContext(fmt::format("table {}", name)));
    partition_filter = pf->filter;
    auto bound = Bind(pf->filter, written_schema);
    if (!bound) {
      return tracker.Fail(
          bound.error().WithContext(fmt::format("table {}: partition key '{}'", name, *key_text)));
    }
    auto eval = RowEvaluator::Make(*bound);
    if (!eval) return tracker.Fail(eval.error());
    in_partition.emplace(std::move(eval).value());
  }
  auto made_writer = table.NewDataWriter();
  if (!made_writer) return tracker.Fail(made_writer.error());
  std::unique_ptr<table::DataWriter> writer = std::move(made_writer).value();
  int64_t rows = 0;
  auto write_all = [&]() -> Status {
    while (true) {
      FLOE_ASSIGN_OR_RETURN(auto next, batches.Next());
      if (!next) return OkStatus();
      if (next->num_rows() == 0) continue;
      FLOE_ASSIGN_OR_RETURN(auto by_name, WithoutFieldIds(*next));
      auto conformed = table::ConformBatch(by_name, written_schema);
      if (!conformed) return conformed.error().WithContext(fmt::format("table {}", name));
      if (in_partition) {
        FLOE_ASSIGN_OR_RETURN(auto match, in_partition->Evaluate(*conformed));
        int64_t outside = 0, first = -1;
        for (size_t i = 0; i < match.size(); ++i) {
          if (match[i]) continue;
          if (first < 0) first = static_cast<int64_t>(i);
          ++outside;
        }
        if (outside > 0) {
          return InvalidArgument(
              "table {}: {} row(s) fall outside partition '{}' ({}), e.g. row {} of a batch; "
              "nothing was written",
              name, outside, *key_text, partition_filter->ToString(), rows + first);
        }
      }
      FLOE_RETURN_IF_ERROR(writer->Write(*conformed));
      rows += conformed->num_rows();
    }
  };
  if (auto wrote = write_all(); !wrote) {
    writer->Abort();
    return tracker.Fail(wrote.error());
  }
  auto closed = writer->Close();
  if (!closed) return tracker.Fail(closed.error());  // Close removed what it wrote
  std::vector<DataFile> files = std::move(closed).value();
  Log().info("write to {}: {} row(s) in {} data file(s)", name, rows, files.size());

  // Committing, with retries in the table's commit loop.
  table::CommitOptions options;
  if (!context.run_id.empty()) options.summary[kRunIdProperty] = context.run_id;
  if (key_text) options.summary[kPartitionKeyProperty] = *key_text;
  options.summary[kWriteModeProperty] = std::string(WriteModeName(mode));
  options.num_retries = retry.max_attempts() - 1;
  options.min_wait_ms = static_cast<int64_t>(retry.initial_wait_seconds() * 1000);
  options.max_wait_ms = static_cast<int64_t>(retry.max_wait_seconds() * 1000);
  bool refused = false;  // the files no longer fit the table: never retried
  options.before_retry = [&](int failed_attempt, const TableMetadata& refreshed) -> Status {
    FLOE_RETURN_IF_ERROR(
        tracker.Move(WriteState::kRetrying, "another commit won (or this one did not land)"));
    if (auto fit = CheckFilesStillFit(written_schema, spec_id, refreshed, false); !fit) {
      refused = true;
      return fit.error();
    }
    tracker.set_attempt(failed_attempt + 1);
    return tracker.Move(WriteState::kWriting, "rebased on the reloaded table");
  };
  Result<table::CommitResult> result = mode == WriteMode::kAppend
                                           ? table.Append(files, options)
                                           : table.Overwrite(partition_filter, files, options);
  // An overwrite whose replaced files another commit removed meanwhile (the same partition
  // written twice at once) cannot be rebased: plan it again on the reloaded table, with the same
  // data files. A commit loop that ran out of attempts says so in its retry count.
  for (int replan = 1; mode == WriteMode::kOverwrite && !result && !refused &&
                       result.error().kind() == ErrorKind::kCommitFailed &&
                       result.error().detail().retry_count() < *options.num_retries &&
                       replan < retry.max_attempts();
       ++replan) {
    const Error conflict = result.error();
    FLOE_RETURN_IF_ERROR(tracker.Move(WriteState::kRetrying, conflict.message()));
    if (auto refreshed = table.Refresh(); !refreshed) {
      result = refreshed.error();
      break;
    }
    if (auto fit = CheckFilesStillFit(written_schema, spec_id, table.metadata(), true); !fit) {
      result = fit.error();
      break;
    }
    tracker.set_attempt(tracker.attempt() + 1);
    FLOE_RETURN_IF_ERROR(tracker.Move(WriteState::kWriting, "overwrite planned again"));
    result = table.Overwrite(partition_filter, files, options);
  }
  if (!result) {
    // A commit that certainly failed leaves no files behind; one whose state is unknown may
    // have landed, so its files stay.
    if (result.error().kind() != ErrorKind::kCommitStateUnknown) writer->Abort();
    if (result.error().kind() == ErrorKind::kCommitFailed && !refused &&
        tracker.state() == WriteState::kWriting) {
      // Out of attempts: the seed's Retrying -max retries-> Failed.
      (void)tracker.Move(WriteState::kRetrying, "no attempts left");
    }
    return tracker.Fail(result.error());
  }
  FLOE_RETURN_IF_ERROR(tracker.Move(WriteState::kCommitted,
                                    fmt::format("snapshot {}", result->snapshot.snapshot_id())));
  return MaterializationMetadata::Make({.table = name,
                                        .num_rows = rows,
                                        .snapshot_id = result->snapshot.snapshot_id(),
                                        .write_mode = mode,
                                        .partition_key = key_text,
                                        .schema_evolved = evolved});
}

Result<std::unique_ptr<columnar::BatchReader>> IcebergIOManager::LoadInput(
    const InputContext& context) {
  FLOE_ASSIGN_OR_RETURN(TableIdentifier id, TableFor(context.asset_key));
  auto loaded = table::Table::Load(*catalog_, id);
  if (!loaded) {
    if (loaded.error().kind() == ErrorKind::kNotFound) {
      return NotFound("asset {}: table {} does not exist (materialize the asset first)",
                      fmt::join(context.asset_key, "/"), id.full_name());
    }
    return loaded.error();
  }
  table::TableScan scan = loaded->NewScan();
  if (context.snapshot_id) scan.UseSnapshot(*context.snapshot_id);
  FLOE_ASSIGN_OR_RETURN(Schema schema, scan.ScanSchema());
  if (context.columns && config_.column_projection_enabled()) {
    std::vector<std::string> unknown;
    for (const auto& c : *context.columns) {
      bool found = false;
      for (const auto& f : schema.fields()) found |= f.name() == c;
      if (!found) unknown.push_back("'" + c + "'");
    }
    if (!unknown.empty()) {
      std::vector<std::string> have;
      for (const auto& f : schema.fields()) have.push_back(f.name());
      return InvalidArgument("table {} has no column {} (its columns: {})", id.full_name(),
                             fmt::join(unknown, ", "), fmt::join(have, ", "));
    }
    scan.Select(*context.columns);
  }
  if (context.partition_key) {
    FLOE_ASSIGN_OR_RETURN(
        auto pf, PartitionRowFilter(*context.partition_key, schema,
                                    loaded->metadata().default_spec(), context.partition_column));
    scan.Filter(pf.filter);
  }
  return scan.Open();
}

}  // namespace floe::iceberg
