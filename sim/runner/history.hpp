#pragma once
// The `history` attribute of a results file: the UTC time and the command line that wrote it.
#include <string>

namespace ws::runner {

std::string history_entry(const std::string& command_line);

}  // namespace ws::runner
