#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "embargo/lists.h"
#include "sources/loader_test_util.h"
#include "sources/loaders.h"

namespace embargo::internal {
namespace {

const std::string kDpl =
    std::string(EMBARGO_SHARED_DATA) + "/us_bis_dpl/2022-09-07/dpl.txt";
const std::string kBisFixtures =
    std::string(EMBARGO_SOURCE_DIR) + "/tests/fixtures/bis_dpl/";

TEST(BisDplTest, RealListCountsMergesAndTypos) {
  auto format = DetectListFormat(kDpl);
  ASSERT_TRUE(format.ok()) << format.status().ToString();
  EXPECT_EQ(*format, ListFormat::kBisDpl);
  auto list = LoadList(kDpl);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.name, "us_bis_dpl");
  EXPECT_EQ(list->info.format, "bis_dpl");
  EXPECT_TRUE(list->info.published.empty());
  // 581 rows; four repeat the name, street and effective date of the row
  // before them (two verbatim, two with another city).
  EXPECT_EQ(list->entities.size(), 577u);
  for (const char* w :
       {":61: row repeats the name, street and effective date of line 60; "
        "merged into one entity",
        ":144: row repeats the name, street and effective date of line 143; "
        "merged into one entity",
        ":392: row repeats the name, street and effective date of line 391; "
        "merged into one entity",
        ":403: row repeats the name, street and effective date of line 402; "
        "merged into one entity",
        ":35: record 1ad80eca07cd: field Last_Update: implausible date "
        "'0222-05-18' ignored",
        ":343: record 9eafca4d2821: field Last_Update: implausible date "
        "'3017-08-22' ignored"})
    EXPECT_TRUE(Has(list->info.warnings, kDpl + w)) << w;
  size_t addresses = 0;
  for (const Entity& e : list->entities) {
    addresses += e.addresses.size();
    ASSERT_EQ(e.programs.size(), 1u);
    EXPECT_EQ(e.programs[0].code, "DPL");
  }
  // Every row has an address; the two verbatim repeats add none.
  EXPECT_EQ(addresses, 579u);
}

TEST(BisDplTest, OneRecord) {
  auto list = LoadList(kDpl);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  // sha256("ABDULAH AL NASSER|605 TRAIL LAKE DRIVE|03/04/2002")
  const Entity* e = Find(*list, "bis-dpl-ea4d618c95c2");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->primary_name(), "ABDULAH AL NASSER");
  EXPECT_EQ(e->names.size(), 1u);
  EXPECT_EQ(e->listed_on.ToString(), "2002-03-04");
  ASSERT_EQ(e->addresses.size(), 1u);
  const Address& a = e->addresses[0];
  EXPECT_EQ(a.street, "605 TRAIL LAKE DRIVE");
  EXPECT_EQ(a.city, "RICHARDSON");
  EXPECT_EQ(a.region, "TX");
  EXPECT_EQ(a.postal_code, "75081");
  EXPECT_EQ(a.country, "US");
  EXPECT_EQ(a.full, "605 TRAIL LAKE DRIVE, RICHARDSON, TX, 75081, US");
  const std::string federal_register =
      "Federal Register: 67 F.R. 56530 9/4/02 67 F.R. 10890 3/11/02 71 F.R. "
      "38843 7/10/06";
  EXPECT_EQ(e->remarks, (std::vector<std::string>{
                            "Expiration date: 2056-06-29",
                            "Last update: 2006-07-11", "Standard order: Y",
                            "Action: 50 YEAR DENIAL", federal_register}));
  EXPECT_EQ(e->provenance.list, "us_bis_dpl");
  EXPECT_EQ(e->provenance.record_id, "ea4d618c95c2");
  EXPECT_EQ(e->provenance.line, 6u);

  // Lines 391 and 392 share an empty street; their cities differ.
  const Entity* hijazi = Find(*list, "bis-dpl-5551e746199f");
  ASSERT_NE(hijazi, nullptr);
  EXPECT_EQ(hijazi->primary_name(), "MUHAMMED ALI HIJAZI");
  ASSERT_EQ(hijazi->addresses.size(), 2u);
  EXPECT_EQ(hijazi->addresses[0].full, "HAUTE SAVOIE, FR");
  EXPECT_EQ(hijazi->addresses[1].full, "GENEVA, CH");
  EXPECT_EQ(hijazi->addresses[1].country, "CH");

  const Entity* pearl = Find(*list, "bis-dpl-2569ba43ff25");
  ASSERT_NE(pearl, nullptr);
  ASSERT_EQ(pearl->names.size(), 2u);
  EXPECT_EQ(pearl->names[0].full, "PEARL LI");
  EXPECT_EQ(pearl->names[1].full, "NEI-CHIEN CHU");
  EXPECT_EQ(pearl->names[1].type, NameType::kAka);
}

TEST(BisDplTest, FixtureMergesRepeatedRows) {
  std::string path = kBisFixtures + "sample.txt";
  auto list = LoadList("bis_dpl:" + path);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->entities.size(), 2u);
  const Entity& john = list->entities[0];
  EXPECT_EQ(john.id, "bis-dpl-5ad48113b535");
  ASSERT_EQ(john.names.size(), 2u);
  EXPECT_EQ(john.names[0].full, "JOHN TESTER");
  EXPECT_EQ(john.names[1].full, "JACK");
  EXPECT_EQ(john.addresses.size(), 1u);
  EXPECT_EQ(john.remarks.size(), 5u);
  const Entity& trading = list->entities[1];
  EXPECT_EQ(trading.id, "bis-dpl-ff0ff5d2ca6f");
  ASSERT_EQ(trading.addresses.size(), 2u);
  EXPECT_EQ(trading.addresses[0].full, "DUBAI, AE");
  EXPECT_EQ(trading.addresses[1].full, "SHARJAH, AE");
  EXPECT_EQ(trading.addresses[1].country, "AE");
  EXPECT_EQ(list->info.warnings,
            (std::vector<std::string>{
                path + ":3: row repeats the name, street and effective date "
                       "of line 2; merged into one entity",
                path + ":4: record ff0ff5d2ca6f: field Last_Update: "
                       "implausible date '3019-03-05' ignored",
                path + ":5: record ff0ff5d2ca6f: field Last_Update: "
                       "implausible date '3019-03-05' ignored",
                path + ":5: row repeats the name, street and effective date "
                       "of line 4; merged into one entity"}));
}

TEST(BisDplTest, MissingRequiredColumn) {
  std::string path = kBisFixtures + "missing_effective_date.txt";
  auto list = LoadList("bis_dpl:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            path + ":1: header: required column 'Effective_Date' is missing");
}

TEST(BisDplTest, ImpossibleEffectiveDate) {
  std::string path = kBisFixtures + "bad_date.txt";
  auto list = LoadList("bis_dpl:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path +
                ":2: record 91f973a84b61: field Effective_Date: impossible "
                "date '02/30/2020'");
}

// Regression: a column name in invalid UTF-8 was loaded as an unknown
// field, and `embargo lists --json` then failed with an internal error.
TEST(BisDplTest, InvalidUtf8InHeaderNamesLineAndColumn) {
  std::string path = kBisFixtures + "bad_utf8_header.txt";
  auto list = LoadList("bis_dpl:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            path + ":1: header column 13: invalid UTF-8");
}

TEST(BisDplTest, TruncatedFile) {
  std::string path = kBisFixtures + "truncated.txt";
  auto list = LoadList("bis_dpl:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path + ":3: quoted field never closed (file truncated?)");
}

TEST(BisDplTest, EmptyFile) {
  std::string path = kBisFixtures + "empty.txt";
  auto list = LoadList("bis_dpl:" + path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path + ": the file is empty (no header row)");
}

}  // namespace
}  // namespace embargo::internal
