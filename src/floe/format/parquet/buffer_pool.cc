#include "floe/format/parquet/buffer_pool_internal.h"

#include <cstdlib>
#include <cstring>

namespace floe::parquet {

namespace {

constexpr size_t kAlignment = 64;

size_t RoundUp(size_t n) { return (n + kAlignment - 1) / kAlignment * kAlignment; }

}  // namespace

// Owner of a block lent out through Buffer::Wrap: gives it back to the pool when the Buffer dies.
struct BufferPool::Releaser {
  std::shared_ptr<BufferPool> pool;
  Block block;
  ~Releaser() { pool->Release(block); }
};

template <typename T>
struct BufferPool::VectorReleaser {
  std::shared_ptr<BufferPool> pool;
  std::vector<T> v;
  ~VectorReleaser() { pool->ReleaseVector(std::move(v)); }
};

std::shared_ptr<columnar::Buffer> BufferPool::WrapBytes(std::vector<uint8_t> v, int64_t size) {
  const uint8_t* data = v.data();
  std::shared_ptr<const void> owner(new VectorReleaser<uint8_t>{shared_from_this(), std::move(v)});
  return columnar::Buffer::Wrap(data, size, std::move(owner));
}

std::shared_ptr<columnar::Buffer> BufferPool::WrapOffsets(std::vector<int32_t> v) {
  const auto* data = reinterpret_cast<const uint8_t*>(v.data());
  auto size = static_cast<int64_t>(v.size() * sizeof(int32_t));
  std::shared_ptr<const void> owner(new VectorReleaser<int32_t>{shared_from_this(), std::move(v)});
  return columnar::Buffer::Wrap(data, size, std::move(owner));
}

template <typename T>
std::vector<T> BufferPool::TakeVector(std::vector<std::vector<T>>& idle) {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle.empty()) return {};
  size_t best = 0;
  for (size_t i = 1; i < idle.size(); ++i) {
    if (idle[i].capacity() > idle[best].capacity()) best = i;
  }
  std::vector<T> v = std::move(idle[best]);
  idle[best] = std::move(idle.back());
  idle.pop_back();
  retained_ -= static_cast<int64_t>(v.capacity() * sizeof(T));
  v.clear();
  return v;
}

std::vector<uint8_t> BufferPool::TakeBytes() { return TakeVector(idle_bytes_); }
std::vector<int32_t> BufferPool::TakeOffsets() { return TakeVector(idle_offsets_); }

void BufferPool::ReleaseVector(std::vector<uint8_t> v) {
  std::lock_guard<std::mutex> lock(mu_);
  auto bytes = static_cast<int64_t>(v.capacity());
  if (retained_ + bytes > max_retained_) return;
  retained_ += bytes;
  idle_bytes_.push_back(std::move(v));
}

void BufferPool::ReleaseVector(std::vector<int32_t> v) {
  std::lock_guard<std::mutex> lock(mu_);
  auto bytes = static_cast<int64_t>(v.capacity() * sizeof(int32_t));
  if (retained_ + bytes > max_retained_) return;
  retained_ += bytes;
  idle_offsets_.push_back(std::move(v));
}

std::shared_ptr<BufferPool> BufferPool::Make(int64_t max_retained_bytes) {
  return std::shared_ptr<BufferPool>(new BufferPool(max_retained_bytes));
}

BufferPool::~BufferPool() {
  for (Block& b : idle_) std::free(b.data);
}

Result<PooledBuffer> BufferPool::Acquire(int64_t size) {
  if (size < 0) return Internal("parquet: negative buffer size {}", size);
  const auto want = static_cast<size_t>(size);
  Block block{nullptr, 0};
  {
    std::lock_guard<std::mutex> lock(mu_);
    // Best fit, but never a block far larger than asked for: a small buffer must not pin a
    // block a large column needs next.
    size_t best = idle_.size();
    for (size_t i = 0; i < idle_.size(); ++i) {
      size_t cap = idle_[i].capacity;
      if (cap < want + kAlignment || cap > 2 * want + (size_t{64} << 10)) continue;
      if (best == idle_.size() || cap < idle_[best].capacity) best = i;
    }
    if (best < idle_.size()) {
      block = idle_[best];
      idle_[best] = idle_.back();
      idle_.pop_back();
      retained_ -= static_cast<int64_t>(block.capacity);
    }
  }
  if (block.data == nullptr) {
    // Room for growth keeps row groups of slightly different sizes on the same blocks.
    size_t capacity = RoundUp(want + want / 16 + kAlignment);
    void* p = std::aligned_alloc(kAlignment, capacity);
    if (p == nullptr) return Internal("parquet: cannot allocate {} bytes", capacity);
    block = Block{static_cast<uint8_t*>(p), capacity};
  }
  uint8_t* data = block.data;
  std::memset(data + want, 0, kAlignment);
  // Built in place: a moved-from Releaser would give the block back twice.
  std::shared_ptr<const void> owner(new Releaser{shared_from_this(), block});
  return PooledBuffer{columnar::Buffer::Wrap(data, size, std::move(owner)), data};
}

Result<PooledBuffer> BufferPool::AcquireZeroed(int64_t size) {
  FLOE_ASSIGN_OR_RETURN(PooledBuffer pooled, Acquire(size));
  if (size > 0) std::memset(pooled.data, 0, static_cast<size_t>(size));
  return pooled;
}

void BufferPool::Release(Block block) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (retained_ + static_cast<int64_t>(block.capacity) <= max_retained_) {
      idle_.push_back(block);
      retained_ += static_cast<int64_t>(block.capacity);
      return;
    }
  }
  std::free(block.data);
}

int64_t BufferPool::retained_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return retained_;
}

}  // namespace floe::parquet
