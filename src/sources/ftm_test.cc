#include <gtest/gtest.h>

#include <map>

#include "embargo/lists.h"
#include "sources/loader_test_util.h"
#include "sources/loaders.h"

namespace embargo::internal {

// Defined in ftm.cc.
Result<EntityList> LoadFtmWithLimit(const std::string& path,
                                    size_t max_line_bytes);

namespace {

const std::string kZala = std::string(EMBARGO_SHARED_DATA) +
                          "/opensanctions/yente_zala/entities.ftm.json";
const std::string kFtmFixtures =
    std::string(EMBARGO_SOURCE_DIR) + "/tests/fixtures/ftm/";

std::vector<std::string> ProgramCodes(const Entity& e) {
  std::vector<std::string> out;
  for (const Program& p : e.programs) out.push_back(p.code);
  return out;
}

TEST(FtmTest, LoadsTheZalaExport) {
  auto list = LoadList(kZala);  // detected by its leading '{'
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.name, "yente_zala");
  EXPECT_EQ(list->info.format, "ftm");
  EXPECT_TRUE(list->info.published.empty());
  // 91 lines: 6 Person and 11 Company load; the other schemas do not.
  std::map<EntityKind, int> kinds;
  for (const Entity& e : list->entities) ++kinds[e.kind];
  EXPECT_EQ(list->entities.size(), 17u);
  EXPECT_EQ(kinds[EntityKind::kPerson], 6);
  EXPECT_EQ(kinds[EntityKind::kOrganization], 11);
  EXPECT_EQ(list->info.unknown_fields.at("schema:Sanction"), 41u);
  EXPECT_EQ(list->info.unknown_fields.at("schema:Ownership"), 14u);
  EXPECT_EQ(list->info.unknown_fields.at("schema:Address"), 11u);
  EXPECT_EQ(list->info.unknown_fields.at("schema:Family"), 4u);
  EXPECT_EQ(list->info.unknown_fields.at("schema:Directorship"), 3u);
  EXPECT_EQ(list->info.unknown_fields.at("schema:Passport"), 1u);
  EXPECT_TRUE(list->info.warnings.empty());
}

TEST(FtmTest, PersonFields) {
  auto list = LoadFtm(kZala);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  const Entity* e = Find(*list, "NK-2Tbri3s6GgNtAwsSXh4qpL");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntityKind::kPerson);
  EXPECT_EQ(e->provenance.list, "yente_zala");
  EXPECT_EQ(e->provenance.record_id, "NK-2Tbri3s6GgNtAwsSXh4qpL");
  EXPECT_EQ(e->provenance.line, 1u);
  // The caption first, then 12 names less the caption, 2 aliases (one a
  // repeat), 2 previous names.
  ASSERT_EQ(e->names.size(), 16u);
  const Name& primary = e->names[0];
  EXPECT_EQ(primary.full, "Maria Aleksandrovna Osetrova");
  EXPECT_EQ(primary.type, NameType::kPrimary);
  EXPECT_EQ(primary.parts.given, "Maria Aleksandrovna");
  EXPECT_EQ(primary.parts.family, "Osetrova");
  EXPECT_EQ(e->names[5].full, "Мария Александровна Осетрова");
  EXPECT_TRUE(e->names[5].original_script);
  EXPECT_FALSE(e->names[1].original_script);
  EXPECT_EQ(e->names[14].full, "Maria Aleksandrovna Zakharova");
  EXPECT_EQ(e->names[14].type, NameType::kFka);
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].ToString(), "1988-01-07");
  EXPECT_EQ(e->birth_places, (std::vector<std::string>{"Russia", "Izhevsk"}));
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"RU"});
  EXPECT_EQ(e->citizenships, std::vector<std::string>{"RU"});
  EXPECT_EQ(e->countries, std::vector<std::string>{"RU"});
  EXPECT_EQ(e->gender, Gender::kFemale);
  EXPECT_EQ(ProgramCodes(*e),
            (std::vector<std::string>{"UA-SA1644", "US-RUSHAR", "GB-RUS"}));
  // No Sanction entity names her: her record's createdAt stands in.
  EXPECT_EQ(e->listed_on.ToString(), "2025-02-13");
  ASSERT_EQ(e->identifiers.size(), 5u);
  EXPECT_EQ(e->identifiers[0].kind, IdKind::kNationalId);
  EXPECT_EQ(e->identifiers[0].value, "183116181362");
  EXPECT_EQ(e->identifiers[1].kind, IdKind::kTaxId);
  EXPECT_EQ(e->identifiers[1].label, "INN");
  ASSERT_EQ(e->addresses.size(), 2u);
  EXPECT_EQ(e->addresses[1].full,
            "272 Pushkinskaya St., Apt. 41, Izhevsk, 426008");
  EXPECT_EQ(e->source_urls.size(), 2u);
}

TEST(FtmTest, CompanyTakesProgramsAndDatesFromSanctions) {
  auto list = LoadFtm(kZala);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  const Entity* e = Find(*list, "NK-abdzbEBkqyT29GyREbiURZ");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntityKind::kOrganization);
  EXPECT_EQ(e->names[0].full, "LLC CST");
  // The earliest listingDate of the 28 Sanction entities naming it.
  EXPECT_EQ(e->listed_on.ToString(), "2022-03-01");
  const Program* au = nullptr;
  for (const Program& p : e->programs)
    if (p.code == "AU-RUSSIA") au = &p;
  ASSERT_NE(au, nullptr);
  EXPECT_EQ(au->name, "Autonomous (Russia)");
  // Address entities behind "addressEntity" give structured addresses.
  bool structured = false;
  for (const Address& a : e->addresses)
    structured = structured ||
                 (a.street == "130 Vorovskogo St." && a.city == "Izhevsk" &&
                  a.postal_code == "436063" && a.country == "RU");
  EXPECT_TRUE(structured);

  const Entity* linked = Find(*list, "NK-56Edov9bas9puzaChH5pBy");
  ASSERT_NE(linked, nullptr);
  EXPECT_TRUE(linked->names[0].original_script);
  EXPECT_EQ(linked->remarks.back(),
            "not a sanctions target itself (FollowTheMoney target: false)");
}

TEST(FtmFixtureTest, VesselsAircraftReferencesAndDocuments) {
  std::string path = kFtmFixtures + "sample.ftm.json";
  auto list = LoadFtm(path);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.name, "sample");
  ASSERT_EQ(list->entities.size(), 4u);
  const Entity* v = Find(*list, "ves-1");
  ASSERT_NE(v, nullptr);
  EXPECT_EQ(v->kind, EntityKind::kVessel);
  EXPECT_EQ(v->names[1].full, "SEA STAR");
  EXPECT_EQ(v->names[1].type, NameType::kFka);
  EXPECT_EQ(v->vessel.flag, "PA");
  EXPECT_EQ(v->vessel.type, "Crude Oil Tanker");
  EXPECT_EQ(v->vessel.gross_registered_tonnage, "81000");
  EXPECT_EQ(v->vessel.build_date, "2001");
  // "co-1-old" is a referent of co-1.
  EXPECT_EQ(v->vessel.owner, "Star Shipping Ltd");
  ASSERT_EQ(v->identifiers.size(), 2u);
  EXPECT_EQ(v->identifiers[0].kind, IdKind::kImo);
  EXPECT_EQ(v->identifiers[0].value, "9123456");
  EXPECT_EQ(v->identifiers[1].kind, IdKind::kMmsi);
  ASSERT_EQ(v->programs.size(), 1u);
  EXPECT_EQ(v->programs[0].code, "US-RUSSIA");
  EXPECT_EQ(v->programs[0].name, "Russia-related");
  EXPECT_EQ(v->listed_on.ToString(), "2024-02-23");
  EXPECT_EQ(v->source_urls,
            std::vector<std::string>{"https://example.org/ves-1"});

  const Entity* p = Find(*list, "per-1");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->provenance.line, 5u);                // after a blank line
  EXPECT_EQ(p->names[0].full, "Ahmad AL-EXAMPLE");  // no caption: first name
  EXPECT_EQ(p->names[1].quality, NameQuality::kWeak);
  EXPECT_EQ(p->nationalities, std::vector<std::string>{"SY"});
  EXPECT_EQ(p->birth_dates[0].ToString(), "1970-05");
  ASSERT_EQ(p->addresses.size(), 1u);
  EXPECT_EQ(p->addresses[0].city, "Damascus");
  EXPECT_EQ(p->addresses[0].country, "SY");
  ASSERT_EQ(p->identifiers.size(), 1u);
  EXPECT_EQ(p->identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(p->identifiers[0].value, "N123");
  EXPECT_EQ(p->identifiers[0].country, "SY");
  EXPECT_EQ(p->identifiers[0].label, "Diplomatic passport");

  const Entity* a = Find(*list, "air-1");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->kind, EntityKind::kAircraft);
  EXPECT_EQ(a->aircraft.model, "Airbus A340");
  EXPECT_EQ(a->aircraft.operator_name, "Star Shipping Ltd");
  EXPECT_EQ(a->identifiers[0].kind, IdKind::kAircraftSerial);

  EXPECT_EQ(list->info.unknown_fields,
            (std::map<std::string, std::uint64_t>{{"colour", 1},
                                                  {"schema:Address", 1},
                                                  {"schema:Passport", 1},
                                                  {"schema:Sanction", 1}}));
  EXPECT_EQ(list->info.warnings,
            std::vector<std::string>{"unmapped country 'zz'"});
}

TEST(FtmFixtureTest, MalformedJsonNamesTheLine) {
  std::string path = kFtmFixtures + "malformed.ftm.json";
  auto list = LoadFtm(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            path +
                ":2: invalid JSON at byte 61: syntax error while parsing "
                "object - unexpected end of input; expected '}'");
}

// fuzz_ftm: a number too large for a double ("83e5253") makes nlohmann
// throw out_of_range.406, not parse_error; it escaped the loader and ended
// the process. It is a malformed line like any other.
TEST(FtmFixtureTest, FuzzCrashNumberOverflowIsADataError) {
  const TempFile file(
      "overflow.ftm.json",
      "{\"id\": \"a\", \"schema\": \"Person\", \"caption\": \"A\"}\n"
      "{\"id\": \"b\", \"schema\": \"Person\", \"x\": 83e5253}\n");
  const std::string& path = file.path();
  auto list = LoadFtm(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            path + ":2: invalid JSON: number overflow parsing '83e5253'");
}

TEST(FtmFixtureTest, NonObjectLine) {
  std::string path = kFtmFixtures + "non_object.ftm.json";
  auto list = LoadFtm(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path + ":2: expected a JSON object, found array");
}

TEST(FtmFixtureTest, EntityWithoutId) {
  std::string path = kFtmFixtures + "no_id.ftm.json";
  auto list = LoadFtm(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path + ":3: record (no id): field id: missing");
}

TEST(FtmFixtureTest, DuplicateId) {
  std::string path = kFtmFixtures + "duplicate_id.ftm.json";
  auto list = LoadFtm(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path + ":3: record a: field id: duplicate of the record at line 1");
}

TEST(FtmFixtureTest, OverlongLineIsALimitError) {
  std::string path = kFtmFixtures + "sample.ftm.json";
  auto list = LoadFtmWithLimit(path, 300);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kLimitExceeded);
  EXPECT_EQ(list.status().message(),
            path + ":1: line longer than the limit of 300 bytes");
}

TEST(FtmFixtureTest, LastLineWithoutNewlineAndCrlf) {
  const TempFile file(
      "embargo_crlf.ftm.json",
      "{\"id\": \"a\", \"schema\": \"LegalEntity\", \"properties\": "
      "{\"name\": [\"A Corp\"], \"country\": [\"RU\"]}}\r\n"
      "{\"id\": \"b\", \"schema\": \"Person\", \"caption\": \"B\"}");
  auto list = LoadFtm(file.path());
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->entities.size(), 2u);
  EXPECT_EQ(list->entities[0].kind, EntityKind::kOrganization);
  EXPECT_EQ(list->entities[0].countries, std::vector<std::string>{"RU"});
  EXPECT_EQ(list->entities[1].names[0].full, "B");
  EXPECT_EQ(list->entities[1].provenance.line, 2u);
  EXPECT_EQ(list->info.name, "embargo_crlf");
}

}  // namespace
}  // namespace embargo::internal
