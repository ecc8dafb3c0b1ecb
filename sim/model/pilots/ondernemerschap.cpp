// Pilot "Ondernemerschap": more market work in Werkzaak's production halls and services. Expansion:
//   money   extra revenue (toegevoegde waarde) per person-year of market work within the window: the
//           person-years of the `market_work` states times the share of each that works in the halls
//           (default: every at_werkzaak state, all of it), at most halls x places_per_hall a year (the halls'
//           places: more work than that does not fit); the pilot's own cost per year
//   places  extra places for beschut werk or the tussengroep in each calendar year the window overlaps, which
//           the waiting lists fill first come first served (and whose persons work in the halls)
#include "sim/model/pilots/expand.hpp"

namespace ws::model::pilots {

void expand_ondernemerschap(ScenarioSpec& spec, const Ondernemerschap& pilot) {
  MoneyItemSpec revenue;
  revenue.name = "ondernemerschap_omzet";
  revenue.description = "extra toegevoegde waarde per person-year of market work in Werkzaak's halls";
  revenue.sign = +1;
  revenue.basis = MoneyBasis::person_year;
  if (pilot.market_work.empty()) revenue.at_werkzaak_states = true;
  for (const auto& work : pilot.market_work) {
    state_index(spec, work.rate.origin, work.state);
    revenue.states.push_back(work.state);
    revenue.state_share.push_back(work.rate.value);
  }
  revenue.cap_person_years = pilot.halls * pilot.places_per_hall.value;
  revenue.start = pilot.window.start;
  revenue.end = pilot.window.end;
  const std::size_t item = add_item(spec, pilot.extra_revenue.origin, revenue);
  set_amount(spec, pilot.extra_revenue, {item});
  attach(spec, pilot.places_per_hall,
         {ParameterTarget::Kind::money_cap_person_years, item, 0, 0, 0, pilot.halls});
  add_cost_per_year(spec, pilot.cost_per_year, "ondernemerschap_kosten",
                    "cost of the pilot Ondernemerschap (sales, account management, investment)",
                    MoneyKey::population, pilot.window);
  add_extra_places(spec, pilot.extra_places, pilot.window);
}

}  // namespace ws::model::pilots
