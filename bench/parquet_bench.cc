// parquet_bench: floe's Parquet write and read throughput on the benchmark table
// (id int64, ts timestamp, name string, amount double, flag boolean).
//
//   parquet_bench [ROWS=10000000] [DIR=/tmp] [CODEC=snappy] [read]
//
// With `read` as the fourth argument, only reads DIR/floe_bench.parquet (for profiling the read
// path: perf record -g parquet_bench 10000000 /tmp snappy read).
//
// Reading decodes columns on FLOE_BENCH_THREADS threads (default: every core, as DuckDB does);
// FLOE_BENCH_COLUMNS=id,ts reads only those columns (for profiling one column's cost).
// Writes DIR/floe_bench.parquet, reads it back, and, when DIR/duckdb_bench.parquet exists (written
// by bench/parquet_bench.mjs with DuckDB), reads that too. Prints one table row per measurement
// and a final JSON line that parquet_bench.mjs puts beside DuckDB's figures from the same run.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "floe/columnar/builder.h"
#include "floe/columnar/record_batch.h"
#include "floe/format/parquet/file_reader.h"
#include "floe/format/parquet/file_writer.h"
#include "floe/format/parquet/output_stream.h"
#include "floe/format/parquet/random_access_input.h"

namespace floe::parquet {
namespace {

using columnar::DataType;
using columnar::Field;
using Clock = std::chrono::steady_clock;

constexpr int64_t kBatchRows = 64 * 1024;

columnar::Schema BenchSchema() {
  return columnar::Schema(
      {Field("id", DataType::Int64(), false, 1), Field("ts", DataType::Timestamp("UTC"), false, 2),
       Field("name", DataType::String(), false, 3), Field("amount", DataType::Float64(), false, 4),
       Field("flag", DataType::Boolean(), false, 5)});
}

double Seconds(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

Result<double> Write(const std::string& path, int64_t rows, format::CompressionCodec codec) {
  columnar::Schema schema = BenchSchema();
  columnar::Int64Builder ids;
  columnar::TimestampBuilder ts("UTC");
  columnar::StringBuilder names;
  columnar::Float64Builder amounts;
  columnar::BooleanBuilder flags;
  WriterOptions options;
  options.codec = codec;
  options.compression_level = 1;
  auto start = Clock::now();
  FLOE_ASSIGN_OR_RETURN(auto out, LocalFileOutput::Create(path));
  FLOE_ASSIGN_OR_RETURN(auto writer, FileWriter::Make(schema, std::move(out), options));
  std::string name;
  for (int64_t base = 0; base < rows; base += kBatchRows) {
    int64_t n = std::min(kBatchRows, rows - base);
    FLOE_RETURN_IF_ERROR(ids.Reserve(n));
    FLOE_RETURN_IF_ERROR(ts.Reserve(n));
    FLOE_RETURN_IF_ERROR(names.Reserve(n));
    FLOE_RETURN_IF_ERROR(names.ReserveData(n * 10));
    FLOE_RETURN_IF_ERROR(amounts.Reserve(n));
    FLOE_RETURN_IF_ERROR(flags.Reserve(n));
    for (int64_t i = base; i < base + n; ++i) {
      ids.UnsafeAppend(i);
      ts.UnsafeAppend(1600000000000000LL + i * 1000);
      name = fmt::format("name{}", i % 10000);
      names.UnsafeAppend(name);
      amounts.UnsafeAppend(static_cast<double>(i) * 0.01);
      flags.UnsafeAppend(i % 2 == 0);
    }
    FLOE_ASSIGN_OR_RETURN(auto a, ids.Finish());
    FLOE_ASSIGN_OR_RETURN(auto b, ts.Finish());
    FLOE_ASSIGN_OR_RETURN(auto c, names.Finish());
    FLOE_ASSIGN_OR_RETURN(auto d, amounts.Finish());
    FLOE_ASSIGN_OR_RETURN(auto e, flags.Finish());
    FLOE_ASSIGN_OR_RETURN(auto batch, columnar::RecordBatch::Make(schema, {a, b, c, d, e}, n));
    FLOE_RETURN_IF_ERROR(writer->Write(batch));
  }
  FLOE_ASSIGN_OR_RETURN(FileMetrics metrics, writer->Close());
  (void)metrics;
  return Seconds(start);
}

// Decode threads for reading: FLOE_BENCH_THREADS, else every core.
int ReadThreads() {
  const char* env = std::getenv("FLOE_BENCH_THREADS");
  if (env != nullptr) return std::max(1, std::atoi(env));
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

// Reads every column of every row; returns seconds and the row count.
Result<std::pair<double, int64_t>> Read(const std::string& path) {
  auto start = Clock::now();
  FLOE_ASSIGN_OR_RETURN(auto input, LocalFileInput::Open(path));
  ReaderOptions options;
  options.decode_threads = ReadThreads();
  if (const char* columns = std::getenv("FLOE_BENCH_COLUMNS")) {
    std::vector<std::string> names;
    std::string list = columns;
    for (size_t at = 0; at <= list.size();) {
      size_t comma = std::min(list.find(',', at), list.size());
      names.push_back(list.substr(at, comma - at));
      at = comma + 1;
    }
    options.column_names = std::move(names);
  }
  FLOE_ASSIGN_OR_RETURN(auto reader, FileReader::Open(std::move(input), options));
  int64_t rows = 0;
  while (true) {
    FLOE_ASSIGN_OR_RETURN(auto batch, reader->Next());
    if (!batch) break;
    rows += batch->num_rows();
  }
  return std::pair<double, int64_t>(Seconds(start), rows);
}

int Run(int argc, char** argv) {
  int64_t rows = argc > 1 ? std::stoll(argv[1]) : 10'000'000;
  std::string dir = argc > 2 ? argv[2] : "/tmp";
  std::string codec_name = argc > 3 ? argv[3] : "snappy";
  auto codec = codec_name == "zstd"           ? format::CompressionCodec::kZstd
               : codec_name == "uncompressed" ? format::CompressionCodec::kUncompressed
                                              : format::CompressionCodec::kSnappy;
  std::string floe_path = dir + "/floe_bench.parquet";
  std::string duck_path = dir + "/duckdb_bench.parquet";
  if (argc > 4 && std::string(argv[4]) == "read") {
    auto read = Read(floe_path);
    if (!read) {
      fmt::print(stderr, "read failed: {}\n", read.error().ToString());
      return 1;
    }
    fmt::print("read {} rows in {:.3f} s\n", read->second, read->first);
    return 0;
  }
  auto written = Write(floe_path, rows, codec);
  if (!written) {
    fmt::print(stderr, "write failed: {}\n", written.error().ToString());
    return 1;
  }
  auto read = Read(floe_path);
  if (!read) {
    fmt::print(stderr, "read failed: {}\n", read.error().ToString());
    return 1;
  }
  double duck_read = -1;
  if (std::filesystem::exists(duck_path)) {
    auto r = Read(duck_path);
    if (!r) {
      fmt::print(stderr, "reading DuckDB's file failed: {}\n", r.error().ToString());
      return 1;
    }
    duck_read = r->first;
  }
  auto size = std::filesystem::file_size(floe_path);
  fmt::print("{:<34} {:>10} {:>12}\n", "floe", "seconds", "Mrows/s");
  fmt::print("{:<34} {:>10.3f} {:>12.2f}\n", "write " + codec_name, *written,
             rows / *written / 1e6);
  fmt::print("{:<34} {:>10.3f} {:>12.2f}\n", "read own file", read->first,
             rows / read->first / 1e6);
  if (duck_read >= 0) {
    fmt::print("{:<34} {:>10.3f} {:>12.2f}\n", "read DuckDB's file", duck_read,
               rows / duck_read / 1e6);
  }
  fmt::print(
      "{{\"rows\":{},\"write_s\":{:.4f},\"read_s\":{:.4f},\"read_duckdb_file_s\":{:.4f},"
      "\"file_bytes\":{},\"read_threads\":{}}}\n",
      rows, *written, read->first, duck_read, size, ReadThreads());
  return read->second == rows ? 0 : 1;
}

}  // namespace
}  // namespace floe::parquet

int main(int argc, char** argv) { return floe::parquet::Run(argc, argv); }
