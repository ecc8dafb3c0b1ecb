// werkstroom merge PART... --out FILE : the part files of one run into one results file.

#include <filesystem>
#include <iostream>

#include "sim/runner/merge.hpp"
#include "tools/cli/command.hpp"
#include "tools/cli/command_line.hpp"
#include "tools/cli/out_path.hpp"

namespace ws::cli {
namespace {

struct MergeArguments {
  std::vector<std::string> parts;
  std::string out;
  std::optional<int> threads;
  bool overwrite = false;
};

int merge_command(const MergeArguments& args) {
  runner::MergeOptions options;
  for (const auto& p : args.parts) options.parts.emplace_back(p);
  options.out = args.out;
  options.command_line = command_line();
  options.threads = args.threads;
  check_out_path(options.out, args.overwrite);
  const runner::RunReport report = runner::merge_parts(options);
  std::cout << "results: " << report.file.string() << "\n";
  return 0;
}

Registration register_merge(CLI::App& app) {
  auto args = std::make_shared<MergeArguments>();
  CLI::App* sub = app.add_subcommand(
      "merge", "merge the part files of one run (run --first-replication F --replications N) into one file");
  sub->add_option("parts", args->parts, "part files (results files of the same inputs, any order)")
      ->required();
  sub->add_option("--out,-o", args->out, "merged results file")->required();
  sub->add_option("--threads,-j", args->threads, "encoding threads (default: all hardware threads)")
      ->check(CLI::Range(1, 1024));
  sub->add_flag("--overwrite", args->overwrite, "replace the merged file if it exists");
  return {[args] { return merge_command(*args); }, sub};
}

const RegisterCommand registered(register_merge);

}  // namespace
}  // namespace ws::cli
