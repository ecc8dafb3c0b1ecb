#include "sim/runner/run.hpp"

#include <malloc.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <memory>

#include "sim/common/error.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/model/replication.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/runner/interrupt.hpp"
#include "sim/runner/parameter_draws.hpp"
#include "sim/runner/run_estimate.hpp"
#include "sim/runner/summary_store.hpp"
#include "werkstroom/version.hpp"

namespace ws::runner {
namespace {

using Clock = std::chrono::steady_clock;

struct Job {
  std::size_t scenario = 0;
  std::size_t replication = 0;
};

// A simulated replication as the writer needs it: one slab per variable, [variable][cell].
struct Finished {
  Job job;
  std::uint64_t events = 0;
  std::vector<std::vector<double>> slabs;
};

// Consecutive replications of one variable and scenario that make one chunk along the replication axis;
// encoded on a worker thread, then stored as they are by the writer.
struct Batch {
  std::size_t variable = 0, scenario = 0, first = 0, rows = 0;
  std::vector<double> values;  // [row][cell]
  std::vector<output::EncodedChunk> chunks;
};
using Batches = std::vector<Batch>;

void encode(Batch& batch, const output::ChunkLayout& layout) {
  const std::size_t leading[] = {batch.scenario, batch.first};
  if (layout.integer) {
    // Counts of persons: int32 compresses better and faster than float64.
    std::vector<std::int32_t> counts(batch.values.size());
    std::transform(batch.values.begin(), batch.values.end(), counts.begin(),
                   [](double v) { return static_cast<std::int32_t>(std::lround(v)); });
    batch.chunks = output::encode_chunks(layout, leading, batch.rows, counts);
  } else {
    batch.chunks = output::encode_chunks(layout, leading, batch.rows, batch.values);
  }
  batch.values = {};
}

std::string now_iso() {
  const std::time_t t = std::time(nullptr);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buffer;
}

void set_provenance(output::ResultsWriter& writer, const std::vector<model::ScenarioSpec>& specs,
                    const RunOptions& options) {
  writer.set_attribute("Conventions", "CF-1.8");
  writer.set_attribute(
      "comment",
      "CF-1.8 except that the name dimensions (scenario, gemeente, state, transition, ...) have "
      "string-valued coordinate variables, so that xarray selects by name, and the year "
      "dimension has no time bounds (yearly counts cover 1 January to 1 January); every units "
      "attribute parses with UDUNITS-2");
  writer.set_attribute("title",
                       "werkstroom results: " + specs.front().name +
                           (specs.size() > 1 ? " and " + std::to_string(specs.size() - 1) + " more" : ""));
  writer.set_attribute("source", std::string("werkstroom ") + kVersion + " (git " + kGitCommit + ", " +
                                     kGitTreeState + " tree)");
  writer.set_attribute("git_commit", kGitCommit);
  writer.set_attribute("git_tree_state", kGitTreeState);
  writer.set_attribute("history", now_iso() + " " + options.command_line);
  writer.set_attribute("seed", options.seed);
  writer.set_attribute("replications", static_cast<std::int64_t>(options.replications));
  writer.set_attribute("replications_per_draw", static_cast<std::int64_t>(options.replications_per_draw));
  writer.set_attribute("institution", "Werkzaak Rivierenland");
  // Every file the scenarios were read from, once, so that the results file alone says how to reproduce it.
  std::vector<std::string> seen;
  for (const auto& spec : specs)
    for (const auto& [path, text] : spec.sources) {
      if (std::find(seen.begin(), seen.end(), path) != seen.end()) continue;
      const std::string key = "input_file_" + std::to_string(seen.size());
      writer.set_attribute(key + "_path", path);
      writer.set_attribute(key + "_text", text);
      seen.push_back(path);
    }
  writer.set_attribute("input_files", static_cast<std::int64_t>(seen.size()));
}

}  // namespace

RunReport run_scenarios(const std::vector<model::ScenarioSpec>& specs,
                        const std::vector<std::string>& scenario_files, const RunOptions& options) {
  const auto started = Clock::now();
  // Every replication allocates and frees the same large arrays: keep them in the heap instead of fresh mmap
  // pages each time (page faults and zeroing were several percent of the run time).
  ::mallopt(M_MMAP_THRESHOLD, 256 << 20);
  ::mallopt(M_TRIM_THRESHOLD, 512 << 20);
  if (options.replications == 0) throw InputError("--replications: expected a positive number");
  if (options.replications_per_draw == 0)
    throw InputError("--replications-per-draw: expected a positive number");
  InterruptGuard interrupt;
  std::optional<tbb::global_control> threads;
  if (options.threads) threads.emplace(tbb::global_control::max_allowed_parallelism, *options.threads);
  const std::size_t workers = options.threads ? static_cast<std::size_t>(*options.threads)
                                              : static_cast<std::size_t>(tbb::info::default_concurrency());
  check_run_fits(estimate_run(specs, std::min(workers, specs.size() * options.replications)), scenario_files,
                 available_memory_bytes());

  // Every scenario is compiled once; a replication with drawn parameters works on its own copy of the tables.
  std::vector<model::CompiledModel> fixed;
  for (const auto& spec : specs) fixed.push_back(model::compile_model(spec));
  std::vector<const model::CompiledModel*> models;
  for (const auto& m : fixed) models.push_back(&m);

  RunReport report;
  report.layout = make_layout(models, scenario_files);
  const ResultsLayout& layout = report.layout;
  const std::size_t S = specs.size(), R = options.replications;

  throw_if_interrupted();
  output::ResultsWriter writer(options.out);
  set_provenance(writer, specs, options);
  define_results(writer, layout, R);
  std::vector<std::unique_ptr<SummaryStore>> stores(layout.variables.size());
  for (std::size_t v = 0; v < layout.variables.size(); ++v)
    if (layout.variables[v].summarised)
      stores[v] = std::make_unique<SummaryStore>(S, R, layout.variables[v].cells());

  Progress progress(S * R, options.progress);
  std::size_t next = 0;
  double write_seconds = 0;
  const int tokens =
      2 * static_cast<int>(options.threads ? *options.threads : tbb::info::default_concurrency());
  // Variables without cells are not chunked and have nothing to write. Axis 1 is the replication
  // (LayoutVariable): chunk[1] replications make one chunk.
  std::vector<output::ChunkLayout> chunks(layout.variables.size());
  for (std::size_t v = 0; v < layout.variables.size(); ++v)
    if (layout.variables[v].cells() > 0) chunks[v] = writer.chunk_layout(layout.variables[v].spec.name);
  Batches open(layout.variables.size());  // rows collected towards each variable's next chunk
  tbb::parallel_pipeline(
      static_cast<std::size_t>(tokens),
      tbb::make_filter<void, Job>(tbb::filter_mode::serial_in_order,
                                  [&](tbb::flow_control& flow) -> Job {
                                    if (next == S * R || InterruptGuard::interrupted()) {
                                      flow.stop();
                                      return {};
                                    }
                                    const Job job{next / R, next % R};
                                    ++next;
                                    return job;
                                  }) &
          tbb::make_filter<Job, std::shared_ptr<Finished>>(
              tbb::filter_mode::parallel,
              [&](Job job) {
                DrawnModel drawn = draw_model(fixed[job.scenario], options.seed,
                                              job.replication / options.replications_per_draw);
                const model::Accounts accounts =
                    model::simulate_replication(*drawn.model, options.seed, job.replication);
                auto done = std::make_shared<Finished>();
                done->job = job;
                done->events = accounts.events;
                for (const LayoutVariable& var : layout.variables) {
                  std::vector<double>& slab = done->slabs.emplace_back(var.cells(), var.fill);
                  var.scatter(job.scenario, accounts, drawn.values, slab);
                }
                return done;
              }) &
          // In replication order: the summaries' sums, and rows gathered until they fill a chunk.
          tbb::make_filter<std::shared_ptr<Finished>, std::shared_ptr<Batches>>(
              tbb::filter_mode::serial_in_order,
              [&](std::shared_ptr<Finished> done) {
                const auto write_start = Clock::now();
                const auto [scenario, replication] = done->job;
                std::shared_ptr<Batches> full;
                for (std::size_t v = 0; v < layout.variables.size(); ++v) {
                  const std::vector<double>& slab = done->slabs[v];
                  if (stores[v]) stores[v]->add(scenario, replication, slab);
                  if (slab.empty()) continue;
                  Batch& batch = open[v];
                  if (batch.rows == 0) {
                    batch = {v, scenario, replication, 0, {}, {}};
                    batch.values.reserve(chunks[v].chunk[1] * slab.size());
                  }
                  batch.values.insert(batch.values.end(), slab.begin(), slab.end());
                  if (++batch.rows < chunks[v].chunk[1] && replication + 1 < R) continue;
                  if (!full) full = std::make_shared<Batches>();
                  full->push_back(std::move(batch));
                  batch = {};
                }
                report.events += done->events;
                write_seconds += std::chrono::duration<double>(Clock::now() - write_start).count();
                progress.advance();
                return full;
              }) &
          tbb::make_filter<std::shared_ptr<Batches>, std::shared_ptr<Batches>>(
              tbb::filter_mode::parallel,
              [&](std::shared_ptr<Batches> full) {
                if (full)
                  for (Batch& batch : *full) encode(batch, chunks[batch.variable]);
                return full;
              }) &
          tbb::make_filter<std::shared_ptr<Batches>, void>(
              tbb::filter_mode::serial_in_order, [&](std::shared_ptr<Batches> full) {
                if (!full) return;
                const auto write_start = Clock::now();
                for (const Batch& batch : *full)
                  for (const output::EncodedChunk& chunk : batch.chunks)
                    writer.write_chunk(layout.variables[batch.variable].spec.name, chunk);
                write_seconds += std::chrono::duration<double>(Clock::now() - write_start).count();
              }));
  progress.finish();
  throw_if_interrupted();

  const auto summary_start = Clock::now();
  report.stock_mean.resize(S);
  report.region_mean.resize(S);
  report.region_low.resize(S);
  report.region_high.resize(S);
  report.flow_mean.resize(S);
  report.stock_region_mean.resize(S);
  report.labour_years_mean.resize(S);
  for (std::size_t v = 0; v < layout.variables.size(); ++v) {
    if (!stores[v]) continue;
    throw_if_interrupted();
    const std::string& name = layout.variables[v].spec.name;
    for (std::size_t s = 0; s < S; ++s) {
      SummaryStore::Summary summary = stores[v]->summarise(s, kQuantiles);
      const std::size_t leading[] = {s};
      writer.write(name + "_mean", leading, summary.mean);
      writer.write(name + "_se", leading, summary.se);
      writer.write(name + "_quantile", leading, summary.quantiles);
      const auto cells = static_cast<std::ptrdiff_t>(summary.mean.size());
      if (name == "headcount_region") {
        report.region_mean[s] = summary.mean;
        report.region_low[s].assign(summary.quantiles.begin(), summary.quantiles.begin() + cells);
        report.region_high[s].assign(summary.quantiles.end() - cells, summary.quantiles.end());
      }
      if (name == "headcount") report.stock_mean[s] = std::move(summary.mean);
      if (name == "flow") report.flow_mean[s] = std::move(summary.mean);
      if (name == "stock_region") report.stock_region_mean[s] = std::move(summary.mean);
      if (name == "labour_years_region") report.labour_years_mean[s] = std::move(summary.mean);
    }
  }
  writer.set_attribute("events", static_cast<std::int64_t>(report.events));
  throw_if_interrupted();
  writer.commit();
  write_seconds += std::chrono::duration<double>(Clock::now() - summary_start).count();
  report.file = options.out;
  report.write_seconds = write_seconds;
  report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return report;
}

}  // namespace ws::runner
