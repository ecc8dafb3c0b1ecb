#include "sim/runner/history.hpp"

#include <ctime>

namespace ws::runner {

std::string history_entry(const std::string& command_line) {
  const std::time_t t = std::time(nullptr);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return std::string(buffer) + " " + command_line;
}

}  // namespace ws::runner
