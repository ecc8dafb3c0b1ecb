#pragma once
// The one place that says what each kind of parameter target sets, written once for any set of objects: the
// spec itself (apply_parameter) or a replication's scratch copies of the objects it changes
// (CompiledModel::with_parameters). `Objects` hands out the object a target names, by kind and index.
#include <stdexcept>

#include "sim/model/parameters.hpp"
#include "sim/model/spec.hpp"

namespace ws::model {

inline std::vector<double>& transition_piece_values(TransitionSpec& t, std::size_t clock) {
  switch (clock) {
    case 0:
      return t.by_age.values;
    case 1:
      return t.by_duration.values;
    case 2:
      return t.by_calendar.values;
    case 3:
      return t.by_time_since_permit.values;
  }
  throw std::logic_error("parameter target: unknown clock");
}

template <class Objects>
void apply_target_to(Objects& o, const ParameterTarget& t, double v) {
  using K = ParameterTarget::Kind;
  switch (t.kind) {
    case K::state_mortality_multiplier:
      o.state(t.object).mortality_multiplier = v;
      return;
    case K::state_labour_years:
      o.state(t.object).labour_years_per_person_year = v;
      return;
    case K::transition_rate:
      o.transition(t.object).rate = v;
      return;
    case K::transition_piece:
      transition_piece_values(o.transition(t.object), t.g).at(t.k) = v;
      return;
    case K::transition_gemeente:
      o.transition(t.object).gemeente_multiplier.at(t.k) = v;
      return;
    case K::transition_sex:
      o.transition(t.object).sex_multiplier.at(t.k) = v;
      return;
    case K::transition_group:
      o.transition(t.object).group_multiplier.at(t.k) = v;
      return;
    case K::transition_mark:
      o.transition(t.object).by_mark.at(t.k).factor = v;
      return;
    case K::transition_attribute:
      o.transition(t.object).by_attribute.at(t.k).multiplier.at(t.g) = v;
      return;
    case K::arrival_rate: {
      auto& rate = o.arrival(t.object).rate;
      for (std::size_t k = t.k; k < t.rows_end() && k < rate.size(); ++k) rate[k].at(t.g) = v * t.factor;
      return;
    }
    case K::arrival_rate_multiplier:
      o.arrival(t.object).rate_multiplier = v;
      return;
    case K::arrival_share_women:
      o.arrival(t.object).share_women = v;
      return;
    case K::arrival_age_weight:
      o.arrival(t.object).age.weight.at(t.k) = v;
      return;
    case K::arrival_permit_lead_min:
      o.arrival(t.object).permit_lead_min_years = v;
      return;
    case K::arrival_permit_lead_max:
      o.arrival(t.object).permit_lead_max_years = v;
      return;
    case K::capacity_places: {
      auto& places = o.capacity(t.object).places;
      for (std::size_t k = t.k; k < t.rows_end(); ++k) places.at(k).at(t.g) = v;
      return;
    }
    case K::capacity_extra:
      o.capacity(t.object).extras.at(t.k).places = v;
      return;
    case K::mortality_gompertz_a:
      o.mortality().gompertz_a = v;
      return;
    case K::mortality_gompertz_b:
      o.mortality().gompertz_b = v;
      return;
    case K::mortality_women:
      o.mortality().women_multiplier = v;
      return;
    case K::mortality_level:
      o.mortality().level = v;
      return;
    case K::aow_months_per_year_after:
      o.aow().months_per_year_after = v;
      return;
    case K::initial_count:
      o.initial_cell(t.object).count = v * t.factor;
      return;
    case K::money_amount:
      o.money_item(t.object).amount = v;
      return;
    case K::money_year_amount:
      o.money_item(t.object).year_amount.at(t.k) = v;
      return;
    case K::money_state_amount:
      o.money_item(t.object).state_amount.at(t.k) = v;
      return;
    case K::money_persons_per_unit:
      o.money_item(t.object).persons_per_unit = v;
      return;
    case K::money_multiplier:
      o.money_item(t.object).multiplier = v;
      return;
    case K::money_buig_trend:
      o.money().buig.national_trend = v;
      return;
    case K::money_buig_caseload:
      o.money().buig.national_caseload = v;
      return;
    case K::money_buig_taakstelling:
      o.money().buig.taakstelling = v;
      return;
    case K::money_cap_person_years:
      o.money_item(t.object).cap_person_years = v * t.factor;
      return;
  }
  throw std::logic_error("parameter target: unknown kind");
}

}  // namespace ws::model
