#pragma once
// The board's pilots (seed 001, 27 Nov 2025) as typed specs: what sim/scenario reads from [pilots.*], before
// anything is expanded. The model expands them (expand_pilots, sim/model/pilots/expand.hpp) into the
// structures it already has: states, transitions, places, arrival streams, money items and person marks.
#include <optional>
#include <string>
#include <vector>

#include "sim/model/spec.hpp"

namespace ws::model::pilots {

// Where a value was written, for messages: "file.toml:12" and the key path.
struct Origin {
  std::string where;
  std::string path;
};

// A number a pilot uses: its value (the central value when drawn) and, when the scenario gave it a
// distribution, the name of its parameter slot (to which the expansion attaches the places it sets).
struct Number {
  double value = 0;
  std::string slot;
  Origin origin;
};

// One entry { state = rate per year } of an intake or outflow table.
struct Rate {
  std::string state;
  Number rate;
};

// The dates a pilot runs: intake, places and costs count within [start, end).
struct Window {
  Day start = 0;
  Day end = 0;
};

// An existing hazard the pilot scales for its participants (everyone who has been in one of its states),
// from their participation to the end of the horizon: e.g. bijstand->regulier x 1.2 after a paid job.
struct HazardScaling {
  std::string from;
  std::string to;
  Number factor;
};

// A benefit the UWV pays (WW, WIA): a state of its own, at no cost to the BUIG and not bijstand. Persons leave
// it for work and the like (`outflow`) and, when the entitlement ends (`months` > 0), for `then` exactly that
// long after entering it (a deterministic end, not a hazard). No end: WIA, which runs to the AOW age.
// Not everyone whose WW ends qualifies for bijstand (partner's income, assets): a share `then_share` goes to
// `then`, the others to `otherwise` at the same moment (a person attribute drawn once, so the split is exact).
struct UwvBenefit {
  std::string state;
  std::string description;
  Origin origin;
  double months = 0;
  std::string then = "bijstand";
  double then_share = 1.0;
  std::string otherwise = "vertrokken";
  std::vector<Rate> outflow;
};

// The WW rights a contract builds (Werkloosheidswet, docs/model.md "WW and WIA"): WW only when at least
// `weeks_required` weeks were worked (the wekeneis, art. 17: 26 of the last 36 weeks); then at least
// `min_months`, and `months_per_year_worked` per whole year of work history (arbeidsverleden: the contract plus
// `prior_years_worked`; art. 42 with the jareneis), at most `max_months`.
struct WwRights {
  Origin origin;
  double weeks_required = 26;
  double min_months = 3;
  double months_per_year_worked = 1;
  double max_months = 24;
  double prior_years_worked = 0;
  double then_share = 1.0;  // of those still without work when the WW ends, the share entitled to bijstand
  std::vector<Rate> outflow;
};

// Months of WW after `years_worked` years of work under `rights` (0: no WW).
double ww_months(const WwRights& rights, double years_worked);

struct PWettersInDienst {
  Window window;
  std::string state = "in_dienst";
  Origin state_origin;
  // Places: per listed year (from that year on), or one number for every calendar year the window overlaps.
  std::vector<int> place_years;
  std::vector<Number> places;
  bool places_per_listed_year = false;
  std::vector<Rate> intake;
  Origin intake_origin;
  double age_min = 0, age_max = 130;
  double min_years_in_state = 0;
  double contract_years = 1;
  std::string after_contract = "bijstand";
  Origin after_contract_origin;
  // WW after the contract (state <state>_ww), then after_contract; none: straight to after_contract.
  std::optional<WwRights> ww;
  std::vector<Rate> outflow;
  std::optional<std::vector<Rate>> waiting_outflow;
  Origin waiting_outflow_origin;
  std::string waiting_counts_as = "bijstand";  // checked by the reader: a state the scenario has
  Number wage_cost, lks, support_cost, cost_per_year;
  std::vector<HazardScaling> scale;
};

struct Ondernemerschap {
  Window window;
  Number extra_revenue, cost_per_year;
  std::vector<Rate> extra_places;  // state = places per year
  // The market work: per state, the share of its person-years worked in Werkzaak's production halls (empty:
  // every at_werkzaak state, share 1). The extra revenue is earned per person-year of that work, at most
  // halls x places_per_hall person-years a year (0 places: no cap).
  std::vector<Rate> market_work;
  Origin market_work_origin;
  double halls = 0;
  Number places_per_hall;
};

struct NewTargetGroup {
  std::string name;
  std::string description;
  Origin origin;
  Number inflow;
  AgeDistribution age;
  std::vector<std::string> age_weight_slots;  // per band: the slot of a drawn weight, or ""
  Number share_women;
  std::vector<Rate> outflow;
  Origin outflow_origin;
  bool at_werkzaak = true;
  std::vector<std::string> no_benefit_in;
  std::optional<std::vector<std::string>> funded_in;
  Number funding_per_intake, funding_per_person_year, support_cost;
  // The UWV benefit the group's persons keep (WW, WIA): transitions of theirs into `then` (bijstand) from the
  // trajectory and from `no_benefit_in` go to it instead, and the outflow may name it.
  std::optional<UwvBenefit> uwv_benefit;
};

struct NieuweDoelgroepen {
  Window window;
  std::vector<NewTargetGroup> groups;
  std::vector<std::string> benefit_items;
  std::vector<Origin> benefit_item_origins;
  Origin benefit_items_origin;
  std::vector<Rate> extra_places;
  Number cost_per_year;
  std::vector<HazardScaling> scale;
};

// Every pilot a scenario switches on; any combination may run together.
struct PilotsSpec {
  std::optional<PWettersInDienst> p_wetters_in_dienst;
  std::optional<Ondernemerschap> ondernemerschap;
  std::optional<NieuweDoelgroepen> nieuwe_doelgroepen;
  bool empty() const { return !p_wetters_in_dienst && !ondernemerschap && !nieuwe_doelgroepen; }
};

}  // namespace ws::model::pilots
