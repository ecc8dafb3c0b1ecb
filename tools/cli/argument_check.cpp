#include "tools/cli/argument_check.hpp"

#include <string_view>
#include <vector>

#include "sim/common/text.hpp"

namespace ws::cli {
namespace {

std::string with_suggestion(const std::string& what, const std::string& word,
                            const std::vector<std::string>& candidates, const std::string& prefix) {
  const std::string best = closest_match(word, candidates);
  std::string list;
  for (const auto& c : candidates) list += (list.empty() ? "" : ", ") + prefix + c;
  return what + " '" + prefix + word + "'" + (best.empty() ? "" : "; did you mean '" + prefix + best + "'?") +
         " (expected one of: " + list + ")";
}

}  // namespace

std::optional<std::string> unknown_argument(CLI::App& app, int argc, char** argv) {
  int first = 1;
  while (first < argc && argv[first][0] == '-') ++first;  // --help, --version: CLI11's business
  if (first >= argc) return std::nullopt;
  const std::string command = argv[first];
  std::vector<std::string> commands;
  CLI::App* sub = nullptr;
  for (CLI::App* candidate : app.get_subcommands([](CLI::App*) { return true; })) {
    commands.push_back(candidate->get_name());
    if (candidate->get_name() == command) sub = candidate;
  }
  if (!sub) return with_suggestion("unknown command", command, commands, "");
  for (int i = first + 1; i < argc; ++i) {
    const std::string_view token = argv[i];
    if (token == "--") break;  // everything after is positional
    if (token.size() < 3 || token.substr(0, 2) != "--") continue;
    const std::string name(token.substr(
        2, token.find('=') == std::string_view::npos ? std::string_view::npos : token.find('=') - 2));
    if (sub->get_option_no_throw("--" + name)) continue;
    std::vector<std::string> names;
    for (const CLI::Option* option : sub->get_options())
      for (const auto& long_name : option->get_lnames()) names.push_back(long_name);
    return with_suggestion("unknown option", name, names, "--") + " for '" + command + "'";
  }
  return std::nullopt;
}

}  // namespace ws::cli
