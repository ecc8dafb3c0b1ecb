#include "sim/model/recorder.hpp"

#include <algorithm>
#include <cmath>

#include "sim/common/date.hpp"

namespace ws::model {
namespace {

// Person-time is summed in integer ticks (2^-20 day) and converted at the end: integer sums do not depend on
// the order of the additions, so two scenarios that agree on every stay give bitwise equal person-years even
// when their events interleave differently.
constexpr double kTicksPerDay = 1 << 20;

// std::llround for the non-negative tick counts here, inline: libm's llround was 6% of a cohort run. Exact:
// x - trunc(x) is exact for x < 2^52, and halves round up, as llround's away from zero does for x >= 0.
std::int64_t round_ticks(double x) {
  const auto whole = static_cast<std::int64_t>(x);
  return whole + (x - static_cast<double>(whole) >= 0.5 ? 1 : 0);
}

}  // namespace

Recorder::Recorder(const CompiledModel& m)
    : m_(m),
      G_(m.gemeente_count),
      S_(static_cast<int>(m.states.size())),
      accounts_(m),
      live_stock_(static_cast<std::size_t>(G_ * S_)),
      person_ticks_(accounts_.person_years.size()),
      group_ticks_(accounts_.person_years_group.size()) {}

int Recorder::year_index(double t) const {
  int y = 0;
  while (y + 1 < static_cast<int>(m_.years.size()) && t >= m_.year_starts[static_cast<std::size_t>(y) + 1])
    ++y;
  return y;
}

void Recorder::year_started(int year, const std::vector<double>& places_per_capacity) {
  const std::size_t C = m_.capacities.size();
  for (std::size_t c = 0; c < C; ++c)
    accounts_.capacity[static_cast<std::size_t>(year) * C + c] = places_per_capacity[c];
}

void Recorder::output_time(int t) {
  for (int g = 0; g < G_; ++g)
    for (int s = 0; s < S_; ++s) accounts_.stock_at(t, g, s) = live(g, s);
  const int C = static_cast<int>(m_.capacities.size());
  for (int g = 0; g < G_; ++g)
    for (int c = 0; c < C; ++c)
      accounts_.waiting[Accounts::index3(t, g, c, G_, C)] =
          live(g, m_.capacities[static_cast<std::size_t>(c)].waiting_state);
}

void Recorder::initial(const Person& p) {
  ++accounts_.initial[p.gemeente];
  ++accounts_.living[p.gemeente];
  ++live(p.gemeente, p.state);
}

void Recorder::arrived(const Person& p, int stream, int label, double now) {
  const int y = year_index(now);
  ++accounts_.arrived[p.gemeente];
  ++accounts_.living[p.gemeente];
  accounts_
      .arrivals_count[Accounts::index3(y, p.gemeente, stream, G_, static_cast<int>(m_.arrivals.size()))] += 1;
  ++live(p.gemeente, p.state);
  accounts_.flow_at(y, p.gemeente, label) += 1;
}

void Recorder::admitted(const Person& p, int capacity, double now) {
  const std::size_t cell =
      Accounts::index3(year_index(now), p.gemeente, capacity, G_, static_cast<int>(m_.capacities.size()));
  accounts_.admissions[cell] += 1;
  accounts_.wait_years[cell] += (now - std::max(p.entered, m_.start)) / kDaysPerYear;
}

void Recorder::left(Person& p, double now) {
  add_person_years(p, now);
  count_cohort_checks(p, now);
  --live(p.gemeente, p.state);
}

void Recorder::entered(const Person& p, int label, double now) {
  accounts_.flow_at(year_index(now), p.gemeente, label) += 1;
  ++live(p.gemeente, p.state);
  if (m_.states[p.state].kind == StateKind::exit) {
    --accounts_.living[p.gemeente];
    ++accounts_.exited[p.gemeente];
  }
}

// Person-years from the later of entry and start up to `until`, split over calendar years.
void Recorder::add_person_years(const Person& p, double until) {
  double from = std::max(p.entered, m_.start);
  for (int y = year_index(from); from < until; ++y) {
    const double year_end = std::min(until, m_.year_starts[static_cast<std::size_t>(y) + 1]);
    const auto ticks = round_ticks((year_end - from) * kTicksPerDay);
    person_ticks_[Accounts::index3(y, p.gemeente, p.state, G_, S_)] += ticks;
    group_ticks_[Accounts::index3(y * G_ + p.gemeente, p.group, p.state, m_.group_count, S_)] += ticks;
    from = year_end;
  }
}

// Counts the person at each cohort check (every half year since the permit) that falls in the stay now
// ending, [max(entered, arrival), until): no events needed, the stay tells the state at those moments.
void Recorder::count_cohort_checks(Person& p, double until) {
  if (p.cohort < 0 || m_.states[p.state].kind == StateKind::exit) return;
  constexpr double kHalfYear = kDaysPerYear / 2;
  const std::size_t row = static_cast<std::size_t>(p.cohort) * static_cast<std::size_t>(m_.cohort_durations);
  const bool working = m_.states[p.state].working;
  for (; p.next_check < m_.cohort_durations; ++p.next_check) {
    const double when = p.permit + kHalfYear * p.next_check;
    if (when >= until) break;
    if (when < p.entered) continue;  // before the arrival in the region: not observed here
    accounts_.cohort_present[row + static_cast<std::size_t>(p.next_check)] += 1;
    if (working) accounts_.cohort_working[row + static_cast<std::size_t>(p.next_check)] += 1;
  }
}

Accounts Recorder::finish(std::vector<Person>& persons, double end) {
  for (Person& p : persons)
    if (m_.states[p.state].kind != StateKind::exit) {
      add_person_years(p, end);
      count_cohort_checks(p, end);
    }
  constexpr double kTicksPerYear = kTicksPerDay * kDaysPerYear;
  for (std::size_t i = 0; i < person_ticks_.size(); ++i)
    accounts_.person_years[i] = static_cast<double>(person_ticks_[i]) / kTicksPerYear;
  for (std::size_t i = 0; i < group_ticks_.size(); ++i)
    accounts_.person_years_group[i] = static_cast<double>(group_ticks_[i]) / kTicksPerYear;
  accounts_.check_conservation(m_);
  return std::move(accounts_);
}

}  // namespace ws::model
