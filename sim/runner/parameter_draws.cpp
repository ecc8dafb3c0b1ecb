#include "sim/runner/parameter_draws.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ws::runner {

double draw_value(const model::ParameterDistribution& d, engine::RandomStream& rng) {
  using Kind = model::ParameterDistribution::Kind;
  switch (d.kind) {
    case Kind::uniform:
      return rng.uniform(d.a, d.b);
    case Kind::triangular:
      return rng.triangular(d.a, d.b, d.c);
    case Kind::normal:
      // Truncated by rejection; the loader ensures the window holds a fair share of the mass.
      for (int attempt = 0; attempt < 10000; ++attempt) {
        const double x = rng.normal(d.a, d.b);
        if (x >= d.lower && x <= d.upper) return x;
      }
      throw std::logic_error("truncated normal: the window [lower, upper] holds almost no probability");
    case Kind::lognormal:
      return std::min(rng.lognormal(std::log(d.a), d.b), d.upper);
    case Kind::beta:
      return d.lower + (d.upper - d.lower) * rng.beta(d.a, d.b);
    case Kind::choice:
      return d.values[rng.discrete(d.weights)];
  }
  throw std::logic_error("unknown distribution");
}

std::vector<double> draw_parameters(const model::ScenarioSpec& spec, std::uint64_t seed,
                                    std::uint64_t replication) {
  std::vector<double> values;
  values.reserve(spec.uncertain.size());
  for (const auto& parameter : spec.uncertain) {
    engine::RandomStream rng(seed, replication, engine::purpose_id("parameter:" + parameter.name));
    values.push_back(draw_value(parameter.distribution, rng));
  }
  return values;
}

DrawnModel draw_model(const model::CompiledModel& base, std::uint64_t seed, std::uint64_t replication) {
  DrawnModel drawn;
  drawn.model = &base;
  if (base.spec->uncertain.empty()) return drawn;
  drawn.values = draw_parameters(*base.spec, seed, replication);
  drawn.own = base.with_parameters(drawn.values);
  drawn.model = &*drawn.own;
  return drawn;
}

}  // namespace ws::runner
