// Buffer: a contiguous block of bytes behind an array's validity bitmap, values, offsets or data.
//
// A Buffer either owns its memory (64-byte aligned, capacity padded to a multiple of 64 bytes,
// resizable, from Allocate) or wraps memory owned by someone else (Wrap), typically an imported
// Arrow C ArrowArray, whose release runs when the last Buffer wrapping it goes away. Buffers are
// shared through std::shared_ptr and are read-only once an Array refers to them; builders reuse
// an owned buffer only when they hold its last reference (see builder.h).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string_view>

#include "floe/core/result.h"

namespace floe::columnar {

class Buffer {
 public:
  static constexpr int64_t kAlignment = 64;

  // An owned buffer of `size` zeroed bytes with room for at least `capacity` bytes (the bytes
  // past `size` are unspecified). Fails with Internal on allocation failure or a negative size.
  static Result<std::shared_ptr<Buffer>> Allocate(int64_t size, int64_t capacity = 0);
  // An owned copy of `bytes`.
  static Result<std::shared_ptr<Buffer>> CopyFrom(std::span<const uint8_t> bytes);
  static Result<std::shared_ptr<Buffer>> CopyFrom(std::string_view bytes);
  // A view of foreign memory; `owner` is kept alive as long as the Buffer.
  // REQUIRES: [data, data + size) stays valid and unchanged while `owner` lives.
  static std::shared_ptr<Buffer> Wrap(const uint8_t* data, int64_t size,
                                      std::shared_ptr<const void> owner);

  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer();

  const uint8_t* data() const { return data_; }
  int64_t size() const { return size_; }
  int64_t capacity() const { return capacity_; }
  bool is_owned() const { return owned_; }

  // Views of the bytes as T. REQUIRES: data() is suitably aligned for T.
  template <typename T>
  std::span<const T> span_as() const {
    return {reinterpret_cast<const T*>(data_), static_cast<size_t>(size_) / sizeof(T)};
  }

  // Mutation, for builders. REQUIRES: is_owned() and no Array shares this buffer.
  uint8_t* mutable_data() { return data_; }
  // Grows capacity to at least `capacity` (geometric growth is the caller's choice); keeps data.
  Status Reserve(int64_t capacity);
  // Sets size, growing capacity when needed; new bytes are unspecified.
  Status Resize(int64_t size);

 private:
  Buffer() = default;

  uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
  bool owned_ = false;
  std::shared_ptr<const void> owner_;
};

}  // namespace floe::columnar
