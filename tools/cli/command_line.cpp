#include "tools/cli/command_line.hpp"

#include <cstdio>

namespace ws::cli {

std::string command_line() {
  // /proc/self/cmdline holds the arguments NUL-separated: the history attribute records them verbatim.
  std::FILE* f = std::fopen("/proc/self/cmdline", "rb");
  if (!f) return "werkstroom run";
  std::string line;
  for (int c; (c = std::fgetc(f)) != EOF;) line.push_back(c == 0 ? ' ' : static_cast<char>(c));
  std::fclose(f);
  if (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

}  // namespace ws::cli
