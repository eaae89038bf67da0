#include <gtest/gtest.h>

#include "embargo/lists.h"
#include "sources/io.h"
#include "sources/loader_test_util.h"
#include "sources/loaders.h"

namespace embargo::internal {
namespace {

const std::string kSample = std::string(EMBARGO_SHARED_DATA) +
                            "/eu_fsf/2020-04-15_excerpt/sample_eu.xml";
const std::string kEuFixtures =
    std::string(EMBARGO_SOURCE_DIR) + "/tests/fixtures/eu/";

TEST(EuXmlTest, LoadsTheFormatSample) {
  auto list = LoadList("eu_xml:" + kSample);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.name, "eu_fsf");
  EXPECT_EQ(list->info.format, "eu_xml");
  EXPECT_EQ(list->info.files, std::vector<std::string>{kSample});
  EXPECT_EQ(list->info.published.ToString(), "2020-04-15");
  // PROVENANCE.md: 7 sanctionEntity, 15 nameAlias.
  ASSERT_EQ(list->entities.size(), 7u);
  size_t names = 0;
  for (const Entity& e : list->entities) {
    names += e.names.size();
    EXPECT_EQ(e.kind, EntityKind::kPerson) << e.id;
    EXPECT_EQ(e.names.front().type, NameType::kPrimary) << e.id;
    EXPECT_EQ(e.provenance.list, "eu_fsf");
    EXPECT_EQ(e.provenance.published.ToString(), "2020-04-15");
  }
  EXPECT_EQ(names, 15u);
  std::vector<std::string> ids;
  for (const Entity& e : list->entities) ids.push_back(e.id);
  EXPECT_EQ(ids,
            (std::vector<std::string>{"eu-5295", "eu-5463", "eu-5468", "eu-191",
                                      "eu-5807", "eu-5468-2", "eu-927"}));
  // The sample's hand-added "TestOneWord" entry reuses logicalId 5468.
  EXPECT_EQ(
      list->info.warnings,
      std::vector<std::string>{
          kSample + ":110: logicalId 5468 repeats an earlier record; loaded as "
                    "eu-5468-2"});
  EXPECT_TRUE(list->info.unknown_fields.empty());
}

TEST(EuXmlTest, PersonWithDocumentsAndAddress) {
  auto list = LoadEuXml(kSample);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  const Entity* e = Find(*list, "eu-927");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->provenance.record_id, "927");
  EXPECT_EQ(e->provenance.line, 119u);
  ASSERT_EQ(e->names.size(), 1u);
  const Name& n = e->names[0];
  EXPECT_EQ(n.full, "Mohamed Ben Belkacem Aouadi");
  EXPECT_EQ(n.type, NameType::kPrimary);
  EXPECT_EQ(n.quality, NameQuality::kStrong);
  EXPECT_FALSE(n.original_script);
  EXPECT_EQ(n.parts.given, "Mohamed");
  EXPECT_EQ(n.parts.middle, "Ben Belkacem");
  EXPECT_EQ(n.parts.family, "Aouadi");
  EXPECT_EQ(e->citizenships, std::vector<std::string>{"TN"});
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].ToString(), "1974-12-11");
  EXPECT_EQ(e->birth_places, std::vector<std::string>{"Tunis, Tunisia"});
  ASSERT_EQ(e->addresses.size(), 1u);
  const Address& a = e->addresses[0];
  EXPECT_EQ(a.street, "23 50th Street, Zehrouni");
  EXPECT_EQ(a.city, "Tunis");
  EXPECT_EQ(a.country, "TN");
  EXPECT_EQ(a.country_text, "TUNISIA");
  EXPECT_EQ(a.full, "23 50th Street, Zehrouni, Tunis, Tunisia");
  EXPECT_EQ(a.note, "Italian Fiscal Code: DAOMMD74T11Z352Z");
  ASSERT_EQ(e->identifiers.size(), 2u);
  EXPECT_EQ(e->identifiers[0].kind, IdKind::kNationalId);
  EXPECT_EQ(e->identifiers[0].value, "04643632");
  EXPECT_EQ(e->identifiers[0].country, "TN");
  EXPECT_EQ(e->identifiers[0].label, "National identification card");
  EXPECT_EQ(e->identifiers[1].kind, IdKind::kPassport);
  EXPECT_EQ(e->identifiers[1].value, "L191609");
  EXPECT_EQ(e->identifiers[1].label, "National passport");
  ASSERT_EQ(e->programs.size(), 1u);
  EXPECT_EQ(e->programs[0].code, "TAQA");
  EXPECT_TRUE(e->listed_on.empty());  // no designationDate on this record
  EXPECT_EQ(e->remarks,
            (std::vector<std::string>{"EU reference number: EU.3343.85",
                                      "Regulation 2016/294 (OJ L55)"}));
  EXPECT_EQ(e->source_urls,
            std::vector<std::string>{
                "http://eur-lex.europa.eu/legal-content/EN/TXT/PDF/"
                "?uri=OJ:JOL_2016_055_R_0004&from=EN"});
}

TEST(EuXmlTest, AliasesBirthDatesAndRemarks) {
  auto list = LoadEuXml(kSample);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  const Entity* e = Find(*list, "eu-5295");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->names.size(), 5u);
  EXPECT_EQ(e->names[0].full, "Abid Hammadou");
  EXPECT_EQ(e->names[3].full, "Amor Mohamed Ghedeir");
  EXPECT_EQ(e->names[3].type, NameType::kAka);
  EXPECT_EQ(e->listed_on.ToString(), "2008-07-03");
  ASSERT_EQ(e->birth_dates.size(), 2u);
  EXPECT_EQ(e->birth_dates[0].ToString(), "1965-12-12");
  EXPECT_EQ(e->birth_dates[1].ToString(), "circa 1958");
  EXPECT_EQ(e->birth_places,
            (std::vector<std::string>{
                "Touggourt, Wilaya (province) of Ouargla, Algeria",
                "Deb-Deb, Amenas, Wilaya (province) of Illizi, Algeria"}));
  EXPECT_EQ(e->citizenships, std::vector<std::string>{"DZ"});
  EXPECT_EQ(e->remarks.back(),
            "(a) Mother's name is Benarouba Bachira; (b) Father's name is "
            "Mabrouk. Other information: Reportedly deceased as of 24 February "
            "2013.");

  const Entity* director = Find(*list, "eu-5463");
  ASSERT_NE(director, nullptr);
  EXPECT_EQ(director->positions,
            std::vector<std::string>{
                "Director of Korea Ryongaksan General Trading Corporation"});
  EXPECT_EQ(director->programs[0].code, "PRK");

  const Entity* khalid = Find(*list, "eu-191");
  ASSERT_NE(khalid, nullptr);
  EXPECT_EQ(khalid->gender, Gender::kMale);
  ASSERT_EQ(khalid->identifiers.size(), 1u);
  EXPECT_EQ(khalid->identifiers[0].value, "488555");
  EXPECT_EQ(khalid->identifiers[0].country, "");  // "00": unknown
  // "-" is the EU's empty city.
  EXPECT_EQ(khalid->birth_places, std::vector<std::string>{"Pakistan"});

  const Entity* manzi = Find(*list, "eu-5807");
  ASSERT_NE(manzi, nullptr);
  // Four birthdate elements, two distinct years.
  ASSERT_EQ(manzi->birth_dates.size(), 2u);
  EXPECT_EQ(manzi->addresses[0].country, "CD");
  EXPECT_EQ(manzi->addresses[0].region, "North Kivu");
}

TEST(EuXmlTest, EnterprisesCalendarsAndUnknownElements) {
  auto list = LoadEuXml(kEuFixtures + "sample.xml");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.published.ToString(), "2024-05-06");
  ASSERT_EQ(list->entities.size(), 2u);
  const Entity& org = list->entities[0];
  EXPECT_EQ(org.id, "eu-1001");
  EXPECT_EQ(org.kind, EntityKind::kOrganization);
  ASSERT_EQ(org.names.size(), 3u);
  EXPECT_EQ(org.names[1].full, "ACME");
  EXPECT_EQ(org.names[1].quality, NameQuality::kWeak);
  EXPECT_EQ(org.names[2].full, "ООО Акме Шиппинг");
  EXPECT_TRUE(org.names[2].original_script);
  EXPECT_EQ(org.names[2].language, "RU");
  ASSERT_EQ(org.identifiers.size(), 1u);
  EXPECT_EQ(org.identifiers[0].kind, IdKind::kRegistration);
  EXPECT_EQ(org.identifiers[0].country, "RU");
  EXPECT_EQ(org.identifiers[0].notes,
            "knownExpired; issued by Moscow registry; OGRN");
  ASSERT_EQ(org.addresses.size(), 1u);
  EXPECT_EQ(org.addresses[0].street, "Ulitsa 1, PO Box 77");
  EXPECT_EQ(org.addresses[0].full,
            "Ulitsa 1, PO Box 77, 101000, Moscow, Russia");
  EXPECT_EQ(org.remarks,
            (std::vector<std::string>{
                "Annex I", "EU reference number: EU.100.1",
                "Regulation 2022/260 (OJ L42I)", "Shipping company."}));
  EXPECT_EQ(list->info.unknown_fields,
            (std::map<std::string, std::uint64_t>{{"contactInfo", 1}}));

  const Entity& person = list->entities[1];
  EXPECT_EQ(person.gender, Gender::kFemale);
  EXPECT_EQ(person.titles, std::vector<std::string>{"Dr."});
  EXPECT_EQ(person.positions, std::vector<std::string>{"Treasurer"});
  // A Hijri year is no Gregorian one: kept as a remark, not as a date.
  ASSERT_EQ(person.birth_dates.size(), 1u);
  EXPECT_EQ(person.birth_dates[0].ToString(), "circa 1960..1965");
  EXPECT_EQ(person.birth_places,
            (std::vector<std::string>{"Kabul, Afghanistan"}));
  EXPECT_EQ(person.remarks,
            (std::vector<std::string>{
                "EU reference number: EU.100.2", "UN reference: QDi.999",
                "Regulation 2023/1 (OJ L1)",
                "Date of birth (ISLAMIC calendar): 1380"}));
  EXPECT_TRUE(person.citizenships.empty());
  EXPECT_EQ(list->info.warnings,
            std::vector<std::string>{"unmapped country 'Atlantis'"});
}

TEST(EuXmlTest, ImpossibleBirthDateIsAnError) {
  std::string path = kEuFixtures + "bad_date.xml";
  auto list = LoadEuXml(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(
      list.status().message(),
      path + ":3: record 7: field birthdate: impossible date '1970-02-31'");
}

TEST(EuXmlTest, TruncatedFileLoadsNothing) {
  auto whole = ReadFileContents(kEuFixtures + "sample.xml");
  ASSERT_TRUE(whole.ok());
  const TempFile file("truncated.xml", whole->substr(0, 1000));
  const std::string& path = file.path();
  auto list = LoadEuXml(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(
      list.status().message(),
      path + ":10: XML error: the file ends inside <export> (truncated?)");
}

TEST(EuXmlTest, WrongRootIsRefused) {
  const TempFile file("root.xml",
                      "<data-set><sanctionEntity logicalId=\"1\"/>"
                      "</data-set>");
  const std::string& path = file.path();
  auto list = LoadEuXml(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path + ": root element is <data-set>, not the EU FSF <export>");
}

}  // namespace
}  // namespace embargo::internal
