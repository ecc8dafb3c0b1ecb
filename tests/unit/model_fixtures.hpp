#pragma once
// Small scenarios built in code for analytic model tests: one gemeente, no mortality, AOW far away unless
// asked.
#include "sim/common/date.hpp"
#include "sim/model/spec.hpp"

namespace ws::test {

inline model::ScenarioSpec tiny_spec(int start_year = 2000, int end_year = 2010) {
  using namespace ws::model;
  ScenarioSpec s;
  s.name = "tiny";
  s.run.start = days_from_civil(start_year, 1, 1);
  s.run.end = days_from_civil(end_year, 1, 1);
  s.run.output_interval_months = 12;
  s.run.seed = 7;
  s.gemeenten = {{"Testdorp", 10000, true, true}};
  s.groups = {{"general", false}, {"statushouder", true}};
  const auto state = [](std::string name, StateKind kind) {
    StateSpec st;
    st.name = std::move(name);
    st.kind = kind;
    return st;
  };
  s.states = {state("a", StateKind::living), state("vertrokken", StateKind::exit),
              state("pensioen", StateKind::exit), state("overleden", StateKind::exit)};
  s.mortality = {0.0, 0.1, 1.0, 1.0, "overleden"};
  s.aow.years = {2000};
  s.aow.age_months = {67 * 12};
  s.aow.exit_state = "pensioen";
  return s;
}

// `count` persons in state `state`, aged 20-21 at the start (far from the AOW age).
inline model::InitialCell young_cell(const std::string& state, double count) {
  model::InitialCell c;
  c.gemeente = 0;
  c.state = state;
  c.age_lower = 20;
  c.age_upper = 21;
  c.count = count;
  return c;
}

inline model::TransitionSpec constant_transition(const std::string& from, const std::string& to,
                                                 double rate) {
  model::TransitionSpec t;
  t.from = from;
  t.to = to;
  t.rate = rate;
  return t;
}

}  // namespace ws::test
