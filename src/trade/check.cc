// CheckShipment: parties and vessel against the lists, goods, route and
// countries against the rules, each finding a reason with its evidence.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <ctime>

#include "embargo/country.h"
#include "embargo/trade.h"
#include "trade/hs_code.h"
#include "trade/keywords.h"
#include "trade/places.h"
#include "trade/rules.h"

namespace embargo {
namespace {

using internal::Direction;
using internal::Effect;
using internal::Exemption;
using internal::HsMatch;
using internal::HsPattern;
using internal::Keyword;
using internal::Place;
using internal::PreparedText;
using internal::Rule;
using internal::RuleKind;
using internal::RuleSet;
using internal::ScopeEntry;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The roles that make a party's country the goods' destination or source.
enum class Side { kReceiving, kSending, kOther };

Side RoleSide(std::string_view role) {
  std::string r = Lower(role);
  for (char& c : r)
    if (c == '_' || c == '-') c = ' ';
  static constexpr std::string_view kReceiving[] = {
      "consignee", "buyer",    "notify party",       "notify",    "importer",
      "end user",  "receiver", "ultimate consignee", "purchaser", "applicant"};
  static constexpr std::string_view kSending[] = {
      "shipper",  "seller",   "exporter",  "manufacturer",
      "supplier", "producer", "consignor", "beneficiary"};
  for (std::string_view k : kReceiving)
    if (r == k) return Side::kReceiving;
  for (std::string_view k : kSending)
    if (r == k) return Side::kSending;
  return Side::kOther;
}

// A fact linking the shipment to a jurisdiction (a country or a region).
struct Link {
  std::string jurisdiction;
  bool supply = false;  // the goods go to it
  bool from = false;    // the goods come from it (or its flag carries them)
  std::string basis;    // "route.origin KP"
};

bool DirectionMatches(Direction d, const Link& l) {
  switch (d) {
    case Direction::kSupply:
      return l.supply;
    case Direction::kExport:
      return l.from;
    case Direction::kBoth:
      return l.supply || l.from;
    case Direction::kAny:
      return true;
  }
  return false;
}

std::string DirectionWords(Direction d) {
  switch (d) {
    case Direction::kSupply:
      return "supplied to";
    case Direction::kExport:
      return "from";
    case Direction::kBoth:
      return "to or from";
    case Direction::kAny:
      return "linked to";
  }
  return "";
}

int DecisionRank(TradeDecision d) { return static_cast<int>(d); }

TradeDecision EffectDecision(Effect e) {
  return e == Effect::kBlock ? TradeDecision::kBlock : TradeDecision::kReview;
}

int EffectRank(Effect e) {
  return e == Effect::kBlock ? 2 : e == Effect::kCap ? 1 : 0;
}

std::string Quote(std::string_view s) {
  constexpr size_t kMax = 80;
  if (s.size() <= kMax) return fmt::format("'{}'", s);
  size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return fmt::format("'{}...'", s.substr(0, cut));
}

std::string FormatScore(double s) { return fmt::format("{:.3f}", s); }

// IMO ship numbers: seven digits, the last a check digit (weights 7..2).
std::string ImoDigits(std::string_view text) {
  std::string d;
  for (char c : text)
    if (c >= '0' && c <= '9') d += c;
  return d;
}

bool ImoCheckDigitOk(const std::string& d) {
  if (d.size() != 7) return false;
  int sum = 0;
  for (int i = 0; i < 6; ++i) sum += (d[i] - '0') * (7 - i);
  return sum % 10 == d[6] - '0';
}

// Units for caps: volumes in litres, masses in kilograms.
struct Measure {
  double value = 0;
  bool volume = false;
  bool ok = false;
};

Measure ToMeasure(double quantity, std::string_view unit_text) {
  std::string u = Lower(unit_text);
  u.erase(std::remove(u.begin(), u.end(), '.'), u.end());
  static const struct {
    std::string_view names[6];
    double factor;
    bool volume;
  } kUnits[] = {
      {{"bbl", "bbls", "barrel", "barrels"}, 158.987294928, true},
      {{"l", "litre", "litres", "liter", "liters", "ltr"}, 1, true},
      {{"m3", "cbm", "cubic metre", "cubic metres", "cubic meter",
        "cubic meters"},
       1000,
       true},
      {{"t", "mt", "ton", "tons", "tonne", "tonnes"}, 1000, false},
      {{"metric ton", "metric tons", "metric tonne", "metric tonnes"},
       1000,
       false},
      {{"kg", "kgs", "kilogram", "kilograms"}, 1, false},
  };
  for (const auto& e : kUnits)
    for (std::string_view n : e.names)
      if (!n.empty() && u == n) return {quantity * e.factor, e.volume, true};
  return {};
}

bool IsPiecesUnit(std::string_view unit_text) {
  std::string u = Lower(unit_text);
  u.erase(std::remove(u.begin(), u.end(), '.'), u.end());
  static constexpr std::string_view kPieces[] = {
      "pcs", "pc",   "piece", "pieces", "unit", "units",
      "ea",  "each", "item",  "items",  "nos",  "no",
      "u",   "set",  "sets",  "pair",   "pairs"};
  return std::find(std::begin(kPieces), std::end(kPieces), u) !=
         std::end(kPieces);
}

std::string MatchExplanation(const Match& m) {
  std::string out;
  for (const TokenAlignment& t : m.explanation.tokens)
    out += fmt::format("{}{}={}({},{:.2f})", out.empty() ? "" : " ",
                       t.query_token, t.listed_token, t.method, t.similarity);
  for (const FeatureContribution& f : m.explanation.features)
    out += fmt::format("{}{} {:+.2f}{}", out.empty() ? "" : "; ", f.feature,
                       f.delta, f.detail.empty() ? "" : ": " + f.detail);
  return out;
}

struct LineInfo {
  const GoodsLine* line = nullptr;
  size_t index = 0;
  std::string hs;  // digits, "" when not given
  PreparedText desc;
  std::string Subject() const { return fmt::format("goods[{}]", index); }
  std::string Describe() const {
    std::string out;
    if (!hs.empty()) out = "HS " + internal::FormatHs(hs);
    if (!line->description.empty())
      out += (out.empty() ? "" : " ") + Quote(line->description);
    return out;
  }
};

// One scope entry's hit on one goods line.
struct EntryHit {
  const ScopeEntry* entry = nullptr;
  HsMatch hs = HsMatch::kNone;
  const HsPattern* pattern = nullptr;
  const Keyword* keyword = nullptr;
  Effect effect = Effect::kBlock;
  std::vector<std::string> basis;
};

class Checker {
 public:
  Checker(const Shipment& s, const Screener& screener,
          const internal::RuleBook& book, const TradeCheckOptions& opt,
          int as_of)
      : s_(s), screener_(screener), book_(book), opt_(opt), as_of_(as_of) {}

  TradeResult Run();

 private:
  void ResolveRoute();
  Place Resolve(std::string_view text, const std::string& field);
  void AddPlaceLinks(const Place& p, const std::string& field, bool supply,
                     bool from);
  void AddCountryLinks(std::string_view text, const std::string& field,
                       bool supply, bool from);
  void ScreenParties();
  void ScreenVessel();
  void ScreenName(const Query& q, const std::string& subject,
                  const std::string& what, bool persons_and_orgs_only,
                  const std::string& type);
  void ApplyRules();
  void ApplyGoodsRule(const RuleSet& set, const Rule& rule,
                      const std::vector<const Link*>& links);
  void ApplyJurisdictionRule(const RuleSet& set, const Rule& rule,
                             const std::vector<const Link*>& links);
  void ApplyStsRule(const RuleSet& set, const Rule& rule);
  std::optional<EntryHit> MatchLine(const Rule& rule, const LineInfo& li);
  const Exemption* FindExemption(const RuleSet& set, const Rule& rule,
                                 const LineInfo* li, TradeDecision decision,
                                 const TradeClaim** claim);
  bool ExemptionApplies(const Exemption& ex, const LineInfo* li,
                        const TradeClaim** claim) const;
  void CheckDescriptions();
  TradeReason RuleReason(const RuleSet& set, const Rule& rule,
                         TradeDecision decision, std::string type,
                         std::string subject) const;
  void SetExemption(TradeReason* r, const Exemption& ex,
                    const TradeClaim* claim) const;
  std::string CapText(const Rule& rule, const LineInfo* li) const;
  void Note(std::string note) { result_.notes.push_back(std::move(note)); }

  const Shipment& s_;
  const Screener& screener_;
  const internal::RuleBook& book_;
  const TradeCheckOptions& opt_;
  const int as_of_;
  TradeResult result_;
  std::vector<Link> links_;
  std::vector<Place> route_places_;  // loading, transshipment, discharge
  std::optional<Place> origin_;
  std::vector<LineInfo> lines_;
};

Place Checker::Resolve(std::string_view text, const std::string& field) {
  Place p = internal::ResolvePlace(text, book_.regions);
  if (!p.resolved())
    Note(
        fmt::format("{} {} could not be resolved to a country; use a "
                    "UN/LOCODE or an ISO country code",
                    field, Quote(text)));
  return p;
}

void Checker::AddPlaceLinks(const Place& p, const std::string& field,
                            bool supply, bool from) {
  if (!p.resolved()) return;
  std::string basis = fmt::format("{} {}", field, p.Describe());
  links_.push_back({p.country, supply, from, basis});
  for (const std::string& r : p.regions)
    links_.push_back({r, supply, from, basis});
}

void Checker::AddCountryLinks(std::string_view text, const std::string& field,
                              bool supply, bool from) {
  if (text.empty()) return;
  Place p = internal::ResolvePlace(text, book_.regions);
  if (!p.resolved()) {
    Note(fmt::format("{} {} is not a known country", field, Quote(text)));
    return;
  }
  AddPlaceLinks(p, field, supply, from);
}

void Checker::ResolveRoute() {
  const TradeRoute& r = s_.route;
  if (!r.origin.empty()) {
    origin_ = Resolve(r.origin, "route.origin");
    AddPlaceLinks(*origin_, "route.origin", false, true);
  }
  if (!r.loading.empty()) {
    Place p = Resolve(r.loading, "route.loading");
    AddPlaceLinks(p, "route.loading", false, true);
    route_places_.push_back(std::move(p));
  }
  for (size_t i = 0; i < r.transshipment.size(); ++i) {
    std::string field = fmt::format("route.transshipment[{}]", i);
    Place p = Resolve(r.transshipment[i], field);
    // Goods passing through a jurisdiction are both supplied to it and
    // leave from it.
    AddPlaceLinks(p, field, true, true);
    route_places_.push_back(std::move(p));
  }
  if (!r.discharge.empty()) {
    Place p = Resolve(r.discharge, "route.discharge");
    AddPlaceLinks(p, "route.discharge", true, false);
    route_places_.push_back(std::move(p));
  }
  if (!r.destination.empty()) {
    Place p = Resolve(r.destination, "route.destination");
    AddPlaceLinks(p, "route.destination", true, false);
    route_places_.push_back(std::move(p));
  }
  for (size_t i = 0; i < s_.parties.size(); ++i) {
    const TradeParty& party = s_.parties[i];
    Side side = RoleSide(party.role);
    std::string field =
        fmt::format("parties[{}]{} country", i,
                    party.role.empty() ? "" : " (" + party.role + ")");
    AddCountryLinks(party.country, field, side == Side::kReceiving,
                    side == Side::kSending);
  }
  if (s_.vessel) {
    // The DPRK "shall not supply, sell or transfer ... using its flag
    // vessels": a flag counts as a link the goods come from.
    AddCountryLinks(s_.vessel->flag, "vessel.flag", false, true);
    if (s_.vessel->owner)
      AddCountryLinks(s_.vessel->owner->country, "vessel.owner country", false,
                      false);
    if (s_.vessel->operator_party)
      AddCountryLinks(s_.vessel->operator_party->country,
                      "vessel.operator country", false, false);
  }
}

void Checker::ScreenName(const Query& q, const std::string& subject,
                         const std::string& what, bool persons_and_orgs_only,
                         const std::string& type) {
  SearchOptions so;
  so.threshold = opt_.review_threshold;
  so.limit = opt_.matches_per_name + 5;  // room for filtered-out kinds
  std::vector<Match> matches = screener_.Search(q, so);
  size_t kept = 0;
  for (const Match& m : matches) {
    if (kept >= opt_.matches_per_name) break;
    if (persons_and_orgs_only && (m.entity->kind == EntityKind::kVessel ||
                                  m.entity->kind == EntityKind::kAircraft))
      continue;
    ++kept;
    TradeReason r;
    r.decision = m.score >= opt_.block_threshold ? TradeDecision::kBlock
                                                 : TradeDecision::kReview;
    r.type = type;
    r.subject = subject;
    TradeMatch tm;
    tm.entity_id = m.entity->id;
    tm.list = m.list;
    tm.kind = std::string(EntityKindName(m.entity->kind));
    tm.listed_name = m.entity->primary_name();
    tm.matched_name = m.matched_name;
    tm.score = m.score;
    for (const Program& p : m.entity->programs) tm.programs.push_back(p.code);
    tm.explanation = MatchExplanation(m);
    bool by_id = false;
    for (const FeatureContribution& f : m.explanation.features)
      if (f.feature == "identifier") {
        by_id = true;
        r.basis.push_back(f.detail);
      }
    r.summary = fmt::format(
        "{} matches {} {} ({}, {}) with score {}{}", what, tm.kind,
        Quote(tm.listed_name), tm.entity_id, tm.list, FormatScore(m.score),
        by_id ? " by identifier, whatever the name it now uses" : "");
    if (tm.matched_name != tm.listed_name)
      r.basis.push_back(
          fmt::format("matched the listed name {}", Quote(tm.matched_name)));
    std::string tokens;
    for (const TokenAlignment& t : m.explanation.tokens)
      tokens +=
          fmt::format("{}{}={}({},{:.2f})", tokens.empty() ? "" : " ",
                      t.query_token, t.listed_token, t.method, t.similarity);
    if (!tokens.empty()) r.basis.push_back("name: " + tokens);
    for (const FeatureContribution& f : m.explanation.features)
      if (f.feature != "identifier")
        r.basis.push_back(fmt::format("{} {:+.2f}{}", f.feature, f.delta,
                                      f.detail.empty() ? "" : ": " + f.detail));
    r.match = std::move(tm);
    result_.reasons.push_back(std::move(r));
  }
}

void Checker::ScreenParties() {
  for (size_t i = 0; i < s_.parties.size(); ++i) {
    const TradeParty& p = s_.parties[i];
    Query q;
    q.name = p.name;
    q.kind = p.kind;
    q.identifiers = p.identifiers;
    if (!p.country.empty()) {
      Place c = internal::ResolvePlace(p.country, book_.regions);
      q.country = c.country;
    }
    std::string subject = fmt::format("parties[{}]", i);
    std::string what = fmt::format(
        "{}{} {}", subject, p.role.empty() ? "" : " (" + p.role + ")",
        p.name.empty() ? "(no name)" : Quote(p.name));
    ScreenName(q, subject, what, true, "party");
  }
}

void Checker::ScreenVessel() {
  if (!s_.vessel) return;
  const TradeVessel& v = *s_.vessel;
  Query q;
  q.name = v.name;
  q.kind = EntityKind::kVessel;
  if (!v.imo.empty()) {
    std::string d = ImoDigits(v.imo);
    if (!ImoCheckDigitOk(d)) {
      TradeReason r;
      r.decision = TradeDecision::kReview;
      r.type = "vessel";
      r.subject = "vessel.imo";
      r.summary = fmt::format(
          "vessel IMO number {} is not a valid IMO ship number (seven digits "
          "with a check digit): false IMO numbers are a known sanctions "
          "evasion technique",
          Quote(v.imo));
      result_.reasons.push_back(std::move(r));
    }
    q.identifiers.push_back({IdKind::kImo, d.empty() ? v.imo : d});
  } else {
    Note("vessel has no IMO number: screened by name only");
  }
  std::string imo_digits = ImoDigits(v.imo);
  std::string what = fmt::format(
      "vessel {}{}", v.name.empty() ? "(no name)" : Quote(v.name),
      v.imo.empty() ? "" : " IMO " + (imo_digits.empty() ? v.imo : imo_digits));
  ScreenName(q, "vessel", what, false, "vessel");
  for (size_t i = 0; i < v.former_names.size(); ++i) {
    Query fq;
    fq.name = v.former_names[i];
    fq.kind = EntityKind::kVessel;
    std::string subject = fmt::format("vessel.former_names[{}]", i);
    ScreenName(fq, subject,
               fmt::format("former vessel name {}", Quote(v.former_names[i])),
               false, "vessel");
  }
  for (const auto* party : {&v.owner, &v.operator_party}) {
    if (!*party) continue;
    const TradeParty& p = **party;
    Query oq;
    oq.name = p.name;
    oq.kind = EntityKind::kOrganization;
    oq.identifiers = p.identifiers;
    if (!p.country.empty())
      oq.country = internal::ResolvePlace(p.country, book_.regions).country;
    std::string subject = "vessel." + p.role;
    ScreenName(oq, subject, fmt::format("vessel {} {}", p.role, Quote(p.name)),
               true, "vessel");
  }
  for (size_t i = 0; i < v.ship_to_ship.size(); ++i) {
    const ShipToShipTransfer& t = v.ship_to_ship[i];
    std::string subject = fmt::format("vessel.ship_to_ship[{}]", i);
    if (t.name.empty() && t.imo.empty()) continue;
    Query sq;
    sq.name = t.name;
    sq.kind = EntityKind::kVessel;
    if (!t.imo.empty())
      sq.identifiers.push_back({IdKind::kImo, ImoDigits(t.imo)});
    ScreenName(sq, subject,
               fmt::format("ship-to-ship partner {}{}",
                           t.name.empty() ? "(no name)" : Quote(t.name),
                           t.imo.empty() ? "" : " IMO " + t.imo),
               false, "vessel");
  }
}

std::optional<EntryHit> Checker::MatchLine(const Rule& rule,
                                           const LineInfo& li) {
  if (!li.hs.empty())
    for (const HsPattern& p : rule.except)
      if (internal::MatchHs(li.hs, p) == HsMatch::kFull) return std::nullopt;
  std::optional<EntryHit> best;
  for (const ScopeEntry& e : rule.scope) {
    if (!e.effective.empty() && e.effective.value > as_of_) continue;
    EntryHit hit;
    hit.entry = &e;
    hit.effect = e.effect.value_or(rule.effect);
    if (!e.keyword_only && !li.hs.empty()) {
      for (const HsPattern& p : e.hs) {
        HsMatch m = internal::MatchHs(li.hs, p);
        if (m > hit.hs) {
          hit.hs = m;
          hit.pattern = &p;
        }
      }
    }
    bool cancelled = false;
    for (const Keyword& nk : e.not_keywords)
      if (internal::KeywordMatches(nk, li.desc)) cancelled = true;
    if (!cancelled)
      for (const Keyword& k : e.keywords)
        if (internal::KeywordMatches(k, li.desc)) {
          hit.keyword = &k;
          break;
        }
    if (hit.hs == HsMatch::kNone && !hit.keyword) continue;

    std::string label = e.label;
    if (hit.hs == HsMatch::kFull)
      hit.basis.push_back(fmt::format("HS {} is under {} ({})",
                                      internal::FormatHs(li.hs),
                                      hit.pattern->text, label));
    if (hit.keyword)
      hit.basis.push_back(fmt::format("description keyword '{}' ({})",
                                      hit.keyword->text, label));
    if (hit.hs == HsMatch::kPartial && !hit.keyword) {
      hit.basis.push_back(
          fmt::format("HS {} may fall under {} ({}): give the full code",
                      internal::FormatHs(li.hs), hit.pattern->text, label));
      if (hit.effect == Effect::kBlock) hit.effect = Effect::kReview;
    }
    if (e.min_unit_value_usd) {
      const GoodsLine& g = *li.line;
      bool usd = g.currency.empty() || Lower(g.currency) == "usd";
      if (g.value && g.quantity && *g.quantity > 0 && IsPiecesUnit(g.unit) &&
          usd) {
        double unit_value = *g.value / *g.quantity;
        if (unit_value <= *e.min_unit_value_usd) {
          Note(fmt::format(
              "{}: {} at US${:.2f} per item is not above the "
              "US${:.0f} threshold of {} ({})",
              li.Subject(), label, unit_value, *e.min_unit_value_usd, rule.id,
              rule.citation.ToString()));
          continue;
        }
        hit.basis.push_back(fmt::format("US${:.2f} per item, above US${:.0f}",
                                        unit_value, *e.min_unit_value_usd));
      } else {
        hit.basis.push_back(fmt::format(
            "value per item unknown (value, quantity in pieces and USD "
            "needed); in scope only above US${:.0f}",
            *e.min_unit_value_usd));
        if (hit.effect == Effect::kBlock) hit.effect = Effect::kReview;
      }
    }
    if (!e.source.empty()) hit.basis.push_back("scope source: " + e.source);
    if (!e.note.empty()) hit.basis.push_back(e.note);
    auto rank = [](const EntryHit& h) {
      return EffectRank(h.effect) * 10 + static_cast<int>(h.hs) * 2 +
             (h.keyword ? 1 : 0);
    };
    if (!best || rank(hit) > rank(*best)) best = std::move(hit);
  }
  return best;
}

bool Checker::ExemptionApplies(const Exemption& ex, const LineInfo* li,
                               const TradeClaim** claim) const {
  *claim = nullptr;
  if (!ex.claim.empty()) {
    std::string want = Lower(ex.claim);
    auto find =
        [&](const std::vector<TradeClaim>& claims) -> const TradeClaim* {
      for (const TradeClaim& c : claims)
        if (Lower(c.type) == want) return &c;
      return nullptr;
    };
    const TradeClaim* c = li ? find(li->line->claims) : nullptr;
    if (!c) c = find(s_.claims);
    if (!c) return false;
    *claim = c;
  }
  if (!ex.hs.empty()) {
    if (!li || li->hs.empty()) return false;
    bool in = false;
    for (const HsPattern& p : ex.hs)
      if (internal::MatchHs(li->hs, p) == HsMatch::kFull) in = true;
    if (!in) return false;
  }
  if (!ex.origin_not.empty()) {
    if (!origin_ || !origin_->resolved()) return false;
    for (const std::string& j : ex.origin_not) {
      if (origin_->country == j) return false;
      if (std::find(origin_->regions.begin(), origin_->regions.end(), j) !=
          origin_->regions.end())
        return false;
    }
  }
  if (!ex.route_via.empty()) {
    bool via = false;
    for (const Place& p : route_places_)
      for (const std::string& l : ex.route_via)
        if (!p.locode.empty() && p.locode == l) via = true;
    if (!via) return false;
  }
  return true;
}

// The first exemption that applies and lowers `decision`; one that would
// leave it as it is (a humanitarian claim on a review rule) is not reported.
const Exemption* Checker::FindExemption(const RuleSet& set, const Rule& rule,
                                        const LineInfo* li,
                                        TradeDecision decision,
                                        const TradeClaim** claim) {
  auto lowers = [&](const Exemption& ex) {
    return DecisionRank(ex.outcome) < DecisionRank(decision) &&
           ExemptionApplies(ex, li, claim);
  };
  for (const Exemption& ex : rule.exemptions)
    if (lowers(ex)) return &ex;
  if (rule.set_exemptions)
    for (const Exemption& ex : set.exemptions)
      if (lowers(ex)) return &ex;
  return nullptr;
}

TradeReason Checker::RuleReason(const RuleSet& set, const Rule& rule,
                                TradeDecision decision, std::string type,
                                std::string subject) const {
  TradeReason r;
  r.decision = decision;
  r.type = std::move(type);
  r.subject = std::move(subject);
  r.rule_id = rule.id;
  r.rule_set = set.id;
  r.rule_title = rule.title;
  r.citation = rule.citation.ToString();
  r.citation_confidence = rule.citation.confidence;
  r.effective = rule.effective.text;
  return r;
}

void Checker::SetExemption(TradeReason* r, const Exemption& ex,
                           const TradeClaim* claim) const {
  r->exemption_id = ex.id;
  r->exemption_citation = ex.citation.ToString();
  if (claim) {
    r->exemption_claim = claim->type;
    r->exemption_reference = claim->reference;
  }
  r->summary += fmt::format("; exemption '{}' ({}) applies: {}; decision: {}",
                            ex.id, r->exemption_citation, ex.title,
                            TradeDecisionName(r->decision));
  if (claim)
    r->basis.push_back(fmt::format(
        "claimed: {}{}", claim->type,
        claim->reference.empty() ? " (no reference given)"
                                 : " (reference " + claim->reference + ")"));
  if (!ex.note.empty()) r->basis.push_back(ex.note);
}

std::string Checker::CapText(const Rule& rule, const LineInfo* li) const {
  if (!rule.cap) return "";
  const internal::Cap& cap = *rule.cap;
  std::string out = fmt::format("review — reportable to the {}: {}",
                                cap.report_to, cap.limit);
  if (!cap.reporting.empty()) out += fmt::format(" (report {})", cap.reporting);
  if (li && li->line->quantity) {
    Measure m = ToMeasure(*li->line->quantity, li->line->unit);
    for (const internal::CapAmount& a : cap.amounts) {
      Measure c = ToMeasure(a.quantity, a.unit);
      if (m.ok && c.ok && m.volume == c.volume && m.value > c.value)
        out += fmt::format("; this line alone ({} {}) exceeds the cap of {} {}",
                           *li->line->quantity, li->line->unit, a.quantity,
                           a.unit);
    }
  }
  return out;
}

std::string LinksText(const std::vector<const Link*>& links) {
  std::vector<std::string> seen;
  std::string out;
  for (const Link* l : links) {
    if (std::find(seen.begin(), seen.end(), l->basis) != seen.end()) continue;
    seen.push_back(l->basis);
    out += (out.empty() ? "" : "; ") + l->basis;
  }
  return out;
}

std::string JurisdictionText(const std::vector<const Link*>& links) {
  std::vector<std::string> js;
  for (const Link* l : links)
    if (std::find(js.begin(), js.end(), l->jurisdiction) == js.end())
      js.push_back(l->jurisdiction);
  std::string out;
  for (const std::string& j : js) out += (out.empty() ? "" : ", ") + j;
  return out;
}

void Checker::ApplyGoodsRule(const RuleSet& set, const Rule& rule,
                             const std::vector<const Link*>& links) {
  for (const LineInfo& li : lines_) {
    std::optional<EntryHit> hit = MatchLine(rule, li);
    if (!hit) continue;
    TradeDecision decision = EffectDecision(hit->effect);
    TradeReason r = RuleReason(set, rule, decision, "goods", li.Subject());
    r.summary = fmt::format("{}: {} ({}) {} {}", rule.title, li.Describe(),
                            hit->entry->label, DirectionWords(rule.direction),
                            JurisdictionText(links));
    if (hit->effect == Effect::kCap) r.summary += "; " + CapText(rule, &li);
    r.basis = hit->basis;
    r.basis.push_back(LinksText(links));
    const TradeClaim* claim = nullptr;
    if (const Exemption* ex = FindExemption(set, rule, &li, decision, &claim)) {
      r.decision = ex->outcome;
      SetExemption(&r, *ex, claim);
    }
    result_.reasons.push_back(std::move(r));
  }
}

void Checker::ApplyJurisdictionRule(const RuleSet& set, const Rule& rule,
                                    const std::vector<const Link*>& links) {
  TradeDecision decision = EffectDecision(rule.effect);
  std::string base =
      fmt::format("{}: shipment {} {}", rule.title,
                  DirectionWords(rule.direction), JurisdictionText(links));
  std::vector<size_t> not_exempt;
  for (const LineInfo& li : lines_) {
    const TradeClaim* claim = nullptr;
    const Exemption* ex = FindExemption(set, rule, &li, decision, &claim);
    if (!ex) {
      not_exempt.push_back(li.index);
      continue;
    }
    TradeReason r =
        RuleReason(set, rule, ex->outcome, "jurisdiction", li.Subject());
    r.summary = fmt::format("{}: {}", base, li.Describe());
    r.basis.push_back(LinksText(links));
    SetExemption(&r, *ex, claim);
    result_.reasons.push_back(std::move(r));
  }
  if (!lines_.empty() && not_exempt.empty()) return;
  TradeReason r = RuleReason(set, rule, decision, "jurisdiction", "shipment");
  r.summary = base;
  if (rule.effect == Effect::kCap) r.summary += "; " + CapText(rule, nullptr);
  if (!lines_.empty() && not_exempt.size() < lines_.size()) {
    std::string which;
    for (size_t i : not_exempt)
      which += fmt::format("{}goods[{}]", which.empty() ? "" : ", ", i);
    r.summary += " (" + which + ")";
  } else if (lines_.empty()) {
    // A shipment without goods lines may still be exempt as a whole.
    const TradeClaim* claim = nullptr;
    if (const Exemption* ex =
            FindExemption(set, rule, nullptr, decision, &claim)) {
      r.decision = ex->outcome;
      r.basis.push_back(LinksText(links));
      SetExemption(&r, *ex, claim);
      result_.reasons.push_back(std::move(r));
      return;
    }
  }
  r.basis.push_back(LinksText(links));
  result_.reasons.push_back(std::move(r));
}

void Checker::ApplyStsRule(const RuleSet& set, const Rule& rule) {
  if (!s_.vessel) return;
  const TradeVessel& v = *s_.vessel;
  auto in_jurisdiction = [&](const Place& p) {
    if (!p.resolved()) return false;
    for (const std::string& j : rule.jurisdictions) {
      if (p.country == j) return true;
      if (std::find(p.regions.begin(), p.regions.end(), j) != p.regions.end())
        return true;
    }
    return false;
  };
  Place own;
  if (!v.flag.empty()) own = internal::ResolvePlace(v.flag, book_.regions);
  for (size_t i = 0; i < v.ship_to_ship.size(); ++i) {
    const ShipToShipTransfer& t = v.ship_to_ship[i];
    std::string subject = fmt::format("vessel.ship_to_ship[{}]", i);
    Place other;
    if (!t.flag.empty()) other = internal::ResolvePlace(t.flag, book_.regions);
    std::string partner =
        fmt::format("{}{}", t.name.empty() ? "a vessel" : Quote(t.name),
                    t.imo.empty() ? "" : " IMO " + t.imo);
    std::vector<std::string> basis;
    if (in_jurisdiction(other))
      basis.push_back(fmt::format("the other vessel {} flies the flag of {}",
                                  partner, other.country));
    if (in_jurisdiction(own))
      basis.push_back(
          fmt::format("this vessel flies the flag of {}", own.country));
    if (basis.empty()) {
      if (t.flag.empty())
        Note(
            fmt::format("{}: the other vessel's flag is not given, so the "
                        "transfer could not be checked against {} ({})",
                        subject, rule.id, rule.citation.ToString()));
      continue;
    }
    TradeReason r = RuleReason(set, rule, EffectDecision(rule.effect),
                               "ship_to_ship", subject);
    r.summary = fmt::format("{}: transfer with {}{}{}", rule.title, partner,
                            t.date.empty() ? "" : " on " + t.date,
                            t.location.empty() ? "" : " at " + t.location);
    r.basis = std::move(basis);
    result_.reasons.push_back(std::move(r));
  }
}

void Checker::ApplyRules() {
  for (const RuleSet& set : book_.sets) {
    for (const Rule& rule : set.rules) {
      if (!rule.InForce(as_of_)) continue;
      if (rule.kind == RuleKind::kShipToShip) {
        ApplyStsRule(set, rule);
        continue;
      }
      std::vector<const Link*> links;
      for (const Link& l : links_)
        if (std::find(rule.jurisdictions.begin(), rule.jurisdictions.end(),
                      l.jurisdiction) != rule.jurisdictions.end() &&
            DirectionMatches(rule.direction, l))
          links.push_back(&l);
      if (links.empty()) continue;
      if (rule.kind == RuleKind::kGoods)
        ApplyGoodsRule(set, rule, links);
      else
        ApplyJurisdictionRule(set, rule, links);
    }
  }
}

// A description that names goods of another HS code than the declared one.
void Checker::CheckDescriptions() {
  for (const LineInfo& li : lines_) {
    if (li.hs.empty() || li.line->description.empty()) continue;
    bool agrees = false;
    std::vector<std::string> readings;
    for (const RuleSet& set : book_.sets)
      for (const Rule& rule : set.rules)
        for (const ScopeEntry& e : rule.scope) {
          if (e.hs.empty()) continue;
          bool cancelled = false;
          for (const Keyword& nk : e.not_keywords)
            if (internal::KeywordMatches(nk, li.desc)) cancelled = true;
          if (cancelled) continue;
          const Keyword* kw = nullptr;
          for (const Keyword& k : e.keywords)
            if (internal::KeywordMatches(k, li.desc)) {
              kw = &k;
              break;
            }
          if (!kw) continue;
          std::string codes;
          for (const HsPattern& p : e.hs) {
            if (internal::MatchHs(li.hs, p) != HsMatch::kNone) agrees = true;
            codes += (codes.empty() ? "" : ", ") + p.text;
          }
          std::string reading =
              fmt::format("'{}' suggests {} (HS {})", kw->text, e.label, codes);
          if (std::find(readings.begin(), readings.end(), reading) ==
              readings.end())
            readings.push_back(std::move(reading));
        }
    if (agrees || readings.empty()) continue;
    TradeReason r;
    r.decision = TradeDecision::kReview;
    r.type = "description";
    r.subject = li.Subject();
    r.summary =
        fmt::format("the description {} does not agree with the declared HS {}",
                    Quote(li.line->description), internal::FormatHs(li.hs));
    r.basis = std::move(readings);
    result_.reasons.push_back(std::move(r));
  }
}

TradeResult Checker::Run() {
  result_.reference = s_.reference;
  result_.as_of = fmt::format("{:04d}-{:02d}-{:02d}", as_of_ / 10000,
                              as_of_ / 100 % 100, as_of_ % 100);
  for (const RuleSet& set : book_.sets)
    result_.rule_sets.push_back(fmt::format("{} {} (current to {})", set.id,
                                            set.version, set.current_to.text));
  for (size_t i = 0; i < s_.goods.size(); ++i) {
    LineInfo li;
    li.line = &s_.goods[i];
    li.index = i;
    if (auto hs = internal::NormalizeDeclaredHs(li.line->hs)) li.hs = *hs;
    li.desc = internal::PrepareText(li.line->description);
    if (li.hs.empty())
      Note(
          fmt::format("goods[{}] has no HS code: screened by its "
                      "description only",
                      i));
    lines_.push_back(std::move(li));
  }
  if (s_.goods.empty()) Note("no goods lines: goods rules were not applied");
  if (s_.route.loading.empty() && s_.route.discharge.empty() &&
      s_.route.origin.empty() && s_.route.transshipment.empty())
    Note("no route: loading, discharge and origin were not checked");

  ResolveRoute();
  ScreenParties();
  ScreenVessel();
  ApplyRules();
  CheckDescriptions();

  std::stable_sort(result_.reasons.begin(), result_.reasons.end(),
                   [](const TradeReason& a, const TradeReason& b) {
                     return DecisionRank(a.decision) > DecisionRank(b.decision);
                   });
  result_.decision = TradeDecision::kClear;
  for (const TradeReason& r : result_.reasons)
    if (DecisionRank(r.decision) > DecisionRank(result_.decision))
      result_.decision = r.decision;
  return std::move(result_);
}

int ToYmd(const PartialDate& d) {
  return d.year * 10000 + std::max<int>(d.month, 1) * 100 +
         std::max<int>(d.day, 1);
}

int TodayUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

}  // namespace

TradeResult CheckShipment(const Shipment& shipment, const Screener& screener,
                          const TradeRules& rules,
                          const TradeCheckOptions& options) {
  int as_of = !options.as_of.empty()   ? ToYmd(options.as_of)
              : !shipment.date.empty() ? ToYmd(shipment.date)
                                       : TodayUtc();
  Checker checker(shipment, screener, rules.book(), options, as_of);
  return checker.Run();
}

Result<TradeResult> CheckShipmentJson(std::string_view json_text,
                                      const Screener& screener,
                                      const TradeRules& rules,
                                      const TradeCheckOptions& options) {
  Result<Shipment> shipment = ParseShipment(json_text);
  if (!shipment.ok()) return shipment.status();
  return CheckShipment(*shipment, screener, rules, options);
}

}  // namespace embargo
