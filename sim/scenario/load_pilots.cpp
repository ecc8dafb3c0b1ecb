// [pilots]: reads the board's three pilots (seed 001, 27 Nov 2025) into typed specs and hands them to the
// model, which expands them (sim/model/pilots/). Reading only: types, ranges, required keys and the names of
// drawn numbers; what a pilot adds to the model, and the structural rules, are the model's.
#include <algorithm>

#include "sim/common/date.hpp"
#include "sim/model/pilots/expand.hpp"
#include "sim/scenario/money_sections.hpp"
#include "sim/scenario/plausible.hpp"

namespace ws::scenario {

namespace mp = model::pilots;

namespace {

mp::Origin origin(const Node& n, const std::string& path) {
  std::string where = n.source ? n.source->display : "scenario";
  if (n.line > 0) {  // appended step by step: GCC 12 warns (-Wrestrict) about ":" + std::string
    where += ':';
    where += std::to_string(n.line);
  }
  return {where, path};
}

// A number that may be drawn: the slot (named by its path) gets its targets when the pilot is expanded.
mp::Number number(Context& c, const Node& n, const std::string& path, const Bounds& bounds) {
  mp::Number out;
  out.value = c.r.number(n, path, bounds, Targets{});
  if (is_distribution(n)) out.slot = path;
  out.origin = origin(n, path);
  return out;
}

mp::Number number_or(Context& c, const Node& t, const std::string& path, std::string_view key,
                     double fallback, const Bounds& bounds) {
  if (const Node* n = t.find(key)) return number(c, *n, join_path(path, key), bounds);
  return {fallback, "", origin(t, join_path(path, key))};
}

// { state = rate, ... }
std::vector<mp::Rate> rates(Context& c, const Node& table, const std::string& path, const Bounds& bounds,
                            const char* what) {
  c.r.expect_table(table, path);
  if (is_distribution(table)) c.r.fail(table, path, std::string("expected a table { ") + what + ", ... }");
  std::vector<mp::Rate> out;
  for (const auto& [name, value] : table.members)
    out.push_back({name, number(c, value, join_path(path, name), bounds)});
  return out;
}

// { state = number, ... } of plain numbers (no distributions).
std::vector<mp::Rate> plain_rates(Context& c, const Node& table, const std::string& path,
                                  const Bounds& bounds, const char* what) {
  c.r.expect_table(table, path);
  if (is_distribution(table)) c.r.fail(table, path, std::string("expected a table { ") + what + ", ... }");
  std::vector<mp::Rate> out;
  for (const auto& [name, value] : table.members) {
    const std::string vp = join_path(path, name);
    out.push_back({name, {c.r.number(value, vp, bounds, nullptr), "", origin(value, vp)}});
  }
  return out;
}

std::vector<mp::Rate> hazards(Context& c, const Node& table, const std::string& path) {
  return rates(c, table, path, non_negative("per year", plausible::kMaxRatePerYear), "state = rate per year");
}

std::vector<std::string> names(const Reader& r, const Node& n, const std::string& path) {
  r.expect_array(n, path);
  std::vector<std::string> out;
  for (std::size_t k = 0; k < n.items.size(); ++k) out.push_back(r.string(n.items[k], index_path(path, k)));
  return out;
}

// scale = { "from->to" = factor, ... }: existing hazards times factor for the pilot's participants.
std::vector<mp::HazardScaling> read_scale(Context& c, const Node& t, const std::string& p) {
  std::vector<mp::HazardScaling> out;
  const Node* n = t.find("scale");
  if (!n) return out;
  const std::string path = p + ".scale";
  c.r.expect_table(*n, path);
  if (is_distribution(*n)) c.r.fail(*n, path, "expected a table { \"from->to\" = factor, ... }");
  for (const auto& [key, value] : n->members) {
    const auto arrow = key.find("->");
    std::string quoted = "\"";  // built step by step: GCC 12 warns (-Wrestrict) about "\"" + std::string
    quoted += key;
    quoted += '"';
    const std::string vp = join_path(path, quoted);
    if (arrow == std::string::npos) c.r.fail(value, vp, "expected a transition \"from->to\" as key");
    out.push_back({key.substr(0, arrow), key.substr(arrow + 2),
                   number(c, value, vp, non_negative("times the hazard", plausible::kMaxMultiplier))});
  }
  return out;
}

std::string state_name(Context& c, const Node& t, const std::string& p, const char* fallback) {
  const std::string state = c.r.string_or(t, p, "state", fallback);
  if (state.empty() || state == "in" || state.find("->") != std::string::npos)
    c.r.fail(*t.find("state"), p + ".state", "expected a state name without '->' and other than 'in'");
  return state;
}

void read_places(Context& c, const Node& t, const std::string& p, mp::PWettersInDienst& pilot) {
  Reader& r = c.r;
  const Node& places = r.required(t, p, "places");
  if (!places.is_table() || is_distribution(places)) {
    pilot.places = {number(c, places, p + ".places", non_negative("places per year"))};
    return;
  }
  // Like [capacities]: { year = places } from each listed year on.
  pilot.places_per_listed_year = true;
  for (const auto& [year, node] : r.by_year(places, p + ".places")) {
    pilot.place_years.push_back(year);
    pilot.places.push_back(
        number(c, *node, join_path(p + ".places", std::to_string(year)), non_negative("places")));
  }
}

// [pilots.p_wetters_in_dienst.ww]: the WW rights the contract builds (plain numbers: the law's, not drawn).
mp::WwRights read_ww_rights(Context& c, const Node& t, const std::string& p) {
  Reader& r = c.r;
  r.check_keys(t, p,
               {"weeks_required", "min_months", "months_per_year_worked", "max_months", "prior_years_worked",
                "share_entitled", "outflow"});
  mp::WwRights w;
  w.origin = origin(t, p);
  const Bounds weeks = non_negative("weeks", 52), months = non_negative("months", 120);
  w.weeks_required = r.number_or(t, p, "weeks_required", w.weeks_required, weeks, nullptr);
  w.min_months = r.number_or(t, p, "min_months", w.min_months, months, nullptr);
  w.months_per_year_worked =
      r.number_or(t, p, "months_per_year_worked", w.months_per_year_worked, months, nullptr);
  w.max_months = r.number_or(t, p, "max_months", w.max_months, months, nullptr);
  if (w.max_months < w.min_months)
    r.fail(t.find("max_months") ? *t.find("max_months") : t, p + ".max_months",
           "expected at least min_months");
  w.prior_years_worked = r.number_or(t, p, "prior_years_worked", 0.0, non_negative("years", 60), nullptr);
  w.then_share = r.number_or(t, p, "share_entitled", 1.0, share(), nullptr);
  if (const Node* o = t.find("outflow")) w.outflow = hazards(c, *o, p + ".outflow");
  return w;
}

// groups.<name>.uwv_benefit: the WW or WIA benefit the group's persons keep.
mp::UwvBenefit read_uwv_benefit(Context& c, const Node& t, const std::string& p) {
  Reader& r = c.r;
  r.expect_table(t, p);
  r.check_keys(t, p, {"state", "description", "months", "then", "share_entitled", "otherwise", "outflow"});
  mp::UwvBenefit b;
  b.origin = origin(t, p);
  b.state = state_name(c, t, p, "ww");
  b.description = r.string_or(t, p, "description", "benefit paid by the UWV (" + b.state + ")");
  b.months = r.number_or(t, p, "months", 0.0, non_negative("months", 120), nullptr);
  b.then = r.string_or(t, p, "then", "bijstand");
  if (const Node* n = t.find("then")) c.state(*n, p + ".then", b.then);
  b.then_share = r.number_or(t, p, "share_entitled", 1.0, share(), nullptr);
  b.otherwise = r.string_or(t, p, "otherwise", "vertrokken");
  if (const Node* n = t.find("otherwise")) c.state(*n, p + ".otherwise", b.otherwise);
  if (const Node* o = t.find("outflow")) b.outflow = hazards(c, *o, p + ".outflow");
  return b;
}

void read_p_wetters_in_dienst(Context& c, const Node& t, const std::string& p, mp::PilotsSpec& out) {
  Reader& r = c.r;
  r.check_keys(t, p,
               {"enabled",
                "description",
                "start",
                "end",
                "state",
                "places",
                "intake",
                "age_min",
                "age_max",
                "min_years_in_state",
                "contract_years",
                "after_contract",
                "outflow",
                "waiting_outflow",
                "waiting_counts_as",
                "wage_cost_per_person_year",
                "lks_per_person_year",
                "support_cost_per_person_year",
                "cost_per_year",
                "scale",
                "ww"});
  r.string_or(t, p, "description", "");
  if (!r.boolean_or(t, p, "enabled", true)) return;
  mp::PWettersInDienst& pilot = out.p_wetters_in_dienst.emplace();
  pilot.window = pilot::read_window(c, t, p);
  pilot.state = state_name(c, t, p, "in_dienst");
  pilot.state_origin = origin(t.find("state") ? *t.find("state") : t, p + ".state");
  read_places(c, t, p, pilot);
  const Bounds ages{0, 130, "years of age"};
  if (const Node* n = t.find("age_min")) pilot.age_min = r.number(*n, p + ".age_min", ages, nullptr);
  if (const Node* n = t.find("age_max")) pilot.age_max = r.number(*n, p + ".age_max", ages, nullptr);
  if (!(pilot.age_max > pilot.age_min))
    r.fail(t.find("age_max") ? *t.find("age_max") : t, p + ".age_max", "expected an age above age_min");
  if (const Node* d = t.find("min_years_in_state"))
    pilot.min_years_in_state = r.number(*d, p + ".min_years_in_state", non_negative("years"), nullptr);
  pilot.intake = hazards(c, r.required(t, p, "intake"), p + ".intake");
  if (const Node* o = t.find("outflow")) pilot.outflow = hazards(c, *o, p + ".outflow");
  const Node& contract = r.required(t, p, "contract_years");
  pilot.contract_years = r.number(contract, p + ".contract_years", positive("years"), nullptr);
  pilot.after_contract = r.string_or(t, p, "after_contract", "bijstand");
  pilot.after_contract_origin =
      origin(t.find("after_contract") ? *t.find("after_contract") : contract, p + ".after_contract");
  if (const Node* o = t.find("waiting_outflow"))
    pilot.waiting_outflow = hazards(c, *o, p + ".waiting_outflow");
  pilot.waiting_outflow_origin = origin(t, p + ".waiting_outflow");
  pilot.wage_cost = number_or(c, t, p, "wage_cost_per_person_year", 0.0, non_negative("EUR"));
  pilot.lks = number_or(c, t, p, "lks_per_person_year", 0.0, non_negative("EUR"));
  pilot.support_cost = number_or(c, t, p, "support_cost_per_person_year", 0.0, non_negative("EUR"));
  pilot.cost_per_year = number_or(c, t, p, "cost_per_year", 0.0, non_negative("EUR"));
  pilot.waiting_counts_as = r.string_or(t, p, "waiting_counts_as", "bijstand");
  if (const Node* n = t.find("waiting_counts_as"))
    c.state(*n, p + ".waiting_counts_as", pilot.waiting_counts_as);
  pilot.scale = read_scale(c, t, p);
  if (const Node* w = t.find("ww")) pilot.ww = read_ww_rights(c, r.expect_table(*w, p + ".ww"), p + ".ww");
}

void read_ondernemerschap(Context& c, const Node& t, const std::string& p, mp::PilotsSpec& out) {
  Reader& r = c.r;
  r.check_keys(t, p,
               {"enabled", "description", "start", "end", "extra_revenue_per_person_year", "extra_places",
                "cost_per_year", "market_work", "production_halls", "places_per_hall"});
  r.string_or(t, p, "description", "");
  if (!r.boolean_or(t, p, "enabled", true)) return;
  mp::Ondernemerschap& pilot = out.ondernemerschap.emplace();
  pilot.window = pilot::read_window(c, t, p);
  pilot.extra_revenue = number_or(c, t, p, "extra_revenue_per_person_year", 0.0, non_negative("EUR"));
  pilot.cost_per_year = number_or(c, t, p, "cost_per_year", 0.0, non_negative("EUR"));
  if (const Node* n = t.find("extra_places"))
    pilot.extra_places =
        rates(c, *n, p + ".extra_places", non_negative("places per year"), "capacity_state = places");
  pilot.market_work_origin = origin(t, p + ".market_work");
  if (const Node* n = t.find("market_work"))
    pilot.market_work = plain_rates(c, *n, p + ".market_work", share(), "state = share working in the halls");
  pilot.halls = r.number_or(t, p, "production_halls", 0.0, non_negative("halls", 1000), nullptr);
  pilot.places_per_hall = number_or(c, t, p, "places_per_hall", 0.0, non_negative("places per hall"));
  if (pilot.halls > 0 && !t.find("places_per_hall"))
    r.fail(*t.find("production_halls"), p + ".places_per_hall",
           "expected places_per_hall with production_halls (the halls' capacity caps the market work)");
}

void read_group(Context& c, const std::string& name, const Node& t, const std::string& p,
                mp::NieuweDoelgroepen& pilot) {
  Reader& r = c.r;
  r.expect_table(t, p);
  r.check_keys(t, p,
               {"description", "inflow_per_year", "age", "share_women", "outflow", "at_werkzaak",
                "no_benefit_in", "funded_in", "funding_per_intake", "funding_per_person_year",
                "support_cost_per_person_year", "uwv_benefit"});
  if (name.empty() || name == "in" || name.find("->") != std::string::npos)
    r.fail(t, p, "expected a group name without '->' and other than 'in' (it names a state too)");
  mp::NewTargetGroup& g = pilot.groups.emplace_back();
  g.name = name;
  g.origin = origin(t, p);
  g.description = r.string_or(t, p, "description", "new target group in a trajectory at Werkzaak");
  g.at_werkzaak = r.boolean_or(t, p, "at_werkzaak", true);
  g.age = read_age_distribution(c, r.required(t, p, "age"), p + ".age", &g.age_weight_slots);
  g.share_women = number_or(c, t, p, "share_women", 0.5, share());
  g.inflow = number(c, r.required(t, p, "inflow_per_year"), p + ".inflow_per_year",
                    non_negative("persons per year", plausible::kMaxArrivalsPerYear));
  g.outflow = hazards(c, r.required(t, p, "outflow"), p + ".outflow");
  if (const Node* f = t.find("funded_in")) g.funded_in = names(r, *f, p + ".funded_in");
  g.funding_per_intake = number_or(c, t, p, "funding_per_intake", 0.0, non_negative("EUR"));
  g.funding_per_person_year = number_or(c, t, p, "funding_per_person_year", 0.0, non_negative("EUR"));
  g.support_cost = number_or(c, t, p, "support_cost_per_person_year", 0.0, non_negative("EUR"));
  if (const Node* n = t.find("no_benefit_in")) g.no_benefit_in = names(r, *n, p + ".no_benefit_in");
  if (const Node* n = t.find("uwv_benefit")) g.uwv_benefit = read_uwv_benefit(c, *n, p + ".uwv_benefit");
}

void read_nieuwe_doelgroepen(Context& c, const Node& t, const std::string& p, mp::PilotsSpec& out) {
  Reader& r = c.r;
  r.check_keys(t, p,
               {"enabled", "description", "start", "end", "groups", "benefit_items", "extra_places",
                "cost_per_year", "scale"});
  r.string_or(t, p, "description", "");
  if (!r.boolean_or(t, p, "enabled", true)) return;
  mp::NieuweDoelgroepen& pilot = out.nieuwe_doelgroepen.emplace();
  pilot.window = pilot::read_window(c, t, p);
  pilot.benefit_items_origin = origin(t, p + ".benefit_items");
  if (const Node* b = t.find("benefit_items")) {
    const std::string bp = p + ".benefit_items";
    pilot.benefit_items = names(r, *b, bp);
    for (std::size_t k = 0; k < b->items.size(); ++k)
      pilot.benefit_item_origins.push_back(origin(b->items[k], index_path(bp, k)));
  }
  const Node& groups = r.expect_table(r.required(t, p, "groups"), p + ".groups");
  if (groups.members.empty()) r.fail(groups, p + ".groups", "expected at least one group");
  for (const auto& [name, value] : groups.members)
    read_group(c, name, value, join_path(p + ".groups", name), pilot);
  pilot.cost_per_year = number_or(c, t, p, "cost_per_year", 0.0, non_negative("EUR"));
  if (const Node* n = t.find("extra_places"))
    pilot.extra_places =
        rates(c, *n, p + ".extra_places", non_negative("places per year"), "capacity_state = places");
  pilot.scale = read_scale(c, t, p);
}

}  // namespace

void read_pilots(Context& c, const Node& root) {
  const Node* t = root.find("pilots");
  if (!t) return;
  Reader& r = c.r;
  r.expect_table(*t, "pilots");
  r.check_keys(*t, "pilots", {"p_wetters_in_dienst", "ondernemerschap", "nieuwe_doelgroepen"});
  mp::PilotsSpec pilots;
  if (const Node* p = t->find("p_wetters_in_dienst"))
    read_p_wetters_in_dienst(c, r.expect_table(*p, "pilots.p_wetters_in_dienst"),
                             "pilots.p_wetters_in_dienst", pilots);
  if (const Node* p = t->find("ondernemerschap"))
    read_ondernemerschap(c, r.expect_table(*p, "pilots.ondernemerschap"), "pilots.ondernemerschap", pilots);
  if (const Node* p = t->find("nieuwe_doelgroepen"))
    read_nieuwe_doelgroepen(c, r.expect_table(*p, "pilots.nieuwe_doelgroepen"), "pilots.nieuwe_doelgroepen",
                            pilots);
  mp::expand_pilots(c.spec, pilots);
}

namespace pilot {

model::pilots::Window read_window(Context& c, const Node& t, const std::string& p) {
  Reader& r = c.r;
  const auto& run = c.spec.run;
  model::pilots::Window w{run.start, run.end};
  std::string horizon = "[";  // built step by step: GCC 12 warns (-Wrestrict) about "[" + std::string
  horizon += format_iso_date(run.start);
  horizon += ", ";
  horizon += format_iso_date(run.end);
  horizon += "]";
  const Node* start = t.find("start");
  const Node* end = t.find("end");
  if (start) {
    w.start = r.date(*start, p + ".start");
    if (w.start < run.start || w.start >= run.end)
      r.fail(*start, p + ".start",
             "expected a date within the horizon " + horizon + ", got " + format_iso_date(w.start));
  }
  if (end) {
    w.end = r.date(*end, p + ".end");
    if (w.end <= run.start || w.end > run.end)
      r.fail(*end, p + ".end",
             "expected a date within the horizon " + horizon + ", got " + format_iso_date(w.end));
  }
  if (w.end <= w.start)
    r.fail(end ? *end : *start, p + ".end", "expected a date after start (" + format_iso_date(w.start) + ")");
  return w;
}

}  // namespace pilot
}  // namespace ws::scenario
