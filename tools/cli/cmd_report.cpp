// werkstroom report FILE --against BASELINE --out report.pdf|report.html : a Dutch A4 board report, a summary
// page and one page per pilot, with the numbers `compare` computes. Done by tools/report.py with Debian's python3
// (Jinja2, matplotlib, WeasyPrint); this command checks the arguments it can and hands over.
#include <filesystem>

#include "sim/common/error.hpp"
#include "tools/cli/command.hpp"
#include "tools/cli/python_tool.hpp"

namespace ws::cli {
namespace {

struct ReportArguments {
  std::string file, against, out;
};

int report_command(const ReportArguments& args) {
  if (!std::filesystem::is_regular_file(args.file)) throw InputError(args.file + ": no such results file");
  const std::string ext = std::filesystem::path(args.out).extension().string();
  if (ext != ".pdf" && ext != ".html")
    throw InputError(args.out + ": --out: expected a file name ending in .pdf or .html");
  exec_python_tool("report.py", {args.file, "--against", args.against, "--out", args.out});
}

Registration register_report(CLI::App& app) {
  auto args = std::make_shared<ReportArguments>();
  CLI::App* sub = app.add_subcommand(
      "report", "a Dutch A4 board report (PDF or HTML) of the pilots in a results file against a baseline");
  sub->add_option("file", args->file, "results file of a run of the baseline and its pilots")->required();
  sub->add_option("--against", args->against, "the baseline scenario's name (scenario.name)")->required();
  sub->add_option("--out", args->out, "report.pdf or report.html (replaced if it exists)")->required();
  return {[args] { return report_command(*args); }, sub};
}

const RegisterCommand registered(register_report);

}  // namespace
}  // namespace ws::cli
