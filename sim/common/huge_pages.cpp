#include "sim/common/huge_pages.hpp"

#include <sys/mman.h>

#include <cstdint>

namespace ws {

void advise_huge_pages(const void* data, std::size_t bytes) {
  if (data == nullptr || bytes < kHugePagesFrom) return;
  // madvise wants whole pages: the ones that lie entirely inside the array (its first and last page may be
  // shared with other allocations, which keep their 4 KiB pages).
  constexpr std::uintptr_t kPage = 4096;
  const auto first = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t begin = (first + kPage - 1) & ~(kPage - 1), end = (first + bytes) & ~(kPage - 1);
  if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);  // a hint
}

}  // namespace ws
