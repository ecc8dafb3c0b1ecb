#include "sim/runner/heap_release.hpp"

#include <malloc.h>

namespace ws::runner {

void use_one_heap() { mallopt(M_ARENA_MAX, 1); }

void release_free_heap() { malloc_trim(0); }

}  // namespace ws::runner
