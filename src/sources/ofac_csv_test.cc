#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

#include "embargo/lists.h"
#include "sources/loader_test_util.h"
#include "sources/loaders.h"

namespace embargo::internal {
namespace {

namespace fs = std::filesystem;

const std::string kData = EMBARGO_SHARED_DATA;
const std::string kSdn2021 = kData + "/ofac_sdn/2021-07-07";
const std::string kSdn2024 = kData + "/ofac_sdn/2024-05-03/sdn.csv";
const std::string kCons2025 = kData + "/ofac_consolidated/2025-12-19";
const std::string kFixture =
    std::string(EMBARGO_SOURCE_DIR) + "/tests/fixtures/ofac_csv/set";

int CountNames(const EntityList& list, NameQuality quality) {
  int n = 0;
  for (const Entity& e : list.entities)
    for (size_t i = 1; i < e.names.size(); ++i)
      if (e.names[i].quality == quality) ++n;
  return n;
}

const Identifier* FindId(const Entity& e, IdKind kind) {
  for (const Identifier& id : e.identifiers)
    if (id.kind == kind) return &id;
  return nullptr;
}

bool HasRemark(const Entity& e, const std::string& text) {
  return std::find(e.remarks.begin(), e.remarks.end(), text) != e.remarks.end();
}

// The 2021-07-07 set is loaded once: it is the slowest input here.
const EntityList& Sdn2021() {
  static const EntityList* list = [] {
    auto r = LoadOfacCsv(kSdn2021 + "/sdn.csv");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return new EntityList(r.ok() ? std::move(*r) : EntityList());
  }();
  return *list;
}

TEST(OfacCsvTest, Sdn20210707CountsEntriesKindsAndAliases) {
  const EntityList& list = Sdn2021();
  EXPECT_EQ(list.info.name, "ofac_sdn");
  EXPECT_EQ(list.info.format, "ofac_csv");
  EXPECT_EQ(list.info.files,
            (std::vector<std::string>{
                kSdn2021 + "/sdn.csv", kSdn2021 + "/alt.csv",
                kSdn2021 + "/add.csv", kSdn2021 + "/sdn_comments.csv"}));
  ASSERT_EQ(list.entities.size(), 8976u);
  EXPECT_EQ(CountKind(list, EntityKind::kPerson), 4620);
  EXPECT_EQ(CountKind(list, EntityKind::kOrganization), 3673);
  EXPECT_EQ(CountKind(list, EntityKind::kVessel), 406);
  EXPECT_EQ(CountKind(list, EntityKind::kAircraft), 277);
  // alt.csv holds OFAC's strong aliases; the weak ones are in the remarks
  // and none of them repeats an alt.csv name.
  EXPECT_EQ(CountNames(list, NameQuality::kStrong), 11910);
  EXPECT_EQ(CountNames(list, NameQuality::kWeak), 2442);
  // The set is consistent: every companion row finds its entry.
  for (const std::string& w : list.info.warnings)
    EXPECT_EQ(w.find("ent_num not in"), std::string::npos) << w;
  EXPECT_EQ(list.info.unknown_fields.at("Remarks (unparsed segment)"), 252u);
}

TEST(OfacCsvTest, Sdn20210707DprkVessel) {
  const Entity* e = Find(Sdn2021(), "ofac-17069");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->primary_name(), "CHONG CHON GANG");
  EXPECT_EQ(e->kind, EntityKind::kVessel);
  ASSERT_EQ(e->programs.size(), 1u);
  EXPECT_EQ(e->programs[0].code, "DPRK");
  EXPECT_EQ(e->vessel.flag, "KP");
  EXPECT_EQ(e->vessel.flag_text, "Democratic People's Republic of Korea");
  EXPECT_EQ(e->vessel.type, "General Cargo");
  const Identifier* imo = FindId(*e, IdKind::kImo);
  ASSERT_NE(imo, nullptr);
  EXPECT_EQ(imo->value, "7937317");
  EXPECT_EQ(imo->label, "Vessel Registration Identification IMO");
  EXPECT_EQ(e->provenance.list, "ofac_sdn");
  EXPECT_EQ(e->provenance.record_id, "17069");
  EXPECT_EQ(e->provenance.file, kSdn2021 + "/sdn.csv");
  EXPECT_EQ(
      e->source_urls,
      (std::vector<std::string>{
          "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=17069"}));
  // add.csv gives this vessel an all-null address row, which is dropped.
  EXPECT_TRUE(e->addresses.empty());
}

TEST(OfacCsvTest, Sdn20210707DprkIndividual) {
  const Entity* e = Find(Sdn2021(), "ofac-19533");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntityKind::kPerson);
  EXPECT_EQ(e->names[0].full, "PAK, Chun Il");
  EXPECT_EQ(e->names[0].parts.family, "PAK");
  EXPECT_EQ(e->names[0].parts.given, "Chun Il");
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].from, (PartialDate{1954, 7, 28}));
  EXPECT_EQ(e->birth_dates[0].text, "28 Jul 1954");
  EXPECT_EQ(e->nationalities, (std::vector<std::string>{"KP"}));
  const Identifier* passport = FindId(*e, IdKind::kPassport);
  ASSERT_NE(passport, nullptr);
  EXPECT_EQ(passport->value, "563410091");
  EXPECT_EQ(passport->country, "KP");
  EXPECT_EQ(passport->label, "Passport");
  EXPECT_EQ(e->positions,
            (std::vector<std::string>{"North Korean Ambassador to Egypt"}));
  ASSERT_EQ(e->programs.size(), 1u);
  EXPECT_EQ(e->programs[0].code, "DPRK2");
}

TEST(OfacCsvTest, Sdn20210707AddressesAndWeakAlias) {
  const Entity* e = Find(Sdn2021(), "ofac-306");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->primary_name(), "BANCO NACIONAL DE CUBA");
  ASSERT_GE(e->names.size(), 3u);
  EXPECT_EQ(e->names[1].full, "NATIONAL BANK OF CUBA");
  EXPECT_EQ(e->names[1].quality, NameQuality::kStrong);
  EXPECT_EQ(e->names.back().full, "BNC");
  EXPECT_EQ(e->names.back().quality, NameQuality::kWeak);
  ASSERT_GE(e->addresses.size(), 3u);
  EXPECT_EQ(e->addresses[0].street, "Zweierstrasse 35");
  EXPECT_EQ(e->addresses[0].city, "Zurich CH-8022");
  EXPECT_EQ(e->addresses[0].country, "CH");
  EXPECT_EQ(e->addresses[0].full,
            "Zweierstrasse 35, Zurich CH-8022, Switzerland");
}

TEST(OfacCsvTest, Sdn20210707CommentsContinueTheRemarks) {
  // sdn.csv cuts entry 12300's remarks at "PROMO RAI"; sdn_comments.csv
  // goes on with "Z S.A.S.; Linked To: ...".
  const Entity* e = Find(Sdn2021(), "ofac-12300");
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(HasRemark(*e, "Linked To: PROMO RAIZ S.A.S."));
  EXPECT_TRUE(HasRemark(*e, "Linked To: R D I S.A"));
}

TEST(OfacCsvTest, Sdn20240503AloneTakesAliasesFromRemarks) {
  auto r = LoadOfacCsv(kSdn2024);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->info.files, (std::vector<std::string>{kSdn2024}));
  ASSERT_EQ(r->entities.size(), 14965u);
  EXPECT_EQ(CountKind(*r, EntityKind::kPerson), 6854);
  EXPECT_EQ(CountKind(*r, EntityKind::kOrganization), 6884);
  EXPECT_EQ(CountKind(*r, EntityKind::kVessel), 851);
  EXPECT_EQ(CountKind(*r, EntityKind::kAircraft), 376);
  EXPECT_EQ(CountNames(*r, NameQuality::kStrong), 0);
  EXPECT_EQ(CountNames(*r, NameQuality::kWeak), 3667);
  EXPECT_EQ(r->info.unknown_fields.at("Remarks (unparsed segment)"), 253u);
  const Entity* bnc = Find(*r, "ofac-306");
  ASSERT_NE(bnc, nullptr);
  ASSERT_EQ(bnc->names.size(), 2u);
  EXPECT_EQ(bnc->names[1].full, "BNC");
  EXPECT_EQ(bnc->names[1].type, NameType::kAka);
  EXPECT_EQ(bnc->names[1].quality, NameQuality::kWeak);
}

TEST(OfacCsvTest, Consolidated20251219) {
  auto r = LoadOfacCsv(kCons2025 + "/cons_prim.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->info.name, "ofac_cons");
  EXPECT_EQ(
      r->info.files,
      (std::vector<std::string>{
          kCons2025 + "/cons_prim.csv", kCons2025 + "/cons_alt.csv",
          kCons2025 + "/cons_add.csv", kCons2025 + "/cons_comments.csv"}));
  ASSERT_EQ(r->entities.size(), 442u);
  EXPECT_EQ(CountNames(*r, NameQuality::kStrong), 1073);
  EXPECT_EQ(r->info.unknown_fields.at("Remarks (unparsed segment)"), 49u);
  const Entity* e = Find(*r, "ofac-cons-9639");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->primary_name(), "HANIYA, Ismail Abdul Salah");
  EXPECT_EQ(e->provenance.list, "ofac_cons");
  ASSERT_EQ(e->programs.size(), 1u);
  EXPECT_EQ(e->programs[0].code, "NS-PLC");
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].from, (PartialDate{1962, 0, 0}));
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Shati"}));
}

TEST(OfacCsvTest, LoadListTakesTheFolder) {
  auto r = LoadList(kSdn2021);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->info.format, "ofac_csv");
  EXPECT_EQ(r->info.files.size(), 4u);
  EXPECT_EQ(r->info.files[0], kSdn2021 + "/sdn.csv");
  EXPECT_EQ(r->entities.size(), 8976u);
  EXPECT_EQ(r->info.content_hash.rfind("sha256:", 0), 0u);
  auto cons = LoadList(kCons2025);
  ASSERT_TRUE(cons.ok()) << cons.status().ToString();
  EXPECT_EQ(cons->entities.size(), 442u);
}

// The hand-written set in tests/fixtures/ofac_csv/set exercises what the
// real files do not: orphan companion rows, a Windows-1252 byte, a remarks
// alias that alt.csv repeats, countries CountryCode() does not know.
TEST(OfacCsvTest, FixtureSetFillsEveryField) {
  auto r = LoadList(kFixture);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const EntityList& list = *r;
  ASSERT_EQ(list.entities.size(), 5u);
  EXPECT_EQ(
      list.info.warnings,
      (std::vector<std::string>{
          kFixture + "/sdn.csv: bytes that are not UTF-8 read as Windows-1252 "
                     "(first at line 5)",
          kFixture + "/sdn_comments.csv: 1 row(s) name an ent_num not in "
                     "sdn.csv (first: 99 at line 2)",
          "unmapped country 'Atlantis'", "unmapped country 'Stuttgart'",
          kFixture + "/alt.csv: 1 row(s) name an ent_num not in sdn.csv "
                     "(first: 77 at line 4)"}));
  EXPECT_EQ(list.info.unknown_fields, (std::map<std::string, std::uint64_t>{
                                          {"Remarks (unparsed segment)", 1}}));

  const Entity& kim = list.entities[0];
  EXPECT_EQ(kim.id, "ofac-10");
  EXPECT_EQ(kim.provenance.line, 1u);
  ASSERT_EQ(kim.names.size(), 4u);
  EXPECT_EQ(kim.names[0].parts.family, "KIM");
  EXPECT_EQ(kim.names[0].parts.given, "Chol Su");
  EXPECT_EQ(kim.names[1].full, "KIM, Cheol-su");
  EXPECT_EQ(kim.names[1].type, NameType::kAka);
  EXPECT_EQ(kim.names[1].quality, NameQuality::kStrong);
  EXPECT_EQ(kim.names[1].parts.family, "KIM");
  EXPECT_EQ(kim.names[2].full, "KIM CHOL");  // alt.csv wins over the remarks
  EXPECT_EQ(kim.names[2].type, NameType::kFka);
  EXPECT_EQ(kim.names[2].quality, NameQuality::kStrong);
  EXPECT_EQ(kim.names[3].full, "CHOLLIE");
  EXPECT_EQ(kim.names[3].quality, NameQuality::kWeak);
  ASSERT_EQ(kim.programs.size(), 2u);
  EXPECT_EQ(kim.programs[0].code, "DPRK2");
  EXPECT_EQ(kim.programs[1].code, "DPRK3");
  EXPECT_EQ(kim.titles, (std::vector<std::string>{"Colonel"}));
  EXPECT_EQ(kim.positions, (std::vector<std::string>{"Minister of Finance"}));
  ASSERT_EQ(kim.birth_dates.size(), 2u);
  EXPECT_EQ(kim.birth_dates[0].from, (PartialDate{1966, 6, 12}));
  EXPECT_EQ(kim.birth_dates[1].from, (PartialDate{1960, 0, 0}));
  EXPECT_TRUE(kim.birth_dates[1].circa);
  EXPECT_EQ(kim.birth_places,
            (std::vector<std::string>{"Pyongyang, North Korea"}));
  EXPECT_EQ(kim.nationalities, (std::vector<std::string>{"KP"}));
  EXPECT_TRUE(kim.citizenships.empty());
  EXPECT_EQ(kim.gender, Gender::kMale);
  ASSERT_EQ(kim.identifiers.size(), 1u);
  EXPECT_EQ(kim.identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(kim.identifiers[0].value, "563410081");
  EXPECT_EQ(kim.identifiers[0].country, "KP");
  EXPECT_EQ(kim.identifiers[0].notes, "issued 01 Jan 2010 expires 01 Jan 2015");
  EXPECT_EQ(kim.remarks,
            (std::vector<std::string>{"citizen Atlantis",
                                      "Linked To: KOREA TEST CORPORATION",
                                      "Freeform note that no key matches"}));

  const Entity& ktc = list.entities[1];
  EXPECT_EQ(ktc.kind, EntityKind::kOrganization);
  EXPECT_TRUE(ktc.names[0].parts.empty());
  ASSERT_EQ(ktc.names.size(), 3u);
  EXPECT_EQ(ktc.names[1].full, "KTC NEW");
  EXPECT_EQ(ktc.names[1].type, NameType::kNka);
  EXPECT_EQ(ktc.names[2].full, "KTC");
  ASSERT_EQ(ktc.birth_dates.size(), 1u);  // Organization Established Date
  EXPECT_EQ(ktc.birth_dates[0].from, (PartialDate{2016, 12, 17}));
  ASSERT_EQ(ktc.identifiers.size(), 3u);
  EXPECT_EQ(ktc.identifiers[0].kind, IdKind::kRegistration);
  EXPECT_EQ(ktc.identifiers[0].value, "HRA 738077");
  EXPECT_EQ(ktc.identifiers[0].country, "DE");
  EXPECT_EQ(ktc.identifiers[0].notes, "Stuttgart");
  EXPECT_EQ(ktc.identifiers[1].kind, IdKind::kWebsite);
  EXPECT_EQ(ktc.identifiers[1].value, "www.example.kp");
  EXPECT_EQ(ktc.identifiers[2].kind, IdKind::kTaxId);
  EXPECT_EQ(ktc.identifiers[2].country, "");
  EXPECT_EQ(ktc.identifiers[2].notes, "Stuttgart");
  ASSERT_EQ(ktc.addresses.size(), 1u);
  EXPECT_EQ(ktc.addresses[0].street, "Street 1");
  EXPECT_EQ(ktc.addresses[0].city, "Pyongyang");
  EXPECT_EQ(ktc.addresses[0].country, "KP");
  EXPECT_EQ(ktc.addresses[0].country_text, "Korea, North");
  EXPECT_EQ(ktc.addresses[0].note, "Main office");
  EXPECT_EQ(ktc.addresses[0].full, "Street 1, Pyongyang, Korea, North");

  const Entity& ship = list.entities[2];
  EXPECT_EQ(ship.kind, EntityKind::kVessel);
  EXPECT_EQ(ship.vessel.flag, "KP");
  EXPECT_EQ(ship.vessel.type, "Crude Oil Tanker");
  EXPECT_EQ(ship.vessel.tonnage, "318,000");
  EXPECT_EQ(ship.vessel.gross_registered_tonnage, "159,681");
  EXPECT_EQ(ship.vessel.owner, "OCEAN TEST SHIPPING");
  EXPECT_EQ(ship.vessel.build_date, "1999");
  ASSERT_EQ(ship.identifiers.size(), 3u);
  EXPECT_EQ(ship.identifiers[0].kind, IdKind::kCallSign);
  EXPECT_EQ(ship.identifiers[0].value, "HMXY2");
  EXPECT_EQ(ship.identifiers[1].kind, IdKind::kImo);
  EXPECT_EQ(ship.identifiers[1].value, "9187629");
  EXPECT_EQ(ship.identifiers[2].kind, IdKind::kMmsi);
  EXPECT_EQ(ship.identifiers[2].value, "445123000");
  EXPECT_TRUE(ship.addresses.empty());
  EXPECT_EQ(ship.remarks,
            (std::vector<std::string>{"Former Vessel Flag Malta",
                                      "Linked To: OCEAN TEST SHIPPING"}));

  const Entity& plane = list.entities[3];
  EXPECT_EQ(plane.kind, EntityKind::kAircraft);
  EXPECT_EQ(plane.aircraft.model, "A300B4-603");
  EXPECT_EQ(plane.aircraft.operator_name, "Iran Air");
  EXPECT_EQ(plane.aircraft.build_date, "01 Dec 1992");
  ASSERT_EQ(plane.identifiers.size(), 2u);
  EXPECT_EQ(plane.identifiers[0].kind, IdKind::kAircraftSerial);
  EXPECT_EQ(plane.identifiers[0].value, "1023");
  EXPECT_EQ(plane.identifiers[1].kind, IdKind::kTailNumber);
  EXPECT_EQ(plane.identifiers[1].value, "EP-TST");

  const Entity& cafe = list.entities[4];
  EXPECT_EQ(cafe.primary_name(), "CAF\xC3\x89 DEL SUR, S.A.");
  EXPECT_EQ(cafe.remarks,
            (std::vector<std::string>{"Linked To: PROMO RAIZ S.A.S"}));
  ASSERT_EQ(cafe.addresses.size(), 1u);
  EXPECT_EQ(cafe.addresses[0].full, "Bogota, Colombia");
  EXPECT_EQ(cafe.addresses[0].country, "CO");
}

// Bad input: each case is written to its own folder as sdn.csv.
class OfacCsvBadInputTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           (std::string("ofac_csv_") +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
  }

  // Loads `bytes` as sdn.csv and returns the error (nothing may load).
  Status Fail(const std::string& bytes) {
    auto r = LoadOfacCsv(Write("sdn.csv", bytes));
    EXPECT_FALSE(r.ok());
    return r.ok() ? Status::Ok() : r.status();
  }

  std::string Path(const std::string& name) const {
    return (dir_ / name).string();
  }

  fs::path dir_;
};

const std::string kRow10 =
    "10,\"KIM, Chol\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- "
    ",-0- ,\"DOB 1960.\"\r\n";

TEST_F(OfacCsvBadInputTest, TruncatedInsideAQuotedField) {
  Status st = Fail(kRow10 +
                   "20,\"LEE, Min\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- "
                   ",-0- ,-0- ,-0- ,\"DOB 19");
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(
      st.message(),
      Path("sdn.csv") + ":2: quoted field never closed (file truncated?)");
}

TEST_F(OfacCsvBadInputTest, RowWithMissingColumns) {
  Status st = Fail(kRow10 +
                   "20,\"LEE, Min\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- "
                   ",-0- ,-0- ,\"DOB 1961.\"\r\n\x1A");
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(),
            Path("sdn.csv") + ":2: expected 12 columns, found 11");
}

TEST_F(OfacCsvBadInputTest, CompanionWithMissingColumns) {
  Write("alt.csv", "10,1,\"aka\",\"KIM C\"\r\n");
  Status st = Fail(kRow10);
  EXPECT_EQ(st.message(), Path("alt.csv") + ":1: expected 5 columns, found 4");
}

TEST_F(OfacCsvBadInputTest, ByteUndefinedInWindows1252) {
  Status st = Fail(
      "10,\"KIM\x81\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- "
      ",-0- ,-0- \r\n");
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(), Path("sdn.csv") +
                              ":1: field SDN_Name: byte 0x81 is neither UTF-8 "
                              "nor Windows-1252");
}

TEST_F(OfacCsvBadInputTest, ControlByte) {
  Status st = Fail(
      std::string("10,\"KIM\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- "
                  ",-0- ,-0- ,\"DOB ") +
      '\x01' + " 1960\"\r\n");
  // (NUL, the CSV reader refuses for every format: tests/bad_input.)
  EXPECT_EQ(st.message(),
            Path("sdn.csv") + ":1: field Remarks: control byte 0x01");
}

TEST_F(OfacCsvBadInputTest, Windows1252IsDecoded) {
  auto r = LoadOfacCsv(
      Write("sdn.csv",
            "10,\"MU\xD1OZ, Jos\xE9\",\"individual\",\"SDNTK\",-0- ,-0- ,-0- "
            ",-0- ,-0- ,-0- ,-0- ,-0- \r\n"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->entities[0].primary_name(), "MU\xC3\x91OZ, Jos\xC3\xA9");
  EXPECT_EQ(r->entities[0].names[0].parts.family, "MU\xC3\x91OZ");
  EXPECT_EQ(r->entities[0].names[0].parts.given, "Jos\xC3\xA9");
  EXPECT_EQ(r->info.warnings,
            (std::vector<std::string>{
                Path("sdn.csv") +
                ": bytes that are not UTF-8 read as Windows-1252 (first at "
                "line 1)"}));
}

TEST_F(OfacCsvBadInputTest, EmptyFile) {
  EXPECT_EQ(Fail("").message(), Path("sdn.csv") + ": the file is empty");
  EXPECT_EQ(Fail("\r\n\x1A").message(),
            Path("sdn.csv") + ": the file is empty");
}

TEST_F(OfacCsvBadInputTest, DuplicatedEntNum) {
  Status st = Fail(kRow10 +
                   "20,\"LEE, Min\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- "
                   ",-0- ,-0- ,-0- ,-0- \r\n" +
                   kRow10);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(), Path("sdn.csv") +
                              ":3: record 10: ent_num 10 is duplicated (first "
                              "at line 1)");
}

TEST_F(OfacCsvBadInputTest, EntNumNotANumber) {
  Status st = Fail(
      "X1,\"KIM\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "
      ",-0- \r\n");
  EXPECT_EQ(st.message(),
            Path("sdn.csv") + ":1: field ent_num: not a number 'X1'");
}

TEST_F(OfacCsvBadInputTest, UnknownSdnType) {
  Status st = Fail(
      "10,\"KIM\",\"person\",\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "
      ",-0- \r\n");
  EXPECT_EQ(st.message(), Path("sdn.csv") +
                              ":1: record 10: field SDN_Type: unknown type "
                              "'person'");
}

TEST_F(OfacCsvBadInputTest, ImpossibleDateOfBirth) {
  Status st = Fail(
      "10,\"KIM\",\"individual\",\"DPRK\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- "
      ",\"DOB 31 Feb 1970; POB Pyongyang.\"\r\n");
  EXPECT_EQ(st.message(), Path("sdn.csv") +
                              ":1: record 10: field Remarks: unreadable date "
                              "of birth '31 Feb 1970'");
}

TEST_F(OfacCsvBadInputTest, FolderWithoutMainFile) {
  Write("alt.csv", "10,1,\"aka\",\"KIM C\",-0- \r\n");
  auto r = LoadOfacCsv(dir_.string());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(
      r.status().message(),
      dir_.string() + ": the folder holds neither sdn.csv nor cons_prim.csv");
}

TEST_F(OfacCsvBadInputTest, OtherFileNamesAreReadAsSdn) {
  auto r = LoadOfacCsv(Write("sdn_2021.csv", kRow10));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->info.name, "ofac_sdn");
  EXPECT_EQ(r->entities[0].id, "ofac-10");
}

}  // namespace
}  // namespace embargo::internal
