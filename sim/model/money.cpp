#include "sim/model/money.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "sim/common/date.hpp"
#include "sim/model/money_rules.hpp"

namespace ws::model {

namespace {

int index_in(const std::vector<std::string>& names, const std::string& name, const char* what) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw std::logic_error(std::string("money: unknown ") + what + " '" + name + "'");
  return static_cast<int>(it - names.begin());
}

// Everything compute_money needs about the model, looked up once per call.
class MoneyCalculator {
 public:
  MoneyCalculator(const CompiledModel& m, const Accounts& a)
      : m_(m), a_(a), spec_(*m.spec), Y_(a.years), G_(a.gemeenten), S_(a.states) {
    for (const auto& s : spec_.states) state_names_.push_back(s.name);
    for (const auto& g : spec_.groups) group_names_.push_back(g.name);
  }

  MoneyTable run() {
    const auto& items = m_.money.items;
    const std::size_t I = items.size();
    if (I == 0) return {};
    const std::size_t first = has_vangnet(m_.money) ? 1 : 0;
    MoneyTable table{Y_, G_, first, I, first + I + 1, money_result_items(m_.money).size(), {}, {}, {}};
    table.start_rate.assign(I, 0.0);
    const auto cells = static_cast<std::size_t>(Y_) * static_cast<std::size_t>(G_);
    table.cells.assign(cells * table.width, 0.0);
    table.results.assign(cells * table.result_width, 0.0);
    std::vector<double>& out = table.cells;
    const auto at = [&](int y, int g, std::size_t i) { return table.cell(y, g) * table.width + first + i; };
    double buig_start_cost = 0;  // the BUIG cost items at the start stock, for tying them to the base year
    for (std::size_t i = 0; i < I; ++i) {
      const MoneyItemSpec& item = items[i];
      const Resolved r = resolve(item);
      for (int y = 0; y < Y_; ++y) {
        const double from = m_.year_starts[static_cast<std::size_t>(y)];
        const double to = m_.year_starts[static_cast<std::size_t>(y) + 1];
        const double inside =
            std::min(to, static_cast<double>(item.end)) - std::max(from, static_cast<double>(item.start));
        if (inside <= 0) continue;
        // Counted quantities (person-years, flows) belong to the simulated part of the year; amounts per
        // calendar year (places, fixed amounts) to the whole calendar year.
        const double share_simulated = inside == to - from ? 1.0 : inside / (to - from);
        const int calendar_year = m_.years[static_cast<std::size_t>(y)];
        const double calendar_days = static_cast<double>(days_from_civil(calendar_year + 1, 1, 1) -
                                                         days_from_civil(calendar_year, 1, 1));
        const double share_calendar = inside == calendar_days ? 1.0 : inside / calendar_days;
        switch (item.basis) {
          case MoneyBasis::person_year:
            if (y == 0) {
              table.start_rate[i] = item.sign * start_cost(item, r);
              if (calibrated(item)) buig_start_cost += start_cost(item, r);
            }
            for (int g = 0; g < G_; ++g)
              out[at(y, g, i)] = item.sign * item.multiplier * share_simulated * person_years(r, y, g) /
                                 item.persons_per_unit;
            if (item.cap_person_years > 0) {
              double counted = 0;
              for (int g = 0; g < G_; ++g)
                counted += share_simulated * person_years(r, y, g, /*euros_wanted=*/false);
              const double limit = item.cap_person_years * share_calendar;
              if (counted > limit)
                for (int g = 0; g < G_; ++g) out[at(y, g, i)] *= limit / counted;
            }
            break;
          case MoneyBasis::transition:
            for (int g = 0; g < G_; ++g) {
              double persons = 0;
              for (int l : r.labels) persons += a_.flow[Accounts::index3(y, g, l, G_, a_.labels)];
              out[at(y, g, i)] = item.sign * item.multiplier * share_simulated * item.amount * persons;
            }
            break;
          case MoneyBasis::place:
          case MoneyBasis::year: {
            const double base =
                item.basis == MoneyBasis::place
                    ? item.amount * a_.capacity[static_cast<std::size_t>(y * a_.capacities + r.capacity)]
                    : year_amount(item, calendar_year);
            const double area = item.sign * item.multiplier * share_calendar * base;
            if (area == 0) break;
            const std::vector<double> parts = split_whole_euros(area, weights(item, r, y));
            for (int g = 0; g < G_; ++g) out[at(y, g, i)] = parts[static_cast<std::size_t>(g)];
            break;
          }
        }
      }
    }
    // Tied to the base year: at the start stock, the drawn amounts cost exactly the known net cost.
    if (buig_start_cost > 0) {
      const double factor = m_.money.buig.net_cost_base / buig_start_cost;
      for (std::size_t i = 0; i < I; ++i)
        if (calibrated(items[i])) {
          table.start_rate[i] *= factor;
          for (int y = 0; y < Y_; ++y)
            for (int g = 0; g < G_; ++g) out[at(y, g, i)] *= factor;
        }
    }
    apply_money_rules(m_, a_, table);
    return table;
  }

 private:
  struct Resolved {
    std::vector<int> states;      // person_year: state indices
    std::vector<double> amounts;  // per state
    std::vector<double> shares;   // per state: the share of its person-years that counts
    std::vector<int> groups;
    std::vector<std::pair<int, std::vector<int>>> exclude;  // group, states
    std::vector<int> labels;
    int capacity = -1;
    std::vector<int> key_states;
  };

  // A BUIG cost per person-year that [money.buig] ties to the base year's net cost.
  bool calibrated(const MoneyItemSpec& item) const {
    return m_.money.buig.enabled && m_.money.buig.net_cost_base > 0 && item.budget == MoneyBudget::buig &&
           item.sign < 0 && item.basis == MoneyBasis::person_year;
  }

  // The item's EUR a year at the stock of the first output time (groups and exclusions aside: nobody of a
  // pilot's group is there yet).
  double start_cost(const MoneyItemSpec& item, const Resolved& r) const {
    double euros = 0;
    for (int g = 0; g < G_; ++g)
      for (std::size_t k = 0; k < r.states.size(); ++k)
        euros += r.amounts[k] * r.shares[k] * a_.stock[Accounts::index3(0, g, r.states[k], G_, S_)];
    return item.multiplier * euros / item.persons_per_unit;
  }

  std::vector<int> at_werkzaak() const {
    std::vector<int> out;
    for (int s = 0; s < S_; ++s)
      if (spec_.states[static_cast<std::size_t>(s)].at_werkzaak) out.push_back(s);
    return out;
  }

  Resolved resolve(const MoneyItemSpec& item) const {
    Resolved r;
    for (std::size_t k = 0; k < item.states.size(); ++k) {
      r.states.push_back(index_in(state_names_, item.states[k], "state"));
      r.amounts.push_back(item.state_amount.empty() ? item.amount : item.state_amount[k]);
      r.shares.push_back(item.state_share.empty() ? 1.0 : item.state_share[k]);
    }
    if (item.at_werkzaak_states)
      for (int s : at_werkzaak())
        if (std::find(r.states.begin(), r.states.end(), s) == r.states.end()) {
          r.states.push_back(s);
          r.amounts.push_back(item.amount);
          r.shares.push_back(1.0);
        }
    for (const auto& g : item.groups) r.groups.push_back(index_in(group_names_, g, "group"));
    for (const auto& e : item.exclude) {
      std::vector<int> states;
      for (const auto& s : e.states) states.push_back(index_in(state_names_, s, "state"));
      r.exclude.emplace_back(index_in(group_names_, e.group, "group"), std::move(states));
    }
    for (const auto& l : item.transitions) r.labels.push_back(index_in(m_.flow_labels, l, "transition"));
    if (item.basis == MoneyBasis::place) {
      const int state = index_in(state_names_, item.states.at(0), "state");
      r.capacity = m_.states[static_cast<std::size_t>(state)].capacity;
      if (r.capacity < 0) throw std::logic_error("money: '" + item.states[0] + "' has no places");
      r.states.clear();
    }
    if (item.key == MoneyKey::use) {
      for (const auto& s : item.key_states) r.key_states.push_back(index_in(state_names_, s, "state"));
      if (item.key_states.empty()) r.key_states = at_werkzaak();
    }
    return r;
  }

  double group_years(int y, int g, int group, int s) const {
    const std::size_t cell =
        ((static_cast<std::size_t>(y) * static_cast<std::size_t>(G_) + static_cast<std::size_t>(g)) *
             static_cast<std::size_t>(a_.groups) +
         static_cast<std::size_t>(group)) *
            static_cast<std::size_t>(S_) +
        static_cast<std::size_t>(s);
    return a_.person_years_group[cell];
  }

  // The item's euros (or, with euros_wanted false, its counted person-years) of gemeente g in year y.
  double person_years(const Resolved& r, int y, int g, bool euros_wanted = true) const {
    double euros = 0;
    for (std::size_t k = 0; k < r.states.size(); ++k) {
      const int s = r.states[k];
      double years = 0;
      if (r.groups.empty()) {
        years = a_.person_years[Accounts::index3(y, g, s, G_, S_)];
      } else {
        for (int group : r.groups) years += group_years(y, g, group, s);
      }
      for (const auto& [group, states] : r.exclude)
        if (std::find(states.begin(), states.end(), s) != states.end()) years -= group_years(y, g, group, s);
      euros += (euros_wanted ? r.amounts[k] : 1.0) * r.shares[k] * years;
    }
    return euros;
  }

  static double year_amount(const MoneyItemSpec& item, int calendar_year) {
    if (item.years.empty()) return item.amount;
    const auto it = std::upper_bound(item.years.begin(), item.years.end(), calendar_year);
    if (it == item.years.begin()) return 0.0;
    return item.year_amount[static_cast<std::size_t>(it - item.years.begin() - 1)];
  }

  // The key's weight of each gemeente in year y.
  std::vector<double> weights(const MoneyItemSpec& item, const Resolved& r, int y) const {
    std::vector<double> w(static_cast<std::size_t>(G_), 0.0);
    const auto population = [&](auto open) {
      for (int g = 0; g < G_; ++g) {
        const auto& gemeente = spec_.gemeenten[static_cast<std::size_t>(g)];
        w[static_cast<std::size_t>(g)] = open(gemeente) ? gemeente.inhabitants : 0.0;
      }
    };
    switch (item.key) {
      case MoneyKey::own:
      case MoneyKey::population:
        population([](const GemeenteSpec&) { return true; });
        break;
      case MoneyKey::population_participatiewet:
        population([](const GemeenteSpec& g) { return g.participatiewet_at_werkzaak; });
        break;
      case MoneyKey::population_wsw:
        population([](const GemeenteSpec& g) { return g.wsw_at_werkzaak; });
        break;
      case MoneyKey::use: {
        double total = 0;
        for (int g = 0; g < G_; ++g) {
          for (int s : r.key_states)
            w[static_cast<std::size_t>(g)] += a_.person_years[Accounts::index3(y, g, s, G_, S_)];
          total += w[static_cast<std::size_t>(g)];
        }
        // Nobody in the key's states this year: share by population instead.
        if (!(total > 0)) population([](const GemeenteSpec&) { return true; });
        break;
      }
      case MoneyKey::shares:
        w = item.shares;
        break;
    }
    return w;
  }

  const CompiledModel& m_;
  const Accounts& a_;
  const ScenarioSpec& spec_;
  const int Y_, G_, S_;
  std::vector<std::string> state_names_, group_names_;
};

}  // namespace

std::vector<std::string> money_item_names(const ScenarioSpec& spec) {
  std::vector<std::string> names;
  if (spec.money.items.empty()) return names;
  if (has_vangnet(spec.money)) names.emplace_back(kVangnet);
  for (const auto& item : spec.money.items) names.push_back(item.name);
  names.emplace_back(kOperatingResult);
  return names;
}

std::vector<std::string> money_result_names(const ScenarioSpec& spec) {
  std::vector<std::string> names;
  for (const auto& [name, budget] : money_result_items(spec.money)) names.push_back(name);
  return names;
}

std::vector<std::string> money_item_budgets(const ScenarioSpec& spec) {
  std::vector<std::string> budgets;
  if (spec.money.items.empty()) return budgets;
  if (has_vangnet(spec.money)) budgets.emplace_back(budget_name(MoneyBudget::buig));
  for (const auto& item : spec.money.items) budgets.emplace_back(budget_name(item.budget));
  budgets.emplace_back(budget_name(MoneyBudget::totaal));
  return budgets;
}

std::vector<double> compute_money(const CompiledModel& m, const Accounts& accounts) {
  return MoneyCalculator(m, accounts).run().cells;
}

std::vector<double> compute_money_results(const CompiledModel& m, const Accounts& accounts) {
  return MoneyCalculator(m, accounts).run().results;
}

void fill_money(const CompiledModel& m, Accounts& accounts) {
  MoneyTable table = MoneyCalculator(m, accounts).run();
  accounts.money = std::move(table.cells);
  accounts.money_result = std::move(table.results);
  accounts.items = static_cast<int>(money_item_names(*m.spec).size());
}

std::vector<double> split_whole_euros(double amount, const std::vector<double>& weights) {
  const std::size_t n = weights.size();
  std::vector<double> parts(n, 0.0);
  const double total_weight = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (n == 0 || !(total_weight > 0)) throw std::logic_error("money: a key with no positive weight");
  const double sign = amount < 0 ? -1.0 : 1.0;
  const double magnitude = std::abs(amount);
  const double whole = std::floor(magnitude);
  std::vector<double> remainder(n, 0.0);
  double given = 0;
  for (std::size_t g = 0; g < n; ++g) {
    const double quota = whole * (weights[g] / total_weight);
    parts[g] = std::floor(quota);
    remainder[g] = quota - parts[g];
    given += parts[g];
  }
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return remainder[x] > remainder[y]; });
  // Rounding of the quotas can leave a few euros over (or, rarely, one too many): settle them in order. At
  // most a few rounds: beyond 2^53 adding one euro changes nothing, and the loops must still end.
  const std::size_t most_steps = 4 * n + 4;
  for (std::size_t k = 0, step = 0; given < whole && step < most_steps; k = (k + 1) % n, ++step)
    if (weights[order[k]] > 0) parts[order[k]] += 1, given += 1;
  for (std::size_t k = n - 1, step = 0; given > whole && step < most_steps; k = (k + n - 1) % n, ++step)
    if (parts[order[k]] >= 1) parts[order[k]] -= 1, given -= 1;
  const auto largest =
      static_cast<std::size_t>(std::max_element(weights.begin(), weights.end()) - weights.begin());
  parts[largest] += magnitude - whole;
  for (double& p : parts) p *= sign;
  return parts;
}

}  // namespace ws::model
