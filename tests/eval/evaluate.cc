#include "eval/evaluate.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "eval/text_util.h"

namespace embargo::eval {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool SharesName(const Entity& a, const Entity& b) {
  std::set<std::string> names;
  for (const Name& n : a.names) names.insert(FoldForCompare(n.full));
  for (const Name& n : b.names)
    if (names.count(FoldForCompare(n.full))) return true;
  return false;
}

Hit ToHit(const Match& m, const Entity* expected) {
  Hit h;
  h.entity_id = m.entity->id;
  h.list = m.list;
  h.matched_name = m.matched_name;
  h.score = m.score;
  h.correct = expected && (m.entity->id == expected->id ||
                           SharesName(*expected, *m.entity));
  return h;
}

}  // namespace

Result<SetResult> RunSet(const Screener& screener, const EvalSet& set,
                         const RunOptions& options) {
  SetResult result;
  result.set = &set;
  result.cases.resize(set.cases.size());
  // Look the expected entities up first: a missing one is a harness bug,
  // not a miss.
  std::vector<const Entity*> expected(set.cases.size(), nullptr);
  for (size_t i = 0; i < set.cases.size(); ++i) {
    const std::string& id = set.cases[i].expected_id;
    if (id.empty()) continue;
    expected[i] = screener.FindEntity(id);
    if (!expected[i])
      return Status::Internal(fmt::format(
          "set {}: expected entity {} is not in the corpus", set.id, id));
  }
  result.exhaustive_sample =
      screener.indexed_name_count() > options.large_corpus_names
          ? options.exhaustive_sample_large
          : options.exhaustive_sample;
  std::atomic<size_t> next{0};
  std::mutex mu;
  double exhaustive_seconds = 0;
  auto start = Clock::now();
  auto work = [&] {
    double my_exhaustive = 0;
    for (size_t i = next++; i < set.cases.size(); i = next++) {
      const EvalCase& c = set.cases[i];
      CaseResult& r = result.cases[i];
      SearchOptions opt;
      opt.threshold = 0;
      opt.limit = options.limit;
      auto t0 = Clock::now();
      std::vector<Match> matches = screener.Search(c.query, opt);
      r.seconds = Since(t0);
      for (const Match& m : matches) {
        r.hits.push_back(ToHit(m, expected[i]));
        if (expected[i] && m.entity == expected[i] && r.expected_rank < 0) {
          r.expected_rank = static_cast<int>(r.hits.size() - 1);
          r.expected_score = m.score;
        }
      }
      if (i >= result.exhaustive_sample) continue;
      SearchOptions ex;
      ex.threshold = options.threshold;
      ex.limit = options.limit;
      ex.exhaustive = true;
      auto t1 = Clock::now();
      std::vector<Match> all = screener.Search(c.query, ex);
      my_exhaustive += Since(t1);
      r.compared = true;
      std::set<std::string> found;
      for (const Hit& h : r.hits)
        if (h.score >= options.threshold) found.insert(h.entity_id);
      for (const Match& m : all) {
        ++r.exhaustive_pairs;
        if (found.count(m.entity->id)) {
          ++r.agreed_pairs;
        } else {
          r.missed_by_index.push_back(ToHit(m, expected[i]));
        }
      }
    }
    std::lock_guard<std::mutex> lock(mu);
    exhaustive_seconds += my_exhaustive;
  };
  int threads = std::max(1, options.threads);
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  result.seconds = Since(start);
  result.exhaustive_seconds = exhaustive_seconds;
  return result;
}

SetMetrics ComputeMetrics(const SetResult& result, double threshold) {
  SetMetrics m;
  const EvalSet& set = *result.set;
  m.size = result.cases.size();
  size_t top1 = 0;
  double seconds = 0;
  for (const CaseResult& r : result.cases) {
    seconds += r.seconds;
    if (!set.negative && r.expected_score >= threshold) ++m.found;
    if (r.expected_rank == 0) ++top1;
    bool alerted = false, duplicate = false;
    for (const Hit& h : r.hits) {
      if (h.score < threshold) continue;
      alerted = true;
      ++m.alerts;
      m.correct_alerts += h.correct;
      duplicate = duplicate || h.correct;
    }
    if (!set.negative && r.expected_score < threshold && duplicate)
      ++m.missed_but_duplicate_found;
    m.queries_alerted += alerted;
    if (r.compared) {
      ++m.compared;
      m.exhaustive_pairs += r.exhaustive_pairs;
      m.agreed_pairs += r.agreed_pairs;
    }
  }
  if (m.size) {
    m.alerted_per_1000 = 1000.0 * static_cast<double>(m.queries_alerted) /
                         static_cast<double>(m.size);
    m.ms_per_query = 1000.0 * seconds / static_cast<double>(m.size);
    if (!set.negative) {
      m.recall = static_cast<double>(m.found) / static_cast<double>(m.size);
      if (set.top1)
        m.top1 = static_cast<double>(top1) / static_cast<double>(m.size);
    }
  }
  if (m.alerts && !set.negative)
    m.precision =
        static_cast<double>(m.correct_alerts) / static_cast<double>(m.alerts);
  if (m.exhaustive_pairs)
    m.agreement = static_cast<double>(m.agreed_pairs) /
                  static_cast<double>(m.exhaustive_pairs);
  return m;
}

std::vector<size_t> WorstMisses(const SetResult& result, double threshold,
                                size_t n) {
  std::vector<size_t> misses;
  for (size_t i = 0; i < result.cases.size(); ++i)
    if (result.cases[i].expected_score < threshold) misses.push_back(i);
  std::stable_sort(misses.begin(), misses.end(), [&](size_t a, size_t b) {
    return result.cases[a].expected_score < result.cases[b].expected_score;
  });
  if (misses.size() > n) misses.resize(n);
  return misses;
}

std::vector<size_t> NearMisses(const SetResult& result, double threshold,
                               size_t n) {
  std::vector<size_t> misses;
  for (size_t i = 0; i < result.cases.size(); ++i) {
    double s = result.cases[i].expected_score;
    if (s >= 0 && s < threshold) misses.push_back(i);
  }
  std::stable_sort(misses.begin(), misses.end(), [&](size_t a, size_t b) {
    return result.cases[a].expected_score > result.cases[b].expected_score;
  });
  if (misses.size() > n) misses.resize(n);
  return misses;
}

std::vector<FalseAlert> WorstFalseAlerts(const SetResult& result,
                                         double threshold, size_t n) {
  std::vector<FalseAlert> out;
  for (size_t i = 0; i < result.cases.size(); ++i)
    for (const Hit& h : result.cases[i].hits)
      if (h.score >= threshold) out.push_back({i, h});
  std::stable_sort(out.begin(), out.end(),
                   [](const FalseAlert& a, const FalseAlert& b) {
                     return a.hit.score > b.hit.score;
                   });
  if (out.size() > n) out.resize(n);
  return out;
}

}  // namespace embargo::eval
