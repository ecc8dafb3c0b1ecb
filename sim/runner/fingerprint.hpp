#pragma once
// The fingerprint of a run's inputs: a hash of the text of every input file (in the order the scenarios read
// them), the seed and the resolved layout (scenario names, states, transitions, gemeenten, times, ...). Parts of
// one run carry the same fingerprint whatever their replications; `merge` refuses parts whose fingerprints
// differ. Not cryptographic: it guards against mistakes, not against forgery.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/runner/results_layout.hpp"

namespace ws::runner {

// 16 hexadecimal digits. `sources` as set_provenance lists them (path, text); paths are not hashed, so the
// same files at another place give the same fingerprint.
std::string input_fingerprint(const std::vector<std::pair<std::string, std::string>>& sources,
                              std::uint64_t seed, const ResultsLayout& layout);

}  // namespace ws::runner
