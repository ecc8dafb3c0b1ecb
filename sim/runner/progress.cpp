#include "sim/runner/progress.hpp"

#include <unistd.h>

#include <string>

namespace ws::runner {

Progress::Progress(std::size_t total, Mode mode, std::FILE* out)
    : total_(total),
      quiet_(mode == Mode::quiet),
      terminal_(::isatty(fileno(out)) != 0),
      out_(out),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {}

void Progress::advance() {
  ++done_;
  if (quiet_) return;
  const auto now = std::chrono::steady_clock::now();
  // A terminal redraws often; a log file gets a line every 5 seconds.
  const auto interval = terminal_ ? std::chrono::milliseconds(100) : std::chrono::milliseconds(5000);
  if (now - last_print_ >= interval || done_ == total_) {
    last_print_ = now;
    print(false);
  }
}

void Progress::finish() {
  if (quiet_) return;
  if (terminal_) std::fputc('\n', out_);
  std::fflush(out_);
}

void Progress::print(bool) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0.0;
  const double left = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0.0;
  if (terminal_) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(kWidth * static_cast<double>(done_) / static_cast<double>(total_));
    std::fprintf(out_, "\r[%s%s] %zu/%zu replications, %.1f/s, %.0f s left   ",
                 std::string(filled, '#').c_str(), std::string(kWidth - filled, '.').c_str(), done_, total_,
                 rate, left);
  } else {
    std::fprintf(out_, "werkstroom: %zu/%zu replications done, %.1f/s, about %.0f s left\n", done_, total_,
                 rate, left);
  }
  std::fflush(out_);
}

}  // namespace ws::runner
