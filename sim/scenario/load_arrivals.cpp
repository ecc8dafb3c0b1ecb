// [arrivals.<name>]: Poisson streams of new persons with rates per gemeente and calendar period.
#include <algorithm>
#include <map>

#include "sim/common/date.hpp"
#include "sim/model/state_graph.hpp"
#include "sim/scenario/sections.hpp"

namespace ws::scenario {

using model::ScenarioSpec;

namespace {

model::AgeDistribution read_ages(Context& c, const Node& n, const std::string& p, std::size_t a,
                                 std::vector<std::string>* weight_slots) {
  Reader& r = c.r;
  r.expect_table(n, p);
  model::AgeDistribution age;
  const Node* at = &n;
  if (const Node* file = n.find("file")) {
    r.check_keys(n, p, {"file"});
    const CsvTable& csv = r.csv(*file, p + ".file");
    csv.require_columns({"age_lower", "age_upper", "weight"});
    for (const auto& row : csv.rows()) {
      age.lower.push_back(csv.non_negative(row, "age_lower"));
      age.upper.push_back(csv.non_negative(row, "age_upper"));
      age.weight.push_back(csv.non_negative(row, "weight"));
      if (!(age.upper.back() > age.lower.back())) csv.fail(row, "age_upper", "an age above age_lower");
    }
    at = file;
  } else {
    r.check_keys(n, p, {"lower", "upper", "weight", "file"});
    const Node& lower = r.expect_array(r.required(n, p, "lower"), p + ".lower");
    const Node& upper = r.expect_array(r.required(n, p, "upper"), p + ".upper");
    const Node& weight = r.expect_array(r.required(n, p, "weight"), p + ".weight");
    const std::size_t bands = lower.items.size();
    if (upper.items.size() != bands || weight.items.size() != bands)
      r.fail(n, p,
             "expected lower, upper and weight of equal length (got " + std::to_string(bands) + ", " +
                 std::to_string(upper.items.size()) + ", " + std::to_string(weight.items.size()) + ")");
    for (std::size_t k = 0; k < bands; ++k) {
      age.lower.push_back(
          r.number(lower.items[k], index_path(p + ".lower", k), Bounds{0, 130, "years"}, nullptr));
      age.upper.push_back(
          r.number(upper.items[k], index_path(p + ".upper", k), Bounds{0, 130, "years"}, nullptr));
      if (!(age.upper[k] > age.lower[k]))
        r.fail(upper.items[k], index_path(p + ".upper", k), "expected an age above the band's lower age");
      const std::string wp = index_path(p + ".weight", k);
      if (weight_slots) weight_slots->push_back(is_distribution(weight.items[k]) ? wp : "");
      age.weight.push_back(r.number(weight.items[k], wp, non_negative("relative weight"),
                                    weight_slots ? Targets{} : Targets{T{K::arrival_age_weight, a, k}}));
    }
  }
  double total = 0;
  for (const double w : age.weight) total += w;
  if (!(total > 0)) r.fail(*at, p, "expected age bands with a positive total weight");
  return age;
}

}  // namespace

model::AgeDistribution read_age_distribution(Context& c, const Node& n, const std::string& p, std::size_t a) {
  return read_ages(c, n, p, a, nullptr);
}

model::AgeDistribution read_age_distribution(Context& c, const Node& n, const std::string& p,
                                             std::vector<std::string>* weight_slots) {
  return read_ages(c, n, p, 0, weight_slots);
}

void read_stream_common(Context& c, const Node& t, const std::string& p, model::ArrivalSpec& a,
                        std::size_t index) {
  Reader& r = c.r;
  const Node& into = r.required(t, p, "into");
  a.into = r.string(into, p + ".into");
  const auto& state = c.spec.states[static_cast<std::size_t>(c.state(into, p + ".into", a.into))];
  if (state.kind == model::StateKind::exit)
    r.fail(into, p + ".into", "expected a living state, got exit state '" + a.into + "'");
  if (const std::string why = model::entry_rule(c.spec, a.into); !why.empty()) r.fail(into, p + ".into", why);
  a.group = "general";
  if (const Node* g = t.find("group")) {
    a.group = r.string(*g, p + ".group");
    c.group(*g, p + ".group", a.group);
  }
  a.age = read_age_distribution(c, r.required(t, p, "age"), p + ".age", index);
  a.share_women = r.number_or(t, p, "share_women", 0.5, share(), T{K::arrival_share_women, index});
  bool permit = false;
  for (const auto& g : c.spec.groups) permit = permit || (g.name == a.group && g.has_permit_date);
  const Node* lead_min = t.find("permit_lead_min_years");
  const Node* lead_max = t.find("permit_lead_max_years");
  if (!permit && (lead_min || lead_max))
    r.fail(
        lead_min ? *lead_min : *lead_max,
        p + (lead_min ? ".permit_lead_min_years" : ".permit_lead_max_years"),
        "only streams of a group with has_permit_date = true carry a permit date (group '" + a.group + "')");
  a.permit_lead_min_years =
      r.number_or(t, p, "permit_lead_min_years", 0.0, non_negative("years before arrival"),
                  T{K::arrival_permit_lead_min, index});
  a.permit_lead_max_years =
      r.number_or(t, p, "permit_lead_max_years", a.permit_lead_min_years,
                  non_negative("years before arrival"), T{K::arrival_permit_lead_max, index});
  if (a.permit_lead_max_years < a.permit_lead_min_years)
    r.fail(*lead_max, p + ".permit_lead_max_years",
           "expected a value >= permit_lead_min_years (" + std::to_string(a.permit_lead_min_years) + ")");
}

namespace {

enum class Unit { per_year, per_1000 };

Unit parse_unit(const Reader& r, const Node& n, const std::string& p, const std::string& text) {
  if (text == "per_year") return Unit::per_year;
  if (text == "per_1000_inhabitants") return Unit::per_1000;
  r.fail(n, p, "expected \"per_year\" or \"per_1000_inhabitants\", got \"" + text + "\"");
}

double largest_rate(Unit unit) {
  return unit == Unit::per_year ? plausible::kMaxArrivalsPerYear : plausible::kMaxArrivalsPer1000Inhabitants;
}

// Reads the rate table of stream `a` from rates_file and/or inline `rates`; inline values win over the file's
// for the same period, and a named gemeente over "all gemeenten" ("*" in the file, a plain number inline).
void read_rates(Context& c, const Node& t, const std::string& p, std::size_t a) {
  Reader& r = c.r;
  const std::size_t n_g = c.spec.gemeenten.size();
  const auto& into = c.spec.states[static_cast<std::size_t>(c.state(t, p, c.spec.arrivals[a].into))];
  std::vector<double> per_1000(n_g), per_year(n_g);  // factor from the given number to persons per year
  std::vector<bool> module(n_g);
  for (std::size_t g = 0; g < n_g; ++g) {
    module[g] = c.places_module(static_cast<int>(g), into);
    per_1000[g] = module[g] ? c.spec.gemeenten[g].inhabitants / 1000.0 : 0.0;
    per_year[g] = module[g] ? 1.0 : 0.0;
  }
  const CsvTable* file = nullptr;
  if (const Node* f = r.optional_file(t, p, "rates_file")) {
    file = &r.csv(*f, p + ".rates_file");
    file->require_columns({"period_start", "gemeente", "rate", "unit"});
  }
  const Node* inline_rates = t.find("rates");
  if (!file && !inline_rates)
    r.fail(t, p, "missing key 'rates' or 'rates_file' (the arrival rates per period)");
  // The periods: every date either source names.
  std::vector<model::Day> starts;
  if (file)
    for (const auto& row : file->rows()) starts.push_back(file->date(row, "period_start"));
  if (inline_rates) {
    r.expect_table(*inline_rates, p + ".rates");
    for (const auto& [key, value] : inline_rates->members) {
      const auto d = parse_iso_date(key);
      if (!d) r.fail(value, join_path(p + ".rates", key), "expected a period start date YYYY-MM-DD as key");
      starts.push_back(*d);
    }
  }
  std::sort(starts.begin(), starts.end());
  starts.erase(std::unique(starts.begin(), starts.end()), starts.end());
  auto& arrival = c.spec.arrivals[a];
  arrival.period_start = starts;
  arrival.rate.assign(starts.size(), std::vector<double>(n_g, 0.0));
  auto period = [&](model::Day d) {
    return static_cast<std::size_t>(std::lower_bound(starts.begin(), starts.end(), d) - starts.begin());
  };
  auto module_error = [&](const std::string& gemeente) {
    return "gemeente '" + gemeente + "' does not place the module of '" + into.name +
           "' at Werkzaak: expected no arrivals there (rate 0)";
  };
  if (file) {
    std::map<std::pair<std::size_t, int>, int> seen;  // (period, gemeente or -1) -> line
    for (int pass = 0; pass < 2; ++pass)              // "*" rows first, then named gemeenten overwrite them
      for (const auto& row : file->rows()) {
        const std::string& name = file->text(row, "gemeente");
        if ((name == "*") != (pass == 0)) continue;
        const std::size_t k = period(file->date(row, "period_start"));
        int g = -1;
        if (name != "*") {
          for (std::size_t i = 0; i < n_g; ++i)
            if (c.spec.gemeenten[i].name == name) g = static_cast<int>(i);
          if (g < 0) file->fail(row, "gemeente", "a gemeente of the scenario or *");
        }
        if (!seen.emplace(std::make_pair(k, g), row.line).second)
          file->fail(row, "each (period_start, gemeente) once");
        const std::string& unit_text = file->text(row, "unit");
        if (unit_text != "per_year" && unit_text != "per_1000_inhabitants")
          file->fail(row, "unit", "per_year or per_1000_inhabitants");
        const Unit unit = unit_text == "per_year" ? Unit::per_year : Unit::per_1000;
        const double v = file->non_negative(row, "rate", largest_rate(unit));
        const auto& factor = unit == Unit::per_year ? per_year : per_1000;
        if (g >= 0 && v > 0 && !module[static_cast<std::size_t>(g)]) file->fail(row, module_error(name));
        for (std::size_t i = 0; i < n_g; ++i)
          if (g < 0 || static_cast<int>(i) == g) arrival.rate[k][i] = v * factor[i];
      }
  }
  if (inline_rates) {
    const Node& unit_node = r.required(t, p, "rate_unit");
    const Unit unit = parse_unit(r, unit_node, p + ".rate_unit", r.string(unit_node, p + ".rate_unit"));
    const auto& factor = unit == Unit::per_year ? per_year : per_1000;
    const char* units =
        unit == Unit::per_year ? "persons per year" : "persons per year per 1,000 inhabitants";
    const double upper = largest_rate(unit);
    for (const auto& [key, value] : inline_rates->members) {
      const std::string kp = join_path(p + ".rates", key);
      const std::size_t k = period(*parse_iso_date(key));
      if (value.is_table() && !value.find("distribution")) {
        for (const auto& [name, v] : value.members) {
          const std::string vp = join_path(kp, name);
          const auto g = static_cast<std::size_t>(c.gemeente(v, vp, name));
          const double f = factor[g];
          const double x = r.number(v, vp, non_negative(units, upper), T{K::arrival_rate, a, k, 0, g, f});
          if (x > 0 && !module[g]) r.fail(v, vp, module_error(name));
          arrival.rate[k][g] = x * f;
        }
      } else {
        std::vector<T> targets;
        for (std::size_t g = 0; g < factor.size(); ++g)
          targets.push_back(T{K::arrival_rate, a, k, 0, g, factor[g]});
        const double x = r.number(value, kp, non_negative(units, upper), std::move(targets));
        for (std::size_t g = 0; g < n_g; ++g) arrival.rate[k][g] = x * factor[g];
      }
    }
  } else if (const Node* u = t.find("rate_unit")) {
    r.fail(*u, p + ".rate_unit", "only used with inline 'rates' (rates_file has a unit column)");
  }
  if (starts.empty()) r.fail(t, p, "expected at least one period of rates");
  if (starts.front() > c.spec.run.start)
    r.fail(inline_rates ? *inline_rates : t, p + ".rates",
           "expected the first period to start on or before scenario.start (" +
               format_iso_date(c.spec.run.start) + "), got " + format_iso_date(starts.front()));
}

}  // namespace

void read_arrivals(Context& c, const Node& root) {
  Reader& r = c.r;
  const Node* t = root.find("arrivals");
  if (!t) return;
  r.expect_table(*t, "arrivals");
  for (const auto& [name, value] : t->members) {
    const std::string p = join_path("arrivals", name);
    r.expect_table(value, p);
    r.check_keys(value, p,
                 {"into", "group", "rates", "rate_unit", "rates_file", "rate_multiplier", "age",
                  "share_women", "permit_lead_min_years", "permit_lead_max_years", "enabled", "description"});
    r.string_or(value, p, "description", "");
    if (!r.boolean_or(value, p, "enabled", true)) continue;
    const std::size_t a = c.spec.arrivals.size();
    c.spec.arrivals.emplace_back();
    c.spec.arrivals[a].name = name;
    model::ArrivalSpec stream;
    stream.name = name;
    read_stream_common(c, value, p, stream, a);
    c.spec.arrivals[a] = stream;
    read_rates(c, value, p, a);
    c.spec.arrivals[a].rate_multiplier = r.number_or(
        value, p, "rate_multiplier", 1.0, non_negative("times every rate", plausible::kMaxMultiplier),
        T{K::arrival_rate_multiplier, a});
  }
}

}  // namespace ws::scenario
