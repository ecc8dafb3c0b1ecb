// [money.items.<name>]: what one replication's person-years, flows and places cost or bring in, and the fixed
// amounts per year (the funding lines), with the key that shares whole-area amounts over the gemeenten.
#include <algorithm>
#include <set>

#include "sim/common/date.hpp"
#include "sim/model/state_graph.hpp"
#include "sim/scenario/money_sections.hpp"

namespace ws::scenario {

using model::MoneyBasis;
using model::MoneyItemSpec;
using model::MoneyKey;
using model::ScenarioSpec;

namespace {

constexpr const char* kAtWerkzaak = "at_werkzaak";

std::vector<std::string> string_list(const Reader& r, const Node& n, const std::string& path) {
  r.expect_array(n, path);
  std::vector<std::string> out;
  for (std::size_t k = 0; k < n.items.size(); ++k) out.push_back(r.string(n.items[k], index_path(path, k)));
  return out;
}

MoneyBasis parse_basis(const Reader& r, const Node& n, const std::string& path) {
  const std::string v = r.string(n, path);
  if (v == "person_year") return MoneyBasis::person_year;
  if (v == "transition") return MoneyBasis::transition;
  if (v == "place") return MoneyBasis::place;
  if (v == "year") return MoneyBasis::year;
  r.fail(n, path, "expected one of person_year, transition, place, year, got \"" + v + "\"");
}

MoneyKey parse_key(const Reader& r, const Node& n, const std::string& path) {
  const std::string v = r.string(n, path);
  if (v == "population") return MoneyKey::population;
  if (v == "population_participatiewet") return MoneyKey::population_participatiewet;
  if (v == "population_wsw") return MoneyKey::population_wsw;
  if (v == "use") return MoneyKey::use;
  if (v == "shares") return MoneyKey::shares;
  r.fail(n, path,
         "expected one of population, population_participatiewet, population_wsw, use, shares, got \"" + v +
             "\"");
}

// Keys that belong to one basis only: naming them for another basis is a mistake worth a message.
void forbid(const Reader& r, const Node& t, const std::string& path, const std::string& basis,
            std::initializer_list<std::string_view> keys) {
  for (const auto key : keys)
    if (const Node* n = t.find(key))
      r.fail(*n, join_path(path, key), "not used by an item with per = \"" + basis + "\"");
}

void read_year_file(Context& c, const Node& t, const std::string& p, MoneyItemSpec& item) {
  Reader& r = c.r;
  const Node& file = *t.find("file");
  const Node& column_node = r.required(t, p, "column");
  const std::string column = r.string(column_node, p + ".column");
  const CsvTable& csv = r.csv(file, p + ".file");
  csv.require_columns({"year"});
  if (!csv.has_column(column))
    r.fail(column_node, p + ".column", "expected a column of " + csv.display() + ", got '" + column + "'");
  std::optional<double> structural;
  for (const auto& row : csv.rows()) {
    const std::string& year = csv.text(row, "year");
    const double amount = csv.non_negative(row, column);
    if (year == "structural") {
      if (structural) csv.fail(row, "year", "one 'structural' row");
      structural = amount;
      continue;
    }
    if (structural) csv.fail(row, "year", "the 'structural' row after every year");
    const auto parsed = parse_iso_date(year + "-01-01");
    if (year.size() != 4 || !parsed) csv.fail(row, "year", "a calendar year such as 2025, or 'structural'");
    const int y = civil_from_days(*parsed).year;
    if (!item.years.empty() && y <= item.years.back()) csv.fail(row, "year", "years in ascending order");
    item.years.push_back(y);
    item.year_amount.push_back(amount);
  }
  if (item.years.empty()) r.fail(file, p + ".file", "expected at least one year in " + csv.display());
  // The structural amount holds from the year after the last listed one.
  if (structural) {
    item.years.push_back(item.years.back() + 1);
    item.year_amount.push_back(*structural);
  }
}

void read_year_amounts(Context& c, const Node& t, const std::string& p, MoneyItemSpec& item, std::size_t i) {
  Reader& r = c.r;
  const Node& amounts = r.expect_table(*t.find("amounts"), p + ".amounts");
  if (is_distribution(amounts))
    r.fail(amounts, p + ".amounts", "expected a table { 2025 = EUR, 2026 = EUR, ... }");
  const auto rows = r.by_year(amounts, p + ".amounts");
  for (std::size_t k = 0; k < rows.size(); ++k) {
    item.years.push_back(rows[k].first);
    item.year_amount.push_back(r.number(*rows[k].second,
                                        join_path(p + ".amounts", std::to_string(rows[k].first)),
                                        non_negative("EUR per year"), T{K::money_year_amount, i, k}));
  }
}

void read_states_of_item(Context& c, const Node& t, const std::string& p, MoneyItemSpec& item,
                         std::size_t i) {
  Reader& r = c.r;
  const Node* states = t.find("states");
  const Node* by_state = t.find("amount_by_state");
  if (states && by_state)
    r.fail(*by_state, p + ".amount_by_state", "expected either states (with amount) or amount_by_state");
  if (by_state) {
    r.expect_table(*by_state, p + ".amount_by_state");
    if (is_distribution(*by_state) || by_state->members.empty())
      r.fail(*by_state, p + ".amount_by_state", "expected a table { state = EUR per person-year, ... }");
    for (const auto& [name, value] : by_state->members) {
      const std::size_t k = item.states.size();
      item.states.push_back(name);
      item.state_amount.push_back(r.number(value, join_path(p + ".amount_by_state", name),
                                           non_negative("EUR per person-year"),
                                           T{K::money_state_amount, i, k}));
    }
    return;
  }
  if (!states) r.fail(t, p, "missing key 'states' (or amount_by_state): the states whose person-years count");
  if (states->type == Node::Type::string) {
    if (states->text != kAtWerkzaak)
      r.fail(*states, p + ".states",
             "expected an array of states or \"at_werkzaak\", got \"" + states->text + "\"");
    item.at_werkzaak_states = true;
  } else {
    for (auto& name : string_list(r, *states, p + ".states")) {
      if (name == kAtWerkzaak)
        item.at_werkzaak_states = true;
      else
        item.states.push_back(name);
    }
    if (item.states.empty() && !item.at_werkzaak_states)
      r.fail(*states, p + ".states", "expected at least one state");
  }
  item.amount = r.number(r.required(t, p, "amount"), p + ".amount", non_negative("EUR per person-year"),
                         T{K::money_amount, i});
}

void read_exclusions(Context& c, const Node& t, const std::string& p, MoneyItemSpec& item) {
  Reader& r = c.r;
  const Node& list = r.expect_array(*t.find("exclude"), p + ".exclude");
  for (std::size_t k = 0; k < list.items.size(); ++k) {
    const std::string ep = index_path(p + ".exclude", k);
    const Node& e = r.expect_table(list.items[k], ep);
    r.check_keys(e, ep, {"group", "states"});
    model::MoneyExclusion x;
    x.group = r.string(r.required(e, ep, "group"), ep + ".group");
    x.states = string_list(r, r.required(e, ep, "states"), ep + ".states");
    item.exclude.push_back(std::move(x));
  }
}

void read_key(Context& c, const Node& t, const std::string& p, MoneyItemSpec& item) {
  Reader& r = c.r;
  item.key = MoneyKey::population;
  if (const Node* k = t.find("key")) item.key = parse_key(r, *k, p + ".key");
  if (const Node* ks = t.find("key_states")) {
    if (item.key != MoneyKey::use) r.fail(*ks, p + ".key_states", "only used with key = \"use\"");
    item.key_states = string_list(r, *ks, p + ".key_states");
  }
  const Node* shares = t.find("shares");
  if (item.key == MoneyKey::shares && !shares)
    r.fail(t, p, "missing key 'shares' (key = \"shares\": { gemeente = share, ... })");
  if (!shares) return;
  if (item.key != MoneyKey::shares) r.fail(*shares, p + ".shares", "only used with key = \"shares\"");
  item.shares = read_gemeente_shares(c, *shares, p + ".shares");
}

void read_item(Context& c, const std::string& name, const Node& t, const std::string& p) {
  Reader& r = c.r;
  r.expect_table(t, p);
  r.check_keys(t, p, {"description", "kind",    "per",    "amount",     "amount_by_state",
                      "states",      "state",   "groups", "exclude",    "persons_per_unit",
                      "transitions", "amounts", "file",   "column",     "multiplier",
                      "start",       "end",     "key",    "key_states", "shares",
                      "budget"});
  if (name == model::kOperatingResult)
    r.fail(t, p,
           std::string("the name '") + model::kOperatingResult +
               "' is reserved for the sum of the other items; expected another name");
  const std::size_t i = c.spec.money.items.size();
  c.spec.money.items.emplace_back();
  MoneyItemSpec item;
  item.name = name;
  item.description = r.string_or(t, p, "description", "");
  item.budget = read_budget(r, t, p);
  const Node& kind = r.required(t, p, "kind");
  const std::string k = r.string(kind, p + ".kind");
  if (k != "income" && k != "cost")
    r.fail(kind, p + ".kind", "expected \"income\" or \"cost\", got \"" + k + "\"");
  item.sign = k == "income" ? 1.0 : -1.0;
  item.basis = parse_basis(r, r.required(t, p, "per"), p + ".per");
  const auto amount = [&](const char* units) {
    item.amount =
        r.number(r.required(t, p, "amount"), p + ".amount", non_negative(units), T{K::money_amount, i});
  };
  switch (item.basis) {
    case MoneyBasis::person_year:
      forbid(r, t, p, "person_year",
             {"state", "transitions", "amounts", "file", "column", "key", "key_states", "shares"});
      read_states_of_item(c, t, p, item, i);
      if (const Node* g = t.find("groups")) item.groups = string_list(r, *g, p + ".groups");
      if (t.find("exclude")) read_exclusions(c, t, p, item);
      item.persons_per_unit = r.number_or(t, p, "persons_per_unit", 1.0, positive("person-years per unit"),
                                          T{K::money_persons_per_unit, i});
      break;
    case MoneyBasis::transition:
      forbid(r, t, p, "transition",
             {"amount_by_state", "states", "state", "groups", "exclude", "persons_per_unit", "amounts",
              "file", "column", "key", "key_states", "shares"});
      item.transitions = string_list(r, r.required(t, p, "transitions"), p + ".transitions");
      if (item.transitions.empty())
        r.fail(*t.find("transitions"), p + ".transitions", "expected at least one transition");
      amount("EUR per person");
      break;
    case MoneyBasis::place:
      forbid(r, t, p, "place",
             {"amount_by_state", "states", "groups", "exclude", "persons_per_unit", "transitions", "amounts",
              "file", "column"});
      item.states = {r.string(r.required(t, p, "state"), p + ".state")};
      amount("EUR per place per year");
      read_key(c, t, p, item);
      break;
    case MoneyBasis::year: {
      forbid(r, t, p, "year",
             {"amount_by_state", "states", "state", "groups", "exclude", "persons_per_unit", "transitions"});
      const int sources = (t.find("amount") ? 1 : 0) + (t.find("amounts") ? 1 : 0) + (t.find("file") ? 1 : 0);
      if (sources != 1)
        r.fail(t, p,
               "expected exactly one of amount (every year), amounts ({ year = EUR }) or file with column");
      if (t.find("column") && !t.find("file"))
        r.fail(*t.find("column"), p + ".column", "only used with file");
      if (t.find("amount")) amount("EUR per year");
      if (t.find("amounts")) read_year_amounts(c, t, p, item, i);
      if (t.find("file")) read_year_file(c, t, p, item);
      read_key(c, t, p, item);
      break;
    }
  }
  item.multiplier =
      r.number_or(t, p, "multiplier", 1.0, non_negative("times every amount"), T{K::money_multiplier, i});
  const model::pilots::Window w = pilot::read_window(c, t, p);
  item.start = w.start;
  item.end = w.end;
  c.spec.money.items[i] = std::move(item);
}

}  // namespace

MoneyNodes read_money(Context& c, const Node& root) {
  MoneyNodes nodes;
  const Node* t = root.find("money");
  if (!t) return nodes;
  Reader& r = c.r;
  r.expect_table(*t, "money");
  r.check_keys(*t, "money", {"items", "description", "buig", "sharing"});
  r.string_or(*t, "money", "description", "");
  read_money_rules(c, *t);
  const Node* items = t->find("items");
  if (!items) return nodes;
  r.expect_table(*items, "money.items");
  for (const auto& [name, value] : items->members) {
    read_item(c, name, value, join_path("money.items", name));
    nodes.push_back(&value);
  }
  return nodes;
}

void check_money(Context& c, const Node& root, const MoneyNodes& nodes) {
  Reader& r = c.r;
  const auto& items = c.spec.money.items;
  const std::vector<std::string> labels = model::transition_labels(c.spec);
  std::set<std::string> names;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const MoneyItemSpec& item = items[i];
    // Items the pilots added name what the pilots made; they are checked like the others, at the pilots
    // table.
    const Node* pilots = root.find("pilots");
    const Node& at = i < nodes.size() ? *nodes[i] : (pilots ? *pilots : root);
    const std::string p = join_path("money.items", item.name);
    if (!names.insert(item.name).second) r.fail(at, p, "expected each money item name once");
    for (const auto& s : item.states) {
      const auto& state = c.spec.states[static_cast<std::size_t>(c.state(at, p + ".states", s))];
      if (item.basis == MoneyBasis::place && state.kind != model::StateKind::capacity)
        r.fail(at, p + ".state", "expected a state of kind \"capacity\" (one with places), got '" + s + "'");
      if (item.basis == MoneyBasis::person_year && state.kind == model::StateKind::exit)
        r.fail(at, p + ".states", "expected living states (nobody spends time in exit state '" + s + "')");
    }
    for (const auto& g : item.groups) c.group(at, p + ".groups", g);
    for (const auto& e : item.exclude) {
      c.group(at, p + ".exclude", e.group);
      for (const auto& s : e.states) c.state(at, p + ".exclude", s);
    }
    for (const auto& s : item.key_states) c.state(at, p + ".key_states", s);
    for (const auto& l : item.transitions)
      if (std::find(labels.begin(), labels.end(), l) == labels.end())
        r.fail(at, p + ".transitions",
               "unknown transition '" + l +
                   "' (expected a label \"from->to\" of the state graph, or \"in->state\" for arrivals)");
  }
  check_money_rules(c, root);
}

}  // namespace ws::scenario
