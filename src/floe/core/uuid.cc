#include "floe/core/uuid.h"

#include <unistd.h>

#include <random>

namespace floe {

Uuid Uuid::Random() {
  // One engine per thread, reseeded after fork(): a child must not repeat its parent's (or its
  // siblings') UUIDs, which name files and make snapshot ids.
  thread_local std::mt19937_64 engine{std::random_device{}()};
  thread_local pid_t seeded_pid = ::getpid();
  if (pid_t pid = ::getpid(); pid != seeded_pid) {
    engine.seed(std::random_device{}());
    seeded_pid = pid;
  }
  std::array<uint8_t, 16> b{};
  for (int i = 0; i < 16; i += 8) {
    uint64_t v = engine();
    for (int j = 0; j < 8; ++j) b[i + j] = static_cast<uint8_t>(v >> (8 * j));
  }
  b[6] = static_cast<uint8_t>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<uint8_t>((b[8] & 0x3f) | 0x80);
  return Uuid(b);
}

Result<Uuid> Uuid::Parse(std::string_view text) {
  if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' ||
      text[23] != '-') {
    return InvalidArgument("invalid UUID '{}': expected 8-4-4-4-12 hex digits", text);
  }
  std::array<uint8_t, 16> b{};
  int n = 0;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '-') continue;
    int hi = hex(text[i]), lo = hex(text[i + 1]);
    if (hi < 0 || lo < 0) return InvalidArgument("invalid UUID '{}': not hex", text);
    b[n++] = static_cast<uint8_t>(hi * 16 + lo);
    ++i;
  }
  return Uuid(b);
}

std::string Uuid::ToString() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string s;
  s.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s.push_back('-');
    s.push_back(kHex[bytes_[i] >> 4]);
    s.push_back(kHex[bytes_[i] & 15]);
  }
  return s;
}

}  // namespace floe
