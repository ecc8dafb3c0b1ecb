#pragma once
// Ctrl-C and SIGTERM during a run: the handler only raises a flag; the runner stops handing out replications,
// lets the ones under way finish, and leaves no results file behind.
#include <csignal>

namespace ws::runner {

class InterruptGuard {
 public:
  InterruptGuard();   // installs the handlers for SIGINT and SIGTERM
  ~InterruptGuard();  // restores the previous handlers
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  static bool interrupted();
  static int signal_number();

 private:
  struct sigaction previous_int_ {
  }, previous_term_{};
};

}  // namespace ws::runner
