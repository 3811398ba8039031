// Shared setup for IO manager tests: a SqlCatalog in a fresh temp folder (optionally over a
// FaultInjectionFileIO), an IO manager config with fast retries, batch builders, and a Catalog
// decorator that makes data commits fail in chosen ways.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "floe/catalog/sql_catalog.h"
#include "floe/columnar/batch_reader.h"
#include "floe/columnar/builder.h"
#include "floe/columnar/record_batch.h"
#include "floe/core/uuid.h"
#include "floe/io/fault_injection_file_io.h"
#include "floe/io/local_file_io.h"
#include "floe/io_manager/io_manager.h"
#include "support/matchers.h"

namespace floe::iceberg::testing {

inline constexpr int64_t kJan1Micros = 1704067200LL * 1'000'000;  // 2024-01-01T00:00:00Z
inline constexpr int64_t kHourMicros = 3'600'000'000LL;

// Forwards everything to another catalog; data commits (those adding a snapshot) can be made to
// fail first with a conflict, or to report an unknown state after landing or without landing.
class FlakyCatalog final : public catalog::Catalog {
 public:
  explicit FlakyCatalog(catalog::Catalog* inner) : inner_(inner) {}

  std::atomic<int> conflicts{0};             // data commits to refuse with kCommitFailed
  std::atomic<int> unknown_after_commit{0};  // data commits to land, then report unknown
  std::atomic<int> unknown_no_commit{0};     // data commits to drop, reporting unknown
  std::atomic<int> data_commits{0};          // data commits that reached the inner catalog
  std::atomic<int> unavailable_loads{0};     // LoadTable calls to fail with kUnavailable
  // Added to unavailable_loads when an unknown_after_commit fires (so the reconciling reload
  // fails).
  std::atomic<int> unavailable_loads_after_unknown{0};
  // Runs (once) before the first refused conflict: lets a test change the table meanwhile.
  std::function<void()> before_conflict;

  Status CreateNamespace(const catalog::Namespace& ns,
                         const std::map<std::string, std::string>& p) override {
    return inner_->CreateNamespace(ns, p);
  }
  Result<std::vector<catalog::Namespace>> ListNamespaces(const catalog::Namespace& p) override {
    return inner_->ListNamespaces(p);
  }
  Result<polaris::NamespaceInfo> LoadNamespace(const catalog::Namespace& ns) override {
    return inner_->LoadNamespace(ns);
  }
  Result<bool> NamespaceExists(const catalog::Namespace& ns) override {
    return inner_->NamespaceExists(ns);
  }
  Status UpdateNamespaceProperties(const catalog::Namespace& ns, const std::vector<std::string>& r,
                                   const std::map<std::string, std::string>& u) override {
    return inner_->UpdateNamespaceProperties(ns, r, u);
  }
  Status DropNamespace(const catalog::Namespace& ns) override { return inner_->DropNamespace(ns); }
  Result<catalog::LoadedTable> CreateTable(const TableIdentifier& id, const Schema& schema,
                                           const catalog::CreateTableOptions& o) override {
    return inner_->CreateTable(id, schema, o);
  }
  Result<catalog::LoadedTable> LoadTable(const TableIdentifier& id) override {
    if (Take(unavailable_loads)) return Unavailable("injected: catalog unreachable");
    return inner_->LoadTable(id);
  }
  Result<std::vector<TableIdentifier>> ListTables(const catalog::Namespace& ns) override {
    return inner_->ListTables(ns);
  }
  Result<bool> TableExists(const TableIdentifier& id) override { return inner_->TableExists(id); }
  Status DropTable(const TableIdentifier& id, bool purge) override {
    return inner_->DropTable(id, purge);
  }
  Status RenameTable(const TableIdentifier& from, const TableIdentifier& to) override {
    return inner_->RenameTable(from, to);
  }
  Result<catalog::LoadedTable> RegisterTable(const TableIdentifier& id,
                                             std::string_view location) override {
    return inner_->RegisterTable(id, location);
  }
  Result<catalog::LoadedTable> CommitTable(const TableIdentifier& id,
                                           std::span<const TableRequirement> requirements,
                                           std::span<const TableUpdate> updates) override {
    bool data = false;
    for (const auto& u : updates) data |= u.As<AddSnapshotUpdate>() != nullptr;
    if (data) {
      if (Take(conflicts)) {
        if (before_conflict) {
          auto hook = std::move(before_conflict);
          before_conflict = nullptr;
          hook();
        }
        return CommitFailed("injected: another commit won");
      }
      if (Take(unknown_no_commit)) return CommitStateUnknown("injected: connection lost");
      auto result = inner_->CommitTable(id, requirements, updates);
      if (result) ++data_commits;
      if (result && Take(unknown_after_commit)) {
        unavailable_loads += unavailable_loads_after_unknown.exchange(0);
        return CommitStateUnknown("injected: connection lost after the commit");
      }
      return result;
    }
    return inner_->CommitTable(id, requirements, updates);
  }
  std::shared_ptr<io::FileIO> file_io() const override { return inner_->file_io(); }

 private:
  static bool Take(std::atomic<int>& n) {
    int v = n.load();
    while (v > 0) {
      if (n.compare_exchange_weak(v, v - 1)) return true;
    }
    return false;
  }
  catalog::Catalog* inner_;
};

class IoManagerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("floe-iom-" + Uuid::Random().ToString());
    std::filesystem::create_directories(dir_);
    fault_io_ =
        std::make_shared<io::FaultInjectionFileIO>(std::make_shared<io::LocalFileIO>(false));
    catalog_ = OpenCatalog();
    ASSERT_NE(catalog_, nullptr);
  }
  void TearDown() override {
    catalog_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::shared_ptr<catalog::SqlCatalog> OpenCatalog() {
    auto c = catalog::SqlCatalog::Open(
        {.path = (dir_ / "catalog.db").string(), .warehouse = dir_.string(), .file_io = fault_io_});
    EXPECT_TRUE(c.has_value()) << c.error().ToString();
    if (!c) return nullptr;
    return std::shared_ptr<catalog::SqlCatalog>(std::move(c).value());
  }

  static IcebergIOManagerConfig Config(bool evolution = true, int max_attempts = 10) {
    return IcebergIOManagerConfig::Make(
               {.catalog_uri = "sqlite:catalog.db",
                .warehouse = "warehouse",
                .schema_evolution_enabled = evolution,
                .retry = polaris::RetryConfig::Make({.max_attempts = max_attempts,
                                                     .initial_wait_seconds = 0.1,
                                                     .max_wait_seconds = 1.0,
                                                     .jitter_seconds = 0.0})
                             .value()})
        .value();
  }

  // Rows (id, name, ts): ts = `hour0` + (id - first) hours after 2024-01-01T00:00Z; name null
  // when id % 5 == 0.
  static columnar::RecordBatch Events(int64_t first, int64_t count, int64_t hour0 = -1) {
    if (hour0 < 0) hour0 = first;
    columnar::Int64Builder ids;
    columnar::StringBuilder names;
    columnar::TimestampBuilder ts("UTC");
    for (int64_t i = first; i < first + count; ++i) {
      EXPECT_TRUE(ids.Append(i).has_value());
      if (i % 5 == 0) {
        EXPECT_TRUE(names.AppendNull().has_value());
      } else {
        EXPECT_TRUE(names.Append("name-" + std::to_string(i)).has_value());
      }
      EXPECT_TRUE(ts.Append(kJan1Micros + (hour0 + i - first) * kHourMicros).has_value());
    }
    columnar::Schema schema({columnar::Field("id", columnar::DataType::Int64(), false),
                             columnar::Field("name", columnar::DataType::String()),
                             columnar::Field("ts", columnar::DataType::Timestamp("UTC"))});
    return columnar::RecordBatch::Make(
               schema, {ids.Finish().value(), names.Finish().value(), ts.Finish().value()})
        .value();
  }

  // Rows of day `day` (0 = 2024-01-01): ids day*100 + [0, 24) + offset, one per hour.
  static columnar::RecordBatch Day(int64_t day, int64_t offset = 0) {
    return Events(day * 100 + offset, 24, day * 24);
  }

  static std::unique_ptr<columnar::BatchReader> Reader(std::vector<columnar::RecordBatch> batches) {
    columnar::Schema schema = batches.front().schema();
    return columnar::VectorBatchReader::Make(schema, std::move(batches)).value();
  }
  static std::unique_ptr<columnar::BatchReader> Reader(columnar::RecordBatch batch) {
    return Reader(std::vector<columnar::RecordBatch>{std::move(batch)});
  }

  static std::vector<columnar::RecordBatch> ReadAll(IcebergIOManager& io, const InputContext& in) {
    auto reader = io.LoadInput(in);
    EXPECT_TRUE(reader.has_value()) << reader.error().ToString();
    if (!reader) return {};
    auto batches = (*reader)->ReadAll();
    EXPECT_TRUE(batches.has_value()) << batches.error().ToString();
    return batches ? *batches : std::vector<columnar::RecordBatch>{};
  }

  // Every id of the asset, sorted.
  static std::vector<int64_t> Ids(IcebergIOManager& io, InputContext in) {
    std::vector<int64_t> out;
    for (const auto& b : ReadAll(io, in)) {
      int col = b.schema().GetFieldIndex("id");
      EXPECT_GE(col, 0);
      if (col < 0) break;
      for (int64_t i = 0; i < b.num_rows(); ++i) {
        out.push_back(b.column(col).type().Equals(columnar::DataType::Int64(), false)
                          ? b.column(col).values<int64_t>()[static_cast<size_t>(i)]
                          : b.column(col).values<int32_t>()[static_cast<size_t>(i)]);
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  static std::vector<int64_t> Range(int64_t first, int64_t end) {
    std::vector<int64_t> out;
    for (int64_t i = first; i < end; ++i) out.push_back(i);
    return out;
  }
  static std::vector<int64_t> Concat(std::vector<std::vector<int64_t>> parts) {
    std::vector<int64_t> out;
    for (auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    std::sort(out.begin(), out.end());
    return out;
  }

  // Data files under the warehouse.
  std::set<std::string> DataFiles() const {
    std::set<std::string> out;
    if (!std::filesystem::exists(dir_)) return out;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir_)) {
      if (e.is_regular_file() && e.path().extension() == ".parquet") out.insert(e.path().string());
    }
    return out;
  }

  std::filesystem::path dir_;
  std::shared_ptr<io::FaultInjectionFileIO> fault_io_;
  std::shared_ptr<catalog::SqlCatalog> catalog_;
};

}  // namespace floe::iceberg::testing
