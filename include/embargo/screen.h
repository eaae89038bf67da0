// Batch screening: a customer CSV in, one result line per row out, in input
// order, using every core. The format is a contract other tools parse:
//   jsonl: {"id":"...","matches":[{"entity_id":"...","score":0.93,
//           "name":"<listed name that matched>","list":"...",
//           "explanation":{...}}]}
//   csv:   id,match_count,best_score,best_entity_id,best_name,best_list,
//          matches,error
// A row that cannot be screened (no name, a bad date) is kept, with an
// "error" field naming its line; it is never dropped.
// Thread-safety: ScreenCsv() may run concurrently on different outputs; the
// progress callback is called from the calling thread only.
#ifndef EMBARGO_SCREEN_H_
#define EMBARGO_SCREEN_H_

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "embargo/screener.h"
#include "embargo/status.h"

namespace embargo {

enum class OutputFormat { kJsonl, kCsv };

struct ScreenProgress {
  std::uint64_t rows = 0;
  std::uint64_t bytes_read = 0;
  std::uint64_t bytes_total = 0;  // 0 when unknown (stdin, gzip)
};

struct ScreenOptions {
  SearchOptions search{.threshold = kDefaultThreshold, .limit = 5};
  OutputFormat format = OutputFormat::kJsonl;
  int threads = 0;  // 0: one per core
  std::function<void(const ScreenProgress&)> progress;
};

struct ScreenSummary {
  std::uint64_t rows = 0;
  std::uint64_t rows_with_hits = 0;
  std::uint64_t rows_with_errors = 0;
  double seconds = 0;
};

// Screens the CSV at `input_path` (header row required; columns recognized
// by name: id, name (required), kind, birth_date, country, passport, imo,
// bic) and passes output text to `write` in input order. Fails on an
// unreadable file, a missing name column or a malformed CSV (naming the
// line); row-level problems become "error" fields instead.
Result<ScreenSummary> ScreenCsv(
    const Screener& screener, const std::string& input_path,
    const ScreenOptions& options,
    const std::function<void(std::string_view)>& write);

// One match as the JSON object used in jsonl output and by the HTTP API.
std::string MatchToJson(const Match& match);

}  // namespace embargo

#endif  // EMBARGO_SCREEN_H_
