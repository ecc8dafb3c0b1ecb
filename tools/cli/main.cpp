// werkstroom: the command line. Exit 0 on success, 2 on bad input or usage (or standard output that cannot be
// written), 1 on an internal failure, 128 + signal when a signal stopped a run.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "sim/common/error.hpp"
#include "sim/runner/heap_release.hpp"
#include "tools/cli/argument_check.hpp"
#include "tools/cli/command.hpp"
#include "werkstroom/version.hpp"

namespace ws::cli {
std::vector<Registrar>& registrars() {
  static std::vector<Registrar> all;
  return all;
}
}  // namespace ws::cli

namespace {

// A full disk or a closed pipe behind standard output is an error the user must see (exit 2), not a silent 0.
int flush_standard_output() {
  std::cout.flush();
  errno = 0;
  if (std::cout && std::fflush(stdout) == 0) return 0;
  std::cerr << "werkstroom: error: cannot write to standard output"
            << (errno != 0 ? std::string(": ") + std::strerror(errno) : std::string()) << "\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  ws::runner::use_one_heap();  // before oneTBB starts its threads
  CLI::App app{"werkstroom: a discrete-event simulator of worker flows around Werkzaak Rivierenland"};
  app.set_version_flag("--version", std::string("werkstroom ") + ws::kVersion);
  app.require_subcommand(1);
  std::vector<ws::cli::Registration> commands;
  for (auto registrar : ws::cli::registrars()) commands.push_back(registrar(app));
  if (const auto unknown = ws::cli::unknown_argument(app, argc, argv)) {
    std::cerr << "werkstroom: " << *unknown << " (see werkstroom --help)\n";
    return 2;
  }
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
      if (c.sub->parsed()) {
        const int status = c.action();
        return status != 0 ? status : flush_standard_output();
      }
  } catch (const ws::InputError& e) {
    std::cerr << "werkstroom: error: " << e.what() << "\n";
    return 2;
  } catch (const ws::Interrupted& e) {
    std::cerr << "werkstroom: " << e.what() << ": stopped, no results file written\n";
    return 128 + e.signal();
  } catch (const std::exception& e) {
    std::cerr << "werkstroom: internal error: " << e.what() << "\n";
    return 1;
  }
  return 1;
}
