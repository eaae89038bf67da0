#include "trade/rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "embargo/country.h"
#include "embargo/limits.h"
#include "model/json_depth.h"
#include "trade/yaml.h"

namespace embargo::internal {

using nlohmann::json;

std::string_view DirectionName(Direction d) {
  switch (d) {
    case Direction::kSupply:
      return "supply";
    case Direction::kExport:
      return "export";
    case Direction::kBoth:
      return "both";
    case Direction::kAny:
      return "any";
  }
  return "";
}

std::string_view EffectName(Effect e) {
  switch (e) {
    case Effect::kBlock:
      return "block";
    case Effect::kReview:
      return "review";
    case Effect::kCap:
      return "cap";
  }
  return "";
}

std::string_view RuleKindName(RuleKind k) {
  switch (k) {
    case RuleKind::kGoods:
      return "goods";
    case RuleKind::kJurisdiction:
      return "jurisdiction";
    case RuleKind::kShipToShip:
      return "ship_to_ship";
  }
  return "";
}

std::string Citation::ToString() const {
  std::string out = instrument;
  for (size_t i = 0; i < provisions.size(); ++i) {
    const char* sep = i == 0                       ? ", "
                      : i + 1 == provisions.size() ? " and "
                                                   : ", ";
    out += sep + provisions[i];
  }
  return out;
}

int ParseIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return 0;
  int v[3] = {0, 0, 0};
  size_t pos[3][2] = {{0, 4}, {5, 2}, {8, 2}};
  for (int k = 0; k < 3; ++k) {
    for (size_t i = 0; i < pos[k][1]; ++i) {
      char c = s[pos[k][0] + i];
      if (c < '0' || c > '9') return 0;
      v[k] = v[k] * 10 + (c - '0');
    }
  }
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30,
                                  31, 31, 30, 31, 30, 31};
  int y = v[0], m = v[1], d = v[2];
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1 || d > kDays[m - 1])
    return 0;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return 0;
  return y * 10000 + m * 100 + d;
}

Result<json> ParseJsonText(std::string_view text, std::string_view name) {
  if (size_t at = FindJsonDepthOverflow(text, kMaxJsonDepth);
      at != std::string_view::npos)
    return Status::LimitExceeded(
        fmt::format("{}: JSON nested deeper than {} levels at byte {}", name,
                    kMaxJsonDepth, at + 1));
  try {
    return json::parse(text.begin(), text.end());
  } catch (const json::exception& e) {
    std::string msg = e.what();
    // Drop nlohmann's "[json.exception.parse_error.101] " prefix.
    if (size_t close = msg.find("] ");
        msg.rfind("[json.", 0) == 0 && close != std::string::npos)
      msg = msg.substr(close + 2);
    return Status::DataError(fmt::format("{}: invalid JSON: {}", name, msg));
  }
}

namespace {

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > 100) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

// Field access on one JSON object with errors that say where: the file,
// the rule (or region, exemption) and the field path.
class Fields {
 public:
  Fields(const json& obj, std::string where, std::string path)
      : obj_(obj), where_(std::move(where)), path_(std::move(path)) {}

  Status Error(std::string_view key, std::string_view msg) const {
    return Status::DataError(
        fmt::format("{}: field '{}{}': {}", where_, path_, key, msg));
  }

  Status CheckObject() const {
    if (!obj_.is_object())
      return Status::DataError(fmt::format(
          "{}: {}must be an object", where_,
          path_.empty()
              ? ""
              : fmt::format("field '{}' ", path_.substr(0, path_.size() - 1))));
    return Status::Ok();
  }

  // Every key must be known; "note", "notes" and keys starting with "_"
  // are free commentary.
  Status OnlyKnown(std::initializer_list<std::string_view> known) const {
    for (auto it = obj_.begin(); it != obj_.end(); ++it) {
      const std::string& k = it.key();
      if (k.empty() || k[0] == '_' || k == "note" || k == "notes") continue;
      if (std::find(known.begin(), known.end(), k) == known.end())
        return Error(k, "unknown field");
    }
    return Status::Ok();
  }

  const json* Get(std::string_view key) const {
    auto it = obj_.find(std::string(key));
    return it == obj_.end() || it->is_null() ? nullptr : &*it;
  }

  Status String(std::string_view key, std::string* out, bool required) const {
    const json* v = Get(key);
    if (!v) return required ? Error(key, "missing") : Status::Ok();
    if (!v->is_string()) return Error(key, "must be a string");
    *out = v->get<std::string>();
    if (required && out->empty()) return Error(key, "must not be empty");
    return Status::Ok();
  }

  // A string or an array of strings.
  Status Strings(std::string_view key, std::vector<std::string>* out,
                 bool required) const {
    const json* v = Get(key);
    if (!v) return required ? Error(key, "missing") : Status::Ok();
    if (v->is_string()) {
      out->push_back(v->get<std::string>());
    } else if (v->is_array()) {
      for (size_t i = 0; i < v->size(); ++i) {
        if (!(*v)[i].is_string())
          return Error(fmt::format("{}[{}]", key, i), "must be a string");
        out->push_back((*v)[i].get<std::string>());
      }
    } else {
      return Error(key, "must be a string or an array of strings");
    }
    for (size_t i = 0; i < out->size(); ++i)
      if ((*out)[i].empty())
        return Error(fmt::format("{}[{}]", key, i), "must not be empty");
    if (required && out->empty()) return Error(key, "must not be empty");
    return Status::Ok();
  }

  Status Bool(std::string_view key, bool* out) const {
    const json* v = Get(key);
    if (!v) return Status::Ok();
    if (!v->is_boolean()) return Error(key, "must be true or false");
    *out = v->get<bool>();
    return Status::Ok();
  }

  Status Date(std::string_view key, RuleDate* out, bool required) const {
    std::string s;
    EMBARGO_RETURN_IF_ERROR(String(key, &s, required));
    if (s.empty()) return Status::Ok();
    out->value = ParseIsoDate(s);
    if (out->value == 0)
      return Error(key, fmt::format("'{}' is not a date (YYYY-MM-DD)", s));
    out->text = s;
    return Status::Ok();
  }

  Status HsList(std::string_view key, std::vector<HsPattern>* out) const {
    std::vector<std::string> raw;
    EMBARGO_RETURN_IF_ERROR(Strings(key, &raw, false));
    for (size_t i = 0; i < raw.size(); ++i) {
      auto p = ParseHsPattern(raw[i]);
      if (!p)
        return Error(fmt::format("{}[{}]", key, i),
                     fmt::format("'{}' is not an HS pattern (2, 4, 6, 8 or 10 "
                                 "digits, or a range like 72-83)",
                                 raw[i]));
      out->push_back(std::move(*p));
    }
    return Status::Ok();
  }

  // {"en": [...], "zh": [...], "ko": [...]}
  Status Keywords(std::string_view key, std::vector<Keyword>* out,
                  bool english_required) const {
    const json* v = Get(key);
    if (!v) return Status::Ok();
    if (!v->is_object())
      return Error(key, "must be an object of language code -> keywords");
    Fields kw(*v, where_, fmt::format("{}{}.", path_, key));
    bool has_en = false;
    for (auto it = v->begin(); it != v->end(); ++it) {
      const std::string& lang = it.key();
      bool lang_ok = (lang.size() == 2 || lang.size() == 3) &&
                     std::all_of(lang.begin(), lang.end(),
                                 [](char c) { return c >= 'a' && c <= 'z'; });
      if (!lang_ok)
        return kw.Error(lang, "not a language code (e.g. en, zh, ko)");
      std::vector<std::string> words;
      EMBARGO_RETURN_IF_ERROR(kw.Strings(lang, &words, true));
      for (size_t i = 0; i < words.size(); ++i) {
        Keyword k = MakeKeyword(lang, words[i]);
        if (k.tokens.empty() && k.folded.empty())
          return kw.Error(fmt::format("{}[{}]", lang, i),
                          fmt::format("'{}' has nothing to match", words[i]));
        out->push_back(std::move(k));
      }
      if (lang == "en") has_en = true;
    }
    if (english_required && !has_en)
      return Error(key, "English keywords (\"en\") are required");
    return Status::Ok();
  }

  Status Citation(std::string_view key, internal::Citation* out) const {
    const json* v = Get(key);
    if (!v) return Error(key, "missing");
    Fields c(*v, where_, fmt::format("{}{}.", path_, key));
    if (!v->is_object())
      return Error(key,
                   "must be an object {instrument, provisions, confidence}");
    EMBARGO_RETURN_IF_ERROR(c.OnlyKnown(
        {"instrument", "provisions", "related", "confidence", "url"}));
    EMBARGO_RETURN_IF_ERROR(c.String("instrument", &out->instrument, true));
    EMBARGO_RETURN_IF_ERROR(c.Strings("provisions", &out->provisions, true));
    EMBARGO_RETURN_IF_ERROR(c.Strings("related", &out->related, false));
    EMBARGO_RETURN_IF_ERROR(c.String("confidence", &out->confidence, true));
    if (out->confidence != "high" && out->confidence != "medium" &&
        out->confidence != "low")
      return c.Error(
          "confidence",
          fmt::format("'{}' is not high, medium or low", out->confidence));
    EMBARGO_RETURN_IF_ERROR(c.String("url", &out->url, false));
    return Status::Ok();
  }

  const json& obj() const { return obj_; }
  const std::string& where() const { return where_; }
  const std::string& path() const { return path_; }

 private:
  const json& obj_;
  std::string where_;
  std::string path_;
};

Status ParseOutcome(const Fields& f, std::string_view key, TradeDecision* out) {
  std::string s;
  EMBARGO_RETURN_IF_ERROR(f.String(key, &s, true));
  if (s == "clear")
    *out = TradeDecision::kClear;
  else if (s == "review")
    *out = TradeDecision::kReview;
  else if (s == "block")
    *out = TradeDecision::kBlock;
  else
    return f.Error(key, fmt::format("'{}' is not clear, review or block", s));
  return Status::Ok();
}

Status ParseEffect(const Fields& f, std::string_view key, bool required,
                   std::optional<Effect>* out) {
  std::string s;
  EMBARGO_RETURN_IF_ERROR(f.String(key, &s, required));
  if (s.empty()) return Status::Ok();
  if (s == "block")
    *out = Effect::kBlock;
  else if (s == "review")
    *out = Effect::kReview;
  else if (s == "cap")
    *out = Effect::kCap;
  else
    return f.Error(key, fmt::format("'{}' is not block, review or cap", s));
  return Status::Ok();
}

Status ParseExemption(const json& v, const std::string& where,
                      const std::string& path, Exemption* out) {
  Fields f(v, where, path);
  EMBARGO_RETURN_IF_ERROR(f.CheckObject());
  EMBARGO_RETURN_IF_ERROR(f.OnlyKnown({"id", "title", "citation", "claim", "hs",
                                       "origin_not", "route_via", "outcome"}));
  EMBARGO_RETURN_IF_ERROR(f.String("id", &out->id, true));
  if (!ValidId(out->id))
    return f.Error("id", fmt::format("'{}' is not an id (letters, digits, "
                                     "'-', '_', '.')",
                                     out->id));
  EMBARGO_RETURN_IF_ERROR(f.String("title", &out->title, true));
  EMBARGO_RETURN_IF_ERROR(f.Citation("citation", &out->citation));
  EMBARGO_RETURN_IF_ERROR(f.String("claim", &out->claim, false));
  EMBARGO_RETURN_IF_ERROR(f.HsList("hs", &out->hs));
  EMBARGO_RETURN_IF_ERROR(f.Strings("origin_not", &out->origin_not, false));
  EMBARGO_RETURN_IF_ERROR(f.Strings("route_via", &out->route_via, false));
  EMBARGO_RETURN_IF_ERROR(ParseOutcome(f, "outcome", &out->outcome));
  if (const json* n = f.Get("note"); n && n->is_string()) out->note = *n;
  if (out->claim.empty() && out->hs.empty() && out->origin_not.empty() &&
      out->route_via.empty())
    return f.Error("claim",
                   "an exemption needs a claim or a condition (hs, "
                   "origin_not, route_via); otherwise it would exempt all");
  return Status::Ok();
}

Status ParseScopeEntry(const json& v, const std::string& where,
                       const std::string& path, ScopeEntry* out) {
  Fields f(v, where, path);
  EMBARGO_RETURN_IF_ERROR(f.CheckObject());
  EMBARGO_RETURN_IF_ERROR(
      f.OnlyKnown({"label", "hs", "keywords", "not_keywords", "by", "effect",
                   "min_unit_value_usd", "effective", "source"}));
  EMBARGO_RETURN_IF_ERROR(f.String("label", &out->label, true));
  EMBARGO_RETURN_IF_ERROR(f.HsList("hs", &out->hs));
  EMBARGO_RETURN_IF_ERROR(f.Keywords("keywords", &out->keywords, true));
  EMBARGO_RETURN_IF_ERROR(
      f.Keywords("not_keywords", &out->not_keywords, false));
  std::string by;
  EMBARGO_RETURN_IF_ERROR(f.String("by", &by, false));
  if (by == "keyword") {
    out->keyword_only = true;
    if (out->keywords.empty())
      return f.Error("by", "\"keyword\" needs keywords");
  } else if (!by.empty() && by != "hs_or_keyword") {
    return f.Error("by",
                   fmt::format("'{}' is not hs_or_keyword or keyword", by));
  }
  if (out->hs.empty() && out->keywords.empty())
    return f.Error("hs", "a scope entry needs HS patterns or keywords");
  EMBARGO_RETURN_IF_ERROR(ParseEffect(f, "effect", false, &out->effect));
  if (const json* m = f.Get("min_unit_value_usd")) {
    if (!m->is_number() || m->get<double>() <= 0)
      return f.Error("min_unit_value_usd", "must be a positive number");
    out->min_unit_value_usd = m->get<double>();
  }
  EMBARGO_RETURN_IF_ERROR(f.Date("effective", &out->effective, false));
  EMBARGO_RETURN_IF_ERROR(f.String("source", &out->source, false));
  if (const json* n = f.Get("note"); n && n->is_string()) out->note = *n;
  return Status::Ok();
}

Status ParseCap(const Fields& rf, Cap* out) {
  const json* v = rf.Get("cap");
  Fields f(*v, rf.where(), "cap.");
  if (!v->is_object()) return rf.Error("cap", "must be an object");
  EMBARGO_RETURN_IF_ERROR(
      f.OnlyKnown({"limit", "report_to", "reporting", "amounts"}));
  EMBARGO_RETURN_IF_ERROR(f.String("limit", &out->limit, true));
  EMBARGO_RETURN_IF_ERROR(f.String("report_to", &out->report_to, true));
  EMBARGO_RETURN_IF_ERROR(f.String("reporting", &out->reporting, false));
  if (const json* a = f.Get("amounts")) {
    if (!a->is_array()) return f.Error("amounts", "must be an array");
    for (size_t i = 0; i < a->size(); ++i) {
      Fields af((*a)[i], rf.where(), fmt::format("cap.amounts[{}].", i));
      EMBARGO_RETURN_IF_ERROR(af.CheckObject());
      EMBARGO_RETURN_IF_ERROR(af.OnlyKnown({"quantity", "unit"}));
      CapAmount amount;
      const json* q = af.Get("quantity");
      if (!q || !q->is_number() || q->get<double>() <= 0)
        return af.Error("quantity", "must be a positive number");
      amount.quantity = q->get<double>();
      EMBARGO_RETURN_IF_ERROR(af.String("unit", &amount.unit, true));
      static constexpr std::string_view kUnits[] = {"bbl", "t", "kg", "l",
                                                    "m3"};
      if (std::find(std::begin(kUnits), std::end(kUnits), amount.unit) ==
          std::end(kUnits))
        return af.Error("unit", fmt::format("'{}' is not bbl, t, kg, l or m3",
                                            amount.unit));
      out->amounts.push_back(std::move(amount));
    }
  }
  return Status::Ok();
}

Status ParseRule(const json& v, const std::string& file, size_t index,
                 const std::set<std::string>& region_ids, Rule* out) {
  std::string where = fmt::format("{}: rules[{}]", file, index);
  if (v.is_object()) {
    if (auto it = v.find("id"); it != v.end() && it->is_string())
      where = fmt::format("{}: rule '{}'", file, it->get<std::string>());
  }
  Fields f(v, where, "");
  EMBARGO_RETURN_IF_ERROR(f.CheckObject());
  EMBARGO_RETURN_IF_ERROR(f.OnlyKnown(
      {"id", "title", "kind", "citation", "direction", "jurisdictions",
       "effect", "effective", "ended", "superseded_by", "scope", "except",
       "exemptions", "set_exemptions", "cap"}));
  EMBARGO_RETURN_IF_ERROR(f.String("id", &out->id, true));
  if (!ValidId(out->id))
    return f.Error("id", fmt::format("'{}' is not an id (letters, digits, "
                                     "'-', '_', '.')",
                                     out->id));
  EMBARGO_RETURN_IF_ERROR(f.String("title", &out->title, true));
  std::string kind = "goods";
  EMBARGO_RETURN_IF_ERROR(f.String("kind", &kind, false));
  if (kind == "goods")
    out->kind = RuleKind::kGoods;
  else if (kind == "jurisdiction")
    out->kind = RuleKind::kJurisdiction;
  else if (kind == "ship_to_ship")
    out->kind = RuleKind::kShipToShip;
  else
    return f.Error("kind", fmt::format("'{}' is not goods, jurisdiction or "
                                       "ship_to_ship",
                                       kind));
  EMBARGO_RETURN_IF_ERROR(f.Citation("citation", &out->citation));

  std::string dir;
  EMBARGO_RETURN_IF_ERROR(
      f.String("direction", &dir, out->kind != RuleKind::kShipToShip));
  if (dir == "supply")
    out->direction = Direction::kSupply;
  else if (dir == "export")
    out->direction = Direction::kExport;
  else if (dir == "both")
    out->direction = Direction::kBoth;
  else if (dir == "any" || dir.empty())
    out->direction = Direction::kAny;
  else
    return f.Error("direction", fmt::format("'{}' is not supply, export, both "
                                            "or any",
                                            dir));

  EMBARGO_RETURN_IF_ERROR(
      f.Strings("jurisdictions", &out->jurisdictions, true));
  for (size_t i = 0; i < out->jurisdictions.size(); ++i) {
    const std::string& j = out->jurisdictions[i];
    if (!IsCountryCode(j) && !region_ids.count(j))
      return f.Error(fmt::format("jurisdictions[{}]", i),
                     fmt::format("'{}' is neither an ISO alpha-2 code nor a "
                                 "region of this rule set",
                                 j));
  }
  std::optional<Effect> effect;
  EMBARGO_RETURN_IF_ERROR(ParseEffect(f, "effect", true, &effect));
  out->effect = *effect;
  EMBARGO_RETURN_IF_ERROR(f.Date("effective", &out->effective, true));
  EMBARGO_RETURN_IF_ERROR(f.Date("ended", &out->ended, false));
  if (!out->ended.empty() && out->ended.value <= out->effective.value)
    return f.Error("ended", "must be after 'effective'");
  EMBARGO_RETURN_IF_ERROR(
      f.String("superseded_by", &out->superseded_by, false));
  EMBARGO_RETURN_IF_ERROR(f.Bool("set_exemptions", &out->set_exemptions));
  if (const json* n = f.Get("note"); n && n->is_string()) out->note = *n;

  const json* scope = f.Get("scope");
  if (out->kind == RuleKind::kGoods) {
    if (!scope || !scope->is_array() || scope->empty())
      return f.Error("scope",
                     "a goods rule needs a non-empty array of scope "
                     "entries");
    for (size_t i = 0; i < scope->size(); ++i) {
      ScopeEntry e;
      EMBARGO_RETURN_IF_ERROR(ParseScopeEntry(
          (*scope)[i], where, fmt::format("scope[{}].", i), &e));
      if (!e.effective.empty() && e.effective.value < out->effective.value)
        return f.Error(fmt::format("scope[{}].effective", i),
                       "is before the rule's 'effective'");
      out->scope.push_back(std::move(e));
    }
  } else if (scope) {
    return f.Error("scope",
                   fmt::format("a {} rule applies to all goods and has "
                               "no scope",
                               kind));
  }
  EMBARGO_RETURN_IF_ERROR(f.HsList("except", &out->except));

  bool any_cap = out->effect == Effect::kCap;
  for (const ScopeEntry& e : out->scope)
    if (e.effect == Effect::kCap) any_cap = true;
  if (f.Get("cap")) {
    if (!any_cap)
      return f.Error("cap",
                     "only a rule (or scope entry) with effect \"cap\" "
                     "has a cap");
    Cap cap;
    EMBARGO_RETURN_IF_ERROR(ParseCap(f, &cap));
    out->cap = std::move(cap);
  } else if (any_cap) {
    return f.Error("cap", "missing: effect \"cap\" needs the cap described");
  }

  if (const json* ex = f.Get("exemptions")) {
    if (!ex->is_array()) return f.Error("exemptions", "must be an array");
    std::set<std::string> ids;
    for (size_t i = 0; i < ex->size(); ++i) {
      Exemption e;
      EMBARGO_RETURN_IF_ERROR(ParseExemption(
          (*ex)[i], where, fmt::format("exemptions[{}].", i), &e));
      if (!ids.insert(e.id).second)
        return f.Error(fmt::format("exemptions[{}].id", i),
                       fmt::format("'{}' appears twice", e.id));
      out->exemptions.push_back(std::move(e));
    }
  }
  return Status::Ok();
}

Status ParseRegion(const json& v, const std::string& file, size_t index,
                   Region* out) {
  std::string where = fmt::format("{}: regions[{}]", file, index);
  if (v.is_object())
    if (auto it = v.find("id"); it != v.end() && it->is_string())
      where = fmt::format("{}: region '{}'", file, it->get<std::string>());
  Fields f(v, where, "");
  EMBARGO_RETURN_IF_ERROR(f.CheckObject());
  EMBARGO_RETURN_IF_ERROR(f.OnlyKnown(
      {"id", "name", "country", "subdivisions", "locodes", "names"}));
  EMBARGO_RETURN_IF_ERROR(f.String("id", &out->id, true));
  if (!ValidId(out->id) || IsCountryCode(out->id))
    return f.Error("id", fmt::format("'{}' is not a region id (and must not "
                                     "be a country code)",
                                     out->id));
  EMBARGO_RETURN_IF_ERROR(f.String("name", &out->name, true));
  EMBARGO_RETURN_IF_ERROR(f.String("country", &out->country, true));
  if (!IsCountryCode(out->country))
    return f.Error("country", fmt::format("'{}' is not an ISO alpha-2 code",
                                          out->country));
  EMBARGO_RETURN_IF_ERROR(f.Strings("subdivisions", &out->subdivisions, false));
  for (size_t i = 0; i < out->subdivisions.size(); ++i)
    if (out->subdivisions[i].rfind(out->country + "-", 0) != 0)
      return f.Error(fmt::format("subdivisions[{}]", i),
                     fmt::format("'{}' is not an ISO 3166-2 code of {}",
                                 out->subdivisions[i], out->country));
  EMBARGO_RETURN_IF_ERROR(f.Strings("locodes", &out->locodes, false));
  for (size_t i = 0; i < out->locodes.size(); ++i) {
    const std::string& l = out->locodes[i];
    if (l.size() != 5 || l.rfind(out->country, 0) != 0)
      return f.Error(
          fmt::format("locodes[{}]", i),
          fmt::format("'{}' is not a UN/LOCODE in {}", l, out->country));
  }
  EMBARGO_RETURN_IF_ERROR(f.Strings("names", &out->names, true));
  for (size_t i = 0; i < out->names.size(); ++i) {
    auto tokens = AsciiTokens(out->names[i]);
    if (tokens.empty())
      return f.Error(
          fmt::format("names[{}]", i),
          fmt::format("'{}' has no Latin letters to match", out->names[i]));
    out->name_tokens.push_back(std::move(tokens));
  }
  return Status::Ok();
}

}  // namespace

void RuleBook::Link() {
  regions.clear();
  for (const RuleSet& s : sets)
    for (const Region& r : s.regions) regions.push_back(&r);
}

Result<RuleSet> ParseRuleSet(const json& doc, std::string_view file_name) {
  std::string file(file_name);
  Fields f(doc, file, "");
  EMBARGO_RETURN_IF_ERROR(f.CheckObject());
  // The format first: a file that is no rule file at all says so.
  std::string format;
  EMBARGO_RETURN_IF_ERROR(f.String("format", &format, true));
  if (format != kRuleFormat)
    return f.Error("format",
                   fmt::format("'{}' is not \"{}\"", format, kRuleFormat));
  EMBARGO_RETURN_IF_ERROR(f.OnlyKnown({"format", "id", "title", "authority",
                                       "version", "current_to", "instruments",
                                       "regions", "exemptions", "rules"}));
  RuleSet set;
  set.file = file;
  EMBARGO_RETURN_IF_ERROR(f.String("id", &set.id, true));
  if (!ValidId(set.id))
    return f.Error("id", fmt::format("'{}' is not an id", set.id));
  EMBARGO_RETURN_IF_ERROR(f.String("title", &set.title, true));
  EMBARGO_RETURN_IF_ERROR(f.String("authority", &set.authority, true));
  EMBARGO_RETURN_IF_ERROR(f.String("version", &set.version, true));
  EMBARGO_RETURN_IF_ERROR(f.Date("current_to", &set.current_to, true));
  EMBARGO_RETURN_IF_ERROR(f.Strings("notes", &set.notes, false));

  if (const json* ins = f.Get("instruments")) {
    if (!ins->is_array()) return f.Error("instruments", "must be an array");
    for (size_t i = 0; i < ins->size(); ++i) {
      Fields inf((*ins)[i], file, fmt::format("instruments[{}].", i));
      EMBARGO_RETURN_IF_ERROR(inf.CheckObject());
      EMBARGO_RETURN_IF_ERROR(inf.OnlyKnown({"id", "title", "adopted", "url"}));
      Instrument in;
      EMBARGO_RETURN_IF_ERROR(inf.String("id", &in.id, true));
      EMBARGO_RETURN_IF_ERROR(inf.String("title", &in.title, false));
      EMBARGO_RETURN_IF_ERROR(inf.Date("adopted", &in.adopted, true));
      EMBARGO_RETURN_IF_ERROR(inf.String("url", &in.url, false));
      set.instruments.push_back(std::move(in));
    }
  }

  std::set<std::string> region_ids;
  if (const json* regs = f.Get("regions")) {
    if (!regs->is_array()) return f.Error("regions", "must be an array");
    for (size_t i = 0; i < regs->size(); ++i) {
      Region r;
      EMBARGO_RETURN_IF_ERROR(ParseRegion((*regs)[i], file, i, &r));
      if (!region_ids.insert(r.id).second)
        return f.Error(fmt::format("regions[{}].id", i),
                       fmt::format("'{}' appears twice", r.id));
      set.regions.push_back(std::move(r));
    }
  }

  if (const json* ex = f.Get("exemptions")) {
    if (!ex->is_array()) return f.Error("exemptions", "must be an array");
    std::set<std::string> ids;
    for (size_t i = 0; i < ex->size(); ++i) {
      std::string where = fmt::format("{}: exemptions[{}]", file, i);
      if ((*ex)[i].is_object())
        if (auto it = (*ex)[i].find("id");
            it != (*ex)[i].end() && it->is_string())
          where =
              fmt::format("{}: exemption '{}'", file, it->get<std::string>());
      Exemption e;
      EMBARGO_RETURN_IF_ERROR(ParseExemption((*ex)[i], where, "", &e));
      if (!ids.insert(e.id).second)
        return f.Error(fmt::format("exemptions[{}].id", i),
                       fmt::format("'{}' appears twice", e.id));
      set.exemptions.push_back(std::move(e));
    }
  }

  const json* rules = f.Get("rules");
  if (!rules || !rules->is_array() || rules->empty())
    return f.Error("rules", "must be a non-empty array");
  std::set<std::string> ids;
  for (size_t i = 0; i < rules->size(); ++i) {
    Rule r;
    EMBARGO_RETURN_IF_ERROR(ParseRule((*rules)[i], file, i, region_ids, &r));
    if (!ids.insert(r.id).second)
      return Status::DataError(
          fmt::format("{}: rule '{}': field 'id': defined twice", file, r.id));
    set.rules.push_back(std::move(r));
  }
  // superseded_by must name a rule of the set.
  for (const Rule& r : set.rules)
    if (!r.superseded_by.empty() && !ids.count(r.superseded_by))
      return Status::DataError(fmt::format(
          "{}: rule '{}': field 'superseded_by': no rule '{}' in this set",
          file, r.id, r.superseded_by));
  return set;
}

Result<RuleSet> LoadRuleSetFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(fmt::format("{}: cannot open", path));
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return Status::IoError(fmt::format("{}: read failed", path));
  std::string text = buf.str();
  std::string ext = std::filesystem::path(path).extension().string();
  for (char& c : ext)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  Result<json> doc = (ext == ".yaml" || ext == ".yml")
                         ? YamlToJson(text, path)
                         : ParseJsonText(text, path);
  if (!doc.ok()) return doc.status();
  return ParseRuleSet(*doc, path);
}

}  // namespace embargo::internal
