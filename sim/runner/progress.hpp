#pragma once
// Progress of a run on stderr: a bar on a terminal, a plain line every few seconds otherwise, nothing when
// quiet.
#include <chrono>
#include <cstddef>
#include <cstdio>

namespace ws::runner {

class Progress {
 public:
  enum class Mode { automatic, quiet };
  Progress(std::size_t total, Mode mode, std::FILE* out = stderr);
  void advance();  // one replication done
  void finish();

 private:
  void print(bool final);
  std::size_t total_, done_ = 0;
  bool quiet_, terminal_;
  std::FILE* out_;
  std::chrono::steady_clock::time_point start_, last_print_;
};

}  // namespace ws::runner
