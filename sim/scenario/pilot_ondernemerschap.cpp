// [pilots.ondernemerschap]: more market work in Werkzaak's production halls and services. Expansion:
//   money   extra revenue (toegevoegde waarde) per person-year of everyone working at Werkzaak (states with
//           at_werkzaak) within [start, end); the pilot's own cost per year
//   places  extra places for beschut werk or the tussengroep in each calendar year the pilot overlaps, which
//           the waiting lists fill first come first served
#include "sim/scenario/money_sections.hpp"

namespace ws::scenario::pilot {

void read_ondernemerschap(Context& c, const Node& t, const std::string& p) {
  Reader& r = c.r;
  r.check_keys(t, p,
               {"enabled", "description", "start", "end", "extra_revenue_per_person_year", "extra_places",
                "cost_per_year"});
  r.string_or(t, p, "description", "");
  if (!r.boolean_or(t, p, "enabled", true)) return;
  const Window w = read_window(c, t, p);

  model::MoneyItemSpec revenue;
  revenue.name = "ondernemerschap_omzet";
  revenue.description = "extra toegevoegde waarde of market work per person-year at Werkzaak";
  revenue.sign = +1;
  revenue.basis = model::MoneyBasis::person_year;
  revenue.at_werkzaak_states = true;
  revenue.start = w.start;
  revenue.end = w.end;
  const std::size_t income = add_item(c, t, p, revenue);
  item_amount(c, t, p, "extra_revenue_per_person_year", 0.0, {income});
  add_cost_per_year(c, t, p, "ondernemerschap_kosten",
                    "cost of the pilot Ondernemerschap (sales, account management, investment)",
                    model::MoneyKey::population, w);
  if (const Node* places = t.find("extra_places")) add_extra_places(c, *places, p + ".extra_places", w);
}

}  // namespace ws::scenario::pilot
