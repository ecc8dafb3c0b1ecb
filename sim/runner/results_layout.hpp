#pragma once
// How a run's accounts map onto the results file (OUTPUT.md): the union of the scenarios' states,
// transitions, capacity states, arrival streams and parameters as dimensions, and per variable the scatter of
// one scenario's replication into that union. The runner owns this mapping so that the writer knows nothing
// of the model.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/model/accounts.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/output/results_writer.hpp"
#include "sim/runner/slab.hpp"

namespace ws::runner {

// One per-replication variable: its dims after (scenario, replication), and how to fill its slab.
struct LayoutVariable {
  output::VariableSpec spec;  // dims include "scenario" and "replication" first
  std::vector<std::size_t> inner_shape;
  bool summarised = false;  // gets <name>_mean, <name>_se and <name>_quantile
  double fill = 0.0;        // value where a scenario lacks a state/label/parameter (0 for whole numbers)
  // Write the scenario's values into a slab already filled with `fill`, of size cells(): as doubles, and for
  // a whole-number variable (spec.integer) as counts, each a whole number (else std::logic_error).
  template <class T>
  using ScatterInto = std::function<void(std::size_t scenario, const model::Accounts&,
                                         const std::vector<double>& parameters, std::vector<T>& slab)>;
  ScatterInto<double> scatter_values;
  ScatterInto<std::int32_t> scatter_counts;
  // One replication of one scenario into `slab`: its counts for a whole-number variable, else its values.
  void scatter(std::size_t scenario, const model::Accounts& accounts, const std::vector<double>& parameters,
               Slab& slab) const;
  std::size_t cells() const;
};

struct ResultsLayout {
  std::vector<std::string> scenarios, states, labels, capacity_states, streams, parameters, gemeenten,
      cohorts;
  std::vector<std::string> groups, age_bands;
  std::vector<std::string> sexes{"men", "women"};
  std::vector<double> year_ends;           // days since the start: every 1 January, the start and the end
  std::vector<std::string> money_items;    // empty when no scenario counts money; operating_result last
  std::vector<double> output_times;        // days since the start
  std::vector<std::string> money_budgets;  // the budget of each money item (first scenario naming it)
  std::vector<std::string> money_results;  // result_<budget>, shared result, contribution, reserve
  std::vector<std::int32_t> years;
  std::vector<std::int32_t> months_since_permit;
  std::string start_date;  // ISO date of the common start
  std::vector<LayoutVariable> variables;
};

// Throws ws::InputError when the scenarios cannot share one file (different horizon, output times or
// gemeenten).
ResultsLayout make_layout(const std::vector<const model::CompiledModel*>& models,
                          const std::vector<std::string>& scenario_files);

extern const std::vector<double> kQuantiles;

// Defines the schema's auxiliary variable `name` (sim/output/results_schema.hpp), complete (no fill value);
// units "days since the start date" become `time_units`.
void add_auxiliary(output::ResultsWriter& writer, std::string_view name, const std::string& time_units,
                   output::Attributes extra = {});

// The year's CF time coordinate and bounds (sim/output/results_schema.hpp) from the year ends (days since
// the start, one more than the years), after the `year` and `bounds` dimensions.
void define_year_time(output::ResultsWriter& writer, const std::vector<double>& year_ends,
                      const std::string& time_units);

// Adds every dimension and variable (per replication and summaries) to the writer; the replication axis holds
// replications first_replication ... first_replication + replications - 1.
void define_results(output::ResultsWriter& writer, const ResultsLayout& layout, std::size_t first_replication,
                    std::size_t replications);

}  // namespace ws::runner
