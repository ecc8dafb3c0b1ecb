#pragma once
// Ctrl-C, SIGTERM and SIGHUP during a run: the handler only raises the engine's stop flag; replications under
// way stop within a few thousand events, every phase of the run checks the flag, and no results file is left.
// The command line exits with 128 + the signal number.
#include <csignal>

namespace ws::runner {

class InterruptGuard {
 public:
  // Installs the handlers; nested guards share the outermost one's handlers and flag.
  InterruptGuard();
  ~InterruptGuard();  // the outermost restores the previous handlers
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
  static bool interrupted();
  static int signal_number();

 private:
  struct sigaction previous_int_ {
  }, previous_term_{}, previous_hup_{};
  bool outermost_ = false;
};

// Throws ws::Interrupted (no file written) when a signal asked to stop.
void throw_if_interrupted();

}  // namespace ws::runner
