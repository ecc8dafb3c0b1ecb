#include "sim/scenario/tree.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <tuple>

#include "sim/common/date.hpp"
#include "sim/common/error.hpp"

namespace ws::scenario {

Node::Node() = default;
Node::~Node() = default;
Node::Node(const Node&) = default;
Node::Node(Node&&) noexcept = default;
Node& Node::operator=(const Node&) = default;
Node& Node::operator=(Node&&) noexcept = default;

const Node* Node::find(std::string_view key) const {
  for (const auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

Node* Node::find(std::string_view key) {
  for (auto& [k, v] : members)
    if (k == key) return &v;
  return nullptr;
}

std::vector<std::string> Node::keys() const {
  std::vector<std::string> out;
  for (const auto& m : members) out.push_back(m.first);
  return out;
}

bool is_distribution(const Node& n) { return n.is_table() && n.find("distribution") != nullptr; }

const char* type_name(Node::Type type) {
  switch (type) {
    case Node::Type::table:
      return "a table";
    case Node::Type::array:
      return "an array";
    case Node::Type::string:
      return "a string";
    case Node::Type::integer:
      return "an integer";
    case Node::Type::floating:
      return "a number";
    case Node::Type::boolean:
      return "a boolean";
    case Node::Type::date:
      return "a date";
    case Node::Type::other:
      return "a time";
  }
  return "?";
}

namespace {

using Position = std::tuple<int, int>;  // (line, column); (0, 0) when toml++ gave none

Position position_of(const toml::node& n) {
  const auto& b = n.source().begin;
  return {static_cast<int>(b.line), static_cast<int>(b.column)};
}

// Implicit tables (made by a dotted [a.b] header) may carry no position: use their first member's.
Position first_position(const toml::node& n) {
  Position best = position_of(n);
  auto consider = [&best](Position p) {
    if (std::get<0>(p) != 0 && (std::get<0>(best) == 0 || p < best)) best = p;
  };
  if (const auto* t = n.as_table())
    for (const auto& [k, v] : *t) consider(first_position(v));
  if (const auto* a = n.as_array())
    for (const auto& v : *a) consider(first_position(v));
  return best;
}

Node convert(const toml::node& n, const std::shared_ptr<const SourceFile>& source) {
  Node out;
  out.source = source;
  out.line = std::get<0>(first_position(n));
  if (const auto* t = n.as_table()) {
    out.type = Node::Type::table;
    out.inline_table = t->is_inline();
    std::vector<std::pair<Position, std::pair<std::string, Node>>> members;
    for (const auto& [k, v] : *t)
      members.push_back({first_position(v), {std::string(k.str()), convert(v, source)}});
    std::stable_sort(members.begin(), members.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& m : members) out.members.push_back(std::move(m.second));
  } else if (const auto* a = n.as_array()) {
    out.type = Node::Type::array;
    for (const auto& v : *a) out.items.push_back(convert(v, source));
  } else if (const auto* s = n.as_string()) {
    out.type = Node::Type::string;
    out.text = s->get();
  } else if (const auto* i = n.as_integer()) {
    out.type = Node::Type::integer;
    out.integer = i->get();
    out.number = static_cast<double>(out.integer);
  } else if (const auto* f = n.as_floating_point()) {
    out.type = Node::Type::floating;
    out.number = f->get();
  } else if (const auto* b = n.as_boolean()) {
    out.type = Node::Type::boolean;
    out.boolean = b->get();
  } else if (const auto* d = n.as_date()) {
    out.type = Node::Type::date;
    out.day = days_from_civil(d->get().year, d->get().month, d->get().day);
  } else {
    out.type = Node::Type::other;  // times and date-times: no key takes them; the reader names the type
  }
  return out;
}

}  // namespace

Node parse_toml(const std::string& text, std::shared_ptr<const SourceFile> source) {
  try {
    const toml::table root = toml::parse(text, source->display);
    Node out = convert(root, source);
    out.line = 0;
    return out;
  } catch (const toml::parse_error& e) {
    const auto& b = e.source().begin;
    throw InputError(source->display + ":" + std::to_string(b.line) + ":" + std::to_string(b.column) +
                     ": TOML syntax error: " + std::string(e.description()));
  }
}

void merge_into(Node& parent, Node child) {
  for (auto& [key, value] : child.members) {
    Node* existing = parent.find(key);
    if (existing == nullptr) {
      parent.members.emplace_back(key, std::move(value));
    } else if (existing->is_table() && value.is_table() && !value.inline_table) {
      if (value.line > 0) {
        existing->source = value.source;
        existing->line = value.line;
      }
      merge_into(*existing, std::move(value));
    } else {
      *existing = std::move(value);
    }
  }
}

const Node& written_last(const Node& a, const Node& b) {
  const int rank_a = a.source ? a.source->rank : 0;
  const int rank_b = b.source ? b.source->rank : 0;
  if (rank_a != rank_b) return rank_a > rank_b ? a : b;
  return b.line > a.line ? b : a;
}

}  // namespace ws::scenario
