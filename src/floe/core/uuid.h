// Uuid: 16 bytes, printed in the canonical 8-4-4-4-12 lowercase hex form.
//
// Random (version 4) UUIDs name metadata and data files and identify tables.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "floe/core/result.h"

namespace floe {

class Uuid {
 public:
  Uuid() = default;
  explicit Uuid(const std::array<uint8_t, 16>& bytes) : bytes_(bytes) {}

  // A random version-4, variant-1 UUID from the operating system's entropy.
  static Uuid Random();
  // Parses "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (either case).
  static Result<Uuid> Parse(std::string_view text);

  const std::array<uint8_t, 16>& bytes() const { return bytes_; }
  std::string ToString() const;
  bool operator==(const Uuid&) const = default;

 private:
  std::array<uint8_t, 16> bytes_{};
};

}  // namespace floe
