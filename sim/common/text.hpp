#pragma once
#include <span>
#include <string>
#include <string_view>

namespace ws {

// Edit distance (insertions, deletions, substitutions), for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, or "" when none is close enough to be a plausible typo.
std::string closest_match(std::string_view word, std::span<const std::string> candidates);

}  // namespace ws
