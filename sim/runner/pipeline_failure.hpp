#pragma once
// The first exception of a oneTBB pipeline's stages, kept until the pipeline has drained. An exception thrown
// out of a stage cancels the pipeline, and a cancelled oneTBB pipeline drops the items in flight without
// destroying them (LeakSanitizer found the finished replications of a run stopped by a full disk). So every
// stage runs under guard(): the first exception is kept, the input stops handing out work, later stages let
// their items pass, and rethrow() raises it once the pipeline has returned.
#include <atomic>
#include <exception>
#include <mutex>
#include <type_traits>

namespace ws::runner {

class PipelineFailure {
 public:
  // Runs `stage`; on an exception keeps the first one and returns a value-initialised result (e.g. null).
  template <typename Stage>
  auto guard(Stage&& stage) -> std::invoke_result_t<Stage> {
    using Result = std::invoke_result_t<Stage>;
    try {
      return stage();
    } catch (...) {
      const std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
      failed_.store(true, std::memory_order_release);
    }
    if constexpr (!std::is_void_v<Result>) return Result{};
  }
  bool failed() const { return failed_.load(std::memory_order_acquire); }
  // After the pipeline: the first exception of any stage, if there was one.
  void rethrow() const {
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr error_;
  std::atomic<bool> failed_{false};
};

}  // namespace ws::runner
