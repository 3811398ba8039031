// BufferPool: recycles the memory behind the arrays a FileReader hands out. Memory touched for the
// first time runs at ~0.25 GB/s on our machines, reused memory at ~13 GB/s, so a reader that
// allocated fresh buffers for every row group would spend most of its time in page faults.
//
// Acquire returns a columnar::Buffer wrapping a pooled block; when the last Array sharing that
// Buffer goes away (on any thread), the block goes back to the pool, to serve the next row group.
// The pool keeps at most `max_retained_bytes` of idle blocks and lives as long as any of its
// buffers does.
//
//   auto pool = BufferPool::Make();
//   FLOE_ASSIGN_OR_RETURN(PooledBuffer values, pool->Acquire(length * 8));
//   Fill(values.data);  // contents unspecified until written
//   ... Array::Make(type, length, {nullptr, values.buffer}) ...
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "floe/columnar/buffer.h"
#include "floe/core/result.h"

namespace floe::parquet {

// A buffer from the pool and its bytes, writable until an Array shares the buffer.
struct PooledBuffer {
  std::shared_ptr<columnar::Buffer> buffer;
  uint8_t* data;
};

class BufferPool : public std::enable_shared_from_this<BufferPool> {
 public:
  static constexpr int64_t kDefaultMaxRetainedBytes = int64_t{1} << 30;

  static std::shared_ptr<BufferPool> Make(int64_t max_retained_bytes = kDefaultMaxRetainedBytes);
  ~BufferPool();
  BufferPool(const BufferPool&) = delete;
  BufferPool& operator=(const BufferPool&) = delete;

  // A 64-byte aligned buffer of `size` bytes whose contents are unspecified (possibly a previous
  // user's bytes), with at least 64 bytes of padding after `size`.
  Result<PooledBuffer> Acquire(int64_t size);
  // The same, zero-filled (for bitmaps that are set bit by bit).
  Result<PooledBuffer> AcquireZeroed(int64_t size);

  // Vectors handed over as array buffers without a copy: Wrap* lends `v` to the returned Buffer
  // (its first `size` bytes, or offsets), and the vector comes back to the pool when the Buffer
  // dies; Take* returns the idle vector of largest capacity, emptied (or a new one).
  std::shared_ptr<columnar::Buffer> WrapBytes(std::vector<uint8_t> v, int64_t size);
  std::shared_ptr<columnar::Buffer> WrapOffsets(std::vector<int32_t> v);
  std::vector<uint8_t> TakeBytes();
  std::vector<int32_t> TakeOffsets();

  // Idle bytes held for reuse (for tests).
  int64_t retained_bytes() const;

 private:
  struct Block {
    uint8_t* data;
    size_t capacity;
  };
  struct Releaser;
  template <typename T>
  struct VectorReleaser;

  explicit BufferPool(int64_t max_retained_bytes) : max_retained_(max_retained_bytes) {}
  void Release(Block block);
  void ReleaseVector(std::vector<uint8_t> v);
  void ReleaseVector(std::vector<int32_t> v);
  template <typename T>
  std::vector<T> TakeVector(std::vector<std::vector<T>>& idle);

  const int64_t max_retained_;
  mutable std::mutex mu_;
  std::vector<Block> idle_;
  std::vector<std::vector<uint8_t>> idle_bytes_;
  std::vector<std::vector<int32_t>> idle_offsets_;
  int64_t retained_ = 0;
};

}  // namespace floe::parquet
