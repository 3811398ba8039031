#include "floe/cli/demo.h"

#include <filesystem>
#include <map>

#include <fmt/ostream.h>
#include <nlohmann/json.hpp>

#include "floe/columnar/builder.h"
#include "floe/columnar/kernels.h"
#include "floe/format/text/table_printer.h"
#include "floe/iceberg/snapshot_info.h"
#include "floe/io_manager/io_manager.h"
#include "floe/table/table.h"

namespace floe::cli {
namespace {

using iceberg::IcebergIOManager;
using iceberg::MaterializationMetadata;

constexpr int64_t kDayMicros = 86'400'000'000LL;
constexpr int64_t kJan1Micros = 1'704'067'200'000'000LL;  // 2024-01-01T00:00:00Z
const char* const kUsers[] = {"ada", "grace", "linus", "barbara", "ken"};

// Raw events of one day: some without a user (the cleaning step drops them).
Result<columnar::RecordBatch> RawEvents(int day, int rows, int64_t first_id, double scale) {
  columnar::Int64Builder ids;
  columnar::TimestampBuilder ts("UTC");
  columnar::StringBuilder users;
  columnar::Float64Builder amounts;
  for (int i = 0; i < rows; ++i) {
    const int64_t id = first_id + i;
    FLOE_RETURN_IF_ERROR(ids.Append(id));
    FLOE_RETURN_IF_ERROR(ts.Append(kJan1Micros + day * kDayMicros + (i * kDayMicros) / rows));
    if (id % 17 == 0) {
      FLOE_RETURN_IF_ERROR(users.AppendNull());
    } else {
      FLOE_RETURN_IF_ERROR(users.Append(kUsers[id % 5]));
    }
    FLOE_RETURN_IF_ERROR(amounts.Append(scale * static_cast<double>((id * 37) % 100)));
  }
  columnar::Schema schema({columnar::Field("id", columnar::DataType::Int64(), false),
                           columnar::Field("ts", columnar::DataType::Timestamp("UTC"), false),
                           columnar::Field("user", columnar::DataType::String()),
                           columnar::Field("amount", columnar::DataType::Float64())});
  FLOE_ASSIGN_OR_RETURN(auto a, ids.Finish());
  FLOE_ASSIGN_OR_RETURN(auto b, ts.Finish());
  FLOE_ASSIGN_OR_RETURN(auto c, users.Finish());
  FLOE_ASSIGN_OR_RETURN(auto d, amounts.Finish());
  return columnar::RecordBatch::Make(schema, {a, b, c, d});
}

// The cleaning step: rows with a user, plus a column `large` (amount >= 90) when asked.
Result<columnar::RecordBatch> Clean(const columnar::RecordBatch& raw, bool add_large) {
  columnar::Int64Builder ids;
  columnar::TimestampBuilder ts("UTC");
  columnar::StringBuilder users;
  columnar::Float64Builder amounts;
  columnar::BooleanBuilder large;
  const auto& user = raw.column(raw.schema().GetFieldIndex("user"));
  auto id = raw.column(raw.schema().GetFieldIndex("id")).values<int64_t>();
  auto t = raw.column(raw.schema().GetFieldIndex("ts")).values<int64_t>();
  auto amount = raw.column(raw.schema().GetFieldIndex("amount")).values<double>();
  for (int64_t i = 0; i < raw.num_rows(); ++i) {
    if (user.IsNull(i)) continue;
    const auto k = static_cast<size_t>(i);
    FLOE_RETURN_IF_ERROR(ids.Append(id[k]));
    FLOE_RETURN_IF_ERROR(ts.Append(t[k]));
    FLOE_RETURN_IF_ERROR(users.Append(user.GetView(i)));
    FLOE_RETURN_IF_ERROR(amounts.Append(amount[k]));
    FLOE_RETURN_IF_ERROR(large.Append(amount[k] >= 90));
  }
  std::vector<columnar::Field> fields{columnar::Field("id", columnar::DataType::Int64(), false),
                                     columnar::Field("ts", columnar::DataType::Timestamp("UTC"), false),
                                     columnar::Field("user", columnar::DataType::String(), false),
                                     columnar::Field("amount", columnar::DataType::Float64())};
  FLOE_ASSIGN_OR_RETURN(auto a, ids.Finish());
  FLOE_ASSIGN_OR_RETURN(auto b, ts.Finish());
  FLOE_ASSIGN_OR_RETURN(auto c, users.Finish());
  FLOE_ASSIGN_OR_RETURN(auto d, amounts.Finish());
  std::vector<columnar::Array> columns{a, b, c, d};
  if (add_large) {
    fields.emplace_back("large", columnar::DataType::Boolean());
    FLOE_ASSIGN_OR_RETURN(auto e, large.Finish());
    columns.push_back(e);
  }
  return columnar::RecordBatch::Make(columnar::Schema(std::move(fields)), std::move(columns));
}

Result<columnar::RecordBatch> ReadAll(columnar::BatchReader& reader) {
  FLOE_ASSIGN_OR_RETURN(auto batches, reader.ReadAll());
  if (batches.empty()) return InvalidArgument("the input has no rows");
  return columnar::Concatenate(batches);
}

struct Materialization {
  std::string step;
  MaterializationMetadata metadata;
};

}  // namespace

Status RunDemo(const DemoOptions& options, std::ostream& out) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path warehouse = fs::absolute(options.warehouse, ec);
  if (ec) return IoError("cannot resolve warehouse path '{}': {}", options.warehouse, ec.message());
  fs::create_directories(warehouse, ec);
  if (ec) return IoError("cannot create warehouse '{}': {}", warehouse.string(), ec.message());

  FLOE_ASSIGN_OR_RETURN(auto config, iceberg::IcebergIOManagerConfig::Make(
                                         {.catalog_uri = "sqlite:///" + (warehouse / "catalog.db").string(),
                                          .warehouse = warehouse.string(),
                                          .default_namespace = "demo"}));
  FLOE_ASSIGN_OR_RETURN(auto io, IcebergIOManager::Open(config));
  const std::vector<std::string> raw_key{"bronze", "raw_events"};
  const std::vector<std::string> clean_key{"silver", "events_clean"};
  const std::vector<std::string> daily_key{"daily_totals"};
  // Each run tells the same story: the demo's tables start afresh.
  for (const auto& key : {raw_key, clean_key, daily_key}) {
    FLOE_ASSIGN_OR_RETURN(auto id, io->TableFor(key));
    FLOE_ASSIGN_OR_RETURN(bool exists, io->catalog().TableExists(id));
    if (exists) FLOE_RETURN_IF_ERROR(io->catalog().DropTable(id, /*purge=*/true));
  }

  std::vector<Materialization> runs;
  auto materialize = [&](std::string step, const std::vector<std::string>& key,
                         const columnar::RecordBatch& batch,
                         iceberg::OutputContext context) -> Status {
    context.asset_key = key;
    context.run_id = fmt::format("demo-run-{}", runs.size() + 1);
    FLOE_ASSIGN_OR_RETURN(auto reader, columnar::VectorBatchReader::Make(batch.schema(), {batch}));
    FLOE_ASSIGN_OR_RETURN(auto metadata, io->HandleOutput(context, *reader));
    runs.push_back({std::move(step), std::move(metadata)});
    return OkStatus();
  };
  const iceberg::OutputMetadata by_day{.write_mode = iceberg::WriteMode::kOverwrite,
                                       .partition_expression = "day(ts)"};

  // 1. Raw events, one day partition per run; day 2 is then re-run with corrected amounts.
  const char* const days[] = {"2024-01-01", "2024-01-02", "2024-01-03"};
  for (int d = 0; d < 3; ++d) {
    FLOE_ASSIGN_OR_RETURN(auto raw, RawEvents(d, 1000, d * 1000, 1.0));
    FLOE_RETURN_IF_ERROR(materialize(fmt::format("raw_events, partition {}", days[d]), raw_key, raw,
                                     {.partition_key = std::string(days[d]), .metadata = by_day}));
  }
  const int64_t before_fix = runs.back().metadata.snapshot_id();
  FLOE_ASSIGN_OR_RETURN(auto fixed, RawEvents(1, 800, 10'000, 0.5));
  FLOE_RETURN_IF_ERROR(materialize("raw_events, partition 2024-01-02 re-run (corrected)", raw_key,
                                   fixed, {.partition_key = std::string("2024-01-02"), .metadata = by_day}));

  // 2. The cleaned table: days 1-2 first; day 3 arrives with a new column, which evolves it.
  for (int d = 0; d < 3; ++d) {
    FLOE_ASSIGN_OR_RETURN(auto reader, io->LoadInput({.asset_key = raw_key,
                                                      .partition_key = std::string(days[d])}));
    FLOE_ASSIGN_OR_RETURN(auto raw, ReadAll(*reader));
    FLOE_ASSIGN_OR_RETURN(auto clean, Clean(raw, /*add_large=*/d == 2));
    FLOE_RETURN_IF_ERROR(materialize(fmt::format("events_clean, partition {}{}", days[d],
                                                 d == 2 ? " (adds column 'large')" : ""),
                                     clean_key, clean,
                                     {.partition_key = std::string(days[d]), .metadata = by_day}));
  }

  // 3. Daily totals, reading only two columns of the cleaned table.
  std::map<int64_t, std::pair<double, int64_t>> per_day;
  int64_t clean_columns_read = 0;
  {
    FLOE_ASSIGN_OR_RETURN(auto reader, io->LoadInput({.asset_key = clean_key,
                                                      .columns = std::vector<std::string>{"ts", "amount"}}));
    clean_columns_read = reader->schema().num_fields();
    while (true) {
      FLOE_ASSIGN_OR_RETURN(auto batch, reader->Next());
      if (!batch) break;
      auto ts = batch->column(0).values<int64_t>();
      auto amount = batch->column(1).values<double>();
      for (size_t i = 0; i < ts.size(); ++i) {
        auto& [sum, n] = per_day[(ts[i] / kDayMicros) * kDayMicros];
        sum += amount[i];
        ++n;
      }
    }
  }
  columnar::TimestampBuilder day_col("UTC");
  columnar::Float64Builder total_col;
  columnar::Int64Builder count_col;
  for (const auto& [day, v] : per_day) {
    FLOE_RETURN_IF_ERROR(day_col.Append(day));
    FLOE_RETURN_IF_ERROR(total_col.Append(v.first));
    FLOE_RETURN_IF_ERROR(count_col.Append(v.second));
  }
  FLOE_ASSIGN_OR_RETURN(auto dc, day_col.Finish());
  FLOE_ASSIGN_OR_RETURN(auto tc, total_col.Finish());
  FLOE_ASSIGN_OR_RETURN(auto cc, count_col.Finish());
  FLOE_ASSIGN_OR_RETURN(
      auto totals,
      columnar::RecordBatch::Make(columnar::Schema({columnar::Field("day", columnar::DataType::Timestamp("UTC"), false),
                                                    columnar::Field("total_amount", columnar::DataType::Float64()),
                                                    columnar::Field("events", columnar::DataType::Int64())}),
                                  {dc, tc, cc}));
  FLOE_RETURN_IF_ERROR(materialize("daily_totals (from 2 columns of events_clean)", daily_key, totals,
                                   {.metadata = {.write_mode = iceberg::WriteMode::kOverwrite}}));

  // Time travel: the raw table before the day-2 correction.
  auto count = [&](iceberg::InputContext ctx) -> Result<int64_t> {
    FLOE_ASSIGN_OR_RETURN(auto reader, io->LoadInput(ctx));
    int64_t rows = 0;
    while (true) {
      FLOE_ASSIGN_OR_RETURN(auto batch, reader->Next());
      if (!batch) break;
      rows += batch->num_rows();
    }
    return rows;
  };
  FLOE_ASSIGN_OR_RETURN(int64_t raw_now, count({.asset_key = raw_key}));
  FLOE_ASSIGN_OR_RETURN(int64_t raw_before, count({.asset_key = raw_key, .snapshot_id = before_fix}));

  // The snapshot history of each table.
  std::vector<std::pair<std::string, std::vector<iceberg::SnapshotInfo>>> histories;
  for (const auto& key : {raw_key, clean_key, daily_key}) {
    FLOE_ASSIGN_OR_RETURN(auto id, io->TableFor(key));
    FLOE_ASSIGN_OR_RETURN(auto table, table::Table::Load(io->catalog(), id));
    std::vector<iceberg::SnapshotInfo> infos;
    for (const auto& s : table.metadata().snapshots()) {
      FLOE_ASSIGN_OR_RETURN(auto info, iceberg::SnapshotInfo::FromSnapshot(s));
      infos.push_back(std::move(info));
    }
    histories.emplace_back(id.full_name(), std::move(infos));
  }

  if (options.json) {
    nlohmann::json report;
    report["catalog"] = (warehouse / "catalog.db").string();
    report["config"] = config.ToJson();
    for (const auto& r : runs) {
      report["materializations"].push_back({{"step", r.step}, {"metadata", r.metadata.ToJson()}});
    }
    report["raw_rows_now"] = raw_now;
    report["raw_rows_before_correction"] = raw_before;
    report["columns_read_for_daily_totals"] = clean_columns_read;
    for (const auto& [table, infos] : histories) {
      nlohmann::json arr = nlohmann::json::array();
      for (const auto& i : infos) arr.push_back(i.ToJson());
      report["snapshots"][table] = arr;
    }
    out << report.dump(2) << "\n";
    return OkStatus();
  }
  fmt::print(out, "floe demo: an asset pipeline on the embedded catalog at {}\n\n",
             (warehouse / "catalog.db").string());
  fmt::print(out, "Materializations (IcebergIOManager.handle_output):\n");
  for (const auto& r : runs) fmt::print(out, "  {}\n    {}\n", r.step, r.metadata.ToString());
  fmt::print(out, "\nDaily totals (load_input read {} columns of events_clean):\n", clean_columns_read);
  FLOE_ASSIGN_OR_RETURN(auto totals_reader, io->LoadInput({.asset_key = daily_key}));
  FLOE_RETURN_IF_ERROR(text::PrintTable(*totals_reader, out));
  fmt::print(out, "\nTime travel: raw_events has {} rows now, {} before the day-2 correction "
                  "(snapshot {})\n",
             raw_now, raw_before, before_fix);
  for (const auto& [table, infos] : histories) {
    fmt::print(out, "\nSnapshots of {}, oldest first:\n", table);
    for (const auto& h : infos) {
      auto get = [&](const char* k, const char* d) {
        return h.summary().count(k) ? h.summary().at(k) : std::string(d);
      };
      fmt::print(out, "  {}  {:>19}  {:<9}  +{} -{} rows = {}  {}\n", h.timestamp_iso(),
                 h.snapshot_id(), h.operation(), get("added-records", "0"),
                 get("deleted-records", "0"), get("total-records", "?"),
                 get(iceberg::kPartitionKeyProperty, ""));
    }
  }
  fmt::print(out, "\nTry: floe --warehouse {} read bronze.raw_events --where \"user = 'ken'\" --limit 5\n",
             options.warehouse);
  return OkStatus();
}

}  // namespace floe::cli
