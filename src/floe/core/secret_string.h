// SecretString: a string that never shows itself.
//
// Client secrets, tokens and storage keys are held as SecretString. Printing, formatting,
// logging or serializing one gives "**********"; only reveal() hands out the value, and callers
// use it at the last moment (an HTTP header, a signature), never in a message.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace floe {

class SecretString {
 public:
  static constexpr std::string_view kMask = "**********";

  SecretString() = default;
  explicit SecretString(std::string value) : value_(std::move(value)) {}

  // The secret itself. REQUIRES: the result goes to a wire or a signer, never to a log or error.
  const std::string& reveal() const { return value_; }
  bool empty() const { return value_.empty(); }

  std::string ToString() const { return std::string(kMask); }

  bool operator==(const SecretString& other) const { return value_ == other.value_; }

 private:
  std::string value_;
};

inline std::ostream& operator<<(std::ostream& os, const SecretString& s) {
  return os << s.ToString();
}

}  // namespace floe

template <>
struct fmt::formatter<floe::SecretString> : fmt::formatter<std::string_view> {
  template <typename FormatContext>
  auto format(const floe::SecretString&, FormatContext& ctx) const {
    return fmt::formatter<std::string_view>::format(floe::SecretString::kMask, ctx);
  }
};
