#pragma once
// Money per year x gemeente x item (MODEL.md, Accounting): a pure function of one replication's accounts
// (person-years, flows, places) and the scenario's money items. EUR, signed: income positive, cost negative.
// Before the scenario's items comes buig_vangnet (with [money.buig] vangnet tiers); the last item,
// operating_result, is the sum of the others in each year and gemeente. The totals of money_rules.hpp (result
// per budget, the shared result, contribution and reserve) are a second table, money_result.
//
// Items of the whole area (basis place or year) are shared over the gemeenten by their key in whole euros
// (largest remainders), so the gemeenten add up exactly to a whole-euro amount of the area.
#include <string>
#include <vector>

#include "sim/model/accounts.hpp"
#include "sim/model/compiled_model.hpp"

namespace ws::model {

// The item names of a scenario in the order of Accounts::money: its items, then operating_result. Empty when
// the scenario has no money items.
std::vector<std::string> money_item_names(const ScenarioSpec& spec);

// The budget of each item of money_item_names (MoneyBudget names; "totaal" for operating_result).
std::vector<std::string> money_item_budgets(const ScenarioSpec& spec);

// The names of the totals in the order of Accounts::money_result (money_rules.hpp, money_result_items).
std::vector<std::string> money_result_names(const ScenarioSpec& spec);

// [year][gemeente][item] for the replication behind `accounts`. Throws std::logic_error when an item names a
// state, group or transition the model does not have (the loader checks this for user input).
std::vector<double> compute_money(const CompiledModel& m, const Accounts& accounts);

// [year][gemeente][total] of money_result_names for the same replication.
std::vector<double> compute_money_results(const CompiledModel& m, const Accounts& accounts);

// Sets accounts.items, accounts.money and accounts.money_result.
void fill_money(const CompiledModel& m, Accounts& accounts);

// Splits `amount` over weights in whole euros by largest remainders (ties: the lower index); what is below a
// euro goes to the largest weight. All weights zero: everything to nobody is impossible, so the caller must
// pass a positive total. Exposed for tests.
std::vector<double> split_whole_euros(double amount, const std::vector<double>& weights);

}  // namespace ws::model
