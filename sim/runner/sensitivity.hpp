#pragma once
// What drives a result: first-order sensitivity indices from given data (the per-replication parameter draws
// and outputs already in a results file, no extra runs), and the split of the variance into parameter
// uncertainty and chance when k replications share each draw.
#include <cstddef>
#include <vector>

namespace ws::runner {

struct Estimate {
  double value = 0;
  double standard_error = 0;
};

// S = Var(E[y | x]) / Var(y) by binned conditional means: the replications sorted by x and cut into `bins`
// bins of (nearly) equal size; the spread of the bin means, less its expected value when y does not depend on
// x ((bins - 1) / n of the within-bin variance), over the total variance. The standard error is by bootstrap
// (fixed seed: the same data give the same answer). Needs x.size() == y.size() >= 2 * bins.
Estimate first_order_index(const std::vector<double>& x, const std::vector<double>& y, std::size_t bins);

// The default number of bins for n replications: about sqrt(n), at least 2.
std::size_t default_bins(std::size_t n);

// With groups of k consecutive replications sharing a parameter draw: the share of Var(y) that comes from the
// parameters (the variance of the group means less the chance part / k) and from chance (the mean within-group
// variance). y.size() must be a multiple of k, k >= 2, at least two groups.
struct VarianceSplit {
  double total = 0, parameters = 0, chance = 0;  // variances; parameters + chance ~ total
};
VarianceSplit split_variance(const std::vector<double>& y, std::size_t k);

}  // namespace ws::runner
