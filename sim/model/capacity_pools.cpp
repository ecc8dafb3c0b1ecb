#include "sim/model/capacity_pools.hpp"

namespace ws::model {

CapacityPools::CapacityPools(const CompiledModel& m) : model_(&m) {
  for (const auto& c : m.capacities) pools_.emplace_back(c.per_gemeente ? m.gemeente_count : 1);
}

void CapacityPools::set_year(int calendar_year) {
  for (std::size_t c = 0; c < pools_.size(); ++c)
    for (std::size_t p = 0; p < pools_[c].size(); ++p)
      pools_[c][p].places = model_->capacities[c].places_in(calendar_year, static_cast<int>(p));
}

void CapacityPools::enqueue(int capacity, int pool, std::uint32_t person, std::uint32_t ticket) {
  Pool& p = pool_ref(capacity, pool);
  p.queue.push_back({person, ticket});
  ++p.waiting_live;
}

}  // namespace ws::model
