// [money.buig] and [money.sharing], and the `budget` of each money item (issue 12; docs/scenario-reference.md,
// [money]): how the BUIG allocation follows national volume with its vangnet, and how the joint result is
// shared over the gemeenten.
#include <algorithm>

#include "sim/scenario/money_sections.hpp"

namespace ws::scenario {

using model::MoneyBudget;

namespace {

std::vector<std::string> names_list(const Reader& r, const Node& n, const std::string& path) {
  r.expect_array(n, path);
  std::vector<std::string> out;
  for (std::size_t k = 0; k < n.items.size(); ++k) out.push_back(r.string(n.items[k], index_path(path, k)));
  return out;
}

std::vector<double> numbers_list(Reader& r, const Node& n, const std::string& path, const Bounds& bounds) {
  r.expect_array(n, path);
  std::vector<double> out;
  for (std::size_t k = 0; k < n.items.size(); ++k)
    out.push_back(r.number(n.items[k], index_path(path, k), bounds, nullptr));
  return out;
}

void read_vangnet(Reader& r, const Node& t, const std::string& p, model::BuigSpec& b) {
  const Node* from = t.find("vangnet_from");
  const Node* shares = t.find("vangnet_share");
  if (!from && !shares) return;
  if (!from || !shares) r.fail(t, p, "expected both vangnet_from and vangnet_share (one number per tier)");
  b.vangnet_from = numbers_list(r, *from, p + ".vangnet_from", share());
  b.vangnet_share = numbers_list(r, *shares, p + ".vangnet_share", share());
  if (b.vangnet_from.size() != b.vangnet_share.size() || b.vangnet_from.empty())
    r.fail(*shares, p + ".vangnet_share", "expected one share per threshold of vangnet_from");
  if (!std::is_sorted(b.vangnet_from.begin(), b.vangnet_from.end()) ||
      std::adjacent_find(b.vangnet_from.begin(), b.vangnet_from.end()) != b.vangnet_from.end())
    r.fail(*from, p + ".vangnet_from", "expected ascending thresholds");
}

void read_buig(Context& c, const Node& t, const std::string& p) {
  Reader& r = c.r;
  r.expect_table(t, p);
  r.check_keys(
      t, p,
      {"allocation_item", "base_year", "follow_volume", "national_trend", "national_caseload",
       "national_population", "statushouder_group", "reference_taakstelling", "volume_states",
       "net_cost_base", "vangnet_from", "vangnet_share", "vangnet_pooled", "follow_items", "description"});
  r.string_or(t, p, "description", "");
  model::BuigSpec& b = c.spec.money.buig;
  b.enabled = true;
  b.allocation_item = r.string(r.required(t, p, "allocation_item"), p + ".allocation_item");
  b.base_year = r.integer(r.required(t, p, "base_year"), p + ".base_year", 1990, 2100);
  b.follow_volume = r.boolean_or(t, p, "follow_volume", true);
  b.national_trend =
      r.number_or(t, p, "national_trend", 0.0, Bounds{-0.5, 0.5, "per year"}, T{K::money_buig_trend, 0});
  b.net_cost_base = r.number_or(t, p, "net_cost_base", 0.0, non_negative("EUR per year"), nullptr);
  if (const Node* g = t.find("statushouder_group")) {
    b.statushouder_group = r.string(*g, p + ".statushouder_group");
    c.group(*g, p + ".statushouder_group", b.statushouder_group);
    b.volume_states = names_list(r, r.required(t, p, "volume_states"), p + ".volume_states");
    for (const auto& s : b.volume_states) c.state(t, p + ".volume_states", s);
    b.national_caseload = r.number(r.required(t, p, "national_caseload"), p + ".national_caseload",
                                   positive("person-years"), T{K::money_buig_caseload, 0});
    b.national_population = r.number(r.required(t, p, "national_population"), p + ".national_population",
                                     positive("inhabitants"), nullptr);
    b.reference_taakstelling = r.number_or(t, p, "reference_taakstelling", 0.0,
                                           non_negative("persons per half year, national"), nullptr);
  }
  read_vangnet(r, t, p, b);
  b.vangnet_pooled = r.boolean_or(t, p, "vangnet_pooled", false);
  if (const Node* f = t.find("follow_items")) b.follow_items = names_list(r, *f, p + ".follow_items");
}

void read_sharing(Context& c, const Node& t, const std::string& p) {
  Reader& r = c.r;
  r.expect_table(t, p);
  r.check_keys(t, p, {"key", "reserve_start", "to_reserve", "description"});
  r.string_or(t, p, "description", "");
  model::SharingSpec& s = c.spec.money.sharing;
  s.enabled = true;
  const Node& key = r.required(t, p, "key");
  s.key = read_gemeente_shares(c, key, p + ".key");
  for (const bool participatiewet : {false, true}) {
    double total = 0;
    for (std::size_t g = 0; g < s.key.size(); ++g) {
      const auto& gemeente = c.spec.gemeenten[g];
      if (participatiewet ? gemeente.participatiewet_at_werkzaak : gemeente.wsw_at_werkzaak)
        total += s.key[g];
    }
    if (!(total > 0))
      r.fail(key, p + ".key",
             std::string("expected a positive share for at least one gemeente placing the ") +
                 (participatiewet ? "Participatiewet" : "Wsw") + " at Werkzaak");
  }
  s.reserve_start = r.number_or(t, p, "reserve_start", 0.0, non_negative("EUR"), nullptr);
  s.to_reserve = r.number_or(t, p, "to_reserve", 0.0, share(), nullptr);
}

}  // namespace

MoneyBudget read_budget(Reader& r, const Node& t, const std::string& p) {
  const Node* n = t.find("budget");
  if (!n) return MoneyBudget::bedrijfsvoering;
  const std::string v = r.string(*n, p + ".budget");
  for (std::size_t b = 0; b + 1 < model::kBudgetNames.size(); ++b)
    if (v == model::kBudgetNames[b]) return static_cast<MoneyBudget>(b);
  r.fail(
      *n, p + ".budget",
      "expected one of buig, wsw, participatiebudget, sociale_infrastructuur, impulsbudget, bedrijfsvoering, "
      "got \"" +
          v + "\"");
}

std::vector<double> read_gemeente_shares(Context& c, const Node& n, const std::string& path) {
  Reader& r = c.r;
  r.expect_table(n, path);
  std::vector<double> shares(c.spec.gemeenten.size(), 0.0);
  double total = 0;
  for (const auto& [name, value] : n.members) {
    const std::string vp = join_path(path, name);
    const auto g = static_cast<std::size_t>(c.gemeente(value, vp, name));
    shares[g] = r.number(value, vp, non_negative("share"), nullptr);
    total += shares[g];
  }
  if (!(total > 0)) r.fail(n, path, "expected shares with a positive sum");
  return shares;
}

void read_money_rules(Context& c, const Node& money) {
  if (const Node* b = money.find("buig")) read_buig(c, *b, "money.buig");
  if (const Node* s = money.find("sharing")) read_sharing(c, *s, "money.sharing");
}

void check_money_rules(Context& c, const Node& root) {
  const model::BuigSpec& b = c.spec.money.buig;
  if (!b.enabled) return;
  const Node& at = *root.find("money")->find("buig");
  const auto& items = c.spec.money.items;
  const auto find = [&](const std::string& name) {
    return std::find_if(items.begin(), items.end(),
                        [&](const model::MoneyItemSpec& i) { return i.name == name; });
  };
  const auto it = find(b.allocation_item);
  if (it == items.end() || it->basis != model::MoneyBasis::year || it->budget != MoneyBudget::buig ||
      it->sign < 0)
    c.r.fail(
        at, "money.buig.allocation_item",
        "expected an income item with per = \"year\" and budget = \"buig\", got '" + b.allocation_item + "'");
  for (const auto& name : b.follow_items) {
    const auto f = find(name);
    if (f == items.end() || f->basis != model::MoneyBasis::person_year || f->budget != MoneyBudget::buig ||
        f->sign > 0)
      c.r.fail(at, "money.buig.follow_items", "expected BUIG cost items per person-year, got '" + name + "'");
  }
}

}  // namespace ws::scenario
