#include <gtest/gtest.h>

#include <string>

#include "embargo/lists.h"
#include "sources/loader_test_util.h"
#include "sources/loaders.h"

namespace embargo::internal {
namespace {

const std::string kUae = std::string(EMBARGO_SHARED_DATA) +
                         "/uae_local_terrorist_list/LS1309232025.csv";
const std::string kUaeFixtures =
    std::string(EMBARGO_SOURCE_DIR) + "/tests/fixtures/uae/";

TEST(UaeCsvTest, RealList) {
  auto format = DetectListFormat(kUae);
  ASSERT_TRUE(format.ok()) << format.status().ToString();
  EXPECT_EQ(*format, ListFormat::kUaeCsv);
  auto list = LoadList(kUae);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.name, "uae_ltl");
  EXPECT_EQ(list->info.format, "uae_csv");
  EXPECT_TRUE(list->info.published.empty());
  ASSERT_EQ(list->entities.size(), 155u);
  for (size_t i = 0; i < list->entities.size(); ++i) {
    const Entity& e = list->entities[i];
    EXPECT_EQ(e.id, "uae-" + std::to_string(i + 1));  // numbered 1..155
    EXPECT_EQ(e.kind, EntityKind::kPerson);
    EXPECT_FALSE(e.names[0].original_script) << e.id;  // Latin first
  }
  // Every Arabic country name in the file maps (nationality, issuer,
  // address), so nothing is left to warn about.
  EXPECT_TRUE(list->info.warnings.empty());
  EXPECT_TRUE(list->info.unknown_fields.empty());
}

TEST(UaeCsvTest, OneRecordInBothScripts) {
  auto list = LoadList(kUae);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  const Entity* e = Find(*list, "uae-2");
  ASSERT_NE(e, nullptr);
  ASSERT_EQ(e->names.size(), 2u);
  EXPECT_EQ(e->names[0].full, "ABDULMALIK MOHAMMAD YOUSEF ABDELSALAM");
  EXPECT_EQ(e->names[0].type, NameType::kPrimary);
  EXPECT_EQ(e->names[0].parts.family, "ABDELSALAM");
  EXPECT_EQ(e->names[0].parts.given, "ABDULMALIK MOHAMMAD YOUSEF");
  EXPECT_EQ(e->names[1].full, "عبد الملك محمد يوسف عبد السلام");
  EXPECT_EQ(e->names[1].type, NameType::kAka);
  EXPECT_TRUE(e->names[1].original_script);
  EXPECT_EQ(e->names[1].language, "Arabic");
  ASSERT_EQ(e->birth_dates.size(), 1u);
  EXPECT_EQ(e->birth_dates[0].ToString(), "1989-07-13");
  EXPECT_EQ(e->birth_dates[0].text, "13-07-1989");
  EXPECT_EQ(e->birth_places, std::vector<std::string>{"العراق"});
  EXPECT_EQ(e->nationalities, std::vector<std::string>{"JO"});
  ASSERT_EQ(e->identifiers.size(), 1u);
  EXPECT_EQ(e->identifiers[0].kind, IdKind::kPassport);
  EXPECT_EQ(e->identifiers[0].value, "475336");
  EXPECT_EQ(e->identifiers[0].country, "JO");
  EXPECT_EQ(e->identifiers[0].notes, "issued 2012-05-29");
  ASSERT_EQ(e->addresses.size(), 1u);
  EXPECT_EQ(e->addresses[0].country, "QA");
  EXPECT_EQ(e->listed_on.ToString(), "2017");
  EXPECT_EQ(e->remarks, std::vector<std::string>{
                            "مدرج بموجب قرار مجلس الوزراء رقم (18) لسنة 2017"});
  EXPECT_EQ(e->provenance.list, "uae_ltl");
  EXPECT_EQ(e->provenance.record_id, "2");
  EXPECT_EQ(e->provenance.line, 6u);  // the header's one cell spans 2 lines

  // "A - B - C" Latin spellings and "A أو B" ("or") Arabic ones.
  const Entity* multi = Find(*list, "uae-121");
  ASSERT_NE(multi, nullptr);
  ASSERT_EQ(multi->names.size(), 6u);
  EXPECT_EQ(multi->names[0].full, "Alaa khanfurah");
  EXPECT_EQ(multi->names[2].full, "Alaa Alkhanfurah");
  EXPECT_EQ(multi->names[5].full, "علاء الخنفورة");

  // Two passports in one cell, one per line.
  const Entity* two = Find(*list, "uae-131");
  ASSERT_NE(two, nullptr);
  ASSERT_EQ(two->identifiers.size(), 2u);
  EXPECT_EQ(two->identifiers[0].value, "U24171753");
  EXPECT_EQ(two->identifiers[0].country, "TR");
  EXPECT_EQ(two->identifiers[1].value, "NZ9Y56591");
  EXPECT_EQ(two->identifiers[1].country, "AE");
}

TEST(UaeCsvTest, SampleFixture) {
  std::string path = kUaeFixtures + "sample.csv";
  auto list = LoadList(path);  // detected by its Arabic title row
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->entities.size(), 2u);
  const Entity& a = list->entities[0];
  EXPECT_EQ(a.id, "uae-7");
  ASSERT_EQ(a.names.size(), 4u);
  EXPECT_EQ(a.names[0].full, "AHMED ALI AL-MITHAL");
  EXPECT_EQ(a.names[0].parts.given, "AHMED ALI");
  EXPECT_EQ(a.names[1].full, "AHMAD ALI ALMITHAL");
  EXPECT_FALSE(a.names[1].original_script);
  EXPECT_EQ(a.names[2].full, "أحمد علي المثال");
  EXPECT_EQ(a.names[2].parts.family, "المثال");
  EXPECT_EQ(a.names[3].full, "أبو تجربة");  // the kunya in brackets
  EXPECT_TRUE(a.names[3].original_script);
  EXPECT_EQ(a.birth_dates[0].ToString(), "1980-06-05");
  EXPECT_EQ(a.nationalities, std::vector<std::string>{"EG"});
  ASSERT_EQ(a.addresses.size(), 1u);
  EXPECT_EQ(a.addresses[0].city, "القاهرة");
  EXPECT_EQ(a.addresses[0].country, "EG");
  ASSERT_EQ(a.identifiers.size(), 1u);
  EXPECT_EQ(a.identifiers[0].value, "A1234567");
  EXPECT_EQ(a.identifiers[0].country, "EG");
  EXPECT_EQ(a.identifiers[0].notes, "issued 2015-01-01, expires 2024-12-31");
  EXPECT_EQ(a.listed_on.ToString(), "2019");
  EXPECT_EQ(a.provenance.line, 5u);

  const Entity& b = list->entities[1];
  EXPECT_EQ(b.id, "uae-8");
  EXPECT_EQ(b.nationalities, (std::vector<std::string>{"SA", "KW"}));
  EXPECT_EQ(b.birth_dates[0].ToString(), "1975");
  ASSERT_EQ(b.identifiers.size(), 2u);
  EXPECT_EQ(b.identifiers[0].value, "S111");
  EXPECT_EQ(b.identifiers[0].country, "SA");
  EXPECT_EQ(b.identifiers[1].value, "K222");
  EXPECT_EQ(b.identifiers[1].country, "KW");
}

TEST(UaeCsvTest, MissingRequiredColumn) {
  std::string path = kUaeFixtures + "missing_latin_name.csv";
  auto list = LoadList("uae_csv:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            path +
                ":3: header: required column 'الاسم الكامل (بالحروف "
                "اللاتينية)' (full name, Latin) is missing");
}

TEST(UaeCsvTest, DuplicateNumber) {
  std::string path = kUaeFixtures + "duplicate_number.csv";
  auto list = LoadList("uae_csv:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path + ":6: record id uae-7 is duplicated (first at line 5)");
}

TEST(UaeCsvTest, ImpossibleDateOfBirth) {
  std::string path = kUaeFixtures + "bad_dob.csv";
  auto list = LoadList("uae_csv:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path +
                ":5: record 7: field تاريخ الميلاد (date of birth): "
                "impossible date '31-02-1970'");
}

TEST(UaeCsvTest, InvalidUtf8) {
  std::string path = kUaeFixtures + "bad_utf8.csv";
  auto list = LoadList("uae_csv:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path +
                ":6: record 8: field الاسم الكامل (بالحروف اللاتينية): "
                "invalid UTF-8 (byte 0xFF at offset 6)");
}

TEST(UaeCsvTest, TruncatedFile) {
  std::string path = kUaeFixtures + "truncated.csv";
  auto list = LoadList("uae_csv:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path + ":6: quoted field never closed (file truncated?)");
}

TEST(UaeCsvTest, EmptyFile) {
  std::string path = kUaeFixtures + "empty.csv";
  auto list = LoadList("uae_csv:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(), path + ": the file is empty");
}

}  // namespace
}  // namespace embargo::internal
