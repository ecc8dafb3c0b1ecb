#include "sim/runner/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

namespace ws::runner {
namespace {

double variance(const std::vector<double>& y) {
  const double mean = std::accumulate(y.begin(), y.end(), 0.0) / static_cast<double>(y.size());
  double m2 = 0;
  for (double v : y) m2 += (v - mean) * (v - mean);
  return m2 / static_cast<double>(y.size());
}

// The binned estimate on the replications `rows` (with repeats, for the bootstrap).
double binned_index(const std::vector<double>& x, const std::vector<double>& y, std::vector<std::size_t> rows,
                    std::size_t bins) {
  const std::size_t n = rows.size();
  std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
  double total_mean = 0;
  for (std::size_t r : rows) total_mean += y[r];
  total_mean /= static_cast<double>(n);
  double total = 0, between = 0, within = 0;
  for (std::size_t r : rows) total += (y[r] - total_mean) * (y[r] - total_mean);
  for (std::size_t b = 0; b < bins; ++b) {
    const std::size_t first = b * n / bins, last = (b + 1) * n / bins;
    double mean = 0;
    for (std::size_t i = first; i < last; ++i) mean += y[rows[i]];
    mean /= static_cast<double>(last - first);
    between += static_cast<double>(last - first) * (mean - total_mean) * (mean - total_mean);
    for (std::size_t i = first; i < last; ++i) within += (y[rows[i]] - mean) * (y[rows[i]] - mean);
  }
  if (total <= 0) return 0;
  // E[between] = n Var(E[y|x]) + (bins - 1) sigma^2_within, with sigma^2_within ~ within / (n - bins).
  const double corrected = between - static_cast<double>(bins - 1) * within / static_cast<double>(n - bins);
  return corrected / total;
}

}  // namespace

std::size_t default_bins(std::size_t n) {
  return std::max<std::size_t>(2, static_cast<std::size_t>(std::lround(std::sqrt(static_cast<double>(n)))));
}

Estimate first_order_index(const std::vector<double>& x, const std::vector<double>& y, std::size_t bins) {
  if (x.size() != y.size() || bins < 2 || y.size() < 2 * bins)
    throw std::logic_error("first_order_index: needs as many x as y and at least two per bin");
  const std::size_t n = y.size();
  std::vector<std::size_t> rows(n);
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  Estimate out;
  out.value = binned_index(x, y, rows, bins);
  std::mt19937_64 rng(20251127);
  std::uniform_int_distribution<std::size_t> pick(0, n - 1);
  constexpr int kResamples = 200;
  double sum = 0, sum2 = 0;
  for (int b = 0; b < kResamples; ++b) {
    for (auto& r : rows) r = pick(rng);
    const double s = binned_index(x, y, rows, bins);
    sum += s, sum2 += s * s;
  }
  const double mean = sum / kResamples;
  out.standard_error = std::sqrt(std::max(0.0, sum2 / kResamples - mean * mean));
  return out;
}

VarianceSplit split_variance(const std::vector<double>& y, std::size_t k) {
  if (k < 2 || y.size() % k != 0 || y.size() < 2 * k)
    throw std::logic_error("split_variance: needs groups of k >= 2 and at least two groups");
  const std::size_t groups = y.size() / k;
  std::vector<double> means(groups);
  double within = 0;
  for (std::size_t g = 0; g < groups; ++g) {
    const std::vector<double> group(y.begin() + static_cast<std::ptrdiff_t>(g * k),
                                    y.begin() + static_cast<std::ptrdiff_t>((g + 1) * k));
    means[g] = std::accumulate(group.begin(), group.end(), 0.0) / static_cast<double>(k);
    within += variance(group) * static_cast<double>(k) / static_cast<double>(k - 1);  // unbiased
  }
  VarianceSplit out;
  out.total = variance(y);
  out.chance = within / static_cast<double>(groups);
  const double group_means = variance(means) * static_cast<double>(groups) / static_cast<double>(groups - 1);
  out.parameters = std::max(0.0, group_means - out.chance / static_cast<double>(k));
  return out;
}

}  // namespace ws::runner
