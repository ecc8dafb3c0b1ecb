// Waiting-time samplers against analytic survival curves. KS statistics must stay below 1.95/sqrt(n), the
// asymptotic critical value at alpha = 0.001; proportions must lie within 5 binomial standard errors. Seeds
// are fixed, so the tests are deterministic; the bounds say how far off a correct sampler could plausibly be.
#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <span>
#include <vector>

#include "ks_test_support.hpp"
#include "sim/engine/hazard.hpp"
#include "sim/engine/random.hpp"

using namespace ws::engine;

using ws::test::check_ks;
using ws::test::ks_statistic;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr std::size_t kN = 100'000;

void check_proportion(double observed_count, double n, double p) {
  INFO("observed " << observed_count / n << " expected " << p);
  CHECK(std::fabs(observed_count / n - p) < 5 * std::sqrt(p * (1 - p) / n));
}

// The two-clock example. Clock A (say age) starts at 30 with breaks at 35 and 50; clock B (say duration)
// starts at 2 with breaks at 3 and 10. In elapsed time the pieces are therefore [0,1) A0B0, [1,5) A0B1, [5,8)
// A1B1, [8,20) A1B2 and [20,inf) A2B2. Combinations that never occur get a hazard of 99, which would show at
// once.
const std::array<double, 2> kBreaksA{35, 50};
const std::array<double, 2> kBreaksB{3, 10};
const std::array<ClockPieces, 2> kClocks{ClockPieces{30, kBreaksA}, ClockPieces{2, kBreaksB}};
double two_clock_rate(std::span<const int> piece) {
  static const double table[3][3] = {{0.05, 0.2, 99}, {99, 0.0, 0.1}, {99, 99, 0.03}};
  return table[piece[0]][piece[1]];
}
// The integrated hazard written out by hand from the same table, independently of the sampler's walk.
double two_clock_cumulative_hazard(double t) {
  struct Piece {
    double from, to, rate;
  };
  const Piece pieces[] = {{0, 1, 0.05}, {1, 5, 0.2}, {5, 8, 0.0}, {8, 20, 0.1}, {20, kInf, 0.03}};
  double h = 0;
  for (const auto& p : pieces)
    if (t > p.from) h += p.rate * (std::min(t, p.to) - p.from);
  return h;
}

}  // namespace

TEST_CASE("piece_of numbers the pieces between breaks", "[engine][hazard]") {
  const std::array<double, 3> breaks{1, 2, 5};
  CHECK(piece_of(0.5, breaks) == 0);
  CHECK(piece_of(1.0, breaks) == 1);  // a break belongs to the piece it starts
  CHECK(piece_of(4.9, breaks) == 2);
  CHECK(piece_of(5.0, breaks) == 3);
  CHECK(piece_of(1e9, breaks) == 3);
  CHECK(piece_of(7, std::span<const double>{}) == 0);
}

TEST_CASE("Piecewise sampler with no clocks is the exponential", "[engine][hazard]") {
  RandomStream rng(1, 0, purpose_id("test.hazard.exp"));
  const double rate = 0.7;
  std::vector<double> x(kN);
  for (auto& v : x)
    v = sample_piecewise_waiting_time(
        rng.exponential(), std::span<const ClockPieces>{}, [&](std::span<const int>) { return rate; }, kInf);
  check_ks(x, [&](double t) { return -std::expm1(-rate * t); });
}

TEST_CASE("Piecewise sampler walks the pieces exactly (deterministic exponentials)", "[engine][hazard]") {
  auto at = [](double e, double max_wait = kInf) {
    return sample_piecewise_waiting_time(e, kClocks, two_clock_rate, max_wait);
  };
  CHECK(at(0) == 0);
  CHECK(at(0.025) == Approx(0.5));
  CHECK(at(0.05) == Approx(1.0));
  CHECK(at(0.05 + 0.4) == Approx(3.0));
  CHECK(at(0.85 + 0.5) == Approx(13.0));  // crosses the zero-hazard piece [5, 8)
  CHECK(at(0.85 + 1.2 + 0.3) == Approx(30.0));
  CHECK(at(0.85 + 0.5, 12.0) == kInf);  // would happen at 13
  CHECK(at(0.85 + 0.5, 13.0) == Approx(13.0));
  // Starting exactly on a break puts the clock in the next piece: hazard 0 from t = 0 to 3, then 0.1.
  const std::array<ClockPieces, 2> on_break{ClockPieces{35, kBreaksA}, ClockPieces{7, kBreaksB}};
  CHECK(sample_piecewise_waiting_time(0.2, on_break, two_clock_rate, kInf) == Approx(5.0));
  // Zero hazard for ever never happens.
  CHECK(sample_piecewise_waiting_time(
            0.1, kClocks, [](std::span<const int>) { return 0.0; }, kInf) == kInf);
  CHECK_THROWS_AS(sample_piecewise_waiting_time(
                      0.1, kClocks, [](std::span<const int>) { return -1.0; }, kInf),
                  std::invalid_argument);
}

TEST_CASE("Piecewise sampler in two clocks matches the analytic survival curve", "[engine][hazard]") {
  RandomStream rng(2, 0, purpose_id("test.hazard.two_clocks"));
  std::vector<double> x(kN);
  for (auto& v : x) v = sample_piecewise_waiting_time(rng.exponential(), kClocks, two_clock_rate, kInf);
  // None may fall inside the zero-hazard piece (5, 8).
  CHECK(std::none_of(x.begin(), x.end(), [](double t) { return t > 5 && t < 8; }));
  check_ks(x, [](double t) { return -std::expm1(-two_clock_cumulative_hazard(t)); });
}

TEST_CASE("Piecewise sampler with a horizon: P(no event) = S(max_wait), the rest conditional",
          "[engine][hazard]") {
  RandomStream rng(3, 0, purpose_id("test.hazard.horizon"));
  const double max_wait = 12;
  std::vector<double> finite;
  double never = 0;
  for (std::size_t i = 0; i < kN; ++i) {
    const double t = sample_piecewise_waiting_time(rng.exponential(), kClocks, two_clock_rate, max_wait);
    if (t == kInf)
      never += 1;
    else
      finite.push_back(t);
  }
  const double survival = std::exp(-two_clock_cumulative_hazard(max_wait));
  check_proportion(never, kN, survival);
  CHECK(*std::max_element(finite.begin(), finite.end()) <= max_wait);
  check_ks(finite, [&](double t) { return -std::expm1(-two_clock_cumulative_hazard(t)) / (1 - survival); });
}

TEST_CASE("Gompertz waiting times match the analytic survival curve", "[engine][hazard]") {
  SECTION("b > 0: always happens") {
    const double a = 0.0005, b = 0.09, age = 40;
    RandomStream rng(4, 0, purpose_id("test.gompertz"));
    std::vector<double> x(kN);
    for (auto& v : x) v = gompertz_waiting_time(rng.exponential(), a, b, age);
    check_ks(x, [&](double t) { return -std::expm1(-(a / b) * std::exp(b * age) * std::expm1(b * t)); });
  }
  SECTION("b < 0: a finite total hazard, so sometimes never") {
    const double a = 0.5, b = -0.3, age = 2;
    const double total = (a / -b) * std::exp(b * age);
    RandomStream rng(5, 0, purpose_id("test.gompertz.negative"));
    std::vector<double> finite;
    double never = 0;
    for (std::size_t i = 0; i < kN; ++i) {
      const double t = gompertz_waiting_time(rng.exponential(), a, b, age);
      if (t == kInf)
        never += 1;
      else
        finite.push_back(t);
    }
    check_proportion(never, kN, std::exp(-total));
    check_ks(finite, [&](double t) {
      return -std::expm1(-(a / b) * std::exp(b * age) * std::expm1(b * t)) / -std::expm1(-total);
    });
  }
  SECTION("degenerate cases") {
    CHECK(gompertz_waiting_time(1.5, 0.5, 0.0, 30) == Approx(3.0));
    CHECK(gompertz_waiting_time(1.5, 0.0, 0.1, 30) == kInf);
    CHECK(gompertz_waiting_time(0.0, 0.2, 0.1, 30) == 0);
    CHECK_THROWS_AS(gompertz_waiting_time(1.0, -0.1, 0.1, 30), std::invalid_argument);
    // Inverse of the integrated hazard: H(t) at the returned t gives back the exponential.
    const double a = 0.002, b = 0.08, age = 55, e = 0.7;
    const double t = gompertz_waiting_time(e, a, b, age);
    CHECK((a / b) * std::exp(b * age) * std::expm1(b * t) == Approx(e).epsilon(1e-12));
  }
}

TEST_CASE("earliest_of picks the first cause to happen, ties to the lowest index", "[engine][hazard]") {
  const std::array<double, 4> times{3.0, 1.0, 1.0, kInf};
  const auto d = earliest_of(4, [&](int i) { return times[static_cast<std::size_t>(i)]; });
  CHECK(d.time == 1.0);
  CHECK(d.cause == 1);
  const auto none = earliest_of(2, [](int) { return kInf; });
  CHECK(none.time == kInf);
  CHECK(none.cause == -1);

  // Two exponential causes with rates 1 and 3: the first is Exp(4) and is cause 1 with probability 3/4.
  RandomStream rng(6, 0, purpose_id("test.competing"));
  const double rates[] = {1.0, 3.0};
  std::vector<double> first(kN);
  double cause1 = 0;
  for (auto& v : first) {
    const auto draw = earliest_of(2, [&](int i) { return rng.exponential(rates[i]); });
    v = draw.time;
    cause1 += draw.cause == 1;
  }
  check_proportion(cause1, kN, 0.75);
  check_ks(first, [](double t) { return -std::expm1(-4 * t); });
}

TEST_CASE("a tail bound stops the walk early and changes no waiting time", "[engine][hazard]") {
  // The largest hazard from each piece of the two-clock example on, in the order the walk meets them.
  const auto tail = [](std::span<const int> piece) {
    static const double from_here[3][3] = {{0.2, 0.2, 0}, {0, 0.1, 0.1}, {0, 0, 0.03}};
    return from_here[piece[0]][piece[1]];
  };
  RandomStream rng(5, 0, purpose_id("test.hazard.tail"));
  for (const double max_wait : {0.5, 3.0, 12.0, 25.0, kInf})
    for (int i = 0; i < 20000; ++i) {
      const double e = 4 * rng.exponential();  // many waits past max_wait, where the bound has work to do
      const double plain = sample_piecewise_waiting_time(e, kClocks, two_clock_rate, max_wait);
      const double bounded = sample_piecewise_waiting_time(e, kClocks, two_clock_rate, max_wait, tail);
      INFO("e " << e << " max_wait " << max_wait);
      REQUIRE(bounded == plain);  // inf == inf too
    }
  // Far more to use up than 0.2 a year can give in 25 years: no piece is walked at all.
  int rates_asked = 0;
  const auto counted_rate = [&](std::span<const int> piece) {
    ++rates_asked;
    return two_clock_rate(piece);
  };
  CHECK(sample_piecewise_waiting_time(100.0, kClocks, counted_rate, 25.0) == kInf);
  CHECK(rates_asked == 5);
  rates_asked = 0;
  CHECK(sample_piecewise_waiting_time(100.0, kClocks, counted_rate, 25.0, tail) == kInf);
  CHECK(rates_asked == 0);
}
