// werkstroom export FILE --gemeente NAME|all --format csv|xlsx [--decimal-comma] [--out PATH] : a gemeente's
// numbers per year (mean and 90% band) for Excel. Done by tools/export.py with Debian's python3 (xarray,
// openpyxl); this command checks the arguments it can and hands over, exiting with the script's status.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "sim/common/error.hpp"
#include "tools/cli/command.hpp"

namespace ws::cli {
namespace {

constexpr const char* kPython = "/usr/bin/python3";

struct ExportArguments {
  std::string file, gemeente, format, out;
  bool decimal_comma = false;
};

std::string own_path() {
  std::error_code error;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", error);
  return error ? std::string("werkstroom") : path.string();
}

int export_command(const ExportArguments& args) {
  if (!std::filesystem::is_regular_file(args.file)) throw InputError(args.file + ": no such results file");
  const std::string script = std::string(WERKSTROOM_TOOLS_DIR) + "/export.py";
  if (!std::filesystem::is_regular_file(script) || ::access(kPython, X_OK) != 0)
    throw std::runtime_error("export needs " + std::string(kPython) + " and " + script + " (tools/setup)");
  std::vector<std::string> argv{kPython,      script,        own_path(), args.file,
                                "--gemeente", args.gemeente, "--format", args.format};
  if (args.decimal_comma) argv.push_back("--decimal-comma");
  if (!args.out.empty()) argv.insert(argv.end(), {"--out", args.out});
  std::vector<char*> raw;
  for (auto& a : argv) raw.push_back(a.data());
  raw.push_back(nullptr);
  std::cout.flush();
  ::execv(kPython, raw.data());
  throw std::runtime_error(std::string("export: cannot start ") + kPython + ": " + std::strerror(errno));
}

Registration register_export(CLI::App& app) {
  auto args = std::make_shared<ExportArguments>();
  CLI::App* sub = app.add_subcommand(
      "export", "a gemeente's stocks, flows, person-years and money per year (mean, 90% band) for Excel");
  sub->add_option("file", args->file, "results file")->required();
  sub->add_option("--gemeente", args->gemeente, "a gemeente's name, or all for the whole area")->required();
  sub->add_option("--format", args->format, "csv (Dutch Excel: UTF-8 BOM, ';') or xlsx")
      ->required()
      ->check(CLI::IsMember({"csv", "xlsx"}));
  sub->add_flag("--decimal-comma", args->decimal_comma, "CSV numbers with a decimal comma (3,5)");
  sub->add_option("--out", args->out, "output file (default: next to FILE, <name>-<gemeente>.<format>)");
  return {[args] { return export_command(*args); }, sub};
}

const RegisterCommand registered(register_export);

}  // namespace
}  // namespace ws::cli
