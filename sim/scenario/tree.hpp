#pragma once
// A scenario document as an ordered tree of values, each remembering the file and line it came from.
// toml++ keeps table members sorted by key and drops source positions on copy; the loader needs the order the
// author wrote (states, transitions) and the line of every value after `extend` merged several files.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ws::scenario {

// A file the tree was read from: the name used in messages and the folder relative paths inside it start
// from.
struct SourceFile {
  std::string display;              // e.g. "scenarios/baseline.toml"
  std::filesystem::path directory;  // the folder holding the file
  int rank = 0;                     // place in the `extend` merge order: a file merged later ranks higher
};

struct Node {
  enum class Type { table, array, string, integer, floating, boolean, date, other };
  Type type = Type::table;
  bool inline_table = false;  // written as { ... }: an `extend` child replaces it whole instead of merging
  std::string text;           // string
  double number = 0;          // integer or floating
  std::int64_t integer = 0;   // integer, exactly
  bool boolean = false;
  std::int64_t day = 0;                               // date: days since 1970-01-01
  std::vector<std::pair<std::string, Node>> members;  // table, in the order written
  std::vector<Node> items;                            // array
  std::shared_ptr<const SourceFile> source;
  int line = 0;  // 0 when unknown

  // Declared here, defined in tree.cpp: with the members' pair<std::string, Node> an inline default
  // constructor is a cycle clang 14 with libstdc++ 12 rejects (GCC accepts it).
  Node();
  ~Node();
  Node(const Node&);
  Node(Node&&) noexcept;
  Node& operator=(const Node&);
  Node& operator=(Node&&) noexcept;

  bool is_table() const { return type == Type::table; }
  bool is_number() const { return type == Type::integer || type == Type::floating; }
  const Node* find(std::string_view key) const;
  Node* find(std::string_view key);
  std::vector<std::string> keys() const;
};

const char* type_name(Node::Type type);

// A table with a `distribution` key: an uncertain number (see distribution.hpp), not a table of settings.
bool is_distribution(const Node& n);

// Parses TOML text; syntax errors become ws::InputError "<file>:<line>:<column>: <what toml++ says>".
Node parse_toml(const std::string& text, std::shared_ptr<const SourceFile> source);

// Merges `child` into `parent`: tables written as [sections] merge key by key, anything else (numbers,
// strings, arrays, inline { } tables) in the child replaces the parent's value whole. New keys come after the
// parent's. A merged table takes the child's file and line: a message about the table as a whole (a
// distribution whose min and mode the child changed) names the child, which wrote it last.
void merge_into(Node& parent, Node child);

// Of two nodes whose combination is wrong, the one written last (the later file of an `extend` chain, else
// the later line): the key a child changed, not the parent's key it no longer fits.
const Node& written_last(const Node& a, const Node& b);

}  // namespace ws::scenario
