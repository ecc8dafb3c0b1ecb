// The recorder's lookups against the searches they replaced.
#include "sim/model/recorder.hpp"

#include <catch2/catch.hpp>

#include "model_fixtures.hpp"
#include "sim/common/date.hpp"
#include "sim/model/compiled_model.hpp"

using namespace ws;
using namespace ws::model;

TEST_CASE("year_index from its table agrees with a search over the year starts", "[model]") {
  ScenarioSpec spec = test::tiny_spec(2025, 2030);
  spec.run.start = days_from_civil(2025, 7, 1);  // a part year first and last
  spec.run.end = days_from_civil(2030, 3, 1);
  spec.initial_cells = {test::young_cell("a", 1)};
  const CompiledModel m = compile_model(spec);
  RecorderBuffers buffers;
  const Recorder recorder(m, buffers);
  const auto searched = [&](double t) {
    int y = 0;
    while (y + 1 < static_cast<int>(m.years.size()) && t >= m.year_starts[static_cast<std::size_t>(y) + 1])
      ++y;
    return y;
  };
  int differ = 0;
  for (double t = m.start - 400; t <= m.end + 400; t += 0.375)
    differ += recorder.year_index(t) != searched(t);
  for (double ys : m.year_starts)
    for (double t : {ys - 1e-9, ys, ys + 1e-9}) differ += recorder.year_index(t) != searched(t);
  CHECK(differ == 0);
  CHECK(recorder.year_index(m.start - 1e6) == 0);
  CHECK(recorder.year_index(m.end + 1e6) == static_cast<int>(m.years.size()) - 1);
}
