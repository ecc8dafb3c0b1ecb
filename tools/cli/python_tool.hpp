#pragma once
// Commands done in Python (export, report, breakeven): the script tools/<name> of this source tree run with
// Debian's python3, given this binary's path first (so it can call back, e.g. `compare`, `run`) and then the
// arguments. The process is replaced by the script; its exit status is the command's.
#include <string>
#include <vector>

namespace ws::cli {

// Does not return; throws std::runtime_error when python3 or the script is missing or cannot be started.
[[noreturn]] void exec_python_tool(const std::string& script, const std::vector<std::string>& arguments);

}  // namespace ws::cli
