// embargo search: one name against the lists, as a table or JSON.
#include <fmt/format.h>

#include <future>

#include "cli/common.h"
#include "embargo/country.h"
#include "embargo/screen.h"
#include "embargo/screener.h"

namespace embargo::cli {
namespace {

struct SearchFlags {
  ListOptions lists;
  std::string name, kind, birth_date, country;
  double threshold = kDefaultThreshold;
  size_t limit = kDefaultLimit;
  bool json = false;
};

std::string Explain(const Match& m) {
  std::string out;
  for (const TokenAlignment& t : m.explanation.tokens)
    out += fmt::format("{}{}={}({},{:.2f})", out.empty() ? "" : " ",
                       t.query_token, t.listed_token, t.method, t.similarity);
  for (const FeatureContribution& f : m.explanation.features)
    out += fmt::format(" {}{:+.2f}", f.feature, f.delta);
  return out;
}

int Run(const SearchFlags& f) {
  // Opening the index (tens of milliseconds) and the name's first
  // normalization (the normalizer's tables; for a non-Latin name, ICU's
  // transliterator registry and rules, as long again) run on both cores at
  // once; the name normalized here is the one the search takes
  // (CountNameTokens keeps it for this thread). Even for an ASCII name
  // this took 5 ms off a 65 ms start-up. Not from list files, which take
  // seconds to load: a bad flag is told at once.
  auto screener_ready = std::async(
      f.lists.index.empty() ? std::launch::deferred : std::launch::async,
      [&f] { return BuildScreener(f.lists); });
  Query q;
  q.name = f.name;
  if (Status st = ValidateQuery(q); !st.ok()) return ReportError(st);
  if (!f.kind.empty()) {
    q.kind = ParseEntityKind(f.kind);
    if (!q.kind)
      return ReportError(Status::InvalidArgument(
          fmt::format("--kind: unknown kind '{}'", f.kind)));
  }
  if (!f.birth_date.empty()) {
    Result<PartialDate> d = ParseQueryDate(f.birth_date);
    if (!d.ok()) return ReportError(d.status());
    q.birth_date = *d;
  }
  if (!f.country.empty()) {
    q.country = CountryCode(f.country);
    if (q.country.empty())
      return ReportError(Status::InvalidArgument(
          fmt::format("--country: unknown country '{}'", f.country)));
  }
  auto screener = screener_ready.get();
  if (!screener.ok()) return ReportError(screener.status());
  SearchOptions opts;
  opts.threshold = f.threshold;
  opts.limit = f.limit;
  std::vector<Match> matches = (*screener)->Search(q, opts);
  if (f.json) {
    std::string out = "{\"query\":{\"name\":";
    out += nlohmann::json(q.name).dump();
    out += "},\"matches\":[";
    for (size_t i = 0; i < matches.size(); ++i) {
      if (i) out += ",";
      out += MatchToJson(matches[i]);
    }
    out += "]}";
    fmt::print("{}\n", nlohmann::json::parse(out).dump(2));
  } else {
    if (matches.empty())
      fmt::print("No match at threshold {:.2f}.\n", f.threshold);
    else
      fmt::print("{:>5}  {:<24} {:<10} {:<12} {}\n", "SCORE", "ENTITY", "LIST",
                 "KIND", "MATCHED NAME / WHY");
    for (const Match& m : matches) {
      fmt::print("{:>5.3f}  {:<24} {:<10} {:<12} {}\n", m.score, m.entity->id,
                 m.list, EntityKindName(m.entity->kind), m.matched_name);
      fmt::print("{:>5}  {}\n", "", Explain(m));
    }
  }
  return matches.empty() ? kExitOk : kExitHits;
}

}  // namespace

void AddSearchCommand(CLI::App* app, int* exit_code) {
  auto* cmd =
      app->add_subcommand("search", "Search one name against the lists");
  auto f = std::make_shared<SearchFlags>();
  cmd->add_option("NAME", f->name, "The name, in any script")->required();
  f->lists.AddTo(cmd);
  cmd->add_option("--kind", f->kind, "person|organization|vessel|aircraft");
  cmd->add_option("--birth-date", f->birth_date, "YYYY[-MM[-DD]]");
  cmd->add_option("--country", f->country,
                  "ISO 3166 alpha-2 code (or a country name)");
  cmd->add_option("--threshold", f->threshold,
                  fmt::format("Minimum score in [0,1] (default {:.2f}); 0 "
                              "returns the best --limit whatever their score",
                              kDefaultThreshold))
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--limit", f->limit,
                  fmt::format("Maximum matches (default {})", kDefaultLimit))
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--json", f->json, "Print JSON");
  cmd->callback([f, exit_code] { *exit_code = Run(*f); });
}

}  // namespace embargo::cli
