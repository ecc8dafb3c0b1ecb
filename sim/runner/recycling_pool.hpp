#pragma once
// Objects handed out as shared pointers that return to the pool when their last owner lets go, so that a run
// reuses the same few objects, and the memory of their vectors, for all its replications instead of
// allocating and faulting in fresh pages for each (BENCHMARKS.md, "Buffers reused per thread"). The pool must
// outlive every pointer it handed out.
#include <memory>
#include <mutex>
#include <vector>

namespace ws::runner {

template <class T>
class RecyclingPool {
 public:
  // A default-constructed T the first times, then one given back (as its last owner left it).
  std::shared_ptr<T> acquire() {
    std::unique_ptr<T> object;
    {
      const std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        object = std::move(free_.back());
        free_.pop_back();
      }
    }
    if (!object) object = std::make_unique<T>();
    return std::shared_ptr<T>(object.release(), [this](T* returned) { give_back(returned); });
  }

 private:
  void give_back(T* returned) noexcept {
    std::unique_ptr<T> object(returned);
    const std::lock_guard lock(mutex_);
    try {
      free_.push_back(std::move(object));
    } catch (...) {  // no memory to keep it: it is freed instead
    }
  }

  std::mutex mutex_;
  std::vector<std::unique_ptr<T>> free_;
};

}  // namespace ws::runner
