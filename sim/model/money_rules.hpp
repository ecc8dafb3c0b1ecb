#pragma once
// The rules that turn a replication's money items into Werkzaak's budgets (issue 12, docs/model.md, Money):
// the BUIG allocation following national volume, the vangnet, the result per budget, and the joint result
// shared over the gemeenten by the scenario's key with the contribution and reserve it implies. Pure functions
// of the item table that money.cpp computed and of the replication's accounts.
#include <string>
#include <utility>
#include <vector>

#include "sim/model/accounts.hpp"
#include "sim/model/compiled_model.hpp"

namespace ws::model {

// Whether the rules add the item buig_vangnet (before the scenario's items).
bool has_vangnet(const MoneySpec& money);

// The totals the rules compute besides the items (Accounts::money_result): result_<budget> for each budget
// used, then with [money.sharing] aandeel_resultaat, gemeentelijke_bijdrage and reserve; with their budgets.
std::vector<std::pair<std::string, MoneyBudget>> money_result_items(const MoneySpec& money);

// [year][gemeente][column] of the items (`first` = 1 for the vangnet, the scenario's `items`, operating_result:
// `width`) and of the totals (`result_width`). The vangnet comes first so that scenarios that add items (the
// pilots) keep the order of the items they share with others.
struct MoneyTable {
  int years = 0, gemeenten = 0;
  std::size_t first = 0, items = 0, width = 0, result_width = 0;
  std::vector<double> cells, results;
  std::vector<double> start_rate;  // per item: EUR a year of the whole area at the start stock (person_year)
  std::size_t cell(int y, int g) const {
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(gemeenten) + static_cast<std::size_t>(g);
  }
  double& at(int y, int g, std::size_t column) { return cells[cell(y, g) * width + column]; }
  double& item(int y, int g, std::size_t i) { return at(y, g, first + i); }
  double& result(int y, int g, std::size_t k) { return results[cell(y, g) * result_width + k]; }
};

// The national volume index of calendar year y relative to the base year: the trend, plus the statushouders
// housed since the start, nationally (the region's in the volume states over its population share).
double buig_volume_index(const CompiledModel& m, const Accounts& a, int y);

// Applies volume following to the allocation item, fills the vangnet and operating_result, and the totals.
void apply_money_rules(const CompiledModel& m, const Accounts& a, MoneyTable& t);

// The vangnet of one gemeente: the compensated part of a BUIG deficit by the tiers of `buig`. Exposed for tests.
double vangnet_amount(const BuigSpec& buig, double allocation, double result);

}  // namespace ws::model
