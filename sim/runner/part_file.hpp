#pragma once
// The global attributes that make every results file a part of a run: which replications it holds and the
// fingerprint of its inputs (sim/runner/fingerprint.hpp). A whole run is the part holding replications
// 0 ... R-1, so finished files can be merged again.
namespace ws::runner::part {

inline constexpr const char* kFingerprint = "input_fingerprint";
inline constexpr const char* kFirstReplication = "first_replication";
inline constexpr const char* kReplications =
    "replications";  // summarised; the replication axis may be shorter
inline constexpr const char* kCommit = "commit";
inline constexpr const char* kSource = "source";  // "werkstroom <version>"
inline constexpr const char* kHistory = "history";
inline constexpr const char* kEvents = "events";

}  // namespace ws::runner::part
