// Result<T> and Status: how every fallible floe function returns.
//
// Result<T> is std::expected<T, Error>; Status is Result<void>. One factory per error kind
// formats its message with fmt and returns something that converts to any Result:
//
//   Result<int> Parse(std::string_view s) {
//     if (s.empty()) return InvalidArgument("empty number");
//     ...
//   }
//   FLOE_ASSIGN_OR_RETURN(auto n, Parse(text));
//   FLOE_RETURN_IF_ERROR(Validate(n));
#pragma once

#include <expected>
#include <utility>

#include "floe/core/error.h"

namespace floe {

template <typename T>
class [[nodiscard]] Result : public std::expected<T, Error> {
 public:
  using std::expected<T, Error>::expected;
  Result() = default;
  Result(Error error) : std::expected<T, Error>(std::unexpect, std::move(error)) {}  // NOLINT
};

using Status = Result<void>;

inline Status OkStatus() { return {}; }

#define FLOE_DEFINE_ERROR_FACTORY(Name, Kind)                                    \
  template <typename... Args>                                                    \
  inline Error Name(fmt::format_string<Args...> format, Args&&... args) {        \
    return Error(ErrorKind::Kind, fmt::format(format, std::forward<Args>(args)...)); \
  }

FLOE_DEFINE_ERROR_FACTORY(InvalidArgument, kInvalidArgument)
FLOE_DEFINE_ERROR_FACTORY(NotFound, kNotFound)
FLOE_DEFINE_ERROR_FACTORY(AlreadyExists, kAlreadyExists)
FLOE_DEFINE_ERROR_FACTORY(CommitFailed, kCommitFailed)
FLOE_DEFINE_ERROR_FACTORY(CommitStateUnknown, kCommitStateUnknown)
FLOE_DEFINE_ERROR_FACTORY(Unauthorized, kUnauthorized)
FLOE_DEFINE_ERROR_FACTORY(Forbidden, kForbidden)
FLOE_DEFINE_ERROR_FACTORY(Unavailable, kUnavailable)
FLOE_DEFINE_ERROR_FACTORY(Timeout, kTimeout)
FLOE_DEFINE_ERROR_FACTORY(IoError, kIo)
FLOE_DEFINE_ERROR_FACTORY(CorruptFile, kCorruptFile)
FLOE_DEFINE_ERROR_FACTORY(NotSupported, kNotSupported)
FLOE_DEFINE_ERROR_FACTORY(CircuitOpen, kCircuitOpen)
FLOE_DEFINE_ERROR_FACTORY(Internal, kInternal)

#undef FLOE_DEFINE_ERROR_FACTORY

}  // namespace floe

#define FLOE_CONCAT_INNER(a, b) a##b
#define FLOE_CONCAT(a, b) FLOE_CONCAT_INNER(a, b)

// Returns the error of a Status or Result expression from the enclosing function.
#define FLOE_RETURN_IF_ERROR(expr)                                   \
  do {                                                               \
    auto&& floe_status_ = (expr);                                    \
    if (!floe_status_.has_value()) return std::move(floe_status_).error(); \
  } while (0)

// Evaluates a Result expression; on error returns it, else binds the value to `lhs`.
// Declares `lhs` in the enclosing scope, so it cannot itself be wrapped in do/while.
#define FLOE_ASSIGN_OR_RETURN(lhs, expr) \
  FLOE_ASSIGN_OR_RETURN_IMPL(FLOE_CONCAT(floe_result_, __LINE__), lhs, expr)

#define FLOE_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)     \
  auto tmp = (expr);                                   \
  if (!tmp.has_value()) return std::move(tmp).error(); \
  lhs = std::move(tmp).value()
