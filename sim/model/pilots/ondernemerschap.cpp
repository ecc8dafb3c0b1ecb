// Pilot "Ondernemerschap": more market work in Werkzaak's production halls and services. Expansion:
//   money   extra revenue (toegevoegde waarde) per person-year of everyone working at Werkzaak (states with
//           at_werkzaak) within the window; the pilot's own cost per year
//   places  extra places for beschut werk or the tussengroep in each calendar year the window overlaps, which
//           the waiting lists fill first come first served
#include "sim/model/pilots/expand.hpp"

namespace ws::model::pilots {

void expand_ondernemerschap(ScenarioSpec& spec, const Ondernemerschap& pilot) {
  MoneyItemSpec revenue;
  revenue.name = "ondernemerschap_omzet";
  revenue.description = "extra toegevoegde waarde of market work per person-year at Werkzaak";
  revenue.sign = +1;
  revenue.basis = MoneyBasis::person_year;
  revenue.at_werkzaak_states = true;
  revenue.start = pilot.window.start;
  revenue.end = pilot.window.end;
  set_amount(spec, pilot.extra_revenue, {add_item(spec, pilot.extra_revenue.origin, revenue)});
  add_cost_per_year(spec, pilot.cost_per_year, "ondernemerschap_kosten",
                    "cost of the pilot Ondernemerschap (sales, account management, investment)",
                    MoneyKey::population, pilot.window);
  add_extra_places(spec, pilot.extra_places, pilot.window);
}

}  // namespace ws::model::pilots
