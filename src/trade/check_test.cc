// The table of cases built from the resolutions' text, on the real lists:
// UN consolidated list 2026-02-27 and OFAC SDN 2024-05-03 (which lists the
// DPRK vessels with their IMO numbers).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "embargo/lists.h"
#include "embargo/screener.h"
#include "embargo/trade.h"

namespace embargo {
namespace {

const std::string kData = EMBARGO_SHARED_DATA;
const std::string kSource = EMBARGO_SOURCE_DIR;

class TradeCasesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto lists = LoadLists({kData + "/un_sc/2026-02-27/UN_consolidated.xml",
                            kData + "/ofac_sdn/2024-05-03/sdn.csv"});
    ASSERT_TRUE(lists.ok()) << lists.status().ToString();
    auto screener = Screener::Build(std::move(*lists));
    ASSERT_TRUE(screener.ok()) << screener.status().ToString();
    screener_ = std::move(*screener).release();
    auto un = TradeRules::Load({kSource + "/rules/un_dprk.json"});
    ASSERT_TRUE(un.ok()) << un.status().ToString();
    un_rules_ = new TradeRules(std::move(*un));
    auto all = TradeRules::Load({kSource + "/rules"});
    ASSERT_TRUE(all.ok()) << all.status().ToString();
    all_rules_ = new TradeRules(std::move(*all));
  }
  static void TearDownTestSuite() {
    delete screener_;
    delete un_rules_;
    delete all_rules_;
  }

  static TradeResult Check(const std::string& json, bool all_rules = false) {
    auto r = CheckShipmentJson(json, *screener_,
                               all_rules ? *all_rules_ : *un_rules_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : TradeResult{};
  }

  // The reason citing `rule_id`, or nullptr.
  static const TradeReason* Cited(const TradeResult& r,
                                  const std::string& rule_id) {
    for (const TradeReason& reason : r.reasons)
      if (reason.rule_id == rule_id) return &reason;
    return nullptr;
  }
  static const TradeReason* MatchOf(const TradeResult& r,
                                    const std::string& entity) {
    for (const TradeReason& reason : r.reasons)
      if (reason.match && reason.match->entity_id == entity) return &reason;
    return nullptr;
  }

  static Screener* screener_;
  static TradeRules* un_rules_;
  static TradeRules* all_rules_;
};

Screener* TradeCasesTest::screener_ = nullptr;
TradeRules* TradeCasesTest::un_rules_ = nullptr;
TradeRules* TradeCasesTest::all_rules_ = nullptr;

struct RuleCase {
  const char* name;
  std::string shipment;
  TradeDecision decision;  // of the whole shipment
  const char* rule_id;     // a reason must cite it ...
  const char* citation;    // ... with exactly this citation
  TradeDecision rule_decision;
  const char* exemption_id;  // "" : none expected on that reason
};

// Shipments of goods only (no parties or vessel), so that the decision is
// the rules' alone.
std::string Goods(const std::string& route, const std::string& goods,
                  const std::string& extra = "",
                  const std::string& date = "2026-11-20") {
  return R"({"date": ")" + date + R"(", "route": )" + route +
         R"(, "goods": [)" + goods + "]" + extra + "}";
}

TEST_F(TradeCasesTest, CasesFromTheResolutions) {
  const std::string from_kp =
      R"({"loading": "KPNAM", "discharge": "CNDLC", "origin": "KP"})";
  const std::string to_kp = R"({"loading": "CNDLC", "discharge": "KPNAM"})";
  const RuleCase cases[] = {
      {"HS 2701 coal exported from KP",
       Goods(from_kp, R"({"hs": "2701.12", "description": "Anthracite"})"),
       TradeDecision::kBlock, "un-dprk-2371-op8-coal-iron",
       "S/RES/2371 (2017), OP8", TradeDecision::kBlock, ""},
      {"HS 8703 passenger car supplied to KP",
       Goods(
           to_kp,
           R"({"hs": "8703.23", "description": "Passenger car, 1.8 l petrol"})"),
       TradeDecision::kBlock, "un-dprk-2397-op7-supplies",
       "S/RES/2397 (2017), OP7", TradeDecision::kBlock, ""},
      {"Coal by description alone (no HS code)",
       Goods(from_kp, R"({"description": "무연탄 (anthracite), 5,000 t"})"),
       TradeDecision::kBlock, "un-dprk-2371-op8-coal-iron",
       "S/RES/2371 (2017), OP8", TradeDecision::kBlock, ""},
      {"KP-origin crab transshipped through a third country",
       Goods(
           R"({"origin": "KP", "loading": "RUVVO", "transshipment": ["CNDLC"], "discharge": "JPTYO"})",
           R"({"hs": "0306.14", "description": "Frozen crab"})"),
       TradeDecision::kBlock, "un-dprk-2371-op9-seafood",
       "S/RES/2371 (2017), OP9", TradeDecision::kBlock, ""},
      {"Knitted sweaters from KP",
       Goods(from_kp, R"({"description": "Knitted sweater, 100% acrylic"})"),
       TradeDecision::kBlock, "un-dprk-2375-op16-textiles",
       "S/RES/2375 (2017), OP16", TradeDecision::kBlock, ""},
      {"Lead ore from KP",
       Goods(from_kp,
             R"({"hs": "2607.00", "description": "Lead ore concentrate"})"),
       TradeDecision::kBlock, "un-dprk-2371-op10-lead",
       "S/RES/2371 (2017), OP10", TradeDecision::kBlock, ""},
      {"Zinc from KP",
       Goods(from_kp, R"({"hs": "7901.11", "description": "Unwrought zinc"})"),
       TradeDecision::kBlock, "un-dprk-2321-op28-metals",
       "S/RES/2321 (2016), OP28", TradeDecision::kBlock, ""},
      {"Gold from KP",
       Goods(from_kp, R"({"hs": "7108.12", "description": "Gold bullion"})"),
       TradeDecision::kBlock, "un-dprk-2270-op30-minerals",
       "S/RES/2270 (2016), OP30", TradeDecision::kBlock, ""},
      {"Bronze statue from KP",
       Goods(from_kp, R"({"hs": "9703.90", "description": "Bronze statue"})"),
       TradeDecision::kBlock, "un-dprk-2321-op29-statues",
       "S/RES/2321 (2016), OP29", TradeDecision::kBlock, ""},
      {"Excavator from KP (machinery, HS 84)",
       Goods(from_kp, R"({"hs": "8429.52", "description": "Excavator"})"),
       TradeDecision::kBlock, "un-dprk-2397-op6-exports",
       "S/RES/2397 (2017), OP6", TradeDecision::kBlock, ""},
      {"Magnesia from KP (earth and stone, HS 25)",
       Goods(from_kp,
             R"({"hs": "2519.90", "description": "Dead-burned magnesia"})"),
       TradeDecision::kBlock, "un-dprk-2397-op6-exports",
       "S/RES/2397 (2017), OP6", TradeDecision::kBlock, ""},
      {"Steel bars to KP (HS 72-83)",
       Goods(to_kp, R"({"hs": "7214.20", "description": "Steel rebar"})"),
       TradeDecision::kBlock, "un-dprk-2397-op7-supplies",
       "S/RES/2397 (2017), OP7", TradeDecision::kBlock, ""},
      {"New helicopter to KP",
       Goods(to_kp, R"({"hs": "8802.12", "description": "Helicopter, new"})"),
       TradeDecision::kBlock, "un-dprk-2321-op30-helicopters-vessels",
       "S/RES/2321 (2016), OP30", TradeDecision::kBlock, ""},
      {"Jet fuel to KP",
       Goods(
           to_kp,
           R"({"hs": "2710.19", "description": "Jet A-1 aviation kerosene"})"),
       TradeDecision::kBlock, "un-dprk-2270-op31-aviation-fuel",
       "S/RES/2270 (2016), OP31", TradeDecision::kBlock, ""},
      {"Condensate to KP",
       Goods(to_kp,
             R"({"hs": "2709.00", "description": "Natural gas condensate"})"),
       TradeDecision::kBlock, "un-dprk-2375-op13-condensates-ngl",
       "S/RES/2375 (2017), OP13", TradeDecision::kBlock, ""},
      {"Yacht to KP (luxury goods)",
       Goods(to_kp, R"({"hs": "8903.92", "description": "Motor yacht"})"),
       TradeDecision::kBlock, "un-dprk-1718-op8-luxury",
       "S/RES/1718 (2006), OP8(a)(iii)", TradeDecision::kBlock, ""},
      {"Rifles to KP (arms)",
       Goods(to_kp, R"({"hs": "9303.30", "description": "Hunting rifles"})"),
       TradeDecision::kBlock, "un-dprk-1718-op8-arms",
       "S/RES/1718 (2006), OP8(a)(i) and OP8(b)", TradeDecision::kBlock, ""},
      // Caps are reported as review, reportable to the 1718 Committee.
      {"Diesel to KP: capped, review",
       Goods(
           to_kp,
           R"({"hs": "2710.19", "description": "Diesel fuel", "quantity": 9000, "unit": "bbl"})"),
       TradeDecision::kReview, "un-dprk-2397-op5-refined-petroleum",
       "S/RES/2397 (2017), OP5", TradeDecision::kReview, ""},
      {"Crude oil to KP: capped, review",
       Goods(to_kp, R"({"hs": "2709.00", "description": "Crude oil"})"),
       TradeDecision::kReview, "un-dprk-2397-op4-crude-oil",
       "S/RES/2397 (2017), OP4", TradeDecision::kReview, ""},
      // Humanitarian goods covered by an exemption: the outcome the rule
      // states (review: the Committee's approval must be checked).
      {"Water pumps to KP with a humanitarian exemption",
       Goods(
           to_kp, R"({"hs": "8413.70", "description": "Water pumps"})",
           R"(, "claims": [{"type": "humanitarian", "reference": "1718C approval 2026/031"}])"),
       TradeDecision::kReview, "un-dprk-2397-op7-supplies",
       "S/RES/2397 (2017), OP7", TradeDecision::kReview,
       "un-dprk-humanitarian-exemption"},
      {"Water pumps to KP without the exemption",
       Goods(to_kp, R"({"hs": "8413.70", "description": "Water pumps"})"),
       TradeDecision::kBlock, "un-dprk-2397-op7-supplies",
       "S/RES/2397 (2017), OP7", TradeDecision::kBlock, ""},
      {"Aircraft spare parts for a Tu-204 under the OP7 exception",
       Goods(
           to_kp,
           R"({"hs": "8807.30", "description": "Spare parts for Tu-204-100B", "claims": ["civil_aircraft_spare_parts"]})"),
       TradeDecision::kReview, "un-dprk-2397-op7-supplies",
       "S/RES/2397 (2017), OP7", TradeDecision::kReview,
       "un-dprk-2397-op7-civil-aircraft-parts"},
      // Russian coal through Rajin: the exception that survived 2371.
      {"Third-country coal exported through Rajin",
       Goods(R"({"origin": "RU", "loading": "Rajin", "discharge": "CNSHA"})",
             R"({"hs": "2701.12", "description": "Steam coal"})"),
       TradeDecision::kReview, "un-dprk-2371-op8-coal-iron",
       "S/RES/2371 (2017), OP8", TradeDecision::kReview,
       "un-dprk-2371-op8-rajin-transit"},
      // The livelihood exemption of that time: 2016 yes, after 2017-08-05 no.
      {"2016: coal from KP claimed for livelihood",
       Goods(
           from_kp,
           R"({"hs": "2701.12", "description": "Anthracite", "claims": ["livelihood"]})",
           "", "2016-06-01"),
       TradeDecision::kReview, "un-dprk-2270-op29-coal-iron",
       "S/RES/2270 (2016), OP29", TradeDecision::kReview,
       "un-dprk-2270-op29b-livelihood"},
      {"2017 (before 2371): coal from KP under the 2321 cap",
       Goods(from_kp, R"({"hs": "2701.12", "description": "Anthracite"})", "",
             "2017-03-01"),
       TradeDecision::kReview, "un-dprk-2321-op26-coal-iron",
       "S/RES/2321 (2016), OP26", TradeDecision::kReview, ""},
      {"2026: the same livelihood claim no longer exempts",
       Goods(
           from_kp,
           R"({"hs": "2701.12", "description": "Anthracite", "claims": ["livelihood"]})"),
       TradeDecision::kBlock, "un-dprk-2371-op8-coal-iron",
       "S/RES/2371 (2017), OP8", TradeDecision::kBlock, ""},
      // A DPRK-flagged vessel carries goods "from" the DPRK wherever loaded.
      {"Seafood carried by a DPRK-flagged vessel",
       R"({"date": "2026-11-20", "vessel": {"name": "UNLISTED TEST VESSEL", "imo": "9000003", "flag": "KP"},
           "route": {"loading": "RUVVO", "discharge": "CNDLC"},
           "goods": [{"hs": "0303.67", "description": "Frozen pollock"}]})",
       TradeDecision::kBlock, "un-dprk-2371-op9-seafood",
       "S/RES/2371 (2017), OP9", TradeDecision::kBlock, ""},
      {"Ship-to-ship transfer with a DPRK-flagged tanker",
       R"({"date": "2026-11-20", "vessel": {"name": "UNLISTED TEST VESSEL", "imo": "9000003", "flag": "PA",
           "ship_to_ship": [{"name": "UNLISTED PARTNER", "flag": "North Korea"}]},
           "route": {"loading": "SGSIN", "discharge": "CNSHA"},
           "goods": [{"hs": "2710.19", "description": "Diesel fuel"}]})",
       TradeDecision::kBlock, "un-dprk-2375-op11-ship-to-ship",
       "S/RES/2375 (2017), OP11", TradeDecision::kBlock, ""},
  };
  for (const RuleCase& c : cases) {
    SCOPED_TRACE(c.name);
    TradeResult r = Check(c.shipment);
    EXPECT_EQ(r.decision, c.decision) << r.ToMarkdown();
    const TradeReason* reason = Cited(r, c.rule_id);
    ASSERT_NE(reason, nullptr) << r.ToMarkdown();
    EXPECT_EQ(reason->citation, c.citation);
    EXPECT_EQ(reason->decision, c.rule_decision) << r.ToMarkdown();
    EXPECT_EQ(reason->exemption_id, c.exemption_id) << r.ToMarkdown();
  }
}

TEST_F(TradeCasesTest, CapIsReportableNotBlocking) {
  TradeResult r = Check(Goods(
      R"({"loading": "CNDLC", "discharge": "KPNAM"})",
      R"({"hs": "2710.19", "description": "Diesel", "quantity": 600000, "unit": "bbl"})"));
  const TradeReason* cap = Cited(r, "un-dprk-2397-op5-refined-petroleum");
  ASSERT_NE(cap, nullptr);
  EXPECT_EQ(cap->decision, TradeDecision::kReview);
  EXPECT_NE(cap->summary.find("review — reportable to the 1718 Committee"),
            std::string::npos)
      << cap->summary;
  EXPECT_NE(cap->summary.find(
                "this line alone (600000 bbl) exceeds the cap of 500000 bbl"),
            std::string::npos)
      << cap->summary;
  EXPECT_EQ(r.decision, TradeDecision::kReview);
}

TEST_F(TradeCasesTest, NoLinkToTheDprkMeansNoRule) {
  // Coal from Australia to Japan: no DPRK link, no rule, no reason.
  TradeResult r = Check(
      Goods(R"({"origin": "AU", "loading": "AUNTL", "discharge": "JPYOK"})",
            R"({"hs": "2701.12", "description": "Steam coal"})"));
  EXPECT_EQ(r.decision, TradeDecision::kClear) << r.ToMarkdown();
  EXPECT_TRUE(r.reasons.empty()) << r.ToMarkdown();
}

TEST_F(TradeCasesTest, DescriptionContradictingTheCodeIsReviewed) {
  // Declared as cars, described as anthracite: HS screening still runs (no
  // rule for cars leaving the DPRK), the description hits the coal ban, and
  // the contradiction itself is flagged.
  TradeResult r = Check(
      Goods(R"({"loading": "KPNAM", "discharge": "CNDLC", "origin": "KP"})",
            R"({"hs": "8703.23", "description": "Anthracite coal"})"));
  EXPECT_EQ(r.decision, TradeDecision::kBlock);
  const TradeReason* contradiction = nullptr;
  for (const TradeReason& reason : r.reasons)
    if (reason.type == "description") contradiction = &reason;
  ASSERT_NE(contradiction, nullptr) << r.ToMarkdown();
  EXPECT_EQ(contradiction->decision, TradeDecision::kReview);
  EXPECT_EQ(
      contradiction->summary,
      "the description 'Anthracite coal' does not agree with the declared "
      "HS 8703.23");
  ASSERT_NE(Cited(r, "un-dprk-2371-op8-coal-iron"), nullptr);

  // A description that agrees raises nothing.
  TradeResult ok =
      Check(Goods(R"({"loading": "CNDLC", "discharge": "JPTYO"})",
                  R"({"hs": "8429.52", "description": "Crawler excavator"})"));
  EXPECT_EQ(ok.decision, TradeDecision::kClear) << ok.ToMarkdown();
}

TEST_F(TradeCasesTest, VesselImoOnOfacBlocksWhateverItsName) {
  // OFAC SDN ent 17069 CHONG CHON GANG, "Vessel Registration Identification
  // IMO 7937317", sailing under another name.
  TradeResult r = Check(R"({"date": "2026-11-20",
      "vessel": {"name": "OCEAN GLORY", "imo": "IMO 7937317", "flag": "Sierra Leone"},
      "route": {"loading": "CNSHA", "discharge": "RUVVO"},
      "goods": [{"hs": "3923.21", "description": "Polyethylene bags"}]})");
  EXPECT_EQ(r.decision, TradeDecision::kBlock);
  const TradeReason* hit = MatchOf(r, "ofac-17069");
  ASSERT_NE(hit, nullptr) << r.ToMarkdown();
  EXPECT_EQ(hit->decision, TradeDecision::kBlock);
  EXPECT_EQ(hit->subject, "vessel");
  EXPECT_EQ(hit->match->listed_name, "CHONG CHON GANG");
  EXPECT_EQ(hit->match->list, "ofac_sdn");
  EXPECT_GE(hit->match->score, 0.99);
  EXPECT_EQ(hit->basis[0], "imo 7937317 matches exactly");
}

TEST_F(TradeCasesTest, OwnerImoCompanyNumberOnTheUnListBlocks) {
  // UN KPe.020 Ocean Maritime Management Company, Limited: "International
  // Maritime Organization (IMO) Number: 1790183" (its company number).
  TradeResult r = Check(R"({"date": "2026-11-20",
      "vessel": {"name": "UNLISTED TEST VESSEL", "imo": "9000003",
                 "owner": {"name": "Sea Star Holdings", "identifiers": {"imo": "1790183"}}},
      "route": {"loading": "CNSHA", "discharge": "RUVVO"}})");
  EXPECT_EQ(r.decision, TradeDecision::kBlock);
  const TradeReason* hit = MatchOf(r, "un-KPe.020");
  ASSERT_NE(hit, nullptr) << r.ToMarkdown();
  EXPECT_EQ(hit->subject, "vessel.owner");
  EXPECT_EQ(hit->match->list, "un_sc");
}

TEST_F(TradeCasesTest, FormerVesselNameIsScreened) {
  TradeResult r = Check(R"({"date": "2026-11-20",
      "vessel": {"name": "NEW NAME 1", "former_names": ["KUM UN SAN 3"]}})");
  const TradeReason* hit = MatchOf(r, "ofac-23163");
  ASSERT_NE(hit, nullptr) << r.ToMarkdown();
  EXPECT_EQ(hit->subject, "vessel.former_names[0]");
  EXPECT_EQ(hit->decision, TradeDecision::kBlock);
}

TEST_F(TradeCasesTest, InvalidImoCheckDigitIsReviewed) {
  // 7937318 differs from the listed 7937317 only in the check digit.
  TradeResult r = Check(R"({"date": "2026-11-20",
      "vessel": {"name": "UNLISTED TEST VESSEL", "imo": "7937318"}})");
  ASSERT_FALSE(r.reasons.empty());
  EXPECT_EQ(r.reasons[0].subject, "vessel.imo");
  EXPECT_EQ(r.reasons[0].decision, TradeDecision::kReview);
  EXPECT_EQ(r.decision, TradeDecision::kReview) << r.ToMarkdown();
}

TEST_F(TradeCasesTest, RomanizationVariantOfDesignatedEntity) {
  // UN KPe.002 KOREA RYONBONG GENERAL CORPORATION, written in Revised
  // Romanization (Ryeonbong) with a short legal form.
  TradeResult r = Check(R"({"date": "2026-11-20",
      "parties": [{"name": "Korea Ryeonbong General Corp", "role": "consignee", "country": "CN"}]})");
  EXPECT_NE(r.decision, TradeDecision::kClear);
  const TradeReason* hit = MatchOf(r, "un-KPe.002");
  ASSERT_NE(hit, nullptr) << r.ToMarkdown();
  EXPECT_EQ(hit->type, "party");
  EXPECT_EQ(hit->subject, "parties[0]");
  EXPECT_TRUE(hit->decision == TradeDecision::kBlock ||
              hit->decision == TradeDecision::kReview);
  EXPECT_NE(hit->match->explanation.find("ryeonbong=ryonbong(romanization"),
            std::string::npos)
      << hit->match->explanation;
}

TEST_F(TradeCasesTest, UsEmbargoes) {
  struct UsCase {
    const char* name;
    std::string shipment;
    TradeDecision decision;
    const char* rule_id;
    TradeDecision rule_decision;
    const char* exemption_id;
  } cases[] = {
      {"Machinery to Havana",
       Goods(R"({"loading": "ESVLC", "discharge": "CUHAV"})",
             R"({"hs": "8429.52", "description": "Excavator"})"),
       TradeDecision::kBlock, "us-cuba-cacr", TradeDecision::kBlock, ""},
      {"Wine from Sevastopol",
       Goods(R"({"loading": "Sevastopol", "discharge": "TRIST"})",
             R"({"hs": "2204.21", "description": "Red wine"})"),
       TradeDecision::kBlock, "us-crimea-eo13685", TradeDecision::kBlock, ""},
      {"Coal from Donetsk",
       Goods(R"({"origin": "Donetsk", "discharge": "TRIST"})",
             R"({"hs": "2701.12", "description": "Anthracite"})"),
       TradeDecision::kBlock, "us-dnr-lnr-eo14065", TradeDecision::kBlock, ""},
      {"Pumps to Mariupol: boundary undefined",
       Goods(R"({"loading": "TRIST", "discharge": "Mariupol"})",
             R"({"hs": "8413.70", "description": "Pumps"})"),
       TradeDecision::kReview, "us-donbas-other-review", TradeDecision::kReview,
       ""},
      {"Books to Iran: informational materials",
       Goods(R"({"loading": "DEHAM", "discharge": "IRBND"})",
             R"({"hs": "4901.99", "description": "Printed books"})"),
       TradeDecision::kClear, "us-iran-itsr-exports", TradeDecision::kClear,
       "us-informational-materials"},
      {"Medicine to Iran under the general license",
       Goods(
           R"({"loading": "DEHAM", "discharge": "IRBND"})",
           R"({"hs": "3004.90", "description": "Medicaments", "claims": ["agricultural_medical"]})"),
       TradeDecision::kReview, "us-iran-itsr-exports", TradeDecision::kReview,
       "us-iran-agricultural-medical"},
      {"Syria before 1 July 2025",
       Goods(R"({"loading": "DEHAM", "discharge": "SYLTK"})",
             R"({"hs": "8413.70", "description": "Pumps"})", "", "2025-06-30"),
       TradeDecision::kBlock, "us-syria-eo13582", TradeDecision::kBlock, ""},
      {"Syria from 1 July 2025",
       Goods(R"({"loading": "DEHAM", "discharge": "SYLTK"})",
             R"({"hs": "8413.70", "description": "Pumps"})", "", "2025-07-01"),
       TradeDecision::kReview, "us-syria-export-controls",
       TradeDecision::kReview, ""},
      // EAR99 food needed no licence to Syria (15 CFR 746.9(a)): reviewed.
      {"Wheat to Syria before 1 July 2025",
       Goods(R"({"loading": "DEHAM", "discharge": "SYLTK"})",
             R"({"hs": "1001.99", "description": "Milling wheat"})", "",
             "2025-06-30"),
       TradeDecision::kReview, "us-syria-eo13582", TradeDecision::kReview,
       "us-syria-food-medicine"},
      // Executive Order 13582 banned the import of Syrian petroleum, not of
      // every Syrian good: olive oil from Latakia is reviewed (the Government
      // of Syria's property was blocked), crude oil is blocked.
      {"Syrian crude oil before 1 July 2025",
       Goods(R"({"loading": "SYLTK", "discharge": "ITAUG", "origin": "SY"})",
             R"({"hs": "2709.00", "description": "Crude petroleum oil"})", "",
             "2025-06-30"),
       TradeDecision::kBlock, "us-syria-sysr-petroleum", TradeDecision::kBlock,
       ""},
      {"Syrian olive oil before 1 July 2025",
       Goods(R"({"loading": "SYLTK", "discharge": "ITAUG", "origin": "SY"})",
             R"({"hs": "1509.20", "description": "Extra virgin olive oil"})",
             "", "2025-06-30"),
       TradeDecision::kReview, "us-syria-sysr-imports-review",
       TradeDecision::kReview, ""},
  };
  for (const UsCase& c : cases) {
    SCOPED_TRACE(c.name);
    TradeResult r = Check(c.shipment, /*all_rules=*/true);
    EXPECT_EQ(r.decision, c.decision) << r.ToMarkdown();
    const TradeReason* reason = Cited(r, c.rule_id);
    ASSERT_NE(reason, nullptr) << r.ToMarkdown();
    EXPECT_EQ(reason->decision, c.rule_decision) << r.ToMarkdown();
    EXPECT_EQ(reason->exemption_id, c.exemption_id);
  }
}

TEST_F(TradeCasesTest, LuxuryThresholdsUseTheValuePerItem) {
  const std::string to_kp = R"({"loading": "CNDLC", "discharge": "KPNAM"})";
  TradeResult cheap = Check(Goods(
      to_kp,
      R"({"hs": "5701.10", "description": "Wool rug", "quantity": 10, "unit": "pcs", "value": 3000})"));
  EXPECT_EQ(Cited(cheap, "un-dprk-1718-op8-luxury"), nullptr)
      << cheap.ToMarkdown();
  EXPECT_EQ(cheap.decision,
            TradeDecision::kReview);  // the 2270 OP18 inspection
  TradeResult dear = Check(Goods(
      to_kp,
      R"({"hs": "5701.10", "description": "Wool rug", "quantity": 10, "unit": "pcs", "value": 9000})"));
  const TradeReason* lux = Cited(dear, "un-dprk-1718-op8-luxury");
  ASSERT_NE(lux, nullptr) << dear.ToMarkdown();
  EXPECT_EQ(lux->decision, TradeDecision::kBlock);
  TradeResult unknown =
      Check(Goods(to_kp, R"({"hs": "5701.10", "description": "Wool rug"})"));
  const TradeReason* maybe = Cited(unknown, "un-dprk-1718-op8-luxury");
  ASSERT_NE(maybe, nullptr);
  EXPECT_EQ(maybe->decision, TradeDecision::kReview);
}

TEST_F(TradeCasesTest, CleanShipmentIsClear) {
  TradeResult r = Check(R"({"date": "2026-11-18",
      "parties": [{"name": "Northwind Components BV", "role": "seller", "country": "NL"},
                  {"name": "Kestrel Systems Inc", "role": "buyer", "country": "US"}],
      "vessel": {"name": "MAERSK ESSEN", "imo": "9456771", "flag": "Denmark"},
      "route": {"loading": "NLRTM", "discharge": "USNYC", "origin": "NL"},
      "goods": [{"hs": "8471.30", "description": "Portable computers"}]})",
                        true);
  EXPECT_EQ(r.decision, TradeDecision::kClear) << r.ToMarkdown();
  EXPECT_TRUE(r.reasons.empty());
  EXPECT_TRUE(r.notes.empty()) << r.ToMarkdown();
}

TEST_F(TradeCasesTest, ShippedExamplesKeepTheirDecisions) {
  struct Example {
    const char* file;
    TradeDecision un_only;
    TradeDecision all;
  } examples[] = {
      {"dprk_coal_via_dalian.json", TradeDecision::kBlock,
       TradeDecision::kBlock},
      {"tanker_sts_diesel.json", TradeDecision::kBlock, TradeDecision::kBlock},
      {"humanitarian_water_pumps.json", TradeDecision::kReview,
       TradeDecision::kBlock},
      {"vessel_renamed.json", TradeDecision::kBlock, TradeDecision::kBlock},
      {"electronics_clear.json", TradeDecision::kClear, TradeDecision::kClear},
  };
  for (const Example& e : examples) {
    SCOPED_TRACE(e.file);
    std::ifstream in(kSource + "/examples/shipments/" + e.file);
    ASSERT_TRUE(in) << e.file;
    std::stringstream buf;
    buf << in.rdbuf();
    EXPECT_EQ(Check(buf.str()).decision, e.un_only);
    EXPECT_EQ(Check(buf.str(), true).decision, e.all);
  }
}

TEST_F(TradeCasesTest, JsonResultIsTheDocumentedShape) {
  TradeResult r =
      Check(Goods(R"({"loading": "KPNAM", "origin": "KP"})",
                  R"({"hs": "2701.12", "description": "Anthracite"})"));
  auto j = nlohmann::json::parse(r.ToJson());
  EXPECT_EQ(j["decision"], "block");
  bool found = false;
  for (const auto& reason : j["reasons"])
    if (reason.contains("rule") &&
        reason["rule"]["id"] == "un-dprk-2371-op8-coal-iron") {
      found = true;
      EXPECT_EQ(reason["rule"]["citation"], "S/RES/2371 (2017), OP8");
      // As rules/un_dprk.json says: OP8 was read cited by number (2375 OP18).
      EXPECT_EQ(reason["rule"]["citation_confidence"], "high");
      EXPECT_EQ(reason["decision"], "block");
      EXPECT_EQ(reason["subject"], "goods[0]");
    }
  EXPECT_TRUE(found) << j.dump(2);
  EXPECT_EQ(j["as_of"], "2026-11-20");
}

}  // namespace
}  // namespace embargo
