// werkstroom trace SCENARIO --replication R (--person ID... | --sample N) [--csv FILE]: re-runs one replication
// exactly as `run` does (same seed, same drawn parameters) and shows the lives of the chosen persons: every
// event with its time, cause, state before and after and age, and at every redraw each competing risk's
// waiting time. Person IDs are the order of appearance: the initial population first, then arrivals.
#include <fmt/core.h>

#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <set>

#include "sim/common/date.hpp"
#include "sim/common/error.hpp"
#include "sim/model/replication.hpp"
#include "sim/runner/parameter_draws.hpp"
#include "sim/scenario/load.hpp"
#include "tools/cli/command.hpp"

namespace ws::cli {
namespace {

struct TraceArguments {
  std::string scenario;
  std::uint64_t replication = 0;
  std::vector<std::uint32_t> persons;
  std::size_t sample = 0;
  std::string csv;
};

// One line of a life: an event, or one risk of a redraw.
struct Row {
  std::uint32_t person;
  double now, age;
  std::string event, cause, before, after;
  double wait_days = std::nan("");
  bool chosen = false;
};

class Tracer : public model::ReplicationObserver {
 public:
  Tracer(const model::CompiledModel& m, std::set<std::uint32_t> chosen) : m_(m), chosen_(std::move(chosen)) {}
  bool follows(std::uint32_t person) const override { return chosen_.count(person) > 0; }
  void appeared(std::uint32_t id, const model::Person& p, double now, std::string_view how) override {
    add(id, p, now, "appeared", how, "", name(p.state));
    const auto& g = m_.spec->gemeenten[p.gemeente].name;
    people_[id] = fmt::format("{}, {}, {}, born {}", p.sex ? "woman" : "man", m_.spec->groups[p.group].name,
                              g, format_iso_date(static_cast<std::int64_t>(p.birth)));
  }
  void moved(std::uint32_t id, const model::Person& p, double now, int from,
             std::string_view cause) override {
    add(id, p, now, "moved", cause, name(from), name(p.state));
  }
  void redrawn(std::uint32_t id, const model::Person& p, double now, std::span<const model::RiskDraw> risks,
               std::string_view chosen) override {
    for (const auto& r : risks) {
      Row& row = add(id, p, now, "draw", r.cause, name(p.state), name(p.state));
      row.wait_days = r.wait_days;
      row.chosen = r.cause == chosen;
    }
  }
  void finished(std::uint32_t persons) override { persons_ = persons; }

  std::uint32_t persons() const { return persons_; }
  const std::vector<Row>& rows() const { return rows_; }
  const std::string& who(std::uint32_t id) const { return people_.at(id); }

 private:
  std::string name(int state) const { return m_.states[static_cast<std::size_t>(state)].name; }
  Row& add(std::uint32_t id, const model::Person& p, double now, const char* event, std::string_view cause,
           std::string before, std::string after) {
    return rows_.emplace_back(Row{id, now, (now - p.birth) / kDaysPerYear, event, std::string(cause),
                                  std::move(before), std::move(after)});
  }
  const model::CompiledModel& m_;
  std::set<std::uint32_t> chosen_;
  std::vector<Row> rows_;
  std::map<std::uint32_t, std::string> people_;
  std::uint32_t persons_ = 0;
};

void print_lives(const Tracer& t, const std::set<std::uint32_t>& chosen) {
  for (std::uint32_t id : chosen) {
    bool seen = false;
    for (const Row& r : t.rows()) {
      if (r.person != id) continue;
      if (!seen) std::cout << fmt::format("\nperson {} ({})\n", id, t.who(id));
      seen = true;
      const std::string when = format_iso_date(static_cast<std::int64_t>(std::floor(r.now)));
      if (r.event == "draw")
        std::cout << fmt::format("  {}  age {:5.2f}    risk {:<28} {:>12}{}\n", when, r.age, r.cause,
                                 std::isinf(r.wait_days) ? "after end" : fmt::format("{:.1f} d", r.wait_days),
                                 r.chosen ? "  <- next" : "");
      else
        std::cout << fmt::format("  {}  age {:5.2f}  {} {:<30} {} -> {}\n", when, r.age, r.event, r.cause,
                                 r.before.empty() ? "-" : r.before, r.after);
    }
    if (!seen) std::cout << fmt::format("\nperson {}: not in this replication\n", id);
  }
}

void write_csv(const Tracer& t, const std::string& path, double start) {
  std::ofstream out(path);
  if (!out) throw InputError(path + ": --csv: cannot write the file");
  out << "person,date,days_since_start,age_years,event,cause,state_before,state_after,wait_days,chosen\n";
  for (const Row& r : t.rows())
    out << fmt::format("{},{},{:.6f},{:.4f},{},{},{},{},{},{}\n", r.person,
                       format_iso_date(static_cast<std::int64_t>(std::floor(r.now))), r.now - start, r.age,
                       r.event, r.cause, r.before, r.after,
                       std::isnan(r.wait_days) ? "" : fmt::format("{:.6f}", r.wait_days), r.chosen ? 1 : 0);
  if (!out.flush()) throw InputError(path + ": --csv: cannot write the file");
}

int trace_command(const TraceArguments& args) {
  if (args.persons.empty() == (args.sample == 0))
    throw InputError("trace: expected either --person ID... or --sample N");
  const model::ScenarioSpec spec = scenario::load_scenario(args.scenario);
  const model::CompiledModel base = model::compile_model(spec);
  const runner::DrawnModel drawn = runner::draw_model(base, spec.run.seed, args.replication);
  std::set<std::uint32_t> chosen(args.persons.begin(), args.persons.end());
  if (args.sample > 0) {  // spread over everybody the replication has: a first pass counts them
    Tracer count(*drawn.model, {});
    model::simulate_replication(*drawn.model, spec.run.seed, args.replication, &count);
    for (std::size_t i = 0; i < args.sample && i < count.persons(); ++i)
      chosen.insert(static_cast<std::uint32_t>((2 * i + 1) * count.persons() / (2 * args.sample)));
  }
  Tracer tracer(*drawn.model, chosen);
  const model::Accounts a =
      model::simulate_replication(*drawn.model, spec.run.seed, args.replication, &tracer);
  std::cout << fmt::format("{} replication {} (seed {}): {} persons, {} events; persons at the end:",
                           spec.name, args.replication, spec.run.seed, tracer.persons(), a.events);
  for (int s = 0; s < a.states; ++s) {
    double sum = 0;
    for (int g = 0; g < a.gemeenten; ++g)
      sum += a.stock[model::Accounts::index3(a.times - 1, g, s, a.gemeenten, a.states)];
    std::cout << fmt::format(" {}={:.0f}", drawn.model->states[static_cast<std::size_t>(s)].name, sum);
  }
  std::cout << "\n";
  if (args.csv.empty())
    print_lives(tracer, chosen);
  else
    write_csv(tracer, args.csv, drawn.model->start);
  return 0;
}

Registration register_trace(CLI::App& app) {
  auto args = std::make_shared<TraceArguments>();
  CLI::App* sub = app.add_subcommand(
      "trace", "re-run one replication exactly and show chosen persons' lives, events and competing risks");
  sub->add_option("scenario", args->scenario, "scenario file (TOML)")->required();
  sub->add_option("--replication,-r", args->replication, "the replication to re-run (as in run)")->required();
  sub->add_option("--person", args->persons, "person IDs (order of appearance: initial population first)");
  sub->add_option("--sample", args->sample, "N persons spread over the replication's persons");
  sub->add_option("--csv", args->csv, "write the lives as CSV to this file instead of printing them");
  return {[args] { return trace_command(*args); }, sub};
}

const RegisterCommand registered(register_trace);

}  // namespace
}  // namespace ws::cli
