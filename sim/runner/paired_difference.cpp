#include "sim/runner/paired_difference.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sim/common/error.hpp"
#include "sim/output/results_schema.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/runner/yearly_values.hpp"

namespace ws::runner {

double student_t_quantile(double probability, double df) {
  // The normal quantile by Acklam's rational approximation (relative error < 1.2e-9) ...
  const double p = probability;
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                                 1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                                 6.680131188771972e+01, -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                                 -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                 3.754408661907416e+00};
  double z;
  if (p < 0.02425) {
    const double q = std::sqrt(-2 * std::log(p));
    z = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - 0.02425) {
    const double q = std::sqrt(-2 * std::log(1 - p));
    z = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    const double q = p - 0.5, r = q * q;
    z = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  // ... then exact forms for 1 and 2 degrees of freedom and the Cornish-Fisher expansion beyond (error < 1e-3
  // from 3 degrees of freedom on).
  if (df <= 1) return std::tan(std::numbers::pi * (p - 0.5));
  if (df <= 2) return (2 * p - 1) / std::sqrt(2 * p * (1 - p));
  const double z2 = z * z, n = df;
  return z + (z2 + 1) * z / (4 * n) + ((5 * z2 + 16) * z2 + 3) * z / (96 * n * n) +
         (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / (384 * n * n * n);
}

namespace {

// Welford accumulators of the paired differences, then the interval.
struct Accumulator {
  std::vector<double> mean, m2;
  void add(std::size_t n, const std::vector<double>& x) {
    if (mean.empty()) mean.assign(x.size(), 0.0), m2.assign(x.size(), 0.0);
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double delta = x[i] - mean[i];
      mean[i] += delta / static_cast<double>(n);
      m2[i] += delta * (x[i] - mean[i]);
    }
  }
};

}  // namespace

Comparison compare_scenarios(const output::ResultsReader& file, const std::string& baseline) {
  Comparison out;
  out.baseline = baseline;
  out.scenarios = file.strings("scenario");
  out.gemeenten = file.strings("gemeente");
  const auto years = file.numbers("year");
  for (double y : years) out.years.push_back(std::to_string(static_cast<int>(y)));
  const auto base_it = std::find(out.scenarios.begin(), out.scenarios.end(), baseline);
  if (base_it == out.scenarios.end())
    throw InputError(file.path().string() + ": --against: no scenario named '" + baseline +
                     "'; the file has " + [&] {
                       std::string s;
                       for (const auto& n : out.scenarios) s += (s.empty() ? "" : ", ") + n;
                       return s;
                     }());
  if (out.scenarios.size() < 2)
    throw InputError(file.path().string() +
                     ": holds one scenario only; expected a run of several scenarios "
                     "(werkstroom run baseline.toml pilot.toml)");
  const std::size_t base = static_cast<std::size_t>(base_it - out.scenarios.begin());
  const std::size_t S = out.scenarios.size(), R = file.dimension_size("replication");
  const std::size_t Y = years.size(), G = out.gemeenten.size();
  out.replications = R;
  if (R < 2) throw InputError(file.path().string() + ": a 95% interval needs at least 2 replications");

  const YearlyValues yearly(file);
  // What compare reads: the stock at year ends and the yearly variables, by the results schema's dims.
  struct Source {
    std::string name, variable, last_dim;
  };
  std::vector<Source> sources;
  // The headcount at year ends keeps the name compare has always given it: stock_year_end.
  for (const char* variable : {"headcount", "flow", "person_years", "money"}) {
    if (!file.has_variable(variable)) continue;
    const auto& info = output::schema::variable(variable);
    const bool year_end = info.dims.front() == "time";
    sources.push_back({year_end ? std::string("stock_year_end") : variable, variable, info.dims.back()});
  }

  for (const auto& src : sources) {
    const std::size_t K = file.dimension_size(src.last_dim);
    // Gemeente G (one past the last) is the whole area: its interval comes from the per-replication sums.
    const std::size_t cells = Y * (G + 1) * K;
    const auto load = [&](std::size_t s, std::size_t r) { return yearly.load(src.variable, s, r); };
    PairedDifference diff;
    diff.variable = src.name;
    diff.dims = {"scenario", "year", "gemeente", src.last_dim};
    diff.shape = {S, Y, G + 1, K};
    diff.units = file.variable_attribute(src.variable, "units");
    diff.comment = file.variable_attribute(src.variable, "comment");
    diff.mean.assign(S * cells, 0.0);
    diff.lower.assign(S * cells, 0.0);
    diff.upper.assign(S * cells, 0.0);
    const double t = student_t_quantile(0.975, static_cast<double>(R - 1));
    for (std::size_t s = 0; s < S; ++s) {
      if (s == base) continue;
      Accumulator acc;
      for (std::size_t r = 0; r < R; ++r) {
        std::vector<double> x = load(s, r);
        const std::vector<double> b = load(base, r);
        for (std::size_t i = 0; i < cells; ++i) x[i] -= b[i];
        acc.add(r + 1, x);
      }
      for (std::size_t i = 0; i < cells; ++i) {
        const double half = t * std::sqrt(acc.m2[i] / static_cast<double>(R - 1) / static_cast<double>(R));
        diff.mean[s * cells + i] = acc.mean[i];
        diff.lower[s * cells + i] = acc.mean[i] - half;
        diff.upper[s * cells + i] = acc.mean[i] + half;
      }
    }
    out.differences.push_back(std::move(diff));
  }
  return out;
}

void write_comparison(const std::string& path, const Comparison& comparison) {
  auto writer = output::ResultsWriter::amend(path);
  write_comparison(*writer, comparison);
  writer->commit();
}

void write_comparison(output::ResultsWriter& writer, const Comparison& comparison) {
  writer.set_attribute("compared_against", comparison.baseline);
  struct Part {
    const char* suffix;
    const char* what;
    std::vector<double> PairedDifference::*values;
  };
  static constexpr Part kParts[] = {{"_diff_mean", "mean", &PairedDifference::mean},
                                    {"_diff_lower", "lower 95% bound of the", &PairedDifference::lower},
                                    {"_diff_upper", "upper 95% bound of the", &PairedDifference::upper}};
  for (const auto& d : comparison.differences) {
    const std::size_t S = d.shape[0], Y = d.shape[1], G = d.shape[2] - 1, K = d.shape[3];
    for (const Part& part : kParts) {
      const std::string long_name = std::string(part.what) +
                                    " paired difference against the baseline (common random numbers) of " +
                                    d.variable;
      // Per gemeente (scenario, year, gemeente, last) and for the whole area (scenario, year, last).
      const std::string name = d.variable + part.suffix, region = d.variable + "_region" + part.suffix;
      output::Attributes attributes{{"baseline", comparison.baseline}};
      if (!d.comment.empty()) attributes.emplace_back("comment", d.comment);
      if (part.values == &PairedDifference::mean)
        attributes.emplace_back("cell_methods", "realization: mean");
      if (!writer.has_variable(name))
        writer.add_variable({name, d.dims, d.units, long_name, false, attributes});
      if (!writer.has_variable(region))
        writer.add_variable({region,
                             {d.dims[0], d.dims[1], d.dims[3]},
                             d.units,
                             long_name + ", whole area",
                             false,
                             attributes});
      const std::vector<double>& values = d.*part.values;
      for (std::size_t s = 0; s < S; ++s) {
        std::vector<double> per_gemeente, whole;
        for (std::size_t y = 0; y < Y; ++y)
          for (std::size_t g = 0; g <= G; ++g) {
            const auto first = values.begin() + static_cast<std::ptrdiff_t>(((s * Y + y) * (G + 1) + g) * K);
            (g < G ? per_gemeente : whole)
                .insert((g < G ? per_gemeente : whole).end(), first, first + static_cast<std::ptrdiff_t>(K));
          }
        const std::size_t leading[] = {s};
        writer.write(name, leading, per_gemeente);
        writer.write(region, leading, whole);
      }
    }
  }
}

}  // namespace ws::runner
