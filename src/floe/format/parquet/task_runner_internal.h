// TaskRunner: runs the tasks [0, n) of one call side by side on the caller's thread and on
// helper threads kept from call to call (starting a thread per batch would cost more than
// decoding a small batch). The FileReader uses it to decode the columns of a batch in parallel.
//
//   TaskRunner runner(2);  // the caller and one helper
//   runner.Run(columns.size(), [&](size_t i) { results[i] = DecodeColumn(i); });
//
// Run returns when every task has finished; tasks must not throw. With threads <= 1 no helper is
// started and Run is a plain loop.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace floe::parquet {

class TaskRunner {
 public:
  explicit TaskRunner(int threads);
  ~TaskRunner();
  TaskRunner(const TaskRunner&) = delete;
  TaskRunner& operator=(const TaskRunner&) = delete;

  int threads() const { return static_cast<int>(helpers_.size()) + 1; }

  // Calls task(i) once for each i in [0, n), on any of the threads.
  void Run(size_t n, const std::function<void(size_t)>& task);

 private:
  void HelperLoop();
  void Drain();

  std::mutex mu_;
  std::condition_variable start_;
  std::condition_variable done_;
  const std::function<void(size_t)>* task_ = nullptr;
  size_t count_ = 0;
  std::atomic<size_t> next_{0};
  size_t generation_ = 0;
  int busy_helpers_ = 0;
  bool stop_ = false;
  std::vector<std::thread> helpers_;
};

}  // namespace floe::parquet
