#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "floe/core/uuid.h"
#include "floe/io/fault_injection_file_io.h"
#include "floe/io/local_file_io.h"
#include "floe/io/memory_file_io.h"
#include "support/matchers.h"

namespace floe::io {
namespace {

using ::floe::testing::IsError;
using ::floe::testing::IsOk;

std::string Text(const std::vector<uint8_t>& b) { return std::string(b.begin(), b.end()); }

// Runs the same contract against every FileIO.
class FileIOContractTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "local") {
      root_ = (std::filesystem::temp_directory_path() /
               ("floe-io-test-" + Uuid::Random().ToString()))
                  .string();
      io_ = std::make_unique<LocalFileIO>(/*sync=*/false);
    } else {
      root_ = "mem://bucket/root";
      io_ = std::make_unique<MemoryFileIO>();
    }
  }
  void TearDown() override {
    if (GetParam() == "local") std::filesystem::remove_all(root_);
  }
  std::string At(const std::string& rel) { return root_ + "/" + rel; }

  std::string root_;
  std::unique_ptr<FileIO> io_;
};

TEST_P(FileIOContractTest, WriteThenReadRanges) {
  ASSERT_THAT(io_->WriteFile(At("a/b/file.bin"), std::string_view("hello, iceberg")), IsOk());
  auto in = io_->NewInputFile(At("a/b/file.bin"));
  ASSERT_THAT(in, IsOk());
  EXPECT_EQ(*(*in)->Size(), 14);
  std::vector<uint8_t> buf;
  ASSERT_THAT((*in)->ReadAt(7, 7, buf), IsOk());
  EXPECT_EQ(Text(buf), "iceberg");
  ASSERT_THAT((*in)->ReadAt(14, 0, buf), IsOk());
  EXPECT_TRUE(buf.empty());
  EXPECT_THAT((*in)->ReadAt(10, 5, buf), IsError(ErrorKind::kCorruptFile));
  EXPECT_THAT((*in)->ReadAt(-1, 1, buf), IsError(ErrorKind::kCorruptFile));
  EXPECT_EQ(Text(*io_->ReadFile(At("a/b/file.bin"))), "hello, iceberg");
}

TEST_P(FileIOContractTest, NeverOverwritesUnlessAsked) {
  ASSERT_THAT(io_->WriteFile(At("m/v1.json"), std::string_view("one")), IsOk());
  EXPECT_THAT(io_->WriteFile(At("m/v1.json"), std::string_view("two")),
              IsError(ErrorKind::kAlreadyExists));
  EXPECT_EQ(Text(*io_->ReadFile(At("m/v1.json"))), "one");
  ASSERT_THAT(io_->WriteFile(At("m/v1.json"), std::string_view("three"), /*overwrite=*/true), IsOk());
  EXPECT_EQ(Text(*io_->ReadFile(At("m/v1.json"))), "three");
}

TEST_P(FileIOContractTest, BytesAppearOnlyAtClose) {
  auto out = io_->NewOutputFile(At("d/part.parquet"), false);
  ASSERT_THAT(out, IsOk());
  std::string payload = "partial";
  ASSERT_THAT((*out)->Write({reinterpret_cast<const uint8_t*>(payload.data()), payload.size()}), IsOk());
  EXPECT_EQ((*out)->position(), 7);
  EXPECT_FALSE(*io_->Exists(At("d/part.parquet")));
  EXPECT_TRUE(io_->List(At("d/"))->empty());
  (*out)->Abort();
  EXPECT_FALSE(*io_->Exists(At("d/part.parquet")));
  {
    auto dropped = io_->NewOutputFile(At("d/other.parquet"), false);
    ASSERT_THAT(dropped, IsOk());
    ASSERT_THAT((*dropped)->Write({reinterpret_cast<const uint8_t*>(payload.data()), 3}), IsOk());
  }  // destroyed without Close
  EXPECT_FALSE(*io_->Exists(At("d/other.parquet")));
  EXPECT_TRUE(io_->List(At("d/"))->empty());
}

TEST_P(FileIOContractTest, RacingCreatorsExactlyOneWins) {
  constexpr int kWriters = 8;
  std::atomic<int> wins{0}, lost{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kWriters; ++i) {
    threads.emplace_back([&, i] {
      auto out = io_->NewOutputFile(At("race/00001.metadata.json"), false);
      if (!out) {
        ++lost;
        return;
      }
      std::string body = "writer " + std::to_string(i);
      (void)(*out)->Write({reinterpret_cast<const uint8_t*>(body.data()), body.size()});
      if ((*out)->Close()) {
        ++wins;
      } else {
        ++lost;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wins.load(), 1);
  EXPECT_EQ(lost.load(), kWriters - 1);
  EXPECT_THAT(Text(*io_->ReadFile(At("race/00001.metadata.json"))), ::testing::StartsWith("writer "));
}

TEST_P(FileIOContractTest, ListDeleteExists) {
  for (const char* f : {"t/data/a.parquet", "t/data/b.parquet", "t/metadata/v1.json", "u/x"}) {
    ASSERT_THAT(io_->WriteFile(At(f), std::string_view("x")), IsOk());
  }
  auto data = io_->List(At("t/data/"));
  ASSERT_THAT(data, IsOk());
  ASSERT_EQ(data->size(), 2u);
  EXPECT_EQ((*data)[0].location, At("t/data/a.parquet"));
  EXPECT_EQ((*data)[0].size, 1);
  EXPECT_EQ(io_->List(At("t/"))->size(), 3u);
  ASSERT_THAT(io_->DeleteFile(At("t/data/a.parquet")), IsOk());
  EXPECT_FALSE(*io_->Exists(At("t/data/a.parquet")));
  EXPECT_THAT(io_->DeleteFile(At("t/data/a.parquet")), IsError(ErrorKind::kNotFound));
  EXPECT_THAT(io_->NewInputFile(At("nope")), IsError(ErrorKind::kNotFound));
  EXPECT_TRUE(io_->List(At("missing/"))->empty());
}

INSTANTIATE_TEST_SUITE_P(AllFileIOs, FileIOContractTest, ::testing::Values("local", "memory"));

TEST(LocalFileIOTest, FileUrisAndSchemes) {
  EXPECT_EQ(*LocalFileIO::ToPath("file:///tmp/a/../b"), "/tmp/b");
  EXPECT_EQ(*LocalFileIO::ToPath("file:/tmp/b"), "/tmp/b");
  EXPECT_EQ(*LocalFileIO::ToPath("/tmp/b"), "/tmp/b");
  EXPECT_THAT(LocalFileIO::ToPath("s3://bucket/key"), IsError(ErrorKind::kNotSupported));
  EXPECT_THAT(LocalFileIO::ToPath(""), IsError(ErrorKind::kInvalidArgument));
  LocalFileIO io(false);
  EXPECT_THAT(io.NewInputFile(std::filesystem::temp_directory_path().string()),
              IsError(ErrorKind::kInvalidArgument));
}

TEST(FaultInjectionFileIOTest, InjectedCloseFailurePublishesNothing) {
  auto mem = std::make_shared<MemoryFileIO>();
  FaultInjectionFileIO io(mem);
  io.FailNext(FaultInjectionFileIO::Op::kClose, "/data/", Unavailable("disk went away"));
  EXPECT_THAT(io.WriteFile("mem://t/data/1.parquet", std::string_view("x")),
              IsError(ErrorKind::kUnavailable));
  EXPECT_FALSE(*mem->Exists("mem://t/data/1.parquet"));
  // The fault is spent: the next write goes through.
  EXPECT_THAT(io.WriteFile("mem://t/data/1.parquet", std::string_view("x")), IsOk());
  EXPECT_THAT(io.WriteFile("mem://t/metadata/v1.json", std::string_view("{}")), IsOk());
  EXPECT_EQ(io.count(FaultInjectionFileIO::Op::kClose), 3);
  EXPECT_EQ(io.published(),
            (std::vector<std::string>{"mem://t/data/1.parquet", "mem://t/metadata/v1.json"}));
}

TEST(FaultInjectionFileIOTest, ReadFaultsMatchBySubstringAndCount) {
  auto mem = std::make_shared<MemoryFileIO>();
  ASSERT_THAT(mem->WriteFile("mem://a", std::string_view("abc")), IsOk());
  ASSERT_THAT(mem->WriteFile("mem://b", std::string_view("abc")), IsOk());
  FaultInjectionFileIO io(mem);
  io.FailNext(FaultInjectionFileIO::Op::kRead, "mem://a", IoError("bad sector"), 2);
  EXPECT_THAT(io.ReadFile("mem://a"), IsError(ErrorKind::kIo));
  EXPECT_THAT(io.ReadFile("mem://b"), IsOk());
  EXPECT_THAT(io.ReadFile("mem://a"), IsError(ErrorKind::kIo));
  EXPECT_THAT(io.ReadFile("mem://a"), IsOk());
  EXPECT_EQ(io.count(FaultInjectionFileIO::Op::kRead), 4);
}

}  // namespace
}  // namespace floe::io
