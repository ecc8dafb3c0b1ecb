#pragma once
// The recorder: every count one replication makes (MODEL.md, Accounting), owned in one place. The simulation
// tells it what happens, at events only — a person appears, leaves a state, enters one, is admitted from a
// waiting list, an output time or a new year comes — and never counts anything itself. Counts that describe a
// moment (cohort checks, person-years by calendar year, the stock by age at each year end) are taken from each
// stay when it ends, so no count needs a loop over all persons except the one at the end of the horizon.
#include <cstdint>
#include <vector>

#include "sim/model/accounts.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/model/population.hpp"

namespace ws::model {

// What a recorder counts into. A thread keeps one across its replications, so that they reuse the same memory
// instead of allocating and faulting in fresh pages each time (BENCHMARKS.md, "Buffers reused per thread").
struct RecorderBuffers {
  Accounts accounts;
  std::vector<std::int64_t> person_ticks;   // [year][gemeente][state], summed from group_ticks at the end
  std::vector<std::int64_t> group_ticks;    // [year][gemeente][group][state]
  std::vector<std::int64_t> age_ticks;      // [year][state][age band][sex]
  std::vector<std::int64_t> age_sum_ticks;  // [year end][gemeente][state], the ages of those counted
  std::vector<std::int64_t> age_count;      // [year end][gemeente][state], summed from stock_age at the end
  std::vector<std::int32_t> stock_ahead;    // [output time][gemeente][state]: moved_ahead's steps
};

class Recorder {
 public:
  // Resets `buffers` for `m`; the accounts finish() returns live in them.
  Recorder(const CompiledModel& m, RecorderBuffers& buffers);

  void year_started(int year, const std::vector<double>& places_per_capacity);
  void output_time(int t);  // stocks and waiting lists as they are now
  // A move handled ahead of the global clock (Replication: a person's events that concern no one else run at
  // once, from the time the person was last handled): the person moved from `from` to `to` in gemeente `g` at
  // `t`, but the stock counts from(...) as already left and `to` as already entered at every output time not
  // taken yet. finish() corrects those up to `t`, so the stocks are the ones the events in time order give.
  // from == -1: the person arrived at t (arrived() counts them in `to` from the output times not taken yet on).
  void moved_ahead(int g, int from, int to, double t);
  void event() { ++accounts_.events; }
  std::uint64_t events() const { return accounts_.events; }

  // initial, arrived and entered also note the person's age band at the start of the stay (Person::band).
  // A person of the initial population, in their initial state.
  void initial(Person& p);
  // A person brought by arrival stream `stream`, entering their state (p.state) by flow `label`.
  void arrived(Person& p, int stream, int label, double now);
  // The person is admitted from the waiting list of `capacity` (before they leave it).
  void admitted(const Person& p, int capacity, double now);
  // The person leaves their current state (p.state, entered at p.entered) now.
  void left(Person& p, double now);
  // The person has entered p.state by flow `label`.
  void entered(Person& p, int label, double now);

  // The events are about to begin: the stock at the start (the first year end) is taken now.
  void run_started(const std::vector<Person>& persons);

  // Closes the stays still open at `end` and returns the accounts (conservation checked; money not yet).
  Accounts& finish(std::vector<Person>& persons, double end);

  // The calendar year (index into m.years) of time t: a table by day, since the year starts are whole days.
  int year_index(double t) const {
    const double day = t - m_.start;
    if (!(day >= 0)) return 0;
    if (day >= static_cast<double>(year_of_day_.size())) return last_year_;
    return year_of_day_[static_cast<std::size_t>(day)];
  }

 private:
  void count_stay(const Person& p, double until);  // person-years and year ends of a non-exit stay
  void count_cohort_checks(Person& p, double until);
  void count_cohort_leaver(const Person& p);
  void count_year_ends(const Person& p, double until);
  void cumulate_exits();
  void count_ages_at_year_ends();
  void sum_person_ticks_over_groups();
  void correct_stocks_for_moves_ahead();
  int outputs_through(double t) const;
  void count_at_year_end(const Person& p, std::size_t cell, double age_at, int band);
  int age_band(double age_days) const;
  int advance_band(int band, double age_days) const;
  void count_flow_age(Person& p, int year, int label, double now);
  double& live(int g, int s) { return live_stock_[static_cast<std::size_t>(g * S_ + s)]; }

  const CompiledModel& m_;
  int G_, S_;
  Accounts& accounts_;
  std::vector<double> live_stock_;  // [gemeente][state] now
  bool left_working_ = false;       // the state the person last left was a working one
  std::vector<std::int64_t>&person_ticks_, &group_ticks_, &age_ticks_, &age_sum_ticks_, &age_count_;
  std::vector<double> band_days_;               // lower bound of each age band, in days of age
  std::vector<double> band_ends_;               // the next band's lower bound, +infinity for the last band
  std::vector<int> band_of_year_;               // the band of each whole year of age, up to the last band
  std::vector<std::int32_t> year_of_day_;       // per day from the start to the end: its year index
  std::vector<std::int64_t> whole_year_ticks_;  // per year: its ticks, as count_stay rounds a whole year
  int last_year_ = 0;
  std::vector<std::int32_t>& stock_ahead_;
  bool moved_ahead_ = false;                       // any correction in stock_ahead_
  int outputs_taken_ = 0;                          // output times whose stocks are taken (output_time)
  std::vector<std::int32_t> outputs_through_day_;  // per day from the start: output times at or before it
};

}  // namespace ws::model
