// Error and StorageErrorDetail: floe's one error model.
//
// An Error carries a kind (what went wrong, from a small domain set), a message that is safe to
// show a user, and a StorageErrorDetail (the seed's section 3 model) with the internal detail:
// the operation, the table or namespace, and how many retries were spent. Whether an error is
// retryable follows from its kind. Errors never carry secrets: callers must not format a
// SecretString's revealed value into a message.
//
//   return NotFound("no table {}", id.full_name());
//   return Error(ErrorKind::kIo, "short read").WithOperation("read_footer");
#pragma once

#include <chrono>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json_fwd.hpp>

namespace floe {

template <typename T>
class Result;

enum class ErrorKind {
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kCommitFailed,
  kCommitStateUnknown,
  kUnauthorized,
  kForbidden,
  kUnavailable,
  kTimeout,
  kIo,
  kCorruptFile,
  kNotSupported,
  kCircuitOpen,
  kInternal,
};

// "invalid argument", "not found", ... as printed in messages.
std::string_view ErrorKindName(ErrorKind kind);
// snake_case identifier ("invalid_argument") used as StorageErrorDetail::error_type.
std::string_view ErrorKindId(ErrorKind kind);

// Transient kinds that a retry may cure: unavailable, timeout, commit failed (a lost
// compare-and-swap). An unknown commit state is not retryable as is: it must be reconciled first.
bool IsRetryableKind(ErrorKind kind);

// The seed's StorageErrorDetail: structured detail for logs. Immutable; built by Make.
class StorageErrorDetail {
 public:
  struct Fields {
    std::string error_type{};
    std::string operation{};
    std::optional<std::string> table{};
    std::optional<std::string> namespace_{};
    std::string message{};
    bool retryable = false;
    int retry_count = 0;
  };

  // Checks the seed's rule: retry_count >= 0.
  static Result<StorageErrorDetail> Make(Fields fields);
  // Parses the seed's JSON form; unknown keys and wrong types are errors naming the field.
  static Result<StorageErrorDetail> FromJson(const nlohmann::json& json);
  static Result<StorageErrorDetail> FromYaml(std::string_view yaml);

  const std::string& error_type() const { return f_.error_type; }
  const std::string& operation() const { return f_.operation; }
  const std::optional<std::string>& table() const { return f_.table; }
  const std::optional<std::string>& namespace_() const { return f_.namespace_; }
  const std::string& message() const { return f_.message; }
  bool retryable() const { return f_.retryable; }
  int retry_count() const { return f_.retry_count; }

  nlohmann::json ToJson() const;
  std::string ToString() const;
  bool operator==(const StorageErrorDetail& other) const;

 private:
  friend class Error;
  explicit StorageErrorDetail(Fields fields) : f_(std::move(fields)) {}
  Fields f_;
};

class [[nodiscard]] Error {
 public:
  Error(ErrorKind kind, std::string message);

  ErrorKind kind() const { return kind_; }
  // The user-safe message, without the kind.
  const std::string& message() const { return message_; }
  const StorageErrorDetail& detail() const { return detail_; }
  bool retryable() const { return detail_.retryable(); }
  // A server's Retry-After, when it sent one.
  const std::optional<std::chrono::milliseconds>& retry_after() const { return retry_after_; }

  // Builders that return a copy with more detail filled in.
  Error WithOperation(std::string operation) const;
  Error WithTable(std::string table) const;
  Error WithNamespace(std::string ns) const;
  Error WithInternalMessage(std::string message) const;
  Error WithRetryCount(int retry_count) const;
  Error WithRetryAfter(std::chrono::milliseconds wait) const;
  // Prefixes the user message with context: "loading table a.b: " + message.
  Error WithContext(std::string_view context) const;

  // "not found: no table a.b"
  std::string ToString() const;

 private:
  ErrorKind kind_;
  std::string message_;
  StorageErrorDetail detail_;
  std::optional<std::chrono::milliseconds> retry_after_;
};

std::ostream& operator<<(std::ostream& os, const Error& error);
std::ostream& operator<<(std::ostream& os, ErrorKind kind);
std::ostream& operator<<(std::ostream& os, const StorageErrorDetail& detail);

}  // namespace floe
