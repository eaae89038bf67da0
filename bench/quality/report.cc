#include "quality/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>

namespace embargo::eval {
namespace {

std::string Pct(double v) {
  if (v < 0) return "n/a";
  return fmt::format("{:.1f}%", 100.0 * v);
}

std::string Cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += ' ';
    else
      out.push_back(c);
  }
  return out;
}

std::string Agreement(const SetMetrics& m) {
  if (m.compared == 0) return "n/a";
  if (m.exhaustive_pairs == 0)
    return fmt::format("no pairs ({} queries)", m.compared);
  return fmt::format("{} ({}/{} pairs, {} queries)", Pct(m.agreement),
                     m.agreed_pairs, m.exhaustive_pairs, m.compared);
}

const SetResult* Find(const QualityRun& run, const std::string& id) {
  for (const SetResult& r : run.results)
    if (r.set->id == id) return &r;
  return nullptr;
}

struct Pooled {
  size_t found = 0, size = 0, alerts = 0, correct = 0;
  size_t list_found = 0, list_size = 0;  // sets (a)-(c), drawn from lists
  double macro = 0;
  size_t sets = 0;
  size_t neg_alerted = 0, neg_size = 0;
};

Pooled Pool(const QualityRun& run, double t) {
  Pooled p;
  for (const SetResult& r : run.results) {
    SetMetrics m = ComputeMetrics(r, t);
    if (r.set->negative) {
      // The sweep's false-alert rate is over the realistic negatives: names
      // screened with the birth date, nationality and gender they come
      // with. The name-only runs are reported separately.
      if (r.set->id.find("name_only") == std::string::npos) {
        p.neg_alerted += m.queries_alerted;
        p.neg_size += m.size;
      }
      continue;
    }
    if (m.size == 0) continue;
    p.found += m.found;
    p.size += m.size;
    const std::string& g = r.set->group;
    if (g.rfind("(a)", 0) == 0 || g.rfind("(b)", 0) == 0 ||
        g.rfind("(c)", 0) == 0) {
      p.list_found += m.found;
      p.list_size += m.size;
    }
    p.alerts += m.alerts;
    p.correct += m.correct_alerts;
    p.macro += m.recall;
    ++p.sets;
  }
  if (p.sets) p.macro /= static_cast<double>(p.sets);
  return p;
}

double Ratio(size_t a, size_t b) {
  return b ? static_cast<double>(a) / static_cast<double>(b) : -1;
}

std::string HitText(const Hit& h) {
  return fmt::format("{} ({}, {:.3f})", h.matched_name, h.entity_id, h.score);
}

}  // namespace

Result<QualityRun> RunAll(const EvalData& data, const RunOptions& options,
                          const std::function<void(std::string_view)>& progress,
                          const SetHook& after_set) {
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  QualityRun run;
  run.data = &data;
  run.options = options;
  run.threshold = options.threshold;
  std::vector<std::optional<SetResult>> results(data.sets.size());
  for (const Corpus& corpus : data.corpora) {
    bool used = false;
    for (const EvalSet& s : data.sets) used = used || s.corpus == corpus.id;
    if (!used) continue;
    auto t0 = Clock::now();
    auto screener = BuildCorpusScreener(data, corpus);
    if (!screener.ok())
      return screener.status().WithContext("corpus " + corpus.id);
    CorpusStats stats;
    stats.id = corpus.id;
    stats.description = corpus.description;
    stats.entities = (*screener)->entity_count();
    stats.indexed_names = (*screener)->indexed_name_count();
    stats.build_seconds =
        std::chrono::duration<double>(Clock::now() - t0).count();
    run.corpora.push_back(stats);
    progress(fmt::format("corpus {}: {} entities, {} names, built in {:.1f}s",
                         corpus.id, stats.entities, stats.indexed_names,
                         stats.build_seconds));
    for (size_t i = 0; i < data.sets.size(); ++i) {
      const EvalSet& set = data.sets[i];
      if (set.corpus != corpus.id) continue;
      auto r = RunSet(**screener, set, options);
      if (!r.ok()) return r.status();
      SetMetrics m = ComputeMetrics(*r, options.threshold);
      progress(fmt::format(
          "  {:<24} {:>5} queries in {:.1f}s (exhaustive {:.1f}s): {} {}",
          set.id, m.size, r->seconds, r->exhaustive_seconds,
          set.negative ? fmt::format("{:.1f} alerted/1000", m.alerted_per_1000)
                       : "recall " + Pct(m.recall),
          m.compared ? "agreement " + Pct(m.agreement) : ""));
      if (after_set) after_set(**screener, *r);
      results[i] = std::move(*r);
    }
  }
  for (size_t i = 0; i < results.size(); ++i) {
    if (!results[i])
      return Status::Internal("set " + data.sets[i].id + " has no corpus " +
                              data.sets[i].corpus);
    run.results.push_back(std::move(*results[i]));
  }
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return run;
}

std::vector<double> SweepThresholds() {
  std::vector<double> out;
  for (int i = 50; i <= 100; i += 2) out.push_back(i / 100.0);
  return out;
}

std::string ConsoleSummary(const QualityRun& run) {
  std::string out = fmt::format(
      "{:<24} {:>6} {:>8} {:>9} {:>7} {:>9} {:>24} {:>8}\n", "set", "size",
      "recall", "precision", "top1@0", "alerts/k", "index/exhaustive", "ms/q");
  for (const SetResult& r : run.results) {
    SetMetrics m = ComputeMetrics(r, run.threshold);
    out += fmt::format(
        "{:<24} {:>6} {:>8} {:>9} {:>7} {:>9.1f} {:>24} {:>8.2f}\n", r.set->id,
        m.size, r.set->negative ? "-" : Pct(m.recall), Pct(m.precision),
        Pct(m.top1), m.alerted_per_1000,
        m.compared
            ? fmt::format("{} of {}", Pct(m.agreement), m.exhaustive_pairs)
            : "n/a",
        m.ms_per_query);
  }
  return out;
}

std::string MarkdownReport(const QualityRun& run) {
  const EvalData& data = *run.data;
  const double t = run.threshold;
  std::string md;

  md += "## Data\n\n";
  md +=
      "| List | Format | Published | Entities | File "
      "|\n|---|---|---|---|---|\n";
  for (size_t l = 0; l < data.base.size(); ++l) {
    const EntityList& list = data.base[l];
    md += fmt::format("| {}{} | {} | {} | {} | `{}` |\n", list.info.name,
                      l >= data.default_list_count ? " (evaluation only)" : "",
                      list.info.format,
                      list.info.published.empty()
                          ? "not stated"
                          : list.info.published.ToString(),
                      list.entities.size(),
                      list.info.files.empty() ? "" : list.info.files[0]);
  }
  md += "\nEvaluation files:\n\n";
  for (const std::string& f : data.files) md += fmt::format("- `{}`\n", f);
  md += "\nCorpora (what each set is searched against):\n\n";
  md +=
      "| Corpus | Contents | Entities | Indexed names | Build (s) |\n"
      "|---|---|---|---|---|\n";
  for (const CorpusStats& c : run.corpora)
    md += fmt::format("| {} | {} | {} | {} | {:.1f} |\n", c.id,
                      Cell(c.description), c.entities, c.indexed_names,
                      c.build_seconds);

  md += fmt::format(
      "\n## Results at the default threshold ({:.2f})\n\n"
      "Each query is searched once through the index (limit {}); a positive "
      "is found when its expected entity is among the results with score >= "
      "{:.2f}. Precision counts an alert as correct when it is the expected "
      "entity or an entity listed under one of the expected entity's names "
      "(the same person or company on another list; names compared "
      "lower-cased without punctuation). Index vs exhaustive: of the (query, "
      "entity) pairs the exhaustive scan (`SearchOptions.exhaustive`, same "
      "limit and threshold) finds for the first queries of each set ({} "
      "queries per set; {} for corpora over {} indexed names, since the "
      "exhaustive scan scores every name), the share the index also returns. "
      "Top-1 is at threshold 0 (the best match is the expected entity).\n\n",
      t, run.options.limit, t, run.options.exhaustive_sample,
      run.options.exhaustive_sample_large, run.options.large_corpus_names);
  md +=
      "| Group | Set | Size | Recall | Precision | Top-1 @0 | Negatives: "
      "alerted names /1,000 | Index vs exhaustive | ms/query |\n"
      "|---|---|---|---|---|---|---|---|---|\n";
  for (const SetResult& r : run.results) {
    SetMetrics m = ComputeMetrics(r, t);
    md += fmt::format(
        "| {} | {} (`{}`) | {} | {} | {} | {} | {} | {} | {:.2f} |\n",
        r.set->group, Cell(r.set->title), r.set->id,
        r.set->available > m.size
            ? fmt::format("{} of {}", m.size, r.set->available)
            : fmt::format("{}", m.size),
        r.set->negative ? "–" : Pct(m.recall), Pct(m.precision), Pct(m.top1),
        r.set->negative ? fmt::format("{:.1f}", m.alerted_per_1000) : "–",
        Agreement(m), m.ms_per_query);
  }
  std::string duplicates;
  for (const SetResult& r : run.results) {
    SetMetrics m = ComputeMetrics(r, t);
    if (m.missed_but_duplicate_found)
      duplicates += fmt::format("{}`{}` {} of {} misses",
                                duplicates.empty() ? "" : ", ", r.set->id,
                                m.missed_but_duplicate_found, m.size - m.found);
  }
  if (!duplicates.empty())
    md +=
        "\nMisses where an entity listed under one of the expected "
        "entity's names (the same party on another list) was alerted "
        "instead: " +
        duplicates + ".\n";
  Pooled p = Pool(run, t);
  md += fmt::format(
      "\nAll positive sets pooled: recall {} over {} queries (mean of the "
      "per-set recalls: {}; sets (a)-(c), drawn from the lists, pooled: {} "
      "over {}); precision {}.\n",
      Pct(Ratio(p.found, p.size)), p.size, Pct(p.macro),
      Pct(Ratio(p.list_found, p.list_size)), p.list_size,
      Pct(Ratio(p.correct, p.alerts)));

  // Targets.
  md +=
      "\n## Targets\n\n| Target | Goal | Measured | Met |\n|---|---|---|---|\n";
  auto recall_of = [&](const std::vector<std::string>& ids, size_t* n) {
    size_t found = 0, size = 0;
    for (const std::string& id : ids) {
      const SetResult* r = Find(run, id);
      if (!r) continue;
      SetMetrics m = ComputeMetrics(*r, t);
      found += m.found;
      size += m.size;
    }
    *n = size;
    return Ratio(found, size);
  };
  auto target_row = [&](const std::string& what,
                        const std::vector<std::string>& ids, double goal) {
    size_t n = 0;
    double v = recall_of(ids, &n);
    if (n == 0) return;
    md += fmt::format("| {} | recall >= {:.0f}% | {} ({} queries) | {} |\n",
                      what, goal * 100, Pct(v), n, v >= goal ? "yes" : "no");
  };
  target_row(
      "Generated variants (typo, reorder, drop_middle, hyphen_merge, "
      "romanization pooled)",
      {"typo", "reorder", "drop_middle", "hyphen_merge", "romanization"}, 0.98);
  for (const std::string id :
       {"typo", "reorder", "drop_middle", "hyphen_merge", "romanization"})
    target_row(fmt::format("&nbsp;&nbsp;`{}`", id), {id}, 0.98);
  target_row("Korean romanization variants", {"korean_romanization"}, 0.98);
  target_row("Cyrillic original script vs Latin", {"script_cyrillic"}, 0.97);
  target_row("Hangul (synthetic) vs Latin", {"hangul_synthetic"}, 0.97);
  target_row("Arabic original script vs Latin", {"script_arabic"}, 0.85);
  target_row("yente treated -> untreated", {"yente_treated"}, 0.99);
  for (const std::string id : {"neg_global", "neg_us"}) {
    const SetResult* r = Find(run, id);
    if (!r) continue;
    SetMetrics m = ComputeMetrics(*r, t);
    md += fmt::format(
        "| yente {} ({} names, with birth date/nationality/gender) | <= 2 "
        "alerted names per 1,000 | {:.1f} ({} names, {} matches) | {} |\n",
        id == "neg_global" ? "negatives_global" : "negatives_us", m.size,
        m.alerted_per_1000, m.queries_alerted, m.alerts,
        m.alerted_per_1000 <= 2.0 ? "yes" : "no");
  }

  // Sweep.
  md +=
      "\n## Threshold sweep\n\n"
      "Recall over all positive sets pooled (and the mean of the per-set "
      "recalls), against names alerted per 1,000 yente negatives (global + "
      "US, screened with birth date, nationality and gender). Per-set "
      "recall at every threshold is in the CSV.\n\n"
      "![recall vs false alerts](quality_pr.png)\n\n"
      "| Threshold | Recall (all pooled) | Recall (mean of sets) | Recall "
      "(sets (a)-(c) pooled) | Precision (pooled) | Alerted negatives "
      "/1,000 |\n|---|---|---|---|---|---|\n";
  for (double th : SweepThresholds()) {
    Pooled q = Pool(run, th);
    md += fmt::format("| {:.2f} | {} | {} | {} | {} | {:.1f} |\n", th,
                      Pct(Ratio(q.found, q.size)), Pct(q.macro),
                      Pct(Ratio(q.list_found, q.list_size)),
                      Pct(Ratio(q.correct, q.alerts)),
                      q.neg_size ? 1000.0 * static_cast<double>(q.neg_alerted) /
                                       static_cast<double>(q.neg_size)
                                 : 0.0);
  }
  std::vector<double> picks = {0.70, 0.75, 0.80, 0.85, 0.90, 0.95};
  md +=
      "\nRecall by set at selected thresholds (negatives: alerted names "
      "per 1,000):\n\n| Set |";
  for (double th : picks) md += fmt::format(" {:.2f} |", th);
  md += "\n|---|";
  for (size_t i = 0; i < picks.size(); ++i) md += "---|";
  md += "\n";
  for (const SetResult& r : run.results) {
    md += fmt::format("| `{}` |", r.set->id);
    for (double th : picks) {
      SetMetrics m = ComputeMetrics(r, th);
      md += r.set->negative ? fmt::format(" {:.1f} |", m.alerted_per_1000)
                            : fmt::format(" {} |", Pct(m.recall));
    }
    md += "\n";
  }

  // Notes.
  md += "\n## How each set was built\n\n";
  for (const SetResult& r : run.results) {
    const EvalSet& s = *r.set;
    md += fmt::format("- `{}` ({} queries; corpus `{}`): {}.", s.id,
                      r.cases.size(), s.corpus, Cell(s.title));
    for (const std::string& n : s.notes) md += fmt::format(" {}.", Cell(n));
    md += "\n";
  }

  // Index vs exhaustive disagreements.
  std::string missed;
  for (const SetResult& r : run.results) {
    size_t shown = 0;
    for (size_t i = 0; i < r.cases.size() && shown < 10; ++i) {
      for (const Hit& h : r.cases[i].missed_by_index) {
        if (shown++ >= 10) break;
        missed +=
            fmt::format("| `{}` | {} | {} |\n", r.set->id,
                        Cell(r.set->cases[i].query.name), Cell(HitText(h)));
      }
    }
  }
  md += "\n## Pairs the exhaustive scan found and the index did not\n\n";
  if (missed.empty()) {
    md += "None.\n";
  } else {
    md +=
        "Up to 10 per set.\n\n| Set | Query | Missed (entity, score) |\n"
        "|---|---|---|\n" +
        missed;
  }

  // Worst misses.
  md += fmt::format(
      "\n## Worst misses per set\n\nUp to {} per set: the expected entity's "
      "score (\"absent\" when it was not among the best {} at threshold 0) "
      "and the best match found.\n",
      run.misses, run.options.limit);
  for (const SetResult& r : run.results) {
    if (r.set->negative) continue;
    std::vector<size_t> worst = WorstMisses(r, t, run.misses);
    SetMetrics m = ComputeMetrics(r, t);
    md += fmt::format("\n### `{}` ({} misses of {})\n\n", r.set->id,
                      m.size - m.found, m.size);
    if (worst.empty()) {
      md += "None.\n";
      continue;
    }
    auto rows = [&](const std::vector<size_t>& which) {
      std::string out =
          "| Query | Expected (made from) | Expected score | Best match | "
          "How made |\n|---|---|---|---|---|\n";
      for (size_t i : which) {
        const EvalCase& c = r.set->cases[i];
        const CaseResult& cr = r.cases[i];
        out += fmt::format(
            "| {} | {} ({}) | {} | {} | {} |\n", Cell(c.query.name),
            Cell(c.source_name), c.expected_id,
            cr.expected_score < 0 ? std::string("absent")
                                  : fmt::format("{:.3f}", cr.expected_score),
            cr.hits.empty() ? std::string("nothing")
                            : Cell(HitText(cr.hits[0])),
            Cell(c.note));
      }
      return out;
    };
    md += rows(worst);
    // When the worst are out of reach (an alias unrelated to every other
    // name), the near misses are where tuning pays.
    if (m.size - m.found > worst.size()) {
      std::vector<size_t> near = NearMisses(r, t, run.misses / 2);
      if (!near.empty())
        md +=
            "\nNear misses (expected entity scored closest below the "
            "threshold):\n\n" +
            rows(near);
    }
  }

  // False alerts.
  md += fmt::format(
      "\n## Top false alerts among the negatives\n\nUp to {} per set, "
      "highest score first (score includes the birth date, nationality and "
      "gender adjustments where the set has them).\n",
      run.false_alerts);
  for (const SetResult& r : run.results) {
    if (!r.set->negative) continue;
    std::vector<FalseAlert> worst = WorstFalseAlerts(r, t, run.false_alerts);
    md += fmt::format("\n### `{}`\n\n", r.set->id);
    if (worst.empty()) {
      md += "None.\n";
      continue;
    }
    md +=
        "| Query | Birth date | Country | Matched name | Entity | Score |\n"
        "|---|---|---|---|---|---|\n";
    for (const FalseAlert& f : worst) {
      const Query& q = r.set->cases[f.case_index].query;
      md += fmt::format("| {} | {} | {} | {} | {} | {:.3f} |\n", Cell(q.name),
                        q.birth_date.ToString(), q.country,
                        Cell(f.hit.matched_name), f.hit.entity_id, f.hit.score);
    }
  }
  return md;
}

std::string SweepCsv(const QualityRun& run) {
  std::string csv =
      "threshold,pooled_recall,mean_recall,pooled_precision,"
      "false_alerts_per_1000,pooled_recall_lists";
  for (const SetResult& r : run.results)
    csv += (r.set->negative ? ",alerts_per_1000_" : ",recall_") + r.set->id;
  csv += "\n";
  for (double th : SweepThresholds()) {
    Pooled p = Pool(run, th);
    csv +=
        fmt::format("{:.2f},{:.4f},{:.4f},{:.4f},{:.2f},{:.4f}", th,
                    Ratio(p.found, p.size), p.macro, Ratio(p.correct, p.alerts),
                    p.neg_size ? 1000.0 * static_cast<double>(p.neg_alerted) /
                                     static_cast<double>(p.neg_size)
                               : 0.0,
                    Ratio(p.list_found, p.list_size));
    for (const SetResult& r : run.results) {
      SetMetrics m = ComputeMetrics(r, th);
      csv += r.set->negative ? fmt::format(",{:.2f}", m.alerted_per_1000)
                             : fmt::format(",{:.4f}", m.recall);
    }
    csv += "\n";
  }
  return csv;
}

}  // namespace embargo::eval
