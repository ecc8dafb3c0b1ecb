// [initial_population]: the persons present at the start, as aggregate cells and/or person records.
#include "sim/common/date.hpp"
#include "sim/scenario/sections.hpp"

namespace ws::scenario {

using model::ScenarioSpec;

namespace {

model::Sex parse_sex(const CsvTable& csv, const CsvTable::Row& row) {
  const std::string& s = csv.text(row, "sex");
  if (s == "men") return model::Sex::men;
  if (s == "women") return model::Sex::women;
  csv.fail(row, "sex", "men or women");
}

// Name lookups for CSV rows: the error names the file, line and column.
template <class T>
int find_in_csv(const CsvTable& csv, const CsvTable::Row& row, const char* column,
                const std::vector<T>& items, const char* what) {
  const std::string& name = csv.text(row, column);
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].name == name) return static_cast<int>(i);
  std::string list;
  for (const auto& item : items) list += (list.empty() ? "" : ", ") + item.name;
  csv.fail(row, column, std::string("a known ") + what + " (" + list + ")");
}

const model::StateSpec& living_state(Context& c, const CsvTable& csv, const CsvTable::Row& row,
                                     int gemeente) {
  const auto& s =
      c.spec.states[static_cast<std::size_t>(find_in_csv(csv, row, "state", c.spec.states, "state"))];
  if (s.kind == model::StateKind::exit)
    csv.fail(row, "state", "a living state, not exit state '" + s.name + "'");
  if (!c.places_module(gemeente, s))
    csv.fail(row, "gemeente '" + c.spec.gemeenten[static_cast<std::size_t>(gemeente)].name +
                      "' does not place the module of '" + s.name + "' at Werkzaak: expected nobody there");
  return s;
}

// Optional columns permit_lead_min, permit_lead_max: years between the permit and entering the state, for
// cells of a group with a permit date (empty or absent: the permit is the day the person entered).
void read_permit_lead(const Context& c, const CsvTable& csv, const CsvTable::Row& row,
                      model::InitialCell& cell) {
  bool has_permit = false;
  for (const auto& g : c.spec.groups) has_permit = has_permit || (g.name == cell.group && g.has_permit_date);
  const auto lead = [&](const char* column) {
    if (!csv.has_column(column) || csv.text(row, column).empty()) return 0.0;
    if (!has_permit) csv.fail(row, column, "an empty field (group '" + cell.group + "' has no permit date)");
    const double years = csv.non_negative(row, column);
    if (years > cell.age_lower)
      csv.fail(row, column, "at most age_lower (years before entering the state; no permit before birth)");
    return years;
  };
  cell.permit_lead_min_years = lead("permit_lead_min");
  cell.permit_lead_max_years = lead("permit_lead_max");
  if (cell.permit_lead_max_years < cell.permit_lead_min_years)
    csv.fail(row, "permit_lead_max", "a value >= permit_lead_min");
}

void read_cells(Context& c, const Node& file_node, const std::string& p) {
  const CsvTable& csv = c.r.csv(file_node, p);
  csv.require_columns({"gemeente", "state", "sex", "age_lower", "age_upper", "group", "count", "duration_min",
                       "duration_max"});
  for (const auto& row : csv.rows()) {
    model::InitialCell cell;
    cell.gemeente = find_in_csv(csv, row, "gemeente", c.spec.gemeenten, "gemeente");
    cell.state = living_state(c, csv, row, cell.gemeente).name;
    cell.sex = parse_sex(csv, row);
    cell.group =
        c.spec.groups[static_cast<std::size_t>(find_in_csv(csv, row, "group", c.spec.groups, "group"))].name;
    cell.age_lower = csv.non_negative(row, "age_lower");
    cell.age_upper = csv.non_negative(row, "age_upper");
    if (!(cell.age_upper > cell.age_lower) || cell.age_upper > 130)
      csv.fail(row, "age_upper", "an age above age_lower and at most 130");
    cell.count = csv.non_negative(row, "count", plausible::kMaxPersonsPerRow);
    cell.duration_min_years = csv.non_negative(row, "duration_min");
    cell.duration_max_years = csv.non_negative(row, "duration_max");
    if (cell.duration_max_years < cell.duration_min_years)
      csv.fail(row, "duration_max", "a value >= duration_min");
    if (cell.duration_min_years > cell.age_lower)
      csv.fail(row, "duration_min", "at most age_lower (nobody entered a state before birth)");
    read_permit_lead(c, csv, row, cell);
    c.spec.initial_cells.push_back(cell);
  }
}

void read_persons(Context& c, const Node& file_node, const std::string& p) {
  const CsvTable& csv = c.r.csv(file_node, p, false);
  csv.require_columns({"gemeente", "state", "sex", "birth_date", "entered_state", "group", "permit_date"});
  const model::Day start = c.spec.run.start;
  const std::string horizon = "on or before scenario.start (" + format_iso_date(start) + ")";
  for (const auto& row : csv.rows()) {
    model::InitialPerson person;
    person.gemeente = find_in_csv(csv, row, "gemeente", c.spec.gemeenten, "gemeente");
    person.state = living_state(c, csv, row, person.gemeente).name;
    person.sex = parse_sex(csv, row);
    const auto& group =
        c.spec.groups[static_cast<std::size_t>(find_in_csv(csv, row, "group", c.spec.groups, "group"))];
    person.group = group.name;
    person.birth = csv.date(row, "birth_date");
    person.entered_state = csv.date(row, "entered_state");
    if (person.birth > start) csv.fail(row, "birth_date", "a date " + horizon);
    if (person.entered_state > start) csv.fail(row, "entered_state", "a date " + horizon);
    if (person.entered_state < person.birth) csv.fail(row, "entered_state", "a date on or after birth_date");
    const auto permit = csv.optional_date(row, "permit_date");
    if (group.has_permit_date && !permit)
      csv.fail(row, "permit_date", "a date YYYY-MM-DD (group '" + group.name + "' carries a permit date)");
    if (!group.has_permit_date && permit)
      csv.fail(row, "permit_date", "an empty field (group '" + group.name + "' has no permit date)");
    if (permit && *permit > start) csv.fail(row, "permit_date", "a date " + horizon);
    person.permit = permit.value_or(0);
    c.spec.initial_persons.push_back(person);
  }
}

}  // namespace

void read_initial_population(Context& c, const Node& root) {
  Reader& r = c.r;
  const std::string p = "initial_population";
  const Node* tp = root.find(p);
  if (!tp) return;
  const Node& t = r.expect_table(*tp, p);
  r.check_keys(t, p, {"file", "persons_file", "count_multiplier", "description"});
  r.string_or(t, p, "description", "");
  if (const Node* f = r.optional_file(t, p, "file")) read_cells(c, *f, p + ".file");
  if (const Node* f = r.optional_file(t, p, "persons_file")) read_persons(c, *f, p + ".persons_file");
  if (const Node* m = t.find("count_multiplier")) {
    const std::string mp = p + ".count_multiplier";
    r.expect_table(*m, mp);
    for (const auto& [state, value] : m->members) {
      const std::string vp = join_path(mp, state);
      c.state(value, vp, state);
      // The cells of this state and their counts before scaling; a drawn multiplier rescales those.
      std::vector<std::pair<std::size_t, double>> cells;
      for (std::size_t i = 0; i < c.spec.initial_cells.size(); ++i)
        if (c.spec.initial_cells[i].state == state) cells.emplace_back(i, c.spec.initial_cells[i].count);
      std::vector<T> targets;
      for (const auto& [i, base] : cells) targets.push_back(T{K::initial_count, i, 0, 0, 0, base});
      const double v =
          r.number(value, vp, non_negative("times the counts of the file", plausible::kMaxMultiplier),
                   std::move(targets));
      for (const auto& [i, base] : cells) c.spec.initial_cells[i].count = base * v;
    }
  }
}

}  // namespace ws::scenario
