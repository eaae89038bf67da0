#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>

#include "embargo/lists.h"
#include "sources/loader_test_util.h"
#include "sources/loaders.h"

namespace embargo::internal {
namespace {

const std::string kUk2018 = std::string(EMBARGO_SHARED_DATA) +
                            "/uk_ofsi/2018-11-29/sanctionsconlist.csv";
const std::string kUk2020 = std::string(EMBARGO_SHARED_DATA) +
                            "/uk_ofsi/2020-04-27_excerpt/sample_hmt.csv";
const std::string kUkFixtures =
    std::string(EMBARGO_SOURCE_DIR) + "/tests/fixtures/uk/";

std::vector<std::string> Texts(const std::vector<DateSpec>& dates) {
  std::vector<std::string> out;
  out.reserve(dates.size());
  for (const DateSpec& d : dates) out.push_back(d.ToString());
  return out;
}

TEST(UkCsvTest, DetectsBothLayouts) {
  auto f2018 = DetectListFormat(kUk2018);
  ASSERT_TRUE(f2018.ok()) << f2018.status().ToString();
  EXPECT_EQ(*f2018, ListFormat::kUkCsv);
  auto f2020 = DetectListFormat(kUk2020);
  ASSERT_TRUE(f2020.ok()) << f2020.status().ToString();
  EXPECT_EQ(*f2020, ListFormat::kUkCsv);
}

class Uk2018Test : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto list = LoadList(kUk2018);
    ASSERT_TRUE(list.ok()) << list.status().ToString();
    list_ = new EntityList(std::move(*list));
  }
  static void TearDownTestSuite() {
    delete list_;
    list_ = nullptr;
  }
  static const EntityList* list_;
};
const EntityList* Uk2018Test::list_ = nullptr;

TEST_F(Uk2018Test, GroupsKindsAndEncoding) {
  ASSERT_NE(list_, nullptr);
  EXPECT_EQ(list_->info.name, "uk_ofsi");
  EXPECT_EQ(list_->info.format, "uk_csv");
  EXPECT_TRUE(list_->info.published.empty());  // its header lines were cut
  // 9,717 rows in 2,137 Group IDs: 1,468 groups of Individual rows (7,103
  // rows) and 669 of Entity rows (2,614), 26 of which are ships.
  ASSERT_EQ(list_->entities.size(), 2137u);
  std::map<EntityKind, int> by_kind;
  size_t names = 0;
  for (const Entity& e : list_->entities) {
    ++by_kind[e.kind];
    names += e.names.size();
  }
  EXPECT_EQ(by_kind[EntityKind::kPerson], 1468);
  EXPECT_EQ(by_kind[EntityKind::kOrganization], 643);
  EXPECT_EQ(by_kind[EntityKind::kVessel], 26);
  EXPECT_EQ(by_kind[EntityKind::kAircraft], 0);
  EXPECT_EQ(names, 5690u);  // distinct name spellings per group
  EXPECT_TRUE(Has(list_->info.warnings,
                  kUk2018 + ": not valid UTF-8 (first at line 6); read as "
                            "Windows-1252"));
  EXPECT_TRUE(Has(list_->info.warnings,
                  kUk2018 + ": 26 'Entity' groups whose Other Information "
                            "opens with an IMO number are read as vessels"));
}

TEST_F(Uk2018Test, DprkGroupSpreadOverTheFile) {
  ASSERT_NE(list_, nullptr);
  // Rows on lines 3231-3233 (AKA) and 8646-8648 (Prime Alias).
  const Entity* e = Find(*list_, "uk-13561");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntityKind::kPerson);
  ASSERT_EQ(e->names.size(), 2u);
  EXPECT_EQ(e->names[0].full, "Kim Jong SIK");
  EXPECT_EQ(e->names[0].type, NameType::kPrimary);
  EXPECT_EQ(e->names[0].parts.given, "Kim");
  EXPECT_EQ(e->names[0].parts.middle, "Jong");
  EXPECT_EQ(e->names[0].parts.family, "SIK");
  EXPECT_EQ(e->names[1].full, "Kim CHO\u2019NG-SIK");  // 0x92 in the file
  EXPECT_EQ(e->names[1].type, NameType::kAka);
  EXPECT_EQ(Texts(e->birth_dates),
            (std::vector<std::string>{"1968", "1969", "1967"}));
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"KP"});
  ASSERT_EQ(e->programs.size(), 1u);
  EXPECT_EQ(e->programs[0].code,
            "North Korea (Democratic People's Republic of Korea)");
  EXPECT_EQ(e->listed_on.ToString(), "2017-12-22");
  ASSERT_EQ(e->remarks.size(), 1u);
  EXPECT_EQ(e->remarks[0],
            "Annex XIII. UN Listing. UN Ref.KPI.066. A leading official "
            "guiding the DPRK\u2019s WMD development efforts. Serving as "
            "Deputy Director of the Workers\u2019 Party of Korea Munitions "
            "Industry Department.");
  EXPECT_EQ(e->provenance.list, "uk_ofsi");
  EXPECT_EQ(e->provenance.record_id, "13561");
  EXPECT_EQ(e->provenance.line, 3231u);
}

TEST_F(Uk2018Test, IndividualWithPassportAndTwoNationalities) {
  ASSERT_NE(list_, nullptr);
  const Entity* e = Find(*list_, "uk-13349");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->primary_name(), "Nayef Salam Muhammad Ujaym AL-HABABI");
  EXPECT_EQ(e->names[0].parts.other, "Ujaym");
  EXPECT_EQ(e->names.size(), 8u);
  EXPECT_EQ(e->nationalities, (std::vector<std::string>{"SA", "QA"}));
  EXPECT_EQ(Texts(e->birth_dates), (std::vector<std::string>{"1981", "1980"}));
  EXPECT_EQ(e->birth_places, std::vector<std::string>{"Saudi Arabia"});
  ASSERT_EQ(e->identifiers.size(), 1u);
  EXPECT_EQ(e->identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(e->identifiers[0].value, "592667");
  EXPECT_EQ(e->identifiers[0].notes,
            "Passport No: 592667 (Qatari passport issued on 3 May 2007).");
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].country, "AF");
  EXPECT_EQ(e->addresses[0].country_text, "Afghanistan (since 2009)");
  EXPECT_EQ(e->provenance.line, 1u);
}

TEST_F(Uk2018Test, ShipFromLeadingImo) {
  ASSERT_NE(list_, nullptr);
  const Entity* e = Find(*list_, "uk-13556");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntityKind::kVessel);
  EXPECT_EQ(e->primary_name(), "TONG SAN 2");
  ASSERT_EQ(e->identifiers.size(), 2u);
  EXPECT_EQ(e->identifiers[0].kind, IdKind::kImo);
  EXPECT_EQ(e->identifiers[0].value, "8937675");
  EXPECT_EQ(e->identifiers[1].kind, IdKind::kMmsi);
  EXPECT_EQ(e->identifiers[1].value, "445539000");
  // A shipping company quoting its IMO company number stays an entity.
  const Entity* company = Find(*list_, "uk-13340");
  ASSERT_NE(company, nullptr);
  EXPECT_EQ(company->primary_name(), "CHONG-CHONGANG SHIPPING COMPANY");
  EXPECT_EQ(company->kind, EntityKind::kOrganization);
}

TEST(UkCsvTest, Excerpt2020Layout) {
  auto list = LoadList(kUk2020);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.published.ToString(), "2020-04-27");
  ASSERT_EQ(list->entities.size(), 6u);
  std::vector<std::string> ids;
  for (const Entity& e : list->entities) {
    ids.push_back(e.id);
    EXPECT_EQ(e.kind, EntityKind::kPerson);
    EXPECT_EQ(e.provenance.published.ToString(), "2020-04-27");
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"uk-9053", "uk-13063", "uk-13754",
                                           "uk-11039", "uk-13017", "uk-9215"}));
  EXPECT_EQ(list->info.warnings,
            std::vector<std::string>{
                kUk2020 + ": 4 groups have no 'Prime Alias' row; their first "
                          "row's name is the primary name"});

  const Entity& hojati = list->entities[0];
  ASSERT_EQ(hojati.names.size(), 2u);
  EXPECT_EQ(hojati.names[0].full, "Mohsen HOJATI");
  EXPECT_FALSE(hojati.names[0].original_script);
  EXPECT_EQ(hojati.names[1].full, "محسن حجتی");
  EXPECT_TRUE(hojati.names[1].original_script);
  EXPECT_EQ(hojati.names[1].language, "Persian");
  EXPECT_EQ(hojati.positions,
            std::vector<std::string>{"Head of Fajr Industrial Group"});
  EXPECT_EQ(hojati.listed_on.ToString(), "2007-03-24");

  // "10/00/1983" keeps its year only; "00/04/1984" its year and month.
  const Entity& hubarieva = list->entities[1];
  EXPECT_EQ(Texts(hubarieva.birth_dates),
            (std::vector<std::string>{"1983-07-05", "1983", "1984-04"}));
  EXPECT_EQ(hubarieva.birth_places,
            std::vector<std::string>{"Kakhovka, Kherson Oblast, Ukraine"});

  const Entity& so = list->entities[3];
  ASSERT_EQ(so.names.size(), 2u);
  EXPECT_EQ(so.names[0].full, "Sang-kuk SO");  // the Prime Alias rows
  EXPECT_EQ(so.names[1].full, "Sang Kuk SO");
  EXPECT_EQ(so.birth_dates.size(), 7u);

  const Entity& saeed = list->entities[5];
  ASSERT_EQ(saeed.identifiers.size(), 1u);
  EXPECT_EQ(saeed.identifiers[0].kind, IdKind::kNationalId);
  EXPECT_EQ(saeed.identifiers[0].value, "3520025509842-7");
  EXPECT_EQ(saeed.identifiers[0].notes, "3520025509842-7 (Pakistani)");
  EXPECT_EQ(saeed.nationalities, std::vector<std::string>{"PK"});
  ASSERT_EQ(saeed.addresses.size(), 1u);
  EXPECT_EQ(saeed.addresses[0].country, "PK");
  EXPECT_EQ(saeed.addresses[0].postal_code, "123321");
  EXPECT_EQ(saeed.addresses[0].street,
            "House No 116E, Mohalla Johar, Lahore, Tehsil, Lahore City, "
            "Lahore District");
}

TEST(UkCsvTest, Windows1252FallbackShipsAndAliases) {
  std::string path = kUkFixtures + "layout2020_cp1252.csv";
  auto list = LoadList("uk_csv:" + path);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.published.ToString(), "2021-02-01");
  EXPECT_EQ(list->info.warnings,
            std::vector<std::string>{
                path + ": not valid UTF-8 (first at line 4); read as "
                       "Windows-1252"});
  ASSERT_EQ(list->entities.size(), 3u);

  const Entity& ship = list->entities[0];
  EXPECT_EQ(ship.id, "uk-500");
  EXPECT_EQ(ship.kind, EntityKind::kVessel);
  ASSERT_EQ(ship.identifiers.size(), 2u);
  EXPECT_EQ(ship.identifiers[0].value, "1234567");
  EXPECT_EQ(ship.identifiers[1].value, "123456789");

  const Entity& company = list->entities[1];
  EXPECT_EQ(company.primary_name(), "SOCI\u00c9T\u00c9 TEST");
  ASSERT_EQ(company.names.size(), 2u);
  EXPECT_EQ(company.names[1].full, "OLD TEST COMPANY");
  EXPECT_EQ(company.names[1].type, NameType::kFka);
  ASSERT_EQ(company.addresses.size(), 1u);
  EXPECT_EQ(company.addresses[0].street, "1 Rue Test, Paris");
  EXPECT_EQ(company.addresses[0].postal_code, "75001");
  EXPECT_EQ(company.addresses[0].country, "FR");
  EXPECT_EQ(company.provenance.line, 4u);

  const Entity& person = list->entities[2];
  EXPECT_EQ(person.primary_name(), "Ivan Ivanovich TESTOV");
  EXPECT_EQ(person.names[0].parts.middle, "Ivanovich");
  ASSERT_EQ(person.names.size(), 2u);
  EXPECT_EQ(person.names[1].full, "Vanya TESTOV");
  EXPECT_EQ(person.names[1].quality, NameQuality::kLow);
  EXPECT_EQ(Texts(person.birth_dates),
            (std::vector<std::string>{"1984-04", "1985-05-12"}));
  EXPECT_EQ(person.nationalities, (std::vector<std::string>{"RU", "UA"}));
  EXPECT_EQ(person.titles, std::vector<std::string>{"Dr"});
  EXPECT_EQ(person.positions, std::vector<std::string>{"Director"});
  ASSERT_EQ(person.identifiers.size(), 1u);
  EXPECT_EQ(person.identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(person.identifiers[0].value, "AB123456");
  EXPECT_EQ(person.identifiers[0].notes, "issued 2010");
  ASSERT_EQ(person.programs.size(), 2u);
  EXPECT_EQ(person.programs[1].code, "Ukraine");
  EXPECT_EQ(person.listed_on.ToString(), "2019-01-10");  // the earliest row
}

TEST(UkCsvTest, GroupRowsDisagreeOnGroupType) {
  std::string path = kUkFixtures + "group_type_conflict.csv";
  auto list = LoadList("uk_csv:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            path +
                ":4: record 502: field Group Type: 'Entity' differs from "
                "'Individual' on line 3 of the same group");
}

TEST(UkCsvTest, MissingRequiredColumn) {
  std::string path = kUkFixtures + "missing_group_id.csv";
  auto list = LoadList("uk_csv:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path + ":2: header: required column 'Group ID' is missing");
}

TEST(UkCsvTest, ImpossibleDateOfBirth) {
  std::string path = kUkFixtures + "bad_dob.csv";
  auto list = LoadList("uk_csv:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path + ":3: record 502: field DOB: impossible date '31/02/1970'");
}

// Regression: a column name in invalid UTF-8 was kept as an unknown field,
// and `embargo lists --json` then failed with an internal error.
TEST(UkCsvTest, HeaderInWindows1252IsReadAsIt) {
  std::string path = kUkFixtures + "header_cp1252.csv";
  auto list = LoadList("uk_csv:" + path);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.warnings,
            std::vector<std::string>{
                path + ":2: header column 37: not valid UTF-8; read as "
                       "Windows-1252"});
  EXPECT_EQ(list->info.unknown_fields,
            (std::map<std::string, std::uint64_t>{{"Notes\u00e9", 1}}));
  ASSERT_EQ(list->entities.size(), 1u);
  EXPECT_EQ(list->entities[0].primary_name(), "Ivan Ivanovich TESTOV");
}

TEST(UkCsvTest, TruncatedFile) {
  std::string path = kUkFixtures + "truncated.csv";
  auto list = LoadList("uk_csv:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path + ":4: quoted field never closed (file truncated?)");
}

TEST(UkCsvTest, EmptyFile) {
  std::string path = kUkFixtures + "empty.csv";
  auto list = LoadList("uk_csv:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(), path + ": the file is empty");
}

}  // namespace
}  // namespace embargo::internal
