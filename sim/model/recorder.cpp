#include "sim/model/recorder.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sim/common/date.hpp"
#include "sim/common/rounding.hpp"

namespace ws::model {
namespace {

// Person-time is summed in integer ticks (2^-20 day) and converted at the end: integer sums do not depend on
// the order of the additions, so two scenarios that agree on every stay give bitwise equal person-years even
// when their events interleave differently.
constexpr double kTicksPerDay = 1 << 20;

}  // namespace

Recorder::Recorder(const CompiledModel& m, RecorderBuffers& buffers)
    : m_(m),
      G_(m.gemeente_count),
      S_(static_cast<int>(m.states.size())),
      accounts_(buffers.accounts),
      live_stock_(static_cast<std::size_t>(G_ * S_)),
      person_ticks_(buffers.person_ticks),
      group_ticks_(buffers.group_ticks),
      age_ticks_(buffers.age_ticks),
      age_sum_ticks_(buffers.age_sum_ticks),
      age_count_(buffers.age_count),
      stock_ahead_(buffers.stock_ahead) {
  accounts_.reset(m);
  group_ticks_.assign(accounts_.person_years_group.size(), 0);
  age_ticks_.assign(accounts_.person_years_age.size(), 0);
  age_sum_ticks_.assign(accounts_.mean_age.size(), 0);
  for (int lower : m.spec->run.age_bands) band_days_.push_back(lower * kDaysPerYear);
  if (band_days_.size() > 256) throw std::logic_error("Recorder: more than 256 age bands (Person::band)");
  for (std::size_t b = 0; b < band_days_.size(); ++b)
    band_ends_.push_back(b + 1 < band_days_.size() ? band_days_[b + 1]
                                                   : std::numeric_limits<double>::infinity());
  for (int year = 0; year <= m.spec->run.age_bands.back() + 1; ++year) {
    int band = 0;
    while (band_ends_[static_cast<std::size_t>(band)] <= year * kDaysPerYear) ++band;
    band_of_year_.push_back(band);
  }
  // Year y holds the days [year_starts[y], year_starts[y + 1]); times before the start count to the first
  // year, times from the start of the last year on to the last (year_index).
  last_year_ = std::max(0, static_cast<int>(m.years.size()) - 1);
  for (int y = 0; y + 1 < static_cast<int>(m.year_starts.size()); ++y)
    year_of_day_.resize(static_cast<std::size_t>(m.year_starts[static_cast<std::size_t>(y) + 1] - m.start),
                        y);
  for (std::size_t y = 0; y + 1 < m.year_starts.size(); ++y)
    whole_year_ticks_.push_back(round_nearest((m.year_starts[y + 1] - m.year_starts[y]) * kTicksPerDay));
  // Output times are whole days (compile_model), so the ones at or before t are those at or before its day.
  outputs_through_day_.resize(year_of_day_.size());
  std::size_t taken = 0;
  for (std::size_t day = 0; day < outputs_through_day_.size(); ++day) {
    while (taken < m.output_times.size() && m.output_times[taken] <= m.start + static_cast<double>(day))
      ++taken;
    outputs_through_day_[day] = static_cast<std::int32_t>(taken);
  }
}

// The number of output times at or before t (start <= t < end).
int Recorder::outputs_through(double t) const {
  const double day = t - m_.start;
  if (!(day >= 0) || day >= static_cast<double>(outputs_through_day_.size()))
    throw std::logic_error("Recorder: a move ahead outside the horizon");
  return outputs_through_day_[static_cast<std::size_t>(day)];
}

// The band of that age (completed years = days / 365.25); younger than the first bound: the first band.
// A guess from the completed years (a table), then the exact comparisons with the bounds settle it: the band b
// with band_days_[b] <= age_days < band_ends_[b] (or 0), whatever the guess, as the search gave.
int Recorder::age_band(double age_days) const {
  const double years = age_days * (1 / kDaysPerYear);
  if (!(years >= 0)) {  // negative or NaN: the search itself
    const auto it = std::upper_bound(band_days_.begin(), band_days_.end(), age_days);
    return it == band_days_.begin() ? 0 : static_cast<int>(it - band_days_.begin()) - 1;
  }
  const auto year = std::min(static_cast<std::size_t>(std::min(years, 1e9)), band_of_year_.size() - 1);
  int band = band_of_year_[year];
  while (band > 0 && band_days_[static_cast<std::size_t>(band)] > age_days) --band;
  return advance_band(band, age_days);
}

void Recorder::year_started(int year, const std::vector<double>& places_per_capacity) {
  const std::size_t C = m_.capacities.size();
  for (std::size_t c = 0; c < C; ++c)
    accounts_.capacity[static_cast<std::size_t>(year) * C + c] = places_per_capacity[c];
}

void Recorder::output_time(int t) {
  outputs_taken_ = t + 1;
  for (int g = 0; g < G_; ++g)
    for (int s = 0; s < S_; ++s) accounts_.stock_at(t, g, s) = live(g, s);
  const int C = static_cast<int>(m_.capacities.size());
  for (int g = 0; g < G_; ++g)
    for (int c = 0; c < C; ++c)
      accounts_.waiting[Accounts::index3(t, g, c, G_, C)] =
          live(g, m_.capacities[static_cast<std::size_t>(c)].waiting_state);
}

// The output times from the first not yet taken up to t counted the person in `to` instead of `from`: steps of
// +1 and -1 over that range of output times, summed up in finish(). Four counts, whatever the range.
void Recorder::moved_ahead(int g, int from, int to, double t) {
  const int first = outputs_taken_, last = outputs_through(t);  // output times [first, last)
  if (first >= last) return;
  if (!moved_ahead_) {
    stock_ahead_.assign(static_cast<std::size_t>((accounts_.times + 1) * G_ * S_), 0);
    moved_ahead_ = true;
  }
  const auto cell = [&](int k, int s) { return static_cast<std::size_t>((k * G_ + g) * S_ + s); };
  if (from >= 0) {
    stock_ahead_[cell(first, from)] += 1;
    stock_ahead_[cell(last, from)] -= 1;
  }
  stock_ahead_[cell(first, to)] -= 1;
  stock_ahead_[cell(last, to)] += 1;
}

// The stocks taken at output times, corrected for the moves made ahead of them (moved_ahead): the steps summed
// along the output times. Whole numbers added to whole numbers: exact, as the counts in time order are.
void Recorder::correct_stocks_for_moves_ahead() {
  if (!moved_ahead_) return;
  const std::size_t cells = static_cast<std::size_t>(G_ * S_);
  std::vector<std::int32_t> running(cells, 0);
  for (int k = 0; k < accounts_.times; ++k)
    for (std::size_t c = 0; c < cells; ++c) {
      running[c] += stock_ahead_[static_cast<std::size_t>(k) * cells + c];
      accounts_.stock[static_cast<std::size_t>(k) * cells + c] += running[c];
    }
}

void Recorder::initial(Person& p) {
  p.band = static_cast<std::uint8_t>(age_band(std::max(p.entered, m_.start) - p.birth));
  ++accounts_.initial[p.gemeente];
  ++accounts_.living[p.gemeente];
  ++live(p.gemeente, p.state);
  if (m_.states[p.state].kind == StateKind::exit) count_year_ends(p, m_.end);  // never leaves: counted now
}

// The flow by age band and sex; the band is also the one the stay starts in (now is when it was entered).
// p.band is that of an earlier age (the previous stay's start; 0 for a new person), never above now's band:
// advanced from there, it is the band the search gives, in a step or two.
void Recorder::count_flow_age(Person& p, int year, int label, double now) {
  const int band = advance_band(p.band, now - p.birth);
  p.band = static_cast<std::uint8_t>(band);
  accounts_.flow_age[(static_cast<std::size_t>(year) * static_cast<std::size_t>(accounts_.labels) +
                      static_cast<std::size_t>(label)) *
                         static_cast<std::size_t>(accounts_.age_bands * Accounts::kSexes) +
                     static_cast<std::size_t>(band * Accounts::kSexes + p.sex)] += 1;
}

void Recorder::arrived(Person& p, int stream, int label, double now) {
  const int y = year_index(now);
  ++accounts_.arrived[p.gemeente];
  ++accounts_.living[p.gemeente];
  accounts_
      .arrivals_count[Accounts::index3(y, p.gemeente, stream, G_, static_cast<int>(m_.arrivals.size()))] += 1;
  ++live(p.gemeente, p.state);
  accounts_.flow_at(y, p.gemeente, label) += 1;
  count_flow_age(p, y, label, now);
  if (m_.states[p.state].kind == StateKind::exit) count_year_ends(p, m_.end);  // never leaves: counted now
}

void Recorder::admitted(const Person& p, int capacity, double now) {
  const std::size_t cell =
      Accounts::index3(year_index(now), p.gemeente, capacity, G_, static_cast<int>(m_.capacities.size()));
  accounts_.admissions[cell] += 1;
  accounts_.wait_years[cell] += (now - std::max(p.entered, m_.start)) / kDaysPerYear;
}

void Recorder::left(Person& p, double now) {
  count_stay(p, now);  // a state one leaves is no exit state
  count_cohort_checks(p, now);
  left_working_ = m_.states[p.state].working;
  --live(p.gemeente, p.state);
}

void Recorder::entered(Person& p, int label, double now) {
  const int y = year_index(now);
  accounts_.flow_at(y, p.gemeente, label) += 1;
  count_flow_age(p, y, label, now);
  ++live(p.gemeente, p.state);
  if (m_.states[p.state].kind == StateKind::exit) {
    --accounts_.living[p.gemeente];
    ++accounts_.exited[p.gemeente];
    if (p.cohort >= 0 && p.state != m_.aow_state && p.state != m_.death_state) count_cohort_leaver(p);
    // The exit's one year-end count (count_year_ends), taken now: the first year end after now is that of
    // now's year y (year_index: now < year_starts[y + 1]), and the age is the one at the exit, in p.band.
    count_at_year_end(p, Accounts::index3(y + 1, p.gemeente, p.state, G_, S_), now, p.band);
  }
}

// The band of a later age than `band`'s: age_band(age_days) when ages only grow (as along a stay), in a step
// or two instead of a search.
int Recorder::advance_band(int band, double age_days) const {
  while (band_ends_[static_cast<std::size_t>(band)] <= age_days) ++band;  // the last band's end is +infinity
  return band;
}

// The stay [entered, until) of a person in a state that is no exit state: the person-years from the later of
// entry and start up to `until`, split over calendar years, and the person counted at each year end t with
// entered < t <= until (count_year_ends), where a piece ends at its year's end. The cells of one stay move by a
// fixed stride from year to year: the indices are stepped, not recomputed.
void Recorder::count_stay(const Person& p, double until) {
  double from = std::max(p.entered, m_.start);
  if (!(from < until)) return;
  const auto g = static_cast<std::size_t>(p.gemeente), s = static_cast<std::size_t>(p.state);
  const auto G = static_cast<std::size_t>(G_), S = static_cast<std::size_t>(S_);
  const auto groups = static_cast<std::size_t>(m_.group_count), bands = band_ends_.size();
  const std::size_t y0 = static_cast<std::size_t>(year_index(from));
  std::size_t person = (y0 * G + g) * S + s;  // person_ticks_[year][gemeente][state]
  std::size_t group =
      ((y0 * G + g) * groups + p.group) * S + s;  // group_ticks_[year][gemeente][group][state]
  std::size_t age = (y0 * S + s) * bands * Accounts::kSexes + p.sex;  // age_ticks_[year][state][band][sex]
  const double* year_start = &m_.year_starts[y0 + 1];                 // the end of the year
  int band = p.band;  // age_band(from - p.birth), noted when the stay began
  // Everything the loop reads, in locals: the compiler need not reload a member or a vector's data after
  // every store into the counts (a third of this function's instructions when it did, bench cohort).
  const double birth = p.birth;
  const double* const band_ends = band_ends_.data();
  std::int64_t* const group_ticks = group_ticks_.data();
  std::int64_t* const age_ticks = age_ticks_.data();
  std::int64_t* const age_sum_ticks = age_sum_ticks_.data();
  std::int32_t* const stock_age = accounts_.stock_age.data();
  const std::size_t person_step = G * S, group_step = G * groups * S, age_step = S * bands * Accounts::kSexes;
  const std::size_t stock_cells = bands * Accounts::kSexes * groups;  // per [year end][gemeente][state]
  const std::size_t stock_sex_group = p.sex * groups + p.group;
  const auto advance = [band_ends](int b, double age_days) {
    while (band_ends[b] <= age_days) ++b;  // advance_band on the local copy; the last band ends at +inf
    return b;
  };
  const std::int64_t* year_ticks = &whole_year_ticks_[y0];  // the ticks of the year `year_start` ends
  for (; from < until;
       ++year_start, ++year_ticks, person += person_step, group += group_step, age += age_step) {
    // Whole calendar years in one age band, their ends too (most years of a long stay): the piece is the whole
    // year and so are its ticks, and there is no band to split or advance — the counts the general step below
    // makes for such a year, in fewer steps. Whole days on both sides of the comparison with the band's end
    // (birth + a multiple of a quarter day), so it is exact and decides as the general step's does.
    // The band is fixed along these years, so are the offsets it gives: the cells are stepped, not recomputed.
    if (from == year_start[-1]) {  // the loop runs while from < until
      const double band_end = birth + band_ends[band];
      const std::size_t age_band = static_cast<std::size_t>(band) * Accounts::kSexes;
      std::size_t stock = (person + person_step) * stock_cells +
                          static_cast<std::size_t>(band) * Accounts::kSexes * groups + stock_sex_group;
      while (from < until && *year_start <= until && *year_start < band_end) {
        const std::int64_t ticks = *year_ticks;
        group_ticks[group] += ticks;
        age_ticks[age + age_band] += ticks;
        stock_age[stock] += 1;
        const std::size_t cell = person + person_step;
        age_sum_ticks[cell] += static_cast<std::int64_t>((*year_start - birth) * kTicksPerDay);
        from = *year_start;
        ++year_start, ++year_ticks, person += person_step, group += group_step, age += age_step;
        stock += person_step * stock_cells;
      }
    }
    if (!(from < until)) break;
    const double year_end = std::min(until, *year_start);
    const auto ticks = round_nearest((year_end - from) * kTicksPerDay);
    group_ticks[group] += ticks;
    // The same piece again, split where the person's age crosses a band's lower bound (mostly it does not:
    // then the piece is the whole one, and so are its ticks).
    for (double piece = from; piece < year_end;) {
      band = advance(band, piece - birth);
      const double next = std::min(year_end, birth + band_ends[band]);
      age_ticks[age + static_cast<std::size_t>(band) * Accounts::kSexes] +=
          piece == from && next == year_end ? ticks : round_nearest((next - piece) * kTicksPerDay);
      piece = next;
    }
    // The year end closing this piece (count_at_year_end), [year end][gemeente][state] = the next year's
    // person cell.
    if (year_end == *year_start) {
      band = advance(band, year_end - birth);
      const std::size_t cell = person + person_step;
      stock_age[cell * stock_cells + static_cast<std::size_t>(band) * Accounts::kSexes * groups +
                stock_sex_group] += 1;
      // A year end and a birth day are whole days (base_person floors births), so the age in ticks is a whole
      // number, exact in a double (below 2^53): truncating it is the rounding count_at_year_end does.
      age_sum_ticks[cell] += static_cast<std::int64_t>((year_end - birth) * kTicksPerDay);
    }
    from = year_end;
  }
}

// Inlined into the loop over year ends (a call per count was 8% of the cohort bench's instructions). `cell` is
// [year end][gemeente][state]: the loop steps it from one year end to the next instead of recomputing it.
[[gnu::always_inline]] inline void Recorder::count_at_year_end(const Person& p, std::size_t cell,
                                                               double age_at, int band) {
  const std::size_t groups = static_cast<std::size_t>(m_.group_count);
  const std::size_t cells = band_ends_.size() * Accounts::kSexes * groups;
  const std::size_t band_sex = static_cast<std::size_t>(band * Accounts::kSexes + p.sex);
  accounts_.stock_age[cell * cells + band_sex * groups + p.group] += 1;
  age_sum_ticks_[cell] += round_nearest((age_at - p.birth) * kTicksPerDay);
}

// Counts the person at each year end after the start (1 January, and the end) that falls in the stay now
// ending, with their age then. The stock at a year end is taken before anything else happens that day, so a
// stay [entered, until) holds at t when entered < t <= until. A person in an exit state counts from the exit
// on, with their age at the exit: they are counted once, at the first year end after the exit, and
// cumulate_exits() carries the count to the later year ends (whole numbers: the sums are exact). Stays in other
// states count theirs in count_stay, along their person-years; this is for persons who appear in an exit state
// (until = the end). Those who enter one are counted at once in entered(), the same way.
void Recorder::count_year_ends(const Person& p, double until) {
  const bool exit = m_.states[p.state].kind == StateKind::exit;
  const auto step = static_cast<std::size_t>(G_ * S_);
  const int first = std::max(1, year_index(p.entered));
  std::size_t cell = Accounts::index3(first, p.gemeente, p.state, G_, S_);
  int band = -1;  // of the age at the first year end counted, then advanced: ages only grow
  for (int e = first; e < accounts_.year_ends; ++e, cell += step) {
    const double t = m_.year_starts[static_cast<std::size_t>(e)];
    if (t > until) break;
    if (!(p.entered < t)) continue;
    const double age_at = exit ? p.entered : t;
    // From the band the stay began in where age_at is not before that (ages only grow), else the search.
    if (band < 0) band = age_at >= std::max(p.entered, m_.start) ? p.band : age_band(age_at - p.birth);
    band = advance_band(band, age_at - p.birth);
    count_at_year_end(p, cell, age_at, band);
    if (!exit) continue;
    if (until < m_.year_starts[static_cast<std::size_t>(accounts_.year_ends - 1)])
      throw std::logic_error("Recorder: a person in an exit state counted before the end");
    return;
  }
}

// Exit states at year ends 2, 3, ...: the persons counted there so far are those whose first year end after
// the exit it is; adding the previous year end's count makes the cumulative count. Year end 0 (the start,
// run_started) is not part of it: who was already out then is counted again from year end 1.
void Recorder::cumulate_exits() {
  const std::size_t cells = band_days_.size() * Accounts::kSexes * static_cast<std::size_t>(m_.group_count);
  for (int s = 0; s < S_; ++s) {
    if (m_.states[static_cast<std::size_t>(s)].kind != StateKind::exit) continue;
    for (int g = 0; g < G_; ++g)
      for (int e = 2; e < accounts_.year_ends; ++e) {
        const std::size_t now = Accounts::index3(e, g, s, G_, S_),
                          before = Accounts::index3(e - 1, g, s, G_, S_);
        for (std::size_t c = 0; c < cells; ++c)
          accounts_.stock_age[now * cells + c] += accounts_.stock_age[before * cells + c];
        age_sum_ticks_[now] += age_sum_ticks_[before];
      }
  }
}

// The start is the one year end where persons move before the stock is taken (the initial population is
// admitted to free places first): it is counted once, as the events begin.
void Recorder::run_started(const std::vector<Person>& persons) {
  for (const Person& p : persons) {
    const double age_at = m_.states[p.state].kind == StateKind::exit ? p.entered : m_.start;
    const int band = age_at == std::max(p.entered, m_.start) ? p.band : age_band(age_at - p.birth);
    count_at_year_end(p, Accounts::index3(0, p.gemeente, p.state, G_, S_), age_at, band);
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

// A statushouder who left the region alive (the stay before ended now, left() has counted the checks up to now)
// counts as left at every later check of the horizon, as working when they left from a working state.
void Recorder::count_cohort_leaver(const Person& p) {
  constexpr double kHalfYear = kDaysPerYear / 2;
  const std::size_t row = static_cast<std::size_t>(p.cohort) * static_cast<std::size_t>(m_.cohort_durations);
  for (int k = p.next_check; k < m_.cohort_durations && p.permit + kHalfYear * k < m_.end; ++k) {
    accounts_.cohort_left[row + static_cast<std::size_t>(k)] += 1;
    if (left_working_) accounts_.cohort_left_working[row + static_cast<std::size_t>(k)] += 1;
  }
}

// age_count_[year end][gemeente][state]: the persons whose ages age_sum_ticks_ sums, that is the stock by age
// summed over band, sex and group (every count of an age there is one of those persons: count_at_year_end and
// count_stay count both, cumulate_exits carries both). Summed here once instead of counted along every stay.
void Recorder::count_ages_at_year_ends() {
  const std::size_t cells = band_days_.size() * Accounts::kSexes * static_cast<std::size_t>(m_.group_count);
  age_count_.assign(age_sum_ticks_.size(), 0);
  for (std::size_t cell = 0; cell < age_count_.size(); ++cell) {
    std::int64_t count = 0;
    for (std::size_t c = 0; c < cells; ++c) count += accounts_.stock_age[cell * cells + c];
    age_count_[cell] = count;
  }
}

// person_ticks_[year][gemeente][state], the sum of group_ticks_ over the groups: whole numbers, so the same
// as counting them along the stays (one count fewer per piece of a stay there).
void Recorder::sum_person_ticks_over_groups() {
  const auto groups = static_cast<std::size_t>(m_.group_count), S = static_cast<std::size_t>(S_);
  person_ticks_.assign(accounts_.person_years.size(), 0);
  for (std::size_t yg = 0; yg * S < person_ticks_.size(); ++yg)
    for (std::size_t group = 0; group < groups; ++group)
      for (std::size_t s = 0; s < S; ++s)
        person_ticks_[yg * S + s] += group_ticks_[(yg * groups + group) * S + s];
}

Accounts& Recorder::finish(std::vector<Person>& persons, double end) {
  for (Person& p : persons) {
    if (m_.states[p.state].kind == StateKind::exit) continue;  // counted when they exited (or appeared)
    count_stay(p, end);
    count_cohort_checks(p, end);
  }
  cumulate_exits();
  count_ages_at_year_ends();
  correct_stocks_for_moves_ahead();
  sum_person_ticks_over_groups();
  constexpr double kTicksPerYear = kTicksPerDay * kDaysPerYear;
  for (std::size_t i = 0; i < person_ticks_.size(); ++i)
    accounts_.person_years[i] = static_cast<double>(person_ticks_[i]) / kTicksPerYear;
  for (std::size_t i = 0; i < group_ticks_.size(); ++i)
    accounts_.person_years_group[i] = static_cast<double>(group_ticks_[i]) / kTicksPerYear;
  for (std::size_t i = 0; i < age_ticks_.size(); ++i)
    accounts_.person_years_age[i] = static_cast<double>(age_ticks_[i]) / kTicksPerYear;
  const auto mean_years = [&](std::int64_t ticks, std::int64_t count) {
    return count ? static_cast<double>(ticks) / kTicksPerYear / static_cast<double>(count)
                 : std::numeric_limits<double>::quiet_NaN();
  };
  for (std::size_t i = 0; i < age_count_.size(); ++i)
    accounts_.mean_age[i] = mean_years(age_sum_ticks_[i], age_count_[i]);
  for (int e = 0; e < accounts_.year_ends; ++e)
    for (int s = 0; s < S_; ++s) {
      std::int64_t ticks = 0, count = 0;
      for (int g = 0; g < G_; ++g) {
        ticks += age_sum_ticks_[Accounts::index3(e, g, s, G_, S_)];
        count += age_count_[Accounts::index3(e, g, s, G_, S_)];
      }
      accounts_.mean_age_region[static_cast<std::size_t>(e * S_ + s)] = mean_years(ticks, count);
    }
  for (int y = 0; y < accounts_.years; ++y)
    for (int g = 0; g < G_; ++g)
      for (int s = 0; s < S_; ++s)
        if (m_.states[static_cast<std::size_t>(s)].labour_years != 0)
          accounts_.labour_years[static_cast<std::size_t>(y * G_ + g)] +=
              accounts_.person_years_at(y, g, s) * m_.states[static_cast<std::size_t>(s)].labour_years;
  accounts_.check_conservation(m_);
  return accounts_;
}

}  // namespace ws::model
