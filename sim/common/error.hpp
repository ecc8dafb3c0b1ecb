#pragma once
// Error classes shared by every layer. The command line maps them to exit codes:
// InputError -> 2 (the user's input is wrong), anything else -> 1 (an internal failure).
#include <stdexcept>
#include <string>

namespace ws {

// Bad user input: a scenario file, a data file, a results file or a command-line value.
// The message names the file, the key (or line) and what was expected, in one line.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The run was interrupted by a signal (Ctrl-C, SIGTERM, SIGHUP); nothing was written. The command line exits
// with 128 + signal.
class Interrupted : public std::runtime_error {
 public:
  explicit Interrupted(int signal)
      : std::runtime_error("interrupted by signal " + std::to_string(signal)), signal_(signal) {}
  int signal() const { return signal_; }

 private:
  int signal_;
};

}  // namespace ws
