#pragma once
// The Kolmogorov-Smirnov check shared by the statistical tests. The critical value 1.95/sqrt(n) is the
// alpha = 0.001 level: with some twenty KS checks in the suite a false alarm stays below 2%.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <vector>

namespace ws::test {

inline double ks_statistic(std::vector<double> x, const std::function<double(double)>& cdf) {
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double d = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double f = cdf(x[i]);
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

inline void check_ks(const std::vector<double>& x, const std::function<double(double)>& cdf) {
  const double d = ks_statistic(x, cdf), critical = 1.95 / std::sqrt(static_cast<double>(x.size()));
  INFO("KS D = " << d << ", critical " << critical << ", n " << x.size());
  CHECK(d < critical);
}

}  // namespace ws::test
