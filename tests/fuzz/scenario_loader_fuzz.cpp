// A libFuzzer target over the scenario loader: any input must load (and pass the run's memory check and the
// model's compilation) or fail with ws::InputError. Any other exception, a crash, a sanitizer report or a
// hang is a defect. The input is written as fuzz.toml into a folder where "scenarios" links to the project's
// scenarios, so inputs can `extend = "scenarios/baseline.toml"`.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/common/error.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/runner/run_estimate.hpp"
#include "sim/scenario/load.hpp"

namespace {

std::filesystem::path fuzz_folder() {
  const std::filesystem::path folder =
      std::filesystem::temp_directory_path() / ("werkstroom-fuzz-" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  std::error_code ec;
  std::filesystem::create_directory_symlink(std::filesystem::path(WERKSTROOM_SOURCE_DIR) / "scenarios",
                                            folder / "scenarios", ec);
  return folder;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path folder = fuzz_folder();
  const std::filesystem::path file = folder / "fuzz.toml";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  try {
    const ws::model::ScenarioSpec spec = ws::scenario::load_scenario(file);
    ws::runner::check_run_fits(ws::runner::estimate_run({spec}, 1), {file.string()}, 8e9);
    ws::model::compile_model(spec);
  } catch (const ws::InputError&) {
    // Bad input, reported as such: what the loader must do.
  }
  return 0;
}
