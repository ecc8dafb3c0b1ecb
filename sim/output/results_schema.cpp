#include "sim/output/results_schema.hpp"

#include <algorithm>
#include <stdexcept>

namespace ws::output::schema {

const std::vector<DimensionInfo>& dimensions() {
  static const std::vector<DimensionInfo> all{
      {"scenario", "scenario name", "", true},
      {"replication", "Monte Carlo replication", ""},
      {"quantile", "quantile over replications", ""},
      {"time", "output time (start of the day)", "days since the start date"},
      {"year_end", "1 January, the end of the year before (the first: the start; the last: the end)",
       "days since the start date"},
      {"year", "calendar year", ""},
      {"gemeente", "gemeente (municipality)", "", true},
      {"state", "state of a person", "", true},
      {"transition", "from->to; in->x arrivals", "", true},
      {"capacity_state", "state with limited places", "", true},
      {"arrival_stream", "arrival process", "", true},
      {"cohort", "statushouder arrival half-year", "", true},
      {"months_since_permit", "", "months"},
      {"parameter", "uncertain scenario parameter", "", true},
      {"item", "money item (scenario [money.items])", "", true},
      {"age_band", "age band in completed years (scenario.age_bands)", "", true},
      {"sex", "sex", "", true},
      {"group", "target group or origin (scenario [groups]; general: everyone else)", "", true},
      {"total", "money total ([money.buig], [money.sharing])", "", true},
      {"bounds", "start and end of an interval (CF bounds)", ""},
      {"microdata_person", "sampled person (run --microdata N): N per scenario and replication", ""},
      {"microdata_event",
       "event of a sampled person, the persons' events one after another (CF contiguous ragged array)", ""},
  };
  return all;
}

namespace {
// UDUNITS-2 knows no currency: money is stored with units "1", and this says what the number is.
constexpr const char* kEuroComment =
    "euros (EUR) in the prices the scenario's [money] tables give (nominal, no price-year conversion)";
}  // namespace

namespace {
std::vector<VariableInfo> all_variables();

bool has(const std::vector<std::string>& dims, std::string_view dim) {
  return std::find(dims.begin(), dims.end(), dim) != dims.end();
}

// Yearly values add up what happened during the year; stocks are taken at a point in time.
// Not money_result (results of the year next to the reserve at its end) nor capacity (places at its start).
std::string default_cell_methods(const VariableInfo& v) {
  if (v.name == "money_result" || v.name == "capacity") return "";
  if (has(v.dims, "year")) return "year: sum";
  if (has(v.dims, "year_end")) return "year_end: point";
  if (has(v.dims, "time")) return "time: point";
  return "";
}
}  // namespace

const std::vector<VariableInfo>& variables() {
  static const std::vector<VariableInfo> all = [] {
    std::vector<VariableInfo> entries = all_variables();
    for (auto& v : entries)
      if (v.cell_methods.empty()) v.cell_methods = default_cell_methods(v);
    return entries;
  }();
  return all;
}

namespace {
std::vector<VariableInfo> all_variables() {
  return {
      {"stock",
       {"year_end", "gemeente", "state", "age_band", "sex", "group"},
       "1",
       "persons in each state at each year end by age band, sex and group (exit states: cumulative exits "
       "since the start, by age at the exit)",
       true,
       false},  // no summaries: 80,000 cells a replication; stock_region has them
      {"headcount",
       {"time", "gemeente", "state"},
       "1",
       "persons in each state at each output time, all ages (exit states: cumulative exits since the start)",
       true,
       true},
      {"mean_age",
       {"year_end", "gemeente", "state"},
       "year",
       "mean age (exact, not completed years) of the persons in stock (exit states: at the exit); NaN where "
       "nobody",
       false,
       false,
       true},
      {"waiting",
       {"time", "gemeente", "capacity_state"},
       "1",
       "persons on the waiting list of each capacity state",
       true,
       true},
      {"flow",
       {"year", "gemeente", "transition"},
       "1",
       "persons making each transition during the year (in->x: arrivals)",
       true,
       true},
      {"person_years",
       {"year", "gemeente", "state"},
       "year",
       "person-years: time spent in each state during the year",
       false,
       true},
      {"flow_by_age",
       {"year", "transition", "age_band", "sex"},
       "1",
       "persons making each transition during the year, whole area, by age band at the move",
       true,
       false},
      {"person_years_by_age",
       {"year", "state", "age_band", "sex"},
       "year",
       "person-years: time spent in each state during the year, whole area, by age band",
       false,
       false},
      {"labour_years",
       {"year", "gemeente"},
       "year",
       "labour-years (arbeidsjaren, AJ) in the year: person-years in each state times its "
       "labour_years_per_person_year",
       false,
       true},
      {"arrivals",
       {"year", "gemeente", "arrival_stream"},
       "1",
       "persons brought by each arrival stream",
       true,
       false},
      {"admissions",
       {"year", "gemeente", "capacity_state"},
       "1",
       "persons admitted from the waiting list to a place",
       true,
       false},
      {"wait_years",
       {"year", "gemeente", "capacity_state"},
       "year",
       "total time waited by the persons admitted in the year (divide by admissions for the mean wait)",
       false,
       false},
      {"money",
       {"year", "gemeente", "item"},
       "1",
       "money in euros (EUR) per year (income positive, cost negative; operating_result: the sum of the "
       "other "
       "items)",
       false,
       true,
       false,
       kEuroComment},
      {"money_result",
       {"year", "gemeente", "total"},
       "1",
       "result per budget (sum of its items), each gemeente's share of the joint result by the scenario's "
       "key, "
       "the contribution that settles it next year, Werkzaak's reserve at the end of the year",
       false,
       true,
       false,
       kEuroComment},
      {"capacity",
       {"year", "capacity_state"},
       "1",
       "places (persons) of each capacity state in the whole area at the start of the year",
       false,
       false},
      {"cohort_present",
       {"cohort", "months_since_permit"},
       "1",
       "statushouders of the arrival half-year living in the region, by time since permit",
       true,
       false},
      {"cohort_working", {"cohort", "months_since_permit"}, "1", "of whom in a working state", true, false},
      {"cohort_left",
       {"cohort", "months_since_permit"},
       "1",
       "statushouders of the arrival half-year who left the region alive before the check (not death or AOW)",
       true,
       false},
      {"cohort_left_working",
       {"cohort", "months_since_permit"},
       "1",
       "of whom left from a working state",
       true,
       false},
      // The whole area: the sums over the gemeenten per replication, with summaries of their own (a band of a
      // sum is not the sum of the gemeenten's bands).
      {"stock_region",
       {"year_end", "state", "age_band", "sex"},
       "1",
       "whole area: persons in each state at each year end by age band and sex (all groups)",
       true,
       true},
      {"headcount_region",
       {"time", "state"},
       "1",
       "whole area: persons in each state at each output time, all ages",
       true,
       true},
      {"mean_age_region",
       {"year_end", "state"},
       "year",
       "whole area: mean age of the persons in stock (exit states: at the exit); NaN where nobody",
       false,
       false,
       true},
      {"flow_region",
       {"year", "transition"},
       "1",
       "whole area: persons making each transition during the year",
       true,
       true},
      {"person_years_region",
       {"year", "state"},
       "year",
       "whole area: person-years in each state during the year",
       false,
       true},
      {"labour_years_region", {"year"}, "year", "whole area: labour-years (AJ) in the year", false, true},
      {"money_region",
       {"year", "item"},
       "1",
       "whole area: money in euros (EUR) per year",
       false,
       true,
       false,
       kEuroComment},
      {"parameter_value",
       {"parameter"},
       "1",
       "the value drawn for each uncertain parameter (units: see the parameter's scenario key)",
       false,
       false,
       true},
      {"events", {}, "1", "events processed by the engine", false, false},
  };
}
}  // namespace

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

const std::vector<LabelInfo>& labels() {
  static const std::vector<LabelInfo> all{
      {"budget", "item", "the budget each money item belongs to"},
      {"transition_from", "transition", "state before the transition (in: arrival from outside the area)"},
      {"transition_to", "transition", "state after the transition"},
  };
  return all;
}

std::pair<std::string, std::string> transition_ends(const std::string& label) {
  const auto arrow = label.find("->");
  if (arrow == std::string::npos) return {label, ""};
  return {label.substr(0, arrow), label.substr(arrow + 2)};
}

const LabelInfo& label(std::string_view name) { return find(labels(), name, "label"); }

FileUnits file_units(std::string_view plain) {
  if (plain == "persons") return {"1", ""};
  if (plain == "person-years") return {"year", ""};
  if (plain == "EUR") return {"1", kEuroComment};
  if (plain == "EUR/person") return {"1", std::string("per person: ") + kEuroComment};
  if (plain == "EUR/person-year") return {"year-1", std::string("per person-year: ") + kEuroComment};
  return {std::string(plain), ""};
}

const std::vector<AuxiliaryInfo>& auxiliaries() {
  static const std::string days(kDaysSinceStart);
  static const std::vector<AuxiliaryInfo> all{
      {kYearStart,
       {"year"},
       days,
       "start of the interval each year covers (1 January; the first: the start date)"},
      {kYearBounds,
       {"year", kBoundsDimension},
       days,
       "the interval [start, end) each year covers (the last ends at the end date)"},
      {"microdata_scenario",
       {"microdata_person"},
       "1",
       "the sampled person's scenario (index into scenario)",
       true},
      {"microdata_replication", {"microdata_person"}, "1", "the sampled person's replication", true},
      {"microdata_id",
       {"microdata_person"},
       "1",
       "person ID in the replication (order of appearance, as `werkstroom trace --person ID`)",
       true},
      {"microdata_gemeente", {"microdata_person"}, "1", "the person's gemeente (index into gemeente)", true},
      {"microdata_sex", {"microdata_person"}, "1", "the person's sex (index into sex)", true},
      {"microdata_group", {"microdata_person"}, "1", "the person's group (index into group)", true},
      {"microdata_birth", {"microdata_person"}, days, "the person's birth date"},
      {"microdata_row_size",
       {"microdata_person"},
       "1",
       "number of the person's events in microdata_event (the person's events follow those of the persons "
       "before)",
       true},
      {"microdata_time", {"microdata_event"}, days, "time of the event"},
      {"microdata_from",
       {"microdata_event"},
       "1",
       "state before the event (index into state; -1: appeared, not in a state before)",
       true},
      {"microdata_to", {"microdata_event"}, "1", "state after the event (index into state)", true},
      {"microdata_transition",
       {"microdata_event"},
       "1",
       "the flow of the event (index into transition; -1: in the initial population)",
       true},
  };
  return all;
}

const AuxiliaryInfo& auxiliary(std::string_view name) {
  return find(auxiliaries(), name, "auxiliary variable");
}

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
           ", \"units\": " + quoted(dims[i].units) +
           ", \"label\": " + quoted(dims[i].named ? name_label(dims[i].name) : "") + "}" +
           (i + 1 < dims.size() ? ",\n" : "\n");
  out += "  ],\n  \"labels\": [\n";
  const auto& labels_all = labels();
  for (std::size_t i = 0; i < labels_all.size(); ++i)
    out += "    {\"name\": " + quoted(labels_all[i].name) + ", \"dim\": " + quoted(labels_all[i].dim) +
           ", \"long_name\": " + quoted(labels_all[i].long_name) + "}" +
           (i + 1 < labels_all.size() ? ",\n" : "\n");
  out += "  ],\n  \"auxiliaries\": [\n";
  const auto& aux = auxiliaries();
  for (std::size_t i = 0; i < aux.size(); ++i)
    out += "    {\"name\": " + quoted(aux[i].name) + ", \"dims\": " + list(aux[i].dims) +
           ", \"units\": " + quoted(aux[i].units) + ", \"long_name\": " + quoted(aux[i].long_name) +
           ", \"integer\": " + (aux[i].integer ? "true" : "false") + "}" +
           (i + 1 < aux.size() ? ",\n" : "\n");
  out += "  ],\n  \"variables\": [\n";
  const auto& vars = variables();
  for (std::size_t i = 0; i < vars.size(); ++i) {
    const auto& v = vars[i];
    out += "    {\"name\": " + quoted(v.name) + ", \"dims\": " + list(replication_dims(v)) +
           ", \"units\": " + quoted(v.units) + ", \"long_name\": " + quoted(v.long_name) +
           ", \"integer\": " + (v.integer ? "true" : "false") +
           ", \"cell_methods\": " + quoted(v.cell_methods) + ", \"summaries\": " +
           (v.summarised ? list({v.name + std::string(kMean), v.name + std::string(kStandardError),
                                 v.name + std::string(kQuantile)})
                         : "[]") +
           "}" + (i + 1 < vars.size() ? ",\n" : "\n");
  }
  return out + "  ]\n}\n";
}

}  // namespace ws::output::schema
