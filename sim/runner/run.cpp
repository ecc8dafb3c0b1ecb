#include "sim/runner/run.hpp"

#include <malloc.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <optional>

#include "sim/common/error.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/model/replication.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/runner/fingerprint.hpp"
#include "sim/runner/heap_release.hpp"
#include "sim/runner/history.hpp"
#include "sim/runner/interrupt.hpp"
#include "sim/runner/microdata.hpp"
#include "sim/runner/parameter_draws.hpp"
#include "sim/runner/part_file.hpp"
#include "sim/runner/pipeline_failure.hpp"
#include "sim/runner/recycling_pool.hpp"
#include "sim/runner/run_estimate.hpp"
#include "sim/runner/slab_sink.hpp"
#include "werkstroom/version.hpp"

namespace ws::runner {
namespace {

// Written batches between two returns of the heap's free pages (heap_release.hpp): a batch completes at most
// every replication, and a release costs well under a replication's time.
constexpr std::size_t kWritesBetweenHeapReleases = 16;

using Clock = std::chrono::steady_clock;

struct Job {
  std::size_t scenario = 0;
  std::size_t replication = 0;  // within this file; the streams use first_replication + replication
};

// A simulated replication as the writer needs it: one slab per variable.
struct Finished {
  Job job;
  std::uint64_t events = 0;
  std::vector<Slab> slabs;
  MicrodataSample microdata;
};

std::vector<SinkVariable> sink_variables(const ResultsLayout& layout) {
  std::vector<SinkVariable> out;
  for (const LayoutVariable& v : layout.variables)
    out.push_back({v.spec.name, v.cells(), v.summarised, v.spec.integer});
  return out;
}

// Every input file once, in the order the scenarios read them.
std::vector<std::pair<std::string, std::string>> sources_of(const std::vector<model::ScenarioSpec>& specs) {
  std::vector<std::pair<std::string, std::string>> sources;
  for (const auto& spec : specs)
    for (const auto& source : spec.sources)
      if (std::find(sources.begin(), sources.end(), source) == sources.end()) sources.push_back(source);
  return sources;
}

void set_provenance(output::ResultsWriter& writer, const std::vector<model::ScenarioSpec>& specs,
                    const RunOptions& options) {
  writer.set_attribute("Conventions", "CF-1.8");
  writer.set_attribute(
      "comment",
      "Follows CF-1.8 as far as checked: UDUNITS-2 parses every units attribute (counts are 1, the meaning "
      "in long_name; money is 1 with EUR and its prices in the comment); coordinate variables are numeric "
      "and monotonic; the name dimensions (scenario, gemeente, state, transition, age_band, ...) have no "
      "coordinate variable, their names are the CF label variables <dimension>_name (gemeente_name, ...), "
      "like transition_from, transition_to and budget named in the coordinates of every variable along "
      "them (to select by name in xarray: ds.assign_coords({n[:-5]: ds[n].values for n in ds.coords if "
      "n.endswith('_name')})); the "
      "replication coordinate has the standard name realization, summaries' means say `realization: mean`, "
      "standard errors and quantiles (CF 1.8 has no method for them) say what they are in long_name and "
      "comment; yearly values carry the time coordinate year_start with bounds year_bounds. Not claimed: a "
      "check by a CF checker (none is packaged in Debian; the project's tests/support/cf_check.py checks the "
      "structure)");
  writer.set_attribute("title",
                       "werkstroom results: " + specs.front().name +
                           (specs.size() > 1 ? " and " + std::to_string(specs.size() - 1) + " more" : ""));
  writer.set_attribute("source", std::string("werkstroom ") + kVersion + " (git " + kGitCommit + ", " +
                                     kGitTreeState + " tree)");
  writer.set_attribute("git_commit", kGitCommit);
  writer.set_attribute("git_tree_state", kGitTreeState);
  writer.set_attribute("history", history_entry(options.command_line));
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

// What makes the file a part of a run (sim/runner/part_file.hpp): its replications and its inputs.
void set_part_attributes(output::ResultsWriter& writer, const std::vector<model::ScenarioSpec>& specs,
                         const RunOptions& options, const ResultsLayout& layout) {
  writer.set_attribute(part::kFirstReplication, static_cast<std::int64_t>(options.first_replication));
  writer.set_attribute(part::kFingerprint, input_fingerprint(sources_of(specs), options.seed, layout));
  writer.set_attribute(part::kCommit, ws::kCommit);
}

// Adds one replication's mean_age_region to the report's sums (NaN cells: nobody, left out); `finish` turns
// the sums into means.
class MeanAgeSums {
 public:
  explicit MeanAgeSums(const ResultsLayout& layout, std::size_t scenarios)
      : sums_(scenarios), counts_(scenarios) {
    for (std::size_t v = 0; v < layout.variables.size(); ++v)
      if (layout.variables[v].spec.name == "mean_age_region") variable_ = v;
  }
  void add(std::size_t scenario, const std::vector<Slab>& slabs) {
    if (variable_ >= slabs.size()) return;
    const std::vector<double>& ages = slabs[variable_].values;
    sums_[scenario].resize(ages.size(), 0.0);
    counts_[scenario].resize(ages.size(), 0);
    for (std::size_t i = 0; i < ages.size(); ++i)
      if (!std::isnan(ages[i])) {
        sums_[scenario][i] += ages[i];
        ++counts_[scenario][i];
      }
  }
  std::size_t variable() const { return variable_; }
  std::vector<std::vector<double>> means() const {
    std::vector<std::vector<double>> out(sums_.size());
    for (std::size_t s = 0; s < sums_.size(); ++s)
      for (std::size_t i = 0; i < sums_[s].size(); ++i)
        out[s].push_back(counts_[s][i] ? sums_[s][i] / static_cast<double>(counts_[s][i]) : std::nan(""));
    return out;
  }

 private:
  std::size_t variable_ = static_cast<std::size_t>(-1);
  std::vector<std::vector<double>> sums_;
  std::vector<std::vector<std::size_t>> counts_;
};

// The slabs of simulated replications, as the stages after the simulation need them: a variable's values
// where the ordered stage reads them (the summaries, chunks of several replications, the report's mean
// ages), and its encoded chunks when one replication fills them alone. A slab encoded where it was simulated
// and not summarised (the stock: 330 KB a replication) never waits in the pipeline as values.
class SlabMaker {
 public:
  SlabMaker(const ResultsLayout& layout, const SlabSink& sink, std::size_t mean_age_variable)
      : layout_(layout), sink_(sink), mean_age_variable_(mean_age_variable) {}

  // Slabs of the full size for every variable whose values a stored replication keeps.
  void reserve(std::vector<Slab>& slabs) const {
    slabs.resize(layout_.variables.size());
    for (std::size_t v = 0; v < slabs.size(); ++v) {
      if (!keeps_values(v, 0)) continue;
      if (layout_.variables[v].spec.integer)
        slabs[v].counts.reserve(layout_.variables[v].cells());
      else
        slabs[v].values.reserve(layout_.variables[v].cells());
    }
  }

  // One replication of a scenario (counted within this file) into `slabs`; `scratch` holds the values that
  // are encoded and then not needed. On any thread.
  void make(std::size_t scenario, std::size_t replication, const model::Accounts& accounts,
            const std::vector<double>& parameters, Slab& scratch, std::vector<Slab>& slabs) const {
    slabs.resize(layout_.variables.size());
    for (std::size_t v = 0; v < slabs.size(); ++v) {
      Slab& slab = slabs[v];
      slab.values.clear();
      slab.counts.clear();
      slab.chunks.clear();
      const bool values = keeps_values(v, replication), encoded = encoded_here(v, replication);
      if (!values && !encoded) continue;
      Slab& into = values ? slab : scratch;
      layout_.variables[v].scatter(scenario, accounts, parameters, into);
      if (!encoded) continue;
      sink_.encode_alone(v, scenario, replication, into);
      if (&into != &slab) slab.chunks = std::move(into.chunks);
    }
  }

 private:
  bool encoded_here(std::size_t v, std::size_t replication) const {
    return sink_.stores(replication) && sink_.chunk_per_replication(v);
  }
  bool keeps_values(std::size_t v, std::size_t replication) const {
    return sink_.summarises(v) || v == mean_age_variable_ ||
           (sink_.stores(replication) && !sink_.chunk_per_replication(v));
  }

  const ResultsLayout& layout_;
  const SlabSink& sink_;
  std::size_t mean_age_variable_;
};

}  // namespace

void remember_summary(RunReport& report, const std::string& variable, std::size_t scenario,
                      SummaryStore::Summary& summary) {
  for (auto* kept : {&report.stock_mean, &report.region_mean, &report.region_low, &report.region_high,
                     &report.flow_mean, &report.stock_region_mean, &report.labour_years_mean})
    if (kept->size() <= scenario) kept->resize(scenario + 1);
  const auto cells = static_cast<std::ptrdiff_t>(summary.mean.size());
  if (variable == "headcount_region") {
    report.region_mean[scenario] = summary.mean;
    report.region_low[scenario].assign(summary.quantiles.begin(), summary.quantiles.begin() + cells);
    report.region_high[scenario].assign(summary.quantiles.end() - cells, summary.quantiles.end());
  }
  if (variable == "headcount") report.stock_mean[scenario] = std::move(summary.mean);
  if (variable == "flow") report.flow_mean[scenario] = std::move(summary.mean);
  if (variable == "stock_region") report.stock_region_mean[scenario] = std::move(summary.mean);
  if (variable == "labour_years_region") report.labour_years_mean[scenario] = std::move(summary.mean);
}

std::string run_fingerprint(const std::vector<model::ScenarioSpec>& specs,
                            const std::vector<std::string>& scenario_files, std::uint64_t seed) {
  return input_fingerprint(sources_of(specs), seed, run_layout(specs, scenario_files));
}

ResultsLayout run_layout(const std::vector<model::ScenarioSpec>& specs,
                         const std::vector<std::string>& scenario_files) {
  std::vector<model::CompiledModel> fixed;
  for (const auto& spec : specs) fixed.push_back(model::compile_model(spec));
  std::vector<const model::CompiledModel*> models;
  for (const auto& m : fixed) models.push_back(&m);
  return make_layout(models, scenario_files);
}

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
  const auto define_start = Clock::now();
  output::ResultsWriter writer(options.out);
  set_provenance(writer, specs, options);
  set_part_attributes(writer, specs, options, layout);
  const std::size_t stored = std::min(R, options.keep_replications.value_or(R));
  define_results(writer, layout, options.first_replication, stored);
  SlabSink sink(writer, sink_variables(layout), S, R, stored);
  report.define_seconds = std::chrono::duration<double>(Clock::now() - define_start).count();
  std::vector<MicrodataNames> microdata_names_of;
  if (options.microdata > 0)
    for (const auto& m : fixed) microdata_names_of.push_back(microdata_names(m, layout));
  std::vector<MicrodataSample> microdata;
  MeanAgeSums mean_ages(layout, S);

  Progress progress(S * R, options.progress);
  std::size_t next = 0;
  double write_seconds = 0;
  std::size_t writes = 0;
  PipelineFailure failure;
  {
    // Each thread simulates in its own buffers (and encodes from its own slab what goes nowhere else), and the
    // finished slabs come back for the next replications.
    tbb::enumerable_thread_specific<model::ReplicationBuffers> buffers;
    tbb::enumerable_thread_specific<Slab> scratch;
    const int tokens =
        2 * static_cast<int>(options.threads ? *options.threads : tbb::info::default_concurrency());
    // At most one finished replication per token is alive: all of them are made now, at their full size, so
    // that the run's peak memory does not depend on how often the pipeline happens to fill up (which the longer
    // the run, the more often it does: BENCHMARKS.md, "Peak memory, sixth session").
    const SlabMaker slab_maker(layout, sink, mean_ages.variable());
    RecyclingPool<Finished> finished_pool;
    {
      std::vector<std::shared_ptr<Finished>> made;
      for (int t = 0; t < tokens; ++t) slab_maker.reserve(made.emplace_back(finished_pool.acquire())->slabs);
    }
    tbb::parallel_pipeline(
        static_cast<std::size_t>(tokens),
        tbb::make_filter<void, Job>(tbb::filter_mode::serial_in_order,
                                    [&](tbb::flow_control& flow) -> Job {
                                      if (next == S * R || InterruptGuard::interrupted() ||
                                          failure.failed()) {
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
                  // An interrupt inside a replication (or any error) ends it with no result, and the input
                  // stops handing out replications: the pipeline drains (pipeline_failure.hpp).
                  return failure.guard([&] {
                    const std::size_t replication = options.first_replication + job.replication;
                    DrawnModel drawn = draw_model(fixed[job.scenario], options.seed,
                                                  replication / options.replications_per_draw);
                    std::optional<MicrodataSampler> sampler;
                    if (options.microdata > 0)
                      sampler.emplace(microdata_names_of[job.scenario], options.microdata, options.seed,
                                      replication);
                    const model::Accounts& accounts =
                        model::simulate_replication(*drawn.model, options.seed, replication, buffers.local(),
                                                    sampler ? &*sampler : nullptr);
                    std::shared_ptr<Finished> done = finished_pool.acquire();
                    done->microdata = sampler ? MicrodataSample{job.scenario, replication, sampler->take()}
                                              : MicrodataSample{};
                    done->job = job;
                    done->events = accounts.events;
                    slab_maker.make(job.scenario, job.replication, accounts, drawn.values, scratch.local(),
                                    done->slabs);
                    return done;
                  });
                }) &
            // In replication order: the summaries' sums, and rows gathered until they fill a chunk.
            tbb::make_filter<std::shared_ptr<Finished>, std::shared_ptr<Batches>>(
                tbb::filter_mode::serial_in_order,
                [&](std::shared_ptr<Finished> done) -> std::shared_ptr<Batches> {
                  // The run stops after the drain.
                  if (!done || InterruptGuard::interrupted() || failure.failed()) return nullptr;
                  return failure.guard([&] {
                    const auto write_start = Clock::now();
                    std::shared_ptr<Batches> full =
                        sink.add(done->job.scenario, done->job.replication, done->slabs);
                    report.events += done->events;
                    mean_ages.add(done->job.scenario, done->slabs);
                    if (options.microdata > 0) microdata.push_back(std::move(done->microdata));
                    write_seconds += std::chrono::duration<double>(Clock::now() - write_start).count();
                    progress.advance();
                    return full;
                  });
                }) &
            encode_filter(sink, failure) &
            tbb::make_filter<std::shared_ptr<Batches>, void>(
                tbb::filter_mode::serial_in_order, [&](std::shared_ptr<Batches> full) {
                  if (!full || failure.failed()) return;
                  failure.guard([&] {
                    const auto write_start = Clock::now();
                    sink.write(*full);
                    if (++writes % kWritesBetweenHeapReleases == 0) release_free_heap();
                    write_seconds += std::chrono::duration<double>(Clock::now() - write_start).count();
                  });
                }));
  }  // the pipeline's buffers end here, before the summaries below need memory of their own
  failure.rethrow();
  progress.finish();
  throw_if_interrupted();

  const auto summary_start = Clock::now();
  sink.write_summaries([&](const std::string& name, std::size_t s,
                           SummaryStore::Summary& summary) { remember_summary(report, name, s, summary); },
                       throw_if_interrupted);
  writer.set_attribute("events", static_cast<std::int64_t>(report.events));
  report.mean_age_region_mean = mean_ages.means();
  if (options.microdata > 0) write_microdata(writer, layout, microdata);
  throw_if_interrupted();
  writer.commit();
  write_seconds += std::chrono::duration<double>(Clock::now() - summary_start).count();
  report.file = options.out;
  report.write_seconds = write_seconds;
  report.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  return report;
}

}  // namespace ws::runner
