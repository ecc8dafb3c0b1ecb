#pragma once
// What one replication counts (MODEL.md, Accounting). Flat row-major arrays, dimension order as in the
// results file.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/model/compiled_model.hpp"

namespace ws::model {

struct Accounts {
  int times = 0, years = 0, gemeenten = 0, states = 0, labels = 0, capacities = 0, arrivals = 0, cohorts = 0;
  int groups = 0, items = 0;
  // Year ends: every 1 January of the run (the first: the start) and the end.
  int year_ends = 0, age_bands = 0;
  static constexpr int kSexes = 2;

  std::vector<double> stock;               // [time][gemeente][state], persons at each output time
  std::vector<double> waiting;             // [time][gemeente][capacity], persons on the waiting list
  std::vector<double> flow;                // [year][gemeente][label], persons moved
  std::vector<double> person_years;        // [year][gemeente][state]
  std::vector<double> person_years_group;  // [year][gemeente][group][state] (money items by group)
  std::vector<double> arrivals_count;      // [year][gemeente][arrival stream]
  std::vector<double> admissions;      // [year][gemeente][capacity], persons admitted from the waiting list
  std::vector<double> capacity;        // [year][capacity], places in the whole area at the start of the year
  std::vector<double> wait_years;      // [year][gemeente][capacity], total years waited by those admitted
  std::vector<double> cohort_present;  // [cohort][duration], statushouders living in the region
  std::vector<double> cohort_working;  // [cohort][duration], of whom in a working state
  // [cohort][duration], statushouders of the cohort who left the region alive before the check (any exit but
  // death and AOW), and of them those who left from a working state: with the present, CBS's denominator.
  std::vector<double> cohort_left, cohort_left_working;
  std::vector<double> money;  // [year][gemeente][item], EUR, income + cost -, set by fill_money (money.hpp)
  // Demography (recorder.hpp): persons at each year end by age band, sex and group (exit states: cumulative
  // exits by age at exit), their mean age, transitions by age at the move, person-years by age band.
  // Whole persons, in 32 bits: half the bytes of doubles to zero, count into and read at every replication.
  std::vector<std::int32_t> stock_age;   // [year end][gemeente][state][age band][sex][group]
  std::vector<double> mean_age;          // [year end][gemeente][state], years; NaN where nobody
  std::vector<double> mean_age_region;   // [year end][state], the whole area
  std::vector<double> flow_age;          // [year][label][age band][sex]
  std::vector<double> person_years_age;  // [year][state][age band][sex], the whole area
  std::vector<double> labour_years;  // [year][gemeente], AJ: person-years x the state's AJ per person-year
  std::vector<double> money_result;  // [year][gemeente][total], EUR: result per budget, shared result, ...

  // The conservation invariant per gemeente: initial + arrivals = living + exits.
  std::vector<std::int64_t> initial, arrived, living, exited;
  std::uint64_t events = 0;

  explicit Accounts(const CompiledModel& m) { reset(m); }
  Accounts() = default;
  // Every count zero and every array sized for `m`, reusing the arrays' memory (ReplicationBuffers).
  void reset(const CompiledModel& m);

  double& stock_at(int t, int g, int s) { return stock[index3(t, g, s, gemeenten, states)]; }
  double& flow_at(int y, int g, int l) { return flow[index3(y, g, l, gemeenten, labels)]; }
  double& person_years_at(int y, int g, int s) { return person_years[index3(y, g, s, gemeenten, states)]; }

  // Throws std::logic_error naming the gemeente and the numbers when persons were created or lost.
  void check_conservation(const CompiledModel& m) const;

  static std::size_t index3(int a, int b, int c, int nb, int nc) {
    return (static_cast<std::size_t>(a) * static_cast<std::size_t>(nb) + static_cast<std::size_t>(b)) *
               static_cast<std::size_t>(nc) +
           static_cast<std::size_t>(c);
  }
};

}  // namespace ws::model
