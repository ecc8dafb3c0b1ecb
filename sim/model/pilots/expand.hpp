#pragma once
// Expanding pilots into the model's structures: the entry point and the building blocks the pilot modules
// share. Pure functions on the spec; mistakes are reported as ws::InputError at the key that made them.
// Structural rules (nothing enters the Wsw, waiting lists admit first come first served) are the model's own
// (transition_rule, entry_rule in sim/model/state_graph.hpp), applied to what the pilots add.
#include <string>
#include <vector>

#include "sim/model/pilots/pilot_spec.hpp"
#include "sim/model/spec.hpp"

namespace ws::model::pilots {

// Expands every pilot of `pilots` into `spec`, in a fixed order (P-wetters in dienst, Ondernemerschap,
// Nieuwe doelgroepen).
void expand_pilots(ScenarioSpec& spec, const PilotsSpec& pilots);

void expand_p_wetters_in_dienst(ScenarioSpec& spec, const PWettersInDienst& pilot);
void expand_ondernemerschap(ScenarioSpec& spec, const Ondernemerschap& pilot);
void expand_nieuwe_doelgroepen(ScenarioSpec& spec, const NieuweDoelgroepen& pilot);

// ---- building blocks ----

[[noreturn]] void fail(const Origin& at, const std::string& what);
Origin suffixed(Origin at, const std::string& suffix);  // " (from)" and the like after the key path

int state_index(const ScenarioSpec& spec, const Origin& at, const std::string& name);

// When the number was drawn, its slot also sets `target`.
void attach(ScenarioSpec& spec, const Number& n, const ParameterTarget& target);

// A by_calendar multiplier that is 1 within the window and 0 outside (empty when the window is the horizon).
Piecewise calendar_switch(const ScenarioSpec& spec, const Window& w);
std::vector<int> years_of(const Window& w);

void add_state(ScenarioSpec& spec, const Origin& at, StateSpec state);
// The mark (a named person attribute) that entering `state` sets; returns its name.
std::string mark_on_entry(ScenarioSpec& spec, const Origin& at, const std::string& mark,
                          const std::vector<std::string>& states);

std::size_t add_transition(ScenarioSpec& spec, const Origin& at, const std::string& from,
                           const std::string& to, const Number& rate, const Piecewise& calendar = {},
                           const Piecewise& by_age = {}, const Piecewise& by_duration = {});
// from->state for each entry (or state->entry when out_of_state).
void add_transitions(ScenarioSpec& spec, const std::vector<Rate>& rates, const std::string& state,
                     bool out_of_state, const Piecewise& calendar = {}, const Piecewise& by_age = {},
                     const Piecewise& by_duration = {});

// A by_duration multiplier that makes a transition happen exactly `years` after entering its state: 0 before,
// an infinite hazard from then on (the engine's exact sampler takes an infinite hazard as "now").
Piecewise exactly_after(double years);

// The UWV benefit's state, its outflow and (with an end) the transition to `then` at the end of the entitlement
// (sim/model/pilots/uwv_benefit.cpp).
void add_uwv_benefit(ScenarioSpec& spec, const UwvBenefit& benefit);
// For the persons of `group`: every transition from one of `from` into benefit.then leads to benefit.state
// instead (the same hazard, for them only).
void route_to_benefit(ScenarioSpec& spec, const UwvBenefit& benefit, const std::string& group,
                      const std::vector<std::string>& from);

std::size_t add_item(ScenarioSpec& spec, const Origin& at, MoneyItemSpec item);
// The amount of every item in `items` (EUR), drawn together when the number was drawn.
void set_amount(ScenarioSpec& spec, const Number& amount, const std::vector<std::size_t>& items);
// The pilot's own cost per calendar year (pro rata within the window), shared over the gemeenten by `key`.
void add_cost_per_year(ScenarioSpec& spec, const Number& cost, const std::string& name,
                       const std::string& description, MoneyKey key, const Window& w);
// Extra places (per calendar year the window overlaps) for regional capacity states. Several pilots may add
// places, drawn or not, to the same state: they add up.
void add_extra_places(ScenarioSpec& spec, const std::vector<Rate>& places, const Window& w);
// Every person_year money item that counts `like` counts `state` too, at the same (possibly drawn) amount.
void count_like(ScenarioSpec& spec, const std::string& state, const std::string& like);
// Scales existing hazards for persons carrying `mark`.
void scale_for_mark(ScenarioSpec& spec, const std::vector<HazardScaling>& scale, const std::string& mark);

}  // namespace ws::model::pilots
