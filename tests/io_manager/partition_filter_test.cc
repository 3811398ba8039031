// PartitionRowFilter: partition keys and time windows as row filters.
#include "floe/io_manager/partition_filter.h"

#include <gmock/gmock.h>

#include "floe/iceberg/schema_text.h"
#include "support/matchers.h"

namespace floe::iceberg {
namespace {

using floe::testing::IsErrorWith;
using ::testing::HasSubstr;

Schema TestSchema() {
  return ParseSchemaText("id long not null, region string, ts timestamptz, d date, local timestamp")
      .value();
}

PartitionSpec Spec(std::string_view expression) {
  return MakePartitionSpec(TestSchema(), ParsePartitionExpression(expression).value()).value();
}

std::string FilterText(const PartitionKey& key, std::string_view expression,
                       std::optional<std::string> column = std::nullopt) {
  auto f = PartitionRowFilter(key, TestSchema(), Spec(expression), column);
  EXPECT_TRUE(f.has_value()) << f.error().ToString();
  return f ? f->filter->ToString() : "";
}

TEST(PartitionFilterTest, StaticKeysOfTimeTransformsArePeriods) {
  EXPECT_EQ(FilterText("2024-01-02", "day(ts), bucket(16, id)"),
            "(ts >= 2024-01-02T00:00:00+00:00 and ts < 2024-01-03T00:00:00+00:00)");
  EXPECT_EQ(FilterText("2024-01-02-10:00", "hour(ts)"),
            "(ts >= 2024-01-02T10:00:00+00:00 and ts < 2024-01-02T11:00:00+00:00)");
  EXPECT_EQ(FilterText("2024-12", "month(ts)"),
            "(ts >= 2024-12-01T00:00:00+00:00 and ts < 2025-01-01T00:00:00+00:00)");
  EXPECT_EQ(FilterText("2024-02-01", "month(d)"), "(d >= 2024-02-01 and d < 2024-03-01)");
  EXPECT_EQ(FilterText("2024", "year(local)"),
            "(local >= 2024-01-01T00:00:00 and local < 2025-01-01T00:00:00)");
  EXPECT_THAT(
      PartitionRowFilter(PartitionKey{"2024-01-02T05:00:00Z"}, TestSchema(), Spec("day(ts)")),
      IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("not the start of a day")));
  EXPECT_THAT(PartitionRowFilter(PartitionKey{"yesterday"}, TestSchema(), Spec("day(ts)")),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("expected YYYY-MM-DD")));
}

TEST(PartitionFilterTest, IdentityKeysAreEqualities) {
  EXPECT_EQ(FilterText("us-east", "region, day(ts)"), "region = 'us-east'");
  EXPECT_EQ(FilterText("7", "bucket(4, id)", "id"), "id = '7'");
  EXPECT_THAT(PartitionRowFilter(PartitionKey{"x"}, TestSchema(), Spec("bucket(4, id)")),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("set the partition column")));
  EXPECT_THAT(
      PartitionRowFilter(PartitionKey{"x"}, TestSchema(), PartitionSpec::Unpartitioned(), "nope"),
      IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("'nope' is not in the table")));
}

TEST(PartitionFilterTest, TimeWindows) {
  auto w = TimeWindow::FromIso("2024-01-02T06:00:00Z", "2024-01-02T12:00:00+00:00").value();
  EXPECT_EQ(w.ToString(), "2024-01-02T06:00:00+00:00/2024-01-02T12:00:00+00:00");
  EXPECT_EQ(FilterText(w, "day(ts), region"),
            "(ts >= 2024-01-02T06:00:00+00:00 and ts < 2024-01-02T12:00:00+00:00)");
  EXPECT_EQ(FilterText(TimeWindow::FromIso("2024-01-02", "2024-01-04").value(), "d"),
            "(d >= 2024-01-02 and d < 2024-01-04)");
  EXPECT_THAT(PartitionRowFilter(w, TestSchema(), Spec("d")),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("midnight")));
  EXPECT_THAT(PartitionRowFilter(w, TestSchema(), Spec("region"), "region"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("not a date or timestamp")));
  EXPECT_THAT(TimeWindow::FromIso("2024-01-02", "2024-01-01"),
              IsErrorWith(ErrorKind::kInvalidArgument, HasSubstr("empty")));
}

}  // namespace
}  // namespace floe::iceberg
