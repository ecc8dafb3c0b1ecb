#pragma once
// Each subcommand lives in its own cmd_<name>.cpp and registers itself here.
#include <CLI/CLI.hpp>
#include <functional>
#include <vector>

namespace ws::cli {

// Adds the subcommand to the app; the returned action runs when the subcommand was chosen.
using Action = std::function<int()>;
struct Registration {
  Action action;
  CLI::App* sub;
};

using Registrar = Registration (*)(CLI::App& app);
std::vector<Registrar>& registrars();

struct RegisterCommand {
  explicit RegisterCommand(Registrar r) { registrars().push_back(r); }
};

}  // namespace ws::cli
