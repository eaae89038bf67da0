#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "embargo/lists.h"
#include "sources/loader_test_util.h"
#include "sources/loaders.h"

namespace embargo::internal {
namespace {

const std::string kCsl =
    std::string(EMBARGO_SHARED_DATA) + "/us_csl/2022-05-16/consolidated.csv.gz";
const std::string kCslFixtures =
    std::string(EMBARGO_SOURCE_DIR) + "/tests/fixtures/csl/";

// The real list is loaded once for the suite: it takes about a second.
class CslRealTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto list = LoadList(kCsl);  // detected from the gzip's header row
    ASSERT_TRUE(list.ok()) << list.status().ToString();
    list_ = new EntityList(std::move(*list));
  }
  static void TearDownTestSuite() {
    delete list_;
    list_ = nullptr;
  }
  static const EntityList* list_;
};
const EntityList* CslRealTest::list_ = nullptr;

TEST_F(CslRealTest, CountsPerSourceAndKind) {
  ASSERT_NE(list_, nullptr);
  EXPECT_EQ(list_->info.name, "us_csl");
  EXPECT_EQ(list_->info.format, "csl");
  EXPECT_EQ(list_->info.files, std::vector<std::string>{kCsl});
  EXPECT_TRUE(list_->info.published.empty());  // the file states none
  // 14,160 rows; 183 of them share 71 _ids (the same subject on SDN and SSI
  // or CAP, and one CAP row printed twice), so 112 rows fold into others.
  EXPECT_EQ(list_->entities.size(), 14048u);
  EXPECT_TRUE(Has(list_->info.warnings,
                  kCsl + ": 112 rows repeat the _id of an earlier row (the "
                         "same subject on another source list); merged into "
                         "that row's entity (71 ids)"));
  std::map<std::string, int> by_source;
  std::map<EntityKind, int> by_kind;
  for (const Entity& e : list_->entities) {
    ++by_kind[e.kind];
    for (const Program& p : e.programs)
      if (!p.name.empty()) ++by_source[p.code];
  }
  // PROVENANCE.md section 4, except CAP: its 53 rows hold _id 15268 twice.
  std::map<std::string, int> expected = {
      {"SDN", 10026}, {"EL", 2001},   {"DTC", 727}, {"DPL", 462}, {"SSI", 290},
      {"UVL", 201},   {"ISN", 163},   {"PLC", 78},  {"MEU", 71},  {"CMIC", 68},
      {"CAP", 52},    {"NS-MBS", 17}, {"FSE", 3}};
  EXPECT_EQ(by_source, expected);
  EXPECT_EQ(by_kind[EntityKind::kPerson], 5284);
  EXPECT_EQ(by_kind[EntityKind::kOrganization], 8048);  // 4,423 + 3,625 untyped
  EXPECT_EQ(by_kind[EntityKind::kVessel], 433);
  EXPECT_EQ(by_kind[EntityKind::kAircraft], 283);
}

TEST_F(CslRealTest, ImplausibleStartDatesAreWarnedNotFatal) {
  ASSERT_NE(list_, nullptr);
  EXPECT_TRUE(Has(list_->info.warnings,
                  kCsl +
                      ":9906: record 06b13b0b369d79eb1546734695f9d231732cee0f"
                      ": field start_date: implausible date '0017-05-26' "
                      "ignored"));
  const Entity* e =
      Find(*list_, "csl-06b13b0b369d79eb1546734695f9d231732cee0f");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->primary_name(), "Oriental Engineers");
  EXPECT_TRUE(e->listed_on.empty());
}

TEST_F(CslRealTest, SdnDprkIndividual) {
  ASSERT_NE(list_, nullptr);
  const Entity* e = Find(*list_, "csl-19791");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntityKind::kPerson);
  ASSERT_EQ(e->names.size(), 4u);
  EXPECT_EQ(e->names[0].full, "CHO, Il-U");
  EXPECT_EQ(e->names[0].type, NameType::kPrimary);
  EXPECT_EQ(e->names[0].parts.family, "CHO");
  EXPECT_EQ(e->names[0].parts.given, "Il-U");
  EXPECT_EQ(e->names[1].full, "CHO, Il Woo");
  EXPECT_EQ(e->names[2].full, "CHO, Ch'o'l");
  EXPECT_EQ(e->names[3].full, "JO, Chol");
  EXPECT_EQ(e->names[3].type, NameType::kAka);
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].ToString(), "1945-05-10");
  EXPECT_EQ(
      e->birth_places,
      std::vector<std::string>{"Musan, North Hamgyo'ng Province, North Korea"});
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"KP"});
  EXPECT_EQ(e->positions,
            std::vector<std::string>{
                "Director of the Fifth Bureau of the Reconnaissance General "
                "Bureau"});
  ASSERT_EQ(e->identifiers.size(), 1u);
  EXPECT_EQ(e->identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(e->identifiers[0].value, "736410010");
  EXPECT_EQ(e->identifiers[0].country, "KP");
  EXPECT_EQ(e->identifiers[0].label, "Passport");
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].country, "KP");
  ASSERT_EQ(e->programs.size(), 2u);
  EXPECT_EQ(e->programs[0].code, "SDN");
  EXPECT_EQ(e->programs[0].name,
            "Specially Designated Nationals (SDN) - Treasury Department");
  EXPECT_EQ(e->programs[1].code, "DPRK2");
  EXPECT_TRUE(Has(e->remarks,
                  "Secondary sanctions risk: North Korea Sanctions "
                  "Regulations, sections 510.201 and 510.210"));
  EXPECT_EQ(e->source_urls,
            (std::vector<std::string>{"http://bit.ly/1I7ipyR",
                                      "http://bit.ly/1MLgpye"}));
  EXPECT_EQ(e->provenance.list, "us_csl");
  EXPECT_EQ(e->provenance.record_id, "19791");
  EXPECT_EQ(e->provenance.file, kCsl);
  EXPECT_EQ(e->provenance.line, 2828u);
}

TEST_F(CslRealTest, EntityListRecordAddress) {
  ASSERT_NE(list_, nullptr);
  const Entity* e =
      Find(*list_, "csl-4e2be5bc7dadc309486b256e1920663772b0c28c");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->primary_name(), "Academy of Military Medical Sciences");
  EXPECT_EQ(e->kind, EntityKind::kOrganization);  // EL rows have no type
  ASSERT_EQ(e->names.size(), 2u);
  EXPECT_EQ(e->names[1].full, "AMMS");
  ASSERT_EQ(e->addresses.size(), 1u);
  const Address& a = e->addresses[0];
  EXPECT_EQ(a.country, "CN");
  EXPECT_EQ(a.postal_code, "100850");
  EXPECT_EQ(a.city, "Beijing");
  EXPECT_EQ(a.street, "27 Taiping Road, Haidian District");
  EXPECT_EQ(a.full, "27 Taiping Road, Haidian District, Beijing, 100850, CN");
  EXPECT_EQ(e->listed_on.ToString(), "2021-12-17");
  ASSERT_EQ(e->programs.size(), 1u);
  EXPECT_EQ(e->programs[0].code, "EL");
  EXPECT_TRUE(Has(e->remarks, "Federal Register notice: 86 FR 71557"));
  EXPECT_TRUE(Has(e->remarks, "License policy: Presumption of denial."));
  EXPECT_EQ(e->provenance.line, 1615u);
}

TEST_F(CslRealTest, VesselAndAircraftFields) {
  ASSERT_NE(list_, nullptr);
  const Entity* v = Find(*list_, "csl-15052");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->kind, EntityKind::kVessel);
  EXPECT_EQ(v->primary_name(), "AMBER");
  ASSERT_EQ(v->names.size(), 3u);
  EXPECT_EQ(v->names[2].full, "FREEDOM");
  EXPECT_EQ(v->vessel.type, "Crude Oil Tanker");
  EXPECT_EQ(v->vessel.tonnage, "317356");
  EXPECT_EQ(v->vessel.gross_registered_tonnage, "163660");
  EXPECT_EQ(v->vessel.flag, "PA");
  EXPECT_EQ(v->vessel.flag_text, "Panama");
  ASSERT_EQ(v->identifiers.size(), 3u);
  EXPECT_EQ(v->identifiers[0].kind, IdKind::kCallSign);
  EXPECT_EQ(v->identifiers[0].value, "5IM 597");
  EXPECT_EQ(v->identifiers[1].kind, IdKind::kImo);
  EXPECT_EQ(v->identifiers[1].value, "9357406");
  EXPECT_EQ(v->identifiers[2].kind, IdKind::kMmsi);
  EXPECT_EQ(v->identifiers[2].value, "677049700");
  EXPECT_TRUE(Has(v->remarks, "Former Vessel Flag: Tanzania"));
  EXPECT_TRUE(Has(v->remarks, "(Linked To: NATIONAL IRANIAN TANKER COMPANY)"));

  const Entity* a = Find(*list_, "csl-35302");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, EntityKind::kAircraft);
  EXPECT_EQ(a->aircraft.model, "Airbus A340-300");
  EXPECT_EQ(a->aircraft.build_date, "17 Sep 2008");
  ASSERT_EQ(a->identifiers.size(), 2u);
  EXPECT_EQ(a->identifiers[0].kind, IdKind::kTailNumber);
  EXPECT_EQ(a->identifiers[0].value, "M-IABU");
  EXPECT_EQ(a->identifiers[1].kind, IdKind::kAircraftSerial);
  EXPECT_EQ(a->identifiers[1].value, "955");
}

TEST_F(CslRealTest, SubjectOnThreeSourceListsIsOneEntity) {
  ASSERT_NE(list_, nullptr);
  const Entity* e = Find(*list_, "csl-18725");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->primary_name(), "BANCO VTB AFRICA SA");
  std::vector<std::string> codes;
  for (const Program& p : e->programs) codes.push_back(p.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"CAP", "UKRAINE-EO13662",
                                             "RUSSIA-EO14024", "SDN", "SSI"}));
  EXPECT_EQ(e->provenance.line, 1950u);  // the first of its three rows
}

TEST(CslTest, SampleFixtureMergesRowsAndParsesIds) {
  std::string path = kCslFixtures + "sample.csv";
  auto list = LoadList("csl:" + path);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->entities.size(), 2u);
  const Entity& p = list->entities[0];
  EXPECT_EQ(p.id, "csl-100");
  EXPECT_EQ(p.gender, Gender::kMale);
  ASSERT_EQ(p.birth_dates.size(), 2u);
  EXPECT_EQ(p.birth_dates[0].ToString(), "1960-02-29");
  EXPECT_TRUE(p.birth_dates[1].circa);
  EXPECT_EQ(p.listed_on.ToString(), "2014-09-12");  // the earlier of the two
  ASSERT_EQ(p.identifiers.size(), 2u);  // the repeated passport once
  EXPECT_EQ(p.identifiers[0].value, "123456789");
  EXPECT_EQ(p.identifiers[0].notes, "issued 2015-01-02, expires 2020-01-01");
  EXPECT_EQ(p.identifiers[1].kind, IdKind::kTaxId);
  EXPECT_EQ(p.identifiers[1].country, "RU");
  ASSERT_EQ(p.addresses.size(), 2u);
  EXPECT_EQ(p.addresses[1].city, "Moscow");
  EXPECT_EQ(p.addresses[1].country, "RU");
  std::vector<std::string> codes;
  for (const Program& prog : p.programs) codes.push_back(prog.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"SDN", "DPRK3", "DPRK4", "SSI",
                                             "UKRAINE-EO13662"}));
  EXPECT_EQ(p.source_urls,
            (std::vector<std::string>{"http://example.org/sdn",
                                      "http://example.org/info",
                                      "http://example.org/ssi"}));
  EXPECT_EQ(list->info.warnings,
            std::vector<std::string>{
                path + ": 1 rows repeat the _id of an earlier row (the same "
                       "subject on another source list); merged into that "
                       "row's entity (1 ids)"});
}

TEST(CslTest, MissingRequiredColumn) {
  std::string path = kCslFixtures + "missing_name.csv";
  auto list = LoadList("csl:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            path + ":1: header: required column 'name' is missing");
}

TEST(CslTest, TruncatedFile) {
  std::string path = kCslFixtures + "truncated.csv";
  auto list = LoadList("csl:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path + ":3: quoted field never closed (file truncated?)");
}

TEST(CslTest, EmptyFile) {
  std::string path = kCslFixtures + "empty.csv";
  auto list = LoadList("csl:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path + ": the file is empty (no header row)");
}

TEST(CslTest, DuplicateIdWithAnotherNameIsAnError) {
  std::string path = kCslFixtures + "conflicting_id.csv";
  auto list = LoadList("csl:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path +
                ":3: record 100: field name: 'KIM, Other Person' differs "
                "from 'KIM, Test Person' given for the same _id on line 2");
}

TEST(CslTest, InvalidUtf8NamesLineAndField) {
  std::string path = kCslFixtures + "bad_utf8.csv";
  auto list = LoadList("csl:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path +
                ":3: record def456: field name: invalid UTF-8 (byte 0xE9 "
                "at offset 4)");
}

}  // namespace
}  // namespace embargo::internal
