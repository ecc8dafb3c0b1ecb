#include "sim/model/population.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <span>
#include <stdexcept>

#include "sim/common/date.hpp"
#include "sim/model/aow.hpp"

namespace ws::model {
namespace {

constexpr double kNoPermit = std::numeric_limits<double>::quiet_NaN();

int group_index(const CompiledModel& m, const std::string& name) {
  for (std::size_t i = 0; i < m.spec->groups.size(); ++i)
    if (m.spec->groups[i].name == name) return static_cast<int>(i);
  throw std::logic_error("unknown group '" + name + "'");
}

// A person's number within their origin.
std::uint64_t number_of(std::uint64_t high, std::uint64_t low) { return (high << 32) | low; }

// Inlined: a call per person was 1.8% of the cohort bench's instructions.
[[gnu::always_inline]] inline Person base_person(const CompiledModel& m, int gemeente, int state, int sex,
                                                 int group, double birth, const OriginKeys& keys,
                                                 std::uint64_t number) {
  Person p{};
  p.risks = {keys.risks.key, number};
  p.gemeente = static_cast<std::uint8_t>(gemeente);
  p.state = static_cast<std::uint16_t>(state);
  p.sex = static_cast<std::uint8_t>(sex);
  p.group = static_cast<std::uint8_t>(group);
  p.birth = std::floor(birth);
  const auto birth_day = static_cast<Day>(p.birth);
  p.aow = m.aow_state < 0
              ? std::numeric_limits<double>::infinity()
              : static_cast<double>(m.aow_days ? (*m.aow_days)(m.aow, birth_day) : aow_day(m.aow, birth_day));
  p.permit = kNoPermit;
  // Declared attributes from numbers of their own: declaring one changes no other draw.
  for (std::size_t a = 0; a < m.attribute_purposes.size(); ++a) {
    engine::RandomStream rng(keys.declared[a], number);
    p.attributes[a] = static_cast<std::uint8_t>(rng.discrete(m.attribute_shares[a]));
  }
  return p;
}

}  // namespace

OriginKeys origin_keys(const CompiledModel& m, std::uint64_t seed, std::uint64_t replication,
                       std::uint64_t purpose) {
  static const std::uint64_t kRisksPurpose = engine::purpose_id("risks");
  OriginKeys keys{engine::StreamKey::derive(seed, replication, purpose),
                  engine::StreamKey::derive(seed, replication, purpose ^ kRisksPurpose),
                  {}};
  for (std::uint64_t attribute : m.attribute_purposes)
    keys.declared.push_back(engine::StreamKey::derive(seed, replication, purpose ^ attribute));
  return keys;
}

double risk_uniform(const Person& p, std::uint32_t risk) { return p.risks.uniform(p.redraws, risk); }

double risk_exponential(const Person& p, std::uint32_t risk) { return -std::log(risk_uniform(p, risk)); }

std::vector<Person> synthesize_population(const CompiledModel& m, std::uint64_t seed,
                                          std::uint64_t replication) {
  std::vector<Person> persons;
  synthesize_population(m, seed, replication, persons);
  return persons;
}

std::size_t initial_population_bound(const CompiledModel& m) {
  double cells = 0;
  for (const InitialCell& cell : m.initial_cells) cells += std::ceil(cell.count);
  return static_cast<std::size_t>(cells) + m.spec->initial_persons.size();
}

void synthesize_population(const CompiledModel& m, std::uint64_t seed, std::uint64_t replication,
                           std::vector<Person>& persons) {
  persons.clear();
  const std::uint64_t cell_purpose = engine::purpose_id("population");
  const OriginKeys keys = origin_keys(m, seed, replication, engine::purpose_id("person:initial"));
  const auto& cells = m.initial_cells;
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const InitialCell& cell = cells[c];
    const int state = m.state_index(cell.state), group = group_index(m, cell.group);
    // Fractional counts are rounded stochastically so that the expected count is exact.
    engine::RandomStream cell_rng(seed, replication, cell_purpose, c);
    const double whole = std::floor(cell.count);
    const auto n = static_cast<std::uint64_t>(whole) + (cell_rng.uniform() < cell.count - whole ? 1 : 0);
    const bool has_permit = m.spec->groups[static_cast<std::size_t>(group)].has_permit_date;
    // The first blocks of the persons' attribute streams, many at a time (batched Philox).
    constexpr std::uint64_t kBatch = 16;
    std::array<engine::PhiloxCounter, kBatch> counters, first_blocks;
    for (std::uint64_t k = 0; k < n; ++k) {
      const std::uint64_t number = number_of(c, k);
      if (k % kBatch == 0) {
        const std::size_t batch = static_cast<std::size_t>(std::min(kBatch, n - k));
        for (std::size_t j = 0; j < batch; ++j)
          counters[j] = engine::RandomStream::block_counter(number + j, 0);
        engine::philox4x32_10_many(std::span(counters).first(batch), keys.attributes.key, first_blocks);
      }
      engine::RandomStream rng(keys.attributes, number, first_blocks[k % kBatch]);
      const double age_days = rng.uniform(cell.age_lower, cell.age_upper) * kDaysPerYear;
      const double birth = m.start - age_days;
      Person p = base_person(m, cell.gemeente, state, static_cast<int>(cell.sex), group, birth, keys, number);
      const double duration =
          rng.uniform(cell.duration_min_years, cell.duration_max_years + 1e-12) * kDaysPerYear;
      p.entered = std::max(m.start - duration, p.birth);
      if (has_permit) {
        // Drawn only for cells with a lead, so cells without one keep every later draw as before.
        const double lead = cell.permit_lead_max_years > 0
                                ? rng.uniform(cell.permit_lead_min_years, cell.permit_lead_max_years + 1e-12)
                                : 0.0;
        p.permit = std::max(p.entered - lead * kDaysPerYear, p.birth);
      }
      persons.push_back(p);
    }
  }
  const OriginKeys listed_keys = origin_keys(m, seed, replication, engine::purpose_id("person:listed"));
  const auto& listed = m.spec->initial_persons;
  for (std::size_t i = 0; i < listed.size(); ++i) {
    const InitialPerson& ip = listed[i];
    const int group = group_index(m, ip.group);
    Person p = base_person(m, ip.gemeente, m.state_index(ip.state), static_cast<int>(ip.sex), group,
                           static_cast<double>(ip.birth), listed_keys, number_of(0, i));
    p.entered = static_cast<double>(ip.entered_state);
    if (m.spec->groups[static_cast<std::size_t>(group)].has_permit_date)
      p.permit = static_cast<double>(ip.permit);
    persons.push_back(p);
  }
}

std::span<const engine::PhiloxCounter, 2> ArrivalBlocks::of(const OriginKeys& keys, int gemeente,
                                                            std::uint64_t sequence) {
  if (sequence < first_ || sequence - first_ >= count_) {
    std::array<engine::PhiloxCounter, 2 * kBatch> counters;
    for (std::uint64_t k = 0; k < kBatch; ++k) {
      const std::uint64_t number = number_of(static_cast<std::uint64_t>(gemeente), sequence + k);
      counters[2 * k] = engine::RandomStream::block_counter(number, 0);
      counters[2 * k + 1] = engine::RandomStream::block_counter(number, 1);
    }
    engine::philox4x32_10_many(counters, keys.attributes.key, blocks_);
    first_ = sequence;
    count_ = kBatch;
  }
  return std::span<const engine::PhiloxCounter, 2>(&blocks_[2 * (sequence - first_)], 2);
}

Person make_arrival(const CompiledModel& m, const CompiledArrival& a, int gemeente, double now,
                    const OriginKeys& keys, std::uint64_t sequence, ArrivalBlocks& arrival_blocks) {
  const std::uint64_t number = number_of(static_cast<std::uint64_t>(gemeente), sequence);
  // The age band, the age and the sex use the stream's first two blocks.
  const std::span<const engine::PhiloxCounter, 2> blocks = arrival_blocks.of(keys, gemeente, sequence);
  engine::RandomStream rng(keys.attributes, number, blocks[0], blocks[1]);
  const std::size_t band = rng.discrete(a.age_weights);
  const double age_days = rng.uniform(a.age.lower[band], a.age.upper[band]) * kDaysPerYear;
  const int sex = rng.uniform() < a.share_women ? 1 : 0;
  Person p = base_person(m, gemeente, a.into, sex, a.group, now - age_days, keys, number);
  if (m.spec->groups[static_cast<std::size_t>(a.group)].has_permit_date) {
    p.permit = now - rng.uniform(a.permit_lead_min_days, a.permit_lead_max_days + 1e-9);
    const CivilDate start = civil_from_days(static_cast<Day>(m.start));
    const CivilDate arrival = civil_from_days(static_cast<Day>(now));
    const int months =
        (arrival.year - start.year) * 12 + (arrival.month - start.month) - (arrival.day < start.day ? 1 : 0);
    p.cohort = static_cast<std::int16_t>(std::min<int>(months / 6, static_cast<int>(m.cohorts.size()) - 1));
  }
  return p;
}

}  // namespace ws::model
