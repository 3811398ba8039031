#include "floe/columnar/buffer.h"

#include <cstdlib>
#include <cstring>

namespace floe::columnar {

namespace {

int64_t RoundUpToAlignment(int64_t n) {
  return (n + Buffer::kAlignment - 1) / Buffer::kAlignment * Buffer::kAlignment;
}

Result<uint8_t*> AllocateAligned(int64_t capacity) {
  if (capacity == 0) return static_cast<uint8_t*>(nullptr);
  void* p =
      std::aligned_alloc(static_cast<size_t>(Buffer::kAlignment), static_cast<size_t>(capacity));
  if (p == nullptr) return Internal("cannot allocate {} bytes", capacity);
  return static_cast<uint8_t*>(p);
}

// A zero-length owned buffer still hands out a valid, aligned pointer: the C data interface
// wants non-null buffer pointers, and zero-sized allocations are avoided.
alignas(Buffer::kAlignment) const uint8_t kZeroPadding[Buffer::kAlignment] = {};

}  // namespace

Result<std::shared_ptr<Buffer>> Buffer::Allocate(int64_t size, int64_t capacity) {
  if (size < 0 || capacity < 0) return Internal("negative buffer size {}", size);
  std::shared_ptr<Buffer> buffer(new Buffer());
  buffer->owned_ = true;
  FLOE_RETURN_IF_ERROR(buffer->Reserve(capacity > size ? capacity : size));
  buffer->size_ = size;
  // Callers set bits into fresh bitmaps; the first touch of fresh pages is paid either way.
  if (size > 0) std::memset(buffer->data_, 0, static_cast<size_t>(size));
  return buffer;
}

Result<std::shared_ptr<Buffer>> Buffer::CopyFrom(std::span<const uint8_t> bytes) {
  const auto size = static_cast<int64_t>(bytes.size());
  FLOE_ASSIGN_OR_RETURN(auto buffer, Allocate(0, size));
  if (size > 0) std::memcpy(buffer->mutable_data(), bytes.data(), bytes.size());
  buffer->size_ = size;
  return buffer;
}

Result<std::shared_ptr<Buffer>> Buffer::CopyFrom(std::string_view bytes) {
  return CopyFrom(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
}

std::shared_ptr<Buffer> Buffer::Wrap(const uint8_t* data, int64_t size,
                                     std::shared_ptr<const void> owner) {
  std::shared_ptr<Buffer> buffer(new Buffer());
  buffer->data_ = const_cast<uint8_t*>(data);
  buffer->size_ = size;
  buffer->capacity_ = size;
  buffer->owner_ = std::move(owner);
  return buffer;
}

Buffer::~Buffer() {
  if (owned_ && capacity_ > 0) std::free(data_);
}

Status Buffer::Reserve(int64_t capacity) {
  if (!owned_) return Internal("cannot grow a foreign buffer");
  if (capacity <= capacity_ && data_ != nullptr) return OkStatus();
  if (capacity == 0) {
    data_ = const_cast<uint8_t*>(kZeroPadding);
    return OkStatus();
  }
  const int64_t rounded = RoundUpToAlignment(capacity);
  FLOE_ASSIGN_OR_RETURN(uint8_t * fresh, AllocateAligned(rounded));
  if (capacity_ > 0) {
    std::memcpy(fresh, data_, static_cast<size_t>(capacity_));
    std::free(data_);
  }
  // Only the last alignment block is zeroed: touching fresh memory is slow (INTEROP.md), and
  // the builder writes what it uses; the zeroed tail keeps padding bytes deterministic.
  std::memset(fresh + rounded - kAlignment, 0, static_cast<size_t>(kAlignment));
  data_ = fresh;
  capacity_ = rounded;
  return OkStatus();
}

Status Buffer::Resize(int64_t size) {
  if (size < 0) return Internal("negative buffer size {}", size);
  FLOE_RETURN_IF_ERROR(Reserve(size));
  size_ = size;
  return OkStatus();
}

}  // namespace floe::columnar
