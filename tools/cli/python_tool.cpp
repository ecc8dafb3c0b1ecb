#include "tools/cli/python_tool.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <stdexcept>

namespace ws::cli {
namespace {

constexpr const char* kPython = "/usr/bin/python3";

std::string own_path() {
  std::error_code error;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::string("werkstroom") : path.string();
}

}  // namespace

void exec_python_tool(const std::string& script, const std::vector<std::string>& arguments) {
  const std::string path = std::string(WERKSTROOM_TOOLS_DIR) + "/" + script;
  if (!std::filesystem::is_regular_file(path) || ::access(kPython, X_OK) != 0)
    throw std::runtime_error(script + " needs " + std::string(kPython) + " and " + path + " (tools/setup)");
  std::vector<std::string> argv{kPython, path, own_path()};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  std::vector<char*> raw;
  for (auto& a : argv) raw.push_back(a.data());
  raw.push_back(nullptr);
  std::cout.flush();
  // Blocked across the exec (a signal mask is inherited): the script unblocks them once its handlers are in
  // place (tools/werkstroom_files.py, exit_cleanly_on_signals), so a signal while Python starts is not lost
  // to the default action but ends the script cleanly.
  sigset_t stopping;
  sigemptyset(&stopping);
  for (int s : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&stopping, s);
  sigset_t previous;
  ::sigprocmask(SIG_BLOCK, &stopping, &previous);
  ::execv(kPython, raw.data());
  ::sigprocmask(SIG_SETMASK, &previous, nullptr);
  throw std::runtime_error(std::string("cannot start ") + kPython + ": " + std::strerror(errno));
}

}  // namespace ws::cli
