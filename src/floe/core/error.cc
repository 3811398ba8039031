#include "floe/core/error.h"

#include <nlohmann/json.hpp>

#include "floe/core/model_fields_internal.h"
#include "floe/core/result.h"
#include "floe/core/yaml.h"

namespace floe {

std::string_view ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument: return "invalid argument";
    case ErrorKind::kNotFound: return "not found";
    case ErrorKind::kAlreadyExists: return "already exists";
    case ErrorKind::kCommitFailed: return "commit failed";
    case ErrorKind::kCommitStateUnknown: return "commit state unknown";
    case ErrorKind::kUnauthorized: return "unauthorized";
    case ErrorKind::kForbidden: return "forbidden";
    case ErrorKind::kUnavailable: return "unavailable";
    case ErrorKind::kTimeout: return "timeout";
    case ErrorKind::kIo: return "io error";
    case ErrorKind::kCorruptFile: return "corrupt file";
    case ErrorKind::kNotSupported: return "not supported";
    case ErrorKind::kCircuitOpen: return "circuit open";
    case ErrorKind::kInternal: return "internal error";
  }
  return "unknown error";
}

std::string_view ErrorKindId(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kInvalidArgument: return "invalid_argument";
    case ErrorKind::kNotFound: return "not_found";
    case ErrorKind::kAlreadyExists: return "already_exists";
    case ErrorKind::kCommitFailed: return "commit_failed";
    case ErrorKind::kCommitStateUnknown: return "commit_state_unknown";
    case ErrorKind::kUnauthorized: return "unauthorized";
    case ErrorKind::kForbidden: return "forbidden";
    case ErrorKind::kUnavailable: return "unavailable";
    case ErrorKind::kTimeout: return "timeout";
    case ErrorKind::kIo: return "io";
    case ErrorKind::kCorruptFile: return "corrupt_file";
    case ErrorKind::kNotSupported: return "not_supported";
    case ErrorKind::kCircuitOpen: return "circuit_open";
    case ErrorKind::kInternal: return "internal";
  }
  return "unknown";
}

bool IsRetryableKind(ErrorKind kind) {
  return kind == ErrorKind::kUnavailable || kind == ErrorKind::kTimeout ||
         kind == ErrorKind::kCommitFailed;
}

// ---- StorageErrorDetail ----

Result<StorageErrorDetail> StorageErrorDetail::Make(Fields fields) {
  if (fields.retry_count < 0) {
    return InvalidArgument("StorageErrorDetail.retry_count must be >= 0, got {}",
                           fields.retry_count);
  }
  return StorageErrorDetail(std::move(fields));
}

Result<StorageErrorDetail> StorageErrorDetail::FromJson(const nlohmann::json& json) {
  internal::ModelReader r("StorageErrorDetail", json);
  Fields f;
  r.Required("error_type", f.error_type);
  r.Required("operation", f.operation);
  r.Optional("table", f.table);
  r.Optional("namespace", f.namespace_);
  r.Required("message", f.message);
  r.Optional("retryable", f.retryable);
  r.Optional("retry_count", f.retry_count);
  FLOE_RETURN_IF_ERROR(r.Finish());
  return Make(std::move(f));
}

Result<StorageErrorDetail> StorageErrorDetail::FromYaml(std::string_view yaml) {
  FLOE_ASSIGN_OR_RETURN(auto json, YamlToJson(yaml));
  return FromJson(json);
}

nlohmann::json StorageErrorDetail::ToJson() const {
  nlohmann::json j;
  j["error_type"] = f_.error_type;
  j["operation"] = f_.operation;
  j["table"] = f_.table ? nlohmann::json(*f_.table) : nlohmann::json(nullptr);
  j["namespace"] = f_.namespace_ ? nlohmann::json(*f_.namespace_) : nlohmann::json(nullptr);
  j["message"] = f_.message;
  j["retryable"] = f_.retryable;
  j["retry_count"] = f_.retry_count;
  return j;
}

std::string StorageErrorDetail::ToString() const {
  return fmt::format("StorageErrorDetail(error_type={}, operation={}, table={}, namespace={}, "
                     "message={}, retryable={}, retry_count={})",
                     f_.error_type, f_.operation, f_.table.value_or("None"),
                     f_.namespace_.value_or("None"), f_.message, f_.retryable, f_.retry_count);
}

bool StorageErrorDetail::operator==(const StorageErrorDetail& o) const {
  return f_.error_type == o.f_.error_type && f_.operation == o.f_.operation &&
         f_.table == o.f_.table && f_.namespace_ == o.f_.namespace_ &&
         f_.message == o.f_.message && f_.retryable == o.f_.retryable &&
         f_.retry_count == o.f_.retry_count;
}

// ---- Error ----

Error::Error(ErrorKind kind, std::string message)
    : kind_(kind),
      message_(message),
      detail_(StorageErrorDetail::Fields{.error_type = std::string(ErrorKindId(kind)),
                                         .operation = "unknown",
                                         .table = std::nullopt,
                                         .namespace_ = std::nullopt,
                                         .message = std::move(message),
                                         .retryable = IsRetryableKind(kind),
                                         .retry_count = 0}) {}

Error Error::WithOperation(std::string operation) const {
  Error e = *this;
  e.detail_.f_.operation = std::move(operation);
  return e;
}

Error Error::WithTable(std::string table) const {
  Error e = *this;
  e.detail_.f_.table = std::move(table);
  return e;
}

Error Error::WithNamespace(std::string ns) const {
  Error e = *this;
  e.detail_.f_.namespace_ = std::move(ns);
  return e;
}

Error Error::WithInternalMessage(std::string message) const {
  Error e = *this;
  e.detail_.f_.message = std::move(message);
  return e;
}

Error Error::WithRetryCount(int retry_count) const {
  Error e = *this;
  e.detail_.f_.retry_count = retry_count < 0 ? 0 : retry_count;
  return e;
}

Error Error::WithRetryAfter(std::chrono::milliseconds wait) const {
  Error e = *this;
  e.retry_after_ = wait;
  return e;
}

Error Error::WithContext(std::string_view context) const {
  Error e = *this;
  e.message_ = fmt::format("{}: {}", context, message_);
  return e;
}

std::string Error::ToString() const { return fmt::format("{}: {}", ErrorKindName(kind_), message_); }

std::ostream& operator<<(std::ostream& os, const Error& error) { return os << error.ToString(); }
std::ostream& operator<<(std::ostream& os, ErrorKind kind) { return os << ErrorKindName(kind); }
std::ostream& operator<<(std::ostream& os, const StorageErrorDetail& d) {
  return os << d.ToString();
}

}  // namespace floe
