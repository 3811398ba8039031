#include "floe/core/logging.h"

#include <cstdlib>
#include <mutex>

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace floe {
namespace {

std::mutex& LoggerMutex() {
  static std::mutex mu;
  return mu;
}

std::shared_ptr<spdlog::logger>& LoggerSlot() {
  static std::shared_ptr<spdlog::logger> logger;
  return logger;
}

}  // namespace

spdlog::logger& Log() {
  std::lock_guard lock(LoggerMutex());
  auto& slot = LoggerSlot();
  if (!slot) {
    slot = std::make_shared<spdlog::logger>(
        "floe", std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    const char* level = std::getenv("FLOE_LOG_LEVEL");
    slot->set_level(level ? spdlog::level::from_str(level) : spdlog::level::warn);
    slot->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ floe: %v");
  }
  return *slot;
}

void SetLogger(std::shared_ptr<spdlog::logger> logger) {
  std::lock_guard lock(LoggerMutex());
  LoggerSlot() = std::move(logger);
}

}  // namespace floe
