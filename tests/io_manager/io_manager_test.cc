// IcebergIOManager: every "Must show" scenario of issue #6 except the demo and the benchmark.
#include "floe/io_manager/io_manager.h"

#include <gmock/gmock.h>
#include <spdlog/sinks/ostream_sink.h>
#include <sys/wait.h>
#include <unistd.h>

#include <barrier>
#include <sstream>
#include <thread>

#include "floe/core/logging.h"
#include "floe/iceberg/table_update.h"
#include "floe/table/table.h"
#include "io_manager/io_manager_test_util.h"

namespace floe::iceberg {
namespace {

using floe::testing::IsError;
using floe::testing::IsErrorWith;
using floe::testing::IsOk;
using ::testing::AllOf;
using ::testing::ElementsAre;
using testing::FlakyCatalog;
using ::testing::HasSubstr;
using testing::IoManagerTest;

// Captures the floe log (info and up) for the life of the object.
class LogCapture {
 public:
  LogCapture() {
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out_);
    auto logger = std::make_shared<spdlog::logger>("floe", sink);
    logger->set_level(spdlog::level::info);
    SetLogger(logger);
  }
  ~LogCapture() { SetLogger(nullptr); }
  std::string text() {
    Log().flush();
    return out_.str();
  }
  int Count(std::string_view needle) {
    std::string t = text();
    int n = 0;
    for (size_t at = t.find(needle); at != std::string::npos; at = t.find(needle, at + 1)) ++n;
    return n;
  }

 private:
  std::ostringstream out_;
};

OutputContext Out(std::vector<std::string> key,
                  std::optional<PartitionKey> partition = std::nullopt,
                  std::optional<WriteMode> mode = std::nullopt) {
  OutputContext c;
  c.asset_key = std::move(key);
  c.partition_key = std::move(partition);
  c.metadata.write_mode = mode;
  c.metadata.partition_expression = "day(ts)";
  c.run_id = "run-1";
  return c;
}

InputContext In(std::vector<std::string> key) { return InputContext{.asset_key = std::move(key)}; }

table::Table LoadTable(catalog::Catalog& c, std::string_view name) {
  return table::Table::Load(c, TableIdentifier::FromString(name).value()).value();
}

TEST_F(IoManagerTest, FirstWriteCreatesTheTableAndNamespace) {
  IcebergIOManager io(Config(), *catalog_);
  WriteStateMachine states("test", WriteState::kPending);
  OutputContext out = Out({"bronze", "raw", "events"});
  out.state = &states;
  out.metadata.table_properties = {{"owner", "pipeline"}};
  auto reader = Reader({Day(0), Day(1)});
  FLOE_ASSERT_OK_AND_ASSIGN(auto m, io.HandleOutput(out, *reader));
  EXPECT_EQ(m.table(), "bronze.raw_events");
  EXPECT_EQ(m.num_rows(), 48);
  EXPECT_EQ(m.write_mode(), WriteMode::kAppend);
  EXPECT_FALSE(m.partition_key().has_value());
  EXPECT_FALSE(m.schema_evolved());
  EXPECT_THAT(states.history(), ElementsAre(WriteState::kPending, WriteState::kValidating,
                                            WriteState::kWriting, WriteState::kCommitted));

  table::Table t = LoadTable(*catalog_, "bronze.raw_events");
  ASSERT_NE(t.metadata().current_snapshot(), nullptr);
  EXPECT_EQ(t.metadata().current_snapshot()->snapshot_id(), m.snapshot_id());
  EXPECT_EQ(t.metadata().properties().at("owner"), "pipeline");
  ASSERT_EQ(t.metadata().default_spec().fields().size(), 1u);
  EXPECT_EQ(t.metadata().default_spec().fields()[0].transform().kind(), TransformKind::kDay);
  const auto& summary = *t.metadata().current_snapshot()->summary();
  EXPECT_EQ(summary.at(kRunIdProperty), "run-1");
  EXPECT_EQ(summary.at(kWriteModeProperty), "append");
  EXPECT_EQ(summary.at("added-records"), "48");
  EXPECT_EQ(Ids(io, In({"bronze", "raw", "events"})), Concat({Range(0, 24), Range(100, 124)}));
  // One-part asset keys land in the default namespace.
  auto one = Reader(Day(2));
  FLOE_ASSERT_OK_AND_ASSIGN(auto m2, io.HandleOutput(Out({"events"}), *one));
  EXPECT_EQ(m2.table(), "public.events");
}

TEST_F(IoManagerTest, AppendAddsRowsAndReportsItsOwnSnapshot) {
  IcebergIOManager io(Config(), *catalog_);
  auto r1 = Reader(Day(0));
  FLOE_ASSERT_OK_AND_ASSIGN(auto m1, io.HandleOutput(Out({"db", "events"}), *r1));
  auto r2 = Reader(Day(1));
  FLOE_ASSERT_OK_AND_ASSIGN(auto m2, io.HandleOutput(Out({"db", "events"}), *r2));
  EXPECT_NE(m1.snapshot_id(), m2.snapshot_id());
  EXPECT_EQ(m2.num_rows(), 24);
  EXPECT_EQ(Ids(io, In({"db", "events"})), Concat({Range(0, 24), Range(100, 124)}));
  // Reading at the first snapshot sees only the first write.
  InputContext at_first = In({"db", "events"});
  at_first.snapshot_id = m1.snapshot_id();
  EXPECT_EQ(Ids(io, at_first), Range(0, 24));

  // Append with a partition key writes that partition; rows outside it are refused.
  auto r3 = Reader(Day(2, 50));
  FLOE_ASSERT_OK_AND_ASSIGN(auto m3, io.HandleOutput(Out({"db", "events"}, "2024-01-03"), *r3));
  EXPECT_EQ(m3.partition_key(), "2024-01-03");
  auto wrong = Reader(Day(3));
  EXPECT_THAT(io.HandleOutput(Out({"db", "events"}, "2024-01-03"), *wrong),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          HasSubstr("24 row(s) fall outside partition '2024-01-03'")));
  EXPECT_EQ(LoadTable(*catalog_, "db.events").metadata().current_snapshot()->snapshot_id(),
            m3.snapshot_id());
}

TEST_F(IoManagerTest, OverwriteOfADayPartitionLeavesOtherDaysUntouched) {
  IcebergIOManager io(Config(), *catalog_);
  auto r = Reader({Day(0), Day(1), Day(2)});
  ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r), IsOk());
  const auto data_before = DataFiles().size();

  // Day 2 (2024-01-02) replaced by 5 new rows, by its partition key.
  auto day2 = Reader(Events(1000, 5, 24));
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto m, io.HandleOutput(Out({"db", "events"}, "2024-01-02", WriteMode::kOverwrite), *day2));
  EXPECT_EQ(m.write_mode(), WriteMode::kOverwrite);
  EXPECT_EQ(m.partition_key(), "2024-01-02");
  EXPECT_EQ(m.num_rows(), 5);
  EXPECT_EQ(Ids(io, In({"db", "events"})),
            Concat({Range(0, 24), Range(1000, 1005), Range(200, 224)}));
  table::Table t = LoadTable(*catalog_, "db.events");
  const auto& summary = *t.metadata().current_snapshot()->summary();
  EXPECT_EQ(summary.at(kPartitionKeyProperty), "2024-01-02");
  EXPECT_EQ(summary.at("deleted-records"), "24");
  EXPECT_EQ(summary.at("added-records"), "5");
  EXPECT_EQ(DataFiles().size(), data_before + 1) << "no other day's file was rewritten";

  // Day 3 by a time window; the same overwrite twice leaves no duplicates.
  auto window = TimeWindow::FromIso("2024-01-03", "2024-01-04T00:00:00Z").value();
  for (int run = 0; run < 2; ++run) {
    auto day3 = Reader(Events(3000, 3, 48));
    FLOE_ASSERT_OK_AND_ASSIGN(
        auto mw, io.HandleOutput(Out({"db", "events"}, window, WriteMode::kOverwrite), *day3));
    EXPECT_EQ(mw.partition_key(), "2024-01-03T00:00:00+00:00/2024-01-04T00:00:00+00:00");
  }
  EXPECT_EQ(Ids(io, In({"db", "events"})),
            Concat({Range(0, 24), Range(1000, 1005), Range(3000, 3003)}));

  // Reading one partition prunes to it.
  InputContext day1 = In({"db", "events"});
  day1.partition_key = "2024-01-01";
  EXPECT_EQ(Ids(io, day1), Range(0, 24));

  // A row outside the partition fails the overwrite and changes nothing.
  const int64_t current =
      LoadTable(*catalog_, "db.events").metadata().current_snapshot()->snapshot_id();
  const auto files = DataFiles();
  auto stray = Reader(Events(5000, 30, 24));  // runs into 2024-01-03
  EXPECT_THAT(io.HandleOutput(Out({"db", "events"}, "2024-01-02", WriteMode::kOverwrite), *stray),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("fall outside partition")));
  EXPECT_EQ(LoadTable(*catalog_, "db.events").metadata().current_snapshot()->snapshot_id(),
            current);
  EXPECT_EQ(DataFiles(), files);

  // Overwrite without a partition key replaces the whole table.
  auto all = Reader(Events(9000, 2, 0));
  ASSERT_THAT(io.HandleOutput(Out({"db", "events"}, std::nullopt, WriteMode::kOverwrite), *all),
              IsOk());
  EXPECT_EQ(Ids(io, In({"db", "events"})), Range(9000, 9002));
}

TEST_F(IoManagerTest, NewColumnEvolvesTheSchemaAndOldRowsReadItAsNull) {
  IcebergIOManager io(Config(), *catalog_);
  auto r1 = Reader(Day(0));
  ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r1), IsOk());

  columnar::RecordBatch base = Day(1);
  columnar::StringBuilder emails;
  for (int i = 0; i < 24; ++i) ASSERT_THAT(emails.Append("u" + std::to_string(i) + "@x"), IsOk());
  std::vector<columnar::Field> fields = base.schema().fields();
  fields.push_back(columnar::Field("email", columnar::DataType::String()));
  std::vector<columnar::Array> columns;
  for (int i = 0; i < base.num_columns(); ++i) columns.push_back(base.column(i));
  columns.push_back(emails.Finish().value());
  FLOE_ASSERT_OK_AND_ASSIGN(auto wide,
                            columnar::RecordBatch::Make(columnar::Schema(fields), columns));
  WriteStateMachine states("test", WriteState::kPending);
  OutputContext out = Out({"db", "events"});
  out.state = &states;
  auto r2 = Reader(wide);
  FLOE_ASSERT_OK_AND_ASSIGN(auto m, io.HandleOutput(out, *r2));
  EXPECT_TRUE(m.schema_evolved());
  EXPECT_THAT(states.history(), ElementsAre(WriteState::kPending, WriteState::kValidating,
                                            WriteState::kEvolvingSchema, WriteState::kWriting,
                                            WriteState::kCommitted));

  InputContext in = In({"db", "events"});
  in.columns = std::vector<std::string>{"id", "email"};
  int64_t nulls = 0, values = 0;
  for (const auto& b : ReadAll(io, in)) {
    ASSERT_EQ(b.num_columns(), 2);
    EXPECT_EQ(b.schema().field(1).name(), "email");
    for (int64_t i = 0; i < b.num_rows(); ++i) {
      const int64_t id = b.column(0).values<int64_t>()[static_cast<size_t>(i)];
      if (b.column(1).IsNull(i)) {
        ++nulls;
        EXPECT_LT(id, 100) << "only the old rows lack an email";
      } else {
        ++values;
      }
    }
  }
  EXPECT_EQ(nulls, 24);
  EXPECT_EQ(values, 24);
  // The old batch (without email) still writes: the column is optional.
  auto r3 = Reader(Day(2));
  FLOE_ASSERT_OK_AND_ASSIGN(auto m3, io.HandleOutput(Out({"db", "events"}), *r3));
  EXPECT_FALSE(m3.schema_evolved());
}

TEST_F(IoManagerTest, IntColumnIsPromotedToLong) {
  IcebergIOManager io(Config(), *catalog_);
  auto batch_of = [](auto builder, columnar::DataType type, std::vector<int64_t> values) {
    columnar::Int64Builder ids;
    for (size_t i = 0; i < values.size(); ++i)
      EXPECT_THAT(ids.Append(static_cast<int64_t>(i)), IsOk());
    for (int64_t v : values) EXPECT_THAT(builder.Append(static_cast<decltype(v)>(v)), IsOk());
    return columnar::RecordBatch::Make(
               columnar::Schema({columnar::Field("id", columnar::DataType::Int64()),
                                 columnar::Field("qty", type)}),
               {ids.Finish().value(), builder.Finish().value()})
        .value();
  };
  OutputContext out = Out({"db", "orders"});
  out.metadata.partition_expression.reset();
  auto r1 = Reader(batch_of(columnar::Int32Builder(), columnar::DataType::Int32(), {1, 2}));
  ASSERT_THAT(io.HandleOutput(out, *r1), IsOk());
  EXPECT_EQ(LoadTable(*catalog_, "db.orders").schema().FindFieldByName("qty").value()->type()->id(),
            TypeId::kInt);
  auto r2 =
      Reader(batch_of(columnar::Int64Builder(), columnar::DataType::Int64(), {int64_t{1} << 40}));
  FLOE_ASSERT_OK_AND_ASSIGN(auto m, io.HandleOutput(out, *r2));
  EXPECT_TRUE(m.schema_evolved());
  table::Table t = LoadTable(*catalog_, "db.orders");
  EXPECT_EQ(t.schema().FindFieldByName("qty").value()->type()->id(), TypeId::kLong);
  std::vector<int64_t> qty;
  InputContext in = In({"db", "orders"});
  in.columns = std::vector<std::string>{"qty"};
  for (const auto& b : ReadAll(io, in)) {
    for (int64_t v : b.column(0).values<int64_t>()) qty.push_back(v);
  }
  std::sort(qty.begin(), qty.end());
  EXPECT_THAT(qty, ElementsAre(1, 2, int64_t{1} << 40));
}

// A batch with (id int32, name long) against a table of (id long, name string, ts).
columnar::RecordBatch Incompatible() {
  columnar::Int32Builder ids;
  columnar::Int64Builder names;
  EXPECT_THAT(ids.Append(1), IsOk());
  EXPECT_THAT(names.Append(2), IsOk());
  return columnar::RecordBatch::Make(
             columnar::Schema({columnar::Field("id", columnar::DataType::Int32(), false),
                               columnar::Field("name", columnar::DataType::Int64())}),
             {ids.Finish().value(), names.Finish().value()})
      .value();
}

TEST_F(IoManagerTest, IncompatibleChangeIsRefusedAndTheTableIsUnchanged) {
  IcebergIOManager io(Config(), *catalog_);
  auto r1 = Reader(Day(0));
  ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r1), IsOk());
  const std::string location = LoadTable(*catalog_, "db.events").metadata_location();
  const auto files = DataFiles();
  WriteStateMachine states("test", WriteState::kPending);
  OutputContext out = Out({"db", "events"});
  out.state = &states;
  auto bad = Reader(Incompatible());
  EXPECT_THAT(io.HandleOutput(out, *bad),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          AllOf(HasSubstr("column 'id': cannot change long to int"),
                                HasSubstr("column 'name': cannot change string to long"))));
  EXPECT_EQ(states.state(), WriteState::kFailed);
  EXPECT_EQ(LoadTable(*catalog_, "db.events").metadata_location(), location);
  EXPECT_EQ(DataFiles(), files);
  EXPECT_EQ(Ids(io, In({"db", "events"})), Range(0, 24));
}

TEST_F(IoManagerTest, EvolutionDisabledRefusesNewColumnsAndPromotions) {
  IcebergIOManager io(Config(/*evolution=*/false), *catalog_);
  auto r1 = Reader(Day(0));
  ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r1), IsOk());
  const std::string location = LoadTable(*catalog_, "db.events").metadata_location();
  const auto files = DataFiles();

  columnar::RecordBatch base = Day(1);
  columnar::Float64Builder score;
  for (int i = 0; i < 24; ++i) ASSERT_THAT(score.Append(i * 0.5), IsOk());
  std::vector<columnar::Field> fields = base.schema().fields();
  fields.push_back(columnar::Field("score", columnar::DataType::Float64()));
  std::vector<columnar::Array> columns{base.column(0), base.column(1), base.column(2),
                                       score.Finish().value()};
  auto wide = Reader(columnar::RecordBatch::Make(columnar::Schema(fields), columns).value());
  EXPECT_THAT(
      io.HandleOutput(Out({"db", "events"}), *wide),
      IsErrorWith(ErrorKind::kInvalidArgument, AllOf(HasSubstr("schema evolution is disabled"),
                                                     HasSubstr("column 'score' is new (double)"))));
  auto bad = Reader(Incompatible());
  EXPECT_THAT(io.HandleOutput(Out({"db", "events"}), *bad),
              IsErrorWith(ErrorKind::kInvalidArgument,
                          HasSubstr("column 'name': cannot change string to long")));
  EXPECT_EQ(LoadTable(*catalog_, "db.events").metadata_location(), location);
  EXPECT_EQ(DataFiles(), files);
  // Data of the table's own schema still writes.
  auto same = Reader(Day(1));
  EXPECT_THAT(io.HandleOutput(Out({"db", "events"}), *same), IsOk());
}

TEST_F(IoManagerTest, BatchesReadFromOneAssetWriteIntoAnotherByName) {
  // What a pipeline does: read an upstream asset (its batches carry that table's field ids),
  // and write it downstream, where the same names have other ids.
  IcebergIOManager io(Config(), *catalog_);
  auto r = Reader({Day(0), Day(1)});
  ASSERT_THAT(io.HandleOutput(Out({"db", "raw"}), *r), IsOk());
  InputContext in = In({"db", "raw"});
  in.columns = std::vector<std::string>{"ts", "id"};
  FLOE_ASSERT_OK_AND_ASSIGN(auto upstream, io.LoadInput(in));
  ASSERT_TRUE(upstream->schema().field(0).field_id().has_value());
  FLOE_ASSERT_OK_AND_ASSIGN(auto m, io.HandleOutput(Out({"db", "cleaned"}), *upstream));
  EXPECT_EQ(m.num_rows(), 48);
  table::Table cleaned = LoadTable(*catalog_, "db.cleaned");
  EXPECT_EQ(cleaned.schema().fields()[0].name(), "ts");
  EXPECT_EQ(Ids(io, In({"db", "cleaned"})), Concat({Range(0, 24), Range(100, 124)}));
  // And again into the existing table (ids differ from the upstream's): still by name.
  FLOE_ASSERT_OK_AND_ASSIGN(auto again, io.LoadInput(in));
  ASSERT_THAT(io.HandleOutput(Out({"db", "cleaned"}, "2024-01-01", WriteMode::kOverwrite), *again),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("outside partition")));
  InputContext day1 = in;
  day1.partition_key = "2024-01-01";
  FLOE_ASSERT_OK_AND_ASSIGN(auto only_day1, io.LoadInput(day1));
  ASSERT_THAT(
      io.HandleOutput(Out({"db", "cleaned"}, "2024-01-01", WriteMode::kOverwrite), *only_day1),
      IsOk());
  EXPECT_EQ(Ids(io, In({"db", "cleaned"})), Concat({Range(0, 24), Range(100, 124)}));
}

TEST_F(IoManagerTest, LoadInputProjectsAndNamesUnknownColumns) {
  IcebergIOManager io(Config(), *catalog_);
  auto r = Reader(Day(0));
  ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r), IsOk());
  InputContext in = In({"db", "events"});
  in.columns = std::vector<std::string>{"ts", "id"};
  auto batches = ReadAll(io, in);
  ASSERT_FALSE(batches.empty());
  EXPECT_EQ(batches[0].num_columns(), 2);
  EXPECT_EQ(batches[0].schema().field(0).name(), "ts");
  in.columns = std::vector<std::string>{"id", "nope", "also_nope"};
  EXPECT_THAT(io.LoadInput(in),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("no column 'nope', 'also_nope'")));
  EXPECT_THAT(io.LoadInput(In({"db", "missing"})),
              IsErrorWith(ErrorKind::kNotFound, HasSubstr("db.missing does not exist")));
  // With projection disabled every column comes back.
  auto off =
      IcebergIOManagerConfig::Make(
          {.catalog_uri = "sqlite:x.db", .warehouse = "w", .column_projection_enabled = false})
          .value();
  IcebergIOManager all(off, *catalog_);
  in.columns = std::vector<std::string>{"id"};
  auto every = ReadAll(all, in);
  ASSERT_FALSE(every.empty());
  EXPECT_EQ(every[0].num_columns(), 3);
}

TEST_F(IoManagerTest, OpenUsesTheEmbeddedCatalogAndRefusesRest) {
  auto rest = IcebergIOManagerConfig::Make(
                  {.catalog_uri = "http://localhost:8181/api/catalog", .warehouse = "lake"})
                  .value();
  EXPECT_THAT(IcebergIOManager::Open(rest),
              IsErrorWith(ErrorKind::kNotSupported, HasSubstr("REST catalog")));
  auto local =
      IcebergIOManagerConfig::Make({.catalog_uri = "sqlite:///" + (dir_ / "own" / "c.db").string(),
                                    .warehouse = (dir_ / "own" / "wh").string()})
          .value();
  FLOE_ASSERT_OK_AND_ASSIGN(auto io, IcebergIOManager::Open(local));
  auto r = Reader(Day(0));
  ASSERT_THAT(io->HandleOutput(Out({"db", "events"}), *r), IsOk());
  EXPECT_EQ(Ids(*io, In({"db", "events"})), Range(0, 24));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "own" / "wh" / "db.db" / "events"));
}

// Ends the stream only once every writer has reached its end, so that all of them commit from
// the same table state at once.
class BarrierReader final : public columnar::BatchReader {
 public:
  BarrierReader(columnar::RecordBatch batch, std::barrier<>* barrier)
      : batch_(std::move(batch)), barrier_(barrier) {}
  const columnar::Schema& schema() const override { return batch_.schema(); }
  Result<std::optional<columnar::RecordBatch>> Next() override {
    if (!done_) {
      done_ = true;
      return std::optional(batch_);
    }
    if (barrier_ != nullptr) {
      barrier_->arrive_and_wait();
      barrier_ = nullptr;
    }
    return std::optional<columnar::RecordBatch>();
  }

 private:
  columnar::RecordBatch batch_;
  std::barrier<>* barrier_;
  bool done_ = false;
};

TEST_F(IoManagerTest, ThreadsMaterializingPartitionsAllLandOnce) {
  // The table exists with day 0; then 4 threads overwrite days 1-4 and 2 append to day 5, all
  // committing at once: each loses races and retries, and every row lands exactly once.
  {
    IcebergIOManager io(Config(), *catalog_);
    auto r = Reader(Day(0));
    ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r), IsOk());
  }
  LogCapture log;
  constexpr int kThreads = 6;
  std::barrier<> barrier(kThreads);
  std::vector<std::optional<Result<MaterializationMetadata>>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      IcebergIOManager io(Config(), catalog_);  // its own IO manager and tables
      const bool append = t >= 4;
      const int64_t day = append ? 5 : t + 1;
      BarrierReader reader(append ? Events(500 + t * 10, 10, 5 * 24 + t) : Day(day), &barrier);
      std::string key = fmt::format("2024-01-{:02d}", day + 1);
      results[static_cast<size_t>(t)] = io.HandleOutput(
          Out({"db", "events"}, key, append ? WriteMode::kAppend : WriteMode::kOverwrite), reader);
    });
  }
  for (auto& t : threads) t.join();
  std::set<int64_t> snapshots;
  for (const auto& r : results) {
    ASSERT_TRUE(r.has_value());
    ASSERT_THAT(*r, IsOk());
    snapshots.insert((*r)->snapshot_id());
  }
  EXPECT_EQ(snapshots.size(), static_cast<size_t>(kThreads));
  IcebergIOManager io(Config(), *catalog_);
  EXPECT_EQ(Ids(io, In({"db", "events"})),
            Concat({Range(0, 24), Range(100, 124), Range(200, 224), Range(300, 324),
                    Range(400, 424), Range(540, 550), Range(550, 560)}));
  // All started from one table state: all but one lost at least one race, visibly.
  EXPECT_GE(log.Count("Writing -> Retrying"), kThreads - 1) << log.text();
  EXPECT_GE(log.Count("lost a race"), kThreads - 1);
  // Every commit is in the history once.
  table::Table t = LoadTable(*catalog_, "db.events");
  int ours = 0;
  for (const auto& s : t.metadata().snapshots())
    ours += snapshots.contains(s.snapshot_id()) ? 1 : 0;
  EXPECT_EQ(ours, kThreads);
}

TEST_F(IoManagerTest, ThreadsCreatingAndEvolvingOneTableAllLand) {
  // Four writers start at once on an asset that does not exist yet, each with a column of its
  // own: one creates the table, the others find it; each evolution that loses to another is
  // planned again on the winner's schema; every row lands once with its column.
  constexpr int kThreads = 4;
  std::barrier<> start(kThreads);
  std::vector<std::optional<Result<MaterializationMetadata>>> results(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      IcebergIOManager io(Config(), catalog_);
      columnar::RecordBatch base = Day(t);
      columnar::Int64Builder extra;
      for (int i = 0; i < 24; ++i) EXPECT_THAT(extra.Append(t), IsOk());
      std::vector<columnar::Field> fields = base.schema().fields();
      fields.push_back(columnar::Field("c" + std::to_string(t), columnar::DataType::Int64()));
      std::vector<columnar::Array> columns{base.column(0), base.column(1), base.column(2),
                                           extra.Finish().value()};
      auto reader = Reader(columnar::RecordBatch::Make(columnar::Schema(fields), columns).value());
      start.arrive_and_wait();
      results[static_cast<size_t>(t)] = io.HandleOutput(Out({"db", "wide"}), *reader);
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    ASSERT_TRUE(r.has_value());
    ASSERT_THAT(*r, IsOk());
  }
  IcebergIOManager io(Config(), *catalog_);
  EXPECT_EQ(Ids(io, In({"db", "wide"})),
            Concat({Range(0, 24), Range(100, 124), Range(200, 224), Range(300, 324)}));
  table::Table t = LoadTable(*catalog_, "db.wide");
  for (int c = 0; c < kThreads; ++c) {
    const std::string column = "c" + std::to_string(c);
    ASSERT_THAT(t.schema().FindFieldByName(column), IsOk()) << column;
    InputContext in = In({"db", "wide"});
    in.columns = std::vector<std::string>{"id", column};
    int64_t set = 0;
    for (const auto& b : ReadAll(io, in)) {
      for (int64_t i = 0; i < b.num_rows(); ++i) {
        if (b.column(1).IsNull(i)) continue;
        ++set;
        EXPECT_EQ(b.column(0).values<int64_t>()[static_cast<size_t>(i)] / 100, c);
      }
    }
    EXPECT_EQ(set, 24) << column;
  }
}

TEST_F(IoManagerTest, ConcurrentOverwritesOfOnePartitionLeaveOneOfThem) {
  {
    IcebergIOManager io(Config(), *catalog_);
    auto r = Reader({Day(0), Day(1)});
    ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r), IsOk());
  }
  // Both replace day 2 from the same table state: the loser's replaced file is gone when it
  // retries, so it plans its overwrite again and replaces the winner's rows.
  std::barrier<> barrier(2);
  std::vector<std::optional<Result<MaterializationMetadata>>> results(2);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&, t] {
      IcebergIOManager io(Config(), catalog_);
      BarrierReader reader(Day(1, 10 + t * 30), &barrier);
      results[static_cast<size_t>(t)] =
          io.HandleOutput(Out({"db", "events"}, "2024-01-02", WriteMode::kOverwrite), reader);
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) {
    ASSERT_TRUE(r.has_value());
    ASSERT_THAT(*r, IsOk());
  }
  IcebergIOManager io(Config(), *catalog_);
  table::Table t = LoadTable(*catalog_, "db.events");
  const int64_t last = t.metadata().current_snapshot()->snapshot_id();
  const int winner = (*results[0])->snapshot_id() == last ? 0 : 1;
  EXPECT_EQ((*results[static_cast<size_t>(winner)])->snapshot_id(), last);
  EXPECT_EQ(Ids(io, In({"db", "events"})),
            Concat({Range(0, 24), Range(110 + winner * 30, 134 + winner * 30)}));
}

TEST_F(IoManagerTest, ProcessesMaterializingPartitionsAllLandOnce) {
  {
    IcebergIOManager io(Config(), *catalog_);
    auto r = Reader(Day(0));
    ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r), IsOk());
  }
  // Process p overwrites day p + 1 twice (the second run replaces the first).
  auto child = [this](int p) -> int {
    // Its own catalog connection on the shared file.
    auto catalog = catalog::SqlCatalog::Open(
        {.path = (dir_ / "catalog.db").string(), .warehouse = dir_.string()});
    if (!catalog) return 2;
    IcebergIOManager io(Config(), **catalog);
    for (int run = 0; run < 2; ++run) {
      auto reader = Reader(Day(p + 1));
      auto m = io.HandleOutput(
          Out({"db", "events"}, fmt::format("2024-01-{:02d}", p + 2), WriteMode::kOverwrite),
          *reader);
      if (!m) {
        fprintf(stderr, "process %d: %s\n", p, m.error().ToString().c_str());
        return 1;
      }
    }
    return 0;
  };
  constexpr int kProcesses = 3;
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      // The work runs on a fresh thread: a forked child inherits its parent thread's UUID
      // generator state (Uuid::Random's thread_local engine) and would make the same file names
      // and snapshot ids as its siblings; a new thread seeds its own.
      int code = 3;
      std::thread([&] { code = child(p); }).join();
      _exit(code);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 0);
  }
  IcebergIOManager io(Config(), *catalog_);
  EXPECT_EQ(Ids(io, In({"db", "events"})),
            Concat({Range(0, 24), Range(100, 124), Range(200, 224), Range(300, 324)}));
  EXPECT_EQ(LoadTable(*catalog_, "db.events").metadata().snapshots().size(), 1u + 2 * kProcesses);
}

TEST_F(IoManagerTest, FailedDataFileWriteCommitsNothingAndLeavesNoFiles) {
  IcebergIOManager io(Config(), *catalog_);
  auto r1 = Reader(Day(0));
  ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r1), IsOk());
  const std::string location = LoadTable(*catalog_, "db.events").metadata_location();
  const auto files = DataFiles();

  fault_io_->FailNext(io::FaultInjectionFileIO::Op::kClose, "/data/",
                      IoError("injected: disk full"));
  auto r2 = Reader({Day(1), Day(2)});
  EXPECT_THAT(io.HandleOutput(Out({"db", "events"}), *r2),
              IsErrorWith(ErrorKind::kIo, HasSubstr("disk full")));
  EXPECT_EQ(LoadTable(*catalog_, "db.events").metadata_location(), location);
  EXPECT_EQ(DataFiles(), files) << "the files of the failed write were removed";

  // A manifest list that fails to publish: the commit fails, the data files go.
  fault_io_->FailNext(io::FaultInjectionFileIO::Op::kClose, "/snap-",
                      IoError("injected: metadata"));
  auto r3 = Reader(Day(1));
  EXPECT_THAT(io.HandleOutput(Out({"db", "events"}), *r3), IsError(ErrorKind::kIo));
  EXPECT_EQ(LoadTable(*catalog_, "db.events").metadata_location(), location);
  EXPECT_EQ(DataFiles(), files);

  // The rerun lands once.
  auto r4 = Reader({Day(1), Day(2)});
  ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r4), IsOk());
  EXPECT_EQ(Ids(io, In({"db", "events"})),
            Concat({Range(0, 24), Range(100, 124), Range(200, 224)}));
}

TEST_F(IoManagerTest, CommitThatFailsOnceWithAConflictIsRetried) {
  FlakyCatalog flaky(catalog_.get());
  IcebergIOManager io(Config(), flaky);
  auto r1 = Reader(Day(0));
  ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r1), IsOk());
  flaky.conflicts = 1;
  WriteStateMachine states("test", WriteState::kPending);
  OutputContext out = Out({"db", "events"}, "2024-01-01", WriteMode::kOverwrite);
  out.state = &states;
  auto r2 = Reader(Day(0, 50));
  FLOE_ASSERT_OK_AND_ASSIGN(auto m, io.HandleOutput(out, *r2));
  EXPECT_THAT(states.history(),
              ElementsAre(WriteState::kPending, WriteState::kValidating, WriteState::kWriting,
                          WriteState::kRetrying, WriteState::kWriting, WriteState::kCommitted));
  table::Table t = LoadTable(*catalog_, "db.events");
  EXPECT_EQ(t.metadata().current_snapshot()->snapshot_id(), m.snapshot_id());
  EXPECT_EQ(t.metadata().snapshots().size(), 2u);
  EXPECT_EQ(Ids(io, In({"db", "events"})), Range(50, 74));
}

TEST_F(IoManagerTest, CommitOutOfAttemptsFailsAndLeavesNoFiles) {
  FlakyCatalog flaky(catalog_.get());
  IcebergIOManager io(Config(/*evolution=*/true, /*max_attempts=*/2), flaky);
  auto r1 = Reader(Day(0));
  ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r1), IsOk());
  const auto files = DataFiles();
  flaky.conflicts = 100;
  WriteStateMachine states("test", WriteState::kPending);
  OutputContext out = Out({"db", "events"});
  out.state = &states;
  auto r2 = Reader(Day(1));
  EXPECT_THAT(io.HandleOutput(out, *r2), IsError(ErrorKind::kCommitFailed));
  EXPECT_THAT(states.history(),
              ElementsAre(WriteState::kPending, WriteState::kValidating, WriteState::kWriting,
                          WriteState::kRetrying, WriteState::kWriting, WriteState::kRetrying,
                          WriteState::kFailed));
  EXPECT_EQ(flaky.conflicts.load(), 98) << "two attempts";
  EXPECT_EQ(LoadTable(*catalog_, "db.events").metadata().snapshots().size(), 1u);
  EXPECT_EQ(DataFiles(), files);
}

TEST_F(IoManagerTest, CommitWhoseStateIsUnknownButLandedIsNotRepeated) {
  FlakyCatalog flaky(catalog_.get());
  IcebergIOManager io(Config(), flaky);
  auto r1 = Reader(Day(0));
  ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r1), IsOk());
  flaky.unknown_after_commit = 1;
  flaky.data_commits = 0;
  auto r2 = Reader(Day(1));
  FLOE_ASSERT_OK_AND_ASSIGN(auto m, io.HandleOutput(Out({"db", "events"}), *r2));
  EXPECT_EQ(flaky.data_commits.load(), 1) << "reconciled, not committed again";
  table::Table t = LoadTable(*catalog_, "db.events");
  EXPECT_EQ(t.metadata().current_snapshot()->snapshot_id(), m.snapshot_id());
  EXPECT_EQ(t.metadata().snapshots().size(), 2u);
  EXPECT_EQ(Ids(io, In({"db", "events"})), Concat({Range(0, 24), Range(100, 124)}));

  // Unknown and not landed: reconciled, then retried; it lands once.
  flaky.unknown_no_commit = 1;
  flaky.data_commits = 0;
  auto r3 = Reader(Day(2));
  FLOE_ASSERT_OK_AND_ASSIGN(auto m3, io.HandleOutput(Out({"db", "events"}), *r3));
  EXPECT_EQ(flaky.data_commits.load(), 1);
  EXPECT_EQ(LoadTable(*catalog_, "db.events").metadata().snapshots().size(), 3u);
  EXPECT_EQ(Ids(io, In({"db", "events"})),
            Concat({Range(0, 24), Range(100, 124), Range(200, 224)}));
}

TEST_F(IoManagerTest, CommitWhoseStateCannotBeToldKeepsItsFiles) {
  FlakyCatalog flaky(catalog_.get());
  IcebergIOManager io(Config(), flaky);
  auto r1 = Reader(Day(0));
  ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r1), IsOk());
  const auto before = DataFiles();
  // The commit lands, the answer is lost, and the reload that would tell fails too: the write
  // reports the unknown state and deletes nothing (the files are in the table).
  flaky.unknown_after_commit = 1;
  flaky.unavailable_loads_after_unknown = 1;
  auto r2 = Reader(Day(1));
  EXPECT_THAT(io.HandleOutput(Out({"db", "events"}), *r2), IsError(ErrorKind::kCommitStateUnknown));
  EXPECT_GT(DataFiles().size(), before.size());
  EXPECT_EQ(LoadTable(*catalog_, "db.events").metadata().snapshots().size(), 2u);
  EXPECT_EQ(Ids(io, In({"db", "events"})), Concat({Range(0, 24), Range(100, 124)}));
}

TEST_F(IoManagerTest, SchemaChangedUnderTheWriteFailsTheRetryClearly) {
  FlakyCatalog flaky(catalog_.get());
  IcebergIOManager io(Config(), flaky);
  auto r1 = Reader(Day(0));
  ASSERT_THAT(io.HandleOutput(Out({"db", "events"}), *r1), IsOk());
  const auto files = DataFiles();
  // While the write commits, another writer adds a required column its files lack.
  flaky.conflicts = 1;
  flaky.before_conflict = [&] {
    table::Table t = LoadTable(*catalog_, "db.events");
    std::vector<NestedField> fields = t.schema().fields();
    fields.push_back(NestedField::Required(t.metadata().last_column_id() + 1, "region",
                                           PrimitiveType::String()));
    auto schema = Schema::Make(t.schema().schema_id() + 1, fields).value();
    ASSERT_THAT(t.CommitUpdates({}, {AddSchemaUpdate{schema, t.metadata().last_column_id() + 1},
                                     SetCurrentSchemaUpdate{kLastAdded}}),
                IsOk());
  };
  auto r2 = Reader(Day(1));
  EXPECT_THAT(io.HandleOutput(Out({"db", "events"}), *r2),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("column 'region' is required now")));
  EXPECT_EQ(LoadTable(*catalog_, "db.events").metadata().snapshots().size(), 1u);
  EXPECT_EQ(DataFiles(), files);
}

}  // namespace
}  // namespace floe::iceberg
