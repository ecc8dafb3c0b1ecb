// werkstroom validate SCENARIO...: loads each scenario, prints a short summary and "ok"; the first bad one
// exits 2 with its one-line error (printed by main).
#include <cmath>
#include <iostream>
#include <string>
#include <vector>

#include "sim/common/date.hpp"
#include "sim/scenario/load.hpp"
#include "tools/cli/command.hpp"

namespace ws::cli {

namespace {

void print_summary(const std::string& file, const model::ScenarioSpec& s) {
  double cells = 0;
  for (const auto& c : s.initial_cells) cells += c.count;
  int modules_wsw = 0, modules_pw = 0;
  for (const auto& g : s.gemeenten) {
    modules_wsw += g.wsw_at_werkzaak;
    modules_pw += g.participatiewet_at_werkzaak;
  }
  std::cout << file << ": scenario '" << s.name << "'\n"
            << "  horizon      " << format_iso_date(s.run.start) << " to " << format_iso_date(s.run.end)
            << " (end excluded), seed " << s.run.seed << ", " << s.run.replications << " replications\n"
            << "  gemeenten    " << s.gemeenten.size() << " (Wsw at Werkzaak: " << modules_wsw
            << ", Participatiewet: " << modules_pw << ")\n"
            << "  states       " << s.states.size() << ", groups " << s.groups.size() << "\n"
            << "  transitions  " << s.transitions.size() << "\n"
            << "  arrivals     " << s.arrivals.size() << " streams";
  for (std::size_t i = 0; i < s.arrivals.size(); ++i) std::cout << (i ? ", " : ": ") << s.arrivals[i].name;
  std::cout << "\n  capacities   " << s.capacities.size() << "\n"
            << "  uncertain    " << s.uncertain.size() << " parameters";
  for (std::size_t i = 0; i < s.uncertain.size(); ++i) std::cout << (i ? ", " : ": ") << s.uncertain[i].name;
  std::cout << "\n  initial      " << std::llround(cells) << " persons in " << s.initial_cells.size()
            << " cells, " << s.initial_persons.size() << " person records\n"
            << "  sources      " << s.sources.size() << " files\n"
            << "ok\n";
}

Registration add(CLI::App& app) {
  auto* sub = app.add_subcommand("validate", "Load and check scenario files; print a summary of each");
  auto files = std::make_shared<std::vector<std::string>>();
  sub->add_option("scenario", *files, "scenario .toml files")->required();
  return {[files]() {
            for (const auto& f : *files) print_summary(f, scenario::load_scenario(f));
            return 0;
          },
          sub};
}

const RegisterCommand registered{add};

}  // namespace

}  // namespace ws::cli
