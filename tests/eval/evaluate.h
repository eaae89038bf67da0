// Running evaluation sets against a Screener and measuring them: recall and
// precision at a threshold, alerts per 1,000 negatives, top-1 accuracy, and
// how much of what the exhaustive scan finds the index finds too.
// Every query is searched once with threshold 0 and a fixed limit, so any
// threshold's results are a filter of that one run (a match with score >= t
// is among the best `limit` at threshold 0 exactly when it is among the best
// `limit` at threshold t).
// Thread-safety: RunSet() uses its own worker threads over one Screener
// (whose Search() is thread-safe); the results are plain values.
#ifndef EMBARGO_TESTS_EVAL_EVALUATE_H_
#define EMBARGO_TESTS_EVAL_EVALUATE_H_

#include <cstddef>
#include <string>
#include <vector>

#include "embargo/screener.h"
#include "eval/eval_sets.h"

namespace embargo::eval {

struct Hit {
  std::string entity_id;
  std::string list;
  std::string matched_name;
  double score = 0;
  // The expected entity, or an entity listed under one of its names (the
  // same person or company on another list).
  bool correct = false;
};

struct CaseResult {
  std::vector<Hit> hits;       // index search, threshold 0, best `limit`
  double expected_score = -1;  // the expected entity's score, -1 if absent
  int expected_rank = -1;      // 0-based among hits, -1 if absent
  double seconds = 0;          // the index search
  // The exhaustive comparison, for the first `exhaustive_sample` cases.
  bool compared = false;
  size_t exhaustive_pairs = 0;  // entities >= threshold by exhaustive scan
  size_t agreed_pairs = 0;      // of those, also returned by the index
  std::vector<Hit> missed_by_index;
};

struct SetResult {
  const EvalSet* set = nullptr;
  std::vector<CaseResult> cases;
  size_t exhaustive_sample = 0;   // the cap that applied
  double seconds = 0;             // wall time for the whole set
  double exhaustive_seconds = 0;  // summed over threads
};

struct RunOptions {
  double threshold = kDefaultThreshold;  // for the exhaustive comparison
  size_t limit = 20;
  // Cases per set also scanned exhaustively. The exhaustive scan scores
  // every indexed name, so corpora over `large_corpus_names` get the
  // smaller sample.
  size_t exhaustive_sample = 300;
  size_t exhaustive_sample_large = 40;
  size_t large_corpus_names = 10000;
  int threads = 2;
};

// Runs every case of `set` (which must belong to the corpus `screener` was
// built from). Fails if an expected entity is not in the screener.
Result<SetResult> RunSet(const Screener& screener, const EvalSet& set,
                         const RunOptions& options);

struct SetMetrics {
  size_t size = 0;
  size_t found = 0;   // positives found with score >= t
  double recall = 0;  // positives: expected found with score >= t
  size_t alerts = 0;  // matches with score >= t
  size_t correct_alerts = 0;
  double precision = -1;       // correct / all alerts; -1 when no alerts
  size_t queries_alerted = 0;  // queries with at least one match >= t
  double alerted_per_1000 = 0;
  // Positives missed while an entity listed under one of the expected
  // entity's names (the same party on another list) was alerted.
  size_t missed_but_duplicate_found = 0;
  double top1 = -1;  // positives with top1: best match is expected
  size_t compared = 0;
  size_t exhaustive_pairs = 0;
  size_t agreed_pairs = 0;
  double agreement = -1;  // agreed / exhaustive pairs; -1 when none
  double ms_per_query = 0;
};

SetMetrics ComputeMetrics(const SetResult& result, double threshold);

// Cases whose expected entity was not found at `threshold`, worst first
// (lowest expected score; absent counts as lowest), at most `n`.
std::vector<size_t> WorstMisses(const SetResult& result, double threshold,
                                size_t n);

// Misses the expected entity came closest on: present among the results but
// below `threshold`, highest score first, at most `n`.
std::vector<size_t> NearMisses(const SetResult& result, double threshold,
                               size_t n);

struct FalseAlert {
  size_t case_index;
  Hit hit;
};
// Matches >= threshold among a negative set's results, highest score first.
std::vector<FalseAlert> WorstFalseAlerts(const SetResult& result,
                                         double threshold, size_t n);

}  // namespace embargo::eval

#endif  // EMBARGO_TESTS_EVAL_EVALUATE_H_
