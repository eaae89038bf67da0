// Reporting for embargo_quality: the console summary, the markdown tables
// for docs/quality.md (results, targets, threshold sweep, worst misses, top
// false alerts) and the sweep CSV that bench/quality/plot.gp draws.
// Thread-safety: pure functions of a finished run.
#ifndef EMBARGO_BENCH_QUALITY_REPORT_H_
#define EMBARGO_BENCH_QUALITY_REPORT_H_

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/eval_sets.h"
#include "eval/evaluate.h"

namespace embargo::eval {

struct CorpusStats {
  std::string id;
  std::string description;
  size_t entities = 0;
  size_t indexed_names = 0;
  double build_seconds = 0;
};

struct QualityRun {
  const EvalData* data = nullptr;
  std::vector<SetResult> results;  // in the order of data->sets
  std::vector<CorpusStats> corpora;
  RunOptions options;
  double threshold = kDefaultThreshold;
  size_t misses = 20;        // worst misses listed per set
  size_t false_alerts = 30;  // top false alerts listed per negative set
  double seconds = 0;        // the whole run
};

// Called after each set has run, while its corpus's Screener still exists.
using SetHook = std::function<void(const Screener&, const SetResult&)>;

// Builds each corpus's Screener in turn, runs the sets that use it, and
// drops it before the next (the corpora over the default lists are large).
// `progress` receives one line per step; `after_set`, when set, sees each
// set's result with its Screener (to explain misses).
Result<QualityRun> RunAll(const EvalData& data, const RunOptions& options,
                          const std::function<void(std::string_view)>& progress,
                          const SetHook& after_set = nullptr);

// Thresholds of the sweep: 0.50, 0.52, ..., 1.00.
std::vector<double> SweepThresholds();

std::string ConsoleSummary(const QualityRun& run);
std::string MarkdownReport(const QualityRun& run);
std::string SweepCsv(const QualityRun& run);

}  // namespace embargo::eval

#endif  // EMBARGO_BENCH_QUALITY_REPORT_H_
