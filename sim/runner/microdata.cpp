#include "sim/runner/microdata.hpp"

#include <algorithm>
#include <map>
#include <span>
#include <stdexcept>

#include "sim/output/results_schema.hpp"

namespace ws::runner {
namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::int32_t index_in(const std::vector<std::string>& all, const std::string& name) {
  const auto it = std::find(all.begin(), all.end(), name);
  if (it == all.end()) throw std::logic_error("microdata: " + name + " is not in the results layout");
  return static_cast<std::int32_t>(it - all.begin());
}

template <class T>
void write_all(output::ResultsWriter& writer, const std::string& name, const std::vector<T>& values) {
  writer.write(name, {}, std::span<const T>(values));
}

}  // namespace

MicrodataNames microdata_names(const model::CompiledModel& m, const ResultsLayout& layout) {
  MicrodataNames names;
  for (const auto& s : m.states) names.states.push_back(index_in(layout.states, s.name));
  for (const auto& g : m.spec->groups) names.groups.push_back(index_in(layout.groups, g.name));
  for (const auto& label : m.flow_labels) names.labels.emplace(label, index_in(layout.labels, label));
  names.start = m.start;
  return names;
}

MicrodataSampler::MicrodataSampler(const MicrodataNames& names, std::size_t size, std::uint64_t seed,
                                   std::uint64_t replication)
    : names_(names), seed_(seed), replication_(replication), slots_(size), used_(size, false) {}

// Algorithm R over the order of appearance: person i < N takes slot i; a later person i takes slot j, uniform
// in 0 ... i, when j < N (evicting the person there).
std::size_t MicrodataSampler::slot(std::uint32_t person) const {
  if (person < slots_.size()) return person;
  return static_cast<std::size_t>(mix(seed_ ^ mix(replication_ ^ mix(person))) %
                                  (static_cast<std::uint64_t>(person) + 1));
}

// A person not seen yet is appearing now: followed when the draw gives it a slot (appeared() takes it).
bool MicrodataSampler::follows(std::uint32_t person) const {
  if (person < followed_.size()) return followed_[person];
  followed_.resize(static_cast<std::size_t>(person) + 1, false);
  return followed_[person] = slot(person) < slots_.size();
}

std::int32_t MicrodataSampler::label(std::string_view cause) const {
  const auto it = names_.labels.find(std::string(cause));
  return it == names_.labels.end() ? -1 : it->second;  // "initial": not a flow
}

void MicrodataSampler::appeared(std::uint32_t person, const model::Person& p, double now,
                                std::string_view how) {
  const std::size_t s = slot(person);
  if (used_[s]) followed_[slots_[s].id] = false;  // evicted
  used_[s] = true;
  slots_[s] = {person,
               static_cast<std::int32_t>(p.gemeente),
               static_cast<std::int32_t>(p.sex),
               names_.groups[p.group],
               p.birth - names_.start,
               {{now - names_.start, -1, names_.states[p.state], label(how)}}};
}

void MicrodataSampler::moved(std::uint32_t person, const model::Person& p, double now, int from,
                             std::string_view cause) {
  slots_[slot(person)].events.push_back({now - names_.start, names_.states[static_cast<std::size_t>(from)],
                                         names_.states[p.state], label(cause)});
}

std::vector<MicrodataPerson> MicrodataSampler::take() {
  std::vector<MicrodataPerson> out;
  for (std::size_t s = 0; s < slots_.size(); ++s)
    if (used_[s]) out.push_back(std::move(slots_[s]));
  std::fill(used_.begin(), used_.end(), false);
  followed_.clear();
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return out;
}

void write_microdata(output::ResultsWriter& writer, const ResultsLayout& layout,
                     const std::vector<MicrodataSample>& samples) {
  std::map<std::string, std::vector<std::int32_t>> ints;  // by variable name
  std::map<std::string, std::vector<double>> reals;
  for (const MicrodataSample& sample : samples)
    for (const MicrodataPerson& p : sample.persons) {
      ints["microdata_scenario"].push_back(static_cast<std::int32_t>(sample.scenario));
      ints["microdata_replication"].push_back(static_cast<std::int32_t>(sample.replication));
      ints["microdata_id"].push_back(static_cast<std::int32_t>(p.id));
      ints["microdata_gemeente"].push_back(p.gemeente);
      ints["microdata_sex"].push_back(p.sex);
      ints["microdata_group"].push_back(p.group);
      ints["microdata_row_size"].push_back(static_cast<std::int32_t>(p.events.size()));
      reals["microdata_birth"].push_back(p.birth);
      for (const MicrodataEvent& e : p.events) {
        reals["microdata_time"].push_back(e.time);
        ints["microdata_from"].push_back(e.from);
        ints["microdata_to"].push_back(e.to);
        ints["microdata_transition"].push_back(e.transition);
      }
    }
  const auto index = [](std::size_t n) {
    std::vector<std::int32_t> values(n);
    for (std::size_t i = 0; i < n; ++i) values[i] = static_cast<std::int32_t>(i);
    return values;
  };
  const std::size_t persons = ints["microdata_id"].size(), events = reals["microdata_time"].size();
  for (const char* dim : {"microdata_person", "microdata_event"})
    writer.add_dimension({dim,
                          index(dim == std::string_view("microdata_person") ? persons : events),
                          {{"long_name", output::schema::dimension(dim).long_name}}});
  const std::string units = "days since " + layout.start_date;
  for (const auto& aux : output::schema::auxiliaries()) {
    if (aux.name.rfind("microdata_", 0) != 0) continue;
    output::Attributes extra;
    if (aux.name == "microdata_row_size") extra.emplace_back("sample_dimension", "microdata_event");
    add_auxiliary(writer, aux.name, units, std::move(extra));
    if (aux.integer)
      write_all(writer, aux.name, ints[aux.name]);
    else
      write_all(writer, aux.name, reals[aux.name]);
  }
}

}  // namespace ws::runner
