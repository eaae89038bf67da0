// The index finds what the exhaustive scan finds, on every evaluation set of
// tests/eval (the sets behind docs/quality.md), and recall has not
// collapsed. Recall targets are reported by bench/quality, not tested here;
// the floors below only catch bad regressions.
//
// To stay within a few minutes on two busy cores, the sets are built over
// the UN list alone (plus the evaluation-only zala and UAE lists the script
// hold-out adds) rather than all default lists: an exhaustive scan scores
// every indexed name, and the property must hold for any corpus.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>

#include "eval/eval_sets.h"
#include "eval/evaluate.h"

namespace embargo::eval {
namespace {

constexpr double kMinAgreement = 0.995;

// Regression floors, far below the measured values (docs/quality.md).
const std::map<std::string, double>& RecallFloors() {
  static const auto* kFloors = new std::map<std::string, double>{
      {"yente_treated", 0.90},
      {"typo", 0.85},
      {"reorder", 0.85},
      {"drop_middle", 0.85},
      {"hyphen_merge", 0.75},
      {"romanization", 0.75},
      {"korean_romanization", 0.75},
      {"hangul_synthetic", 0.75},
      {"script_cyrillic", 0.60},
      {"netranslit_russian", 0.40},
      {"script_arabic", 0.30},
      {"translit_to_latin_ar", 0.30},
      {"translit_from_latin", 0.30},
      {"netranslit_arabic", 0.20},
  };
  return *kFloors;
}

// Names alerted per 1,000 negatives, screened with their birth date,
// nationality and gender.
constexpr double kMaxNegativeAlertsPer1000 = 20;

// The sets (a few seconds) and the searches are built once per process and
// shared by the tests.
const EvalData& Data() {
  static const EvalData* data = [] {
    EvalConfig config;
    config.data_dir = EMBARGO_SHARED_DATA;
    config.list_specs = {std::string(EMBARGO_SHARED_DATA) +
                         "/un_sc/2026-02-27/UN_consolidated.xml"};
    config.sample = 300;
    config.fixture_sample = 300;
    config.netranslit_sample = 300;
    config.seed = 20260227;
    auto built = BuildEvalData(config);
    if (!built.ok()) {
      ADD_FAILURE() << built.status().ToString();
      return new EvalData;
    }
    return new EvalData(std::move(*built));
  }();
  return *data;
}

// Every set run through the index, the first 200 queries of each also
// scanned exhaustively.
const std::map<std::string, SetResult>& Results() {
  static const auto* results = [] {
    RunOptions options;
    options.limit = 20;
    options.threads = 2;
    options.exhaustive_sample = 200;
    options.exhaustive_sample_large = 200;
    auto* out = new std::map<std::string, SetResult>;
    const EvalData& data = Data();
    for (const Corpus& corpus : data.corpora) {
      auto screener = BuildCorpusScreener(data, corpus);
      if (!screener.ok()) {
        ADD_FAILURE() << screener.status().ToString();
        continue;
      }
      for (const EvalSet& set : data.sets) {
        if (set.corpus != corpus.id) continue;
        auto r = RunSet(**screener, set, options);
        if (!r.ok()) {
          ADD_FAILURE() << r.status().ToString();
          continue;
        }
        out->emplace(set.id, std::move(*r));
      }
    }
    return out;
  }();
  return *results;
}

TEST(QualityEvalTest, BuildsEverySet) {
  std::map<std::string, const EvalSet*> sets;
  for (const EvalSet& s : Data().sets) sets[s.id] = &s;
  for (const char* id : {"alias_holdout",
                         "typo",
                         "reorder",
                         "drop_middle",
                         "hyphen_merge",
                         "romanization",
                         "korean_romanization",
                         "translit_from_latin",
                         "script_cyrillic",
                         "script_arabic",
                         "translit_to_latin_ar",
                         "translit_to_latin_cy",
                         "hangul_synthetic",
                         "yente_treated",
                         "neg_global",
                         "neg_global_name_only",
                         "neg_us",
                         "neg_us_name_only",
                         "watchman_cross_script",
                         "netranslit_arabic",
                         "netranslit_russian",
                         "netranslit_chinese",
                         "netranslit_korean"}) {
    ASSERT_TRUE(sets.count(id)) << id;
    EXPECT_GE(sets.at(id)->cases.size(), 20u) << id;
  }
  EXPECT_EQ(sets.size(), 23u);
  // The fixtures' sizes (PROVENANCE.md section 7) and the caps.
  EXPECT_EQ(sets.at("yente_treated")->available, 683u);
  EXPECT_EQ(sets.at("yente_treated")->cases.size(), 300u);
  EXPECT_EQ(sets.at("neg_global")->available, 1000u);
  EXPECT_EQ(sets.at("neg_us")->available, 1000u);
  EXPECT_EQ(sets.at("watchman_cross_script")->cases.size(), 22u);
  EXPECT_EQ(sets.at("netranslit_arabic")->available, 12994u);
  EXPECT_EQ(sets.at("netranslit_chinese")->available, 12261u);
  EXPECT_EQ(sets.at("netranslit_russian")->available, 32927u);
  EXPECT_EQ(sets.at("netranslit_korean")->available, 8251u);
  EXPECT_EQ(sets.at("netranslit_korean")->cases.size(), 300u);
}

TEST(QualityEvalTest, IndexFindsWhatTheExhaustiveScanFinds) {
  const std::map<std::string, SetResult>& results = Results();
  ASSERT_EQ(results.size(), Data().sets.size());
  size_t total_pairs = 0;
  for (const auto& [id, result] : results) {
    SetMetrics m = ComputeMetrics(result, kDefaultThreshold);
    EXPECT_EQ(m.compared, std::min<size_t>(m.size, 200)) << id;
    total_pairs += m.exhaustive_pairs;
    std::printf(
        "%-24s %4zu queries: index finds %zu of %zu exhaustive pairs "
        "(%.2f%%)\n",
        id.c_str(), m.size, m.agreed_pairs, m.exhaustive_pairs,
        m.exhaustive_pairs ? 100.0 * m.agreement : 100.0);
    if (m.exhaustive_pairs == 0) continue;
    // What the index missed, so a failure (or a near miss) can be read.
    std::string missed;
    for (size_t i = 0; i < result.cases.size() && missed.size() < 2000; ++i)
      for (const Hit& h : result.cases[i].missed_by_index)
        missed += "  " + result.set->cases[i].query.name + " -> " +
                  h.matched_name + " (" + h.entity_id + ", " +
                  std::to_string(h.score) + ")\n";
    std::fputs(missed.c_str(), stdout);
    EXPECT_GE(m.agreement, kMinAgreement) << id;
  }
  // The sets must exercise the property: most positive queries alert.
  EXPECT_GT(total_pairs, 1500u);
}

TEST(QualityEvalTest, RecallHasNotCollapsed) {
  const std::map<std::string, SetResult>& results = Results();
  ASSERT_EQ(results.size(), Data().sets.size());
  for (const auto& [id, result] : results) {
    SetMetrics m = ComputeMetrics(result, kDefaultThreshold);
    if (result.set->negative) {
      std::printf("%-24s %4zu names: %.1f alerted per 1,000\n", id.c_str(),
                  m.size, m.alerted_per_1000);
      if (id == "neg_global" || id == "neg_us") {
        EXPECT_LE(m.alerted_per_1000, kMaxNegativeAlertsPer1000) << id;
      }
      continue;
    }
    std::printf("%-24s %4zu queries: recall %.1f%%\n", id.c_str(), m.size,
                100.0 * m.recall);
    auto floor = RecallFloors().find(id);
    if (floor != RecallFloors().end()) {
      EXPECT_GE(m.recall, floor->second) << id;
    }
  }
}

}  // namespace
}  // namespace embargo::eval
