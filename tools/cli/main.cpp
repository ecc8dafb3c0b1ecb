// werkstroom: the command line. Exit 0 on success, 2 on bad input or usage, 1 on an internal failure.
#include <iostream>

#include "sim/common/error.hpp"
#include "tools/cli/command.hpp"
#include "werkstroom/version.hpp"

namespace ws::cli {
std::vector<Registrar>& registrars() {
  static std::vector<Registrar> all;
  return all;
}
}  // namespace ws::cli

int main(int argc, char** argv) {
  CLI::App app{"werkstroom: a discrete-event simulator of worker flows around Werkzaak Rivierenland"};
  app.set_version_flag("--version", std::string("werkstroom ") + ws::kVersion);
  app.require_subcommand(1);
  std::vector<ws::cli::Registration> commands;
  for (auto registrar : ws::cli::registrars()) commands.push_back(registrar(app));
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "werkstroom: " << e.what() << " (see werkstroom --help)\n";
    return 2;
  }
  try {
    for (auto& c : commands)
      if (c.sub->parsed()) return c.action();
  } catch (const ws::InputError& e) {
    std::cerr << "werkstroom: error: " << e.what() << "\n";
    return 2;
  } catch (const ws::Interrupted& e) {
    std::cerr << "werkstroom: " << e.what() << "\n";
    return 130;
  } catch (const std::exception& e) {
    std::cerr << "werkstroom: internal error: " << e.what() << "\n";
    return 1;
  }
  return 1;
}
