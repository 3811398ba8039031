#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "floe/catalog/metadata_files.h"
#include "floe/columnar/kernels.h"
#include "floe/iceberg/filter_parser.h"
#include "floe/format/parquet/file_reader.h"
#include "floe/iceberg/partition_spec.h"
#include "floe/io/fault_injection_file_io.h"
#include "floe/table/array_literal.h"
#include "floe/table/file_io_streams.h"
#include "table/table_test_util.h"

namespace floe::table {
namespace {

using ::testing::HasSubstr;
using ::testing::SizeIs;
using testing::TableTest;
using floe::testing::IsError;
using floe::testing::IsErrorWith;
using floe::testing::IsOk;

std::set<std::string> FilesUnder(const std::filesystem::path& dir) {
  std::set<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out.insert(e.path().string());
  }
  return out;
}

iceberg::ExprPtr Where(std::string_view text) { return iceberg::ParseFilter(text).value(); }

TEST_F(TableTest, CreateAppendScanAndTimeTravel) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded, catalog_->CreateTable(Id("events"), EventsSchema(), {}));
  EXPECT_THAT(loaded.metadata_location,
              ::testing::MatchesRegex(".*/db\\.db/events/metadata/00000-[0-9a-f-]{36}\\.metadata\\.json"));
  Table table(catalog_.get(), loaded);
  EXPECT_THAT(Ids(table.NewScan()), ::testing::IsEmpty());

  FLOE_ASSERT_OK_AND_ASSIGN(auto first, AppendBatch(table, Events(0, 100)));
  EXPECT_EQ(first.attempts, 1);
  EXPECT_THAT(table.metadata_location(), HasSubstr("/metadata/00001-"));
  const auto& summary = *first.snapshot.summary();
  EXPECT_EQ(summary.at("operation"), "append");
  EXPECT_EQ(summary.at("added-records"), "100");
  EXPECT_EQ(summary.at("total-records"), "100");
  EXPECT_EQ(summary.at("total-data-files"), "1");
  EXPECT_EQ(first.snapshot.sequence_number(), 1);

  FLOE_ASSERT_OK_AND_ASSIGN(auto second, AppendBatch(table, Events(100, 50)));
  EXPECT_EQ(second.snapshot.parent_snapshot_id(), first.snapshot.snapshot_id());
  EXPECT_EQ(second.snapshot.sequence_number(), 2);
  EXPECT_EQ(second.snapshot.summary()->at("total-records"), "150");
  EXPECT_THAT(table.metadata_location(), HasSubstr("/metadata/00002-"));

  // A fresh load sees what was committed.
  FLOE_ASSERT_OK_AND_ASSIGN(Table reloaded, Table::Load(*catalog_, Id("events")));
  EXPECT_EQ(Ids(reloaded.NewScan()), Range(0, 150));
  EXPECT_EQ(Ids(reloaded.NewScan().UseSnapshot(first.snapshot.snapshot_id())), Range(0, 100));
  EXPECT_EQ(Ids(reloaded.NewScan().AsOfTime(first.snapshot.timestamp_ms())).size(), 100u);
  EXPECT_THAT(reloaded.NewScan().AsOfTime(first.snapshot.timestamp_ms() - 1).Open(),
              IsError(ErrorKind::kNotFound));
  EXPECT_THAT(reloaded.NewScan().UseSnapshot(42).Open(), IsError(ErrorKind::kNotFound));
}

TEST_F(TableTest, ProjectionAndFilter) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded, catalog_->CreateTable(Id("events"), EventsSchema(), {}));
  Table table(catalog_.get(), loaded);
  ASSERT_THAT(AppendBatch(table, Events(0, 100)), IsOk());

  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, table.NewScan().Select({"name"}).Open());
  ASSERT_EQ(reader->schema().num_fields(), 1);
  EXPECT_EQ(reader->schema().field(0).name(), "name");
  FLOE_ASSERT_OK_AND_ASSIGN(auto batches, reader->ReadAll());
  int64_t rows = 0, nulls = 0;
  for (const auto& b : batches) {
    rows += b.num_rows();
    nulls += b.column(0).null_count();
  }
  EXPECT_EQ(rows, 100);
  EXPECT_EQ(nulls, 20);

  // The filter's column need not be selected.
  FLOE_ASSERT_OK_AND_ASSIGN(auto filtered,
                            table.NewScan().Select({"name"}).Filter(Where("id >= 90")).Open());
  FLOE_ASSERT_OK_AND_ASSIGN(auto fb, filtered->ReadAll());
  ASSERT_THAT(fb, SizeIs(1));
  EXPECT_EQ(fb[0].num_rows(), 10);
  EXPECT_EQ(fb[0].num_columns(), 1);

  EXPECT_EQ(Ids(table.NewScan().Filter(Where("id < 3 or id in (50, 51)"))),
            (std::vector<int64_t>{0, 1, 2, 50, 51}));
  // Comparisons with null are false: ids that are multiples of 5 have no name.
  EXPECT_EQ(Ids(table.NewScan().Filter(Where("name is null and id < 20"))),
            (std::vector<int64_t>{0, 5, 10, 15}));
  EXPECT_THAT(table.NewScan().Select({"nope"}).Open(),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("no column 'nope'")));
  EXPECT_THAT(table.NewScan().Filter(Where("nope = 1")).Open(),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("nope")));
  // Files whose bounds exclude the filter are not planned.
  FLOE_ASSERT_OK_AND_ASSIGN(auto none, table.NewScan().Filter(Where("id > 1000")).PlanFiles());
  EXPECT_THAT(none, ::testing::IsEmpty());
}

TEST_F(TableTest, PartitionedWritesPruneByPartition) {
  iceberg::Schema schema = EventsSchema();
  FLOE_ASSERT_OK_AND_ASSIGN(auto bucket, iceberg::Transform::Bucket(4));
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto spec, iceberg::PartitionSpec::Make(
                     schema, 0, {iceberg::PartitionField(3, 1000, "ts_day", iceberg::Transform::Day()),
                                 iceberg::PartitionField(1, 1001, "id_bucket", bucket)}));
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded,
                            catalog_->CreateTable(Id("events"), schema, {.spec = spec}));
  Table table(catalog_.get(), loaded);
  // 72 hourly rows: three days.
  FLOE_ASSERT_OK_AND_ASSIGN(auto committed, AppendBatch(table, Events(0, 72)));
  EXPECT_GT(committed.added_files.size(), 3u);
  EXPECT_LE(committed.added_files.size(), 12u);
  for (const auto& f : committed.added_files) {
    EXPECT_THAT(f.file_path, ::testing::MatchesRegex(
                                 ".*/data/ts_day=2024-01-0[123]/id_bucket=[0-3]/.*\\.parquet"));
    ASSERT_EQ(f.partition.size(), 2u);
  }
  EXPECT_EQ(committed.snapshot.summary()->at("changed-partition-count"),
            std::to_string(committed.added_files.size()));
  EXPECT_EQ(Ids(table.NewScan()), Range(0, 72));

  FLOE_ASSERT_OK_AND_ASSIGN(auto all, table.NewScan().PlanFiles());
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto day2, table.NewScan().Filter(Where("ts >= '2024-01-02T00:00:00+00:00' and "
                                              "ts < '2024-01-03T00:00:00+00:00'")).PlanFiles());
  EXPECT_LT(day2.size(), all.size());
  EXPECT_EQ(Ids(table.NewScan().Filter(Where("ts >= '2024-01-02T00:00:00+00:00' and "
                                             "ts < '2024-01-03T00:00:00+00:00'"))),
            Range(24, 48));
  FLOE_ASSERT_OK_AND_ASSIGN(auto one, table.NewScan().Filter(Where("id = 7")).PlanFiles());
  EXPECT_EQ(one.size(), 1u);
  EXPECT_EQ(Ids(table.NewScan().Filter(Where("id = 7"))), std::vector<int64_t>{7});
}

// Partition keys group rows by their transform results, nulls in a group of their own; a
// fanout's partitions are written and closed side by side, and give the same files (rolled at
// the same points) as on one thread.
TEST_F(TableTest, FanoutGroupsNullKeysAndClosesFilesSideBySide) {
  iceberg::Schema schema = EventsSchema();
  FLOE_ASSERT_OK_AND_ASSIGN(auto bucket, iceberg::Transform::Bucket(4));
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto spec, iceberg::PartitionSpec::Make(
                     schema, 0, {iceberg::PartitionField(3, 1000, "ts_day", iceberg::Transform::Day()),
                                 iceberg::PartitionField(2, 1001, "name_bucket", bucket)}));
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded,
                            catalog_->CreateTable(Id("events"), schema, {.spec = spec}));
  Table table(catalog_.get(), loaded);
  struct Folder {
    int64_t rows = 0;
    int files = 0;
    bool operator==(const Folder&) const = default;
  };
  auto files_by_folder = [&](int threads, int64_t target) -> std::map<std::string, Folder> {
    auto writer = table.NewDataWriter({.target_file_size_bytes = target, .threads = threads});
    EXPECT_THAT(writer, IsOk());
    // 240 hourly rows (ten days), in batches that each span several partitions.
    for (int64_t first = 0; first < 240; first += 50) {
      EXPECT_THAT((*writer)->Write(Events(first, std::min<int64_t>(50, 240 - first))), IsOk());
    }
    auto files = (*writer)->Close();
    EXPECT_THAT(files, IsOk());
    std::map<std::string, Folder> folders;
    for (const auto& f : *files) {
      Folder& folder = folders[f.file_path.substr(0, f.file_path.rfind('/'))];
      folder.rows += f.record_count;
      ++folder.files;
      EXPECT_EQ(f.partition.size(), 2u);
    }
    (*writer)->Abort();  // the files are not committed: deletes them
    return folders;
  };
  for (int64_t target : {int64_t{512} << 20, int64_t{1}}) {  // one file a partition, or a file a write
    const auto one = files_by_folder(1, target);
    const auto three = files_by_folder(3, target);
    EXPECT_TRUE(one == three) << target;
    int64_t total = 0, null_names = 0, files = 0;
    for (const auto& [folder, f] : three) {
      total += f.rows;
      files += f.files;
      if (folder.ends_with("name_bucket=null")) null_names += f.rows;
    }
    EXPECT_EQ(total, 240);
    EXPECT_EQ(null_names, 48);     // ids divisible by 5
    EXPECT_GT(three.size(), 30u);  // ten days, up to five groups a day
    if (target == 1) {
      EXPECT_GT(files, static_cast<int64_t>(three.size()));
    }
  }
}

// A file that fails to close fails the whole Close(), and every file of the writer is deleted,
// also those that closed on other threads.
TEST_F(TableTest, FanoutCloseFailureDeletesEveryFile) {
  iceberg::Schema schema = EventsSchema();
  FLOE_ASSERT_OK_AND_ASSIGN(auto bucket, iceberg::Transform::Bucket(8));
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto spec, iceberg::PartitionSpec::Make(
                     schema, 0, {iceberg::PartitionField(1, 1000, "id_bucket", bucket)}));
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded,
                            catalog_->CreateTable(Id("events"), schema, {.spec = spec}));
  auto faulty = std::make_shared<io::FaultInjectionFileIO>(std::make_shared<io::LocalFileIO>(false));
  faulty->FailNext(io::FaultInjectionFileIO::Op::kClose, "id_bucket=5", Unavailable("disk full"));
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer,
                            DataWriter::Make(*loaded.metadata, faulty, {.threads = 4}));
  ASSERT_THAT(writer->Write(Events(0, 400)), IsOk());
  EXPECT_THAT(writer->Close(), IsErrorWith(ErrorKind::kUnavailable, HasSubstr("disk full")));
  EXPECT_EQ(faulty->count(io::FaultInjectionFileIO::Op::kClose), 8);
  EXPECT_EQ(faulty->published().size(), 7u);
  size_t left = 0;
  if (std::filesystem::exists(loaded.metadata->location() + "/data")) {
    for (const auto& entry :
         std::filesystem::recursive_directory_iterator(loaded.metadata->location() + "/data")) {
      if (entry.is_regular_file()) ++left;
    }
  }
  EXPECT_EQ(left, 0u);
}

TEST_F(TableTest, OverwriteWholeTable) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded, catalog_->CreateTable(Id("events"), EventsSchema(), {}));
  Table table(catalog_.get(), loaded);
  FLOE_ASSERT_OK_AND_ASSIGN(auto first, AppendBatch(table, Events(0, 100)));
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer, table.NewDataWriter());
  ASSERT_THAT(writer->Write(Events(1000, 10)), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(auto files, writer->Close());
  FLOE_ASSERT_OK_AND_ASSIGN(auto result, table.Overwrite(nullptr, files));
  EXPECT_EQ(result.snapshot.operation(), "overwrite");
  EXPECT_EQ(result.snapshot.summary()->at("deleted-records"), "100");
  EXPECT_EQ(result.snapshot.summary()->at("total-records"), "10");
  EXPECT_EQ(Ids(table.NewScan()), Range(1000, 1010));
  // The old rows are still there for time travel.
  EXPECT_EQ(Ids(table.NewScan().UseSnapshot(first.snapshot.snapshot_id())), Range(0, 100));
}

TEST_F(TableTest, OverwriteByFilterRewritesPartlyMatchingFiles) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded, catalog_->CreateTable(Id("events"), EventsSchema(), {}));
  Table table(catalog_.get(), loaded);
  ASSERT_THAT(AppendBatch(table, Events(0, 100)), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(auto result, table.Overwrite(Where("id < 50"), {}));
  EXPECT_EQ(result.snapshot.operation(), "overwrite");
  EXPECT_EQ(result.removed_files.size(), 1u);
  EXPECT_EQ(result.added_files.size(), 1u);  // the rewritten remainder
  EXPECT_EQ(result.snapshot.summary()->at("total-records"), "50");
  EXPECT_EQ(Ids(table.NewScan()), Range(50, 100));

  // Rows where the filter is unknown (null name) do not match it and stay.
  FLOE_ASSERT_OK_AND_ASSIGN(auto r2, table.Overwrite(Where("name != 'name-51'"), {}));
  EXPECT_EQ(Ids(table.NewScan()), (std::vector<int64_t>{50, 51, 55, 60, 65, 70, 75, 80, 85, 90, 95}));
  // A filter that matches nothing changes no file.
  FLOE_ASSERT_OK_AND_ASSIGN(auto r3, table.Overwrite(Where("id > 5000"), {}));
  EXPECT_TRUE(r3.removed_files.empty());
  EXPECT_EQ(Ids(table.NewScan()).size(), 11u);
}

TEST_F(TableTest, OverwriteByFilterDropsWholePartitions) {
  iceberg::Schema schema = EventsSchema();
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto spec, iceberg::PartitionSpec::Make(
                     schema, 0, {iceberg::PartitionField(3, 1000, "ts_day", iceberg::Transform::Day())}));
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded,
                            catalog_->CreateTable(Id("events"), schema, {.spec = spec}));
  Table table(catalog_.get(), loaded);
  ASSERT_THAT(AppendBatch(table, Events(0, 72)), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer, table.NewDataWriter());
  ASSERT_THAT(writer->Write(Events(24, 24).Slice(0, 5).value()), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(auto files, writer->Close());
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto result, table.Overwrite(Where("ts >= '2024-01-02T00:00:00+00:00' and "
                                         "ts < '2024-01-03T00:00:00+00:00'"),
                                   files));
  // Day 2's file is dropped whole (nothing rewritten): only the new file is added.
  EXPECT_EQ(result.removed_files.size(), 1u);
  EXPECT_EQ(result.added_files.size(), 1u);
  std::vector<int64_t> expected = Range(0, 29);
  auto day3 = Range(48, 72);
  expected.insert(expected.end(), day3.begin(), day3.end());
  EXPECT_EQ(Ids(table.NewScan()), expected);
}

TEST_F(TableTest, ConcurrentAppendsRetryAndKeepBoth) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded, catalog_->CreateTable(Id("events"), EventsSchema(), {}));
  Table a(catalog_.get(), loaded);
  Table b(catalog_.get(), loaded);
  FLOE_ASSERT_OK_AND_ASSIGN(auto ra, AppendBatch(a, Events(0, 10)));
  EXPECT_EQ(ra.attempts, 1);
  // b still holds the metadata from before a's commit: its first attempt loses.
  FLOE_ASSERT_OK_AND_ASSIGN(auto rb, AppendBatch(b, Events(10, 10)));
  EXPECT_EQ(rb.attempts, 2);
  EXPECT_EQ(rb.snapshot.parent_snapshot_id(), ra.snapshot.snapshot_id());
  EXPECT_EQ(rb.snapshot.summary()->at("total-records"), "20");
  FLOE_ASSERT_OK_AND_ASSIGN(Table fresh, Table::Load(*catalog_, Id("events")));
  EXPECT_EQ(Ids(fresh.NewScan()), Range(0, 20));
  // The losing attempt's manifest list was removed: one list per snapshot remains.
  int lists = 0;
  for (const auto& f : FilesUnder(dir_ / "db.db" / "events" / "metadata")) {
    if (f.find("/snap-") != std::string::npos) ++lists;
  }
  EXPECT_EQ(lists, 2);
}

TEST_F(TableTest, OverwriteConflictingWithARemovalFails) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded, catalog_->CreateTable(Id("events"), EventsSchema(), {}));
  Table a(catalog_.get(), loaded);
  ASSERT_THAT(AppendBatch(a, Events(0, 10)), IsOk());
  Table b = a;
  ASSERT_THAT(a.Overwrite(nullptr, {}), IsOk());
  EXPECT_THAT(b.Overwrite(Where("id < 5"), {}),
              IsErrorWith(ErrorKind::kCommitFailed, HasSubstr("no longer in the table")));
  FLOE_ASSERT_OK_AND_ASSIGN(Table fresh, Table::Load(*catalog_, Id("events")));
  EXPECT_THAT(Ids(fresh.NewScan()), ::testing::IsEmpty());
}

// A data file that lacks an identity-partitioned column (as files imported from Hive do) reads
// that column as the file's partition value, and filters on it see the value.
TEST_F(TableTest, IdentityPartitionColumnMissingFromFileReadsAsPartitionValue) {
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto schema, iceberg::Schema::Make(
                       0, {iceberg::NestedField::Required(1, "id", iceberg::PrimitiveType::Long()),
                           iceberg::NestedField::Optional(2, "region", iceberg::PrimitiveType::String())}));
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto spec, iceberg::PartitionSpec::Make(
                     schema, 0, {iceberg::PartitionField(2, 1000, "region", iceberg::Transform::Identity())}));
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded,
                            catalog_->CreateTable(Id("imported"), schema, {.spec = spec}));
  Table table(catalog_.get(), loaded);
  // Rows written the usual way carry the column.
  {
    columnar::Int64Builder ids;
    columnar::StringBuilder regions;
    ASSERT_THAT(ids.Append(100), IsOk());
    ASSERT_THAT(regions.Append("us"), IsOk());
    FLOE_ASSERT_OK_AND_ASSIGN(
        auto batch, columnar::RecordBatch::Make(
                        columnar::Schema({columnar::Field("id", columnar::DataType::Int64(), false),
                                          columnar::Field("region", columnar::DataType::String())}),
                        {*ids.Finish(), *regions.Finish()}));
    ASSERT_THAT(AppendBatch(table, batch), IsOk());
  }
  // A file with the id column only, registered in partition region=eu.
  const std::string path = table.metadata().location() + "/data/region=eu/imported.parquet";
  columnar::Schema file_schema({columnar::Field("id", columnar::DataType::Int64(), false, 1)});
  columnar::Int64Builder ids;
  for (int64_t id : {1, 2, 3}) ASSERT_THAT(ids.Append(id), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, columnar::RecordBatch::Make(file_schema, {*ids.Finish()}));
  FLOE_ASSERT_OK_AND_ASSIGN(auto out, table.io()->NewOutputFile(path, false));
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer, parquet::FileWriter::Make(
                                             file_schema, std::make_unique<FileIOOutputStream>(std::move(out))));
  ASSERT_THAT(writer->Write(batch), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(auto metrics, writer->Close());
  iceberg::DataFile file;
  file.file_path = path;
  file.file_format = "PARQUET";
  file.partition = {iceberg::Literal::String("eu")};
  file.record_count = metrics.row_count;
  file.file_size_in_bytes = metrics.file_size;
  ASSERT_THAT(table.Append({file}), IsOk());

  auto regions_by_id = [](const TableScan& scan) {
    std::map<int64_t, std::string> out;
    auto reader = scan.Open();
    EXPECT_THAT(reader, IsOk());
    while (true) {
      auto next = (*reader)->Next();
      EXPECT_THAT(next, IsOk());
      if (!next.has_value() || !next->has_value()) break;
      const auto& b = **next;
      const auto& id = b.column(b.schema().GetFieldIndex("id"));
      const auto& region = b.column(b.schema().GetFieldIndex("region"));
      for (int64_t i = 0; i < b.num_rows(); ++i) {
        out[id.values<int64_t>()[static_cast<size_t>(i)]] =
            region.IsNull(i) ? "<null>" : std::string(region.GetView(i));
      }
    }
    return out;
  };
  EXPECT_EQ(regions_by_id(table.NewScan()),
            (std::map<int64_t, std::string>{{1, "eu"}, {2, "eu"}, {3, "eu"}, {100, "us"}}));
  EXPECT_EQ(regions_by_id(table.NewScan().Filter(Where("region = 'eu'"))),
            (std::map<int64_t, std::string>{{1, "eu"}, {2, "eu"}, {3, "eu"}}));
}

TEST(RepeatLiteralTest, FillsPromotedTypesAndRefusesMismatches) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto longs,
                            RepeatLiteral(iceberg::Literal::Int(7), columnar::DataType::Int64(), 3));
  ASSERT_EQ(longs.length(), 3);
  EXPECT_EQ(longs.values<int64_t>()[2], 7);
  FLOE_ASSERT_OK_AND_ASSIGN(auto nulls,
                            RepeatLiteral(iceberg::Literal::Null(), columnar::DataType::String(), 2));
  EXPECT_EQ(nulls.null_count(), 2);
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto uuids, RepeatLiteral(iceberg::Literal::Uuid({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}),
                                columnar::DataType::FixedSizeBinary(16), 2));
  EXPECT_EQ(uuids.GetView(1).size(), 16u);
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto decimals, RepeatLiteral(iceberg::Literal::Decimal(1420, 2), columnar::DataType::Decimal128(9, 2), 1));
  EXPECT_EQ(decimals.length(), 1);
  EXPECT_THAT(RepeatLiteral(iceberg::Literal::Int(7), columnar::DataType::String(), 1),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("cannot fill")));
  EXPECT_THAT(RepeatLiteral(iceberg::Literal::Decimal(1420, 2), columnar::DataType::Decimal128(9, 3), 1),
              IsError(ErrorKind::kInvalidArgument));
}

TEST_F(TableTest, WriterConformsColumnsAndRejectsBadData) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded, catalog_->CreateTable(Id("events"), EventsSchema(), {}));
  Table table(catalog_.get(), loaded);
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer, table.NewDataWriter());
  // Columns in another order, one optional column missing, int32 ids widened to long.
  columnar::Int32Builder ids;
  ASSERT_THAT(ids.Append(7), IsOk());
  columnar::StringBuilder names;
  ASSERT_THAT(names.Append("seven"), IsOk());
  columnar::Schema s({columnar::Field("name", columnar::DataType::String()),
                      columnar::Field("id", columnar::DataType::Int32(), false)});
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, columnar::RecordBatch::Make(s, {names.Finish().value(),
                                                                        ids.Finish().value()}));
  ASSERT_THAT(writer->Write(batch), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(auto files, writer->Close());
  ASSERT_THAT(table.Append(files), IsOk());
  EXPECT_EQ(Ids(table.NewScan()), std::vector<int64_t>{7});

  FLOE_ASSERT_OK_AND_ASSIGN(auto w2, table.NewDataWriter());
  columnar::StringBuilder extra;
  ASSERT_THAT(extra.Append("x"), IsOk());
  columnar::Int64Builder id2;
  ASSERT_THAT(id2.Append(1), IsOk());
  columnar::Schema s2({columnar::Field("id", columnar::DataType::Int64(), false),
                       columnar::Field("color", columnar::DataType::String())});
  FLOE_ASSERT_OK_AND_ASSIGN(auto b2, columnar::RecordBatch::Make(s2, {id2.Finish().value(),
                                                                      extra.Finish().value()}));
  EXPECT_THAT(w2->Write(b2), IsErrorWith(ErrorKind::kInvalidArgument,
                                         HasSubstr("column 'color' is not in the table schema")));
  columnar::StringBuilder only_name;
  ASSERT_THAT(only_name.Append("x"), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto b3, columnar::RecordBatch::Make(columnar::Schema({columnar::Field("name", columnar::DataType::String())}),
                                           {only_name.Finish().value()}));
  EXPECT_THAT(w2->Write(b3), IsErrorWith(ErrorKind::kInvalidArgument,
                                         HasSubstr("column 'id' is required")));
  w2->Abort();
  EXPECT_EQ(Ids(table.NewScan()), std::vector<int64_t>{7});
}

TEST_F(TableTest, RollingFilesAtTargetSize) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded, catalog_->CreateTable(Id("events"), EventsSchema(), {}));
  Table table(catalog_.get(), loaded);
  parquet::WriterOptions small;
  small.row_group_max_rows = 1000;
  FLOE_ASSERT_OK_AND_ASSIGN(auto writer, table.NewDataWriter({.target_file_size_bytes = 1,
                                                              .parquet = small}));
  for (int i = 0; i < 3; ++i) ASSERT_THAT(writer->Write(Events(i * 1000, 1000)), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(auto files, writer->Close());
  EXPECT_EQ(files.size(), 3u);
  FLOE_ASSERT_OK_AND_ASSIGN(auto result, table.Append(files));
  EXPECT_EQ(result.snapshot.summary()->at("added-data-files"), "3");
  EXPECT_EQ(Ids(table.NewScan()), Range(0, 3000));
  for (const auto& f : files) {
    EXPECT_EQ(f.record_count, 1000);
    EXPECT_EQ(f.null_value_counts.at(2), 200);
    EXPECT_TRUE(f.lower_bounds.contains(1));
  }
}

TEST_F(TableTest, CatalogCommitRequirementsAndNoOrphans) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded, catalog_->CreateTable(Id("events"), EventsSchema(), {}));
  auto before = FilesUnder(dir_);
  std::vector<iceberg::TableRequirement> reqs{iceberg::AssertCurrentSchemaId{5}};
  std::vector<iceberg::TableUpdate> updates{iceberg::SetPropertiesUpdate{{{"k", "v"}}}};
  EXPECT_THAT(catalog_->CommitTable(Id("events"), reqs, updates), IsError(ErrorKind::kCommitFailed));
  EXPECT_EQ(FilesUnder(dir_).size(), before.size() + 0) << "no metadata file left behind";
  FLOE_ASSERT_OK_AND_ASSIGN(auto committed, catalog_->CommitTable(Id("events"), {}, updates));
  EXPECT_EQ(committed.metadata->properties().at("k"), "v");
  EXPECT_EQ(committed.metadata->fields().metadata_log.size(), 1u);
  EXPECT_EQ(committed.metadata->fields().metadata_log[0].metadata_file, loaded.metadata_location);
  EXPECT_EQ(catalog::ParseMetadataVersion(committed.metadata_location), 1);
}

TEST_F(TableTest, CatalogTableLifecycle) {
  EXPECT_THAT(catalog_->CreateTable(iceberg::TableIdentifier::Make({"nope"}, "t").value(),
                                    EventsSchema(), {}),
              IsError(ErrorKind::kNotFound));
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded, catalog_->CreateTable(Id("events"), EventsSchema(), {}));
  EXPECT_THAT(catalog_->CreateTable(Id("events"), EventsSchema(), {}),
              IsError(ErrorKind::kAlreadyExists));
  Table table(catalog_.get(), loaded);
  ASSERT_THAT(AppendBatch(table, Events(0, 10)), IsOk());
  EXPECT_THAT(catalog_->TableExists(Id("events")), ::testing::Optional(true));

  // Register the same metadata under another name, rename it, drop it without purge.
  FLOE_ASSERT_OK_AND_ASSIGN(auto registered,
                            catalog_->RegisterTable(Id("copy"), table.metadata_location()));
  EXPECT_EQ(Ids(Table(catalog_.get(), registered).NewScan()), Range(0, 10));
  ASSERT_THAT(catalog_->RenameTable(Id("copy"), Id("copy2")), IsOk());
  EXPECT_THAT(catalog_->LoadTable(Id("copy")), IsError(ErrorKind::kNotFound));
  ASSERT_THAT(catalog_->DropTable(Id("copy2"), /*purge=*/false), IsOk());
  EXPECT_EQ(Ids(Table::Load(*catalog_, Id("events")).value().NewScan()), Range(0, 10));

  // A corrupt metadata file is a clear error naming it.
  FLOE_ASSERT_OK_AND_ASSIGN(auto listed, catalog_->ListTables({"db"}));
  EXPECT_THAT(listed, SizeIs(1));
  auto data_files = FilesUnder(dir_ / "db.db" / "events");
  EXPECT_GE(data_files.size(), 5u);
  ASSERT_THAT(catalog_->DropTable(Id("events"), /*purge=*/true), IsOk());
  EXPECT_THAT(FilesUnder(dir_ / "db.db" / "events"), ::testing::IsEmpty());
  EXPECT_THAT(catalog_->LoadTable(Id("events")), IsError(ErrorKind::kNotFound));
}

TEST_F(TableTest, CorruptMetadataIsAClearError) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded, catalog_->CreateTable(Id("events"), EventsSchema(), {}));
  {
    std::ofstream out(loaded.metadata_location, std::ios::trunc);
    out << "{\"format-version\": 2, \"table-uuid\": ";
  }
  EXPECT_THAT(catalog_->LoadTable(Id("events")),
              IsErrorWith(ErrorKind::kCorruptFile, HasSubstr(loaded.metadata_location)));
}

}  // namespace
}  // namespace floe::table

namespace floe::table {
namespace {

TEST(AvroCompatibleNameTest, FollowsIcebergJavasParquetNames) {
  EXPECT_EQ(AvroCompatibleName("id"), "id");
  EXPECT_EQ(AvroCompatibleName("_x"), "_x");
  EXPECT_EQ(AvroCompatibleName("Breed Name"), "Breed_x20Name");
  EXPECT_EQ(AvroCompatibleName("1a"), "_1a");
  EXPECT_EQ(AvroCompatibleName("x.y"), "x_x2Ey");
  EXPECT_EQ(AvroCompatibleName("a-b"), "a_x2Db");
}

TEST_F(TableTest, ColumnsWithAnyNameRoundTrip) {
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto schema,
      iceberg::Schema::Make(0, {iceberg::NestedField::Required(1, "id", iceberg::PrimitiveType::Long()),
                                iceberg::NestedField::Optional(2, "Breed Name",
                                                               iceberg::PrimitiveType::String())}));
  FLOE_ASSERT_OK_AND_ASSIGN(auto loaded, catalog_->CreateTable(Id("names"), schema, {}));
  Table table(catalog_.get(), loaded);
  columnar::Int64Builder ids;
  columnar::StringBuilder names;
  ASSERT_THAT(ids.Append(1), floe::testing::IsOk());
  ASSERT_THAT(names.Append("lab"), floe::testing::IsOk());
  columnar::Schema s({columnar::Field("id", columnar::DataType::Int64(), false),
                      columnar::Field("Breed Name", columnar::DataType::String())});
  FLOE_ASSERT_OK_AND_ASSIGN(auto batch, columnar::RecordBatch::Make(s, {ids.Finish().value(),
                                                                        names.Finish().value()}));
  FLOE_ASSERT_OK_AND_ASSIGN(auto result, AppendBatch(table, batch));
  // The Parquet column is named as Java names it; reading by field id gives the table's name.
  FLOE_ASSERT_OK_AND_ASSIGN(auto input, io::LocalFileIO().NewInputFile(result.added_files[0].file_path));
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader,
                            parquet::FileReader::Open(std::make_unique<FileIOInput>(std::move(input))));
  EXPECT_EQ(reader->schema().field(1).name(), "Breed_x20Name");
  FLOE_ASSERT_OK_AND_ASSIGN(auto scan, table.NewScan().Select({"Breed Name"}).Open());
  FLOE_ASSERT_OK_AND_ASSIGN(auto batches, scan->ReadAll());
  ASSERT_EQ(batches.size(), 1u);
  EXPECT_EQ(batches[0].schema().field(0).name(), "Breed Name");
  EXPECT_EQ(batches[0].column(0).GetView(0), "lab");
}

}  // namespace
}  // namespace floe::table

namespace floe::table {
namespace {

TEST_F(TableTest, MalformedTablePropertiesAreNamedNotIgnored) {
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto loaded, catalog_->CreateTable(Id("events"), EventsSchema(),
                                         {.properties = {{"commit.retry.num-retries", "four"}}}));
  Table table(catalog_.get(), loaded);
  EXPECT_THAT(AppendBatch(table, Events(0, 10)),
              floe::testing::IsErrorWith(ErrorKind::kInvalidArgument,
                                         ::testing::HasSubstr("commit.retry.num-retries")));
  FLOE_ASSERT_OK_AND_ASSIGN(
      auto other, catalog_->CreateTable(Id("other"), EventsSchema(),
                                        {.properties = {{"write.target-file-size-bytes", "0"}}}));
  EXPECT_THAT(Table(catalog_.get(), other).NewDataWriter(),
              floe::testing::IsErrorWith(ErrorKind::kInvalidArgument,
                                         ::testing::HasSubstr("write.target-file-size-bytes")));
}

}  // namespace
}  // namespace floe::table
