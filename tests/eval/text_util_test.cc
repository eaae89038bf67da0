#include "eval/text_util.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace embargo::eval {
namespace {

TEST(TextUtilTest, DetectsScripts) {
  EXPECT_EQ(DominantScript("Владимир Путин"), Script::kCyrillic);
  EXPECT_EQ(DominantScript("محمد علي"), Script::kArabic);
  EXPECT_EQ(DominantScript("김정은"), Script::kHangul);
  EXPECT_EQ(DominantScript("金正恩"), Script::kHan);
  EXPECT_EQ(DominantScript("José Müller"), Script::kLatin);
  EXPECT_EQ(DominantScript("1234 - ,"), Script::kNone);
  EXPECT_TRUE(IsLatinText("O'NEIL, Seán"));
  EXPECT_FALSE(IsLatinText("Ivan Иванов"));
}

TEST(TextUtilTest, FoldsForComparison) {
  EXPECT_EQ(FoldForCompare("AL-QA'IDA, Inc."), "alqaida inc");
  EXPECT_EQ(FoldForCompare("  Kim   Jong-Un "), "kim jongun");
  EXPECT_EQ(FoldForCompare("KIM , Jong"), "kim jong");
  EXPECT_EQ(FoldForCompare(PunctuationAsSpace("AL-QA'IDA, Inc.")),
            "al qa ida inc");
  EXPECT_EQ(FoldForCompare("U.S.A."), "usa");
}

TEST(TextUtilTest, ReadsQuotedCsvWithComments) {
  std::string path = ::testing::TempDir() + "/eval_text_util.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "\xEF\xBB\xBF"
           "a,b\r\n# comment, skipped\n\"x, y\",\"say \"\"hi\"\"\"\n"
        << "\n3,\"multi\nline\"\n";
  }
  auto rows = ReadCsv(path, '#');
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[0], (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ((*rows)[1], (std::vector<std::string>{"x, y", "say \"hi\""}));
  EXPECT_EQ((*rows)[2], (std::vector<std::string>{"3", "multi\nline"}));
  std::remove(path.c_str());
  EXPECT_FALSE(ReadCsv(path).ok());
}

TEST(TextUtilTest, RngIsSplitMix64) {
  // The reference SplitMix64 sequence for seed 0.
  Rng rng(0);
  EXPECT_EQ(rng.Next(), 0xE220A8397B1DCDAFull);
  EXPECT_EQ(rng.Next(), 0x6E789E6AA1B965F4ull);
  Rng a(42), b(42);
  std::vector<int> va = {1, 2, 3, 4, 5, 6, 7, 8}, vb = va;
  a.Shuffle(&va);
  b.Shuffle(&vb);
  EXPECT_EQ(va, vb);
  EXPECT_NE(SeedFor(1, "typo"), SeedFor(1, "reorder"));
}

}  // namespace
}  // namespace embargo::eval
