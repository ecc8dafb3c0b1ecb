#include "sim/model/accounts.hpp"

#include <stdexcept>

namespace ws::model {

void Accounts::reset(const CompiledModel& m) {
  times = static_cast<int>(m.output_times.size());
  years = static_cast<int>(m.years.size());
  gemeenten = m.gemeente_count;
  states = static_cast<int>(m.states.size());
  labels = static_cast<int>(m.flow_labels.size());
  capacities = static_cast<int>(m.capacities.size());
  arrivals = static_cast<int>(m.arrivals.size());
  cohorts = static_cast<int>(m.cohorts.size());
  groups = m.group_count;
  year_ends = static_cast<int>(m.year_starts.size());
  age_bands = static_cast<int>(m.spec ? m.spec->run.age_bands.size() : 0);
  events = 0;
  items = 0;
  money.clear();  // fill_money sets them
  money_result.clear();
  const auto n = [](int a, int b, int c) {
    return static_cast<std::size_t>(a) * static_cast<std::size_t>(b) * static_cast<std::size_t>(c);
  };
  stock.assign(n(times, gemeenten, states), 0.0);
  waiting.assign(n(times, gemeenten, capacities), 0.0);
  flow.assign(n(years, gemeenten, labels), 0.0);
  person_years.assign(n(years, gemeenten, states), 0.0);
  person_years_group.assign(n(years, gemeenten, groups) * static_cast<std::size_t>(states), 0.0);
  arrivals_count.assign(n(years, gemeenten, arrivals), 0.0);
  admissions.assign(n(years, gemeenten, capacities), 0.0);
  wait_years.assign(n(years, gemeenten, capacities), 0.0);
  capacity.assign(n(years, capacities, 1), 0.0);
  cohort_present.assign(n(cohorts, m.cohort_durations, 1), 0.0);
  cohort_working.assign(n(cohorts, m.cohort_durations, 1), 0.0);
  cohort_left.assign(n(cohorts, m.cohort_durations, 1), 0.0);
  cohort_left_working.assign(n(cohorts, m.cohort_durations, 1), 0.0);
  const std::size_t bands_sexes = static_cast<std::size_t>(age_bands) * kSexes;
  stock_age.assign(n(year_ends, gemeenten, states) * bands_sexes * static_cast<std::size_t>(groups), 0);
  mean_age.assign(n(year_ends, gemeenten, states), 0.0);
  mean_age_region.assign(n(year_ends, states, 1), 0.0);
  flow_age.assign(n(years, labels, 1) * bands_sexes, 0.0);
  person_years_age.assign(n(years, states, 1) * bands_sexes, 0.0);
  labour_years.assign(n(years, gemeenten, 1), 0.0);
  initial.assign(static_cast<std::size_t>(gemeenten), 0);
  arrived.assign(static_cast<std::size_t>(gemeenten), 0);
  living.assign(static_cast<std::size_t>(gemeenten), 0);
  exited.assign(static_cast<std::size_t>(gemeenten), 0);
}

void Accounts::check_conservation(const CompiledModel& m) const {
  for (int g = 0; g < gemeenten; ++g) {
    const auto i = static_cast<std::size_t>(g);
    // The stock at the last output time must agree with the living count when the last output time is the
    // end.
    double stock_at_end = 0;
    if (!m.output_times.empty() && m.output_times.back() == m.end)
      for (int s = 0; s < states; ++s)
        if (m.states[static_cast<std::size_t>(s)].kind != StateKind::exit)
          stock_at_end += stock[index3(times - 1, g, s, gemeenten, states)];
    const bool balanced = initial[i] + arrived[i] == living[i] + exited[i];
    const bool stock_matches =
        m.output_times.back() != m.end || stock_at_end == static_cast<double>(living[i]);
    if (!balanced || !stock_matches)
      throw std::logic_error("conservation of persons violated in gemeente " + m.spec->gemeenten[i].name +
                             ": initial " + std::to_string(initial[i]) + " + arrivals " +
                             std::to_string(arrived[i]) + " != living " + std::to_string(living[i]) +
                             " + exits " + std::to_string(exited[i]) + " (stock at end " +
                             std::to_string(static_cast<std::int64_t>(stock_at_end)) + ")");
  }
}

}  // namespace ws::model
