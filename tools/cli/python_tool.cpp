#include "tools/cli/python_tool.hpp"

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
  ::execv(kPython, raw.data());
  throw std::runtime_error(std::string("cannot start ") + kPython + ": " + std::strerror(errno));
}

}  // namespace ws::cli
