// TradeRules: loading rule files and folders into one immutable RuleBook,
// and summarizing it for `embargo trade rules`.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "embargo/trade.h"
#include "trade/rules.h"

namespace embargo {

namespace fs = std::filesystem;
using internal::RuleBook;
using internal::RuleSet;

namespace {

bool IsRuleFile(const fs::path& p) {
  std::string ext = p.extension().string();
  std::string name = p.filename().string();
  if (name.empty() || name[0] == '.') return false;
  return ext == ".json" || ext == ".yaml" || ext == ".yml";
}

Status AddSet(RuleBook* book, RuleSet set) {
  // Rule ids and set ids are global: reasons cite them alone.
  for (const RuleSet& other : book->sets) {
    if (other.id == set.id)
      return Status::DataError(
          fmt::format("{}: field 'id': rule set '{}' is also defined in {}",
                      set.file, set.id, other.file));
    for (const internal::Rule& a : set.rules)
      for (const internal::Rule& b : other.rules)
        if (a.id == b.id)
          return Status::DataError(
              fmt::format("{}: rule '{}': field 'id': also defined in {}",
                          set.file, a.id, other.file));
    for (const internal::Region& a : set.regions)
      for (const internal::Region& b : other.regions)
        if (a.id == b.id)
          return Status::DataError(
              fmt::format("{}: region '{}': field 'id': also defined in {}",
                          set.file, a.id, other.file));
  }
  book->sets.push_back(std::move(set));
  return Status::Ok();
}

std::string ScopeText(const internal::Rule& r) {
  if (r.kind != internal::RuleKind::kGoods) return "";
  std::string out;
  for (const internal::ScopeEntry& e : r.scope) {
    std::string hs;
    for (const internal::HsPattern& p : e.hs)
      hs += (hs.empty() ? "" : ", ") + p.text;
    std::string item = e.label;
    if (!hs.empty())
      item += fmt::format(" (HS {})", hs);
    else
      item += " (by description)";
    out += (out.empty() ? "" : "; ") + item;
  }
  if (!r.except.empty()) {
    std::string ex;
    for (const internal::HsPattern& p : r.except)
      ex += (ex.empty() ? "" : ", ") + p.text;
    out += fmt::format("; except HS {}", ex);
  }
  return out;
}

}  // namespace

TradeRules::TradeRules(std::shared_ptr<const RuleBook> book)
    : book_(std::move(book)) {}
TradeRules::~TradeRules() = default;

Result<TradeRules> TradeRules::Load(const std::vector<std::string>& paths) {
  if (paths.empty()) return Status::InvalidArgument("no rule files given");
  auto book = std::make_shared<RuleBook>();
  for (const std::string& path : paths) {
    std::error_code ec;
    std::vector<std::string> files;
    if (fs::is_directory(path, ec)) {
      for (const auto& entry : fs::directory_iterator(path, ec))
        if (entry.is_regular_file() && IsRuleFile(entry.path()))
          files.push_back(entry.path().string());
      if (ec)
        return Status::IoError(
            fmt::format("{}: cannot list: {}", path, ec.message()));
      std::sort(files.begin(), files.end());
      if (files.empty())
        return Status::NotFound(
            fmt::format("{}: no rule files (.json, .yaml, .yml) in it", path));
    } else if (fs::exists(path, ec)) {
      files.push_back(path);
    } else {
      return Status::NotFound(fmt::format("{}: no such file or folder", path));
    }
    for (const std::string& f : files) {
      Result<RuleSet> set = internal::LoadRuleSetFile(f);
      if (!set.ok()) return set.status();
      EMBARGO_RETURN_IF_ERROR(AddSet(book.get(), std::move(*set)));
    }
  }
  book->Link();
  return TradeRules(std::move(book));
}

Result<TradeRules> TradeRules::Parse(std::string_view json_text,
                                     std::string_view name) {
  Result<nlohmann::json> doc = internal::ParseJsonText(json_text, name);
  if (!doc.ok()) return doc.status();
  Result<RuleSet> set = internal::ParseRuleSet(*doc, name);
  if (!set.ok()) return set.status();
  auto book = std::make_shared<RuleBook>();
  book->sets.push_back(std::move(*set));
  book->Link();
  return TradeRules(std::move(book));
}

size_t TradeRules::rule_count() const {
  size_t n = 0;
  for (const RuleSet& s : book_->sets) n += s.rules.size();
  return n;
}

std::vector<TradeRuleSetSummary> TradeRules::Summaries() const {
  std::vector<TradeRuleSetSummary> out;
  for (const RuleSet& s : book_->sets) {
    TradeRuleSetSummary ss;
    ss.id = s.id;
    ss.title = s.title;
    ss.authority = s.authority;
    ss.version = s.version;
    ss.current_to = s.current_to.text;
    ss.file = s.file;
    for (const internal::Rule& r : s.rules) {
      TradeRuleSummary rs;
      rs.id = r.id;
      rs.title = r.title;
      rs.kind = std::string(internal::RuleKindName(r.kind));
      rs.citation = r.citation.ToString();
      rs.citation_confidence = r.citation.confidence;
      rs.direction = std::string(internal::DirectionName(r.direction));
      rs.effect = std::string(internal::EffectName(r.effect));
      rs.jurisdictions = r.jurisdictions;
      rs.effective = r.effective.text;
      rs.ended = r.ended.text;
      rs.scope = ScopeText(r);
      for (const internal::Exemption& e : r.exemptions)
        rs.exemptions.push_back(
            fmt::format("{} ({})", e.id, e.citation.ToString()));
      if (r.set_exemptions)
        for (const internal::Exemption& e : s.exemptions)
          rs.exemptions.push_back(
              fmt::format("{} ({})", e.id, e.citation.ToString()));
      ss.rules.push_back(std::move(rs));
    }
    out.push_back(std::move(ss));
  }
  return out;
}

std::string TradeRulesToJson(const std::vector<TradeRuleSetSummary>& sets,
                             int indent) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const TradeRuleSetSummary& s : sets) {
    nlohmann::ordered_json js;
    js["id"] = s.id;
    js["title"] = s.title;
    js["authority"] = s.authority;
    js["version"] = s.version;
    js["current_to"] = s.current_to;
    js["file"] = s.file;
    js["rules"] = nlohmann::ordered_json::array();
    for (const TradeRuleSummary& r : s.rules) {
      nlohmann::ordered_json jr;
      jr["id"] = r.id;
      jr["title"] = r.title;
      jr["kind"] = r.kind;
      jr["citation"] = r.citation;
      jr["citation_confidence"] = r.citation_confidence;
      jr["direction"] = r.direction;
      jr["effect"] = r.effect;
      jr["jurisdictions"] = r.jurisdictions;
      jr["effective"] = r.effective;
      if (!r.ended.empty()) jr["ended"] = r.ended;
      if (!r.scope.empty()) jr["scope"] = r.scope;
      jr["exemptions"] = r.exemptions;
      js["rules"].push_back(std::move(jr));
    }
    out.push_back(std::move(js));
  }
  return out.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace embargo
