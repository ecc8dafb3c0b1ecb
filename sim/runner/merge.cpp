#include "sim/runner/merge.hpp"

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/info.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include <algorithm>
#include <chrono>
#include <memory>

#include "sim/common/error.hpp"
#include "sim/output/results_reader.hpp"
#include "sim/output/results_schema.hpp"
#include "sim/output/results_template.hpp"
#include "sim/output/slab_reader.hpp"
#include "sim/runner/history.hpp"
#include "sim/runner/interrupt.hpp"
#include "sim/runner/merge_check.hpp"
#include "sim/runner/part_file.hpp"
#include "sim/runner/pipeline_failure.hpp"
#include "sim/runner/results_layout.hpp"
#include "sim/runner/slab_sink.hpp"

namespace ws::runner {
namespace {

// Replications read from a part at a time: a few MiB of slabs per block in flight; chunks that a block ends
// inside stay in the reader's chunk cache for the next block.
constexpr std::size_t kBlockRows = 16;

bool per_replication(const output::VariableSpec& v) {
  return v.dims.size() >= 2 && v.dims[0] == "scenario" && v.dims[1] == "replication";
}

bool has_variable(const output::ResultsTemplate& t, const std::string& name) {
  return std::any_of(t.variables.begin(), t.variables.end(), [&](const auto& v) { return v.name == name; });
}

const output::Dimension& dimension(const output::ResultsTemplate& t, const std::string& name) {
  for (const auto& d : t.dimensions)
    if (d.name == name) return d;
  throw std::logic_error("no dimension " + name);
}

std::size_t dimension_size(const output::ResultsTemplate& t, const std::string& name) {
  return std::visit([](const auto& values) { return values.size(); }, dimension(t, name).values);
}

// Per-replication variables and their summaries as the part defines them; other variables (e.g. differences
// `compare` added to a part) do not describe the merged replications and are left out.
std::vector<output::VariableSpec> merged_variables(const output::ResultsTemplate& t) {
  std::vector<std::string> bases;
  for (const auto& v : t.variables)
    if (per_replication(v)) bases.push_back(v.name);
  std::vector<output::VariableSpec> out;
  for (const auto& v : t.variables) {
    bool keep = per_replication(v);
    for (const auto& base : bases)
      for (const char* suffix : {"_mean", "_se", "_quantile"}) keep = keep || v.name == base + suffix;
    if (keep) out.push_back(v);
  }
  return out;
}

std::vector<SinkVariable> sink_variables(const output::ResultsTemplate& t) {
  std::vector<SinkVariable> out;
  for (const auto& v : t.variables) {
    if (!per_replication(v)) continue;
    std::size_t cells = 1;
    for (std::size_t i = 2; i < v.dims.size(); ++i) cells *= dimension_size(t, v.dims[i]);
    out.push_back({v.name, cells, has_variable(t, v.name + "_mean"), v.integer});
  }
  return out;
}

// The part's global attributes in their order, with what describes the merged file instead of the part.
void set_globals(output::ResultsWriter& writer, const output::ResultsTemplate& t, const MergeOptions& options,
                 std::size_t replications, std::int64_t events) {
  for (const auto& a : t.globals) {
    if (a.name == part::kHistory)
      writer.set_attribute(a.name, history_entry(options.command_line));
    else if (a.name == part::kReplications)
      writer.set_attribute(a.name, static_cast<std::int64_t>(replications));
    else if (a.name == part::kFirstReplication)
      writer.set_attribute(a.name, std::int64_t{0});
    else if (a.name == part::kEvents)
      writer.set_attribute(a.name, events);
    else
      output::set_attribute(writer, a);
  }
}

}  // namespace

RunReport merge_parts(const MergeOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  InterruptGuard interrupt;
  std::vector<PartInfo> parts;
  for (const auto& path : options.parts) parts.push_back(read_part_info(path));
  check_parts(parts);
  const std::size_t R = parts.back().first + parts.back().count;
  std::int64_t events = 0;
  for (const PartInfo& p : parts) events += p.events;

  const output::ResultsTemplate t = output::read_template(parts.front().path);
  std::optional<tbb::global_control> threads;
  if (options.threads) threads.emplace(tbb::global_control::max_allowed_parallelism, *options.threads);
  throw_if_interrupted();

  const output::ResultsReader first(parts.front().path);
  output::ResultsWriter writer(options.out);
  set_globals(writer, t, options, R, events);
  for (output::Dimension d : t.dimensions) {
    if (d.name == "replication") {
      std::vector<std::int32_t> index(R);
      for (std::size_t r = 0; r < R; ++r) index[r] = static_cast<std::int32_t>(r);
      d.values = std::move(index);
    }
    writer.add_dimension(d);
    if (d.name == output::schema::kBoundsDimension) {  // the year's time coordinate, as run writes it
      const output::Dimension& ends = dimension(t, "year_end");
      define_year_time(writer, std::get<std::vector<double>>(ends.values),
                       first.variable_attribute("year_end", "units"));
    }
    // Label variables along this dimension (the budget of each money item), as run writes them: right after.
    for (const auto& label : output::schema::labels())
      if (label.dim == d.name && first.has_variable(label.name))
        writer.add_labels(label.name, label.dim, first.labels(label.name),
                          {{"long_name", first.variable_attribute(label.name, "long_name")}});
  }
  for (const auto& v : merged_variables(t)) writer.add_variable(v);
  const std::size_t S = dimension_size(t, "scenario");
  SlabSink sink(writer, sink_variables(t), S, R, R);
  const std::vector<SinkVariable>& vars = sink.variables();

  // Blocks of replications read from one part at a time (each part's chunks decoded once), in order.
  // One part open at a time: memory does not grow with the number of parts.
  std::unique_ptr<output::SlabReader> reader;
  std::size_t scenario = 0, part_index = 0, row = 0;  // next: part's replication `row`
  // The next block of replications of the current part, in order (the input stage).
  const auto read_block = [&]() -> std::shared_ptr<Batches> {
    const PartInfo& p = parts[part_index];
    const std::size_t rows = std::min(kBlockRows, p.count - row);
    if (!reader) reader = std::make_unique<output::SlabReader>(p.path);
    std::vector<std::vector<double>> block(vars.size());
    for (std::size_t v = 0; v < vars.size(); ++v)
      block[v] = reader->read_rows(vars[v].name, scenario, row, rows);
    auto full = std::make_shared<Batches>();
    std::vector<Slab> slabs(vars.size());
    for (std::size_t i = 0; i < rows; ++i) {
      for (std::size_t v = 0; v < vars.size(); ++v)
        store_slab(vars[v], std::span<const double>(block[v]).subspan(i * vars[v].cells, vars[v].cells),
                   slabs[v]);
      if (auto done = sink.add(scenario, p.first + row + i, slabs))
        for (Batch& b : *done) full->push_back(std::move(b));
    }
    row += rows;
    if (row == p.count) {
      row = 0;
      reader.reset();
      if (++part_index == parts.size()) {
        part_index = 0;
        ++scenario;
      }
    }
    return full;
  };
  PipelineFailure failure;
  const int tokens =
      2 * static_cast<int>(options.threads ? *options.threads : tbb::info::default_concurrency());
  tbb::parallel_pipeline(static_cast<std::size_t>(tokens),
                         tbb::make_filter<void, std::shared_ptr<Batches>>(
                             tbb::filter_mode::serial_in_order,
                             [&](tbb::flow_control& flow) -> std::shared_ptr<Batches> {
                               if (scenario == S || InterruptGuard::interrupted() || failure.failed()) {
                                 flow.stop();
                                 return {};
                               }
                               return failure.guard([&] { return read_block(); });
                             }) &
                             encode_filter(sink, failure) &
                             tbb::make_filter<std::shared_ptr<Batches>, void>(
                                 tbb::filter_mode::serial_in_order, [&](std::shared_ptr<Batches> full) {
                                   if (full && !failure.failed()) failure.guard([&] { sink.write(*full); });
                                 }));
  failure.rethrow();
  throw_if_interrupted();

  RunReport report;
  sink.write_summaries([&](const std::string& name, std::size_t s,
                           SummaryStore::Summary& summary) { remember_summary(report, name, s, summary); },
                       throw_if_interrupted);
  throw_if_interrupted();
  writer.commit();
  report.file = options.out;
  report.events = static_cast<std::uint64_t>(events);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace ws::runner
