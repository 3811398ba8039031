// Snapshot: the state of a table at one commit (spec "Snapshots"): its id, parent, sequence
// number, time, manifest list and a summary whose "operation" says what the commit did.
// Immutable; snapshots live in table metadata and are never serialized on their own.
//
// JSON: {"snapshot-id": 3051729675574597004, "parent-snapshot-id": ..., "sequence-number": 1,
// "timestamp-ms": 1515100955770, "summary": {"operation": "append", ...},
// "manifest-list": "s3://.../snap-1.avro", "schema-id": 0}. Format v1 snapshots may instead
// list "manifests" and omit the summary and sequence number. Keys floe does not model (such as
// v3's "first-row-id") are kept and written back unchanged.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "floe/core/result.h"

namespace floe::iceberg {

// The spec's snapshot operations.
inline constexpr std::string_view kOperationAppend = "append";
inline constexpr std::string_view kOperationReplace = "replace";
inline constexpr std::string_view kOperationOverwrite = "overwrite";
inline constexpr std::string_view kOperationDelete = "delete";

class Snapshot {
 public:
  struct Fields {
    int64_t snapshot_id = 0;
    std::optional<int64_t> parent_snapshot_id;
    // Absent in format v1 (where it reads as 0).
    std::optional<int64_t> sequence_number;
    int64_t timestamp_ms = 0;
    std::optional<std::string> manifest_list;
    // Format v1 only, instead of a manifest list.
    std::optional<std::vector<std::string>> manifests;
    // Absent only in format v1; when present it holds "operation".
    std::optional<std::map<std::string, std::string>> summary;
    std::optional<int32_t> schema_id;
  };

  // Rules: a manifest list or manifests (not both); a summary, when present, has an operation
  // that is one of append, replace, overwrite, delete; sequence numbers are not negative.
  static Result<Snapshot> Make(Fields fields);
  static Result<Snapshot> FromJson(const nlohmann::json& json);
  nlohmann::json ToJson() const;

  int64_t snapshot_id() const { return f_.snapshot_id; }
  const std::optional<int64_t>& parent_snapshot_id() const { return f_.parent_snapshot_id; }
  int64_t sequence_number() const { return f_.sequence_number.value_or(0); }
  bool has_sequence_number() const { return f_.sequence_number.has_value(); }
  int64_t timestamp_ms() const { return f_.timestamp_ms; }
  const std::optional<std::string>& manifest_list() const { return f_.manifest_list; }
  const std::optional<std::vector<std::string>>& manifests() const { return f_.manifests; }
  const std::optional<std::map<std::string, std::string>>& summary() const { return f_.summary; }
  // The summary's operation; empty when there is no summary.
  std::string_view operation() const;
  const std::optional<int32_t>& schema_id() const { return f_.schema_id; }

  bool operator==(const Snapshot& other) const;

 private:
  Snapshot(Fields fields, nlohmann::json extra) : f_(std::move(fields)), extra_(std::move(extra)) {}

  Fields f_;
  nlohmann::json extra_;  // unmodelled keys, an object
};

}  // namespace floe::iceberg
