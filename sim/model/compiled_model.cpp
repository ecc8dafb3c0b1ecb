#include "sim/model/compiled_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include "sim/common/date.hpp"
#include "sim/engine/random.hpp"
#include "sim/model/parameter_targets.hpp"
#include "sim/model/state_graph.hpp"

namespace ws::model {

double CompiledCapacity::places_in(int year, int pool) const {
  const auto it = std::upper_bound(years.begin(), years.end(), year);
  const std::size_t row = it == years.begin() ? 0 : static_cast<std::size_t>(it - years.begin() - 1);
  return places[row][static_cast<std::size_t>(pool)];
}

int CompiledModel::state_index(const std::string& name) const {
  for (std::size_t s = 0; s < states.size(); ++s)
    if (states[s].name == name) return static_cast<int>(s);
  throw std::logic_error("unknown state '" + name + "'");
}

namespace {

bool module_open(Module module, const GemeenteSpec& g) {
  switch (module) {
    case Module::wsw:
      return g.wsw_at_werkzaak;
    case Module::participatiewet:
      return g.participatiewet_at_werkzaak;
    case Module::none:
      break;
  }
  return true;
}

// Piecewise multipliers with breaks in years become breaks in days from the clock's origin.
void compile_piece(const Piecewise& piece, double days_per_unit, std::vector<double>& breaks,
                   std::vector<double>& values) {
  if (piece.empty()) return;
  if (piece.values.size() != piece.breaks.size() + 1)
    throw std::logic_error("piecewise multiplier needs one value more than breaks");
  breaks.clear();
  for (double b : piece.breaks) breaks.push_back(b * days_per_unit);
  values = piece.values;
}

class LabelIndex {
 public:
  explicit LabelIndex(const std::vector<std::string>& labels) {
    for (std::size_t i = 0; i < labels.size(); ++i) index_[labels[i]] = static_cast<int>(i);
  }
  int operator()(const std::string& from, const std::string& to) const {
    const auto it = index_.find(from + "->" + to);
    if (it == index_.end()) throw std::logic_error("no flow label " + from + "->" + to);
    return it->second;
  }

 private:
  std::unordered_map<std::string, int> index_;
};

std::string half_year_label(Day day) {
  const CivilDate c = civil_from_days(day);
  return std::to_string(c.year) + (c.month <= 6 ? "H1" : "H2");
}

// The numbers of one object, computed from its spec: at compile time, and again for the objects a
// replication's drawn parameters change.
void refresh_capacity(CompiledCapacity& c, const CapacitySpec& cap) {
  c.years = cap.years;
  c.places = cap.places;
  for (const auto& extra : cap.extras)
    for (std::size_t row : extra.rows) c.places.at(row).at(0) += extra.places;
}

void refresh_transition(const CompiledModel& m, CompiledTransition& c, const TransitionSpec& t) {
  c.rate_per_day = t.rate / kDaysPerYear;
  compile_piece(t.by_age, kDaysPerYear, c.breaks[kAge], c.values[kAge]);
  compile_piece(t.by_duration, kDaysPerYear, c.breaks[kDuration], c.values[kDuration]);
  compile_piece(t.by_calendar, 1.0, c.breaks[kCalendar], c.values[kCalendar]);
  compile_piece(t.by_time_since_permit, kDaysPerYear, c.breaks[kSincePermit], c.values[kSincePermit]);
  c.mark_factor.clear();
  for (const auto& by_mark : t.by_mark) {
    const auto it = std::find(m.spec->marks.begin(), m.spec->marks.end(), by_mark.mark);
    if (it == m.spec->marks.end()) throw std::logic_error("unknown mark '" + by_mark.mark + "'");
    c.mark_factor.emplace_back(static_cast<std::uint8_t>(1u << (it - m.spec->marks.begin())), by_mark.factor);
  }
  // Persons without a permit date have no time since the permit (sample_transition skips that clock): it
  // counts with at least 1, or a clock whose values are all below 1 would make the bound too low for them.
  c.max_multiplier = 1;
  for (int clock = 0; clock < kClockCount; ++clock) {
    const auto& v = c.values[static_cast<std::size_t>(clock)];
    if (v.empty()) continue;
    const double largest = *std::max_element(v.begin(), v.end());
    c.max_multiplier *= clock == kSincePermit ? std::max(largest, 1.0) : largest;
  }
  for (std::size_t clock = 0; clock < c.values.size(); ++clock) {
    std::vector<double>& from_piece = c.largest_from_piece[clock];
    from_piece = c.values[clock];
    for (std::size_t k = from_piece.size(); k-- > 1;)
      from_piece[k - 1] = std::max(from_piece[k - 1], from_piece[k]);
  }
  // Attribute multipliers by declared attribute index (an attribute the transition does not use: 1).
  std::vector<const std::vector<double>*> by_attribute(m.spec->attributes.size(), nullptr);
  for (const auto& a : t.by_attribute)
    for (std::size_t k = 0; k < m.spec->attributes.size(); ++k)
      if (m.spec->attributes[k].name == a.attribute) by_attribute[k] = &a.multiplier;
  c.factor.assign(m.covariates.cells(), 0.0);
  for (std::size_t i = 0; i < c.factor.size(); ++i) {
    const CovariateCell cell = m.covariates.decode(i);
    const auto g = static_cast<std::size_t>(cell.gemeente);
    const double by_gemeente = t.gemeente_multiplier.empty() ? 1.0 : t.gemeente_multiplier[g];
    const double by_sex =
        t.sex_multiplier.empty() ? 1.0 : t.sex_multiplier[static_cast<std::size_t>(cell.sex)];
    const double by_group =
        t.group_multiplier.empty() ? 1.0 : t.group_multiplier[static_cast<std::size_t>(cell.group)];
    double factor = by_gemeente * by_sex * by_group;
    for (std::size_t k = 0; k < by_attribute.size(); ++k)
      if (by_attribute[k]) factor *= (*by_attribute[k])[cell.attributes[k]];
    const bool open = m.states[static_cast<std::size_t>(c.to)].open_in[g] != 0;
    c.factor[i] = open ? factor : 0.0;
  }
}

void refresh_arrival(const CompiledModel& m, CompiledArrival& c, const ArrivalSpec& a) {
  const std::size_t G = static_cast<std::size_t>(m.gemeente_count);
  c.period_start.clear();
  for (Day d : a.period_start) c.period_start.push_back(static_cast<double>(d));
  c.rate_per_day.assign(G, std::vector<double>(a.period_start.size(), 0.0));
  for (std::size_t g = 0; g < G; ++g) {
    if (!m.states[static_cast<std::size_t>(c.into)].open_in[g]) continue;  // module not at Werkzaak there
    for (std::size_t p = 0; p < a.period_start.size(); ++p)
      c.rate_per_day[g][p] = a.rate[p][g] * a.rate_multiplier / kDaysPerYear;
  }
  c.age = a.age;
  c.age_weights = engine::DiscreteWeights(a.age.weight);
  c.share_women = a.share_women;
  c.permit_lead_min_days = a.permit_lead_min_years * kDaysPerYear;
  c.permit_lead_max_days = a.permit_lead_max_years * kDaysPerYear;
}

void refresh_mortality(CompiledModel& m, const MortalitySpec& mortality) {
  m.gompertz_a_per_day = m.death_state < 0 ? 0.0 : mortality.gompertz_a * mortality.level / kDaysPerYear;
  m.gompertz_b_per_day = mortality.gompertz_b / kDaysPerYear;
  m.gompertz_growth.clear();
  if (m.gompertz_b_per_day > 0)  // up to 150 years of age, in quarters
    for (int k = 0; k <= 600; ++k)
      m.gompertz_growth.push_back(std::exp(m.gompertz_b_per_day * (k * CompiledModel::kGompertzStepDays)));
  m.women_mortality = mortality.women_multiplier;
}

// The AOW table over every birth day the initial population and the arrivals can have (a day of margin each
// side: births are whole days below the drawn ones). Listed persons born outside it are looked up directly.
void refresh_aow_days(CompiledModel& m) {
  if (m.aow_state < 0) {
    m.aow_days = nullptr;
    return;
  }
  double oldest = 0, youngest = std::numeric_limits<double>::infinity();  // in years
  for (const InitialCell& c : m.initial_cells) {
    oldest = std::max(oldest, c.age_upper);
    youngest = std::min(youngest, c.age_lower);
  }
  for (const CompiledArrival& a : m.arrivals)
    for (std::size_t b = 0; b < a.age.lower.size(); ++b) {
      oldest = std::max(oldest, a.age.upper[b]);
      youngest = std::min(youngest, a.age.lower[b]);
    }
  if (!(youngest <= oldest)) {
    m.aow_days = std::make_shared<const AowDayTable>();
    return;
  }
  const auto first = static_cast<Day>(std::floor(m.start - oldest * kDaysPerYear)) - 1;
  const auto last = static_cast<Day>(std::ceil(m.end - youngest * kDaysPerYear)) + 1;
  m.aow_days = std::make_shared<const AowDayTable>(m.aow, first, last);
}

bool same_aow_schedule(const AowSpec& a, const AowSpec& b) {
  return a.years == b.years && a.age_months == b.age_months &&
         a.months_per_year_after == b.months_per_year_after;
}

}  // namespace

CompiledModel compile_model(const ScenarioSpec& spec) {
  CompiledModel m;
  m.spec = &spec;
  m.gemeente_count = static_cast<int>(spec.gemeenten.size());
  m.group_count = static_cast<int>(spec.groups.size());
  std::vector<int> levels;
  for (const auto& a : spec.attributes) {
    levels.push_back(static_cast<int>(a.levels.size()));
    m.attribute_shares.push_back(a.shares);
    m.attribute_purposes.push_back(engine::purpose_id("attribute:" + a.name));
  }
  if (spec.attributes.size() > kMaxAttributes) throw std::logic_error("too many person attributes");
  m.covariates = CovariateIndex(m.gemeente_count, m.group_count, std::move(levels));
  m.flow_labels = transition_labels(spec);
  const LabelIndex label(m.flow_labels);
  const auto group_index = [&](const std::string& name) {
    for (std::size_t i = 0; i < spec.groups.size(); ++i)
      if (spec.groups[i].name == name) return static_cast<int>(i);
    throw std::logic_error("unknown group '" + name + "'");
  };

  for (const auto& s : spec.states) {
    CompiledState c;
    c.name = s.name;
    c.kind = s.kind;
    c.mortality_multiplier = s.mortality_multiplier;
    c.labour_years = s.labour_years_per_person_year;
    c.working = s.working;
    if (!s.mark.empty()) {
      const auto it = std::find(spec.marks.begin(), spec.marks.end(), s.mark);
      if (it == spec.marks.end() || spec.marks.size() > kMaxMarks)
        throw std::logic_error("state '" + s.name + "': unknown mark '" + s.mark + "'");
      c.mark_bit = static_cast<std::uint8_t>(1u << (it - spec.marks.begin()));
    }
    for (const auto& g : spec.gemeenten) c.open_in.push_back(module_open(s.module, g) ? 1 : 0);
    m.states.push_back(std::move(c));
  }
  // An empty exit state switches that exit off (no AOW retirement, or no mortality).
  m.aow_state = spec.aow.exit_state.empty() ? -1 : m.state_index(spec.aow.exit_state);
  m.death_state = spec.mortality.exit_state.empty() ? -1 : m.state_index(spec.mortality.exit_state);
  for (auto& s : m.states) {
    if (s.kind == StateKind::exit) continue;
    if (m.aow_state >= 0) s.aow_label = label(s.name, spec.aow.exit_state);
    if (m.death_state >= 0) s.death_label = label(s.name, spec.mortality.exit_state);
  }

  for (const auto& cap : spec.capacities) {
    CompiledCapacity c;
    c.state = m.state_index(cap.state);
    const auto& state_spec = spec.states[static_cast<std::size_t>(c.state)];
    c.waiting_state = m.state_index(state_spec.waiting_state);
    c.admission_label = label(state_spec.waiting_state, cap.state);
    c.per_gemeente = cap.per_gemeente;
    refresh_capacity(c, cap);
    const int index = static_cast<int>(m.capacities.size());
    m.states[static_cast<std::size_t>(c.state)].capacity = index;
    m.states[static_cast<std::size_t>(c.waiting_state)].capacity = index;
    m.capacities.push_back(std::move(c));
  }
  const auto overflow_label = [&](const std::string& from, int to) {
    const int cap = m.states[static_cast<std::size_t>(to)].capacity;
    if (cap < 0 || m.states[static_cast<std::size_t>(to)].kind != StateKind::capacity) return -1;
    return label(
        from,
        m.states[static_cast<std::size_t>(m.capacities[static_cast<std::size_t>(cap)].waiting_state)].name);
  };

  for (const auto& t : spec.transitions) {
    CompiledTransition c;
    c.from = m.state_index(t.from);
    c.to = m.state_index(t.to);
    c.label = label(t.from, t.to);
    c.overflow_label = overflow_label(t.from, c.to);
    c.risk = static_cast<std::uint32_t>(engine::purpose_id(t.from + "->" + t.to));
    refresh_transition(m, c, t);
    m.states[static_cast<std::size_t>(c.from)].transitions.push_back(static_cast<int>(m.transitions.size()));
    m.transitions.push_back(std::move(c));
  }
  for (CompiledState& s : m.states) {
    s.risks = {kDeathRisk};
    for (int t : s.transitions) s.risks.push_back(m.transitions[static_cast<std::size_t>(t)].risk);
  }

  for (const auto& a : spec.arrivals) {
    CompiledArrival c;
    c.name = a.name;
    c.into = m.state_index(a.into);
    c.group = group_index(a.group);
    c.label = label("in", a.into);
    c.overflow_label = overflow_label("in", c.into);
    refresh_arrival(m, c, a);
    c.time_purpose = engine::purpose_id("arrivals:" + a.name);
    c.person_purpose = engine::purpose_id("person:" + a.name);
    m.arrivals.push_back(std::move(c));
  }

  refresh_mortality(m, spec.mortality);
  m.money = spec.money;
  m.initial_cells = spec.initial_cells;
  m.aow = spec.aow;

  m.start = static_cast<double>(spec.run.start);
  m.end = static_cast<double>(spec.run.end);
  for (int k = 0;; ++k) {
    const Day t = add_months(spec.run.start, k * spec.run.output_interval_months);
    if (t > spec.run.end) break;
    m.output_times.push_back(static_cast<double>(t));
  }
  const int first_year = civil_from_days(spec.run.start).year;
  const int last_year = civil_from_days(spec.run.end - 1).year;
  for (int y = first_year; y <= last_year; ++y) {
    m.years.push_back(y);
    m.year_starts.push_back(y == first_year ? m.start : static_cast<double>(days_from_civil(y, 1, 1)));
  }
  m.year_starts.push_back(m.end);
  for (Day d = spec.run.start; d < spec.run.end; d = add_months(d, 6))
    m.cohorts.push_back(half_year_label(d));
  m.cohort_durations = static_cast<int>(m.cohorts.size());
  refresh_aow_days(m);
  return m;
}

namespace {

// Scratch copies of the spec objects a replication's draws change (copied on first use); the owned parts of
// the compiled model are changed in place.
struct ScratchObjects {
  const ScenarioSpec& spec;
  CompiledModel& out;
  std::map<std::size_t, StateSpec> states;
  std::map<std::size_t, TransitionSpec> transitions;
  std::map<std::size_t, ArrivalSpec> arrivals;
  std::map<std::size_t, CapacitySpec> capacities;
  std::optional<MortalitySpec> mortality_copy;

  template <class T>
  static T& copy_of(std::map<std::size_t, T>& scratch, const std::vector<T>& from, std::size_t i) {
    auto it = scratch.find(i);
    if (it == scratch.end()) it = scratch.emplace(i, from.at(i)).first;
    return it->second;
  }
  StateSpec& state(std::size_t i) { return copy_of(states, spec.states, i); }
  TransitionSpec& transition(std::size_t i) { return copy_of(transitions, spec.transitions, i); }
  ArrivalSpec& arrival(std::size_t i) { return copy_of(arrivals, spec.arrivals, i); }
  CapacitySpec& capacity(std::size_t i) { return copy_of(capacities, spec.capacities, i); }
  MortalitySpec& mortality() {
    if (!mortality_copy) mortality_copy = spec.mortality;
    return *mortality_copy;
  }
  AowSpec& aow() { return out.aow; }
  InitialCell& initial_cell(std::size_t i) { return out.initial_cells.at(i); }
  MoneyItemSpec& money_item(std::size_t i) { return out.money.items.at(i); }
  MoneySpec& money() { return out.money; }
};

}  // namespace

CompiledModel CompiledModel::with_parameters(std::span<const double> values) const {
  if (values.size() != spec->uncertain.size())
    throw std::logic_error("with_parameters: expected one value per uncertain parameter");
  CompiledModel out = *this;
  ScratchObjects scratch{*spec, out, {}, {}, {}, {}, {}};
  for (std::size_t i = 0; i < values.size(); ++i)
    for (const auto& target : spec->uncertain[i].targets) apply_target_to(scratch, target, values[i]);
  for (const auto& [i, s] : scratch.states) {
    out.states[i].mortality_multiplier = s.mortality_multiplier;
    out.states[i].labour_years = s.labour_years_per_person_year;
  }
  for (const auto& [i, t] : scratch.transitions) refresh_transition(out, out.transitions[i], t);
  for (const auto& [i, a] : scratch.arrivals) refresh_arrival(out, out.arrivals[i], a);
  for (const auto& [i, c] : scratch.capacities) refresh_capacity(out.capacities[i], c);
  if (scratch.mortality_copy) refresh_mortality(out, *scratch.mortality_copy);
  if (!same_aow_schedule(out.aow, aow)) refresh_aow_days(out);
  return out;
}

}  // namespace ws::model
