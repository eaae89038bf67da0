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
const std::string kSdnExcerpt = kData + "/ofac_sdn/2020-04-22_excerpt/sdn.xml";
const std::string kConsolidated =
    kData + "/ofac_consolidated/2025-03-28/consolidated.xml";

const EntityList& Load(const std::string& path) {
  static std::map<std::string, EntityList> cache;
  auto it = cache.find(path);
  if (it != cache.end()) return it->second;
  auto list = LoadOfacXml(path);
  EXPECT_TRUE(list.ok()) << list.status().ToString();
  return cache.emplace(path, list.ok() ? std::move(*list) : EntityList{})
      .first->second;
}

bool HasRemark(const Entity& e, std::string_view remark) {
  return std::find(e.remarks.begin(), e.remarks.end(), remark) !=
         e.remarks.end();
}

// Line 1 the prolog, line 2 the root, line 3 publshInformation, then one
// sdnEntry per line from line 4.
std::string SdnFile(std::string_view entries, std::string_view count = "2") {
  return std::string(
             "<?xml version=\"1.0\" standalone=\"yes\"?>\n"
             "<sdnList xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
             "xmlns=\"http://tempuri.org/sdnList.xsd\">\n"
             "<publshInformation><Publish_Date>04/22/2020</Publish_Date>"
             "<Record_Count>") +
         std::string(count) + "</Record_Count></publshInformation>\n" +
         std::string(entries) + "</sdnList>\n";
}

std::string Entry(std::string_view uid, std::string_view last_name,
                  std::string_view extra = "",
                  std::string_view type = "Entity") {
  return "<sdnEntry><uid>" + std::string(uid) + "</uid><lastName>" +
         std::string(last_name) + "</lastName><sdnType>" + std::string(type) +
         "</sdnType><programList><program>SDGT</program></programList>" +
         std::string(extra) + "</sdnEntry>\n";
}

TEST(OfacXmlTest, SdnExcerpt2020) {
  const EntityList& list = Load(kSdnExcerpt);
  EXPECT_EQ(list.entities.size(), 8u);
  EXPECT_EQ(CountKind(list, EntityKind::kPerson), 6);
  EXPECT_EQ(CountKind(list, EntityKind::kOrganization), 2);
  EXPECT_EQ(list.info.name, "ofac_sdn");
  EXPECT_EQ(list.info.format, "ofac_xml");
  EXPECT_EQ(list.info.files, std::vector<std::string>{kSdnExcerpt});
  EXPECT_EQ(list.info.published.ToString(), "2020-04-22");
  EXPECT_TRUE(list.info.unknown_fields.empty());
  // The excerpt keeps the full list's header.
  EXPECT_NE(
      std::find(list.info.warnings.begin(), list.info.warnings.end(),
                kSdnExcerpt + ": publshInformation/Record_Count says 8197 but "
                              "the file has 8 sdnEntry records"),
      list.info.warnings.end());
  std::vector<std::string> ids;
  for (const Entity& e : list.entities) ids.push_back(e.id);
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "ofac-10689", "ofac-18619", "ofac-19187", "ofac-19188",
                     "ofac-12057", "ofac-15496", "ofac-15497", "ofac-12345"}));
}

TEST(OfacXmlTest, SdnExcerptSaeed) {
  const Entity* e = Find(Load(kSdnExcerpt), "ofac-10689");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntityKind::kPerson);
  EXPECT_EQ(
      Names(*e),
      (std::vector<std::string>{
          "SAEED, Muhammad", "SAEED, Hafiz Muhammad", "SAEED, Hafiz",
          "HAFIZ SAHIB", "SAEED, Hafiz Mohammad", "SAYEED, Hafez Mohammad",
          "SAYID, Hafiz Mohammad", "SYEED, Hafiz Mohammad", "TATA JI",
          "SAYED, Hafiz Mohammad", "SAEED HAFIZ, Muhammad"}));
  EXPECT_EQ(e->names[0].type, NameType::kPrimary);
  EXPECT_EQ(e->names[0].parts.given, "Muhammad");
  EXPECT_EQ(e->names[0].parts.family, "SAEED");
  EXPECT_EQ(e->names[1].type, NameType::kAka);
  EXPECT_EQ(e->names[1].quality, NameQuality::kStrong);
  EXPECT_EQ(e->names[3].quality, NameQuality::kWeak);
  EXPECT_TRUE(e->names[3].parts.empty());  // a nickname, not a surname
  ASSERT_EQ(e->identifiers.size(), 4u);
  EXPECT_EQ(e->identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(e->identifiers[0].value, "Booklet A5250088");
  EXPECT_EQ(e->identifiers[0].country, "PK");
  EXPECT_EQ(e->identifiers[1].value, "BE5978421");
  EXPECT_EQ(e->identifiers[1].notes, "issued 14 Nov 2007; expires 12 Nov 2012");
  EXPECT_EQ(e->identifiers[2].kind, IdKind::kNationalId);
  EXPECT_EQ(e->identifiers[2].value, "23250460642");
  EXPECT_EQ(e->identifiers[2].label, "National ID No.");
  EXPECT_EQ(e->identifiers[3].value, "3520025509842-7");
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].ToString(), "1950-06-05");
  EXPECT_EQ(e->birth_dates[0].text, "05 Jun 1950");
  EXPECT_EQ(e->birth_places,
            std::vector<std::string>{"Sargodha, Punjab, Pakistan"});
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"PK"});
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].street,
            "House No. 116 E, Mohalla Johar, Town: Lahore, Tehsil:");
  EXPECT_EQ(e->addresses[0].city, "Lahore City, Lahore District");
  EXPECT_EQ(e->addresses[0].country, "PK");
  ASSERT_EQ(e->programs.size(), 1u);
  EXPECT_EQ(e->programs[0].code, "SDGT");
  EXPECT_EQ(
      e->source_urls,
      std::vector<std::string>{
          "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=10689"});
  EXPECT_EQ(e->provenance.list, "ofac_sdn");
  EXPECT_EQ(e->provenance.record_id, "10689");
  EXPECT_EQ(e->provenance.published.ToString(), "2020-04-22");
  EXPECT_EQ(e->provenance.line, 7u);
}

TEST(OfacXmlTest, SdnExcerptDateFormsTitleAndGender) {
  const EntityList& list = Load(kSdnExcerpt);
  const Entity* khan = Find(list, "ofac-18619");
  ASSERT_NE(khan, nullptr);
  ASSERT_EQ(khan->birth_dates.size(), 2u);
  EXPECT_EQ(khan->birth_dates[0].ToString(), "1976-01-01..1978-12-31");
  EXPECT_EQ(khan->birth_dates[0].text, "01 Jan 1976 to 31 Dec 1978");

  const Entity* naqdi = Find(list, "ofac-12057");
  ASSERT_NE(naqdi, nullptr);
  std::vector<std::string> dobs;
  for (const DateSpec& d : naqdi->birth_dates) dobs.push_back(d.ToString());
  EXPECT_EQ(dobs, (std::vector<std::string>{"1951..1953", "1960..1962",
                                            "1961-04", "1953"}));
  EXPECT_EQ(naqdi->gender, Gender::kMale);  // idType "Gender"
  EXPECT_EQ(naqdi->titles,
            std::vector<std::string>{
                "Brigadier General and Commander of the IRGC Basij "
                "Resistance Force; President of the Organization of the "
                "Basij of the Oppressed; Chief of the Mobilization of the "
                "Oppressed Organization"});
  EXPECT_EQ(naqdi->remarks,
            (std::vector<std::string>{
                "Head of the Basij",
                "Additional Sanctions Information: Subject to Secondary "
                "Sanctions"}));
  EXPECT_TRUE(naqdi->identifiers.empty());
  EXPECT_EQ(naqdi->birth_places,
            (std::vector<std::string>{"Najaf, Iraq", "Tehran, Iran"}));
  EXPECT_EQ(naqdi->programs.size(), 6u);

  const Entity* circa = Find(list, "ofac-12345");
  ASSERT_NE(circa, nullptr);
  ASSERT_EQ(circa->birth_dates.size(), 1u);
  EXPECT_EQ(circa->birth_dates[0].ToString(), "circa 1951");
  EXPECT_EQ(circa->birth_dates[0].text, "circa-1951");
  ASSERT_EQ(circa->addresses.size(), 1u);
  EXPECT_EQ(circa->addresses[0].country, "US");  // "USA"

  const Entity* troll = Find(list, "ofac-19187");
  ASSERT_NE(troll, nullptr);
  EXPECT_EQ(troll->kind, EntityKind::kOrganization);
  EXPECT_EQ(Names(*troll), std::vector<std::string>{"TROLL PROPERTIES, INC."});
  EXPECT_TRUE(troll->names[0].parts.empty());
  ASSERT_EQ(troll->identifiers.size(), 1u);
  EXPECT_EQ(troll->identifiers[0].kind, IdKind::kTaxId);  // "RUC #"
  EXPECT_EQ(troll->identifiers[0].value, "991715-1-534344");
  EXPECT_EQ(troll->identifiers[0].country, "PA");
}

TEST(OfacXmlTest, Consolidated2025) {
  const EntityList& list = Load(kConsolidated);
  EXPECT_EQ(list.entities.size(), 443u);
  EXPECT_EQ(CountKind(list, EntityKind::kPerson), 80);
  EXPECT_EQ(CountKind(list, EntityKind::kOrganization), 363);
  EXPECT_EQ(CountKind(list, EntityKind::kVessel), 0);
  EXPECT_EQ(CountKind(list, EntityKind::kAircraft), 0);
  EXPECT_EQ(list.info.name, "ofac_cons");
  EXPECT_EQ(list.info.published.ToString(), "2025-03-28");
  EXPECT_TRUE(list.info.unknown_fields.empty());
  for (const std::string& w : list.info.warnings)
    EXPECT_EQ(w.find("Record_Count"), std::string::npos) << w;
  // ids carry the list: ent_num 9639 of the non-SDN list.
  const Entity* e = Find(list, "ofac-cons-9639");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(Names(*e),
            (std::vector<std::string>{"HANIYA, Ismail Abdul Salah",
                                      "HANIYA, Ismail", "HANIYYA, Ismaeel"}));
  EXPECT_EQ(e->birth_dates[0].ToString(), "1962");
  EXPECT_EQ(e->birth_places, std::vector<std::string>{"Shati"});
  ASSERT_EQ(e->programs.size(), 1u);
  EXPECT_EQ(e->programs[0].code, "NS-PLC");
  EXPECT_EQ(e->provenance.list, "ofac_cons");
  EXPECT_EQ(e->provenance.line, 7u);
  int aliases = 0, fka = 0, weak = 0;
  for (const Entity& x : list.entities)
    for (size_t i = 1; i < x.names.size(); ++i) {
      ++aliases;
      if (x.names[i].type == NameType::kFka) ++fka;
      if (x.names[i].quality == NameQuality::kWeak) ++weak;
    }
  EXPECT_EQ(aliases, 1136);
  EXPECT_EQ(fka, 144);
  EXPECT_EQ(weak, 70);
}

TEST(OfacXmlTest, ConsolidatedBankIdentifiersAndSanctionsNotes) {
  const Entity* e = Find(Load(kConsolidated), "ofac-cons-17013");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->names[0].full, "VTB BANK PUBLIC JOINT STOCK COMPANY");
  EXPECT_EQ(e->names[1].full, "JSC VTB BANK");
  EXPECT_EQ(e->names[1].type, NameType::kFka);
  EXPECT_EQ(e->names.size(), 29u);  // the name and 28 aliases
  ASSERT_EQ(e->identifiers.size(), 10u);
  auto find_id = [&](IdKind kind) -> const Identifier* {
    for (const Identifier& id : e->identifiers)
      if (id.kind == kind) return &id;
    return nullptr;
  };
  const Identifier* swift = find_id(IdKind::kSwiftBic);
  ASSERT_NE(swift, nullptr);
  EXPECT_EQ(swift->value, "VTBRRUMM");
  const Identifier* lei = find_id(IdKind::kLei);
  ASSERT_NE(lei, nullptr);
  EXPECT_EQ(lei->value, "253400V1H6ART1UQ0N98");
  const Identifier* tax = find_id(IdKind::kTaxId);
  ASSERT_NE(tax, nullptr);
  EXPECT_EQ(tax->value, "7702070139");
  EXPECT_EQ(tax->country, "RU");
  const Identifier* reg = find_id(IdKind::kRegistration);
  ASSERT_NE(reg, nullptr);
  EXPECT_EQ(reg->value, "1027739609391");
  EXPECT_EQ(reg->label, "Registration ID");
  const Identifier* web = find_id(IdKind::kWebsite);
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->value, "www.vtb.com");
  EXPECT_TRUE(HasRemark(*e,
                        "Executive Order 13662 Directive Determination: "
                        "Subject to Directive 1"));
  EXPECT_TRUE(HasRemark(*e, "Target Type: Financial Institution"));
  EXPECT_TRUE(HasRemark(*e, "Organization Established Date: 17 Oct 1990"));
  ASSERT_EQ(e->addresses.size(), 12u);
  EXPECT_EQ(e->addresses[0].street, "29, Bolshaya Morskaya str.");
  EXPECT_EQ(e->addresses[0].city, "St. Petersburg");
  EXPECT_EQ(e->addresses[0].postal_code, "190000");
  EXPECT_EQ(e->addresses[0].country, "RU");
  EXPECT_EQ(e->addresses[0].full,
            "29, Bolshaya Morskaya str., St. Petersburg, 190000, Russia");
  EXPECT_EQ(e->programs.size(), 2u);
}

TEST(OfacXmlTest, ConsolidatedPersonAndRegistrationCountry) {
  const EntityList& list = Load(kConsolidated);
  const Entity* p = Find(list, "ofac-cons-26182");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->names[0].full, "KAYAKIRAN, Evren");
  EXPECT_EQ(p->gender, Gender::kMale);
  EXPECT_EQ(p->citizenships, std::vector<std::string>{"TR"});
  ASSERT_EQ(p->identifiers.size(), 1u);
  EXPECT_EQ(p->identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(p->identifiers[0].value, "U00242309");
  EXPECT_EQ(p->identifiers[0].country, "TR");
  EXPECT_EQ(p->birth_dates[0].ToString(), "1980-02-08");
  // "Nationality of Registration" is a country link, not an identifier.
  const Entity* o = Find(list, "ofac-cons-23552");
  ASSERT_NE(o, nullptr);
  EXPECT_EQ(o->countries, std::vector<std::string>{"RU"});
  ASSERT_EQ(o->identifiers.size(), 3u);
  EXPECT_EQ(o->identifiers[2].kind, IdKind::kEmail);
  EXPECT_EQ(o->identifiers[2].value, "lgnch@lgnch.spb.ru");
}

TEST(OfacXmlTest, LoadListDetectsFormatAndHashes) {
  auto list = LoadList(kConsolidated);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.format, "ofac_xml");
  EXPECT_EQ(list->info.content_hash.substr(0, 7 + 16),
            "sha256:ce9a9a18d03b81d0");
  auto sdn = LoadList(kSdnExcerpt);
  ASSERT_TRUE(sdn.ok()) << sdn.status().ToString();
  EXPECT_EQ(sdn->info.content_hash.substr(0, 7 + 16),
            "sha256:bfd9ff063eca6dd0");
}

TEST(OfacXmlTest, VesselAndAircraftFields) {
  TempFile f(
      "sdn_vessel.xml",
      SdnFile(Entry("15036", "ARIANA",
                    "<idList>"
                    "<id><uid>1</uid><idType>Vessel Registration "
                    "Identification</idType><idNumber>IMO 9187629</idNumber>"
                    "</id>"
                    "<id><uid>2</uid><idType>MMSI</idType>"
                    "<idNumber>572469210</idNumber></id>"
                    "<id><uid>3</uid><idType>Vessel Year of Build</idType>"
                    "<idNumber>1999</idNumber></id>"
                    "</idList>"
                    "<vesselInfo><callSign>9HHL9</callSign>"
                    "<vesselType>Crude Oil Tanker</vesselType>"
                    "<vesselFlag>Malta</vesselFlag>"
                    "<vesselOwner>NATIONAL IRANIAN TANKER COMPANY"
                    "</vesselOwner><tonnage>58,125</tonnage>"
                    "<grossRegisteredTonnage>81,479</grossRegisteredTonnage>"
                    "</vesselInfo>",
                    "Vessel") +
              Entry("15037", "EP-MMA",
                    "<idList>"
                    "<id><uid>4</uid><idType>Aircraft Manufacturer's Serial "
                    "Number (MSN)</idType><idNumber>164</idNumber></id>"
                    "<id><uid>5</uid><idType>Aircraft Tail Number</idType>"
                    "<idNumber>EP-MMA</idNumber></id>"
                    "<id><uid>6</uid><idType>Aircraft Model</idType>"
                    "<idNumber>Airbus A340-313X</idNumber></id>"
                    "<id><uid>7</uid><idType>Aircraft Operator</idType>"
                    "<idNumber>MAHAN AIR</idNumber></id>"
                    "<id><uid>8</uid><idType>Aircraft Manufacture Date"
                    "</idType><idNumber>01 Jan 1997</idNumber></id>"
                    "</idList>",
                    "Aircraft")));
  auto list = LoadOfacXml(f.path());
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.name, "ofac_sdn");
  EXPECT_TRUE(list->info.warnings.empty());  // Record_Count 2 matches
  ASSERT_EQ(list->entities.size(), 2u);
  const Entity& v = list->entities[0];
  EXPECT_EQ(v.id, "ofac-15036");
  EXPECT_EQ(v.kind, EntityKind::kVessel);
  EXPECT_EQ(v.provenance.line, 4u);
  EXPECT_EQ(v.vessel.type, "Crude Oil Tanker");
  EXPECT_EQ(v.vessel.flag, "MT");
  EXPECT_EQ(v.vessel.flag_text, "Malta");
  EXPECT_EQ(v.vessel.owner, "NATIONAL IRANIAN TANKER COMPANY");
  EXPECT_EQ(v.vessel.tonnage, "58,125");
  EXPECT_EQ(v.vessel.gross_registered_tonnage, "81,479");
  EXPECT_EQ(v.vessel.build_date, "1999");
  ASSERT_EQ(v.identifiers.size(), 3u);
  EXPECT_EQ(v.identifiers[0].kind, IdKind::kImo);
  EXPECT_EQ(v.identifiers[0].value, "9187629");
  EXPECT_EQ(v.identifiers[1].kind, IdKind::kMmsi);
  EXPECT_EQ(v.identifiers[1].value, "572469210");
  EXPECT_EQ(v.identifiers[2].kind, IdKind::kCallSign);
  EXPECT_EQ(v.identifiers[2].value, "9HHL9");
  const Entity& a = list->entities[1];
  EXPECT_EQ(a.kind, EntityKind::kAircraft);
  EXPECT_EQ(a.provenance.line, 5u);
  EXPECT_EQ(a.aircraft.model, "Airbus A340-313X");
  EXPECT_EQ(a.aircraft.operator_name, "MAHAN AIR");
  EXPECT_EQ(a.aircraft.build_date, "01 Jan 1997");
  ASSERT_EQ(a.identifiers.size(), 2u);
  EXPECT_EQ(a.identifiers[0].kind, IdKind::kAircraftSerial);
  EXPECT_EQ(a.identifiers[0].value, "164");
  EXPECT_EQ(a.identifiers[1].kind, IdKind::kTailNumber);
  EXPECT_EQ(a.identifiers[1].value, "EP-MMA");
}

TEST(OfacXmlTest, ListFromFileName) {
  std::string body = SdnFile(Entry("306", "BANCO NACIONAL DE CUBA"), "1");
  TempFile cons("CONSOLIDATED.XML", body);
  auto c = LoadOfacXml(cons.path());
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->info.name, "ofac_cons");
  EXPECT_EQ(c->entities[0].id, "ofac-cons-306");
  EXPECT_EQ(c->entities[0].provenance.list, "ofac_cons");
  TempFile sdn("SDN.XML", body);
  auto s = LoadOfacXml(sdn.path());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->info.name, "ofac_sdn");
  EXPECT_EQ(s->entities[0].id, "ofac-306");
}

TEST(OfacXmlTest, UnknownElementsAreCounted) {
  TempFile f("unknown_sdn.xml",
             SdnFile(Entry("1", "A", "<dunsNumber>123</dunsNumber>") +
                     Entry("2", "B",
                           "<dunsNumber>456</dunsNumber><akaList><aka>"
                           "<uid>9</uid><type>a.k.a.</type><category>strong"
                           "</category><lastName>BEE</lastName><script>Latn"
                           "</script></aka></akaList>")));
  auto list = LoadOfacXml(f.path());
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.unknown_fields,
            (std::map<std::string, std::uint64_t>{{"sdnEntry/dunsNumber", 2},
                                                  {"aka/script", 1}}));
  EXPECT_EQ(list->entities[1].names[1].full, "BEE");
}

TEST(OfacXmlBadInputTest, TruncatedFile) {
  auto whole = ReadFileContents(kConsolidated);
  ASSERT_TRUE(whole.ok());
  TempFile f("truncated_cons.xml",
             std::string_view(*whole).substr(0, size_t{100} * 1024));
  auto list = LoadOfacXml(f.path());
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            f.path() +
                ":3610: XML error: the file ends inside <sdnList> "
                "(truncated?)");
}

TEST(OfacXmlBadInputTest, DuplicatedUid) {
  TempFile f("dup_sdn.xml", SdnFile(Entry("36", "AEROCARIBBEAN AIRLINES") +
                                    Entry("36", "ANGLO-CARIBBEAN CO., LTD.")));
  auto list = LoadOfacXml(f.path());
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(
      list.status().message(),
      f.path() + ":5: record 36: field uid: duplicated (first at line 4)");
}

TEST(OfacXmlBadInputTest, EmptyFileAndNoEntries) {
  TempFile empty("empty_sdn.xml", "");
  auto a = LoadOfacXml(empty.path());
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(), empty.path() + ": the file is empty");
  TempFile none("none_sdn.xml", SdnFile("", "0"));
  auto b = LoadOfacXml(none.path());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(), none.path() + ": no sdnEntry records");
}

TEST(OfacXmlBadInputTest, ImpossibleBirthDate) {
  TempFile f("feb31_sdn.xml",
             SdnFile(Entry("7", "DOE",
                           "<dateOfBirthList><dateOfBirthItem><uid>1</uid>"
                           "<dateOfBirth>31 Feb 1970</dateOfBirth>"
                           "<mainEntry>true</mainEntry></dateOfBirthItem>"
                           "</dateOfBirthList>",
                           "Individual")));
  auto list = LoadOfacXml(f.path());
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            f.path() +
                ":4: record 7: field dateOfBirth: impossible date '31 Feb "
                "1970'");
}

TEST(OfacXmlBadInputTest, MissingNameUidOrType) {
  TempFile noname("noname_sdn.xml", SdnFile(Entry("8", "")));
  auto a = LoadOfacXml(noname.path());
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(),
            noname.path() + ":4: record 8: field lastName: empty (no name)");
  TempFile nouid("nouid_sdn.xml",
                 SdnFile("<sdnEntry><lastName>X</lastName></sdnEntry>\n"));
  auto b = LoadOfacXml(nouid.path());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(),
            nouid.path() + ":4: record <sdnEntry>: field uid: missing");
  TempFile badtype("badtype_sdn.xml", SdnFile(Entry("9", "X", "", "Ship")));
  auto c = LoadOfacXml(badtype.path());
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(
      c.status().message(),
      badtype.path() + ":4: record 9: field sdnType: unknown type 'Ship'");
}

TEST(OfacXmlBadInputTest, InvalidUtf8AndBadPublishDate) {
  TempFile utf8("utf8_sdn.xml", SdnFile(Entry("10", "CAF\xE9")));
  auto a = LoadOfacXml(utf8.path());
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(
      a.status().message(),
      utf8.path() + ":4: record 10: field lastName: invalid UTF-8 (byte 0xE9)");
  std::string body = SdnFile(Entry("11", "X"), "1");
  body.replace(body.find("04/22/2020"), 10, "02/30/2020");
  TempFile date("date_sdn.xml", body);
  auto b = LoadOfacXml(date.path());
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(),
            date.path() +
                ":3: publshInformation: field Publish_Date: impossible date "
                "'02/30/2020'");
}

}  // namespace
}  // namespace embargo::internal
