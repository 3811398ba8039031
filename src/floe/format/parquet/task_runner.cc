#include "floe/format/parquet/task_runner_internal.h"

namespace floe::parquet {

TaskRunner::TaskRunner(int threads) {
  for (int i = 1; i < threads; ++i) helpers_.emplace_back([this] { HelperLoop(); });
}

TaskRunner::~TaskRunner() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  start_.notify_all();
  for (std::thread& t : helpers_) t.join();
}

void TaskRunner::Drain() {
  const auto& task = *task_;
  for (size_t i = next_.fetch_add(1); i < count_; i = next_.fetch_add(1)) task(i);
}

void TaskRunner::Run(size_t n, const std::function<void(size_t)>& task) {
  if (helpers_.empty() || n <= 1) {
    for (size_t i = 0; i < n; ++i) task(i);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    task_ = &task;
    count_ = n;
    next_.store(0);
    busy_helpers_ = static_cast<int>(helpers_.size());
    ++generation_;
  }
  start_.notify_all();
  Drain();
  std::unique_lock<std::mutex> lock(mu_);
  done_.wait(lock, [this] { return busy_helpers_ == 0; });
  task_ = nullptr;
}

void TaskRunner::HelperLoop() {
  size_t seen = 0;
  while (true) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      start_.wait(lock, [&] { return stop_ || generation_ != seen; });
      if (stop_) return;
      seen = generation_;
    }
    Drain();
    {
      std::lock_guard<std::mutex> lock(mu_);
      --busy_helpers_;
    }
    done_.notify_one();
  }
}

}  // namespace floe::parquet
