#pragma once
// The results schema (OUTPUT.md), declared once: every dimension and every per-replication variable with its
// dims, units, long name, storage type and whether it gets summaries. The runner's layout, the writer's
// definitions, the reader's checks, `info`, `compare`, `graph` and the notebooks (through `werkstroom schema`)
// all take names and meanings from here, so a new output variable is one entry here plus its count in the
// model's recorder. Knows nothing of the model: names and meanings only.
#include <string>
#include <string_view>
#include <vector>

namespace ws::output::schema {

struct DimensionInfo {
  std::string name;
  std::string long_name;
  std::string units;  // "" when the dimension has none
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
};

// A string label variable along one dimension (CF label variable), e.g. the budget of each money item.
struct LabelInfo {
  std::string name;
  std::string dim;
  std::string long_name;
};

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

// The schema as JSON, for tools outside C++ (the notebooks' helper, `werkstroom schema`).
std::string to_json();

}  // namespace ws::output::schema
