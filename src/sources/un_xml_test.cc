#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <string_view>

#include "embargo/lists.h"
#include "sources/io.h"
#include "sources/loader_test_util.h"
#include "sources/loaders.h"

namespace embargo::internal {
namespace {

const std::string kData = EMBARGO_SHARED_DATA;
const std::string kUn2026 = kData + "/un_sc/2026-02-27/UN_consolidated.xml";
const std::string kUn2025 =
    kData + "/un_sc/2025-08-02/consolidatedLegacyByPRN.xml";

// The real files are loaded once per test binary.
const EntityList& Load(const std::string& path) {
  static std::map<std::string, EntityList> cache;
  auto it = cache.find(path);
  if (it != cache.end()) return it->second;
  auto list = LoadUnXml(path);
  EXPECT_TRUE(list.ok()) << list.status().ToString();
  return cache.emplace(path, list.ok() ? std::move(*list) : EntityList{})
      .first->second;
}

// A small UN file: line 1 the prolog, line 2 the root, line 3 <INDIVIDUALS>,
// then one record per line from line 4.
std::string UnFile(std::string_view individuals,
                   std::string_view entities = "") {
  return std::string(
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:09.554Z\">\n"
             "<INDIVIDUALS>\n") +
         std::string(individuals) + "</INDIVIDUALS>\n<ENTITIES>\n" +
         std::string(entities) + "</ENTITIES>\n</CONSOLIDATED_LIST>\n";
}

std::string Individual(std::string_view ref, std::string_view first,
                       std::string_view extra = "") {
  return "<INDIVIDUAL><FIRST_NAME>" + std::string(first) +
         "</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>" +
         std::string(ref) + "</REFERENCE_NUMBER>" + std::string(extra) +
         "</INDIVIDUAL>\n";
}

TEST(UnXmlTest, Consolidated2026CountsAndInfo) {
  const EntityList& list = Load(kUn2026);
  // PROVENANCE.md: 1,003 = 730 INDIVIDUAL + 273 ENTITY. The UN lists no
  // vessels as ENTITY records, so every ENTITY stays an organization.
  EXPECT_EQ(list.entities.size(), 1003u);
  EXPECT_EQ(CountKind(list, EntityKind::kPerson), 730);
  EXPECT_EQ(CountKind(list, EntityKind::kOrganization), 273);
  EXPECT_EQ(CountKind(list, EntityKind::kVessel), 0);
  EXPECT_EQ(CountKind(list, EntityKind::kAircraft), 0);
  EXPECT_EQ(list.info.name, "un_sc");
  EXPECT_EQ(list.info.format, "un_xml");
  ASSERT_EQ(list.info.files.size(), 1u);
  EXPECT_EQ(list.info.files[0], kUn2026);
  EXPECT_EQ(list.info.published.ToString(), "2026-02-27");
  EXPECT_TRUE(list.info.unknown_fields.empty());
  // 378 original-script names (366 Arabic, 11 Cyrillic and one other),
  // each right after its record's primary name.
  int original = 0;
  for (const Entity& e : list.entities)
    if (e.names.size() > 1 && e.names[1].original_script &&
        e.names[1].type == NameType::kPrimary)
      ++original;
  EXPECT_EQ(original, 378);
}

TEST(UnXmlTest, Consolidated2026Kpi033) {
  const Entity* e = Find(Load(kUn2026), "un-KPi.033");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntityKind::kPerson);
  // The record has no aliases (one empty INDIVIDUAL_ALIAS).
  ASSERT_EQ(e->names.size(), 1u);
  EXPECT_EQ(e->names[0].full, "RI WON HO");
  EXPECT_EQ(e->names[0].type, NameType::kPrimary);
  EXPECT_FALSE(e->names[0].original_script);
  // Korean order: FIRST_NAME RI is the family name.
  EXPECT_EQ(e->names[0].parts.family, "RI");
  EXPECT_EQ(e->names[0].parts.given, "WON HO");
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].ToString(), "1964-07-17");
  EXPECT_FALSE(e->birth_dates[0].circa);
  EXPECT_EQ(e->birth_dates[0].text, "1964-07-17");
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"KP"});
  EXPECT_EQ(e->positions, std::vector<std::string>{
                              "DPRK Ministry of State Security Official"});
  EXPECT_TRUE(e->birth_places.empty());
  EXPECT_TRUE(e->addresses.empty());
  ASSERT_EQ(e->identifiers.size(), 1u);
  EXPECT_EQ(e->identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(e->identifiers[0].value, "381310014");  // " 381310014" trimmed
  EXPECT_EQ(e->identifiers[0].label, "Passport");
  EXPECT_EQ(e->identifiers[0].country, "");
  ASSERT_EQ(e->programs.size(), 1u);
  EXPECT_EQ(e->programs[0].code, "DPRK");
  EXPECT_EQ(e->programs[0].name, "1718 (2006)");
  EXPECT_EQ(e->listed_on.ToString(), "2016-11-30");
  ASSERT_EQ(e->remarks.size(), 1u);
  EXPECT_EQ(e->remarks[0],
            "Ri Won Ho is a DPRK Ministry of State Security Official "
            "stationed in Syria supporting KOMID.");
  EXPECT_EQ(e->gender, Gender::kUnknown);
  EXPECT_EQ(e->provenance.list, "un_sc");
  EXPECT_EQ(e->provenance.record_id, "KPi.033");
  EXPECT_EQ(e->provenance.published.ToString(), "2026-02-27");
  EXPECT_EQ(e->provenance.file, kUn2026);
  EXPECT_EQ(e->provenance.line, 10351u);  // its <INDIVIDUAL> start tag
}

TEST(UnXmlTest, LegacyByPrn2025CountsAndKpi033) {
  const EntityList& list = Load(kUn2025);
  EXPECT_EQ(list.entities.size(), 879u);
  EXPECT_EQ(CountKind(list, EntityKind::kPerson), 684);
  EXPECT_EQ(CountKind(list, EntityKind::kOrganization), 195);
  EXPECT_EQ(list.info.published.ToString(), "2025-08-02");
  EXPECT_TRUE(list.info.unknown_fields.empty());
  // No Iran 2231/1737 records before the 2025 re-listing.
  EXPECT_EQ(Find(list, "un-IRe.001"), nullptr);
  EXPECT_NE(Find(Load(kUn2026), "un-IRe.001"), nullptr);
  const Entity* e = Find(list, "un-KPi.033");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->names.size(), 1u);
  EXPECT_EQ(e->names[0].full, "RI WON HO");
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].ToString(), "1964-07-17");
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"KP"});
  EXPECT_EQ(e->provenance.line, 8591u);
}

TEST(UnXmlTest, ArabicNamesTitlesPositionsAndApproximateRanges) {
  const Entity* e = Find(Load(kUn2026), "un-TAi.002");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->names.size(), 2u);
  EXPECT_EQ(e->names[0].full, "MOHAMMAD HASSAN AKHUND");
  EXPECT_EQ(e->names[0].parts.given, "MOHAMMAD");
  EXPECT_EQ(e->names[0].parts.patronymic, "HASSAN");
  EXPECT_EQ(e->names[0].parts.family, "AKHUND");
  EXPECT_EQ(e->names[1].full, "محمد حسن آخوند");
  EXPECT_TRUE(e->names[1].original_script);
  EXPECT_EQ(e->names[1].type, NameType::kPrimary);
  EXPECT_EQ(e->titles, (std::vector<std::string>{"Mullah", "Haji"}));
  EXPECT_EQ(e->positions,
            (std::vector<std::string>{
                "First Deputy, Council of Ministers under the Taliban regime",
                "Foreign Minister under the Taliban regime",
                "Governor of Kandahar under the Taliban regime",
                "Political Advisor of Mullah Mohammed Omar"}));
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"AF"});
  ASSERT_EQ(e->birth_dates.size(), 2u);
  EXPECT_EQ(e->birth_dates[0].ToString(), "circa 1955..1958");
  EXPECT_EQ(e->birth_dates[0].text, "approximately between 1955 and 1958");
  EXPECT_EQ(e->birth_dates[1].ToString(), "circa 1945..1950");
  EXPECT_EQ(e->birth_places,
            std::vector<std::string>{
                "Pashmul village, Panjwai District, Kandahar Province, "
                "Afghanistan"});
  EXPECT_EQ(e->listed_on.ToString(), "2001-01-25");
  ASSERT_EQ(e->programs.size(), 1u);
  EXPECT_EQ(e->programs[0].code, "Taliban");
  EXPECT_EQ(e->programs[0].name, "1988 (2011)");
}

TEST(UnXmlTest, AliasQualitiesAndMonthInDateNote) {
  // QDi.395: a YEAR with the month in the NOTE ("Sep."), Good aliases.
  const Entity* e = Find(Load(kUn2026), "un-QDi.395");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].ToString(), "1958-09");
  EXPECT_EQ(e->birth_dates[0].text, "Sep. 1958");
  ASSERT_EQ(e->names.size(), 6u);
  EXPECT_EQ(e->names[1].full, "Mohammad Sholeh Ibrahim");
  EXPECT_EQ(e->names[1].type, NameType::kAka);
  EXPECT_EQ(e->names[1].quality, NameQuality::kStrong);
  // CDi.004: a Low alias; the birth month and year only in the NOTE.
  const Entity* k = Find(Load(kUn2026), "un-CDi.004");
  ASSERT_NE(k, nullptr);
  ASSERT_EQ(k->names.size(), 3u);
  EXPECT_EQ(k->names[2].full, "India Queen");
  EXPECT_EQ(k->names[2].quality, NameQuality::kLow);
  ASSERT_EQ(k->birth_dates.size(), 1u);
  EXPECT_EQ(k->birth_dates[0].ToString(), "1973-11");
}

TEST(UnXmlTest, MixedScriptAliasesComeApart) {
  // <ALIAS_NAME>حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)</ALIAS_NAME>
  const Entity* e = Find(Load(kUn2026), "un-QDi.306");
  ASSERT_NE(e, nullptr);
  std::vector<std::string> names;
  for (const Name& n : e->names) names.push_back(n.full);
  ASSERT_GE(names.size(), 6u);
  EXPECT_EQ(names[2], "حسن غول");
  EXPECT_TRUE(e->names[2].original_script);
  EXPECT_EQ(names[3], "Hassan Ghul");
  EXPECT_FALSE(e->names[3].original_script);
  EXPECT_EQ(names[4], "Hassan Gul");
  EXPECT_EQ(names[5], "Hasan Gul");
  // An undated note stays readable in the remarks.
  EXPECT_NE(std::find(e->remarks.begin(), e->remarks.end(),
                      "Date of birth: Between Aug. and Sep. 1977"),
            e->remarks.end());
}

TEST(UnXmlTest, EntityAliasTypes) {
  const Entity* e = Find(Load(kUn2026), "un-QDe.014");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntityKind::kOrganization);
  ASSERT_EQ(e->names.size(), 6u);
  EXPECT_EQ(e->names[0].full,
            "THE ORGANIZATION OF AL-QAIDA IN THE ISLAMIC MAGHREB");
  EXPECT_TRUE(e->names[0].parts.empty());
  EXPECT_EQ(e->names[2].full, "AQIM");
  EXPECT_EQ(e->names[2].type, NameType::kAka);
  EXPECT_EQ(e->names[2].quality, NameQuality::kUnspecified);
  EXPECT_EQ(e->names[5].full, "Salafist Group For Call and Combat");
  EXPECT_EQ(e->names[5].type, NameType::kFka);
  ASSERT_EQ(e->addresses.size(), 6u);
  EXPECT_EQ(e->addresses[0].country, "DZ");
  EXPECT_EQ(e->addresses[0].country_text, "Algeria");
  EXPECT_EQ(e->addresses[0].full, "Algeria");
}

TEST(UnXmlTest, DprkShippingCompanyImoAndBankSwift) {
  const EntityList& list = Load(kUn2026);
  const Entity* ship = Find(list, "un-KPe.022");
  ASSERT_NE(ship, nullptr);
  // A shipping company with an IMO company number, not a vessel.
  EXPECT_EQ(ship->kind, EntityKind::kOrganization);
  EXPECT_EQ(ship->names[0].full, "CHONGCHONGANG SHIPPING COMPANY");
  ASSERT_EQ(ship->identifiers.size(), 1u);
  EXPECT_EQ(ship->identifiers[0].kind, IdKind::kImo);
  EXPECT_EQ(ship->identifiers[0].value, "5342883");
  ASSERT_EQ(ship->addresses.size(), 2u);
  EXPECT_EQ(ship->addresses[0].street,
            "817 Haeun, Donghung-dong, Central District");
  EXPECT_EQ(ship->addresses[0].city, "Pyongyang");
  EXPECT_EQ(ship->addresses[0].country, "KP");
  const Entity* bank = Find(list, "un-KPe.034");
  ASSERT_NE(bank, nullptr);
  ASSERT_EQ(bank->identifiers.size(), 1u);
  EXPECT_EQ(bank->identifiers[0].kind, IdKind::kSwiftBic);
  EXPECT_EQ(bank->identifiers[0].value, "ILSIKPPY");
  // "International Maritime Organization (IMO) Number: 1790183" (KPe.020)
  // and "Company Number IMO 5434358" (KPe.066) are read too.
  int imo = 0;
  for (const Entity& e : list.entities)
    for (const Identifier& id : e.identifiers)
      if (id.kind == IdKind::kImo) ++imo;
  EXPECT_EQ(imo, 16);
  const Entity* omm = Find(list, "un-KPe.020");
  ASSERT_NE(omm, nullptr);
  ASSERT_FALSE(omm->identifiers.empty());
  EXPECT_EQ(omm->identifiers[0].value, "1790183");
}

TEST(UnXmlTest, DocumentsWithIssuingCountry) {
  const EntityList& list = Load(kUn2026);
  const Entity* e = Find(list, "un-KPi.068");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->identifiers.size(), 2u);
  EXPECT_EQ(e->identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(e->identifiers[0].value, "927234267");
  EXPECT_EQ(e->identifiers[0].country, "");
  EXPECT_EQ(e->identifiers[1].kind, IdKind::kPassport);
  EXPECT_EQ(e->identifiers[1].value, "108120258");
  EXPECT_EQ(e->identifiers[1].country, "KP");
  EXPECT_EQ(e->identifiers[1].notes,
            "issued 2018-02-14; expiration date 14 Feb. 2023");
  // KPi.008 lists one passport three times, under French, Spanish and
  // English labels, with COUNTRY_OF_ISSUE only.
  const Entity* k = Find(list, "un-KPi.008");
  ASSERT_NE(k, nullptr);
  ASSERT_EQ(k->identifiers.size(), 1u);
  EXPECT_EQ(k->identifiers[0].value, "645120196");
  EXPECT_EQ(k->identifiers[0].label, "Passport");
  EXPECT_EQ(k->identifiers[0].country, "KP");
}

TEST(UnXmlTest, DamagedOriginalScriptIsAWarning) {
  const EntityList& list = Load(kUn2026);
  std::string expected =
      kUn2026 +
      ":36519: record TAi.068: field NAME_ORIGINAL_SCRIPT: holds U+FFFD "
      "replacement characters (damaged at the source)";
  EXPECT_NE(
      std::find(list.info.warnings.begin(), list.info.warnings.end(), expected),
      list.info.warnings.end());
  // Every UN_LIST_TYPE in the file has a regime name.
  for (const std::string& w : list.info.warnings)
    EXPECT_EQ(w.find("UN_LIST_TYPE"), std::string::npos) << w;
}

TEST(UnXmlTest, LoadListDetectsFormatAndHashes) {
  auto list = LoadList(kUn2026);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.format, "un_xml");
  EXPECT_EQ(list->entities.size(), 1003u);
  // PROVENANCE.md gives the first 16 hex digits of the file's sha256.
  EXPECT_EQ(list->info.content_hash.substr(0, 7 + 16),
            "sha256:66b392a4090868d2");
  auto forced = LoadList("un_xml:" + kUn2025);
  ASSERT_TRUE(forced.ok()) << forced.status().ToString();
  EXPECT_EQ(forced->entities.size(), 879u);
}

TEST(UnXmlTest, SmallFileFieldByField) {
  TempFile f(
      "small.xml",
      UnFile(Individual("KPi.900", "KIM",
                        "<SECOND_NAME>CHOL</SECOND_NAME>"
                        "<LISTED_ON>2015-04-07-04:00</LISTED_ON>"
                        "<GENDER>Female</GENDER>"
                        "<NATIONALITY><VALUE>na</VALUE></NATIONALITY>"
                        "<INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY>"
                        "<ALIAS_NAME>Kim Cheol</ALIAS_NAME>"
                        "<NOTE>formerly listed as</NOTE></INDIVIDUAL_ALIAS>"
                        "<INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY>"
                        "<ALIAS_NAME>Abu Kim; Abou Kim</ALIAS_NAME>"
                        "</INDIVIDUAL_ALIAS>"
                        "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY"
                        "</TYPE_OF_DATE><YEAR>1970</YEAR>"
                        "</INDIVIDUAL_DATE_OF_BIRTH>"
                        "<INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>National "
                        "Identification Number</TYPE_OF_DOCUMENT>"
                        "<TYPE_OF_DOCUMENT2>Italian Fiscal Code:"
                        "</TYPE_OF_DOCUMENT2><NUMBER>ABC123</NUMBER>"
                        "<ISSUING_COUNTRY>Italy</ISSUING_COUNTRY>"
                        "<DATE_OF_ISSUE>2001-02-03</DATE_OF_ISSUE>"
                        "</INDIVIDUAL_DOCUMENT>"),
             "<ENTITY><FIRST_NAME>ACME SHIPPING</FIRST_NAME>"
             "<REFERENCE_NUMBER>KPe.900</REFERENCE_NUMBER>"
             "<COMMENTS1>Owner of a tanker. IMO number: 1234567. "
             "SWIFT/BIC: ACMEKPPY.</COMMENTS1>"
             "<ENTITY_ALIAS><QUALITY>f.k.a.</QUALITY>"
             "<ALIAS_NAME>OLD ACME</ALIAS_NAME></ENTITY_ALIAS>"
             "</ENTITY>\n"));
  auto list = LoadUnXml(f.path());
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->entities.size(), 2u);
  const Entity& p = list->entities[0];
  EXPECT_EQ(p.id, "un-KPi.900");
  EXPECT_EQ(p.provenance.line, 4u);
  EXPECT_EQ(p.listed_on.ToString(), "2015-04-07");
  EXPECT_EQ(p.gender, Gender::kFemale);
  EXPECT_TRUE(p.nationalities.empty());  // "na" is not Namibia
  ASSERT_EQ(p.names.size(), 4u);
  EXPECT_EQ(p.names[1].full, "Kim Cheol");
  EXPECT_EQ(p.names[1].type, NameType::kFka);
  EXPECT_EQ(p.names[1].quality, NameQuality::kLow);
  EXPECT_EQ(p.names[2].full, "Abu Kim");
  EXPECT_EQ(p.names[3].full, "Abou Kim");
  EXPECT_EQ(p.names[3].quality, NameQuality::kStrong);
  ASSERT_EQ(p.birth_dates.size(), 1u);
  EXPECT_EQ(p.birth_dates[0].ToString(), "circa 1970");
  ASSERT_EQ(p.identifiers.size(), 1u);
  EXPECT_EQ(p.identifiers[0].kind, IdKind::kTaxId);
  EXPECT_EQ(p.identifiers[0].label, "Italian Fiscal Code");
  EXPECT_EQ(p.identifiers[0].country, "IT");
  EXPECT_EQ(p.identifiers[0].notes, "issued 2001-02-03");
  EXPECT_TRUE(p.remarks.empty());
  const Entity& o = list->entities[1];
  EXPECT_EQ(o.kind, EntityKind::kOrganization);
  EXPECT_EQ(o.provenance.line, 7u);
  EXPECT_TRUE(o.programs.empty());
  ASSERT_EQ(o.names.size(), 2u);
  EXPECT_EQ(o.names[1].type, NameType::kFka);
  ASSERT_EQ(o.identifiers.size(), 2u);
  EXPECT_EQ(o.identifiers[0].kind, IdKind::kImo);
  EXPECT_EQ(o.identifiers[0].value, "1234567");
  EXPECT_EQ(o.identifiers[1].kind, IdKind::kSwiftBic);
  EXPECT_EQ(o.identifiers[1].value, "ACMEKPPY");
}

TEST(UnXmlTest, UnknownElementsAreCounted) {
  TempFile f(
      "unknown.xml",
      UnFile(Individual("KPi.901", "KIM",
                        "<EYE_COLOUR>brown</EYE_COLOUR>"
                        "<INDIVIDUAL_ADDRESS><CITY>Pyongyang</CITY>"
                        "<DISTRICT>Central</DISTRICT>"
                        "</INDIVIDUAL_ADDRESS>") +
             Individual("KPi.902", "RI", "<EYE_COLOUR>green</EYE_COLOUR>")));
  auto list = LoadUnXml(f.path());
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->entities.size(), 2u);
  EXPECT_EQ(
      list->info.unknown_fields,
      (std::map<std::string, std::uint64_t>{
          {"INDIVIDUAL/EYE_COLOUR", 2}, {"INDIVIDUAL_ADDRESS/DISTRICT", 1}}));
  EXPECT_EQ(list->entities[0].addresses[0].city, "Pyongyang");
}

TEST(UnXmlBadInputTest, TruncatedFile) {
  auto whole = ReadFileContents(kUn2026);
  ASSERT_TRUE(whole.ok());
  TempFile f("truncated.xml",
             std::string_view(*whole).substr(0, size_t{64} * 1024));
  auto list = LoadUnXml(f.path());
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            f.path() +
                ":1662: XML error: the file ends inside <CONSOLIDATED_LIST> "
                "(truncated?)");
}

TEST(UnXmlBadInputTest, InvalidUtf8InName) {
  TempFile f("utf8.xml", UnFile(Individual("KPi.903", "KIM\xC3(")));
  auto list = LoadUnXml(f.path());
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            f.path() +
                ":4: record KPi.903: field FIRST_NAME: invalid UTF-8 (byte "
                "0xC3)");
}

TEST(UnXmlBadInputTest, EmptyFile) {
  TempFile f("empty.xml", "");
  auto list = LoadUnXml(f.path());
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(), f.path() + ": the file is empty");
  TempFile blank("blank.xml", " \n");
  auto b = LoadUnXml(blank.path());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(),
            blank.path() + ": no XML root element (empty or not XML)");
}

TEST(UnXmlBadInputTest, DuplicatedReferenceNumber) {
  TempFile f("dup.xml",
             UnFile(Individual("KPi.904", "KIM") + Individual("KPi.905", "RI") +
                    Individual("KPi.904", "PAK")));
  auto list = LoadUnXml(f.path());
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            f.path() +
                ":6: record KPi.904: field REFERENCE_NUMBER: duplicated "
                "(first at line 4)");
}

TEST(UnXmlBadInputTest, RecordWithoutName) {
  TempFile f("noname.xml",
             UnFile(Individual("KPi.906", "KIM") + Individual("KPi.907", "")));
  auto list = LoadUnXml(f.path());
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            f.path() + ":5: record KPi.907: field FIRST_NAME: empty (no name)");
}

TEST(UnXmlBadInputTest, RecordWithoutReferenceNumber) {
  TempFile f("noref.xml",
             UnFile("<INDIVIDUAL><FIRST_NAME>KIM</FIRST_NAME></INDIVIDUAL>\n"));
  auto list = LoadUnXml(f.path());
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(
      list.status().message(),
      f.path() + ":4: record <INDIVIDUAL>: field REFERENCE_NUMBER: missing");
}

TEST(UnXmlBadInputTest, ImpossibleBirthDate) {
  TempFile f("feb31.xml",
             UnFile(Individual("KPi.908", "KIM",
                               "<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT"
                               "</TYPE_OF_DATE><DATE>1970-02-31</DATE>"
                               "</INDIVIDUAL_DATE_OF_BIRTH>")));
  auto list = LoadUnXml(f.path());
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            f.path() +
                ":4: record KPi.908: field INDIVIDUAL_DATE_OF_BIRTH/DATE: "
                "impossible date '1970-02-31'");
}

TEST(UnXmlBadInputTest, ImpossibleListingDate) {
  TempFile f("listed.xml",
             UnFile(Individual("KPi.909", "KIM",
                               "<LISTED_ON>2016-02-30</LISTED_ON>")));
  auto list = LoadUnXml(f.path());
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            f.path() +
                ":4: record KPi.909: field LISTED_ON: impossible date "
                "'2016-02-30'");
}

TEST(UnXmlBadInputTest, WrongRootAndNoRecords) {
  TempFile other("other.xml", "<sdnList><sdnEntry/></sdnList>\n");
  auto a = LoadUnXml(other.path());
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(
      a.status().message(),
      other.path() + ": root element is <sdnList>, not <CONSOLIDATED_LIST>");
  TempFile none("none.xml", UnFile(""));
  auto b = LoadUnXml(none.path());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(),
            none.path() + ": no INDIVIDUAL or ENTITY records");
}

}  // namespace
}  // namespace embargo::internal
