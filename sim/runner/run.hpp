#pragma once
// A run: every replication of every scenario, simulated in parallel (oneTBB), written in order by one writer,
// summarised, and committed atomically to one results file. Replication r of every scenario uses the streams
// keyed by (seed, r, purpose): common random numbers wherever the scenarios agree.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/model/spec.hpp"
#include "sim/runner/progress.hpp"
#include "sim/runner/results_layout.hpp"
#include "sim/runner/summary_store.hpp"

namespace ws::runner {

struct RunOptions {
  std::size_t replications = 10;  // in this file: replications first_replication ... + replications - 1
  std::size_t first_replication = 0;
  // Per-replication data for the first keep_replications only; the summaries cover all replications.
  std::optional<std::size_t> keep_replications;
  // k replications share each parameter draw: replication r draws with index r / k (variance into parameter
  // uncertainty and chance); 1: every replication its own draw.
  std::size_t replications_per_draw = 1;
  std::uint64_t seed = 1;
  std::optional<int> threads;  // default: all hardware threads
  std::filesystem::path out;
  Progress::Mode progress = Progress::Mode::automatic;
  std::string command_line;  // for the file's history attribute
  // Persons per replication whose lives go into the file (sim/runner/microdata.hpp).
  std::size_t microdata = 0;
};

struct RunReport {
  std::filesystem::path file;
  ResultsLayout layout;
  std::vector<std::vector<double>> stock_mean;  // [scenario][time][gemeente][state]
  // The whole area, from headcount_region (the per-replication sums): mean and the 5% and 95% quantiles.
  std::vector<std::vector<double>> region_mean;        // [scenario][time][state]
  std::vector<std::vector<double>> region_low;         // 5% quantile, same shape
  std::vector<std::vector<double>> region_high;        // 95% quantile
  std::vector<std::vector<double>> flow_mean;          // [scenario][year][gemeente][transition]
  std::vector<std::vector<double>> stock_region_mean;  // [scenario][year end][state][age band][sex]
  std::vector<std::vector<double>> labour_years_mean;  // [scenario][year], the whole area
  // Mean over replications of mean_age_region (NaN where no replication has anybody): [scenario][year end][state]
  std::vector<std::vector<double>> mean_age_region_mean;
  std::uint64_t events = 0;
  double seconds = 0;         // wall time of the whole run
  double write_seconds = 0;   // time spent in the writer thread (HDF5 and summaries)
  double define_seconds = 0;  // wall time creating the results file and defining its variables
};

// Keeps from a summary what the command line prints (stock mean and 5 % / 95 % quantiles, flow mean).
void remember_summary(RunReport& report, const std::string& variable, std::size_t scenario,
                      SummaryStore::Summary& summary);

// The run's layout and the fingerprint its files carry (sim/runner/fingerprint.hpp), without running it.
ResultsLayout run_layout(const std::vector<model::ScenarioSpec>& specs,
                         const std::vector<std::string>& scenario_files);
std::string run_fingerprint(const std::vector<model::ScenarioSpec>& specs,
                            const std::vector<std::string>& scenario_files, std::uint64_t seed);

// specs[i] came from scenario_files[i]. Throws ws::InputError for scenarios that cannot share a file,
// ws::Interrupted when stopped by a signal (no file is left), std::logic_error on a broken invariant.
RunReport run_scenarios(const std::vector<model::ScenarioSpec>& specs,
                        const std::vector<std::string>& scenario_files, const RunOptions& options);

}  // namespace ws::runner
