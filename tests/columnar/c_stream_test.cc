// Arrow C Stream Interface: a BatchReader exported then imported yields the same batches.
#include "floe/columnar/c_stream.h"

#include <gtest/gtest.h>

#include <cerrno>

#include "columnar/columnar_test_util.h"
#include "floe/columnar/batch_reader.h"
#include "floe/columnar/c_abi.h"
#include "floe/columnar/compare.h"

namespace floe::columnar {
namespace {

using testing::Int32s;
using testing::IsError;
using testing::IsOk;
using testing::Strings;

Schema TestSchema() {
  return Schema(
      {Field("id", DataType::Int32(), false, 1), Field("name", DataType::String(), true, 2)},
      {{"origin", "test"}});
}

std::vector<RecordBatch> TestBatches() {
  std::vector<RecordBatch> out;
  out.push_back(*RecordBatch::Make(TestSchema(), {Int32s({1, 2}), Strings({"a", std::nullopt})}));
  out.push_back(*RecordBatch::Make(TestSchema(), {Int32s({}), Strings({})}));
  out.push_back(*RecordBatch::Make(TestSchema(), {Int32s({3, 4, 5}), Strings({"c", "d", "e"})}));
  return out;
}

TEST(CStreamTest, RoundTripYieldsTheSameBatches) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, VectorBatchReader::Make(TestSchema(), TestBatches()));
  ArrowArrayStream stream;
  ASSERT_THAT(ExportBatchReader(std::move(reader), &stream), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(auto imported, ImportBatchReader(&stream));
  EXPECT_EQ(stream.release, nullptr);
  EXPECT_EQ(imported->schema(), TestSchema());
  FLOE_ASSERT_OK_AND_ASSIGN(auto batches, imported->ReadAll());
  const auto expected = TestBatches();
  ASSERT_EQ(batches.size(), expected.size());
  for (size_t i = 0; i < batches.size(); ++i) {
    EXPECT_TRUE(RecordBatchEquals(batches[i], expected[i])) << batches[i].ToString();
  }
  FLOE_ASSERT_OK_AND_ASSIGN(auto after_end, imported->Next());
  EXPECT_FALSE(after_end.has_value());
}

TEST(CStreamTest, BatchesOutliveTheStream) {
  FLOE_ASSERT_OK_AND_ASSIGN(auto reader, VectorBatchReader::Make(TestSchema(), TestBatches()));
  ArrowArrayStream stream;
  ASSERT_THAT(ExportBatchReader(std::move(reader), &stream), IsOk());
  std::optional<RecordBatch> kept;
  {
    FLOE_ASSERT_OK_AND_ASSIGN(auto imported, ImportBatchReader(&stream));
    FLOE_ASSERT_OK_AND_ASSIGN(kept, imported->Next());
  }
  ASSERT_TRUE(kept.has_value());
  FLOE_EXPECT_ARRAY_EQ(kept->column(1), Strings({"a", std::nullopt}));
}

// A reader that fails on its second batch.
class FailingReader final : public BatchReader {
 public:
  const Schema& schema() const override { return schema_; }
  Result<std::optional<RecordBatch>> Next() override {
    if (calls_++ == 0) return std::optional<RecordBatch>(TestBatches()[0]);
    return CorruptFile("page checksum mismatch");
  }

 private:
  Schema schema_ = TestSchema();
  int calls_ = 0;
};

TEST(CStreamTest, ProducerErrorsCarryTheirMessage) {
  ArrowArrayStream stream;
  ASSERT_THAT(ExportBatchReader(std::make_unique<FailingReader>(), &stream), IsOk());
  // Raw C side: the second get_next fails with EIO and a message.
  ArrowArray array;
  ASSERT_EQ(stream.get_next(&stream, &array), 0);
  ASSERT_NE(array.release, nullptr);
  array.release(&array);
  EXPECT_EQ(stream.get_next(&stream, &array), EIO);
  ASSERT_NE(stream.get_last_error(&stream), nullptr);
  EXPECT_NE(std::string(stream.get_last_error(&stream)).find("page checksum mismatch"),
            std::string::npos);
  stream.release(&stream);
  EXPECT_EQ(stream.release, nullptr);

  // Through the importer: the first batch arrives, then an IoError with the producer's text.
  ASSERT_THAT(ExportBatchReader(std::make_unique<FailingReader>(), &stream), IsOk());
  FLOE_ASSERT_OK_AND_ASSIGN(auto imported, ImportBatchReader(&stream));
  FLOE_ASSERT_OK_AND_ASSIGN(auto first, imported->Next());
  EXPECT_TRUE(first.has_value());
  auto second = imported->Next();
  ASSERT_THAT(second, IsError(ErrorKind::kIo));
  EXPECT_NE(second.error().message().find("page checksum mismatch"), std::string::npos);
}

TEST(CStreamTest, AFailingGetSchemaIsAnIoError) {
  struct Producer {
    static int GetSchema(ArrowArrayStream*, ArrowSchema*) { return EINVAL; }
    static int GetNext(ArrowArrayStream*, ArrowArray*) { return EINVAL; }
    static const char* LastError(ArrowArrayStream*) { return "no schema today"; }
    static void Release(ArrowArrayStream* s) {
      ++*static_cast<int*>(s->private_data);
      s->release = nullptr;
    }
  };
  int releases = 0;
  ArrowArrayStream stream{&Producer::GetSchema, &Producer::GetNext, &Producer::LastError,
                          &Producer::Release, &releases};
  auto reader = ImportBatchReader(&stream);
  ASSERT_THAT(reader, IsError(ErrorKind::kIo));
  EXPECT_NE(reader.error().message().find("no schema today"), std::string::npos);
  EXPECT_EQ(releases, 1);
  EXPECT_EQ(stream.release, nullptr);
}

TEST(CStreamTest, ImportRejectsAReleasedStream) {
  ArrowArrayStream stream{};
  EXPECT_THAT(ImportBatchReader(&stream), IsError(ErrorKind::kInvalidArgument));
  EXPECT_THAT(ExportBatchReader(nullptr, &stream), IsError(ErrorKind::kInvalidArgument));
}

}  // namespace
}  // namespace floe::columnar
