#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "embargo/trade.h"

namespace embargo {
namespace {

TradeResult Sample() {
  TradeResult r;
  r.decision = TradeDecision::kBlock;
  r.reference = "INV <1>";
  r.as_of = "2026-11-29";
  r.rule_sets = {"un-dprk 2026.11.29 (current to 2026-11-29)"};
  TradeReason goods;
  goods.decision = TradeDecision::kBlock;
  goods.type = "goods";
  goods.subject = "goods[0]";
  goods.summary = "Coal, iron and iron ore from the DPRK: full ban: HS 2701.12";
  goods.basis = {"HS 2701.12 is under 2701 (coal)", "route.origin KP"};
  goods.rule_id = "un-dprk-2371-op8-coal-iron";
  goods.rule_set = "un-dprk";
  goods.rule_title = "Coal, iron and iron ore from the DPRK: full ban";
  goods.citation = "S/RES/2371 (2017), OP8";
  goods.citation_confidence = "high";
  goods.effective = "2017-08-05";
  r.reasons.push_back(goods);
  TradeReason party;
  party.decision = TradeDecision::kReview;
  party.type = "party";
  party.subject = "parties[0]";
  party.summary = "parties[0] 'A & B' matches";
  TradeMatch m;
  m.entity_id = "un-KPe.002";
  m.list = "un_sc";
  m.kind = "organization";
  m.listed_name = "KOREA RYONBONG GENERAL CORPORATION";
  m.matched_name = m.listed_name;
  m.score = 0.86666;
  m.programs = {"KP"};
  party.match = m;
  r.reasons.push_back(party);
  r.notes = {"vessel has no IMO number: screened by name only"};
  return r;
}

TEST(TradeReportTest, JsonHasDecisionReasonsCitationsAndMatches) {
  auto j = nlohmann::json::parse(Sample().ToJson());
  EXPECT_EQ(j["decision"], "block");
  ASSERT_EQ(j["reasons"].size(), 2u);
  EXPECT_EQ(j["reasons"][0]["decision"], "block");
  EXPECT_EQ(j["reasons"][0]["rule"]["id"], "un-dprk-2371-op8-coal-iron");
  EXPECT_EQ(j["reasons"][0]["rule"]["citation"], "S/RES/2371 (2017), OP8");
  EXPECT_EQ(j["reasons"][0]["rule"]["citation_confidence"], "high");
  EXPECT_FALSE(j["reasons"][0].contains("match"));
  EXPECT_EQ(j["reasons"][1]["match"]["entity_id"], "un-KPe.002");
  EXPECT_DOUBLE_EQ(j["reasons"][1]["match"]["score"].get<double>(), 0.867);
  EXPECT_FALSE(j["reasons"][1].contains("rule"));
  EXPECT_EQ(j["notes"][0], "vessel has no IMO number: screened by name only");
  EXPECT_EQ(j["as_of"], "2026-11-29");
  // One line when asked.
  EXPECT_EQ(Sample().ToJson(-1).find('\n'), std::string::npos);
}

TEST(TradeReportTest, MarkdownListsEveryReasonWithItsCitation) {
  std::string md = Sample().ToMarkdown();
  EXPECT_EQ(md.rfind("# Trade screening: BLOCK\n", 0), 0u);
  EXPECT_NE(md.find("1. **BLOCK** · goods · `goods[0]`"), std::string::npos)
      << md;
  EXPECT_NE(md.find("   - Rule: S/RES/2371 (2017), OP8 "
                    "(un-dprk-2371-op8-coal-iron, in force from 2017-08-05)"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("2. **REVIEW** · party"), std::string::npos) << md;
  EXPECT_NE(md.find("score 0.867"), std::string::npos) << md;
  EXPECT_NE(md.find("## Notes"), std::string::npos);
  EXPECT_NE(md.find("INV \\<1\\>"), std::string::npos) << md;
}

// A provision number not read in the official text is said so wherever the
// rule is cited, so no analyst quotes it as checked.
TEST(TradeReportTest, UnverifiedCitationsSaySo) {
  TradeResult r = Sample();
  r.reasons[0].citation = "S/RES/2375 (2017), OP16";
  r.reasons[0].citation_confidence = "medium";
  EXPECT_NE(r.ToMarkdown().find("in force from 2017-08-05; provision number "
                                "not verified against the official text)"),
            std::string::npos);
  EXPECT_NE(r.ToHtml().find("provision number not verified"),
            std::string::npos);
  auto j = nlohmann::json::parse(r.ToJson());
  EXPECT_EQ(j["reasons"][0]["rule"]["citation_confidence"], "medium");
  r.reasons[0].citation_confidence = "low";
  EXPECT_NE(r.ToMarkdown().find("; citation not verified against the "
                                "official text)"),
            std::string::npos);
}

TEST(TradeReportTest, HtmlEscapes) {
  std::string html = Sample().ToHtml();
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("INV &lt;1&gt;"), std::string::npos);
  EXPECT_NE(html.find("&#39;A &amp; B&#39;"), std::string::npos);
  EXPECT_EQ(html.find("'A & B'"), std::string::npos);
  EXPECT_NE(html.find("class=\"tag block\">BLOCK</span>"), std::string::npos);
}

TEST(TradeReportTest, DecisionNames) {
  EXPECT_EQ(TradeDecisionName(TradeDecision::kClear), "clear");
  EXPECT_EQ(TradeDecisionName(TradeDecision::kReview), "review");
  EXPECT_EQ(TradeDecisionName(TradeDecision::kBlock), "block");
}

}  // namespace
}  // namespace embargo
