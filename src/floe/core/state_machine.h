// The seed's two state machines (data-model.md section 5) as explicit types.
//
// Catalog connection:
//   Disconnected -connect-> Authenticating -success-> Connected
//   Authenticating -failure-> Reconnecting;  Connected -token expired / auth error-> Reconnecting
//   Reconnecting -retry with backoff-> Authenticating
//   Connected, Reconnecting -close / give up-> Disconnected
// Write operation:
//   Pending -handle_output-> Validating -valid-> Writing;  Validating -schema mismatch->
//   EvolvingSchema -evolved-> Writing;  Writing -success-> Committed;  Writing -conflict->
//   Retrying -retry-> Writing;  Retrying -max retries-> Failed;
//   Validating, EvolvingSchema, Writing -non-retryable error-> Failed
// Committed and Failed are final. Any other move is an error (kInternal: a bug in the caller),
// and the machine stays where it was.
#pragma once

#include <mutex>
#include <string_view>
#include <vector>

#include "floe/core/result.h"

namespace floe {

enum class ConnectionState { kDisconnected, kAuthenticating, kConnected, kReconnecting };
enum class WriteState {
  kPending,
  kValidating,
  kEvolvingSchema,
  kWriting,
  kCommitted,
  kRetrying,
  kFailed
};

std::string_view StateName(ConnectionState s);
std::string_view StateName(WriteState s);
bool IsLegalTransition(ConnectionState from, ConnectionState to);
bool IsLegalTransition(WriteState from, WriteState to);
bool IsFinal(WriteState s);

// A state with checked transitions. Thread-safe.
template <typename S>
class StateMachine {
 public:
  explicit StateMachine(std::string_view name, S initial) : name_(name), state_(initial) {
    history_.push_back(initial);
  }

  S state() const {
    std::lock_guard lock(mu_);
    return state_;
  }

  // Moves to `to` if legal from the current state; else kInternal naming both states.
  Status TransitionTo(S to) {
    std::lock_guard lock(mu_);
    if (!IsLegalTransition(state_, to)) {
      return Internal("{}: illegal state transition {} -> {}", name_, StateName(state_),
                      StateName(to));
    }
    state_ = to;
    history_.push_back(to);
    return OkStatus();
  }

  // Every state entered, the initial one first.
  std::vector<S> history() const {
    std::lock_guard lock(mu_);
    return history_;
  }

 private:
  std::string name_;
  mutable std::mutex mu_;
  S state_;
  std::vector<S> history_;
};

using ConnectionStateMachine = StateMachine<ConnectionState>;
using WriteStateMachine = StateMachine<WriteState>;

}  // namespace floe
