#include "sim/scenario/distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ws::scenario {

namespace {

using Kind = model::ParameterDistribution::Kind;
constexpr double kUnbounded = 1e300;  // ParameterDistribution's "no bound"

double plain_number(const Reader& r, const Node& table, const std::string& path, std::string_view key) {
  const Node& n = r.required(table, path, key);
  if (!n.is_number() || !std::isfinite(n.number))
    r.fail(n, join_path(path, key), std::string("expected a finite number, got ") + type_name(n.type));
  return n.number;
}

double optional_number(const Reader& r, const Node& table, const std::string& path, std::string_view key,
                       double fallback) {
  return table.find(key) ? plain_number(r, table, path, key) : fallback;
}

std::vector<double> number_list(const Reader& r, const Node& table, const std::string& path,
                                std::string_view key) {
  const std::string p = join_path(path, key);
  const Node& a = r.expect_array(r.required(table, path, key), p);
  std::vector<double> out;
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    if (!a.items[i].is_number() || !std::isfinite(a.items[i].number))
      r.fail(a.items[i], index_path(p, i), std::string("expected a finite number"));
    out.push_back(a.items[i].number);
  }
  return out;
}

}  // namespace

model::ParameterDistribution parse_distribution(const Reader& r, const Node& t, const std::string& path,
                                                const Bounds& bounds) {
  model::ParameterDistribution d;
  const std::string kind = r.string(*t.find("distribution"), join_path(path, "distribution"));
  auto bad = [&](const std::string& what) { r.fail(t, path, "distribution: expected " + what); };
  if (kind == "uniform") {
    r.check_keys(t, path, {"distribution", "min", "max"});
    d.kind = Kind::uniform;
    d.a = plain_number(r, t, path, "min");
    d.b = plain_number(r, t, path, "max");
    if (!(d.a < d.b)) bad("min < max");
  } else if (kind == "triangular") {
    r.check_keys(t, path, {"distribution", "min", "mode", "max"});
    d.kind = Kind::triangular;
    d.a = plain_number(r, t, path, "min");
    d.b = plain_number(r, t, path, "mode");
    d.c = plain_number(r, t, path, "max");
    if (!(d.a < d.c) || d.b < d.a || d.b > d.c) bad("min <= mode <= max and min < max");
  } else if (kind == "normal") {
    r.check_keys(t, path, {"distribution", "mean", "sd", "lower", "upper"});
    d.kind = Kind::normal;
    d.a = plain_number(r, t, path, "mean");
    d.b = plain_number(r, t, path, "sd");
    d.lower = optional_number(r, t, path, "lower", -kUnbounded);
    d.upper = optional_number(r, t, path, "upper", kUnbounded);
    if (!(d.b > 0)) bad("sd > 0");
    if (!(d.lower < d.upper)) bad("lower < upper");
  } else if (kind == "lognormal") {
    r.check_keys(t, path, {"distribution", "median", "sigma"});
    d.kind = Kind::lognormal;
    d.a = plain_number(r, t, path, "median");
    d.b = plain_number(r, t, path, "sigma");
    if (!(d.a > 0)) bad("median > 0");
    if (!(d.b > 0)) bad("sigma > 0");
  } else if (kind == "beta") {
    r.check_keys(t, path, {"distribution", "alpha", "beta", "lower", "upper"});
    d.kind = Kind::beta;
    d.a = plain_number(r, t, path, "alpha");
    d.b = plain_number(r, t, path, "beta");
    d.lower = optional_number(r, t, path, "lower", 0.0);
    d.upper = optional_number(r, t, path, "upper", 1.0);
    if (!(d.a > 0) || !(d.b > 0)) bad("alpha > 0 and beta > 0");
    if (!(d.lower < d.upper)) bad("lower < upper");
  } else if (kind == "choice") {
    r.check_keys(t, path, {"distribution", "values", "weights"});
    d.kind = Kind::choice;
    d.values = number_list(r, t, path, "values");
    if (d.values.empty()) bad("at least one value");
    if (t.find("weights")) {
      d.weights = number_list(r, t, path, "weights");
      if (d.weights.size() != d.values.size())
        bad("as many weights (" + std::to_string(d.weights.size()) + ") as values (" +
            std::to_string(d.values.size()) + ")");
      double total = 0;
      for (const double w : d.weights) {
        if (w < 0) bad("weights >= 0");
        total += w;
      }
      if (!(total > 0)) bad("weights with a positive sum");
    } else {
      d.weights.assign(d.values.size(), 1.0);
    }
  } else {
    r.fail(*t.find("distribution"), join_path(path, "distribution"),
           "expected one of uniform, triangular, normal, lognormal, beta, choice, got \"" + kind + "\"");
  }
  // An unbounded upper tail (a lognormal, a normal without `upper`) is cut at the key's plausible limit.
  if ((d.kind == Kind::lognormal || d.kind == Kind::normal) && d.upper >= kUnbounded &&
      std::isfinite(bounds.upper))
    d.upper = bounds.upper;
  const auto [low, high] = support(d);
  if (!bounds.contains(low) || !bounds.contains(high) || !bounds.contains(central_value(d)))
    r.fail(t, path,
           "distribution: every value it can draw must be " +
               bounds.describe_for(std::max(high, central_value(d))) +
               (d.kind == Kind::normal ? " (set lower/upper to truncate the normal)" : ""));
  return d;
}

double central_value(const model::ParameterDistribution& d) {
  switch (d.kind) {
    case Kind::uniform:
      return (d.a + d.b) / 2;
    case Kind::triangular:
      return d.b;
    case Kind::normal:
      return std::clamp(d.a, d.lower, d.upper);
    case Kind::lognormal:
      return d.a;
    case Kind::beta:
      return d.lower + (d.upper - d.lower) * d.a / (d.a + d.b);
    case Kind::choice: {
      std::size_t best = 0;
      for (std::size_t i = 1; i < d.values.size(); ++i)
        if (d.weights[i] > d.weights[best]) best = i;
      return d.values[best];
    }
  }
  return d.a;
}

std::pair<double, double> support(const model::ParameterDistribution& d) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  auto bound = [](double v) { return std::abs(v) >= kUnbounded ? (v < 0 ? -inf : inf) : v; };
  switch (d.kind) {
    case Kind::uniform:
      return {d.a, d.b};
    case Kind::triangular:
      return {d.a, d.c};
    case Kind::normal:
      return {bound(d.lower), bound(d.upper)};
    case Kind::lognormal:
      return {std::numeric_limits<double>::min(), bound(d.upper)};
    case Kind::beta:
      return {d.lower, d.upper};
    case Kind::choice: {
      const auto [lo, hi] = std::minmax_element(d.values.begin(), d.values.end());
      return {*lo, *hi};
    }
  }
  return {d.a, d.a};
}

}  // namespace ws::scenario
