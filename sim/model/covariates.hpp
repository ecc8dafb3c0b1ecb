#pragma once
// The constant covariates of a person that a hazard's constant factor depends on: gemeente, sex, group and
// every attribute the scenario declares. One index function, used by the table builder (compile_model) and
// the hot loop (redraw): the factor of a transition for a person is factor[index(person)].
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/model/spec.hpp"

namespace ws::model {

inline constexpr int kSexes = 2;  // Sex::men, Sex::women

using AttributeLevels = std::array<std::uint8_t, kMaxAttributes>;

struct CovariateCell {
  int gemeente = 0, sex = 0, group = 0;
  AttributeLevels attributes{};
};

class CovariateIndex {
 public:
  CovariateIndex() = default;
  CovariateIndex(int gemeenten, int groups, std::vector<int> attribute_levels)
      : gemeenten_(gemeenten), groups_(groups), levels_(std::move(attribute_levels)) {}

  std::size_t cells() const {
    std::size_t n = static_cast<std::size_t>(gemeenten_) * kSexes * static_cast<std::size_t>(groups_);
    for (int l : levels_) n *= static_cast<std::size_t>(l);
    return n;
  }

  // Row-major over (gemeente, sex, group, attribute 0, attribute 1, ...).
  std::size_t operator()(int gemeente, int sex, int group, const AttributeLevels& attributes) const {
    std::size_t i = (static_cast<std::size_t>(gemeente) * kSexes + static_cast<std::size_t>(sex)) *
                        static_cast<std::size_t>(groups_) +
                    static_cast<std::size_t>(group);
    for (std::size_t a = 0; a < levels_.size(); ++a)
      i = i * static_cast<std::size_t>(levels_[a]) + attributes[a];
    return i;
  }

  CovariateCell decode(std::size_t i) const {
    CovariateCell c;
    for (std::size_t a = levels_.size(); a-- > 0;) {
      c.attributes[a] = static_cast<std::uint8_t>(i % static_cast<std::size_t>(levels_[a]));
      i /= static_cast<std::size_t>(levels_[a]);
    }
    c.group = static_cast<int>(i % static_cast<std::size_t>(groups_));
    i /= static_cast<std::size_t>(groups_);
    c.sex = static_cast<int>(i % kSexes);
    c.gemeente = static_cast<int>(i / kSexes);
    return c;
  }

 private:
  int gemeenten_ = 0, groups_ = 0;
  std::vector<int> levels_;
};

}  // namespace ws::model
