// Trade screening: a shipment or trade payment (parties, vessel, route,
// goods) checked against the sanctions lists and against versioned trade
// rules (rules/*.json: goods by HS code or description, routes and countries
// by jurisdiction, ship-to-ship transfers). Start here to screen a
// shipment: load rules with TradeRules::Load(), build a Screener
// (embargo/screener.h), then call CheckShipmentJson() with the shipment's
// JSON text (e.g. an HTTP body) or CheckShipment() with a parsed Shipment.
// The shipment's JSON form and the rule format are documented in
// docs/trade.md.
// Thread-safety: a loaded TradeRules is immutable; CheckShipment() and every
// const method may run concurrently from many threads over the same
// Screener and TradeRules.
#ifndef EMBARGO_TRADE_H_
#define EMBARGO_TRADE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "embargo/entity.h"
#include "embargo/screener.h"
#include "embargo/status.h"

namespace embargo {

namespace internal {
struct RuleBook;
}  // namespace internal

// ---------------------------------------------------------------------------
// The shipment.

// A declared exemption, e.g. {"humanitarian", "1718 Committee approval
// 2026/17"}. Types are matched against the rules' exemption claims.
struct TradeClaim {
  std::string type;
  std::string reference;
};

struct TradeParty {
  std::string name;
  std::string role;     // shipper, consignee, notify party, buyer, seller,
                        // bank, agent, owner, operator, ...
  std::string country;  // ISO alpha-2 or a country name, as given
  std::optional<EntityKind> kind;  // person or organization, if known
  std::vector<QueryIdentifier> identifiers;
};

// A ship-to-ship transfer the vessel took part in.
struct ShipToShipTransfer {
  std::string name;  // the other vessel
  std::string imo;
  std::string flag;  // ISO alpha-2 or a country name
  std::string date;
  std::string location;
};

struct TradeVessel {
  std::string name;
  std::string imo;
  std::string flag;
  std::vector<std::string> former_names;
  std::optional<TradeParty> owner;
  std::optional<TradeParty> operator_party;
  std::vector<ShipToShipTransfer> ship_to_ship;
};

// Route points are UN/LOCODEs ("KPNAM"), ISO alpha-2 codes, ISO 3166-2
// subdivision codes ("UA-43") or free text ("Nampho", "Dalian, China").
struct TradeRoute {
  std::string loading;
  std::vector<std::string> transshipment;
  std::string discharge;
  std::string destination;  // final destination when beyond discharge
  std::string origin;       // country of origin of the goods
};

struct GoodsLine {
  std::string hs;  // 6-10 digits; dots and spaces allowed
  std::string description;
  std::optional<double> quantity;
  std::string unit;
  std::optional<double> value;
  std::string currency;  // "" is taken as USD for value thresholds
  std::vector<TradeClaim> claims;
};

struct Shipment {
  std::string reference;
  PartialDate date;  // screening date; empty: today
  std::vector<TradeParty> parties;
  std::optional<TradeVessel> vessel;
  TradeRoute route;
  std::vector<GoodsLine> goods;
  std::vector<TradeClaim> claims;  // apply to every goods line
};

// Parses the shipment's JSON form. Unknown fields are errors (a misspelt
// field would otherwise go unscreened). Fails with kDataError naming the
// field path, e.g. "goods[1].hs: '27x1' is not an HS code (6-10 digits)",
// or kLimitExceeded beyond the documented size limits.
Result<Shipment> ParseShipment(std::string_view json_text);

// ---------------------------------------------------------------------------
// The rules.

struct TradeRuleSummary {
  std::string id;
  std::string title;
  std::string kind;      // goods, jurisdiction, ship_to_ship
  std::string citation;  // e.g. "S/RES/2371 (2017), OP8"
  // How far the citation was checked against the text: "high" (provision
  // and measure read), "medium" (the measure read, not the provision's
  // number), "low" (not verified). See rules/README.md.
  std::string citation_confidence;
  std::string direction;  // supply, export, both, any
  std::string effect;     // block, review, cap
  std::vector<std::string> jurisdictions;
  std::string effective;  // YYYY-MM-DD
  std::string ended;      // YYYY-MM-DD, "" while in force
  std::string scope;      // e.g. "HS 2701, 2702, 2601, ..."; "" for all goods
  std::vector<std::string> exemptions;  // "id (citation)"
};

struct TradeRuleSetSummary {
  std::string id;
  std::string title;
  std::string authority;
  std::string version;
  std::string current_to;
  std::string file;
  std::vector<TradeRuleSummary> rules;
};

class TradeRules {
 public:
  // Loads rule files (.json, or .yaml/.yml when built with libyaml); a
  // folder stands for every such file in it, in name order. Fails whole on
  // any error, naming the file, the rule id and the field, e.g.
  // "rules/x.json: rule 'x-1': field 'effective': '2017-13-01' is not a
  // date (YYYY-MM-DD)", and on rule ids defined twice.
  static Result<TradeRules> Load(const std::vector<std::string>& paths);
  // Parses one rule set from text; `name` stands for the file in messages.
  static Result<TradeRules> Parse(std::string_view json_text,
                                  std::string_view name);

  TradeRules(const TradeRules&) = default;
  TradeRules& operator=(const TradeRules&) = default;
  TradeRules(TradeRules&&) noexcept = default;
  TradeRules& operator=(TradeRules&&) noexcept = default;
  ~TradeRules();

  std::vector<TradeRuleSetSummary> Summaries() const;
  size_t rule_count() const;
  const internal::RuleBook& book() const { return *book_; }

 private:
  explicit TradeRules(std::shared_ptr<const internal::RuleBook> book);
  std::shared_ptr<const internal::RuleBook> book_;
};

// The rule sets and their rules as JSON (`embargo trade rules --json`).
std::string TradeRulesToJson(const std::vector<TradeRuleSetSummary>& sets,
                             int indent = 2);

// ---------------------------------------------------------------------------
// The result.

enum class TradeDecision { kClear = 0, kReview = 1, kBlock = 2 };
std::string_view TradeDecisionName(TradeDecision decision);  // clear, ...

// A listed entity a party or vessel matched.
struct TradeMatch {
  std::string entity_id;
  std::string list;
  std::string kind;          // person, organization, vessel, aircraft
  std::string listed_name;   // the entity's primary name
  std::string matched_name;  // the listed name that matched best
  double score = 0;
  std::vector<std::string> programs;
  std::string explanation;  // token alignments and features, one line
};

struct TradeReason {
  TradeDecision decision = TradeDecision::kReview;
  // party, vessel, goods, jurisdiction, ship_to_ship, description, data
  std::string type;
  std::string subject;  // parties[1], vessel, vessel.former_names[0],
                        // goods[0], route, vessel.ship_to_ship[0]
  std::string summary;  // one readable sentence
  std::vector<std::string> basis;  // the facts that triggered it

  // Rule hits.
  std::string rule_id;
  std::string rule_set;
  std::string rule_title;
  std::string citation;
  std::string citation_confidence;  // as TradeRuleSummary's
  std::string effective;

  // The exemption that set this reason's decision, if any.
  std::string exemption_id;
  std::string exemption_citation;
  std::string exemption_claim;
  std::string exemption_reference;

  std::optional<TradeMatch> match;
};

struct TradeResult {
  TradeDecision decision = TradeDecision::kClear;
  std::vector<TradeReason> reasons;  // block first, then review, then clear
  std::vector<std::string> notes;    // what could not be checked, and why
  std::string reference;
  std::string as_of;                   // YYYY-MM-DD
  std::vector<std::string> rule_sets;  // "un-dprk (current to 2026-11-29)"

  // {"decision": ..., "reasons": [...], "notes": [...], ...}; indent < 0
  // gives one line.
  std::string ToJson(int indent = 2) const;
  std::string ToMarkdown() const;
  std::string ToHtml() const;  // a standalone page
};

inline constexpr double kDefaultTradeBlockThreshold = 0.90;

struct TradeCheckOptions {
  // Party and vessel matches at or above block_threshold block; those at or
  // above review_threshold need review.
  double review_threshold = kDefaultThreshold;
  double block_threshold = kDefaultTradeBlockThreshold;
  size_t matches_per_name = 3;
  // The date rules are applied as of; empty: the shipment's date, else
  // today (UTC).
  PartialDate as_of;
};

// Screens a parsed shipment. Never fails: what cannot be checked becomes a
// note (or a review reason when it is itself a red flag, like an IMO number
// with a wrong check digit).
TradeResult CheckShipment(const Shipment& shipment, const Screener& screener,
                          const TradeRules& rules,
                          const TradeCheckOptions& options = {});

// Parses then screens; fails as ParseShipment() does.
Result<TradeResult> CheckShipmentJson(std::string_view json_text,
                                      const Screener& screener,
                                      const TradeRules& rules,
                                      const TradeCheckOptions& options = {});

}  // namespace embargo

#endif  // EMBARGO_TRADE_H_
