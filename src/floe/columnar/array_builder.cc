#include "floe/columnar/array_builder.h"

#include <atomic>
#include <cstring>

namespace floe::columnar {

namespace builder_internal {

Status ReusableBuffer::Grow(int64_t bytes, int64_t live_bytes) {
  // After Finish (capacity 0) nothing is live: the old bytes belong to the finished array.
  if (live_bytes > capacity_) live_bytes = capacity_;
  int64_t target = capacity_ * 2;
  if (target < bytes) target = bytes;
  if (buffer_ != nullptr && buffer_.use_count() == 1) {
    // Every Array that shared this buffer is gone; pair with their release of it before we
    // write into the memory again.
    std::atomic_thread_fence(std::memory_order_acquire);
    FLOE_RETURN_IF_ERROR(buffer_->Reserve(target));
  } else {
    FLOE_ASSIGN_OR_RETURN(auto fresh, Buffer::Allocate(0, target));
    if (live_bytes > 0) std::memcpy(fresh->mutable_data(), data_, static_cast<size_t>(live_bytes));
    buffer_ = std::move(fresh);
  }
  data_ = buffer_->mutable_data();
  capacity_ = buffer_->capacity();
  return OkStatus();
}

std::shared_ptr<Buffer> ReusableBuffer::Finish(int64_t size) {
  if (buffer_ == nullptr) {
    auto fresh = Buffer::Allocate(0);
    if (!fresh) return nullptr;
    buffer_ = *std::move(fresh);
    data_ = buffer_->mutable_data();
  }
  // Resize within capacity cannot fail.
  (void)buffer_->Resize(size);
  capacity_ = 0;
  return buffer_;
}

}  // namespace builder_internal

Status ArrayBuilder::Grow(int64_t min_capacity) {
  const int64_t new_capacity = NextCapacity(min_capacity);
  FLOE_RETURN_IF_ERROR(validity_.EnsureCapacity(
      bit_util::BytesForBits(new_capacity), null_count_ > 0 ? bit_util::BytesForBits(length_) : 0));
  capacity_ = new_capacity;
  return OkStatus();
}

void ArrayBuilder::MaterializeValidity() {
  bit_util::SetBitsTo(validity_.data(), 0, length_, true);
}

void ArrayBuilder::UnsafeAppendNullBits(int64_t n) {
  if (n <= 0) return;
  if (null_count_ == 0) MaterializeValidity();
  bit_util::SetBitsTo(validity_.data(), length_, n, false);
  null_count_ += n;
}

std::shared_ptr<Buffer> ArrayBuilder::FinishValidity() {
  std::shared_ptr<Buffer> out;
  if (null_count_ > 0) out = validity_.Finish(bit_util::BytesForBits(length_));
  capacity_ = 0;
  return out;
}

}  // namespace floe::columnar
