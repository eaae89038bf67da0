// embargo trade: shipments and trade payments against the lists and the
// trade rules ("trade check FILE"), and the rules loaded ("trade rules").
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/common.h"
#include "embargo/trade.h"

namespace embargo::cli {
namespace {

namespace fs = std::filesystem;

struct RuleFlags {
  std::vector<std::string> rules;
  void AddTo(CLI::App* app) {
    app->add_option("--rules", rules,
                    "A rule file or folder (repeatable; default: the shipped "
                    "rules/ folder). Give rules/ too to add your own files to "
                    "the shipped sets");
  }
  Result<TradeRules> Load() const {
    if (!rules.empty()) return TradeRules::Load(rules);
    for (const char* dir : {"rules", EMBARGO_SOURCE_DIR "/rules"})
      if (fs::is_directory(dir)) return TradeRules::Load({dir});
    return Status::InvalidArgument(
        "no rules given and no rules/ folder found: pass --rules PATH");
  }
};

struct CheckFlags {
  ListOptions lists;
  RuleFlags rules;
  std::string file;
  std::string date;
  double threshold = kDefaultThreshold;
  double block_threshold = kDefaultTradeBlockThreshold;
  bool json = false;
  bool html = false;
};

Result<std::string> ReadInput(const std::string& path) {
  std::ostringstream buf;
  if (path == "-") {
    buf << std::cin.rdbuf();
    return buf.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open", path));
  buf << in.rdbuf();
  if (in.bad()) return Status::IoError(fmt::format("{}: read failed", path));
  return buf.str();
}

int RunCheck(const CheckFlags& f) {
  if (f.json && f.html)
    return ReportError(
        Status::InvalidArgument("--json and --html exclude each other"));
  if (f.block_threshold < f.threshold)
    return ReportError(Status::InvalidArgument(
        "--block-threshold must not be below --threshold"));
  TradeCheckOptions opts;
  opts.review_threshold = f.threshold;
  opts.block_threshold = f.block_threshold;
  if (!f.date.empty()) {
    Result<PartialDate> d = ParseQueryDate(f.date);
    if (!d.ok() || d->day == 0)
      return ReportError(Status::InvalidArgument(fmt::format(
          "--date: '{}' is not a date of the form YYYY-MM-DD", f.date)));
    opts.as_of = *d;
  }
  Result<std::string> text = ReadInput(f.file);
  if (!text.ok()) return ReportError(text.status());
  // Parse before the slow list loading, so a bad file fails fast.
  Result<Shipment> shipment = ParseShipment(*text);
  if (!shipment.ok()) return ReportError(shipment.status().WithContext(f.file));
  Result<TradeRules> rules = f.rules.Load();
  if (!rules.ok()) return ReportError(rules.status());
  auto screener = BuildScreener(f.lists);
  if (!screener.ok()) return ReportError(screener.status());
  TradeResult result = CheckShipment(*shipment, **screener, *rules, opts);
  if (f.json)
    fmt::print("{}\n", result.ToJson(2));
  else if (f.html)
    fmt::print("{}", result.ToHtml());
  else
    fmt::print("{}", result.ToMarkdown());
  return result.decision == TradeDecision::kClear ? kExitOk : kExitHits;
}

int RunRules(const RuleFlags& f, bool json) {
  Result<TradeRules> rules = f.Load();
  if (!rules.ok()) return ReportError(rules.status());
  std::vector<TradeRuleSetSummary> sets = rules->Summaries();
  if (json) {
    fmt::print("{}\n", TradeRulesToJson(sets, 2));
    return kExitOk;
  }
  for (const TradeRuleSetSummary& s : sets) {
    fmt::print("{} {} (current to {}): {}\n  {}\n  file: {}\n\n", s.id,
               s.version, s.current_to, s.title, s.authority, s.file);
    fmt::print("  {:<38} {:<12} {:<6} {:<9} {:<22} {}\n", "RULE", "KIND",
               "EFFECT", "DIRECTION", "IN FORCE", "CITATION");
    for (const TradeRuleSummary& r : s.rules) {
      std::string when = r.ended.empty() ? "from " + r.effective
                                         : r.effective + ".." + r.ended;
      fmt::print("  {:<38} {:<12} {:<6} {:<9} {:<22} {}{}\n", r.id, r.kind,
                 r.effect, r.direction, when, r.citation,
                 r.citation_confidence == "high" ? ""
                 : r.citation_confidence == "medium"
                     ? " (provision number not verified)"
                     : " (citation not verified)");
    }
    fmt::print("\n");
  }
  return kExitOk;
}

}  // namespace

void AddTradeCommand(CLI::App* app, int* exit_code) {
  auto* trade = app->add_subcommand(
      "trade",
      "Screen shipments and trade payments: parties, vessel, route "
      "and goods (docs/trade.md)");
  trade->require_subcommand(1);

  auto* check = trade->add_subcommand(
      "check",
      "Screen one shipment (JSON; - for stdin). Exit 0 when clear, "
      "1 when review or block");
  auto f = std::make_shared<CheckFlags>();
  check->add_option("FILE", f->file, "The shipment's JSON file, or -")
      ->required();
  f->lists.AddTo(check);
  f->rules.AddTo(check);
  check->add_option("--date", f->date,
                    "Apply the rules as of YYYY-MM-DD (default: the "
                    "shipment's date, else today)");
  check
      ->add_option("--threshold", f->threshold,
                   fmt::format("Party and vessel matches at or above this "
                               "score need review (default {:.2f})",
                               kDefaultThreshold))
      ->check(CLI::Range(0.0, 1.0));
  check
      ->add_option("--block-threshold", f->block_threshold,
                   fmt::format("Matches at or above this score block "
                               "(default {:.2f})",
                               kDefaultTradeBlockThreshold))
      ->check(CLI::Range(0.0, 1.0));
  check->add_flag("--json", f->json, "Print the result as JSON");
  check->add_flag("--html", f->html, "Print the report as an HTML page");
  check->callback([f, exit_code] { *exit_code = RunCheck(*f); });

  auto* rules = trade->add_subcommand("rules", "List the trade rules loaded");
  auto rf = std::make_shared<RuleFlags>();
  auto json = std::make_shared<bool>(false);
  rf->AddTo(rules);
  rules->add_flag("--json", *json, "Print JSON");
  rules->callback([rf, json, exit_code] { *exit_code = RunRules(*rf, *json); });
}

}  // namespace embargo::cli
