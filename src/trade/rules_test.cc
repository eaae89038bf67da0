#include "trade/rules.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "embargo/trade.h"
#include "trade/yaml.h"

namespace embargo {
namespace {

namespace fs = std::filesystem;

const std::string kRulesDir = EMBARGO_SOURCE_DIR "/rules";

std::map<std::string, TradeRuleSummary> ById(const TradeRules& rules) {
  std::map<std::string, TradeRuleSummary> out;
  for (const auto& set : rules.Summaries())
    for (const auto& r : set.rules) out[r.id] = r;
  return out;
}

TEST(ShippedRulesTest, UnDprkSetLoadsWithItsCitations) {
  auto rules = TradeRules::Load({kRulesDir + "/un_dprk.json"});
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  auto sets = rules->Summaries();
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0].id, "un-dprk");
  EXPECT_EQ(sets[0].current_to, "2026-11-29");
  EXPECT_EQ(rules->rule_count(), 23u);
  auto r = ById(*rules);
  // The issue's list, resolution by resolution.
  EXPECT_EQ(r["un-dprk-1718-op8-arms"].citation,
            "S/RES/1718 (2006), OP8(a)(i) and OP8(b)");
  EXPECT_EQ(r["un-dprk-1718-op8-arms"].direction, "both");
  EXPECT_EQ(r["un-dprk-1718-op8-wmd"].citation,
            "S/RES/1718 (2006), OP8(a)(ii) and OP8(b)");
  EXPECT_EQ(r["un-dprk-1718-op8-luxury"].citation,
            "S/RES/1718 (2006), OP8(a)(iii)");
  EXPECT_EQ(r["un-dprk-1718-op8-luxury"].direction, "supply");
  EXPECT_EQ(r["un-dprk-2270-op29-coal-iron"].citation,
            "S/RES/2270 (2016), OP29");
  EXPECT_EQ(r["un-dprk-2270-op29-coal-iron"].ended, "2016-11-30");
  EXPECT_EQ(r["un-dprk-2270-op30-minerals"].citation,
            "S/RES/2270 (2016), OP30");
  EXPECT_EQ(r["un-dprk-2270-op31-aviation-fuel"].citation,
            "S/RES/2270 (2016), OP31");
  EXPECT_EQ(r["un-dprk-2321-op28-metals"].citation, "S/RES/2321 (2016), OP28");
  EXPECT_EQ(r["un-dprk-2321-op29-statues"].citation, "S/RES/2321 (2016), OP29");
  EXPECT_EQ(r["un-dprk-2321-op30-helicopters-vessels"].citation,
            "S/RES/2321 (2016), OP30");
  EXPECT_EQ(r["un-dprk-2371-op8-coal-iron"].citation, "S/RES/2371 (2017), OP8");
  EXPECT_EQ(r["un-dprk-2371-op8-coal-iron"].effective, "2017-08-05");
  EXPECT_EQ(r["un-dprk-2371-op9-seafood"].citation, "S/RES/2371 (2017), OP9");
  EXPECT_EQ(r["un-dprk-2371-op10-lead"].citation, "S/RES/2371 (2017), OP10");
  EXPECT_EQ(r["un-dprk-2375-op16-textiles"].citation,
            "S/RES/2375 (2017), OP16");
  EXPECT_EQ(r["un-dprk-2375-op13-condensates-ngl"].citation,
            "S/RES/2375 (2017), OP13");
  EXPECT_EQ(r["un-dprk-2375-op11-ship-to-ship"].kind, "ship_to_ship");
  EXPECT_EQ(r["un-dprk-2397-op4-crude-oil"].effect, "cap");
  EXPECT_EQ(r["un-dprk-2397-op5-refined-petroleum"].effect, "cap");
  EXPECT_EQ(r["un-dprk-2397-op6-exports"].scope,
            "food and agricultural products (HS 07) (HS 07); food and "
            "agricultural products (HS 08) (HS 08); food and agricultural "
            "products (HS 12) (HS 12); machinery (HS 84) (HS 84); electrical "
            "equipment (HS 85) (HS 85); earth and stone, including magnesite "
            "and magnesia (HS 25) (HS 25); wood (HS 44) (HS 44); vessels (HS "
            "89) (HS 89)");
  EXPECT_EQ(r["un-dprk-2397-op7-supplies"].citation, "S/RES/2397 (2017), OP7");
  EXPECT_EQ(
      r["un-dprk-2397-op7-supplies"].exemptions,
      (std::vector<std::string>{
          "un-dprk-2397-op7-civil-aircraft-parts (S/RES/2397 (2017), OP7)",
          "un-dprk-humanitarian-exemption (S/RES/2397 (2017), OP25)"}));
  // Effective dates are the adoption dates.
  EXPECT_EQ(r["un-dprk-1718-op8-arms"].effective, "2006-10-14");
  EXPECT_EQ(r["un-dprk-2270-op30-minerals"].effective, "2016-03-02");
  EXPECT_EQ(r["un-dprk-2321-op28-metals"].effective, "2016-11-30");
  EXPECT_EQ(r["un-dprk-2375-op16-textiles"].effective, "2017-09-11");
  EXPECT_EQ(r["un-dprk-2397-op6-exports"].effective, "2017-12-22");
  // Verified against the texts (rules/README.md): 2270 OP18 inspection, 2321
  // OP26 coal cap, 2321 OP30 new helicopters and vessels, 2371 OP8 coal (by
  // 2375 OP18) and OP9 seafood (by 2397 OP6), 2397 OP4-OP6.
  EXPECT_EQ(r["un-dprk-2270-op18-cargo-inspection"].citation,
            "S/RES/2270 (2016), OP18");
  EXPECT_EQ(r["un-dprk-2321-op26-coal-iron"].citation,
            "S/RES/2321 (2016), OP26");
  EXPECT_EQ(r["un-dprk-2397-op4-crude-oil"].citation, "S/RES/2397 (2017), OP4");
  EXPECT_EQ(r["un-dprk-2397-op5-refined-petroleum"].citation,
            "S/RES/2397 (2017), OP5");
  EXPECT_EQ(r["un-dprk-2397-op6-exports"].citation, "S/RES/2397 (2017), OP6");
  EXPECT_EQ(r["un-dprk-2397-op6-exports"].direction, "export");
  EXPECT_EQ(r["un-dprk-2397-op7-supplies"].direction, "supply");
}

TEST(ShippedRulesTest, FolderLoadsBothSetsInNameOrder) {
  auto rules = TradeRules::Load({kRulesDir});
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  auto sets = rules->Summaries();
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(sets[0].id, "un-dprk");
  EXPECT_EQ(sets[1].id, "us-embargoes");
  EXPECT_EQ(sets[1].rules.size(), 13u);
  auto r = ById(*rules);
  EXPECT_EQ(r["us-cuba-cacr"].citation,
            "31 CFR part 515 (Cuban Assets Control Regulations), § 515.201");
  EXPECT_EQ(r["us-crimea-eo13685"].jurisdictions,
            std::vector<std::string>{"UA-CRIMEA"});
  EXPECT_EQ(r["us-syria-eo13582"].ended, "2025-07-01");
  // Executive Order 13582 banned services exports (US goods needed a BIS
  // licence, 15 CFR 746.9) and Syrian petroleum imports, not every import
  // from Syria (rules/README.md): the supply side blocks, petroleum from
  // Syria blocks, other goods from Syria are reviewed.
  EXPECT_EQ(r["us-syria-eo13582"].direction, "supply");
  EXPECT_EQ(r["us-syria-sysr-petroleum"].direction, "export");
  EXPECT_EQ(r["us-syria-sysr-petroleum"].effect, "block");
  EXPECT_EQ(r["us-syria-sysr-petroleum"].ended, "2025-07-01");
  EXPECT_EQ(r["us-syria-sysr-imports-review"].effect, "review");
  EXPECT_EQ(r["us-iran-itsr-imports"].citation,
            "31 CFR part 560 (Iranian Transactions and Sanctions "
            "Regulations), § 560.201");
  // Checked against the texts (rules/README.md): the import ban of
  // Executive Order 13570 took effect on 19 April 2011, the day after it was
  // signed; § 510.206 is the export ban, § 510.205 the import ban.
  EXPECT_EQ(r["us-north-korea-nksr-imports"].effective, "2011-04-19");
  EXPECT_EQ(r["us-north-korea-nksr-imports"].citation,
            "31 CFR part 510 (North Korea Sanctions Regulations), § 510.205");
  EXPECT_EQ(r["us-north-korea-nksr-exports"].citation,
            "31 CFR part 510 (North Korea Sanctions Regulations), § 510.206");
  EXPECT_EQ(r["us-north-korea-nksr-exports"].direction, "supply");
  EXPECT_EQ(rules->book().regions.size(), 3u);
}

// Writes `text` to a temporary rule file and loads it.
class RuleFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("embargo_rules_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }

  Status LoadError(const std::string& text) {
    std::string path = Write("r.json", text);
    auto r = TradeRules::Load({path});
    return r.ok() ? Status::Ok() : r.status();
  }

  static std::string Set(const std::string& rules) {
    return R"({"format": "embargo.trade-rules/1", "id": "mine", "title": "t",
               "authority": "a", "version": "1", "current_to": "2026-01-01",
               "rules": [)" +
           rules + "]}";
  }
  static std::string GoodRule(const std::string& extra = "") {
    return R"({"id": "mine-1", "title": "Widgets to Cuba",
               "citation": {"instrument": "Reg 1", "provisions": ["§ 2"],
                            "confidence": "high"},
               "direction": "supply", "jurisdictions": ["CU"],
               "effect": "block", "effective": "2020-01-01",
               "scope": [{"label": "widgets", "hs": ["8479"],
                          "keywords": {"en": ["widget"]}}])" +
           extra + "}";
  }

  fs::path dir_;
};

TEST_F(RuleFileTest, UserRuleLoads) {
  EXPECT_TRUE(LoadError(Set(GoodRule())).ok());
}

TEST_F(RuleFileTest, ErrorsNameTheFileTheRuleAndTheField) {
  std::string path = (dir_ / "r.json").string();
  struct Case {
    std::string text;
    std::string message;
  } cases[] = {
      {Set(GoodRule(R"(, "effective": "2017-13-01")")),
       path + ": rule 'mine-1': field 'effective': '2017-13-01' is not a date "
              "(YYYY-MM-DD)"},
      {Set(GoodRule(R"(, "efective": "2017-01-01")")),
       path + ": rule 'mine-1': field 'efective': unknown field"},
      {Set(GoodRule(R"(, "direction": "exports")")),
       path + ": rule 'mine-1': field 'direction': 'exports' is not supply, "
              "export, both or any"},
      {Set(GoodRule(R"(, "jurisdictions": ["XX"])")),
       path + ": rule 'mine-1': field 'jurisdictions[0]': 'XX' is neither an "
              "ISO alpha-2 code nor a region of this rule set"},
      {Set(GoodRule(R"(, "except": ["84x"])")),
       path + ": rule 'mine-1': field 'except[0]': '84x' is not an HS pattern "
              "(2, 4, 6, 8 or 10 digits, or a range like 72-83)"},
      {Set(GoodRule(R"(, "effect": "cap")")),
       path + ": rule 'mine-1': field 'cap': missing: effect \"cap\" needs the "
              "cap described"},
      {Set(GoodRule(
           R"(, "citation": {"instrument": "Reg 1", "provisions": ["§ 2"], "confidence": "sure"})")),
       path + ": rule 'mine-1': field 'citation.confidence': 'sure' is not "
              "high, medium or low"},
      {Set(GoodRule(
           R"(, "scope": [{"label": "w", "hs": ["8479"], "keywords": {"zh": ["小"]}}])")),
       path + ": rule 'mine-1': field 'scope[0].keywords': English keywords "
              "(\"en\") are required"},
      {Set(GoodRule(
           R"(, "exemptions": [{"id": "e", "title": "t", "citation": {"instrument": "x", "provisions": ["y"], "confidence": "low"}, "outcome": "clear"}])")),
       path +
           ": rule 'mine-1': field 'exemptions[0].claim': an exemption needs "
           "a claim or a condition (hs, origin_not, route_via); otherwise it "
           "would exempt all"},
      {Set(GoodRule() + "," + GoodRule()),
       path + ": rule 'mine-1': field 'id': defined twice"},
      {R"({"goods": []})", path + ": field 'format': missing"},
      {R"({"format": "embargo.trade-rules/2"})",
       path + ": field 'format': 'embargo.trade-rules/2' is not "
              "\"embargo.trade-rules/1\""},
  };
  for (const Case& c : cases) {
    Status s = LoadError(c.text);
    EXPECT_EQ(s.code(), StatusCode::kDataError) << c.message;
    EXPECT_EQ(s.message(), c.message);
  }
}

TEST_F(RuleFileTest, InvalidJsonNamesTheFileAndLine) {
  Status s = LoadError("{\n  \"format\": ,\n}");
  EXPECT_EQ(s.code(), StatusCode::kDataError);
  EXPECT_NE(s.message().find((dir_ / "r.json").string() + ": invalid JSON: "),
            std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("line 2"), std::string::npos) << s.message();
}

TEST_F(RuleFileTest, RuleIdsAreUniqueAcrossFiles) {
  std::string a = Write("a.json", Set(GoodRule()));
  std::string other = Set(GoodRule());
  other.replace(other.find("\"mine\""), 6, "\"theirs\"");
  std::string b = Write("b.json", other);
  auto r = TradeRules::Load({dir_.string()});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            b + ": rule 'mine-1': field 'id': also defined in " + a);
}

TEST_F(RuleFileTest, MissingFileAndEmptyFolder) {
  auto missing = TradeRules::Load({(dir_ / "nope.json").string()});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto empty = TradeRules::Load({dir_.string()});
  EXPECT_EQ(empty.status().code(), StatusCode::kNotFound);
}

#ifdef EMBARGO_HAVE_YAML
TEST_F(RuleFileTest, YamlRuleFileEqualsItsJsonForm) {
  std::string yaml = R"(format: embargo.trade-rules/1
id: mine
title: t
authority: a
version: "1"
current_to: 2026-01-01
rules:
  - id: mine-1
    title: Widgets to Cuba
    citation: {instrument: Reg 1, provisions: ["§ 2"], confidence: high}
    direction: supply
    jurisdictions: [CU]
    effect: block
    effective: 2020-01-01
    scope:
      - label: widgets
        hs: ["8479"]
        keywords: {en: [widget]}
        min_unit_value_usd: 10.5
)";
  auto r = TradeRules::Load({Write("r.yaml", yaml)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const auto& rule = r->book().sets[0].rules[0];
  EXPECT_EQ(rule.id, "mine-1");
  EXPECT_EQ(rule.effective.value, 20200101);
  EXPECT_EQ(rule.scope[0].hs[0].from, "8479");
  EXPECT_EQ(rule.scope[0].min_unit_value_usd, 10.5);
  EXPECT_EQ(r->book().sets[0].version, "1");

  auto bad = TradeRules::Load({Write("bad.yaml", "rules: [a, b\nid: x\n")});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("bad.yaml:"), std::string::npos);
  EXPECT_NE(bad.status().message().find("invalid YAML"), std::string::npos);
}
#endif

#ifdef EMBARGO_HAVE_YAML
TEST(ExampleRulesTest, CompanyPolicyYamlLoadsBesideTheShippedSets) {
  auto rules = TradeRules::Load(
      {kRulesDir, EMBARGO_SOURCE_DIR "/examples/rules/acme_policy.yaml"});
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  auto sets = rules->Summaries();
  ASSERT_EQ(sets.size(), 3u);
  EXPECT_EQ(sets[2].id, "acme-policy");
  ASSERT_EQ(sets[2].rules.size(), 1u);
  EXPECT_EQ(sets[2].rules[0].citation,
            "Acme Corp Export Policy EP-7 (2024), section 3.2");
  EXPECT_EQ(sets[2].rules[0].jurisdictions,
            (std::vector<std::string>{"RU", "BY"}));
}
#endif

TEST(ParseIsoDateTest, ValidatesCalendar) {
  EXPECT_EQ(internal::ParseIsoDate("2017-08-05"), 20170805);
  EXPECT_EQ(internal::ParseIsoDate("2016-02-29"), 20160229);
  EXPECT_EQ(internal::ParseIsoDate("2017-02-29"), 0);
  EXPECT_EQ(internal::ParseIsoDate("2017-8-5"), 0);
  EXPECT_EQ(internal::ParseIsoDate("05/08/2017"), 0);
}

}  // namespace
}  // namespace embargo
