#include "sim/output/results_schema.hpp"

#include <stdexcept>

namespace ws::output::schema {

const std::vector<DimensionInfo>& dimensions() {
  static const std::vector<DimensionInfo> all{
      {"scenario", "scenario name", ""},
      {"replication", "Monte Carlo replication", ""},
      {"quantile", "quantile over replications", ""},
      {"time", "output time (start of the day)", "days since the start date"},
      {"year", "calendar year", ""},
      {"gemeente", "gemeente (municipality)", ""},
      {"state", "state of a person", ""},
      {"transition", "from->to; in->x arrivals", ""},
      {"capacity_state", "state with limited places", ""},
      {"arrival_stream", "arrival process", ""},
      {"cohort", "statushouder arrival half-year", ""},
      {"months_since_permit", "", "months"},
      {"parameter", "uncertain scenario parameter", ""},
      {"item", "money item (scenario [money.items])", ""},
  };
  return all;
}

const std::vector<VariableInfo>& variables() {
  static const std::vector<VariableInfo> all{
      {"stock",
       {"time", "gemeente", "state"},
       "persons",
       "persons in each state at each output time (exit states: cumulative exits since the start)",
       true,
       true},
      {"waiting",
       {"time", "gemeente", "capacity_state"},
       "persons",
       "persons on the waiting list of each capacity state",
       true,
       true},
      {"flow",
       {"year", "gemeente", "transition"},
       "persons/year",
       "persons making each transition during the year (in->x: arrivals)",
       true,
       true},
      {"person_years",
       {"year", "gemeente", "state"},
       "person-years",
       "time spent in each state during the year",
       false,
       true},
      {"arrivals",
       {"year", "gemeente", "arrival_stream"},
       "persons/year",
       "persons brought by each arrival stream",
       true,
       false},
      {"admissions",
       {"year", "gemeente", "capacity_state"},
       "persons/year",
       "persons admitted from the waiting list to a place",
       true,
       false},
      {"wait_years",
       {"year", "gemeente", "capacity_state"},
       "years",
       "total time waited by the persons admitted in the year (divide by admissions for the mean wait)",
       false,
       false},
      {"money",
       {"year", "gemeente", "item"},
       "EUR",
       "money per year (income positive, cost negative; operating_result: the sum of the other items)",
       false,
       true},
      {"capacity",
       {"year", "capacity_state"},
       "places",
       "places of each capacity state in the whole area at the start of the year",
       false,
       false},
      {"cohort_present",
       {"cohort", "months_since_permit"},
       "persons",
       "statushouders of the arrival half-year living in the region, by time since permit",
       true,
       false},
      {"cohort_working",
       {"cohort", "months_since_permit"},
       "persons",
       "of whom in a working state",
       true,
       false},
      {"parameter_value",
       {"parameter"},
       "1",
       "the value drawn for each uncertain parameter (units: see the parameter's scenario key)",
       false,
       false,
       true},
      {"events", {}, "1", "events processed by the engine", false, false},
  };
  return all;
}

namespace {

template <class T>
const T& find(const std::vector<T>& all, std::string_view name, const char* what) {
  for (const auto& x : all)
    if (x.name == name) return x;
  throw std::logic_error(std::string("results schema: no ") + what + " '" + std::string(name) + "'");
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + quoted(items[i]);
  return out + "]";
}

}  // namespace

const DimensionInfo& dimension(std::string_view name) { return find(dimensions(), name, "dimension"); }
const VariableInfo& variable(std::string_view name) { return find(variables(), name, "variable"); }

std::vector<std::string> replication_dims(const VariableInfo& v) {
  std::vector<std::string> dims{"scenario", "replication"};
  dims.insert(dims.end(), v.dims.begin(), v.dims.end());
  return dims;
}

std::vector<std::string> mean_dims(const VariableInfo& v) {
  std::vector<std::string> dims{"scenario"};
  dims.insert(dims.end(), v.dims.begin(), v.dims.end());
  return dims;
}

std::vector<std::string> quantile_dims(const VariableInfo& v) {
  std::vector<std::string> dims{"scenario", "quantile"};
  dims.insert(dims.end(), v.dims.begin(), v.dims.end());
  return dims;
}

std::string to_json() {
  std::string out = "{\n  \"dimensions\": [\n";
  const auto& dims = dimensions();
  for (std::size_t i = 0; i < dims.size(); ++i)
    out += "    {\"name\": " + quoted(dims[i].name) + ", \"long_name\": " + quoted(dims[i].long_name) +
           ", \"units\": " + quoted(dims[i].units) + "}" + (i + 1 < dims.size() ? ",\n" : "\n");
  out += "  ],\n  \"variables\": [\n";
  const auto& vars = variables();
  for (std::size_t i = 0; i < vars.size(); ++i) {
    const auto& v = vars[i];
    out += "    {\"name\": " + quoted(v.name) + ", \"dims\": " + list(replication_dims(v)) +
           ", \"units\": " + quoted(v.units) + ", \"long_name\": " + quoted(v.long_name) +
           ", \"integer\": " + (v.integer ? "true" : "false") + ", \"summaries\": " +
           (v.summarised ? list({v.name + std::string(kMean), v.name + std::string(kStandardError),
                                 v.name + std::string(kQuantile)})
                         : "[]") +
           "}" + (i + 1 < vars.size() ? ",\n" : "\n");
  }
  return out + "  ]\n}\n";
}

}  // namespace ws::output::schema
