// [attributes.NAME]: person attributes a scenario declares (an education level, a Wsw placement type, ...),
// with their levels and the share of each; every person gets a level when created, and hazards may depend on
// it through by_attribute.
#include <cmath>

#include "sim/scenario/plausible.hpp"
#include "sim/scenario/sections.hpp"

namespace ws::scenario {

void read_attributes(Context& c, const Node& root) {
  const Node* t = root.find("attributes");
  if (!t) return;
  Reader& r = c.r;
  r.expect_table(*t, "attributes");
  for (const auto& [name, value] : t->members) {
    const std::string p = join_path("attributes", name);
    r.expect_table(value, p);
    r.check_keys(value, p, {"levels", "shares", "description"});
    r.string_or(value, p, "description", "");
    if (c.spec.attributes.size() == model::kMaxAttributes)
      r.fail(value, p, "at most " + std::to_string(model::kMaxAttributes) + " attributes per scenario");
    model::AttributeSpec a;
    a.name = name;
    const Node& levels = r.expect_array(r.required(value, p, "levels"), p + ".levels");
    for (std::size_t k = 0; k < levels.items.size(); ++k) {
      a.levels.push_back(r.string(levels.items[k], index_path(p + ".levels", k)));
      for (std::size_t j = 0; j < k; ++j)
        if (a.levels[j] == a.levels[k])
          r.fail(levels.items[k], index_path(p + ".levels", k),
                 "level '" + a.levels[k] + "' is listed twice");
    }
    if (a.levels.size() < 2 || a.levels.size() > 255)
      r.fail(levels, p + ".levels", "expected 2 to 255 levels, got " + std::to_string(a.levels.size()));
    const Node& shares = r.expect_array(r.required(value, p, "shares"), p + ".shares");
    if (shares.items.size() != a.levels.size())
      r.fail(shares, p + ".shares",
             "expected one share per level (" + std::to_string(a.levels.size()) + "), got " +
                 std::to_string(shares.items.size()));
    double total = 0;
    for (std::size_t k = 0; k < shares.items.size(); ++k) {
      a.shares.push_back(r.number(shares.items[k], index_path(p + ".shares", k), share(), nullptr));
      total += a.shares.back();
    }
    if (std::abs(total - 1.0) > 1e-9)
      r.fail(shares, p + ".shares", "expected shares summing to 1, got " + std::to_string(total));
    c.spec.attributes.push_back(std::move(a));
  }
}

}  // namespace ws::scenario
