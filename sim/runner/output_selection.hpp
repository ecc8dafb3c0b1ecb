#pragma once
// One named output of a results file, per replication: an item of the last dimension of a yearly variable
// (a money item such as operating_result, a state's stock at the year end, a transition's flow), for one year
// and one gemeente or the whole area. Names are looked up in the file's coordinates, variables in the schema.
#include <cstddef>
#include <string>
#include <vector>

#include "sim/output/results_reader.hpp"

namespace ws::runner {

struct OutputSelection {
  std::string variable;  // results-schema variable: money, stock, flow, person_years, ...
  std::size_t item = 0;  // index along its last dimension
  std::string units;
  std::size_t year = 0;  // index along `year`
  std::size_t area = 0;  // gemeente index; gemeenten() for the whole area
};

// Throws ws::InputError (naming --output, --year or --gemeente and what the file has) when a name is unknown.
// `gemeente` "" or "all": the whole area.
OutputSelection select_output(const output::ResultsReader& file, const std::string& output, int year,
                              const std::string& gemeente);

// The selected output of every replication of scenario s.
std::vector<double> output_per_replication(const output::ResultsReader& file,
                                           const OutputSelection& selection, std::size_t s);

// The index of `name` in the file's scenarios; throws ws::InputError naming `option` and listing them.
std::size_t scenario_index(const output::ResultsReader& file, const std::string& name,
                           const std::string& option);

}  // namespace ws::runner
