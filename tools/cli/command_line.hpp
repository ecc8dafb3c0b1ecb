#pragma once
// The command line as the process got it, for the history attribute of the files it writes.
#include <string>

namespace ws::cli {

std::string command_line();

}  // namespace ws::cli
