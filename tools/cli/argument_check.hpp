#pragma once
// A mistyped subcommand or long option named as such, with a suggestion, before CLI11 parses: otherwise
// "--replicatoins 5" reads as two scenario files and the error is "File does not exist: 5".
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

namespace ws::cli {

// The message for the first unknown subcommand or long option of argv, or nothing.
std::optional<std::string> unknown_argument(CLI::App& app, int argc, char** argv);

}  // namespace ws::cli
