// werkstroom run SCENARIO... : Monte Carlo replications of one or more scenarios into one results file.

#include <filesystem>
#include <iostream>

#include "sim/common/error.hpp"
#include "sim/runner/run.hpp"
#include "sim/scenario/load.hpp"
#include "tools/cli/command.hpp"
#include "tools/cli/run_summary.hpp"

namespace ws::cli {
namespace {

struct RunArguments {
  std::vector<std::string> scenarios;
  std::optional<std::size_t> replications;
  std::optional<std::uint64_t> seed;
  std::optional<int> threads;
  std::string out;
  bool overwrite = false;
  bool quiet = false;
};

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

int run_command(const RunArguments& args) {
  std::vector<model::ScenarioSpec> specs;
  for (const auto& file : args.scenarios) specs.push_back(scenario::load_scenario(file));

  runner::RunOptions options;
  options.replications = args.replications.value_or(static_cast<std::size_t>(specs.front().run.replications));
  options.seed = args.seed.value_or(specs.front().run.seed);
  options.threads = args.threads;
  options.progress = args.quiet ? runner::Progress::Mode::quiet : runner::Progress::Mode::automatic;
  options.command_line = command_line();
  options.out = args.out.empty() ? std::filesystem::path("results") / (specs.front().name + ".nc")
                                 : std::filesystem::path(args.out);
  if (args.out.empty()) std::filesystem::create_directories(options.out.parent_path());
  if (std::filesystem::exists(options.out) && !args.overwrite)
    throw InputError(options.out.string() +
                     ": exists already; expected a new file name (--out) or --overwrite to replace it");

  const runner::RunReport report = runner::run_scenarios(specs, args.scenarios, options);
  if (!args.quiet) print_run_summary(std::cout, report, options);
  std::cout << "results: " << report.file.string() << "\n";
  return 0;
}

Registration register_run(CLI::App& app) {
  auto args = std::make_shared<RunArguments>();
  CLI::App* sub = app.add_subcommand("run", "run Monte Carlo replications of one or more scenarios");
  sub->add_option("scenarios", args->scenarios, "scenario files (TOML); several share common random numbers")
      ->required()
      ->check(CLI::ExistingFile);
  sub->add_option("--replications,-n", args->replications, "number of replications (default: the scenario's)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
  sub->add_option("--seed", args->seed, "random seed (default: the first scenario's)");
  sub->add_option("--threads,-j", args->threads, "worker threads (default: all hardware threads)")
      ->check(CLI::Range(1, 1024));
  sub->add_option("--out,-o", args->out, "results file (default: results/<scenario name>.nc)");
  sub->add_flag("--overwrite", args->overwrite, "replace the results file if it exists");
  sub->add_flag("--quiet,-q", args->quiet, "print nothing but the results path");
  return {[args] { return run_command(*args); }, sub};
}

const RegisterCommand registered(register_run);

}  // namespace
}  // namespace ws::cli
