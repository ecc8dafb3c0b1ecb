#pragma once
// Persons: the initial population synthesised from the scenario's tables, and the persons arrival streams
// bring.
#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/engine/keyed_stream.hpp"
#include "sim/engine/random.hpp"
#include "sim/model/compiled_model.hpp"

namespace ws::model {

struct Person {
  double birth = 0;          // day number (whole days: the AOW day is exact)
  double entered = 0;        // when the current state was entered
  double permit = 0;         // residence-permit day for statushouders, NaN for everyone else
  double aow = 0;            // the day the AOW age is reached
  std::uint32_t ticket = 0;  // the current waiting-list entry
  std::uint16_t state = 0;
  std::uint8_t gemeente = 0;
  std::uint8_t sex = 0;  // 0 men, 1 women
  std::uint8_t group = 0;
  std::uint8_t marks = 0;        // bit i: carries ScenarioSpec::marks[i]
  AttributeLevels attributes{};  // level of each declared attribute
  std::int16_t cohort = -1;      // statushouder arrival half-year, -1 for others
  std::int16_t next_check = 0;   // the next cohort check (in 6-month steps since the permit)
  std::uint8_t band = 0;         // the recorder's: the age band at the later of `entered` and the start
  // The person's random numbers are keyed by who they are (origin and sequence number), not by when they were
  // created, and each competing risk has its own numbers: the draw for risk j at the person's k-th redraw is
  // risks.uniform(k, j). Two scenarios that treat a person alike therefore draw the same numbers for them,
  // even when one of them adds a risk the other lacks (common random numbers).
  engine::KeyedStream risks;
  std::uint32_t redraws = 0;
};

// The uniform behind the unit exponential for `risk` at the person's current redraw, and that exponential
// (-log of the uniform).
double risk_uniform(const Person& p, std::uint32_t risk);
double risk_exponential(const Person& p, std::uint32_t risk);

std::vector<Person> synthesize_population(const CompiledModel& m, std::uint64_t seed,
                                          std::uint64_t replication);
// At least as many persons as synthesize_population makes (each cell's count rounded up, and the listed ones).
std::size_t initial_population_bound(const CompiledModel& m);
// The same into `persons` (cleared first), reusing its memory.
void synthesize_population(const CompiledModel& m, std::uint64_t seed, std::uint64_t replication,
                           std::vector<Person>& persons);

// The keys of the streams of every person of one origin (the initial population, the listed persons, one
// arrival stream) in one replication: their attributes, their risks and each declared attribute. They depend
// on the origin alone, so they are derived once per origin instead of once per person (an arrival derived
// two or more Philox keys).
struct OriginKeys {
  engine::StreamKey attributes, risks;
  std::vector<engine::StreamKey> declared;  // per declared attribute (CompiledModel::attribute_purposes)
};
OriginKeys origin_keys(const CompiledModel& m, std::uint64_t seed, std::uint64_t replication,
                       std::uint64_t purpose);

// The first two Philox blocks of the next persons of one arrival stream in one gemeente (their age, sex and
// permit draws), computed for kBatch persons at a time: sixteen blocks side by side in four registers instead of
// two in one register per person (the blocks of one arrival were 2 % of a baseline run's instructions, and
// 220 instructions an arrival). The same blocks as one person at a time: only when they are computed differs.
class ArrivalBlocks {
 public:
  static constexpr std::uint64_t kBatch = 8;
  // The blocks of person `sequence` of the stream in `gemeente` under `keys`; sequences come in increasing
  // order, always with the same keys and gemeente.
  std::span<const engine::PhiloxCounter, 2> of(const OriginKeys& keys, int gemeente, std::uint64_t sequence);

 private:
  std::uint64_t first_ = 0, count_ = 0;  // the persons [first_, first_ + count_) are in blocks_
  std::array<engine::PhiloxCounter, 2 * kBatch> blocks_{};
};

// Person number `sequence` of arrival stream `a` in `gemeente`; keys: origin_keys(m, seed, replication,
// a.person_purpose); `arrival_blocks`: the stream's in that gemeente.
Person make_arrival(const CompiledModel& m, const CompiledArrival& a, int gemeente, double now,
                    const OriginKeys& keys, std::uint64_t sequence, ArrivalBlocks& arrival_blocks);

}  // namespace ws::model
