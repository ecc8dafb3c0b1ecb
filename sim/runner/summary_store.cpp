#include "sim/runner/summary_store.hpp"

#include <oneapi/tbb/parallel_for.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

namespace ws::runner {
namespace {

// Floats held while computing quantiles (1 MiB). A 100-replication run holds all its values at once below
// this; with 4 MiB, long runs held 4 MiB at the end where short ones held about 1.4 MB.
constexpr std::size_t kReadBudget = std::size_t{1} << 18;

void write_all(int fd, const void* data, std::size_t bytes, std::uint64_t offset) {
  const char* p = static_cast<const char*>(data);
  while (bytes > 0) {
    const ssize_t n = ::pwrite(fd, p, bytes, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(std::string("summary store: write failed: ") + std::strerror(errno));
    p += n;
    bytes -= static_cast<std::size_t>(n);
    offset += static_cast<std::uint64_t>(n);
  }
}

void read_all(int fd, void* data, std::size_t bytes, std::uint64_t offset) {
  char* p = static_cast<char*>(data);
  while (bytes > 0) {
    const ssize_t n = ::pread(fd, p, bytes, static_cast<off_t>(offset));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) throw std::runtime_error(std::string("summary store: read failed: ") + std::strerror(errno));
    p += n;
    bytes -= static_cast<std::size_t>(n);
    offset += static_cast<std::uint64_t>(n);
  }
}

// Type 7 quantiles (linear interpolation between order statistics), as numpy's default, of one cell's values:
// quantile q goes to out[q * stride]. Taken in increasing order of probability (`order`), each selection
// searches only above the previous one: the same order statistics as selecting each from scratch.
void quantiles_of(std::vector<float>& values, std::span<const double> probabilities,
                  std::span<const std::size_t> order, double* out, std::size_t stride) {
  std::size_t from = 0;  // values[0, from) are no greater than any of values[from, end)
  for (std::size_t q : order) {
    const double h = probabilities[q] * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto at = values.begin() + static_cast<std::ptrdiff_t>(lo);
    if (lo >= from) {
      std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(from), at, values.end());
      from = lo + 1;
    }
    const double below = *at;
    if (lo + 1 >= values.size()) {
      out[q * stride] = below;
      continue;
    }
    const double above = *std::min_element(at + 1, values.end());
    out[q * stride] = below + (h - static_cast<double>(lo)) * (above - below);
  }
}

}  // namespace

SummaryStore::SummaryStore(std::size_t scenarios, std::size_t replications, std::size_t cells,
                           std::size_t block, bool counts)
    : scenarios_(scenarios),
      replications_(replications),
      cells_(cells),
      block_(std::max<std::size_t>(1, std::min(block, replications))),
      file_(counts ? nullptr : std::tmpfile()),
      buffer_(counts ? 0 : block_ * cells),
      mean_(counts ? 0 : scenarios * cells, 0.0),
      m2_(counts ? 0 : scenarios * cells, 0.0) {
  if (counts)
    for (std::size_t s = 0; s < scenarios; ++s) histograms_.emplace_back(cells);
  if (!counts && !file_) throw std::runtime_error("cannot create a temporary file for the summaries");
}

SummaryStore::~SummaryStore() {
  if (file_) std::fclose(file_);
}

std::uint64_t SummaryStore::block_offset(std::size_t scenario, std::size_t block) const {
  const std::uint64_t values =
      (static_cast<std::uint64_t>(scenario) * replications_ + block * block_) * cells_;
  return values * sizeof(float);
}

bool SummaryStore::admit(std::size_t replication, std::size_t cells) {
  if (cells != cells_) throw std::logic_error("SummaryStore: wrong number of cells");
  if (replication % block_ != buffered_) throw std::logic_error("SummaryStore: replications out of order");
  if (histograms_.empty()) return false;
  buffered_ = replication + 1 == replications_ ? 0 : (buffered_ + 1) % block_;
  return true;
}

void SummaryStore::add(std::size_t scenario, std::size_t replication, std::span<const std::int32_t> counts) {
  if (histograms_.empty()) throw std::logic_error("SummaryStore: whole numbers for a store of values");
  admit(replication, counts.size());
  histograms_[scenario].add(counts);
}

void SummaryStore::add(std::size_t scenario, std::size_t replication, std::span<const double> values) {
  if (admit(replication, values.size())) {  // counts: exact integer totals and histograms, no running mean
    histograms_[scenario].add(values);
    return;
  }
  const double n = static_cast<double>(replication + 1);
  // data() + offset, not &v[offset]: a variable may have no cells (no capacity states), and binding a
  // reference to an element of an empty vector is undefined behaviour.
  double* mean = mean_.data() + scenario * cells_;
  double* m2 = m2_.data() + scenario * cells_;
  for (std::size_t c = 0; c < cells_; ++c) {
    const double delta = values[c] - mean[c];
    mean[c] += delta / n;
    m2[c] += delta * (values[c] - mean[c]);
  }
  for (std::size_t c = 0; c < cells_; ++c) buffer_[c * block_ + buffered_] = static_cast<float>(values[c]);
  ++buffered_;
  if (buffered_ == block_ || replication + 1 == replications_) flush_block(scenario, replication / block_);
}

// Writes the buffered replications, [cell][replication within block], at the block's place. They are
// buffered in that order already: a transposed copy per block (3 MiB for the stocks) fragmented the heap.
void SummaryStore::flush_block(std::size_t scenario, std::size_t block) {
  const std::size_t rows = buffered_;
  if (rows < block_)  // a short last block: close the gaps, each cell's rows moving down, in cell order
    for (std::size_t c = 1; c < cells_; ++c)
      std::copy_n(buffer_.begin() + static_cast<std::ptrdiff_t>(c * block_), rows,
                  buffer_.begin() + static_cast<std::ptrdiff_t>(c * rows));
  write_all(fileno(file_), buffer_.data(), rows * cells_ * sizeof(float), block_offset(scenario, block));
  buffered_ = 0;
}

SummaryStore::Summary SummaryStore::summarise(std::size_t scenario, std::span<const double> probabilities) {
  Summary out;
  const double n = static_cast<double>(replications_);
  out.mean.resize(cells_);
  out.se.resize(cells_);
  if (histograms_.empty())
    for (std::size_t c = 0; c < cells_; ++c) {
      out.mean[c] = mean_[scenario * cells_ + c];
      out.se[c] = replications_ > 1 ? std::sqrt(m2_[scenario * cells_ + c] / (n - 1) / n)
                                    : std::numeric_limits<double>::quiet_NaN();
    }
  out.quantiles.assign(probabilities.size() * cells_, 0.0);
  std::vector<std::size_t> order(probabilities.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return probabilities[a] < probabilities[b]; });

  if (!histograms_.empty()) {
    const CountHistograms& h = histograms_[scenario];
    tbb::parallel_for(std::size_t{0}, cells_, [&](std::size_t c) {
      out.mean[c] = h.mean(c);
      out.se[c] = h.standard_error(c);
      h.quantiles(c, probabilities, &out.quantiles[c], cells_);
    });
    return out;
  }
  const std::size_t chunk = std::max<std::size_t>(1, std::min(cells_, kReadBudget / replications_));
  const std::size_t blocks = (replications_ + block_ - 1) / block_;
  std::vector<float> slab;  // [block rows x chunk cells] for one block
  std::vector<std::vector<float>> values(chunk);
  for (std::size_t c0 = 0; c0 < cells_; c0 += chunk) {
    const std::size_t c1 = std::min(cells_, c0 + chunk);
    for (auto& v : values) {
      v.clear();
      v.reserve(replications_);  // exactly: growth by doubling would hold up to twice the budget
    }
    for (std::size_t b = 0; b < blocks; ++b) {
      const std::size_t rows = std::min(block_, replications_ - b * block_);
      slab.resize((c1 - c0) * rows);
      read_all(fileno(file_), slab.data(), slab.size() * sizeof(float),
               block_offset(scenario, b) + c0 * rows * sizeof(float));
      for (std::size_t c = c0; c < c1; ++c)
        values[c - c0].insert(values[c - c0].end(),
                              slab.begin() + static_cast<std::ptrdiff_t>((c - c0) * rows),
                              slab.begin() + static_cast<std::ptrdiff_t>((c - c0 + 1) * rows));
    }
    // Each cell on its own: the same order statistics whatever the thread count.
    tbb::parallel_for(c0, c1, [&](std::size_t c) {
      quantiles_of(values[c - c0], probabilities, order, &out.quantiles[c], cells_);
    });
  }
  return out;
}

}  // namespace ws::runner
