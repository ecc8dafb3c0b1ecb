// werkstroom export FILE --gemeente NAME|all --format csv|xlsx [--decimal-comma] [--out PATH] : a gemeente's
// numbers per year (mean and 90% band) for Excel. Done by tools/export.py with Debian's python3 (xarray,
// openpyxl); this command checks the arguments it can and hands over, exiting with the script's status.
#include <filesystem>

#include "sim/common/error.hpp"
#include "tools/cli/command.hpp"
#include "tools/cli/python_tool.hpp"

namespace ws::cli {
namespace {

struct ExportArguments {
  std::string file, gemeente, format, out;
  bool decimal_comma = false;
};

int export_command(const ExportArguments& args) {
  if (!std::filesystem::is_regular_file(args.file)) throw InputError(args.file + ": no such results file");
  std::vector<std::string> argv{args.file, "--gemeente", args.gemeente, "--format", args.format};
  if (args.decimal_comma) argv.push_back("--decimal-comma");
  if (!args.out.empty()) argv.insert(argv.end(), {"--out", args.out});
  exec_python_tool("export.py", argv);
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
