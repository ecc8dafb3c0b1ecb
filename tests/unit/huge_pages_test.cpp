// reserve_on_huge_pages: a reserve like any other (room, contents kept, nothing done when there is room), and
// on a kernel with transparent huge pages the storage of a large array is marked for them (VmFlags "hg").
#include "sim/common/huge_pages.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

namespace {

// The VmFlags of the mapping that holds `address`, from /proc/self/smaps ("" if none is found).
std::string vm_flags_at(const void* address) {
  const auto a = reinterpret_cast<std::uintptr_t>(address);
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t from = 0, to = 0;
    char dash = 0;
    std::istringstream head(line);
    if (head >> std::hex >> from >> dash >> to && dash == '-') {
      inside = from <= a && a < to;
      continue;
    }
    if (inside && line.rfind("VmFlags:", 0) == 0) return line;
  }
  return "";
}

}  // namespace

TEST_CASE("reserve_on_huge_pages reserves like reserve and keeps the elements", "[common][memory]") {
  std::vector<int> small{1, 2, 3};
  ws::reserve_on_huge_pages(small, 100);
  CHECK(small.capacity() >= 100);
  CHECK(small == std::vector<int>{1, 2, 3});

  std::vector<double> large(10, 2.5);
  const std::size_t n = ws::kHugePagesFrom / sizeof(double) * 2;
  ws::reserve_on_huge_pages(large, n);
  REQUIRE(large.capacity() >= n);
  CHECK(large == std::vector<double>(10, 2.5));

  // Room already: the storage stays where it is.
  const double* before = large.data();
  ws::reserve_on_huge_pages(large, 20);
  CHECK(large.data() == before);
  CHECK(large.capacity() >= n);

  std::vector<char> none;
  ws::reserve_on_huge_pages(none, 0);
  CHECK(none.capacity() == 0);
  ws::advise_huge_pages(nullptr, ws::kHugePagesFrom * 2);  // nothing to advise: no effect, no error
}

TEST_CASE("reserve_on_huge_pages marks a large array for transparent huge pages", "[common][memory]") {
  if (!std::filesystem::exists("/sys/kernel/mm/transparent_hugepage/enabled")) {
    WARN("this kernel has no transparent huge pages: nothing to check");  // Catch2 2 has no SKIP
    return;
  }
  std::vector<std::uint64_t> large;
  ws::reserve_on_huge_pages(large, ws::kHugePagesFrom / sizeof(std::uint64_t) * 4);
  large.resize(large.capacity());
  std::iota(large.begin(), large.end(), std::uint64_t{0});
  const std::string flags = vm_flags_at(large.data() + large.size() / 2);
  INFO(flags);
  REQUIRE_FALSE(flags.empty());
  CHECK(flags.find(" hg") != std::string::npos);
  CHECK(large[large.size() - 1] == large.size() - 1);

  // The mark is this function's doing: fresh memory of the same size has none. Fresh from the kernel, not from
  // a plain std::vector: after other tests in the same process the allocator may hand out a heap range that an
  // earlier reserve_on_huge_pages already advised.
  const std::size_t bytes = large.size() * sizeof(std::uint64_t);
  void* fresh = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  REQUIRE(fresh != MAP_FAILED);
  auto* plain = static_cast<std::uint64_t*>(fresh);
  std::fill(plain, plain + large.size(), std::uint64_t{1});
  const std::string plain_flags = vm_flags_at(plain + large.size() / 2);
  ::munmap(fresh, bytes);
  INFO(plain_flags);
  REQUIRE_FALSE(plain_flags.empty());
  CHECK(plain_flags.find(" hg") == std::string::npos);
}
