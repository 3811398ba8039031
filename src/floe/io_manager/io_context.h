// What pipeline code tells the IO manager about one output or input (Dagster's OutputContext and
// InputContext): the asset key, the partition being written or read, and per-asset settings.
//
//   OutputContext out{.asset_key = {"bronze", "events"},
//                     .partition_key = PartitionKey{"2024-01-02"},
//                     .metadata = {.write_mode = WriteMode::kOverwrite,
//                                  .partition_expression = "day(ts)"},
//                     .run_id = "run-42"};
//
// A partition key is a static value ("us-east", or "2024-01-02" for a day partition) or a time
// window [start, end) in microseconds since the epoch, UTC (TimeWindow::FromIso reads ISO-8601
// text). How a key becomes a row filter is in partition_filter.h.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "floe/core/result.h"
#include "floe/core/state_machine.h"
#include "floe/io_manager/io_manager_config.h"

namespace floe::iceberg {

// [start_us, end_us): microseconds since 1970-01-01T00:00:00Z.
struct TimeWindow {
  int64_t start_us = 0;
  int64_t end_us = 0;

  // REQUIRES: start < end (else InvalidArgument). Each bound is "YYYY-MM-DD" (midnight UTC) or
  // "YYYY-MM-DDTHH:MM:SS[.ffffff]" with "Z" or "+00:00" (or no zone, read as UTC).
  static Result<TimeWindow> FromIso(std::string_view start, std::string_view end);
  // "2024-01-02T00:00:00+00:00/2024-01-03T00:00:00+00:00" (an ISO-8601 interval).
  std::string ToString() const;
  bool operator==(const TimeWindow&) const = default;
};

using PartitionKey = std::variant<std::string, TimeWindow>;

// The key as recorded in snapshot summaries and MaterializationMetadata: the static value, or
// the window's ToString().
std::string PartitionKeyText(const PartitionKey& key);

// Per-asset settings of an output (Dagster's asset metadata).
struct OutputMetadata {
  // Overrides IcebergIOManagerConfig::write_mode.
  std::optional<WriteMode> write_mode{};
  // The partition spec of a table the IO manager creates: "day(ts), bucket(16, id)"
  // (schema_text.h). Ignored when the table exists.
  std::optional<std::string> partition_expression{};
  // Properties of a table the IO manager creates. Ignored when the table exists.
  std::map<std::string, std::string> table_properties{};
  // The column the partition key applies to; by default the one the table's partition spec
  // points at (partition_filter.h).
  std::optional<std::string> partition_column{};
};

struct OutputContext {
  std::vector<std::string> asset_key{};
  std::optional<PartitionKey> partition_key{};
  OutputMetadata metadata{};
  // Recorded in the snapshot summary as "floe.run-id" when not empty.
  std::string run_id{};
  // When set, the write drives this machine (so that callers can watch its states); else a
  // machine of its own. REQUIRES: in state Pending.
  WriteStateMachine* state = nullptr;
};

struct InputContext {
  std::vector<std::string> asset_key{};
  // Top-level columns to read, in this order (when column_projection_enabled); default all.
  std::optional<std::vector<std::string>> columns{};
  // Only the rows of this partition.
  std::optional<PartitionKey> partition_key{};
  std::optional<std::string> partition_column{};
  // Read this snapshot instead of the current one.
  std::optional<int64_t> snapshot_id{};
};

}  // namespace floe::iceberg
