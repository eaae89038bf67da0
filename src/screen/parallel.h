// ParallelFor(): the one way batch screening (ScreenCsv, the server's
// ScreenBatch) spreads a chunk of rows over threads.
// Thread-safety: `fn` is called concurrently for different indexes; it must
// only touch what belongs to its index (and shared read-only state).
#ifndef EMBARGO_SCREEN_PARALLEL_H_
#define EMBARGO_SCREEN_PARALLEL_H_

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace embargo::internal {

// Calls fn(i) for every i in [0, count) on up to `threads` threads (the
// calling one included) and returns when all are done. Thread t takes
// i = t, t + n, t + 2n, ...: interleaved slices keep the threads balanced
// when hard rows cluster.
template <typename Fn>
void ParallelFor(size_t count, int threads, const Fn& fn) {
  const size_t n = std::max<size_t>(
      1, std::min(count, static_cast<size_t>(std::max(1, threads))));
  auto work = [&](size_t begin) {
    for (size_t i = begin; i < count; i += n) fn(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(n - 1);
  for (size_t t = 1; t < n; ++t) pool.emplace_back(work, t);
  work(0);
  for (std::thread& th : pool) th.join();
}

}  // namespace embargo::internal

#endif  // EMBARGO_SCREEN_PARALLEL_H_
