#pragma once
// One replication of the model: a sample path from the start to the end of the horizon, person by person in
// continuous time. A pure function of (compiled model, seed, replication).
#include <cstdint>

#include "sim/model/accounts.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/model/observer.hpp"

namespace ws::model {

// `observer` (optional) is shown the lives of the persons it follows (sim/model/observer.hpp).
Accounts simulate_replication(const CompiledModel& model, std::uint64_t seed, std::uint64_t replication,
                              ReplicationObserver* observer = nullptr);

}  // namespace ws::model
