#pragma once
// The results schema (OUTPUT.md), declared once: every dimension and every per-replication variable with its
// dims, units, long name, storage type and whether it gets summaries. The runner's layout, the writer's
// definitions, the reader's checks, `info`, `compare`, `graph` and the notebooks (through `werkstroom schema`)
// all take names and meanings from here, so a new output variable is one entry here plus its count in the
// model's recorder. Knows nothing of the model: names and meanings only.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ws::output::schema {

struct DimensionInfo {
  std::string name;
  std::string long_name;
  std::string units;   // "" when the dimension has none
  bool named = false;  // names (strings): no coordinate variable, the label variable name_label(name) instead
};

struct VariableInfo {
  std::string name;
  std::vector<std::string> dims;  // after (scenario, replication)
  std::string units;              // parsed by UDUNITS-2: counts are "1", the meaning in long_name
  std::string long_name;
  bool integer = false;      // stored as int32 (counts of persons)
  bool summarised = false;   // gets NAME_mean, NAME_se (dims: scenario + dims) and NAME_quantile
  bool nan_fill = false;     // cells a scenario lacks read as NaN instead of 0
  std::string comment = "";  // a `comment` attribute where units and long_name do not say it all (money)
  // CF cell_methods of the per-replication values over their time axis ("year: sum" for yearly counts,
  // "year_end: point" / "time: point" for stocks); summaries append what they did over the replications.
  // Filled from the dims unless set.
  std::string cell_methods = "";
};

// A string label variable along one dimension (CF label variable), e.g. the budget of each money item.
// Data variables along `dim` name it in their `coordinates` attribute.
struct LabelInfo {
  std::string name;
  std::string dim;
  std::string long_name;
};

// A variable outside the (scenario, replication, ...) pattern: the year's time coordinate and its bounds, and
// the microdata (`run --microdata N`). `dims` are all its dims; units "days since the start date" are
// written with the run's start date.
struct AuxiliaryInfo {
  std::string name;
  std::vector<std::string> dims;
  std::string units;
  std::string long_name;
  bool integer = false;
  std::string comment = "";
};
const std::vector<AuxiliaryInfo>& auxiliaries();
const AuxiliaryInfo& auxiliary(std::string_view name);
inline constexpr std::string_view kDaysSinceStart = "days since the start date";

// The interval each `year` covers (CF time bounds): an auxiliary time coordinate at the interval's start,
// along `year`, whose `bounds` variable holds [start, end) in days since the start date, along (year, bounds).
// Yearly variables name the coordinate in their `coordinates` attribute.
inline constexpr const char* kYearStart = "year_start";
inline constexpr const char* kYearBounds = "year_bounds";
inline constexpr const char* kBoundsDimension = "bounds";

// The label variable of a name dimension (one whose values are strings: scenario, gemeente, state, ...):
// "gemeente" -> "gemeente_name". The dimension itself has no coordinate variable (CF 1.3: coordinate variables
// are numeric); its names are this CF label variable (CF 6.1), which every variable along the dimension
// names in its `coordinates` attribute (the writer adds it).
inline constexpr std::string_view kNameSuffix = "_name";
inline std::string name_label(std::string_view dim) { return std::string(dim) + std::string(kNameSuffix); }

// The writer names in each variable's `coordinates` attribute the label variables along its dims (names
// first, then labels()) and year_start along year, those the file has.

// The transition label's parts: "wsw->exit" gives {"wsw", "exit"}; a label without "->" gives {label, ""}.
std::pair<std::string, std::string> transition_ends(const std::string& label);

const std::vector<DimensionInfo>& dimensions();
const std::vector<LabelInfo>& labels();
const LabelInfo& label(std::string_view name);
const std::vector<VariableInfo>& variables();

// The entry of that name; throws std::logic_error for a name the schema does not have.
const DimensionInfo& dimension(std::string_view name);
const VariableInfo& variable(std::string_view name);

// Full dims of the per-replication variable, and of its summaries.
std::vector<std::string> replication_dims(const VariableInfo& v);
std::vector<std::string> mean_dims(const VariableInfo& v);      // also NAME_se
std::vector<std::string> quantile_dims(const VariableInfo& v);  // scenario, quantile, dims...

inline constexpr std::string_view kMean = "_mean", kStandardError = "_se", kQuantile = "_quantile";

// A unit as people read it ("EUR", "persons", "person-years", "EUR/person", ...) as the file stores it: a
// UDUNITS-2 string (counts "1", person-years "year") and, for money, a comment naming EUR and its prices.
struct FileUnits {
  std::string units;
  std::string comment;  // "" when units and long_name say it all
};
FileUnits file_units(std::string_view plain);

// The schema as JSON, for tools outside C++ (the notebooks' helper, `werkstroom schema`).
std::string to_json();

}  // namespace ws::output::schema
