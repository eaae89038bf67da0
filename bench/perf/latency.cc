// embargo_latency: loads lists, builds a Screener, and times single-threaded
// Search() calls, printing one JSON object: load and index build seconds,
// resident memory after each step, bytes per indexed name, and query
// latency percentiles. scale.sh reads it. Every time is given twice: wall
// clock, and CPU time of this (single) thread, which other load on a shared
// machine does not inflate.
// Usage: embargo_latency [--lists-from CONF | --list SPEC...]
//          --queries CUSTOMERS.csv [--count N] [--threshold T]
//          [--max-seconds S]   (stop querying after S seconds; 0: never)
//          [--slowest N]       (the N dearest queries by CPU, on stderr)
//          [--index SNAPSHOT]  (instead of lists: an `embargo index build`
//                               file, opened in milliseconds; the load time
//                               is then the opening's, the build's 0, and
//                               listed_names the indexed names, as a
//                               snapshot keeps no others)
#include <fmt/format.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "bench_data.h"
#include "embargo/lists.h"
#include "embargo/screener.h"

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// CPU seconds used by the calling thread.
double ThreadCpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) +
         static_cast<double>(ts.tv_nsec) * 1e-9;
}

// RFC 4180 fields of one line (the generator writes no embedded newlines).
std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        out.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        out.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

std::vector<std::string> ReadQueryNames(const std::string& path, size_t max) {
  std::vector<std::string> out;
  std::ifstream in(path);
  std::string line;
  if (!std::getline(in, line)) return out;
  std::vector<std::string> header = SplitCsv(line);
  auto it = std::find(header.begin(), header.end(), "name");
  if (it == header.end()) return out;
  const size_t col = static_cast<size_t>(it - header.begin());
  while (out.size() < max && std::getline(in, line)) {
    std::vector<std::string> f = SplitCsv(line);
    if (col < f.size() && !f[col].empty()) out.push_back(f[col]);
  }
  return out;
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  auto i = static_cast<size_t>(
      std::llround(p * static_cast<double>(sorted.size() - 1)));
  return sorted[std::min(i, sorted.size() - 1)];
}

}  // namespace

int Main(int argc, char** argv) {
  std::string conf, queries_path, snapshot;
  std::vector<std::string> specs;
  size_t count = 10000;
  double threshold = embargo::kDefaultThreshold;
  double max_seconds = 0;
  size_t slowest = 0;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (i + 1 >= argc) {
      fmt::print(stderr, "{}: missing value\n", a);
      return 2;
    }
    if (a == "--lists-from")
      conf = argv[++i];
    else if (a == "--list")
      specs.emplace_back(argv[++i]);
    else if (a == "--queries")
      queries_path = argv[++i];
    else if (a == "--count")
      count = std::stoul(argv[++i]);
    else if (a == "--threshold")
      threshold = std::stod(argv[++i]);
    else if (a == "--max-seconds")
      max_seconds = std::stod(argv[++i]);
    else if (a == "--slowest")
      slowest = std::stoul(argv[++i]);
    else if (a == "--index")
      snapshot = argv[++i];
    else {
      fmt::print(stderr, "unknown flag {}\n", a);
      return 2;
    }
  }
  if (queries_path.empty()) {
    fmt::print(stderr, "--queries CUSTOMERS.csv is required\n");
    return 2;
  }
  std::vector<std::string> names = ReadQueryNames(queries_path, count);
  if (names.empty()) {
    fmt::print(stderr, "{}: no names read\n", queries_path);
    return 3;
  }
  const std::uint64_t rss0 = embargo::bench::CurrentRssBytes();
  const double c0 = ThreadCpu();
  auto t0 = Clock::now();
  size_t listed_names = 0;
  embargo::Result<std::unique_ptr<embargo::Screener>> screener =
      embargo::Status::Internal("not built");
  std::vector<embargo::EntityList> lists;
  if (!snapshot.empty()) {
    screener = embargo::Screener::Open(snapshot);
    if (!screener.ok()) {
      fmt::print(stderr, "{}\n", screener.status().ToString());
      return 3;
    }
    listed_names = (*screener)->indexed_name_count();
  } else {
    auto loaded = embargo::bench::LoadSelectedLists(conf, specs);
    if (!loaded.ok()) {
      fmt::print(stderr, "{}\n", loaded.status().ToString());
      return 3;
    }
    lists = std::move(*loaded);
  }
  auto t1 = Clock::now();
  const double c1 = ThreadCpu();
  const std::uint64_t rss_loaded = embargo::bench::CurrentRssBytes();
  // Progress on stderr, so a run that dies (memory, time) shows how far it
  // got.
  fmt::print(stderr, "loaded in {:.1f}s, RSS {} MiB\n", Seconds(t0, t1),
             rss_loaded >> 20);
  if (snapshot.empty()) {
    for (const auto& l : lists)
      for (const auto& e : l.entities) listed_names += e.names.size();
    screener = embargo::Screener::Build(std::move(lists));
    if (!screener.ok()) {
      fmt::print(stderr, "{}\n", screener.status().ToString());
      return 3;
    }
  }
  auto t2 = Clock::now();
  const double c2 = ThreadCpu();
  const std::uint64_t rss_built = embargo::bench::CurrentRssBytes();
  const size_t indexed = (*screener)->indexed_name_count();
  fmt::print(stderr, "index built in {:.1f}s, RSS {} MiB\n", Seconds(t1, t2),
             rss_built >> 20);

  // As `embargo serve` does at start-up: ICU's transliterators are compiled
  // before the first query, not inside the first query of each script.
  embargo::PrepareNormalization();
  embargo::SearchOptions opts;
  opts.threshold = threshold;
  std::vector<double> micros, cpu_micros;
  micros.reserve(names.size());
  cpu_micros.reserve(names.size());
  size_t hits = 0;
  embargo::Query q;
  auto t3 = Clock::now();
  const double c3 = ThreadCpu();
  for (const std::string& n : names) {
    q.name = n;
    const double ca = ThreadCpu();
    auto a = Clock::now();
    {
      // The caller also pays for freeing the results: inside the timing.
      std::vector<embargo::Match> m = (*screener)->Search(q, opts);
      hits += !m.empty();
    }
    auto b = Clock::now();
    const double cb = ThreadCpu();
    micros.push_back(std::chrono::duration<double, std::micro>(b - a).count());
    cpu_micros.push_back((cb - ca) * 1e6);
    if (max_seconds > 0 && Seconds(t3, b) > max_seconds) break;
  }
  auto t4 = Clock::now();
  const double c4 = ThreadCpu();
  // The tail's queries, to see what makes them dear.
  std::vector<size_t> by_cpu(cpu_micros.size());
  for (size_t i = 0; i < by_cpu.size(); ++i) by_cpu[i] = i;
  slowest = std::min(slowest, by_cpu.size());
  std::partial_sort(
      by_cpu.begin(), by_cpu.begin() + static_cast<std::ptrdiff_t>(slowest),
      by_cpu.end(),
      [&](size_t a, size_t b) { return cpu_micros[a] > cpu_micros[b]; });
  for (size_t k = 0; k < slowest; ++k)
    fmt::print(stderr, "slow {:.0f} us CPU: {}\n", cpu_micros[by_cpu[k]],
               names[by_cpu[k]]);
  std::vector<double> sorted = micros;
  std::sort(sorted.begin(), sorted.end());
  std::vector<double> cpu_sorted = cpu_micros;
  std::sort(cpu_sorted.begin(), cpu_sorted.end());
  double sum = 0;
  for (double m : micros) sum += m;
  const double idx_bytes =
      indexed ? double(rss_built - rss_loaded) / double(indexed) : 0;
  const double all_bytes =
      indexed ? double(rss_built - rss0) / double(indexed) : 0;
  fmt::print(
      "{{\"entities\":{},\"listed_names\":{},\"indexed_names\":{},"
      "\"load_seconds\":{:.3f},\"build_seconds\":{:.3f},"
      "\"rss_start_bytes\":{},\"rss_loaded_bytes\":{},\"rss_built_bytes\":{},"
      "\"peak_rss_bytes\":{},\"index_bytes_per_name\":{:.1f},"
      "\"total_bytes_per_name\":{:.1f},\"index_array_bytes_per_name\":{:.1f},"
      "\"queries\":{},\"queries_with_hits\":{},"
      "\"query_seconds\":{:.3f},\"queries_per_second\":{:.1f},"
      "\"latency_us\":{{\"mean\":{:.1f},\"p50\":{:.1f},\"p90\":{:.1f},"
      "\"p99\":{:.1f},\"max\":{:.1f}}},"
      "\"load_cpu_seconds\":{:.3f},\"build_cpu_seconds\":{:.3f},"
      "\"query_cpu_seconds\":{:.3f},\"cpu_latency_us\":{{\"p50\":{:.1f},"
      "\"p90\":{:.1f},\"p99\":{:.1f},\"max\":{:.1f}}}}}\n",
      (*screener)->entity_count(), listed_names, indexed, Seconds(t0, t1),
      Seconds(t1, t2), rss0, rss_loaded, rss_built,
      embargo::bench::PeakRssBytes(), idx_bytes, all_bytes,
      indexed ? static_cast<double>((*screener)->index_bytes()) /
                    static_cast<double>(indexed)
              : 0.0,
      micros.size(), hits, Seconds(t3, t4),
      static_cast<double>(micros.size()) / std::max(1e-9, Seconds(t3, t4)),
      sum / static_cast<double>(micros.size()), Percentile(sorted, 0.50),
      Percentile(sorted, 0.90), Percentile(sorted, 0.99), sorted.back(),
      c1 - c0, c2 - c1, c4 - c3, Percentile(cpu_sorted, 0.50),
      Percentile(cpu_sorted, 0.90), Percentile(cpu_sorted, 0.99),
      cpu_sorted.back());
  return 0;
}

int main(int argc, char** argv) {
  // Reports an exception (out of memory, a failed write) instead of
  // terminating.
  try {
    return Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "embargo_latency: %s\n", e.what());
    return 70;
  }
}
