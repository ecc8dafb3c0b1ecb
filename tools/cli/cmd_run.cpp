// werkstroom run SCENARIO... : Monte Carlo replications of one or more scenarios into one results file.

#include <cctype>
#include <charconv>
#include <filesystem>
#include <iostream>

#include "sim/common/error.hpp"
#include "sim/output/atomic_file.hpp"
#include "sim/runner/interrupt.hpp"
#include "sim/runner/run.hpp"
#include "sim/runner/run_parts.hpp"
#include "sim/scenario/load.hpp"
#include "tools/cli/command.hpp"
#include "tools/cli/command_line.hpp"
#include "tools/cli/out_path.hpp"
#include "tools/cli/run_summary.hpp"

namespace ws::cli {
namespace {

struct RunArguments {
  std::vector<std::string> scenarios;
  std::optional<std::size_t> replications;
  std::size_t replications_per_draw = 1;
  std::string seed;
  std::optional<int> threads;
  std::string out;
  bool overwrite = false;
  bool quiet = false;
  std::size_t first_replication = 0;
  std::optional<std::size_t> keep_replications;
  // Parts cost a second pass (merge re-reads and re-summarises everything: about 2x the CPU of a run), so
  // only runs longer than this many replications pay it by default.
  std::size_t checkpoint_every = 10000;
  bool resume = false;
  std::size_t microdata = 0;
};

// --seed: a whole number in [0, 2^64 - 1]; "-1" and "2^64" are errors, not a wrapped-around seed.
std::uint64_t parse_seed(const std::string& text) {
  std::uint64_t seed = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seed);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    throw InputError("--seed " + text + ": expected a whole number in [0, 18446744073709551615]");
  return seed;
}

// A scenario name as a file name: letters, digits, '-', '_' and '.' stay, anything else (a '/', "..", a
// control character) becomes '_'; never hidden, never empty, at most 200 bytes.
std::string file_name_from(const std::string& name) {
  std::string out;
  for (const char c : name.substr(0, 200))
    out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.' ? c : '_';
  if (out.empty() || out.front() == '.') out.insert(out.begin(), '_');
  return out;
}

void report_run(const runner::RunReport& report, const runner::RunOptions& options, bool quiet) {
  if (!quiet) print_run_summary(std::cout, report, options);
  std::cout << "results: " << report.file.string() << "\n";
}

int run_command(const RunArguments& args) {
  runner::InterruptGuard interrupt;  // from the first instruction: a signal during loading stops cleanly too
  std::vector<model::ScenarioSpec> specs;
  for (const auto& file : args.scenarios) {
    specs.push_back(scenario::load_scenario(file));
    runner::throw_if_interrupted();
  }

  runner::RunOptions options;
  options.replications = args.replications.value_or(static_cast<std::size_t>(specs.front().run.replications));
  options.replications_per_draw = args.replications_per_draw;
  options.seed = args.seed.empty() ? specs.front().run.seed : parse_seed(args.seed);
  options.threads = args.threads;
  options.progress = args.quiet ? runner::Progress::Mode::quiet : runner::Progress::Mode::automatic;
  options.command_line = command_line();
  options.out = args.out.empty()
                    ? std::filesystem::path("results") / (file_name_from(specs.front().name) + ".nc")
                    : std::filesystem::path(args.out);
  options.first_replication = args.first_replication;
  options.keep_replications = args.keep_replications;
  options.microdata = args.microdata;
  if (args.out.empty()) std::filesystem::create_directories(options.out.parent_path());
  check_out_path(options.out, args.overwrite);

  // A full disk is the user's to fix: one line naming the file and the space that was not enough (exit 2),
  // not HDF5's error stack. The writer has removed its temp file by the time the error arrives here.
  const std::optional<std::uint64_t> free_before =
      output::free_bytes(options.out.has_parent_path() ? options.out.parent_path() : ".");
  const auto disk_full_is_input = [&](auto&& body) {
    try {
      body();
    } catch (const InputError&) {
      throw;
    } catch (const Interrupted&) {
      throw;
    } catch (const std::exception& e) {
      if (!is_disk_full(e)) throw;
      throw_disk_full(options.out, "the results file", free_before);
    }
  };
  // A whole run of many replications goes through parts that survive an interruption (sim/runner/run_parts.hpp).
  const bool whole = options.first_replication == 0 && !options.keep_replications;
  const bool in_parts =
      whole && ((args.checkpoint_every > 0 && options.replications > args.checkpoint_every) ||
                (args.resume && std::filesystem::exists(runner::parts_folder(options.out))));
  if (args.resume && !whole)
    throw InputError("--resume: expected a whole run (without --first-replication or --keep-replications)");
  if (in_parts && options.microdata > 0)
    throw InputError(
        "--microdata: expected a run without checkpoint parts (--checkpoint-every 0, or at most " +
        std::to_string(args.checkpoint_every) + " replications)");
  if (in_parts) {
    try {
      disk_full_is_input([&] {
        report_run(runner::run_in_parts(
                       specs, args.scenarios, options,
                       args.checkpoint_every > 0 ? args.checkpoint_every : options.replications, args.resume),
                   options, args.quiet);
      });
    } catch (const Interrupted&) {
      std::cerr << "werkstroom: the finished replications are kept in "
                << runner::parts_folder(options.out).string()
                << "/; the same command with --resume continues the run\n";
      throw;
    }
    return 0;
  }
  disk_full_is_input(
      [&] { report_run(runner::run_scenarios(specs, args.scenarios, options), options, args.quiet); });
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
  sub->add_option("--replications-per-draw", args->replications_per_draw,
                  "k replications share each parameter draw (replication r uses draw r / k), so the variance "
                  "splits into parameter uncertainty and chance (default 1)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
  sub->add_option("--seed", args->seed, "random seed, 0 to 2^64-1 (default: the first scenario's)");
  sub->add_option("--threads,-j", args->threads, "worker threads (default: all hardware threads)")
      ->check(CLI::Range(1, 1024));
  sub->add_option("--out,-o", args->out, "results file (default: results/<scenario name>.nc)");
  sub->add_flag("--overwrite", args->overwrite, "replace the results file if it exists");
  sub->add_flag("--quiet,-q", args->quiet, "print nothing but the results path");
  sub->add_option("--first-replication", args->first_replication,
                  "number of the first replication: the file is a part holding replications F ... F+N-1 "
                  "(merge parts with `werkstroom merge`)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{2000000000}));
  sub->add_option("--keep-replications", args->keep_replications,
                  "store per-replication data for the first K replications only; summaries cover all")
      ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}));
  sub->add_option("--checkpoint-every", args->checkpoint_every,
                  "run more replications than this as parts in <out>.parts/ that survive an interruption "
                  "(default 10000; 0: never)");
  sub->add_option(
         "--microdata", args->microdata,
         "store the lives (events as `trace` shows them) of N sampled persons per replication in the "
         "file (default 0: none)")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1000000}));
  sub->add_flag("--resume", args->resume, "continue an interrupted run from the parts in <out>.parts/");
  return {[args] { return run_command(*args); }, sub};
}

const RegisterCommand registered(register_run);

}  // namespace
}  // namespace ws::cli
