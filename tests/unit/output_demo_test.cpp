// Hidden helpers for tests/output (run only when named by tag, never by a plain test run):
//  [.writefile] writes the demo results file that the Python checks read with xarray and ncdump;
//  [.killable]  writes a large file slowly so that a driver can SIGKILL it half-way (or a small one quickly).
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "sim/common/date.hpp"
#include "sim/output/results_writer.hpp"

using namespace ws::output;

namespace {

std::string required_env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) FAIL("set " << name << " to the results file to write");
  return value;
}

}  // namespace

// The demo file. tests/output/demo_values.py computes the same values; keep the two in step.
//   stock[s, r, t, g, st] = 10000 s + 1000 r + 10 t + g + st / 8   (float64; scenario 1, replication 2
//   unwritten) flow[s, r, y, g, tr]  = 100000 s + 10000 r + 1000 y + 10 g + tr  (int32)
TEST_CASE("write the demo results file", "[.writefile]") {
  const std::string path = required_env("WERKSTROOM_DEMO_FILE");
  const std::vector<std::string> scenarios{"baseline", "variant-ë"};
  const std::vector<std::int32_t> replications{0, 1, 2};
  std::vector<double> times;  // quarterly from 2025-01-01 to 2028-01-01
  const std::int64_t start = ws::days_from_civil(2025, 1, 1);
  for (int q = 0; q <= 12; ++q) times.push_back(static_cast<double>(ws::add_months(start, 3 * q) - start));
  const std::vector<std::int32_t> years{2025, 2026, 2027};
  const std::vector<std::string> gemeenten{"Buren", "Culemborg",   "Maasdriel",         "Neder-Betuwe",
                                           "Tiel",  "West Betuwe", "West Maas en Waal", "Zaltbommel"};
  const std::vector<std::string> states{"wsw", "beschut", "tussengroep", "bijstand", "regulier"};
  const std::vector<std::string> transitions{"in->wsw", "wsw->exit", "bijstand->beschut",
                                             "beschut->regulier"};

  ResultsWriter w(path);
  w.set_attribute("title", "werkstroom demo file for the results-file tests");
  w.set_attribute("history", "werkstroom_tests [.writefile]");
  w.set_attribute("seed", std::int64_t{42});
  w.set_attribute("scenario_baseline", "[run]\nhorizon = \"2028-01-01\"\n");
  w.add_dimension({"scenario", scenarios, {{"long_name", "scenario"}}});
  w.add_dimension({"replication", replications, {{"long_name", "replication"}}});
  w.add_dimension({"time",
                   times,
                   {{"units", "days since 2025-01-01"},
                    {"calendar", "proleptic_gregorian"},
                    {"long_name", "output date"}}});
  w.add_dimension({"year", years, {{"long_name", "calendar year"}}});
  w.add_dimension({"gemeente", gemeenten, {{"long_name", "gemeente"}}});
  w.add_dimension({"state", states, {{"long_name", "state"}}});
  w.add_dimension({"transition", transitions, {{"long_name", "transition from->to"}}});
  w.add_variable({"stock",
                  {"scenario", "replication", "time", "gemeente", "state"},
                  "persons",
                  "persons in each state at each output time",
                  false,
                  {}});
  w.add_variable({"flow",
                  {"scenario", "replication", "year", "gemeente", "transition"},
                  "persons/year",
                  "moves per calendar year",
                  true,
                  {{"description", "arrivals as in->state, exits as state->exit"}}});

  for (std::size_t s = 0; s < scenarios.size(); ++s)
    for (std::size_t r = 0; r < replications.size(); ++r) {
      const std::size_t leading[] = {s, r};
      if (!(s == 1 && r == 2)) {
        std::vector<double> stock;
        for (std::size_t t = 0; t < times.size(); ++t)
          for (std::size_t g = 0; g < gemeenten.size(); ++g)
            for (std::size_t st = 0; st < states.size(); ++st)
              stock.push_back(10000.0 * static_cast<double>(s) + 1000.0 * static_cast<double>(r) +
                              10.0 * static_cast<double>(t) + static_cast<double>(g) +
                              static_cast<double>(st) / 8);
        w.write("stock", leading, stock);
      }
      std::vector<std::int32_t> flow;
      for (std::size_t y = 0; y < years.size(); ++y)
        for (std::size_t g = 0; g < gemeenten.size(); ++g)
          for (std::size_t tr = 0; tr < transitions.size(); ++tr)
            flow.push_back(static_cast<std::int32_t>(100000 * s + 10000 * r + 1000 * y + 10 * g + tr));
      w.write("flow", leading, flow);
    }
  w.commit();
}

// WERKSTROOM_KILL_MODE=slow: 4000 replications of 32 KiB of poorly compressible values with a pause after
// each, so the file grows for about a minute unless killed. quick: a small file, committed at once.
TEST_CASE("write a results file slowly so that it can be killed", "[.killable]") {
  const std::string path = required_env("WERKSTROOM_KILL_FINAL");
  const char* mode_env = std::getenv("WERKSTROOM_KILL_MODE");
  const bool slow = !(mode_env && std::string(mode_env) == "quick");
  const std::size_t replications = slow ? 4000 : 2, times = 200, states = 20;

  ResultsWriter w(path);
  w.set_attribute("title", slow ? "killable slow writer" : "quick writer");
  std::vector<std::int32_t> reps(replications);
  for (std::size_t r = 0; r < replications; ++r) reps[r] = static_cast<std::int32_t>(r);
  w.add_dimension({"replication", reps, {}});
  std::vector<double> time_values(times);
  for (std::size_t t = 0; t < times; ++t) time_values[t] = static_cast<double>(t);
  w.add_dimension({"time", time_values, {{"units", "days since 2025-01-01"}}});
  w.add_dimension({"state", std::vector<std::string>(states, "s"), {}});
  w.add_variable({"stock", {"replication", "time", "state"}, "persons", "stock", false, {}});
  std::uint64_t x = 88172645463325252ULL;  // xorshift: values that deflate cannot shrink much
  std::vector<double> slab(times * states);
  for (std::size_t r = 0; r < replications; ++r) {
    for (double& v : slab) {
      x ^= x << 13;
      x ^= x >> 7;
      x ^= x << 17;
      v = static_cast<double>(x >> 11);
    }
    const std::size_t leading[] = {r};
    w.write("stock", leading, slab);
    if (slow) std::this_thread::sleep_for(std::chrono::milliseconds(15));
  }
  w.commit();
}
