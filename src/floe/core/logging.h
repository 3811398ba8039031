// Logging: one spdlog logger named "floe", to stderr by default.
//
// Messages are built from user-safe strings only; a SecretString formats as its mask, so
// passing one by mistake still prints "**********".
#pragma once

#include <memory>

#include <spdlog/logger.h>

namespace floe {

// The floe logger (created on first use; level from FLOE_LOG_LEVEL, default "warn").
spdlog::logger& Log();

// Replaces the logger's sinks, e.g. with an ostream sink in tests. Thread-safe with Log().
void SetLogger(std::shared_ptr<spdlog::logger> logger);

}  // namespace floe
