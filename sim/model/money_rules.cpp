#include "sim/model/money_rules.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>

#include "sim/model/money.hpp"

namespace ws::model {

namespace {

constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

// The gemeenschappelijke regeling's two modules: a budget's result is shared over the gemeenten that place
// its module at Werkzaak. The operating organisation and the impulse budget belong to every member (seed 001,
// footnote 2), so to the Wsw module that all 8 place there.
bool participatiewet_budget(MoneyBudget b) {
  return b == MoneyBudget::buig || b == MoneyBudget::participatiebudget ||
         b == MoneyBudget::sociale_infrastructuur;
}

std::vector<MoneyBudget> budgets_used(const MoneySpec& money) {
  std::vector<MoneyBudget> out;
  for (std::size_t b = 0; b + 1 < kBudgetNames.size(); ++b) {
    const auto budget = static_cast<MoneyBudget>(b);
    const bool used = std::any_of(money.items.begin(), money.items.end(),
                                  [&](const MoneyItemSpec& i) { return i.budget == budget; }) ||
                      (budget == MoneyBudget::buig && has_vangnet(money));
    if (used) out.push_back(budget);
  }
  return out;
}

std::size_t item_index(const MoneySpec& money, const std::string& name) {
  for (std::size_t i = 0; i < money.items.size(); ++i)
    if (money.items[i].name == name) return i;
  throw std::logic_error("money: unknown item '" + name + "'");
}

// The weights of the key restricted to the gemeenten that place a module at Werkzaak.
std::vector<double> module_key(const CompiledModel& m, bool participatiewet) {
  std::vector<double> w = m.money.sharing.key;
  for (std::size_t g = 0; g < w.size(); ++g) {
    const GemeenteSpec& gemeente = m.spec->gemeenten[g];
    if (!(participatiewet ? gemeente.participatiewet_at_werkzaak : gemeente.wsw_at_werkzaak)) w[g] = 0;
  }
  return w;
}

// Shares the year's joint result per module by the key, then what the gemeenten settle after the reserve.
class Sharing {
 public:
  Sharing(const CompiledModel& m, MoneyTable& t, std::size_t first_column)
      : m_(m), t_(t), col_(first_column), reserve_(m.money.sharing.reserve_start) {
    keys_[0] = module_key(m, false);
    keys_[1] = module_key(m, true);
    all_ = m.money.sharing.key;
  }

  // joint[module]: the area's result of the year per module (0 Wsw, 1 Participatiewet).
  void year(int y, const double (&joint)[2]) {
    const SharingSpec& s = m_.money.sharing;
    double to_reserve[2] = {s.to_reserve * joint[0], s.to_reserve * joint[1]};
    const double change = to_reserve[0] + to_reserve[1];
    if (reserve_ + change < 0) {  // an empty reserve absorbs nothing more: the gemeenten settle the rest
      const double f = change < 0 ? -reserve_ / change : 0.0;
      to_reserve[0] *= f;
      to_reserve[1] *= f;
    }
    reserve_ = std::max(0.0, reserve_ + to_reserve[0] + to_reserve[1]);
    for (int module = 0; module < 2; ++module) {
      add(y, col_, joint[module], keys_[module], 1.0);
      add(y, col_ + 1, joint[module] - to_reserve[module], keys_[module], -1.0);
    }
    add(y, col_ + 2, reserve_, all_, 1.0);
  }

 private:
  void add(int y, std::size_t column, double amount, const std::vector<double>& key, double sign) {
    if (amount == 0) return;
    const std::vector<double> parts = split_whole_euros(amount, key);
    for (int g = 0; g < t_.gemeenten; ++g)
      t_.result(y, g, column) += sign * parts[static_cast<std::size_t>(g)];
  }

  const CompiledModel& m_;
  MoneyTable& t_;
  const std::size_t col_;
  double reserve_;
  std::vector<double> keys_[2], all_;
};

// Of the group's expected arrivals from the start to the end of year y, the share that came after
// buig.future_from (with the taakstelling the scenario sets rather than the file's).
double future_share(const CompiledModel& m, int group, int y) {
  const double to = m.year_starts[static_cast<std::size_t>(y) + 1];
  const auto future_from = static_cast<double>(m.money.buig.future_from);
  double before = 0, after = 0;
  for (const auto& s : m.arrivals) {
    if (s.group != group) continue;
    for (std::size_t k = 0; k < s.period_start.size(); ++k) {
      const double from = std::max(s.period_start[k], m.start);
      const double until = std::min(k + 1 < s.period_start.size() ? s.period_start[k + 1] : to, to);
      if (!(until > from)) continue;
      for (const auto& rates : s.rate_per_day)
        (s.period_start[k] >= future_from ? after : before) += rates[k] * (until - from);
    }
  }
  return before + after > 0 ? after / (before + after) : 0.0;
}

}  // namespace

bool has_vangnet(const MoneySpec& money) { return money.buig.enabled && !money.buig.vangnet_from.empty(); }

std::vector<std::pair<std::string, MoneyBudget>> money_result_items(const MoneySpec& money) {
  std::vector<std::pair<std::string, MoneyBudget>> out;
  if (money.items.empty()) return out;
  for (MoneyBudget b : budgets_used(money)) out.emplace_back(std::string(kResultPrefix) + budget_name(b), b);
  if (money.sharing.enabled)
    for (const char* name : {kSharedResult, kContribution, kReserve})
      out.emplace_back(name, MoneyBudget::totaal);
  return out;
}

double buig_volume_index(const CompiledModel& m, const Accounts& a, int y) {
  const BuigSpec& b = m.money.buig;
  const int year = m.years[static_cast<std::size_t>(y)];
  const double trend = std::pow(1.0 + b.national_trend, year - b.base_year);
  if (b.statushouder_group.empty()) return trend;
  const auto& groups = m.spec->groups;
  const auto group = static_cast<std::size_t>(
      std::find_if(groups.begin(), groups.end(),
                   [&](const GroupSpec& g) { return g.name == b.statushouder_group; }) -
      groups.begin());
  if (group == groups.size()) throw std::logic_error("money: unknown group '" + b.statushouder_group + "'");
  std::vector<std::size_t> states;
  for (const auto& name : b.volume_states)
    for (std::size_t s = 0; s < m.spec->states.size(); ++s)
      if (m.spec->states[s].name == name) states.push_back(s);
  double persons = 0, inhabitants = 0;
  for (int g = 0; g < a.gemeenten; ++g) {
    const GemeenteSpec& gemeente = m.spec->gemeenten[static_cast<std::size_t>(g)];
    if (!gemeente.participatiewet_at_werkzaak) continue;
    inhabitants += gemeente.inhabitants;
    for (std::size_t s : states)
      persons += a.person_years_group[((static_cast<std::size_t>(y) * static_cast<std::size_t>(a.gemeenten) +
                                        static_cast<std::size_t>(g)) *
                                           static_cast<std::size_t>(a.groups) +
                                       group) *
                                          static_cast<std::size_t>(a.states) +
                                      s];
  }
  if (!(inhabitants > 0) || !(b.taakstelling > 0)) return trend;
  // The taakstelling houses statushouders by population share: nationally, the region's over its share. The
  // part the trend already holds (the reference taakstelling) is not added again: statushouder volume is
  // taken as proportional to the arrivals, of which the future taakstelling brought future_share.
  double extra = 1.0;
  if (b.reference_taakstelling > 0)
    extra = (1.0 - b.reference_taakstelling / b.taakstelling) * future_share(m, static_cast<int>(group), y);
  return trend + extra * persons * (b.national_population / inhabitants) / b.national_caseload;
}

double vangnet_amount(const BuigSpec& buig, double allocation, double result) {
  const double deficit = -result;
  if (!(deficit > 0) || !(allocation > 0)) return 0.0;
  double out = 0;
  for (std::size_t k = 0; k < buig.vangnet_from.size(); ++k) {
    const double lo = buig.vangnet_from[k] * allocation;
    const double hi = k + 1 < buig.vangnet_from.size() ? buig.vangnet_from[k + 1] * allocation
                                                       : std::numeric_limits<double>::infinity();
    out += buig.vangnet_share[k] * std::clamp(deficit - lo, 0.0, hi - lo);
  }
  return out;
}

namespace {

// The macro budget follows the national LKS volume, which the national beschut and banenafspraak targets make
// grow as the region's: the allocation gains the growth of the follow_items' cost since the start, shared like
// the allocation.
void follow_items(const MoneySpec& money, MoneyTable& t, int y, std::size_t allocation) {
  double growth = 0;
  for (const auto& name : money.buig.follow_items) {
    const std::size_t i = item_index(money, name);
    growth += t.start_rate[i];
    for (int g = 0; g < t.gemeenten; ++g) growth -= t.item(y, g, i);
  }
  std::vector<double> weights(static_cast<std::size_t>(t.gemeenten));
  for (int g = 0; g < t.gemeenten; ++g) weights[static_cast<std::size_t>(g)] = t.item(y, g, allocation);
  if (growth == 0 || !(std::accumulate(weights.begin(), weights.end(), 0.0) > 0)) return;
  const std::vector<double> parts = split_whole_euros(growth, weights);
  for (int g = 0; g < t.gemeenten; ++g) t.item(y, g, allocation) += parts[static_cast<std::size_t>(g)];
}

// The vangnet column of year y: per gemeente, or on the pooled BUIG shared by the allocations.
void fill_vangnet(const MoneySpec& money, MoneyTable& t, int y, std::size_t allocation) {
  std::vector<double> allocations(static_cast<std::size_t>(t.gemeenten)), results(allocations.size());
  for (int g = 0; g < t.gemeenten; ++g) {
    allocations[static_cast<std::size_t>(g)] = t.item(y, g, allocation);
    for (std::size_t i = 0; i < t.items; ++i)
      if (money.items[i].budget == MoneyBudget::buig) results[static_cast<std::size_t>(g)] += t.item(y, g, i);
  }
  if (!money.buig.vangnet_pooled) {
    for (int g = 0; g < t.gemeenten; ++g)
      t.at(y, g, 0) = vangnet_amount(money.buig, allocations[static_cast<std::size_t>(g)],
                                     results[static_cast<std::size_t>(g)]);
    return;
  }
  const double pooled =
      vangnet_amount(money.buig, std::accumulate(allocations.begin(), allocations.end(), 0.0),
                     std::accumulate(results.begin(), results.end(), 0.0));
  if (pooled == 0) return;
  const std::vector<double> parts = split_whole_euros(pooled, allocations);
  for (int g = 0; g < t.gemeenten; ++g) t.at(y, g, 0) = parts[static_cast<std::size_t>(g)];
}

}  // namespace

void apply_money_rules(const CompiledModel& m, const Accounts& a, MoneyTable& t) {
  const MoneySpec& money = m.money;
  const bool vangnet = has_vangnet(money);
  const std::size_t budget_columns = t.first + t.items;
  const std::vector<MoneyBudget> budgets = budgets_used(money);
  const std::size_t allocation = money.buig.enabled ? item_index(money, money.buig.allocation_item) : kNone;
  std::optional<Sharing> sharing;
  if (money.sharing.enabled) sharing.emplace(m, t, budgets.size());
  const auto budget_of = [&](std::size_t column) {
    return column >= t.first ? money.items[column - t.first].budget : MoneyBudget::buig;  // the vangnet
  };
  for (int y = 0; y < t.years; ++y) {
    if (allocation != kNone && money.buig.follow_volume) {
      const double v = buig_volume_index(m, a, y);
      for (int g = 0; g < t.gemeenten; ++g) t.item(y, g, allocation) *= v;
      follow_items(money, t, y, allocation);
    }
    if (vangnet) fill_vangnet(money, t, y, allocation);
    double joint[2] = {0, 0};
    for (int g = 0; g < t.gemeenten; ++g) {
      for (std::size_t b = 0; b < budgets.size(); ++b) {
        double sum = 0;
        for (std::size_t i = 0; i < budget_columns; ++i)
          if (budget_of(i) == budgets[b]) sum += t.at(y, g, i);
        t.result(y, g, b) = sum;
        joint[participatiewet_budget(budgets[b]) ? 1 : 0] += sum;
      }
      double total = 0;  // in column order, as the sum of the items has always been taken
      for (std::size_t i = 0; i < budget_columns; ++i) total += t.at(y, g, i);
      t.at(y, g, t.width - 1) = total;
    }
    if (sharing) sharing->year(y, joint);
  }
}

}  // namespace ws::model
