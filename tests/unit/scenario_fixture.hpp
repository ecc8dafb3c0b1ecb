#pragma once
// A small scenario in a fresh temporary folder, for tests that change one thing and look at the result.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "sim/common/error.hpp"
#include "sim/scenario/load.hpp"

namespace scenario_test {

inline std::filesystem::path repo_root() {
  if (const char* dir = std::getenv("WERKSTROOM_SOURCE_DIR")) return dir;
  return WERKSTROOM_SOURCE_DIR;
}

// Two gemeenten (B without the Participatiewet), states a (wsw module), b, c (capacity) with c_wacht, exits.
inline const char* kMiniToml = R"(
[scenario]
name = "mini"
start = 2025-01-01
end = 2030-01-01

[gemeenten]
file = "data/gemeenten.csv"

[groups.statushouder]
has_permit_date = true

[states.a]
module = "wsw"
[states.b]
module = "participatiewet"
[states.c]
kind = "capacity"
module = "participatiewet"
waiting_state = "c_wacht"
[states.c_wacht]
kind = "waiting"
module = "participatiewet"
[states.dood]
kind = "exit"
[states.weg]
kind = "exit"
[states.pensioen]
kind = "exit"

[transitions."a->weg"]
rate = 0.1
[transitions."b->c"]
rate = 0.2
by_age = { breaks = [30, 50], values = [1.5, 1.0, 0.5] }
[transitions."b->weg"]
rate = 0.05
[transitions."c->weg"]
rate = 0.05
[transitions."c_wacht->weg"]
rate = 0.05

[arrivals.inflow]
into = "b"
rate_unit = "per_1000_inhabitants"
rates = { 2025-01-01 = 2.0 }
age = { lower = [18], upper = [67], weight = [1] }

[capacities.c]
places = { 2025 = 10 }

[mortality]
gompertz_a = 1e-5
gompertz_b = 0.1
exit_state = "dood"

[aow]
file = "data/aow.csv"
exit_state = "pensioen"

[initial_population]
file = "data/initial.csv"
)";

class TempScenario {
 public:
  TempScenario() {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() / ("werkstroom-scenario-test-" + std::to_string(rd()));
    std::filesystem::create_directories(dir_ / "data");
    write("data/gemeenten.csv",
          "gemeente,inhabitants,wsw_at_werkzaak,participatiewet_at_werkzaak,source\n"
          "A,10000,true,true,test\n"
          "B,5000,true,false,test\n");
    write("data/aow.csv", "year,aow_age_years,aow_age_months,source\n2024,67,0,test\n2025,67,0,test\n");
    write("data/initial.csv",
          "gemeente,state,sex,age_lower,age_upper,group,count,duration_min,duration_max,source\n"
          "A,a,men,40,50,general,10,10,12,test\n"
          "B,a,women,40,50,general,5,10,12,test\n"
          "A,b,men,20,30,general,20,0,2,test\n");
    write("mini.toml", kMiniToml);
  }
  ~TempScenario() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TempScenario(const TempScenario&) = delete;
  TempScenario& operator=(const TempScenario&) = delete;

  std::filesystem::path path(const std::string& name) const { return dir_ / name; }
  void write(const std::string& name, const std::string& text) const {
    std::filesystem::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  // Writes child.toml = `extend = "mini.toml"` + text, and loads it.
  ws::model::ScenarioSpec load_child(const std::string& text) const {
    write("child.toml", "extend = \"mini.toml\"\n" + text);
    return ws::scenario::load_scenario(path("child.toml"));
  }
  // The message of the InputError that loading child.toml throws ("" when it loads).
  std::string error_of_child(const std::string& text) const {
    try {
      load_child(text);
    } catch (const ws::InputError& e) {
      return e.what();
    }
    return "";
  }
  std::string error_of(const std::string& file) const {
    try {
      ws::scenario::load_scenario(path(file));
    } catch (const ws::InputError& e) {
      return e.what();
    }
    return "";
  }

 private:
  std::filesystem::path dir_;
};

}  // namespace scenario_test
