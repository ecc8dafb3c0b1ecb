#pragma once
// The readers of the scenario's top-level tables, called in this order by load_scenario; each fills its part
// of the spec and may rely on what the earlier ones filled (gemeenten, groups and states come first).
#include <string>

#include "sim/model/spec.hpp"
#include "sim/scenario/reader.hpp"

namespace ws::scenario {

class Context {
 public:
  explicit Context(Reader& reader) : r(reader), spec(reader.spec()) {}
  Reader& r;
  model::ScenarioSpec& spec;

  // Index of a name, or an error "unknown gemeente 'X'; did you mean 'Y'?" at `at`.
  int gemeente(const Node& at, const std::string& path, const std::string& name) const;
  int state(const Node& at, const std::string& path, const std::string& name) const;
  int group(const Node& at, const std::string& path, const std::string& name) const;
  // Whether gemeente g places the module of `state` at Werkzaak (states of module none: always).
  bool places_module(int g, const model::StateSpec& state) const;
  bool has_state(const std::string& name) const;
};

void read_run(Context& c, const Node& root);                 // [scenario]
void read_gemeenten(Context& c, const Node& root);           // [gemeenten]
void read_groups(Context& c, const Node& root);              // [groups]
void read_attributes(Context& c, const Node& root);          // [attributes]
void read_states(Context& c, const Node& root);              // [states]
void read_transitions(Context& c, const Node& root);         // [transitions]
void read_arrivals(Context& c, const Node& root);            // [arrivals]
void read_statushouders(Context& c, const Node& root);       // [statushouders]
void read_capacities(Context& c, const Node& root);          // [capacities]
void read_mortality(Context& c, const Node& root);           // [mortality]
void read_aow(Context& c, const Node& root);                 // [aow]
void read_initial_population(Context& c, const Node& root);  // [initial_population]

// Shared by arrivals and statushouders: { lower = [..], upper = [..], weight = [..] } or { file = "..." }.
model::AgeDistribution read_age_distribution(Context& c, const Node& n, const std::string& path,
                                             std::size_t arrival_index);
// The same for a stream that does not exist yet: drawn weights get slots without targets, named in
// `weight_slots` (one per band, "" where the weight is a plain number).
model::AgeDistribution read_age_distribution(Context& c, const Node& n, const std::string& path,
                                             std::vector<std::string>* weight_slots);

// The settings every stream shares ([arrivals] and [statushouders]): into, group, age, share_women, permit
// lead.
void read_stream_common(Context& c, const Node& t, const std::string& path, model::ArrivalSpec& a,
                        std::size_t arrival_index);

}  // namespace ws::scenario
