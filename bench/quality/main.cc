// embargo_quality: measures matching quality on the evaluation sets in
// tests/eval (alias hold-out, generated variants, original-script
// hold-outs, yente, watchman and NETransliteration fixtures) and writes the
// tables of docs/quality.md and the threshold sweep CSV.
// bench/quality/run.sh is the way to run it.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "eval/eval_sets.h"
#include "eval/evaluate.h"
#include "quality/report.h"

namespace {

namespace fs = std::filesystem;
using embargo::Status;

int Fail(const Status& status) {
  std::fprintf(stderr, "embargo_quality: %s\n", status.ToString().c_str());
  return 1;
}

Status WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return Status::IoError(path + ": cannot write");
  return Status::Ok();
}

std::vector<std::string> SplitComma(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

std::string DescribeMatch(const embargo::Match& m) {
  std::string out = fmt::format("{} ({}, {:.3f}) via \"{}\":", m.entity->id,
                                m.list, m.score, m.matched_name);
  for (const embargo::TokenAlignment& t : m.explanation.tokens)
    out += fmt::format(" {}~{} {:.2f} {};", t.query_token, t.listed_token,
                       t.similarity, t.method);
  for (const std::string& t : m.explanation.unmatched_query_tokens)
    out += " -q:" + t;
  for (const std::string& t : m.explanation.unmatched_listed_tokens)
    out += " -l:" + t;
  for (const embargo::FeatureContribution& f : m.explanation.features)
    out += fmt::format(" [{} {:+.2f}]", f.feature, f.delta);
  return out;
}

// One block per positive case missed at the threshold: the query, the
// expected entity's indexed names, how it scored (an exhaustive scan over
// its list, so it is found even outside the best `limit`) and what won.
void ExplainMisses(const embargo::Screener& screener,
                   const embargo::eval::SetResult& result, double threshold,
                   std::string* out) {
  const embargo::eval::EvalSet& set = *result.set;
  if (set.negative) return;
  for (size_t i = 0; i < result.cases.size(); ++i) {
    const embargo::eval::CaseResult& r = result.cases[i];
    if (r.expected_score >= threshold) continue;
    const embargo::eval::EvalCase& c = set.cases[i];
    const embargo::Entity* e = screener.FindEntity(c.expected_id);
    if (!e) continue;
    *out += fmt::format("== {} | {} | expected {} | {}\n", set.id, c.query.name,
                        c.expected_id, c.note);
    for (const embargo::Name& n : e->names) *out += "   name: " + n.full + "\n";
    embargo::SearchOptions opt;
    opt.threshold = 0;
    opt.limit = 100000;
    opt.exhaustive = true;
    opt.include_lists = {e->provenance.list};
    bool seen = false;
    for (const embargo::Match& m : screener.Search(c.query, opt)) {
      if (m.entity != e) continue;
      *out += "   expected: " + DescribeMatch(m) + "\n";
      seen = true;
      break;
    }
    if (!seen) *out += "   expected: score 0\n";
    embargo::SearchOptions top;
    top.threshold = 0;
    top.limit = 1;
    for (const embargo::Match& m : screener.Search(c.query, top))
      *out += "   best: " + DescribeMatch(m) + "\n";
  }
}

}  // namespace

int Main(int argc, char** argv) {
  CLI::App app{
      "Measures embargo's matching quality: recall, precision, false alerts "
      "and index-vs-exhaustive agreement on the evaluation sets."};
  std::string lists_from;
  std::string data_dir = EMBARGO_SHARED_DATA;
  std::string markdown, sweep, sets, explain;
  embargo::eval::EvalConfig config;
  embargo::eval::RunOptions options;
  size_t misses = 20;
  app.add_option("--lists-from", lists_from,
                 "The default lists (default: config/default-lists.conf)");
  app.add_option("--data", data_dir, "The shared data folder")
      ->capture_default_str();
  app.add_option("--sample", config.sample,
                 "Queries per alias hold-out and generated set")
      ->capture_default_str();
  app.add_option("--netranslit-sample", config.netranslit_sample,
                 "NETransliteration pairs per script")
      ->capture_default_str();
  app.add_option("--fixture-sample", config.fixture_sample,
                 "Rows per yente set (0: all)")
      ->capture_default_str();
  app.add_option("--exhaustive-sample", options.exhaustive_sample,
                 "Queries per set also scanned exhaustively")
      ->capture_default_str();
  app.add_option("--exhaustive-sample-large", options.exhaustive_sample_large,
                 "The same, for sets whose corpus has over "
                 "--large-corpus-names indexed names (an exhaustive scan "
                 "scores every one)")
      ->capture_default_str();
  app.add_option("--large-corpus-names", options.large_corpus_names,
                 "Where a corpus counts as large")
      ->capture_default_str();
  app.add_option("--threshold", options.threshold, "The alert threshold")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--limit", options.limit, "Matches per query")
      ->capture_default_str();
  app.add_option("--threads", options.threads, "Search threads")
      ->capture_default_str();
  app.add_option("--seed", config.seed, "Sampling seed")->capture_default_str();
  app.add_option("--sets", sets,
                 "Comma-separated set ids to run (default: all)");
  app.add_option("--misses", misses, "Worst misses listed per set")
      ->capture_default_str();
  app.add_option("--markdown", markdown, "Write the markdown tables here");
  app.add_option("--sweep", sweep, "Write the threshold sweep CSV here");
  app.add_option("--explain-misses", explain,
                 "Write every missed positive with the expected entity's "
                 "names and score explanation here");
  CLI11_PARSE(app, argc, argv);

  if (lists_from.empty()) {
    lists_from = fs::exists("config/default-lists.conf")
                     ? "config/default-lists.conf"
                     : EMBARGO_SOURCE_DIR "/config/default-lists.conf";
  }
  auto specs = embargo::eval::ReadListsConf(lists_from);
  if (!specs.ok()) return Fail(specs.status());
  config.list_specs = *specs;
  config.data_dir = data_dir;
  config.only = SplitComma(sets);

  std::fprintf(stderr, "building the evaluation sets...\n");
  auto data = embargo::eval::BuildEvalData(config);
  if (!data.ok()) return Fail(data.status());
  std::string explained;
  embargo::eval::SetHook hook;
  if (!explain.empty()) {
    hook = [&](const embargo::Screener& screener,
               const embargo::eval::SetResult& result) {
      ExplainMisses(screener, result, options.threshold, &explained);
    };
  }
  auto run = embargo::eval::RunAll(
      *data, options,
      [](std::string_view line) {
        std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()),
                     line.data());
      },
      hook);
  if (!run.ok()) return Fail(run.status());
  run->misses = misses;
  std::fputs(embargo::eval::ConsoleSummary(*run).c_str(), stdout);
  std::printf("total %.1fs\n", run->seconds);
  if (!markdown.empty()) {
    Status s = WriteFile(markdown, embargo::eval::MarkdownReport(*run));
    if (!s.ok()) return Fail(s);
  }
  if (!explain.empty()) {
    Status s = WriteFile(explain, explained);
    if (!s.ok()) return Fail(s);
  }
  if (!sweep.empty()) {
    Status s = WriteFile(sweep, embargo::eval::SweepCsv(*run));
    if (!s.ok()) return Fail(s);
  }
  return 0;
}

int main(int argc, char** argv) {
  // Reports an exception (out of memory, a failed write) instead of
  // terminating.
  try {
    return Main(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "embargo_quality: %s\n", e.what());
    return 70;
  }
}
