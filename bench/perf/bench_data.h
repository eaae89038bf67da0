// Shared helpers of the bench/perf tools: the default lists, memory
// readings from /proc, and name corpora read from ../shared/data at run
// time (never copied into the repo).
// Thread-safety: every function is reentrant; none keeps state.
#ifndef EMBARGO_BENCH_PERF_BENCH_DATA_H_
#define EMBARGO_BENCH_PERF_BENCH_DATA_H_

#include <cstdint>
#include <string>
#include <vector>

#include "embargo/lists.h"
#include "embargo/status.h"

namespace embargo::bench {

// config/default-lists.conf of the source tree.
std::string DefaultListsConf();

// The list specs named by a lists config file (one per line, '#'
// comments, paths relative to the file, optional "FORMAT:" prefix), the
// same rules as `embargo --lists-from`.
Result<std::vector<std::string>> ReadListsConf(const std::string& conf);

// Loads the lists `specs` names, or when it is empty those `conf` names
// (DefaultListsConf() when `conf` is empty too): what --list and
// --lists-from select.
Result<std::vector<EntityList>> LoadSelectedLists(
    const std::string& conf, const std::vector<std::string>& specs);

// Resident set size now and its peak (VmRSS, VmHWM), in bytes; 0 if
// /proc/self/status is unreadable.
std::uint64_t CurrentRssBytes();
std::uint64_t PeakRssBytes();

// Full names from a yente-style CSV (first column full_name, header row).
std::vector<std::string> ReadFullNamesCsv(const std::string& path);

// The second (Hangul) column of netransliteration/wd_korean, at most `max`.
std::vector<std::string> ReadHangulNames(const std::string& path, size_t max);

}  // namespace embargo::bench

#endif  // EMBARGO_BENCH_PERF_BENCH_DATA_H_
