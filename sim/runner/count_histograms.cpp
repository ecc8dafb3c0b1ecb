#include "sim/runner/count_histograms.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ws::runner {

CountHistograms::CountHistograms(std::size_t cells) : counts_(cells) {}

void CountHistograms::add(std::span<const double> values) {
  if (values.size() != counts_.size()) throw std::logic_error("CountHistograms: wrong number of cells");
  for (std::size_t c = 0; c < values.size(); ++c) {
    const double v = values[c];
    if (!(std::abs(v) <= std::numeric_limits<std::int32_t>::max()) || v != std::floor(v))
      throw std::logic_error("CountHistograms: a value that is not a whole number");
    const auto x = static_cast<std::int32_t>(v);
    auto& cell = counts_[c];
    const auto at = std::lower_bound(cell.begin(), cell.end(), x, [](const auto& entry, std::int32_t value) {
      return entry.first < value;
    });
    if (at != cell.end() && at->first == x)
      ++at->second;
    else
      cell.insert(at, {x, 1});
  }
  ++n_;
}

double CountHistograms::order_statistic(std::size_t cell, std::uint64_t k) const {
  std::uint64_t seen = 0;
  for (const auto& [value, count] : counts_[cell]) {
    seen += count;
    if (k < seen) return value;
  }
  throw std::logic_error("CountHistograms: order statistic past the end");
}

void CountHistograms::quantiles(std::size_t cell, std::span<const double> probabilities, double* out,
                                std::size_t stride) const {
  for (std::size_t q = 0; q < probabilities.size(); ++q) {
    const double h = probabilities[q] * static_cast<double>(n_ - 1);
    const auto lo = static_cast<std::uint64_t>(std::floor(h));
    const double below = order_statistic(cell, lo);
    if (lo + 1 >= n_) {
      out[q * stride] = below;
      continue;
    }
    const double above = order_statistic(cell, lo + 1);
    out[q * stride] = below + (h - static_cast<double>(lo)) * (above - below);
  }
}

}  // namespace ws::runner
