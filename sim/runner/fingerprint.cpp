#include "sim/runner/fingerprint.hpp"

#include <cstdio>
#include <string_view>

namespace ws::runner {
namespace {

// FNV-1a, 64 bits; every field is preceded by its length so that ("ab", "c") and ("a", "bc") differ.
class Hash {
 public:
  void bytes(std::string_view text) {
    number(text.size());
    for (const char c : text) mix(static_cast<unsigned char>(c));
  }
  void number(std::uint64_t n) {
    for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(n >> (8 * i)));
  }
  void strings(const std::vector<std::string>& items) {
    number(items.size());
    for (const auto& s : items) bytes(s);
  }
  template <class T>
  void numbers(const std::vector<T>& items) {
    number(items.size());
    for (const T x : items) bytes(std::to_string(x));
  }
  std::string hex() const {
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(state_));
    return out;
  }

 private:
  void mix(unsigned char c) {
    state_ ^= c;
    state_ *= 0x100000001b3ULL;
  }
  std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::string input_fingerprint(const std::vector<std::pair<std::string, std::string>>& sources,
                              std::uint64_t seed, const ResultsLayout& layout) {
  Hash h;
  h.number(sources.size());
  for (const auto& source : sources) h.bytes(source.second);
  h.number(seed);
  for (const auto* names :
       {&layout.scenarios, &layout.states, &layout.labels, &layout.capacity_states, &layout.streams,
        &layout.parameters, &layout.gemeenten, &layout.cohorts, &layout.money_items})
    h.strings(*names);
  h.numbers(layout.output_times);
  h.numbers(layout.years);
  h.bytes(layout.start_date);
  return h.hex();
}

}  // namespace ws::runner
