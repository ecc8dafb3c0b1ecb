#include "sim/calibration/fit.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>
#include <limits>
#include <nlopt.hpp>
#include <ostream>

#include "sim/common/error.hpp"
#include "sim/engine/random.hpp"
#include "sim/scenario/reader.hpp"

namespace ws::calibration {
namespace {

// Parameters on the scale searched: log for log parameters.
struct Scale {
  const std::vector<FreeParameter>& ps;
  double to(std::size_t i, double v) const { return ps[i].log ? std::log(v) : v; }
  double from(std::size_t i, double u) const { return ps[i].log ? std::exp(u) : u; }
  double lower(std::size_t i) const { return to(i, ps[i].lower); }
  double upper(std::size_t i) const { return to(i, ps[i].upper); }
  std::vector<double> values(const std::vector<double>& u) const {
    std::vector<double> v(u.size());
    for (std::size_t i = 0; i < u.size(); ++i) v[i] = from(i, std::clamp(u[i], lower(i), upper(i)));
    return v;
  }
};

struct Search {
  Evaluator& evaluate;
  const Scale& scale;
  Evaluation best;
  bool any = false;
  double operator()(const std::vector<double>& u) {
    Evaluation e = evaluate(scale.values(u));
    if (!any || e.objective < best.objective) best = e, any = true;
    return e.objective;
  }
};

double objective_thunk(const std::vector<double>& u, std::vector<double>&, void* data) {
  return (*static_cast<Search*>(data))(u);
}

// (J'J)^-1 by Gauss-Jordan; empty when singular.
std::vector<std::vector<double>> inverse(std::vector<std::vector<double>> a) {
  const std::size_t n = a.size();
  std::vector<std::vector<double>> inv(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) inv[i][i] = 1;
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < n; ++r)
      if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
    if (!(std::abs(a[pivot][c]) > 1e-12)) return {};
    std::swap(a[c], a[pivot]);
    std::swap(inv[c], inv[pivot]);
    const double d = a[c][c];
    for (std::size_t k = 0; k < n; ++k) a[c][k] /= d, inv[c][k] /= d;
    for (std::size_t r = 0; r < n; ++r) {
      if (r == c) continue;
      const double f = a[r][c];
      for (std::size_t k = 0; k < n; ++k) a[r][k] -= f * a[c][k], inv[r][k] -= f * inv[c][k];
    }
  }
  return inv;
}

// Standard errors on the searched scale from forward differences of the residuals.
std::vector<double> standard_errors(Evaluator& evaluate, const Scale& scale, const std::vector<double>& u,
                                    const Evaluation& at) {
  const std::size_t k = u.size(), T = at.residuals.size();
  std::vector<std::vector<double>> J(T, std::vector<double>(k));
  for (std::size_t j = 0; j < k; ++j) {
    double h = 0.01 * (scale.upper(j) - scale.lower(j));
    if (u[j] + h > scale.upper(j)) h = -h;
    auto shifted = u;
    shifted[j] += h;
    const Evaluation e = evaluate(scale.values(shifted));
    for (std::size_t t = 0; t < T; ++t) J[t][j] = (e.residuals[t] - at.residuals[t]) / h;
  }
  std::vector<std::vector<double>> jtj(k, std::vector<double>(k, 0.0));
  for (std::size_t t = 0; t < T; ++t)
    for (std::size_t a = 0; a < k; ++a)
      for (std::size_t b = 0; b < k; ++b) jtj[a][b] += J[t][a] * J[t][b];
  const auto cov = inverse(jtj);
  std::vector<double> se(k, std::numeric_limits<double>::quiet_NaN());
  if (!cov.empty())
    for (std::size_t j = 0; j < k; ++j) se[j] = cov[j][j] > 0 ? std::sqrt(cov[j][j]) : se[j];
  return se;
}

}  // namespace

FitResult fit(const CalibrationConfig& cfg, std::ostream& log) {
  Evaluator evaluate(cfg);
  const Scale scale{cfg.parameters};
  const std::size_t k = cfg.parameters.size();
  std::vector<double> u(k), lb(k), ub(k), step(k);
  for (std::size_t i = 0; i < k; ++i) {
    const auto& p = cfg.parameters[i];
    lb[i] = scale.lower(i);
    ub[i] = scale.upper(i);
    u[i] = p.start ? scale.to(i, *p.start) : 0.5 * (lb[i] + ub[i]);
    step[i] = 0.1 * (ub[i] - lb[i]);
  }
  nlopt::srand(cfg.seed);
  nlopt::opt opt(cfg.algorithm == "subplex" ? nlopt::LN_SBPLX : nlopt::LN_BOBYQA, static_cast<unsigned>(k));
  opt.set_lower_bounds(lb);
  opt.set_upper_bounds(ub);
  opt.set_initial_step(step);
  opt.set_xtol_rel(cfg.tolerance);
  opt.set_maxeval(cfg.max_evaluations);
  Search search{evaluate, scale, {}, false};
  opt.set_min_objective(objective_thunk, &search);
  double minimum = 0;
  try {
    opt.optimize(u, minimum);
  } catch (const nlopt::roundoff_limited&) {
    // The Monte Carlo objective is flat below its resolution: the best point seen is the fit.
  } catch (const nlopt::forced_stop&) {
    throw;
  } catch (const std::invalid_argument& e) {
    throw InputError(scenario::display_path(cfg.file) + ": the optimiser refused the problem: " + e.what());
  }
  FitResult result;
  result.best = search.best;
  for (std::size_t i = 0; i < k; ++i) u[i] = scale.to(i, result.best.values[i]);
  log << fmt::format("fit: objective {:.4g} after {} evaluations\n", result.best.objective, evaluate.count());

  const auto se_u = standard_errors(evaluate, scale, u, result.best);
  result.parameters.resize(k);
  for (std::size_t i = 0; i < k; ++i) {
    auto& p = result.parameters[i];
    p.value = result.best.values[i];
    p.se = cfg.parameters[i].log ? p.value * se_u[i] : se_u[i];
    p.accepted_min = p.accepted_max = p.value;
  }
  if (cfg.uncertainty.enabled) {
    const boost::math::chi_squared chi2(static_cast<double>(k));
    result.threshold = result.best.objective + boost::math::quantile(chi2, cfg.uncertainty.level);
    for (int s = 0; s < cfg.uncertainty.samples; ++s) {
      engine::RandomStream rng(cfg.uncertainty.seed, static_cast<std::uint64_t>(s),
                               engine::purpose_id("calibration:uncertainty"));
      std::vector<double> x(k);
      for (std::size_t i = 0; i < k; ++i) {
        const double half = std::isfinite(se_u[i]) ? cfg.uncertainty.width * se_u[i] : 0.1 * (ub[i] - lb[i]);
        x[i] = rng.uniform(std::max(lb[i], u[i] - half), std::min(ub[i], u[i] + half));
      }
      const Evaluation e = evaluate(scale.values(x));
      ++result.samples;
      if (e.objective > result.threshold) continue;
      ++result.accepted;
      for (std::size_t i = 0; i < k; ++i) {
        result.parameters[i].accepted_min = std::min(result.parameters[i].accepted_min, e.values[i]);
        result.parameters[i].accepted_max = std::max(result.parameters[i].accepted_max, e.values[i]);
      }
    }
    log << fmt::format("uncertainty: {} of {} parameter sets within objective {:.4g}\n", result.accepted,
                       result.samples, result.threshold);
  }
  result.evaluations = evaluate.count();
  return result;
}

}  // namespace ws::calibration
