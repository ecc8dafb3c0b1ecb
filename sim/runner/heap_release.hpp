#pragma once
// Keeping the resident size of a long run flat. glibc keeps memory freed in the middle of its heaps, and one
// heap per thread: the replications' buffers (about a megabyte each, allocated and freed thousands of times
// among long-lived summary and HDF5 blocks) then left the resident size growing with the number of replications
// although the live heap did not (BENCHMARKS.md, "Peak memory: what grows with the replications"). One heap
// for every thread, and handing its free pages back to the system at regular points of the run, halve that.

namespace ws::runner {

// Before any thread is started: every thread allocates from the one main heap.
void use_one_heap();
// Returns the free pages of the heap to the system (cheap next to a replication; called every few).
void release_free_heap();

}  // namespace ws::runner
