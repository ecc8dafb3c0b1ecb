#pragma once
// `run --microdata N`: N persons' lives per replication, stored in the results file for checking. A life is
// the events `werkstroom trace` shows for the person (the appearance and every move; not the risk draws).
// The N persons are a uniform sample of everybody the replication has: reservoir sampling over the order of
// appearance (person IDs), its choices taken from a hash of (seed, replication, person ID), so that sampling
// draws nothing from the replication's random streams and the run's other results stay bitwise the same.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/model/compiled_model.hpp"
#include "sim/model/observer.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/runner/results_layout.hpp"

namespace ws::runner {

// Indices in the file (the run's union of names) of one scenario's states, groups and flow labels.
struct MicrodataNames {
  std::vector<std::int32_t> states, groups;
  std::unordered_map<std::string, std::int32_t> labels;
  double start = 0;  // the model's start day: times are stored in days since the start
};
MicrodataNames microdata_names(const model::CompiledModel& m, const ResultsLayout& layout);

struct MicrodataEvent {
  double time;                        // days since the start
  std::int32_t from, to, transition;  // indices in the file; from -1: appeared; transition -1: initial
};

struct MicrodataPerson {
  std::uint32_t id = 0;
  std::int32_t gemeente = 0, sex = 0, group = 0;
  double birth = 0;  // days since the start
  std::vector<MicrodataEvent> events;
};

struct MicrodataSample {
  std::size_t scenario = 0;
  std::uint64_t replication = 0;
  std::vector<MicrodataPerson> persons;  // by ID
};

class MicrodataSampler : public model::ReplicationObserver {
 public:
  MicrodataSampler(const MicrodataNames& names, std::size_t size, std::uint64_t seed,
                   std::uint64_t replication);
  bool follows(std::uint32_t person) const override;
  void appeared(std::uint32_t person, const model::Person& p, double now, std::string_view how) override;
  void moved(std::uint32_t person, const model::Person& p, double now, int from,
             std::string_view cause) override;
  void redrawn(std::uint32_t, const model::Person&, double, std::span<const model::RiskDraw>,
               std::string_view) override {}
  void finished(std::uint32_t) override {}
  // The sampled persons, by ID (empties the sampler).
  std::vector<MicrodataPerson> take();

 private:
  std::size_t slot(std::uint32_t person) const;  // >= size: never sampled
  std::int32_t label(std::string_view cause) const;
  const MicrodataNames& names_;
  std::uint64_t seed_, replication_;
  std::vector<MicrodataPerson> slots_;
  std::vector<bool> used_;
  // Whether each person who appeared so far is followed now: one lookup per event instead of a hash. Grown by
  // follows() as persons appear (the replication asks once for each, in the order of appearance).
  mutable std::vector<bool> followed_;
};

// Adds the microdata dimensions and variables (sim/output/results_schema.hpp) and writes the samples, in the
// order given, as one contiguous ragged array of events.
void write_microdata(output::ResultsWriter& writer, const ResultsLayout& layout,
                     const std::vector<MicrodataSample>& samples);

}  // namespace ws::runner
