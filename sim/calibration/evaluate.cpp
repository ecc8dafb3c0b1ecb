#include "sim/calibration/evaluate.hpp"

#include <fmt/format.h>
#include <oneapi/tbb/parallel_for.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>

#include "sim/calibration/overrides.hpp"
#include "sim/common/error.hpp"
#include "sim/model/replication.hpp"
#include "sim/runner/parameter_draws.hpp"
#include "sim/scenario/load.hpp"
#include "sim/scenario/reader.hpp"

namespace ws::calibration {
namespace {

// A target as indices into one replication's accounts.
struct Resolved {
  std::vector<int> gemeenten;
  std::vector<int> states, numerator, denominator;
  int time = -1, year = -1;
};

[[noreturn]] void bad_target(const CalibrationConfig& cfg, const Target& t, const std::string& what) {
  throw InputError(fmt::format("{}:{}: {}", scenario::display_path(cfg.targets_file), t.line, what));
}

std::vector<int> labels_matching(const CalibrationConfig& cfg, const Target& t, const model::CompiledModel& m,
                                 const std::vector<std::string>& wanted) {
  std::vector<int> out;
  for (const auto& w : wanted) {
    const bool wildcard = w.size() > 1 && w.ends_with('*');
    const auto prefix = wildcard ? w.substr(0, w.size() - 1) : w;
    const auto before = out.size();
    for (std::size_t l = 0; l < m.flow_labels.size(); ++l)
      if (wildcard ? m.flow_labels[l].starts_with(prefix) : m.flow_labels[l] == w)
        out.push_back(static_cast<int>(l));
    if (out.size() == before)
      bad_target(cfg, t, "transition '" + w + "': expected a flow label of the scenario");
  }
  return out;
}

Resolved resolve(const CalibrationConfig& cfg, const Target& t, const model::CompiledModel& m) {
  Resolved r;
  const auto& gs = m.spec->gemeenten;
  for (std::size_t g = 0; g < gs.size(); ++g)
    if (t.gemeente == "*" || gs[g].name == t.gemeente) r.gemeenten.push_back(static_cast<int>(g));
  if (r.gemeenten.empty()) bad_target(cfg, t, "gemeente '" + t.gemeente + "': expected a gemeente or *");
  if (t.measure == "stock") {
    for (const auto& name : t.states) {
      const auto it =
          std::find_if(m.states.begin(), m.states.end(), [&](const auto& s) { return s.name == name; });
      if (it == m.states.end()) bad_target(cfg, t, "state '" + name + "': expected a state of the scenario");
      r.states.push_back(static_cast<int>(it - m.states.begin()));
    }
    const auto at = std::find(m.output_times.begin(), m.output_times.end(), static_cast<double>(t.day));
    if (at == m.output_times.end())
      bad_target(cfg, t, "date " + t.when + ": expected an output time within the fitted horizon");
    r.time = static_cast<int>(at - m.output_times.begin());
    return r;
  }
  r.numerator = labels_matching(cfg, t, m, t.transitions);
  if (t.measure == "share") r.denominator = labels_matching(cfg, t, m, t.of);
  const auto y = std::find(m.years.begin(), m.years.end(), t.year);
  if (y == m.years.end())
    bad_target(cfg, t, "year " + t.when + ": expected a year within the fitted horizon");
  r.year = static_cast<int>(y - m.years.begin());
  return r;
}

double measure(const Resolved& r, model::Accounts& a) {
  auto flows = [&](const std::vector<int>& labels) {
    double sum = 0;
    for (int g : r.gemeenten)
      for (int l : labels) sum += a.flow_at(r.year, g, l);
    return sum;
  };
  if (r.time >= 0) {
    double sum = 0;
    for (int g : r.gemeenten)
      for (int s : r.states) sum += a.stock_at(r.time, g, s);
    return sum;
  }
  if (r.denominator.empty()) return flows(r.numerator);
  const double d = flows(r.denominator);
  return d > 0 ? flows(r.numerator) / d : 0.0;
}

double quantile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double at = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(at));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (at - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

model::ScenarioSpec load_with(const CalibrationConfig& cfg, const std::vector<double>& values) {
  OverrideRequest request;
  request.written_to =
      cfg.output.parent_path() / fmt::format(".{}.calibrate-{}.toml", cfg.output.stem().string(), ::getpid());
  request.fitting = true;
  for (double v : values) request.values.push_back(toml_number(v));
  {
    std::error_code ec;
    std::filesystem::create_directories(request.written_to.parent_path(), ec);
    std::ofstream out(request.written_to);
    out << override_text(cfg, request);
    if (!out)
      throw InputError(scenario::display_path(request.written_to) + ": cannot write the override file");
  }
  struct Remove {
    std::filesystem::path p;
    ~Remove() { std::filesystem::remove(p); }
  } remove{request.written_to};
  return scenario::load_scenario(request.written_to);
}

}  // namespace

Evaluation Evaluator::operator()(const std::vector<double>& values) {
  ++count_;
  const model::ScenarioSpec spec = load_with(cfg_, values);
  const model::CompiledModel base = model::compile_model(spec);
  std::vector<Resolved> resolved;
  for (const auto& t : cfg_.targets) resolved.push_back(resolve(cfg_, t, base));

  const std::size_t R = cfg_.replications, T = cfg_.targets.size();
  std::vector<std::vector<double>> by_target(T, std::vector<double>(R));
  tbb::parallel_for(std::size_t{0}, R, [&](std::size_t r) {
    const auto drawn = runner::draw_model(base, cfg_.seed, r);
    model::Accounts a = model::simulate_replication(*drawn.model, cfg_.seed, r);
    for (std::size_t t = 0; t < T; ++t) by_target[t][r] = measure(resolved[t], a);
  });

  Evaluation e;
  e.values = values;
  for (std::size_t t = 0; t < T; ++t) {
    const auto& v = by_target[t];
    TargetFit f;
    for (double x : v) f.mean += x / static_cast<double>(R);
    double ss = 0;
    for (double x : v) ss += (x - f.mean) * (x - f.mean);
    f.mean_se = R > 1 ? std::sqrt(ss / static_cast<double>(R - 1) / static_cast<double>(R)) : 0.0;
    f.low = quantile(v, 0.05);
    f.high = quantile(v, 0.95);
    const auto& target = cfg_.targets[t];
    f.z = (f.mean - target.value) / std::sqrt(target.sd * target.sd + f.mean_se * f.mean_se);
    e.residuals.push_back(std::sqrt(target.weight) * f.z);
    e.objective += e.residuals.back() * e.residuals.back();
    e.targets.push_back(f);
  }
  return e;
}

}  // namespace ws::calibration
