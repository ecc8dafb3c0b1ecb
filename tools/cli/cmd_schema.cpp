// werkstroom schema: prints the results schema (sim/output/results_schema.hpp) as JSON: every dimension and
// variable a results file can hold, with dims, units, long names and summaries. For tools outside C++ (the
// notebooks' helper, scripts) so that they take names and meanings from the same declaration as the writer.
#include <iostream>

#include "sim/output/results_schema.hpp"
#include "tools/cli/command.hpp"

namespace ws::cli {

namespace {

Registration add(CLI::App& app) {
  auto* sub =
      app.add_subcommand("schema", "Print the results file schema (dimensions and variables) as JSON");
  return {[]() {
            std::cout << output::schema::to_json();
            return 0;
          },
          sub};
}

const RegisterCommand registered{add};

}  // namespace

}  // namespace ws::cli
