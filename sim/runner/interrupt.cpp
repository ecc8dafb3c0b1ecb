#include "sim/runner/interrupt.hpp"

#include "sim/common/error.hpp"
#include "sim/engine/stop.hpp"

namespace ws::runner {
namespace {
int g_depth = 0;  // guards alive; only the command line's thread creates them
extern "C" void on_signal(int signal) { engine::stop_signal.store(signal, std::memory_order_relaxed); }
}  // namespace

InterruptGuard::InterruptGuard() : outermost_(g_depth++ == 0) {
  if (!outermost_) return;
  engine::stop_signal.store(0);
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, &previous_int_);
  sigaction(SIGTERM, &action, &previous_term_);
  sigaction(SIGHUP, &action, &previous_hup_);
}

InterruptGuard::~InterruptGuard() {
  --g_depth;
  if (!outermost_) return;
  sigaction(SIGINT, &previous_int_, nullptr);
  sigaction(SIGTERM, &previous_term_, nullptr);
  sigaction(SIGHUP, &previous_hup_, nullptr);
}

bool InterruptGuard::interrupted() { return engine::stop_signal.load() != 0; }
int InterruptGuard::signal_number() { return engine::stop_signal.load(); }

void throw_if_interrupted() {
  if (!InterruptGuard::interrupted()) return;
  throw Interrupted(InterruptGuard::signal_number());
}

}  // namespace ws::runner
