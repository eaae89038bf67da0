// TradeResult renderings: JSON (the contract the CLI and the server share),
// Markdown (the readable report) and a standalone HTML page.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "embargo/trade.h"

namespace embargo {
namespace {

using ojson = nlohmann::ordered_json;

std::string Upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return out;
}

double Round3(double v) { return std::round(v * 1000) / 1000; }

ojson ReasonJson(const TradeReason& r) {
  ojson j;
  j["decision"] = std::string(TradeDecisionName(r.decision));
  j["type"] = r.type;
  j["subject"] = r.subject;
  j["summary"] = r.summary;
  j["basis"] = r.basis;
  if (!r.rule_id.empty()) {
    ojson rule;
    rule["id"] = r.rule_id;
    rule["set"] = r.rule_set;
    rule["title"] = r.rule_title;
    rule["citation"] = r.citation;
    rule["citation_confidence"] = r.citation_confidence;
    rule["effective"] = r.effective;
    j["rule"] = std::move(rule);
  }
  if (!r.exemption_id.empty()) {
    ojson ex;
    ex["id"] = r.exemption_id;
    ex["citation"] = r.exemption_citation;
    if (!r.exemption_claim.empty()) ex["claim"] = r.exemption_claim;
    if (!r.exemption_reference.empty()) ex["reference"] = r.exemption_reference;
    j["exemption"] = std::move(ex);
  }
  if (r.match) {
    const TradeMatch& m = *r.match;
    ojson mj;
    mj["entity_id"] = m.entity_id;
    mj["list"] = m.list;
    mj["kind"] = m.kind;
    mj["name"] = m.listed_name;
    mj["matched_name"] = m.matched_name;
    mj["score"] = Round3(m.score);
    mj["programs"] = m.programs;
    mj["explanation"] = m.explanation;
    j["match"] = std::move(mj);
  }
  return j;
}

bool IsAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

// Escapes what would turn shipment text into Markdown markup (emphasis,
// code, HTML, tables, links), and only that, so the report stays readable
// as plain text: "ofac_sdn" and "parties[0]" are left alone.
std::string EscapeMarkdown(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool escape =
        c == '*' || c == '`' || c == '|' || c == '<' || c == '>' || c == '\\';
    if (c == '_') {
      bool inner =
          i > 0 && i + 1 < s.size() && IsAlnum(s[i - 1]) && IsAlnum(s[i + 1]);
      escape = !inner;
    }
    if (c == '(' && i > 0 && s[i - 1] == ']') escape = true;
    if (escape) out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string EscapeHtml(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string RuleLine(const TradeReason& r) {
  if (r.rule_id.empty()) return "";
  // An analyst citing the rule must know when its provision number was not
  // read in the official text.
  const char* unchecked = r.citation_confidence == "high" ? ""
                          : r.citation_confidence == "medium"
                              ? "; provision number not verified "
                                "against the official text"
                              : "; citation not verified against "
                                "the official text";
  return fmt::format("{} ({}, in force from {}{})", r.citation, r.rule_id,
                     r.effective, unchecked);
}

}  // namespace

std::string_view TradeDecisionName(TradeDecision decision) {
  switch (decision) {
    case TradeDecision::kClear:
      return "clear";
    case TradeDecision::kReview:
      return "review";
    case TradeDecision::kBlock:
      return "block";
  }
  return "";
}

std::string TradeResult::ToJson(int indent) const {
  ojson j;
  j["decision"] = std::string(TradeDecisionName(decision));
  j["reasons"] = ojson::array();
  for (const TradeReason& r : reasons) j["reasons"].push_back(ReasonJson(r));
  j["notes"] = notes;
  if (!reference.empty()) j["reference"] = reference;
  j["as_of"] = as_of;
  j["rule_sets"] = rule_sets;
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string TradeResult::ToMarkdown() const {
  std::string out = fmt::format("# Trade screening: {}\n\n",
                                Upper(TradeDecisionName(decision)));
  if (!reference.empty())
    out += fmt::format("- Shipment: {}\n", EscapeMarkdown(reference));
  out += fmt::format("- Rules applied as of: {}\n", as_of);
  for (const std::string& s : rule_sets)
    out += fmt::format("- Rule set: {}\n", EscapeMarkdown(s));
  out += fmt::format("\n## Reasons ({})\n\n", reasons.size());
  if (reasons.empty())
    out += "No party, vessel, goods, route or country hit.\n";
  for (size_t i = 0; i < reasons.size(); ++i) {
    const TradeReason& r = reasons[i];
    out += fmt::format("{}. **{}** · {} · `{}`  \n   {}\n", i + 1,
                       Upper(TradeDecisionName(r.decision)), r.type, r.subject,
                       EscapeMarkdown(r.summary));
    if (!r.rule_id.empty())
      out += fmt::format("   - Rule: {}\n", EscapeMarkdown(RuleLine(r)));
    if (!r.exemption_id.empty())
      out += fmt::format(
          "   - Exemption applied: {} ({}){}\n", EscapeMarkdown(r.exemption_id),
          EscapeMarkdown(r.exemption_citation),
          r.exemption_reference.empty()
              ? ""
              : ", reference " + EscapeMarkdown(r.exemption_reference));
    if (r.match)
      out += fmt::format(
          "   - Listed: {} `{}` on {} (programs: {}), score {:.3f}\n",
          EscapeMarkdown(r.match->listed_name), r.match->entity_id,
          r.match->list,
          r.match->programs.empty()
              ? "-"
              : EscapeMarkdown(
                    fmt::format("{}", fmt::join(r.match->programs, ", "))),
          r.match->score);
    for (const std::string& b : r.basis)
      if (!b.empty()) out += fmt::format("   - {}\n", EscapeMarkdown(b));
  }
  if (!notes.empty()) {
    out += "\n## Notes\n\n";
    for (const std::string& n : notes)
      out += fmt::format("- {}\n", EscapeMarkdown(n));
  }
  return out;
}

std::string TradeResult::ToHtml() const {
  std::string d = std::string(TradeDecisionName(decision));
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<title>Trade screening: " +
      Upper(d) +
      "</title>\n"
      "<style>body{font-family:sans-serif;margin:2em;max-width:70em}"
      "table{border-collapse:collapse;width:100%}"
      "td,th{border:1px solid "
      "#ccc;padding:.4em;vertical-align:top;text-align:left}"
      ".block{color:#fff;background:#b00020}.review{background:#ffd54f}"
      ".clear{background:#c8e6c9}.tag{padding:.1em .4em;border-radius:.2em;"
      "font-weight:bold}ul{margin:.2em 0;padding-left:1.2em}</style>\n"
      "</head><body>\n";
  out += fmt::format(
      "<h1>Trade screening: <span class=\"tag {}\">{}</span></h1>\n", d,
      Upper(d));
  out += "<p>";
  if (!reference.empty())
    out += fmt::format("Shipment {} · ", EscapeHtml(reference));
  out += fmt::format("rules applied as of {}", EscapeHtml(as_of));
  for (const std::string& s : rule_sets) out += " · " + EscapeHtml(s);
  out += "</p>\n";
  out +=
      "<table><tr><th>#</th><th>Decision</th><th>What</th><th>Why</th>"
      "<th>Rule or listing</th></tr>\n";
  for (size_t i = 0; i < reasons.size(); ++i) {
    const TradeReason& r = reasons[i];
    std::string dn(TradeDecisionName(r.decision));
    std::string why = EscapeHtml(r.summary);
    if (!r.basis.empty()) {
      why += "<ul>";
      for (const std::string& b : r.basis)
        why += "<li>" + EscapeHtml(b) + "</li>";
      why += "</ul>";
    }
    std::string cite;
    if (!r.rule_id.empty()) cite = EscapeHtml(RuleLine(r));
    if (!r.exemption_id.empty())
      cite += "<br>Exemption: " + EscapeHtml(r.exemption_id) + " (" +
              EscapeHtml(r.exemption_citation) + ")";
    if (r.match)
      cite += fmt::format("{}{} <code>{}</code> on {}, score {:.3f}",
                          cite.empty() ? "" : "<br>",
                          EscapeHtml(r.match->listed_name),
                          EscapeHtml(r.match->entity_id),
                          EscapeHtml(r.match->list), r.match->score);
    out += fmt::format(
        "<tr><td>{}</td><td><span class=\"tag {}\">{}</span></td><td>{} "
        "<code>{}</code></td><td>{}</td><td>{}</td></tr>\n",
        i + 1, dn, Upper(dn), EscapeHtml(r.type), EscapeHtml(r.subject), why,
        cite);
  }
  out += "</table>\n";
  if (reasons.empty())
    out += "<p>No party, vessel, goods, route or country hit.</p>\n";
  if (!notes.empty()) {
    out += "<h2>Notes</h2><ul>\n";
    for (const std::string& n : notes)
      out += "<li>" + EscapeHtml(n) + "</li>\n";
    out += "</ul>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace embargo
