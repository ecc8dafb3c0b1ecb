// First-order indices and the variance split on data with a known analytic answer.
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "sim/runner/sensitivity.hpp"

using ws::runner::default_bins;
using ws::runner::first_order_index;
using ws::runner::split_variance;

TEST_CASE("first-order indices of y = 2 x1 + x2 + noise match the analytic split", "[runner][sensitivity]") {
  // x1, x2 uniform(0, 1) and noise normal with variance 1/12: Var(y) = (4 + 1 + 1) / 12, so S1 = 2/3, S2 = 1/6.
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0, 1);
  std::normal_distribution<double> noise(0, std::sqrt(1.0 / 12));
  const std::size_t n = 4000;
  std::vector<double> x1(n), x2(n), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x1[i] = u(rng), x2[i] = u(rng);
    y[i] = 2 * x1[i] + x2[i] + noise(rng);
  }
  const auto s1 = first_order_index(x1, y, default_bins(n));
  const auto s2 = first_order_index(x2, y, default_bins(n));
  // Binning keeps 1 - 1/bins^2 of a linear effect (63 bins: 99.97%); the tolerance is 4 standard errors.
  CHECK(std::abs(s1.value - 2.0 / 3) < 4 * s1.standard_error + 0.005);
  CHECK(std::abs(s2.value - 1.0 / 6) < 4 * s2.standard_error + 0.005);
  CHECK(s1.standard_error > 0);
  CHECK(s1.standard_error < 0.03);
  // An input y does not depend on: about zero (the bias correction removes the spread of the bin means).
  std::vector<double> unrelated(n);
  for (auto& v : unrelated) v = u(rng);
  const auto s0 = first_order_index(unrelated, y, default_bins(n));
  CHECK(std::abs(s0.value) < 4 * s0.standard_error + 0.005);
}

TEST_CASE("split_variance separates parameter draws from chance", "[runner][sensitivity]") {
  // Groups of k share theta ~ N(0, 4); within a group y = theta + N(0, 1): parameters 4, chance 1.
  std::mt19937_64 rng(11);
  std::normal_distribution<double> theta(0, 2), chance(0, 1);
  const std::size_t k = 5, groups = 4000;
  std::vector<double> y;
  for (std::size_t g = 0; g < groups; ++g) {
    const double t = theta(rng);
    for (std::size_t i = 0; i < k; ++i) y.push_back(t + chance(rng));
  }
  const auto split = split_variance(y, k);
  // Standard errors: Var of a sample variance ~ 2 sigma^4 / df; 4 of them.
  CHECK(std::abs(split.chance - 1.0) < 4 * std::sqrt(2.0 / (groups * (k - 1))));
  CHECK(std::abs(split.parameters - 4.0) < 4 * std::sqrt(2.0 * 4.2 * 4.2 / groups));
  CHECK(std::abs(split.total - 5.0) < 0.3);
}
