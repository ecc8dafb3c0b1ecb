// werkstroom breakeven FILE.nc|BASELINE.toml --pilot NAME|PILOT.toml --effect KEY : the value of a pilot's effect
// parameter at which the expected cumulative operating-result difference against the baseline is zero, with its
// 95% interval, by bisection over runs with common random numbers. Done by tools/breakeven.py with Debian's
// python3 (it runs `werkstroom run` and `werkstroom compare`); this command checks what it can and hands over.
#include <fmt/core.h>

#include <filesystem>
#include <optional>

#include "sim/common/error.hpp"
#include "tools/cli/command.hpp"
#include "tools/cli/python_tool.hpp"

namespace ws::cli {
namespace {

struct BreakevenArguments {
  std::string input, pilot, effect, against, seed;
  std::optional<double> from, to;
  std::optional<int> replications, year, threads;
  double tolerance = 1e-3;
};

int breakeven_command(const BreakevenArguments& args) {
  const std::filesystem::path input(args.input);
  if (!std::filesystem::is_regular_file(input))
    throw InputError(args.input + ": no such results file or scenario");
  if (input.extension() != ".nc" && input.extension() != ".toml")
    throw InputError(args.input + ": expected a results file (.nc) or the baseline's scenario file (.toml)");
  std::vector<std::string> argv{args.input,
                                "--pilot",
                                args.pilot,
                                "--effect",
                                args.effect,
                                "--tolerance",
                                fmt::format("{}", args.tolerance)};
  const auto add = [&argv](const char* option, const std::string& value) {
    if (!value.empty()) argv.insert(argv.end(), {option, value});
  };
  add("--against", args.against);
  add("--seed", args.seed);
  if (args.from) add("--from", fmt::format("{}", *args.from));
  if (args.to) add("--to", fmt::format("{}", *args.to));
  if (args.replications) add("--replications", std::to_string(*args.replications));
  if (args.year) add("--year", std::to_string(*args.year));
  if (args.threads) add("--threads", std::to_string(*args.threads));
  exec_python_tool("breakeven.py", argv);
}

Registration register_breakeven(CLI::App& app) {
  auto args = std::make_shared<BreakevenArguments>();
  CLI::App* sub = app.add_subcommand(
      "breakeven", "the effect size at which a pilot pays for itself (bisection with common random numbers)");
  sub->add_option("input", args->input, "results file with the pilot, or the baseline's scenario file")
      ->required();
  sub->add_option("--pilot", args->pilot, "the pilot: a scenario in the file, or its scenario file")
      ->required();
  sub->add_option("--effect", args->effect, "key path of the effect in the pilot's scenario")->required();
  sub->add_option("--from", args->from, "bracket start (default: the key's distribution min)");
  sub->add_option("--to", args->to, "bracket end (default: the key's distribution max)");
  sub->add_option("--against", args->against,
                  "the baseline scenario in the results file (default: baseline)");
  sub->add_option("--replications", args->replications, "per evaluation (default: the file's, or 100)")
      ->check(CLI::Range(2, 1000000));
  sub->add_option("--seed", args->seed, "seed (default: the file's, or the baseline's)");
  sub->add_option("--year", args->year, "cumulative result up to this year (default: the last)");
  sub->add_option("--tolerance", args->tolerance, "bisection stops at this share of the bracket")
      ->check(CLI::Range(1e-9, 0.5));
  sub->add_option("--threads", args->threads, "threads per run (default: all cores)")
      ->check(CLI::Range(1, 4096));
  return {[args] { return breakeven_command(*args); }, sub};
}

const RegisterCommand registered(register_breakeven);

}  // namespace
}  // namespace ws::cli
