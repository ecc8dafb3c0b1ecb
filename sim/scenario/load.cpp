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

// Follows `extend` (one file, or an array of files merged in order) from the top file to its bases; returns
// the files bases first, each once (a base two parents share, e.g. the baseline under several pilots, comes
// once, where it is first needed).
class ExtendReader {
 public:
  std::vector<LoadedFile> read(const std::filesystem::path& top) {
    visit(top, nullptr);
    return std::move(out_);
  }

 private:
  void visit(const std::filesystem::path& file, const Node* named_by) {
    const std::string display = display_path(file);
    const auto fail_at = [&](const std::string& what) {
      throw InputError(named_by->source->display + ":" + std::to_string(named_by->line) +
                       ": extend: " + what);
    };
    auto text = read_file(file);
    if (!text) {
      if (!named_by) throw InputError(display + ": scenario file not found (expected a readable .toml file)");
      fail_at("file '" + named_by->text + "' not found (looked for " + display + ")");
    }
    std::error_code ec;
    const auto canonical = std::filesystem::weakly_canonical(file, ec);
    if (std::find(stack_.begin(), stack_.end(), canonical) != stack_.end()) {
      std::string cycle;
      for (const auto& f : stack_display_) cycle += f + " -> ";
      fail_at("cycle: " + cycle + display + "; a scenario may not extend itself");
    }
    if (std::find(done_.begin(), done_.end(), canonical) != done_.end()) return;
    auto source = std::make_shared<SourceFile>(SourceFile{display, file.parent_path(), 0});
    LoadedFile loaded{display, std::move(*text), Node{}};
    loaded.root = parse_toml(loaded.text, source);
    stack_.push_back(canonical);
    stack_display_.push_back(display);
    if (const Node* extend = loaded.root.find("extend")) {
      const auto bad = [&] {
        throw InputError(display + ":" + std::to_string(extend->line) +
                         ": extend: expected a string naming the scenario file to extend, relative to this "
                         "file, or an array of such strings (merged in order)");
      };
      if (extend->type == Node::Type::string) {
        visit(source->directory / extend->text, extend);
      } else if (extend->type == Node::Type::array && !extend->items.empty()) {
        for (const Node& item : extend->items) {
          if (item.type != Node::Type::string) bad();
          visit(source->directory / item.text, &item);
        }
      } else {
        bad();
      }
    }
    stack_.pop_back();
    stack_display_.pop_back();
    done_.push_back(canonical);
    source->rank = static_cast<int>(out_.size());  // bases first: the files merged later rank higher
    out_.push_back(std::move(loaded));
  }

  std::vector<std::filesystem::path> stack_, done_;
  std::vector<std::string> stack_display_;
  std::vector<LoadedFile> out_;
};

std::vector<LoadedFile> read_extend_chain(const std::filesystem::path& top) {
  return ExtendReader().read(top);
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
       "capacities", "mortality", "aow", "initial_population", "money", "pilots", "attributes"});
  Context c(reader);
  read_run(c, root);
  read_gemeenten(c, root);
  read_groups(c, root);
  read_attributes(c, root);
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
