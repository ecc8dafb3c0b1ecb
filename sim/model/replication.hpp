#pragma once
// One replication of the model: a sample path from the start to the end of the horizon, person by person in
// continuous time. A pure function of (compiled model, seed, replication).
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/model/accounts.hpp"
#include "sim/model/compiled_model.hpp"
#include "sim/model/observer.hpp"
#include "sim/model/population.hpp"
#include "sim/model/recorder.hpp"

namespace ws::model {

// The event agenda of a replication (its type is private to replication.cpp).
struct AgendaBuffer;

// The memory a replication works in, kept by a thread across its replications (RecorderBuffers).
struct ReplicationBuffers {
  RecorderBuffers recorder;
  std::vector<Person> persons;
  std::shared_ptr<AgendaBuffer> agenda;  // made by the first replication, cleared by the next ones
};

// `observer` (optional) is shown the lives of the persons it follows (sim/model/observer.hpp).
Accounts simulate_replication(const CompiledModel& model, std::uint64_t seed, std::uint64_t replication,
                              ReplicationObserver* observer = nullptr);
// The same in `buffers`: the accounts returned live there until their next replication. Bitwise the same
// results, whatever the buffers held before.
const Accounts& simulate_replication(const CompiledModel& model, std::uint64_t seed,
                                     std::uint64_t replication, ReplicationBuffers& buffers,
                                     ReplicationObserver* observer = nullptr);

}  // namespace ws::model
