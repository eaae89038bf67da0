// The evaluation sets behind docs/quality.md and tests/quality_eval_test.cc:
// queries with the entity each should find (or none, for negatives), and the
// corpus (set of lists, possibly with names held out) each runs against.
// Everything is built deterministically from the shared data and a seed;
// nothing is copied into the repo.
//
//   (a) alias hold-out: one alias per sampled entity removed from the index
//       and used as the query;
//   (b) generated variants of UN and OFAC names (typos, reordering, dropped
//       middle names, hyphenation/merging, romanization, Korean
//       romanization), transliteration to and from the UN's original-script
//       names, Cyrillic and Arabic original-script names held out and
//       queried, and synthetic Hangul renderings of DPRK names;
//   (c) yente fixtures: treated -> untreated UN persons, and negatives;
//   (d) watchman cross-script pairs;
//   (e) NETransliteration word pairs (Arabic, Russian, Chinese, Korean).
//
// Thread-safety: BuildEvalData() is reentrant; the returned data are plain
// values, read-only afterwards and safe to share between threads.
#ifndef EMBARGO_TESTS_EVAL_EVAL_SETS_H_
#define EMBARGO_TESTS_EVAL_EVAL_SETS_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "embargo/entity.h"
#include "embargo/screener.h"
#include "embargo/status.h"

namespace embargo::eval {

struct EvalCase {
  Query query;
  std::string expected_id;  // "" for a negative
  std::string source_name;  // the listed or fixture name the query came from
  std::string note;         // how the query was made, e.g. "deletion in HASSAN"
};

struct EvalSet {
  std::string id;      // stable, used as a CSV column: "typo", "yente_treated"
  std::string title;   // the table row label
  std::string group;   // "(a) alias hold-out", "(b) generated variants", ...
  std::string corpus;  // the Corpus::id it runs against
  bool negative = false;  // queries that must not alert
  bool top1 = false;      // also report top-1 accuracy at threshold 0
  size_t available = 0;   // cases that could be built, before sampling
  std::vector<EvalCase> cases;
  std::vector<std::string> notes;  // facts for the report
};

// What a set's queries run against: some of the loaded lists, copied and
// edited (names held out), plus small synthetic lists built from fixtures.
struct Corpus {
  std::string id;
  std::string description;
  std::vector<size_t> base_lists;  // indices into EvalData::base
  // Applied to every copied entity; entities left without names are dropped.
  std::function<void(Entity*)> edit;
  std::vector<EntityList> synthetic;
};

struct EvalConfig {
  std::string data_dir;                 // the shared data folder
  std::vector<std::string> list_specs;  // the default lists
  size_t sample = 500;                  // cap per set for (a) and (b)
  size_t fixture_sample = 0;        // cap per set for (c) and (d); 0: all rows
  size_t netranslit_sample = 2000;  // pairs per script for (e)
  std::uint64_t seed = 20260227;
  // Set ids to build (a set's corpus comes with it); empty: all.
  std::vector<std::string> only;
};

struct EvalData {
  // The default lists, then the evaluation-only lists (OpenSanctions zala,
  // UAE) that the script hold-out adds.
  std::vector<EntityList> base;
  size_t default_list_count = 0;
  std::vector<Corpus> corpora;
  std::vector<EvalSet> sets;
  std::vector<std::string> files;  // evaluation files read, for the report

  const Corpus* FindCorpus(const std::string& id) const;
};

// Loads the lists and fixtures and builds every set. Fails when a list or
// fixture cannot be read.
Result<EvalData> BuildEvalData(const EvalConfig& config);

// A Screener over the corpus: copies of its base lists with its edit
// applied, plus its synthetic lists.
Result<std::unique_ptr<Screener>> BuildCorpusScreener(const EvalData& data,
                                                      const Corpus& corpus);

// The list specs in a config/default-lists.conf-style file: one per line,
// '#' comments, paths relative to the file, optional "FORMAT:" prefix.
Result<std::vector<std::string>> ReadListsConf(const std::string& path);

// True for the DPRK records: UN KPi/KPe, OFAC programs DPRK*.
bool IsDprkRecord(const Entity& entity);

}  // namespace embargo::eval

#endif  // EMBARGO_TESTS_EVAL_EVAL_SETS_H_
