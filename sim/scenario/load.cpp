#include "sim/scenario/load.hpp"

#include <algorithm>
#include <optional>

#include "sim/common/error.hpp"
#include "sim/common/text.hpp"
#include "sim/model/state_graph.hpp"
#include "sim/scenario/money_sections.hpp"
#include "sim/scenario/sections.hpp"

namespace ws::scenario {

namespace {

struct LoadedFile {
  std::string display;
  std::string text;
  Node root;
};

// Follows `extend` from the top file to its base; returns the files base first.
std::vector<LoadedFile> read_extend_chain(const std::filesystem::path& top) {
  std::vector<LoadedFile> chain;  // top first while reading
  std::vector<std::filesystem::path> seen;
  std::filesystem::path current = top;
  std::optional<Node> extend_node;  // the `extend` value that named `current` (none for the top file)
  auto fail_at_extend = [&](const std::string& what) {
    const Node& at = *extend_node;
    throw InputError(at.source->display + ":" + std::to_string(at.line) + ": extend: " + what);
  };
  while (true) {
    const std::string display = display_path(current);
    auto text = read_file(current);
    if (!text) {
      if (!extend_node)
        throw InputError(display + ": scenario file not found (expected a readable .toml file)");
      fail_at_extend("file '" + extend_node->text + "' not found (looked for " + display + ")");
    }
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(current, ec);
    if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) {
      std::string cycle;
      for (const auto& f : chain) cycle += f.display + " -> ";
      fail_at_extend("cycle: " + cycle + display + "; a scenario may not extend itself");
    }
    seen.push_back(canonical);
    auto source = std::make_shared<SourceFile>(SourceFile{display, current.parent_path()});
    chain.push_back({display, std::move(*text), Node{}});
    chain.back().root = parse_toml(chain.back().text, source);
    const Node* extend = chain.back().root.find("extend");
    if (!extend) break;
    if (extend->type != Node::Type::string)
      throw InputError(
          display + ":" + std::to_string(extend->line) +
          ": extend: expected a string naming the scenario file to extend, relative to this file");
    extend_node = *extend;
    current = source->directory / extend->text;
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

int index_of(const Context& c, const Node& at, const std::string& path, const std::string& name,
             const std::vector<std::string>& names, const char* what) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  const std::string suggestion = closest_match(name, names);
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  c.r.fail(at, path,
           std::string("unknown ") + what + " '" + name + "'" +
               (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?") +
               " (expected one of: " + list + ")");
}

template <class T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> out;
  for (const auto& i : items) out.push_back(i.name);
  return out;
}

}  // namespace

int Context::gemeente(const Node& at, const std::string& path, const std::string& name) const {
  return index_of(*this, at, path, name, names_of(spec.gemeenten), "gemeente");
}

int Context::state(const Node& at, const std::string& path, const std::string& name) const {
  return index_of(*this, at, path, name, names_of(spec.states), "state");
}

int Context::group(const Node& at, const std::string& path, const std::string& name) const {
  return index_of(*this, at, path, name, names_of(spec.groups), "group");
}

bool Context::has_state(const std::string& name) const {
  return std::any_of(spec.states.begin(), spec.states.end(), [&](const auto& s) { return s.name == name; });
}

bool Context::places_module(int g, const model::StateSpec& state) const {
  const auto& gemeente = spec.gemeenten[static_cast<std::size_t>(g)];
  switch (state.module) {
    case model::Module::none:
      return true;
    case model::Module::wsw:
      return gemeente.wsw_at_werkzaak;
    case model::Module::participatiewet:
      return gemeente.participatiewet_at_werkzaak;
  }
  return true;
}

model::ScenarioSpec load_scenario(const std::filesystem::path& file) {
  model::ScenarioSpec spec;
  Reader reader(spec);
  auto chain = read_extend_chain(file);
  for (const auto& f : chain) reader.add_source(f.display, f.text);
  Node root = std::move(chain.front().root);
  root.members.erase(std::remove_if(root.members.begin(), root.members.end(),
                                    [](const auto& m) { return m.first == "extend"; }),
                     root.members.end());
  for (std::size_t i = 1; i < chain.size(); ++i) {
    auto& members = chain[i].root.members;
    members.erase(
        std::remove_if(members.begin(), members.end(), [](const auto& m) { return m.first == "extend"; }),
        members.end());
    merge_into(root, std::move(chain[i].root));
  }
  reader.check_keys(
      root, "",
      {"extend", "scenario", "gemeenten", "groups", "states", "transitions", "arrivals", "statushouders",
       "capacities", "mortality", "aow", "initial_population", "money", "pilots"});
  Context c(reader);
  read_run(c, root);
  read_gemeenten(c, root);
  read_groups(c, root);
  read_states(c, root);
  read_transitions(c, root);
  read_arrivals(c, root);
  read_statushouders(c, root);
  read_capacities(c, root);
  read_mortality(c, root);
  read_aow(c, root);
  read_initial_population(c, root);
  const MoneyNodes money = read_money(c, root);
  read_pilots(c, root);
  check_money(c, root, money);
  for (const auto& u : spec.uncertain)
    if (u.targets.empty()) throw std::logic_error("parameter slot '" + u.name + "' sets nothing");
  // The structure of states and transitions as a whole (paths to exits, reachability), named after the top
  // file.
  model::validate_state_graph(spec, display_path(file));
  return spec;
}

}  // namespace ws::scenario
