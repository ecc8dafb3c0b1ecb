// The distributions of RandomStream. Each uses a textbook exact method; parameters are checked because a
// wrong one (a negative rate, a zero total weight) would otherwise silently bias a whole run.
#include "sim/engine/random.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace ws::engine {
namespace {

void require(bool ok, const char* what) {
  if (!ok) throw std::invalid_argument(std::string("RandomStream: ") + what);
}

constexpr double kLogSqrt2Pi = 0.91893853320467274178;  // log(sqrt(2 pi))

}  // namespace

double log_factorial(std::uint64_t k) {
  // n! is exact in a double up to 22!; log of an exact value is within an ulp.
  if (k <= 22) {
    double f = 1;
    for (std::uint64_t i = 2; i <= k; ++i) f *= static_cast<double>(i);
    return std::log(f);
  }
  // log Gamma(n), n = k + 1 >= 24, by Stirling's series; the first omitted term is < 1/(1188 n^9) < 1e-15.
  const double n = static_cast<double>(k) + 1;
  const double r = 1 / n, r2 = r * r;
  const double series = r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680))));
  return (n - 0.5) * std::log(n) - n + kLogSqrt2Pi + series;
}

double RandomStream::exponential(double rate) {
  require(rate >= 0 && !std::isnan(rate), "exponential rate must be >= 0");
  if (rate == 0) return std::numeric_limits<double>::infinity();
  return -std::log(uniform()) / rate;
}

// Marsaglia's polar method: two normals per accepted pair, the second kept for the next call.
double RandomStream::normal(double mean, double sd) {
  require(sd >= 0, "normal sd must be >= 0");
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return mean + sd * spare_normal_;
  }
  double u, v, s;
  do {
    u = 2 * uniform() - 1;
    v = 2 * uniform() - 1;
    s = u * u + v * v;
  } while (s >= 1 || s == 0);
  const double f = std::sqrt(-2 * std::log(s) / s);
  spare_normal_ = v * f;
  has_spare_normal_ = true;
  return mean + sd * (u * f);
}

double RandomStream::lognormal(double mu, double sigma) { return std::exp(normal(mu, sigma)); }

// Marsaglia & Tsang (2000) for shape >= 1; for shape < 1 the boost Gamma(shape) = Gamma(shape+1) *
// U^(1/shape).
double RandomStream::standard_gamma(double shape) {
  if (shape < 1) {
    const double g = standard_gamma(shape + 1);
    return g * std::exp(std::log(uniform()) / shape);
  }
  const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
  for (;;) {
    double x, v;
    do {
      x = normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const double u = uniform();
    const double x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (std::log(u) < 0.5 * x2 + d * (1 - v + std::log(v))) return d * v;
  }
}

double RandomStream::gamma(double shape, double scale) {
  require(shape > 0 && std::isfinite(shape), "gamma shape must be > 0");
  require(scale > 0 && std::isfinite(scale), "gamma scale must be > 0");
  return scale * standard_gamma(shape);
}

double RandomStream::beta(double a, double b) {
  require(a > 0 && std::isfinite(a) && b > 0 && std::isfinite(b), "beta parameters must be > 0");
  if (a > 1 || b > 1) {
    const double x = standard_gamma(a), y = standard_gamma(b);
    return x / (x + y);
  }
  // Both <= 1: Johnk's method, where a ratio of two gamma draws could underflow to 0/0. Powers are taken in
  // log space when both are tiny.
  for (;;) {
    const double lu = std::log(uniform()) / a, lv = std::log(uniform()) / b;
    const double x = std::exp(lu), y = std::exp(lv), s = x + y;
    if (s > 1) continue;
    if (s > 0) return x / s;
    const double m = lu > lv ? lu : lv;
    const double ex = std::exp(lu - m), ey = std::exp(lv - m);
    return ex / (ex + ey);
  }
}

double RandomStream::triangular(double lo, double mode, double hi) {
  require(lo <= mode && mode <= hi && lo < hi, "triangular needs lo <= mode <= hi and lo < hi");
  const double u = uniform(), width = hi - lo;
  if (u * width < mode - lo) return lo + std::sqrt(u * width * (mode - lo));
  return hi - std::sqrt((1 - u) * width * (hi - mode));
}

std::uint64_t RandomStream::poisson(double mean) {
  require(mean >= 0 && mean < 0x1p62, "poisson mean must be in [0, 2^62)");
  if (mean == 0) return 0;
  return mean < 10 ? poisson_inversion(mean) : poisson_ptrs(mean);
}

// Sequential search of the CDF with one uniform; exp(-mean) is far from underflow for mean < 10.
std::uint64_t RandomStream::poisson_inversion(double mean) {
  const double u = uniform();
  double p = std::exp(-mean), cdf = p;
  std::uint64_t k = 0;
  while (u > cdf) {
    ++k;
    p *= mean / static_cast<double>(k);
    const double next = cdf + p;
    if (next == cdf && static_cast<double>(k) > mean)
      break;  // the tail is below rounding: u is within 1e-16 of 1
    cdf = next;
  }
  return k;
}

// Hormann (1993), "The transformed rejection method for generating Poisson random variables" (PTRS), exact
// for mean >= 10.
std::uint64_t RandomStream::poisson_ptrs(double mean) {
  const double slam = std::sqrt(mean), loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const double u = uniform() - 0.5;
    const double v = uniform();
    const double us = 0.5 - std::fabs(u);
    const double k = std::floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(k);
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (std::log(v) + std::log(inv_alpha) - std::log(a / (us * us) + b) <=
        -mean + k * loglam - log_factorial(static_cast<std::uint64_t>(k)))
      return static_cast<std::uint64_t>(k);
  }
}

namespace {
// The sum of discrete weights after checking them.
double checked_total(std::span<const double> weights) {
  double total = 0;
  for (double w : weights) {
    require(w >= 0 && std::isfinite(w), "discrete weights must be finite and >= 0");
    total += w;
  }
  require(total > 0 && std::isfinite(total), "discrete weights must not all be zero");
  return total;
}
}  // namespace

DiscreteWeights::DiscreteWeights(std::vector<double> weights) : weights_(std::move(weights)) {
  try {
    total_ = checked_total(weights_);
  } catch (const std::invalid_argument&) {
    // left NaN: reported at the first draw, as discrete(span) would
  }
}

std::size_t RandomStream::discrete(std::span<const double> weights) {
  return discrete_of(weights, checked_total(weights));
}

std::size_t RandomStream::discrete(const DiscreteWeights& weights) {
  if (std::isnan(weights.total())) return discrete(weights.weights());  // throws
  return discrete_of(weights.weights(), weights.total());
}

std::size_t RandomStream::discrete_of(std::span<const double> weights, double total) {
  const double target = uniform() * total;
  double cumulative = 0;
  std::size_t last_positive = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (weights[i] == 0) continue;
    cumulative += weights[i];
    last_positive = i;
    if (target < cumulative) return i;
  }
  return last_positive;  // rounding left target just above the summed total
}

}  // namespace ws::engine
