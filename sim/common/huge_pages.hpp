#pragma once
// Large arrays that a run fills once (a big population's person records, its event queue) are touched page by
// page, and each 4 KiB page's first touch is a page fault: 4,600 of them in a run of the 100,000-person
// cohort, a fifth of its time on this machine's VM (BENCHMARKS.md, "Eighth session"). Transparent huge pages
// back such an array with 2 MiB pages instead, so it faults a few times. Linux only maps them where a
// process asks (madvise mode, Debian's default); this asks, for arrays large enough to be worth it. The cost:
// a huge page is resident whole once touched (a few MB more peak memory), and where free memory is fragmented
// the kernel may compact it at the first touch, once per page.
#include <cstddef>

namespace ws {

// Asks the kernel to back [data, data + bytes) with huge pages when it is at least kHugePagesFrom long. A
// hint only: nothing changes but speed, and where the kernel cannot or will not, nothing happens at all.
inline constexpr std::size_t kHugePagesFrom = std::size_t{4} << 20;
void advise_huge_pages(const void* data, std::size_t bytes);

// v.reserve(n), the new storage advised before anything touches it (an empty vector's is untouched; a full
// one's elements are copied first, on the old pages' terms). Does nothing when v has room for n already.
template <class Vector>
void reserve_on_huge_pages(Vector& v, std::size_t n) {
  if (n <= v.capacity()) return;
  v.reserve(n);
  advise_huge_pages(v.data(), v.capacity() * sizeof(typename Vector::value_type));
}

}  // namespace ws
