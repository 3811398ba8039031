// io_manager_bench: what partition fanout costs a materialization. Streams N rows (id long,
// ts timestamptz, name string, amount double) through IcebergIOManager::HandleOutput into a
// fresh table, once unpartitioned and once partitioned by day(ts), bucket(16, id), each
// RUNS times (median kept), and prints rows/s, CPU seconds (all threads) and data file MB for
// both, the partitioned/unpartitioned throughput ratio and the CPU time ratio. `taskset -c 0`
// in front runs everything on one core.
//
//   io_manager_bench [ROWS=10000000] [DIR=/tmp] [DAYS=7] [RUNS=3] [ONLY=unpartitioned|partitioned]
//
// Files are fsynced on close, as in a real warehouse; FLOE_BENCH_FSYNC=0 skips that, to see the
// CPU cost alone (the partitioned table closes DAYS * 16 files, the unpartitioned one).
//
// FLOE_BENCH_NAMES sets how many distinct names there are (default 50,000).
//
// ONLY runs one of the two tables (for profiling: perf record io_manager_bench 2000000 /tmp 7 1
// partitioned).
//
// Rows are generated batch by batch (64K rows) while the write consumes them, so the figure is
// the IO manager's: conform, fanout (partitioned), Parquet encoding (zstd, the table default),
// file writes and the commit. ts spreads the rows evenly over DAYS days (in ts order, as an
// event stream arrives); bucket(16, id) then splits each day 16 ways: DAYS * 16 partitions.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "floe/catalog/sql_catalog.h"
#include "floe/columnar/batch_reader.h"
#include "floe/columnar/builder.h"
#include "floe/core/uuid.h"
#include "floe/io/local_file_io.h"
#include "floe/io_manager/io_manager.h"

namespace floe::iceberg {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int64_t kBatchRows = 64 * 1024;
constexpr int64_t kStartMicros = 1704067200LL * 1'000'000;  // 2024-01-01T00:00:00Z

// Generates the bench rows on demand.
class GeneratedRows final : public columnar::BatchReader {
 public:
  GeneratedRows(int64_t rows, int64_t days, int64_t names)
      : rows_(rows),
        names_(std::max<int64_t>(1, names)),
        step_us_(std::max<int64_t>(1, days * 86'400'000'000LL / std::max<int64_t>(rows, 1))),
        schema_({columnar::Field("id", columnar::DataType::Int64(), false),
                 columnar::Field("ts", columnar::DataType::Timestamp("UTC"), false),
                 columnar::Field("name", columnar::DataType::String(), false),
                 columnar::Field("amount", columnar::DataType::Float64(), false)}) {}

  const columnar::Schema& schema() const override { return schema_; }

  Result<std::optional<columnar::RecordBatch>> Next() override {
    if (next_ >= rows_) return std::optional<columnar::RecordBatch>();
    const int64_t n = std::min(kBatchRows, rows_ - next_);
    columnar::Int64Builder ids;
    columnar::TimestampBuilder ts("UTC");
    columnar::StringBuilder names;
    columnar::Float64Builder amounts;
    FLOE_RETURN_IF_ERROR(ids.Reserve(n));
    FLOE_RETURN_IF_ERROR(ts.Reserve(n));
    FLOE_RETURN_IF_ERROR(names.Reserve(n));
    FLOE_RETURN_IF_ERROR(names.ReserveData(n * 16));
    FLOE_RETURN_IF_ERROR(amounts.Reserve(n));
    char name[32];
    for (int64_t i = next_; i < next_ + n; ++i) {
      ids.UnsafeAppend(i);
      ts.UnsafeAppend(kStartMicros + i * step_us_);
      int len =
          std::snprintf(name, sizeof(name), "customer-%05lld", static_cast<long long>(i % names_));
      names.UnsafeAppend(std::string_view(name, static_cast<size_t>(len)));
      amounts.UnsafeAppend(static_cast<double>(i % 100'000) * 0.01);
    }
    next_ += n;
    FLOE_ASSIGN_OR_RETURN(auto id_array, ids.Finish());
    FLOE_ASSIGN_OR_RETURN(auto ts_array, ts.Finish());
    FLOE_ASSIGN_OR_RETURN(auto name_array, names.Finish());
    FLOE_ASSIGN_OR_RETURN(auto amount_array, amounts.Finish());
    FLOE_ASSIGN_OR_RETURN(auto batch, columnar::RecordBatch::Make(
                                          schema_, {id_array, ts_array, name_array, amount_array}));
    return std::optional(std::move(batch));
  }

 private:
  int64_t rows_;
  int64_t names_;
  int64_t step_us_;
  columnar::Schema schema_;
  int64_t next_ = 0;
};

// FLOE_BENCH_NAMES: how many distinct names (default 50,000).
int64_t DistinctNames() {
  const char* env = std::getenv("FLOE_BENCH_NAMES");
  return env != nullptr ? std::atoll(env) : 50'000;
}

// User plus system CPU time of the process so far, in seconds (every thread).
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto sec = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return sec(usage.ru_utime) + sec(usage.ru_stime);
}

struct Run {
  double seconds;
  double cpu_seconds;
  int64_t files;
  int64_t bytes;  // of the data files
};

Result<Run> Materialize(const std::filesystem::path& root, int64_t rows, int64_t days,
                        const std::string& partition_expression, bool fsync) {
  const auto dir = root / ("floe-iom-bench-" + Uuid::Random().ToString());
  std::filesystem::create_directories(dir);
  FLOE_ASSIGN_OR_RETURN(
      auto sql, catalog::SqlCatalog::Open({.path = (dir / "catalog.db").string(),
                                           .warehouse = dir.string(),
                                           .file_io = std::make_shared<io::LocalFileIO>(fsync)}));
  FLOE_ASSIGN_OR_RETURN(auto config, IcebergIOManagerConfig::Make({.catalog_uri = "sqlite:bench.db",
                                                                   .warehouse = dir.string()}));
  IcebergIOManager io(config, *sql);
  OutputContext out{.asset_key = {"bench", "events"}};
  if (!partition_expression.empty()) out.metadata.partition_expression = partition_expression;
  GeneratedRows reader(rows, days, DistinctNames());
  const auto start = Clock::now();
  const double cpu_start = CpuSeconds();
  FLOE_ASSIGN_OR_RETURN(auto metadata, io.HandleOutput(out, reader));
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu_seconds = CpuSeconds() - cpu_start;
  if (metadata.num_rows() != rows) {
    return Internal("wrote {} rows, expected {}", metadata.num_rows(), rows);
  }
  int64_t files = 0;
  int64_t bytes = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".parquet") continue;
    ++files;
    bytes += static_cast<int64_t>(e.file_size());
  }
  std::filesystem::remove_all(dir);
  return Run{seconds, cpu_seconds, files, bytes};
}

int Main(int argc, char** argv) {
  const int64_t rows = argc > 1 ? std::atoll(argv[1]) : 10'000'000;
  const std::filesystem::path root = argc > 2 ? argv[2] : "/tmp";
  const int64_t days = argc > 3 ? std::atoll(argv[3]) : 7;
  const int runs = argc > 4 ? std::atoi(argv[4]) : 3;
  const std::string only = argc > 5 ? argv[5] : "";
  const char* fsync_env = std::getenv("FLOE_BENCH_FSYNC");
  const bool fsync = fsync_env == nullptr || std::string(fsync_env) != "0";
  struct Case {
    const char* name;
    std::string expression;
    std::vector<double> seconds{};
    std::vector<double> cpu_seconds{};
    int64_t files = 0;
    int64_t bytes = 0;
    static double MedianOf(std::vector<double> s) {
      std::sort(s.begin(), s.end());
      return s[s.size() / 2];
    }
    double Median() const { return MedianOf(seconds); }
    double CpuMedian() const { return MedianOf(cpu_seconds); }
  };
  std::vector<Case> cases{{"unpartitioned", ""},
                          {"day(ts), bucket(16, id)", "day(ts), bucket(16, id)"}};
  fmt::print(
      "io_manager_bench: {} rows over {} days, {} distinct names, median of {} runs, fsync {}\n",
      rows, days, DistinctNames(), runs, fsync ? "on" : "off");
  fmt::print("{:<26} {:>5} {:>10} {:>10} {:>14} {:>7} {:>9}\n", "table", "run", "seconds",
             "cpu s", "rows/s", "files", "MB");
  for (int run = 0; run < runs; ++run) {
    for (auto& c : cases) {
      if (!only.empty() && only != (c.expression.empty() ? "unpartitioned" : "partitioned"))
        continue;
      // Interleaved, so that a noisy neighbour slows both alike.
      auto r = Materialize(root, rows, days, c.expression, fsync);
      if (!r) {
        fmt::print(stderr, "{}: {}\n", c.name, r.error().ToString());
        return 1;
      }
      fmt::print("{:<26} {:>5} {:>10.2f} {:>10.2f} {:>14.0f} {:>7} {:>9.1f}\n", c.name, run + 1,
                 r->seconds, r->cpu_seconds, static_cast<double>(rows) / r->seconds, r->files,
                 static_cast<double>(r->bytes) / 1e6);
      c.files = r->files;
      c.bytes = r->bytes;
      c.seconds.push_back(r->seconds);
      c.cpu_seconds.push_back(r->cpu_seconds);
    }
  }
  if (!only.empty()) return 0;
  fmt::print("\n{:<26} {:>14} {:>10} {:>7} {:>9}\n", "median", "rows/s", "cpu s", "files", "MB");
  for (const auto& c : cases) {
    fmt::print("{:<26} {:>14.0f} {:>10.2f} {:>7} {:>9.1f}\n", c.name,
               static_cast<double>(rows) / c.Median(), c.CpuMedian(), c.files,
               static_cast<double>(c.bytes) / 1e6);
  }
  const double ratio = cases[0].Median() / cases[1].Median();
  fmt::print("partitioned / unpartitioned throughput: {:.2f} (fanout costs {:.0f}%)\n", ratio,
             (1.0 - ratio) * 100.0);
  // The partitioned write spreads its partitions over the cores (DataWriterOptions::threads), so
  // its wall-clock throughput hides work: CPU time tells what the fanout costs in all.
  fmt::print("partitioned / unpartitioned CPU time: {:.2f}\n",
             cases[1].CpuMedian() / cases[0].CpuMedian());
  return 0;
}

}  // namespace
}  // namespace floe::iceberg

int main(int argc, char** argv) { return floe::iceberg::Main(argc, argv); }
