#include <gtest/gtest.h>

#include <map>

#include "embargo/lists.h"
#include "sources/io.h"
#include "sources/loader_test_util.h"
#include "sources/loaders.h"
#include "sources/xlsx_reader.h"

namespace embargo::internal {

// Defined in au_xlsx.cc.
Result<EntityList> LoadAuXlsxWithLimits(const std::string& path,
                                        const XlsxLimits& limits);

namespace {

const std::string kDfat =
    std::string(EMBARGO_SHARED_DATA) +
    "/australia_dfat/2024-12-17/regulation8_consolidated.xlsx";
const std::string kAuFixtures =
    std::string(EMBARGO_SOURCE_DIR) + "/tests/fixtures/au/";

class AuXlsxTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto list = LoadList(kDfat);  // detected as au_xlsx by its zip magic
    ASSERT_TRUE(list.ok()) << list.status().ToString();
    list_ = new EntityList(std::move(*list));
  }
  static void TearDownTestSuite() {
    delete list_;
    list_ = nullptr;
  }
  static EntityList* list_;
};
EntityList* AuXlsxTest::list_ = nullptr;

TEST_F(AuXlsxTest, LoadsEveryReference) {
  ASSERT_NE(list_, nullptr);
  EXPECT_EQ(list_->info.name, "au_dfat");
  EXPECT_EQ(list_->info.format, "au_xlsx");
  // docProps/core.xml modified, 2024-11-11T01:01:21Z.
  EXPECT_EQ(list_->info.published.ToString(), "2024-11-11");
  ASSERT_EQ(list_->entities.size(), 3062u);  // PROVENANCE.md
  std::map<EntityKind, int> kinds;
  std::map<NameType, int> types;
  int original_script = 0;
  for (const Entity& e : list_->entities) {
    ++kinds[e.kind];
    ASSERT_EQ(e.names.front().type, NameType::kPrimary) << e.id;
    for (const Name& n : e.names) {
      ++types[n.type];
      original_script += n.original_script;
    }
    EXPECT_EQ(e.provenance.published.ToString(), "2024-11-11");
  }
  EXPECT_EQ(kinds[EntityKind::kPerson], 2316);
  EXPECT_EQ(kinds[EntityKind::kOrganization], 746);
  EXPECT_EQ(types[NameType::kPrimary], 3062);
  // 6,047 aka and 440 Original Script rows, less 35 rows that repeat a name
  // their listing already has (e.g. 402b and 402c both "Fabio Fusco").
  EXPECT_EQ(types[NameType::kAka], 6047 + 440 - 35);
  // "Formerly known as" (3) and "Previously listed as" (1).
  EXPECT_EQ(types[NameType::kFka], 4);
  // The 439 kept Original Script rows plus 36 aka rows written in a
  // non-Latin script.
  EXPECT_EQ(original_script, 475);
  EXPECT_TRUE(list_->info.unknown_fields.empty());
}

TEST_F(AuXlsxTest, TalibanListing) {
  ASSERT_NE(list_, nullptr);
  const Entity* e = Find(*list_, "au-2");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntityKind::kPerson);
  EXPECT_EQ(e->provenance.record_id, "2");
  EXPECT_EQ(e->provenance.line, 2u);
  EXPECT_EQ(Names(*e), (std::vector<std::string>{"MOHAMMAD HASSAN AKHUND",
                                                 "محمد حسن أخوند"}));
  EXPECT_EQ(e->names[1].type, NameType::kAka);
  EXPECT_TRUE(e->names[1].original_script);
  ASSERT_EQ(e->birth_dates.size(), 2u);
  EXPECT_EQ(e->birth_dates[0].ToString(), "circa 1955..1958");
  EXPECT_EQ(e->birth_dates[1].ToString(), "circa 1945..1950");
  EXPECT_EQ(e->birth_places,
            std::vector<std::string>{
                "Pashmul village, Panjwai District, Kandahar Province, "
                "Afghanistan"});
  EXPECT_EQ(e->citizenships, std::vector<std::string>{"AF"});
  EXPECT_TRUE(e->addresses.empty());  // "NA"
  ASSERT_EQ(e->programs.size(), 1u);
  EXPECT_EQ(e->programs[0].code, "1988 (Taliban)");
  EXPECT_EQ(e->listed_on.ToString(), "2001-01-25");
  ASSERT_EQ(e->remarks.size(), 3u);
  EXPECT_EQ(e->remarks[1],
            "Listed by UN 1267 Committee on 25 January 2001 (amended on 20 "
            "December 2005, 9 July 2007 and 21 Sep 2007, 29 Nov. 2011)");
  EXPECT_EQ(e->remarks[2], "Control date: 2014-12-15");  // serial 41988
}

TEST_F(AuXlsxTest, RowsOfOneListingNeedNotBeAdjacent) {
  ASSERT_NE(list_, nullptr);
  // 2940j comes after 2989's rows in the sheet.
  const Entity* e = Find(*list_, "au-2940");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->kind, EntityKind::kOrganization);
  ASSERT_EQ(e->names.size(), 11u);
  EXPECT_EQ(e->names[0].full, "Chernomorneftegaz");
  EXPECT_EQ(e->names[10].full, "Chernomorneftegaz CJSC");
  // "Prospekt Kirov 52, ...; Zalki Street, ...": two addresses.
  ASSERT_EQ(e->addresses.size(), 2u);
  EXPECT_EQ(e->addresses[1].full,
            "Zalki Street, 1/9, Simferopol, Crimea, 295053");
  EXPECT_EQ(e->listed_on.ToString(), "2017-06-16");
  EXPECT_EQ(e->programs[0].code, "Autonomous (Russia)");
}

TEST(AuXlsxFixtureTest, SmallWorkbook) {
  std::string path = kAuFixtures + "small.xlsx";
  auto list = LoadAuXlsx(path);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->info.published.ToString(), "2024-03-05");
  ASSERT_EQ(list->entities.size(), 2u);
  const Entity& p = list->entities[0];
  EXPECT_EQ(p.id, "au-10");
  EXPECT_EQ(p.kind, EntityKind::kPerson);
  EXPECT_EQ(Names(p),
            (std::vector<std::string>{"John SMITH", "Jon SMITH", "Джон Смит"}));
  EXPECT_TRUE(p.names[2].original_script);
  std::vector<std::string> dates;
  for (const DateSpec& d : p.birth_dates) dates.push_back(d.ToString());
  // A serial, two enumerated dates, and a range with a remark after it.
  EXPECT_EQ(dates, (std::vector<std::string>{"1966-01-01", "1966-06-12",
                                             "circa 1970", "1958..1963"}));
  EXPECT_EQ(p.birth_places, std::vector<std::string>{"London, United Kingdom"});
  EXPECT_EQ(p.citizenships, std::vector<std::string>{"GB"});
  ASSERT_EQ(p.addresses.size(), 1u);  // "b) NA" is no address
  EXPECT_EQ(p.addresses[0].full, "1 Main St, London, United Kingdom");
  EXPECT_EQ(p.addresses[0].country, "GB");
  EXPECT_EQ(p.listed_on.ToString(), "2015-01-05");
  EXPECT_EQ(p.programs[0].code, "Autonomous (Syria)");
  EXPECT_EQ(p.remarks,
            (std::vector<std::string>{
                "Title: Dr", "Listed on 5 Jan. 2015 (amended 2016)",
                "Date of birth: Between 1958 and 1963 (this aka only)",
                "Control date: 2016-01-31"}));
  const Entity& o = list->entities[1];
  EXPECT_EQ(o.id, "au-11");
  EXPECT_EQ(o.kind, EntityKind::kOrganization);
  EXPECT_EQ(Names(o),
            (std::vector<std::string>{"ACME TRADING", "ACME Old Name"}));
  EXPECT_EQ(o.names[1].type, NameType::kFka);
  EXPECT_EQ(o.programs[0].code, "1718 (DPRK)");
  EXPECT_EQ(list->info.unknown_fields,
            (std::map<std::string, std::uint64_t>{{"Extra Column", 1}}));
}

TEST(AuXlsxFixtureTest, NotAZipLoadsNothing) {
  std::string path = kAuFixtures + "not_a_zip.xlsx";
  auto list = LoadAuXlsx(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            path +
                ": not an xlsx workbook (not a readable zip archive: Not a "
                "zip archive)");
}

TEST(AuXlsxFixtureTest, ZipWithoutSheetLoadsNothing) {
  std::string path = kAuFixtures + "no_sheet.xlsx";
  auto list = LoadAuXlsx(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().message(),
            path +
                ": sheet 'Consolidated' (xl/worksheets/list.xml) is missing "
                "from the zip");
}

TEST(AuXlsxFixtureTest, MissingRequiredColumn) {
  std::string path = kAuFixtures + "missing_column.xlsx";
  auto list = LoadAuXlsx(path);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kDataError);
  EXPECT_EQ(list.status().message(),
            path +
                ":1: sheet 'Consolidated': missing required column 'Name "
                "Type'");
}

TEST(AuXlsxFixtureTest, ZipBombIsCapped) {
  std::string path = kAuFixtures + "bomb.xlsx";
  XlsxLimits limits;
  limits.max_member_bytes = 1 << 20;
  auto list = LoadAuXlsxWithLimits(path, limits);
  ASSERT_FALSE(list.ok());
  EXPECT_EQ(list.status().code(), StatusCode::kLimitExceeded);
}

}  // namespace
}  // namespace embargo::internal
