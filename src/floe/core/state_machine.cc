#include "floe/core/state_machine.h"

namespace floe {

std::string_view StateName(ConnectionState s) {
  switch (s) {
    case ConnectionState::kDisconnected: return "Disconnected";
    case ConnectionState::kAuthenticating: return "Authenticating";
    case ConnectionState::kConnected: return "Connected";
    case ConnectionState::kReconnecting: return "Reconnecting";
  }
  return "?";
}

std::string_view StateName(WriteState s) {
  switch (s) {
    case WriteState::kPending: return "Pending";
    case WriteState::kValidating: return "Validating";
    case WriteState::kEvolvingSchema: return "EvolvingSchema";
    case WriteState::kWriting: return "Writing";
    case WriteState::kCommitted: return "Committed";
    case WriteState::kRetrying: return "Retrying";
    case WriteState::kFailed: return "Failed";
  }
  return "?";
}

bool IsLegalTransition(ConnectionState from, ConnectionState to) {
  using S = ConnectionState;
  switch (from) {
    case S::kDisconnected: return to == S::kAuthenticating;
    case S::kAuthenticating: return to == S::kConnected || to == S::kReconnecting;
    case S::kConnected: return to == S::kReconnecting || to == S::kDisconnected;
    case S::kReconnecting: return to == S::kAuthenticating || to == S::kDisconnected;
  }
  return false;
}

bool IsLegalTransition(WriteState from, WriteState to) {
  using S = WriteState;
  switch (from) {
    case S::kPending: return to == S::kValidating;
    case S::kValidating:
      return to == S::kWriting || to == S::kEvolvingSchema || to == S::kFailed;
    case S::kEvolvingSchema: return to == S::kWriting || to == S::kFailed;
    case S::kWriting:
      return to == S::kCommitted || to == S::kRetrying || to == S::kFailed;
    case S::kRetrying: return to == S::kWriting || to == S::kFailed;
    case S::kCommitted:
    case S::kFailed: return false;
  }
  return false;
}

bool IsFinal(WriteState s) { return s == WriteState::kCommitted || s == WriteState::kFailed; }

}  // namespace floe
