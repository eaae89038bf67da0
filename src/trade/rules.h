// The trade-rule model and its loader. Rule sets are versioned data files
// (rules/*.json, or YAML), each rule citing its legal source exactly, with
// a direction (supply to a jurisdiction, export from it), a scope (HS
// patterns and description keywords, with exceptions, value thresholds and
// caps), exemptions, and the dates it is in force. The format is documented
// in docs/trade.md; the loader rejects anything it does not know, naming
// the file, the rule and the field.
// Thread-safety: a loaded RuleBook is immutable and may be read from many
// threads.
#ifndef EMBARGO_TRADE_RULES_H_
#define EMBARGO_TRADE_RULES_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "embargo/status.h"
#include "embargo/trade.h"
#include "trade/hs_code.h"
#include "trade/keywords.h"
#include "trade/places.h"

namespace embargo::internal {

inline constexpr std::string_view kRuleFormat = "embargo.trade-rules/1";

enum class Direction {
  kSupply,  // to the jurisdiction
  kExport,  // from the jurisdiction (procurement from it)
  kBoth,
  kAny,  // any link: parties, banks, agents, vessel flag or owner too
};
std::string_view DirectionName(Direction d);

enum class Effect {
  kBlock,
  kReview,
  kCap,  // allowed up to a cap: review, reportable
};
std::string_view EffectName(Effect e);

enum class RuleKind {
  kGoods,         // goods lines by HS code or description
  kJurisdiction,  // every shipment with a link to the jurisdiction
  kShipToShip,    // ship-to-ship transfers with vessels of the jurisdiction
};
std::string_view RuleKindName(RuleKind k);

struct Citation {
  std::string instrument;               // "S/RES/2371 (2017)", "31 CFR 560"
  std::vector<std::string> provisions;  // "OP8", "§ 560.204"
  std::vector<std::string> related;     // further instruments, as text
  std::string confidence;               // high, medium, low
  std::string url;
  // "S/RES/2371 (2017), OP8"; provisions joined with " and ".
  std::string ToString() const;
};

// A date as YYYYMMDD (0: none) with its text.
struct RuleDate {
  int value = 0;
  std::string text;
  bool empty() const { return value == 0; }
};

struct ScopeEntry {
  std::string label;  // "coal", "iron ore"
  std::vector<HsPattern> hs;
  std::vector<Keyword> keywords;
  std::vector<Keyword> not_keywords;  // any of these cancels a keyword hit
  bool keyword_only = false;          // "by": "keyword": HS alone is not enough
  std::optional<Effect> effect;       // overrides the rule's
  // Luxury-goods style thresholds: in scope only above this value per item.
  std::optional<double> min_unit_value_usd;
  RuleDate effective;  // later than the rule's, when an annex added it
  std::string source;  // where this entry comes from, when not the rule's
  std::string note;
};

struct CapAmount {
  double quantity = 0;
  std::string unit;  // bbl, t, kg, l, m3
};

struct Cap {
  std::string limit;      // readable: "500,000 barrels per 12 months ..."
  std::string report_to;  // "1718 Committee"
  std::string reporting;  // "every 30 days"
  std::vector<CapAmount> amounts;
};

struct Exemption {
  std::string id;
  std::string title;
  Citation citation;
  std::string claim;                    // "" : applies without a claim
  std::vector<HsPattern> hs;            // empty: any goods
  std::vector<std::string> origin_not;  // origin must be given and not these
  std::vector<std::string> route_via;   // a route point must be one of these
  TradeDecision outcome = TradeDecision::kReview;
  std::string note;
};

struct Rule {
  std::string id;
  std::string title;
  RuleKind kind = RuleKind::kGoods;
  Citation citation;
  Direction direction = Direction::kBoth;
  std::vector<std::string> jurisdictions;  // ISO alpha-2 or region ids
  Effect effect = Effect::kBlock;
  RuleDate effective;
  RuleDate ended;  // the first day it no longer applies
  std::string superseded_by;
  std::vector<ScopeEntry> scope;
  std::vector<HsPattern> except;
  std::vector<Exemption> exemptions;
  bool set_exemptions = true;  // the rule set's exemptions apply too
  std::optional<Cap> cap;
  std::string note;

  bool InForce(int yyyymmdd) const {
    return effective.value <= yyyymmdd &&
           (ended.empty() || yyyymmdd < ended.value);
  }
};

struct Instrument {
  std::string id;  // "S/RES/2371 (2017)"
  std::string title;
  RuleDate adopted;
  std::string url;
};

struct RuleSet {
  std::string id;
  std::string title;
  std::string authority;
  std::string version;
  RuleDate current_to;
  std::string file;
  std::vector<std::string> notes;
  std::vector<Instrument> instruments;
  std::vector<Region> regions;
  std::vector<Exemption> exemptions;  // apply to every rule of the set
  std::vector<Rule> rules;
};

struct RuleBook {
  std::vector<RuleSet> sets;
  std::vector<const Region*> regions;  // of every set; filled by Link()
  void Link();
};

// Parses one rule set from its JSON document; `file` names it in errors.
Result<RuleSet> ParseRuleSet(const nlohmann::json& doc, std::string_view file);

// Reads and parses one rule file (.json; .yaml/.yml with libyaml).
Result<RuleSet> LoadRuleSetFile(const std::string& path);

// Parses JSON text, with the parse error's line and column on failure.
Result<nlohmann::json> ParseJsonText(std::string_view text,
                                     std::string_view name);

// "YYYY-MM-DD" -> YYYYMMDD; 0 when not a valid date.
int ParseIsoDate(std::string_view text);

}  // namespace embargo::internal

#endif  // EMBARGO_TRADE_RULES_H_
