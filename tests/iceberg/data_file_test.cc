#include "floe/iceberg/data_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using floe::testing::IsError;
using floe::testing::IsOk;

DataFile Sample() {
  DataFile f;
  f.file_path = "s3://bucket/t/data/00000.parquet";
  f.record_count = 10;
  f.file_size_in_bytes = 1000;
  return f;
}

TEST(DataFileTest, ValidFileValidates) { EXPECT_THAT(Sample().Validate(), IsOk()); }

TEST(DataFileTest, RulesAreChecked) {
  DataFile f = Sample();
  f.file_path.clear();
  EXPECT_THAT(f.Validate(), IsError(ErrorKind::kInvalidArgument));
  f = Sample();
  f.record_count = -1;
  EXPECT_THAT(f.Validate(), IsError(ErrorKind::kInvalidArgument));
  f = Sample();
  f.split_offsets = {100, 4};
  EXPECT_THAT(f.Validate(), IsError(ErrorKind::kInvalidArgument));
  f = Sample();
  f.content = DataFileContent::kEqualityDeletes;
  EXPECT_THAT(f.Validate(), IsError(ErrorKind::kInvalidArgument));
  f.equality_ids = {1};
  EXPECT_THAT(f.Validate(), IsOk());
  f.content = DataFileContent::kPositionDeletes;
  EXPECT_THAT(f.Validate(), IsError(ErrorKind::kInvalidArgument));
}

}  // namespace
}  // namespace floe::iceberg
