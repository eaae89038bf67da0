// Format detection, dispatch and the checks every list passes, over every
// official list file in ../shared/data (the golden counts come from
// PROVENANCE.md, or the measured entity count where records are grouped).
#include "embargo/lists.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>

namespace embargo {
namespace {

const std::string kData = EMBARGO_SHARED_DATA;

struct Golden {
  const char* path;
  ListFormat format;
  const char* list_name;
  size_t entities;
};

// Every list file in an official format (full lists and excerpts; not the
// derived or partial OFAC folders).
constexpr std::array<Golden, 16> kGolden = {{
    {"un_sc/2026-02-27/UN_consolidated.xml", ListFormat::kUnXml, "un_sc", 1003},
    {"un_sc/2025-08-02/consolidatedLegacyByPRN.xml", ListFormat::kUnXml,
     "un_sc", 879},
    {"ofac_sdn/2021-07-07", ListFormat::kOfacCsv, "ofac_sdn", 8976},
    {"ofac_sdn/2021-07-07/sdn.csv", ListFormat::kOfacCsv, "ofac_sdn", 8976},
    {"ofac_sdn/2024-05-03/sdn.csv", ListFormat::kOfacCsv, "ofac_sdn", 14965},
    {"ofac_sdn/2020-04-22_excerpt/sdn.xml", ListFormat::kOfacXml, "ofac_sdn",
     8},
    {"ofac_consolidated/2025-12-19", ListFormat::kOfacCsv, "ofac_cons", 442},
    {"ofac_consolidated/2025-03-28/consolidated.xml", ListFormat::kOfacXml,
     "ofac_cons", 443},
    // 14,160 rows; rows sharing an _id (one subject on several source
    // lists) are one entity.
    {"us_csl/2022-05-16/consolidated.csv.gz", ListFormat::kCsl, "us_csl",
     14048},
    // 581 rows; four repeat name, street and date and are merged.
    {"us_bis_dpl/2022-09-07/dpl.txt", ListFormat::kBisDpl, "us_bis_dpl", 577},
    // 9,717 rows in 2,137 groups.
    {"uk_ofsi/2018-11-29/sanctionsconlist.csv", ListFormat::kUkCsv, "uk_ofsi",
     2137},
    {"uk_ofsi/2020-04-27_excerpt/sample_hmt.csv", ListFormat::kUkCsv, "uk_ofsi",
     6},
    {"eu_fsf/2020-04-15_excerpt/sample_eu.xml", ListFormat::kEuXml, "eu_fsf",
     7},
    {"canada_sema/2025-05-25/cannada.xml", ListFormat::kCaXml, "ca_sema", 4759},
    // 9,553 name rows for 3,062 reference numbers.
    {"australia_dfat/2024-12-17/regulation8_consolidated.xlsx",
     ListFormat::kAuXlsx, "au_dfat", 3062},
    {"uae_local_terrorist_list/LS1309232025.csv", ListFormat::kUaeCsv,
     "uae_ltl", 155},
}};

TEST(ListsTest, EveryOfficialFileLoadsWithItsCounts) {
  for (const Golden& g : kGolden) {
    std::string path = kData + "/" + g.path;
    auto format = DetectListFormat(path);
    ASSERT_TRUE(format.ok()) << path << ": " << format.status().ToString();
    EXPECT_EQ(*format, g.format) << path;
    auto list = LoadList(path);
    ASSERT_TRUE(list.ok()) << path << ": " << list.status().ToString();
    EXPECT_EQ(list->entities.size(), g.entities) << path;
    EXPECT_EQ(list->info.name, g.list_name) << path;
    EXPECT_EQ(list->info.format, ListFormatName(g.format)) << path;
    EXPECT_EQ(list->info.content_hash.rfind("sha256:", 0), 0u) << path;
    EXPECT_EQ(list->info.content_hash.size(), 7u + 64u) << path;
  }
}

TEST(ListsTest, FtmSampleLoads) {
  auto list = LoadList(kData + "/opensanctions/yente_zala/entities.ftm.json");
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->entities.size(), 17u);
}

TEST(ListsTest, FormatNamesRoundTrip) {
  for (ListFormat f : AllListFormats())
    EXPECT_EQ(ParseListFormat(ListFormatName(f)), f);
  EXPECT_FALSE(ParseListFormat("pdf"));
}

class ListsBadInputTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& name, const std::string& content) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  void SetUp() override {
    dir_ = ::testing::TempDir() + "/lists_bad_" + std::to_string(::getpid());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_;
};

TEST_F(ListsBadInputTest, EmptyFile) {
  std::string p = Write("empty.xml", "");
  auto r = LoadList(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataError);
  EXPECT_EQ(r.status().message(), p + ": the file is empty");
}

TEST_F(ListsBadInputTest, FileInAnotherFormat) {
  // The PNG signature and the start of its header chunk, NULs included.
  std::string p =
      Write("image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  auto r = LoadList(p);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(r.status().message(), p + ": content matches no known list format");
  std::string x =
      Write("rss.xml", "<?xml version=\"1.0\"?><rss><channel/></rss>");
  auto rx = LoadList(x);
  ASSERT_FALSE(rx.ok());
  EXPECT_EQ(rx.status().message(),
            x + ": XML with root <rss> is not a known list format");
}

TEST_F(ListsBadInputTest, ForcedFormatThatDoesNotFit) {
  // The UN loader given an OFAC CSV file must fail, not load nothing.
  auto r = LoadList("un_xml:" + kData + "/ofac_sdn/2021-07-07/sdn.csv");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataError);
}

TEST_F(ListsBadInputTest, MissingFile) {
  auto r = LoadList(dir_ + "/nope.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().message(), dir_ + "/nope.xml: no such file");
}

TEST_F(ListsBadInputTest, SameIdInTwoListsIsRejectedWhole) {
  std::string line =
      "{\"id\": \"x-1\", \"schema\": \"Person\", \"properties\": "
      "{\"name\": [\"John Doe\"]}}\n";
  std::string a = Write("a.ftm.json", line);
  std::string b = Write("b.ftm.json", line);
  auto r = LoadLists({a, b});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataError);
  EXPECT_EQ(r.status().message(),
            b + ": entity id x-1 is also defined by " + a);
}

TEST_F(ListsBadInputTest, FolderExpandsToItsLists) {
  std::filesystem::copy_file(kData + "/eu_fsf/2020-04-15_excerpt/sample_eu.xml",
                             dir_ + "/eu.xml");
  Write("README.md", "# not a list\n");
  auto r = LoadLists({dir_});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].info.name, "eu_fsf");
}

TEST_F(ListsBadInputTest, UnknownFileInFolderFailsTheLoad) {
  Write("notes.txt", "just some notes\n");
  auto r = LoadLists({dir_});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            dir_ + "/notes.txt: content matches no known list format");
}

}  // namespace
}  // namespace embargo
