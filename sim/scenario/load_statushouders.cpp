// [statushouders]: an arrival stream derived from the national half-year taakstelling.
//
// persons per year housed in gemeente g during half year h
//     = taakstelling(h) [persons per half year] * 2 * inhabitants(g) / national_population,
// and the stream's rate_multiplier is the adult share (the housed persons who enter bijstand as adults).
// Half years after the last one in the file take future_per_half_year; a half year before the first, or in a
// gap of the file, takes the latest earlier listed value (the first listed before the file starts).
#include <algorithm>
#include <iomanip>
#include <limits>
#include <sstream>

#include "sim/common/date.hpp"
#include "sim/scenario/sections.hpp"

namespace ws::scenario {

using model::ScenarioSpec;

namespace {

// "2025H1" -> 2025 * 2 + 0; nullopt when malformed.
std::optional<int> parse_half_year(const std::string& text) {
  if (text.size() != 6 || (text[4] != 'H' && text[4] != 'h') || (text[5] != '1' && text[5] != '2'))
    return std::nullopt;
  int year = 0;
  for (int i = 0; i < 4; ++i) {
    if (text[static_cast<std::size_t>(i)] < '0' || text[static_cast<std::size_t>(i)] > '9')
      return std::nullopt;
    year = year * 10 + (text[static_cast<std::size_t>(i)] - '0');
  }
  return year * 2 + (text[5] - '1');
}

model::Day half_year_start(int half) { return days_from_civil(half / 2, half % 2 == 0 ? 1 : 7, 1); }

int half_year_of(model::Day day) {
  const CivilDate d = civil_from_days(day);
  return d.year * 2 + (d.month >= 7 ? 1 : 0);
}

// Persons, not millions: 17.475415 is refused with the hint, as is any number no country of persons has.
double read_national_population(Reader& r, const Node& n, const std::string& path) {
  const double v = r.number(n, path, positive("inhabitants of the Netherlands"), nullptr);
  if (v < plausible::kMinNationalPopulation || v > plausible::kMaxNationalPopulation) {
    std::ostringstream what;
    what << std::setprecision(10) << "expected persons in [" << plausible::kMinNationalPopulation << ", "
         << plausible::kMaxNationalPopulation << "], e.g. 17475415, got " << v
         << (v < 1000 ? " (did you type millions?)" : "");
    r.fail(n, path, what.str());
  }
  return v;
}

}  // namespace

void read_statushouders(Context& c, const Node& root) {
  Reader& r = c.r;
  const std::string p = "statushouders";
  const Node* tp = root.find(p);
  if (!tp) return;
  const Node& t = r.expect_table(*tp, p);
  r.check_keys(
      t, p,
      {"enabled", "name", "into", "group", "taakstelling_file", "future_per_half_year", "national_population",
       "adult_share", "age", "share_women", "permit_lead_min_years", "permit_lead_max_years", "description"});
  r.string_or(t, p, "description", "");
  if (!r.boolean_or(t, p, "enabled", true)) return;
  const std::size_t a = c.spec.arrivals.size();
  c.spec.arrivals.emplace_back();
  model::ArrivalSpec stream;
  stream.name = r.string_or(t, p, "name", "statushouders");
  for (std::size_t i = 0; i < a; ++i)
    if (c.spec.arrivals[i].name == stream.name)
      r.fail(t, p + ".name",
             "expected a stream name other than '" + stream.name + "', which [arrivals] already uses");
  read_stream_common(c, t, p, stream, a);
  const auto& state = c.spec.states[static_cast<std::size_t>(c.state(t, p, stream.into))];
  const auto& g = c.spec.groups[static_cast<std::size_t>(c.group(t, p, stream.group))];
  if (!g.has_permit_date)
    r.fail(t.find("group") ? *t.find("group") : t, p + ".group",
           "expected a group with has_permit_date = true (statushouders carry a permit date), got '" +
               g.name + "'");
  stream.rate_multiplier = r.number(r.required(t, p, "adult_share"), p + ".adult_share", share(),
                                    T{K::arrival_rate_multiplier, a});

  // The national taakstelling per half year.
  const Node& file = r.required(t, p, "taakstelling_file");
  const CsvTable& csv = r.csv(file, p + ".taakstelling_file");
  csv.require_columns({"period", "persons"});
  std::vector<int> halves;
  std::vector<double> persons;
  for (const auto& row : csv.rows()) {
    const auto h = parse_half_year(csv.text(row, "period"));
    if (!h) csv.fail(row, "period", "a half year such as 2025H1");
    if (!halves.empty() && *h <= halves.back()) csv.fail(row, "period", "half years in ascending order");
    halves.push_back(*h);
    persons.push_back(csv.non_negative(row, "persons", plausible::kMaxPersonsPerRow));
  }
  if (halves.empty())
    r.fail(file, p + ".taakstelling_file", "expected at least one half year in " + csv.display());
  const double national =
      read_national_population(r, r.required(t, p, "national_population"), p + ".national_population");
  // Persons per year in gemeente g for one person per half year nationally; 0 where the module is elsewhere.
  std::vector<double> factor;
  for (std::size_t i = 0; i < c.spec.gemeenten.size(); ++i)
    factor.push_back(
        c.places_module(static_cast<int>(i), state) ? 2.0 * c.spec.gemeenten[i].inhabitants / national : 0.0);
  const int first = half_year_of(c.spec.run.start), last = half_year_of(c.spec.run.end - 1);
  const std::size_t first_future =
      static_cast<std::size_t>(std::max(0, std::min(last + 1, halves.back() + 1) - first));
  std::vector<T> targets;
  for (std::size_t g = 0; g < factor.size(); ++g)
    targets.push_back(
        T{K::arrival_rate, a, first_future, std::numeric_limits<std::size_t>::max(), g, factor[g]});
  targets.push_back(T{K::money_buig_taakstelling, 0});  // the BUIG macro budget follows it (money_rules.cpp)
  const double future = r.number(
      r.required(t, p, "future_per_half_year"), p + ".future_per_half_year",
      non_negative("persons per half year, national", plausible::kMaxPersonsPerRow), std::move(targets));
  c.spec.money.buig.taakstelling = future;
  for (int h = first; h <= last; ++h) {
    double n = future;
    if (h <= halves.back()) {
      const auto it = std::upper_bound(halves.begin(), halves.end(), h);  // first listed after h
      n = it == halves.begin() ? persons.front() : persons[static_cast<std::size_t>(it - halves.begin()) - 1];
    }
    stream.period_start.push_back(half_year_start(h));
    std::vector<double> rates;
    for (const double f : factor) rates.push_back(n * f);
    stream.rate.push_back(std::move(rates));
  }
  // The BUIG macro budget adds the national volume of the future taakstelling only (money_rules.cpp).
  c.spec.money.buig.future_from =
      first_future < stream.period_start.size() ? stream.period_start[first_future] : c.spec.run.end;
  c.spec.arrivals[a] = std::move(stream);
}

}  // namespace ws::scenario
